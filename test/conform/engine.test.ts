// The conformance engine on stand-in drivers (test doubles from the mock): a clean one draws no deviation
// and no hazard, and each deviant one (one behaviour changed, the way real drivers get it wrong) draws the
// outcome its change must draw, on the assertion it must draw it on. Together the deviants trip every
// requirement the core defines, so every assertion is shown able to fail.
import { beforeAll, describe, expect, it } from 'vitest';
import { createValidator } from '../../src/index.js';
import type { Validator } from '../../src/validator.js';
import { runConformance } from '../../src/conform/engine.js';
import { Requirements } from '../../src/conform/requirements.js';
import type { Assertion, ConformClass, ConformReport, Outcome } from '../../src/conform/types.js';
import { CLASSES } from '../../src/conform/types.js';
import type { AllocateDesc, ImportDesc } from '../../src/backends/types.js';
import { ENUMS } from '../../src/generated/registry.js';
import { D3D11_TEXTURE, DMA_BUF, HOST_ALLOCATION, OPAQUE_FD, OPAQUE_WIN32, R, cleanLinux, cleanWindows, patch, standIn, withLimits, type Tweak } from './stand-ins.js';

const FORMATS = [ENUMS.VkFormat.values.VK_FORMAT_R8G8B8A8_UNORM, ENUMS.VkFormat.values.VK_FORMAT_R32_SFLOAT];

let v: Validator;
beforeAll(async () => { v = await createValidator(); });

function run(profile: 'linux' | 'windows', tweak?: Tweak, classes?: ConformClass[]): ConformReport {
  const p = profile === 'linux' ? cleanLinux() : cleanWindows();
  return runConformance(v, standIn(p, tweak), { formats: FORMATS, backendName: 'stand-in', ...(classes ? { classes } : {}) });
}
const notable = (r: ConformReport) => r.assertions.filter((a) => a.outcome === 'deviation' || a.outcome === 'hazard');
const byRule = (r: ConformReport, rule: string) => r.assertions.filter((a) => a.rule === rule);
const outcomes = (list: Assertion[]) => [...new Set(list.map((a) => a.outcome))].sort();

describe('a clean stand-in', () => {
  for (const profile of ['linux', 'windows'] as const) {
    it(`(${profile}) draws no deviation and no hazard, and every class has passes`, () => {
      const r = run(profile);
      expect(notable(r).map((a) => `${a.id}: ${a.observed}`)).toEqual([]);
      for (const c of CLASSES) expect(r.summary[c].pass, c).toBeGreaterThan(0);
    });
  }
});

/** What one deviant stand-in must draw: requirement id -> outcome on some assertion of it. */
interface Deviant { name: string; profile: 'linux' | 'windows'; classes: ConformClass[]; tweak: Tweak; draws: Record<string, Outcome> }

const fdImports = (d: AllocateDesc) => (d.imports ?? []).filter((i): i is Extract<ImportDesc, { kind: 'fd' }> => i.kind === 'fd');
const fail = { result: R.VK_ERROR_OUT_OF_DEVICE_MEMORY, handle: 0 };
const lostFd = (emit: Parameters<Tweak>[1], fd: number, during: string) => emit({ kind: 'handle-lost', process: 0, handle: fd, handleKind: 'fd', how: 'closed', during });

