// The model against the Khronos validation layer on lavapipe: the misuse scenarios a Linux driver can run,
// with Debian's layer (1.3.239) and with the newer build in Debian's chromium package. No VUID may be
// reported by the layer alone (that would be a model bug or a disagreement to document); what both report
// and what only the model reports are pinned, so a layer or model change is noticed.
import { describe, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { itNeeds } from '../helpers/system.js';

const addon = existsSync('native/build/Release/vkextmem.node');
const icd = '/usr/share/vulkan/icd.d/lvp_icd.x86_64.json';
const systemLayer = '/usr/share/vulkan/explicit_layer.d/VkLayer_khronos_validation.json';
const chromiumLayer = '/usr/lib/chromium/libVkLayer_khronos_validation.so';

function layerRun(extra: string[], status = 0) {
  const r = spawnSync(process.execPath, ['bin/vk-extmem.js', 'crosscheck', '--layer', '--format', 'json', ...extra], { encoding: 'utf8', env: { ...process.env, VK_ICD_FILENAMES: icd }, maxBuffer: 64 << 20 });
  expect(r.status, r.stderr).toBe(status);
  const results = JSON.parse(r.stdout).results as Array<{ scenario: string; calls: Array<{ call: number; both: string[]; modelOnly: string[]; layerOnly: string[] }> }>;
  const list = (k: 'both' | 'modelOnly' | 'layerOnly') => results.flatMap((x) => x.calls.flatMap((c) => c[k].map((v) => `${x.scenario} ${c.call} ${v}`)));
  return { both: list('both'), modelOnly: list('modelOnly'), layerOnly: list('layerOnly') };
}

describe('the model against VK_LAYER_KHRONOS_validation on lavapipe', () => {
  const ready = addon && existsSync(icd) && existsSync(systemLayer);
  itNeeds(ready, 'needs the native addon, lavapipe and vulkan-validationlayers')('Debian\'s layer 1.3.239', () => {
    const r = layerRun([]);
    expect(r.layerOnly).toEqual([]);
    expect(r.both).toEqual(['core.allocation_size_zero 7 VUID-VkMemoryAllocateInfo-allocationSize-00638']);
    expect(r.modelOnly).toEqual(expect.arrayContaining([
      'opaque_fd.export_type_not_requested 10 VUID-VkMemoryGetFdInfoKHR-handleType-00671',
      'opaque_fd.import_fd_minus_one 12 VUID-VkImportMemoryFdInfoKHR-handleType-00670',
      'opaque_fd.import_wrong_memory_type 13 VUID-VkMemoryAllocateInfo-allocationSize-01742',
      'host_pointer.import_misaligned 10 VUID-VkImportMemoryHostPointerInfoEXT-pHostPointer-01749',
    ]));
  }, 300_000);
  itNeeds(addon && existsSync(icd) && existsSync(chromiumLayer), 'needs the native addon, lavapipe and chromium (its newer layer)')('the newer layer of Debian\'s chromium', () => {
    const r = layerRun(['--layer-path', 'chromium']);
    expect(r.layerOnly).toEqual([]);
    expect(r.both).toEqual([
      'core.allocation_size_zero 7 VUID-VkMemoryAllocateInfo-allocationSize-00638',
      'opaque_fd.export_type_not_requested 10 VUID-VkMemoryGetFdInfoKHR-handleType-00671',
      'opaque_fd.import_fd_minus_one 12 VUID-VkImportMemoryFdInfoKHR-handleType-00670',
    ]);
    expect(r.modelOnly).toContain('opaque_fd.import_wrong_memory_type 13 VUID-VkMemoryAllocateInfo-allocationSize-01742');
  }, 300_000);
  itNeeds(ready, 'needs the native addon, lavapipe and vulkan-validationlayers')('a VUID only the layer reports fails the run (exit 1), in JSON and JUnit', () => {
    // A rule outside the model's scope: a buffer of size 0 (VUID-VkBufferCreateInfo-size-00912).
    const sc = JSON.parse(readFileSync('scenarios/misuse/opaque_fd.import_wrong_memory_type.scenario.json', 'utf8'));
    sc.scenario = 'core.buffer_of_size_zero';
    sc.steps.find((x: { vkFunc?: { name: string } }) => x.vkFunc?.name === 'vkCreateBuffer').vkFunc.args.pCreateInfo.size = 0;
    const file = join(mkdtempSync(join(tmpdir(), 'vkx-layer-only-')), 'size0.scenario.json');
    writeFileSync(file, JSON.stringify(sc));
    expect(layerRun([file], 1).layerOnly).toEqual(['core.buffer_of_size_zero 7 VUID-VkBufferCreateInfo-size-00912']);
    const junit = spawnSync(process.execPath, ['bin/vk-extmem.js', 'crosscheck', '--layer', '--format', 'junit', file], { encoding: 'utf8', env: { ...process.env, VK_ICD_FILENAMES: icd } });
    expect(junit.status).toBe(1);
    expect(junit.stdout).toMatch(/<failure message="the layer reports 1 VUID\(s\) the model does not">call 7 vkCreateBuffer: VUID-VkBufferCreateInfo-size-00912<\/failure>/);
  }, 300_000);
});
