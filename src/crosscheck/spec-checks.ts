// What a driver must do whatever the model says: outcomes the spec mandates for valid usage, checked on
// the driver's run alone. Each failure is a deviation of the driver, named with the rule.
import type { ScenarioRun } from '../session/run-scenario.js';
import { specLink, type Disagreement } from './compare.js';
import { chained, num, obj } from '../session/values.js';

/** Return codes vkAllocateMemory may give (its "Failure codes"). */
const ALLOCATE_FAILURES = new Set(['VK_ERROR_OUT_OF_HOST_MEMORY', 'VK_ERROR_OUT_OF_DEVICE_MEMORY', 'VK_ERROR_INVALID_EXTERNAL_HANDLE', 'VK_ERROR_INVALID_OPAQUE_CAPTURE_ADDRESS', 'VK_ERROR_UNKNOWN', 'VK_ERROR_VALIDATION_FAILED_EXT']);

export function specChecks(run: ScenarioRun): Disagreement[] {
  const out: Disagreement[] = [];
  // fds the application holds open: a new export must never hand out one of these again.
  const open = new Set<number>();
  for (const s of run.steps) {
    for (const e of s.raw ?? []) {
      if ((e.kind === 'handle-closed' && e.handleKind === 'fd') || (e.kind === 'handle-imported' && e.handleKind === 'fd' && e.ownershipMoved)) open.delete(e.handle);
    }
    if (s.synthetic || s.refused || !s.after) continue;
    const base = { scenario: run.scenario, file: run.file, call: s.call, name: s.name, process: s.process, kind: 'spec' as const, model: 'as the spec says' };
    if (s.name === 'vkGetPhysicalDeviceImageFormatProperties2' || s.name === 'vkGetPhysicalDeviceImageFormatProperties2KHR') {
      const info = obj(s.after.pImageFormatInfo);
      const ext = chained(info, 'VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_EXTERNAL_IMAGE_FORMAT_INFO');
      const props = chained(s.after.pImageFormatProperties, 'VK_STRUCTURE_TYPE_EXTERNAL_IMAGE_FORMAT_PROPERTIES');
      const features = props ? num(obj(props.externalMemoryProperties).externalMemoryFeatures) : 0;
      if (ext && num(ext.handleType) && s.result === 'VK_SUCCESS' && features === 0) {
        out.push({ ...base, what: 'a handle type the image cannot be used with must make the query return VK_ERROR_FORMAT_NOT_SUPPORTED', spec: specLink('VkPhysicalDeviceExternalImageFormatInfo'), driver: 'VK_SUCCESS with externalMemoryFeatures 0' });
      }
    }
    if (s.name === 'vkGetMemoryFdKHR' && s.result === 'VK_SUCCESS') {
      // Each call creates a new file descriptor (the application owns it and must close it).
      const made = (s.raw ?? []).filter((e) => e.kind === 'handle-created' && e.handleKind === 'fd').map((e) => (e as { handle: number }).handle);
      for (const fd of made) {
        if (open.has(fd)) out.push({ ...base, what: 'each vkGetMemoryFdKHR call must create a new file descriptor', spec: specLink('vkGetMemoryFdKHR'), driver: `returned fd ${fd}, which the application still holds` });
        open.add(fd);
      }
    }
    if (s.name === 'vkAllocateMemory' && s.result && s.result.startsWith('VK_ERROR') && !ALLOCATE_FAILURES.has(s.result)) {
      out.push({ ...base, what: 'vkAllocateMemory fails only with its listed failure codes', spec: specLink('vkAllocateMemory'), driver: s.result });
    }
  }
  return out;
}