const DEVIANTS: Deviant[] = [
  // capability
  { name: 'answers VK_SUCCESS without features for a type it cannot use', profile: 'linux', classes: ['capability'], draws: { 'image-unsupported-error': 'deviation' },
    tweak: (b) => patch(b.vulkan, 'externalImageFormatProperties', (f) => (pd, q) => (q.handleType === OPAQUE_WIN32 ? { ...f(pd, q), result: R.VK_SUCCESS } : f(pd, q))) },
  { name: 'leaves limits in an unsupported answer', profile: 'linux', classes: ['capability'], draws: { 'unsupported-limits-zero': 'deviation' },
    tweak: (b) => patch(b.vulkan, 'externalImageFormatProperties', (f) => (pd, q) => { const a = f(pd, q); return a.result === R.VK_ERROR_FORMAT_NOT_SUPPORTED ? withLimits(a, 4096) : a; }) },
  { name: 'leaves the type asked about out of compatibleHandleTypes', profile: 'linux', classes: ['capability'], draws: { 'compatible-includes-self': 'deviation', 'image-compatible-includes-self': 'deviation' },
    tweak: (b) => {
      patch(b.vulkan, 'externalBufferProperties', (f) => (pd, q) => { const a = f(pd, q); return { ...a, compatibleHandleTypes: a.compatibleHandleTypes & ~q.handleType }; });
      patch(b.vulkan, 'externalImageFormatProperties', (f) => (pd, q) => { const a = f(pd, q); return { ...a, external: { ...a.external, compatibleHandleTypes: a.external.compatibleHandleTypes & ~(q.handleType ?? 0) } }; });
    } },
  { name: 'cannot export again what it imported', profile: 'linux', classes: ['capability'], draws: { 'export-from-self': 'hazard' },
    tweak: (b) => patch(b.vulkan, 'externalBufferProperties', (f) => (pd, q) => ({ ...f(pd, q), exportFromImportedHandleTypes: 0 })) },
  { name: 'claims bigger limits with the external structure', profile: 'linux', classes: ['capability'], draws: { 'external-within-plain': 'hazard' },
    tweak: (b) => patch(b.vulkan, 'externalImageFormatProperties', (f) => (pd, q) => { const a = f(pd, q); return q.handleType === OPAQUE_FD && a.result === 0 ? withLimits(a, 1 << 20) : a; }) },
  { name: 'requires a dedicated allocation without preferring one', profile: 'linux', classes: ['capability'], draws: { 'requires-implies-prefers': 'deviation', 'requires-only-for-dedicated-types': 'deviation' },
    tweak: (b) => patch(b.vulkan, 'bufferRequirements', (f) => (dev, buf) => ({ ...f(dev, buf), requiresDedicatedAllocation: true, prefersDedicatedAllocation: false })) },
  { name: 'does not require a dedicated allocation for a DEDICATED_ONLY type', profile: 'windows', classes: ['capability'], draws: { 'dedicated-only-requires': 'hazard' },
    tweak: (b) => patch(b.vulkan, 'imageRequirements', (f) => (dev, img) => ({ ...f(dev, img), requiresDedicatedAllocation: false })) },
  { name: 'does not report DEDICATED_ONLY for D3D11_TEXTURE', profile: 'windows', classes: ['capability'], draws: { 'dedicated-only-d3d': 'deviation' },
    tweak: (b) => patch(b.vulkan, 'externalImageFormatProperties', (f) => (pd, q) => { const a = f(pd, q); return q.handleType === D3D11_TEXTURE ? { ...a, external: { ...a.external, externalMemoryFeatures: a.external.externalMemoryFeatures & ~1 } } : a; }) },
  { name: 'leaves the type out of the NV compatible types', profile: 'windows', classes: ['capability'], draws: { 'nv-compatible-includes-self': 'hazard' },
    tweak: (b) => patch(b.vulkan, 'externalImageFormatPropertiesNV', (f) => (pd, q) => { const a = f(pd, q); return { ...a, external: { ...a.external, compatibleHandleTypes: a.external.compatibleHandleTypes & ~q.handleTypes } }; }) },
  // ignored-when-zero
  { name: 'answers the image query with handle type 0 unlike the plain query', profile: 'linux', classes: ['ignored-when-zero'], draws: { 'image-query-zero-handle-type': 'deviation' },
    tweak: (b) => patch(b.vulkan, 'externalImageFormatProperties', (f) => (pd, q) => (q.handleType === 0 ? { ...f(pd, q), result: R.VK_ERROR_FORMAT_NOT_SUPPORTED } : f(pd, q))) },
  { name: 'answers the NV query with handle type 0 with features', profile: 'windows', classes: ['ignored-when-zero'], draws: { 'nv-query-zero-handle-type': 'deviation' },
    tweak: (b) => patch(b.vulkan, 'externalImageFormatPropertiesNV', (f) => (pd, q) => { const a = f(pd, q); return q.handleTypes === 0 ? { ...a, external: { ...a.external, externalMemoryFeatures: 4 } } : a; }) },
  { name: 'imports an fd whose structure says handle type 0', profile: 'linux', classes: ['ignored-when-zero'], draws: { 'fd-import-zero-handle-type': 'deviation' },
    tweak: (b) => patch(b.vulkan, 'allocate', (f) => (p, dev, d) => f(p, dev, { ...d, ...(d.imports ? { imports: d.imports.map((i) => (i.kind === 'fd' && i.handleType === 0 ? { ...i, handleType: OPAQUE_FD } : i)) } : {}) })) },
  { name: 'imports a host pointer whose structure says handle type 0', profile: 'linux', classes: ['ignored-when-zero'], draws: { 'host-import-zero-handle-type': 'hazard' },
    tweak: (b) => patch(b.vulkan, 'allocate', (f) => (p, dev, d) => f(p, dev, { ...d, ...(d.imports ? { imports: d.imports.map((i) => (i.kind === 'host' && i.handleType === 0 ? { ...i, handleType: HOST_ALLOCATION } : i)) } : {}) })) },
  { name: 'imports a Win32 handle whose structure says handle type 0', profile: 'windows', classes: ['ignored-when-zero'], draws: { 'win32-import-zero-handle-type': 'deviation' },
    tweak: (b) => patch(b.vulkan, 'allocate', (f) => (p, dev, d) => f(p, dev, { ...d, ...(d.imports ? { imports: d.imports.map((i) => (i.kind === 'win32' && i.handleType === 0 ? { ...i, handleType: OPAQUE_WIN32 } : i)) } : {}) })) },
  { name: 'refuses an allocation carrying the NV import structure with handle type 0', profile: 'windows', classes: ['ignored-when-zero'], draws: { 'win32-nv-import-zero-handle-type': 'deviation' },
    tweak: (b) => patch(b.vulkan, 'allocate', (f) => (p, dev, d) => ((d.imports ?? []).some((i) => i.kind === 'win32-nv') ? { result: R.VK_ERROR_INVALID_EXTERNAL_HANDLE, handle: 0 } : f(p, dev, d))) },
  { name: 'refuses an allocation that exports handle types 0', profile: 'linux', classes: ['ignored-when-zero'], draws: { 'export-zero-handle-types': 'hazard' },
    tweak: (b) => patch(b.vulkan, 'allocate', (f) => (p, dev, d) => (d.exportTypes === 0 ? { result: R.VK_ERROR_INVALID_EXTERNAL_HANDLE, handle: 0 } : f(p, dev, d))) },
  { name: 'aligns resources made with handle types 0 differently', profile: 'linux', classes: ['ignored-when-zero'], draws: { 'buffer-external-zero-handle-types': 'hazard', 'image-external-zero-handle-types': 'hazard' },
    tweak: (b) => {
      const zero = new Set<number>();
      patch(b.vulkan, 'createBuffer', (f) => (dev, d) => { const r = f(dev, d); if (d.externalHandleTypes === 0) zero.add(r.handle); return r; });
      patch(b.vulkan, 'createImage', (f) => (dev, d) => { const r = f(dev, d); if (d.externalHandleTypes === 0) zero.add(r.handle); return r; });
      patch(b.vulkan, 'bufferRequirements', (f) => (dev, x) => ({ ...f(dev, x), ...(zero.has(x) ? { alignment: 1 << 16 } : {}) }));
      patch(b.vulkan, 'imageRequirements', (f) => (dev, x) => ({ ...f(dev, x), ...(zero.has(x) ? { alignment: 1 << 16 } : {}) }));
    } },
  // ownership
  { name: 'hands out the number of an fd the application still holds', profile: 'linux', classes: ['ownership'], draws: { 'export-new-fd': 'deviation' },
    tweak: (b) => { let first = -1; patch(b.vulkan, 'getFd', (f) => (p, dev, mem, t) => { const r = f(p, dev, mem, t); if (first < 0) first = r.value; return { ...r, value: first }; }); } },
  { name: 'closes the fd of an import that fails (and fails valid imports)', profile: 'linux', classes: ['ownership', 'payload'], draws: { 'failed-import-keeps-fd': 'deviation', 'import-aliases-export': 'deviation' },
    tweak: (b, emit) => patch(b.vulkan, 'allocate', (f) => (p, dev, d) => {
      const fds = fdImports(d).filter((i) => i.handleType !== 0);
      if (!fds.length) return f(p, dev, d);
      for (const i of fds) { b.operations.close(p, { fd: i.fd }); lostFd(emit, i.fd, 'allocate'); }
      return fail;
    }) },
  { name: 'closes the fd a properties query was given', profile: 'linux', classes: ['ownership'], draws: { 'properties-keeps-fd': 'deviation' },
    tweak: (b, emit) => patch(b.vulkan, 'fdProperties', (f) => (p, dev, t, fd) => { const r = f(p, dev, t, fd); b.operations.close(p, { fd }); lostFd(emit, fd, 'fdProperties'); return r; }) },
  { name: 'closes an fd it was not given', profile: 'linux', classes: ['ownership'], draws: { 'call-keeps-other-fds': 'deviation' },
    tweak: (b, emit) => patch(b.vulkan, 'allocate', (f) => (p, dev, d) => {
      const given = new Set(fdImports(d).map((i) => i.fd));
      const other = b.fds(p).find((x) => !given.has(x.fd));
      if (other) { b.operations.close(p, { fd: other.fd }); lostFd(emit, other.fd, 'allocate'); }
      return f(p, dev, d);
    }) },
  { name: 'closes the NT handle an import was given', profile: 'windows', classes: ['ownership'], draws: { 'nt-import-keeps-handle': 'deviation' },
    tweak: (b) => patch(b.vulkan, 'allocate', (f) => (p, dev, d) => {
      const r = f(p, dev, d);
      for (const i of d.imports ?? []) if (i.kind === 'win32' && i.handleType === OPAQUE_WIN32 && i.handle) b.operations.CloseHandle(p, { hObject: i.handle }).result;
      return r;
    }) },
  { name: 'hands out an NT handle the application already holds', profile: 'windows', classes: ['ownership'], draws: { 'export-new-nt-handle': 'deviation' },
    tweak: (b) => { let first = -1; patch(b.vulkan, 'getWin32Handle', (f) => (p, dev, mem, t) => { const r = f(p, dev, mem, t); if (t !== OPAQUE_WIN32) return r; if (first < 0) first = r.value; return { ...r, value: first }; }); } },
  // payload
  { name: 'makes fresh memory for an fd import', profile: 'linux', classes: ['payload'], draws: { 'import-aliases-export': 'deviation' },
    tweak: (b) => patch(b.vulkan, 'allocate', (f) => (p, dev, d) => f(p, dev, fdImports(d).some((i) => i.handleType !== 0) ? { ...d, imports: [] } : d)) },
  { name: 'copies host memory at import', profile: 'linux', classes: ['payload'], draws: { 'host-import-aliases': 'deviation' },
    tweak: (b) => patch(b.vulkan, 'allocate', (f) => (p, dev, d) => f(p, dev, (d.imports ?? []).some((i) => i.kind === 'host') ? { ...d, imports: [] } : d)) },
  // error-path
  { name: 'returns a code vkCreateBuffer does not list', profile: 'linux', classes: ['capability', 'error-path'], draws: { 'result-listed': 'deviation' },
    tweak: (b) => patch(b.vulkan, 'createBuffer', (f) => (dev, d) => (d.externalHandleTypes === DMA_BUF ? { result: R.VK_ERROR_FORMAT_NOT_SUPPORTED, handle: 0 } : f(dev, d))) },
  { name: 'refuses a second import of host memory with the wrong code', profile: 'linux', classes: ['error-path'], draws: { 'host-import-failure-code': 'deviation' },
    tweak: (b) => { let n = 0; patch(b.vulkan, 'allocate', (f) => (p, dev, d) => ((d.imports ?? []).some((i) => i.kind === 'host') && n++ > 0 ? { result: R.VK_ERROR_OUT_OF_POOL_MEMORY, handle: 0 } : f(p, dev, d))); } },
];

