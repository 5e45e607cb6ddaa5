// Real gfxreconstruct captures of a small C program on lavapipe: valid runs are clean, misuses give
// the right VUID. The committed captures are checked always; CI also re-captures them on the real
// driver and checks the fresh ones the same way.
import { describe, it, expect } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateFile } from '../src/index.js';
import { itNeeds } from './helpers/system.js';

const committed = 'test/fixtures/captures';
const expected: Record<string, string[]> = {
  'valid-buffer': [],
  'valid-dedicated-image': [],
  'valid-host-pointer': [],
  'misuse-import-size': ['VUID-VkMemoryAllocateInfo-allocationSize-01742'],
  'misuse-export-type': ['VUID-VkMemoryGetFdInfoKHR-handleType-00671'],
  'misuse-bind-handle-types': ['VUID-vkBindBufferMemory-memory-02726'],
  'misuse-host-pointer-align': ['VUID-VkImportMemoryHostPointerInfoEXT-pHostPointer-01749'],
};

async function errorsOf(file: string): Promise<string[]> {
  const r = await validateFile(file);
  expect(r.calls).toBeGreaterThan(5);
  return r.findings.filter((f) => f.severity === 'error').map((f) => f.vuid).sort();
}

describe('committed lavapipe captures', () => {
  for (const [name, vuids] of Object.entries(expected)) {
    it(`${name}: reports exactly ${vuids.length ? vuids.join(', ') : 'nothing'}`, async () => {
      expect(await errorsOf(join(committed, `${name}.jsonl`))).toEqual(vuids);
    });
  }
  it('every committed capture is covered by this test', () => {
    const files = readdirSync(committed).filter((f) => f.endsWith('.jsonl')).map((f) => f.replace(/\.jsonl$/, ''));
    expect(files.sort()).toEqual(Object.keys(expected).sort());
  });
});

const tools = ['gcc', 'gfxrecon-convert'].every((t) => { try { execFileSync('sh', ['-c', `command -v ${t}`]); return true; } catch { return false; } })
  && existsSync('/usr/share/vulkan/icd.d/lvp_icd.x86_64.json') && existsSync('/usr/include/vulkan/vulkan.h');
const liveIt = itNeeds(tools, 'gcc, gfxreconstruct, libvulkan-dev and lavapipe (mesa-vulkan-drivers) are needed to capture');

describe('fresh captures on lavapipe', () => {
  liveIt('capturing the probe again gives the same verdicts', async () => {
    const out = mkdtempSync(join(tmpdir(), 'vkx-capture-'));
    execFileSync('bash', ['scripts/capture-fixtures.sh'], { env: { ...process.env, CAPTURE_OUT: out }, stdio: 'pipe' });
    for (const [name, vuids] of Object.entries(expected)) {
      expect(await errorsOf(join(out, `${name}.jsonl`)), name).toEqual(vuids);
    }
  }, 180000);
});

const vulkaninfo = tools && (() => { try { execFileSync('sh', ['-c', 'command -v vulkaninfo']); return true; } catch { return false; } })();
const vulkaninfoIt = itNeeds(!!vulkaninfo, 'vulkaninfo (vulkan-tools), gfxreconstruct and lavapipe are needed');

describe('a capture of a program we did not write', () => {
  vulkaninfoIt('vulkaninfo on lavapipe (long pNext chains, gfxrecon-convert quirks) is read and clean', async () => {
    const out = mkdtempSync(join(tmpdir(), 'vkx-vulkaninfo-'));
    const env = {
      ...process.env, VK_INSTANCE_LAYERS: 'VK_LAYER_LUNARG_gfxreconstruct', GFXRECON_CAPTURE_FILE: join(out, 'vi.gfxr'),
      GFXRECON_CAPTURE_FILE_TIMESTAMP: 'false', GFXRECON_CAPTURE_COMPRESSION_TYPE: 'NONE',
      VK_ICD_FILENAMES: '/usr/share/vulkan/icd.d/lvp_icd.x86_64.json', NODEVICE_SELECT: '1', XDG_RUNTIME_DIR: out,
    };
    execFileSync('vulkaninfo', [], { env, stdio: 'ignore', timeout: 60000 });
    execFileSync('gfxrecon-convert', ['--output', join(out, 'vi.jsonl'), join(out, 'vi.gfxr')], { stdio: 'ignore' });
    const r = await validateFile(join(out, 'vi.jsonl'));
    expect(r.calls).toBeGreaterThan(50);
    expect(r.findings.filter((f) => f.severity === 'error')).toEqual([]);
  }, 120000);
});
