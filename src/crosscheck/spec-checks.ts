// What a driver must do whatever the model says: outcomes the spec mandates, checked on the driver's
// run alone. The requirements and their predicates are the core's (assembly/conform), the same ones
// `vk-extmem conform` judges; here they are applied to the steps of a scenario. Only a deviation (a
// mandated outcome missed on a call that is valid usage) is reported: a call run under --unsafe that
// breaks a rule is invalid usage, and what the driver does with it is no deviation.
import type { ScenarioRun } from '../session/run-scenario.js';
import type { StepOutcome } from '../session/session.js';
import type { Requirements } from '../conform/requirements.js';
import { resultCode, valid } from '../conform/run.js';
import { entryByName } from '../core/encode.js';
import { chained, num, obj } from '../session/values.js';
import type { Disagreement } from './compare.js';

const IMAGE_QUERIES = new Set(['vkGetPhysicalDeviceImageFormatProperties2', 'vkGetPhysicalDeviceImageFormatProperties2KHR']);
/** The members of VkImageFormatProperties, all 0 when the answer is VK_ERROR_FORMAT_NOT_SUPPORTED. */
const LIMITS = ['maxMipLevels', 'maxArrayLayers', 'sampleCounts', 'maxResourceSize'];
const EXTENT = ['width', 'height', 'depth'];

export function specChecks(run: ScenarioRun, req: Requirements): Disagreement[] {
  const out: Disagreement[] = [];
  // fds the application holds open: a new export must never hand out one of these again.
  const open = new Set<number>();
  for (const s of run.steps) {
    track(open, s);
    if (s.synthetic || s.refused || !s.after || !asWritten(s)) continue;
    const isValid = valid(s);
    const code = resultCode(s) ?? 0;
    const judge = (id: string, observed: number[], driver: () => string) => {
      if (req.judge(id, isValid, ...observed) !== 'deviation') return;
      out.push({
        scenario: run.scenario, file: run.file, call: s.call, name: s.name, process: s.process, kind: 'spec',
        what: `${req.get(id).text} (${id})`, spec: req.url(id), driver: driver(), model: 'as the spec says',
      });
    };
    if (IMAGE_QUERIES.has(s.name)) {
      const ext = chained(obj(s.after.pImageFormatInfo), 'VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_EXTERNAL_IMAGE_FORMAT_INFO');
      const props = obj(s.after.pImageFormatProperties);
      const ext2 = chained(props, 'VK_STRUCTURE_TYPE_EXTERNAL_IMAGE_FORMAT_PROPERTIES');
      const features = ext2 ? num(obj(ext2.externalMemoryProperties).externalMemoryFeatures) : 0;
      if (ext && num(ext.handleType)) judge('image-unsupported-error', [code, features], () => `${s.result} with externalMemoryFeatures 0`);
      const limits = obj(props.imageFormatProperties);
      const extent = obj(limits.maxExtent ?? {});
      const claimed = [
        ...LIMITS.filter((k) => num(limits[k] ?? 0) !== 0),
        ...EXTENT.filter((k) => num(extent[k] ?? 0) !== 0).map((k) => `maxExtent.${k}`),
      ];
      judge('unsupported-limits-zero', [code, claimed.length ? 1 : 0], () => `${s.result} with ${claimed.join(', ')} nonzero`);
    }
    if (s.name === 'vkGetMemoryFdKHR' && code === 0) {
      for (const fd of created(s)) {
        const state = s.held?.find((h) => h.handleKind === 'fd' && h.handle === fd);
        const isOpen = state ? state.open : true;
        judge('export-new-fd', [code, isOpen ? 1 : 0, open.has(fd) ? 0 : 1], () => (isOpen ? `returned fd ${fd}, which the application still holds` : `returned fd ${fd}, which is not open`));
        open.add(fd);
      }
    }
    if (s.kind === 'vk' && s.result !== undefined && entryByName.has(s.name)) {
      judge('result-listed', [entryByName.get(s.name)!, code], () => s.result!);
    }
  }
  return out;
}

/** Follows the fds the application holds through the backend's own events. */
function track(open: Set<number>, s: StepOutcome): void {
  for (const e of s.raw ?? []) {
    if (e.kind === 'handle-closed' && e.handleKind === 'fd') open.delete(e.handle);
    if (e.kind === 'handle-imported' && e.handleKind === 'fd' && e.ownershipMoved) open.delete(e.handle);
    if (e.kind === 'handle-lost' && e.handleKind === 'fd') open.delete(e.handle);
  }
}

/**
 * Whether the driver received the call as the input wrote it. The native backend substitutes a value
 * the process does not own (an fd number from a capture, say) or answers a call itself; the driver's
 * answer to that call says nothing about the call written.
 */
function asWritten(s: StepOutcome): boolean {
  return !(s.raw ?? []).some((e) => e.kind === 'value-substituted' || e.kind === 'not-passed');
}

function created(s: StepOutcome): number[] {
  return (s.raw ?? []).flatMap((e) => (e.kind === 'handle-created' && e.handleKind === 'fd' ? [e.handle] : []));
}