describe('deviant stand-ins (test doubles)', () => {
  for (const d of DEVIANTS) {
    it(`a driver that ${d.name}: ${Object.entries(d.draws).map(([r, o]) => `${r} → ${o}`).join(', ')}`, () => {
      const r = run(d.profile, d.tweak, d.classes);
      for (const [rule, outcome] of Object.entries(d.draws)) {
        expect(outcomes(byRule(r, rule)), `${rule}: ${byRule(r, rule).map((a) => `${a.id} ${a.outcome}: ${a.observed}`).join('\n')}`).toContain(outcome);
      }
      // The clean stand-in draws neither on the same requirements (a pass, or nothing to check: a clean
      // driver fails no import, so no failed import is there to judge).
      const clean = run(d.profile, undefined, d.classes);
      for (const rule of Object.keys(d.draws)) {
        expect(outcomes(byRule(clean, rule)), rule).not.toContain('deviation');
        expect(outcomes(byRule(clean, rule)), rule).not.toContain('hazard');
        expect(byRule(clean, rule).length, rule).toBeGreaterThan(0);
      }
    });
  }

  it('together they trip every requirement the core defines', () => {
    const tripped = new Set(DEVIANTS.flatMap((d) => Object.keys(d.draws)));
    const all = new Requirements(v.core).all().map((r) => r.id);
    expect(all.filter((id) => !tripped.has(id))).toEqual([]);
  });
});
