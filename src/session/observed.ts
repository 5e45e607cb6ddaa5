// What the calls so far have answered, by the scenario's names: memory types, memory requirements of
// each buffer and image, memoryTypeBits of each handle. Placeholders in later steps read from here,
// whether the answers came from a backend or were written in the scenario itself.
import { num, obj, chained, type Json } from './values.js';

export interface Requirements { size: number; alignment: number; memoryTypeBits: number }

export class Observed {
  memoryTypes: number[] = []; // propertyFlags by index
  requirements = new Map<string, Requirements>();
  handleBits = new Map<string, number>();
  /** The adapter LUID the device reported (dash-separated bytes), for D3D resources on the same adapter. */
  deviceLUID: string | undefined;
  /**
   * Names whose answer was asked for but not given: the query was refused or failed on the backend. A
   * later placeholder that needs one is not an error of the scenario but a consequence of that step.
   */
  unanswered = new Map<string, string>();

  /** The call `name` (with these args) was asked and did not answer: `why` says what happened. */
  miss(name: string, args: Json, why: string): void {
    const key = answeredName(name, args);
    if (key !== undefined) this.unanswered.set(key, why);
  }

  /** Takes in a call's outputs (its args after the call). */
  take(name: string, args: Json): void {
    switch (name) {
      case 'vkGetPhysicalDeviceProperties2':
      case 'vkGetPhysicalDeviceProperties2KHR': {
        const id = chained(args.pProperties, 'VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_ID_PROPERTIES');
        if (id && typeof id.deviceLUID === 'string') this.deviceLUID = id.deviceLUID;
        break;
      }
      case 'vkGetPhysicalDeviceMemoryProperties':
      case 'vkGetPhysicalDeviceMemoryProperties2':
      case 'vkGetPhysicalDeviceMemoryProperties2KHR': {
        let p = obj(args.pMemoryProperties);
        const two = name !== 'vkGetPhysicalDeviceMemoryProperties';
        if (two) p = obj(p.memoryProperties);
        const at = two ? 'pMemoryProperties.memoryProperties' : 'pMemoryProperties';
        const types = Array.isArray(p.memoryTypes) ? p.memoryTypes : [];
        const count = p.memoryTypeCount === undefined ? types.length : Math.min(num(p.memoryTypeCount, `${at}.memoryTypeCount`), types.length);
        this.memoryTypes = types.slice(0, count).map((t, i) => num(obj(t).propertyFlags, `${at}.memoryTypes[${i}].propertyFlags`));
        break;
      }
      case 'vkGetBufferMemoryRequirements':
      case 'vkGetImageMemoryRequirements':
        this.requirements.set(answeredName(name, args)!, reqs(obj(args.pMemoryRequirements), 'pMemoryRequirements'));
        break;
      case 'vkGetBufferMemoryRequirements2':
      case 'vkGetBufferMemoryRequirements2KHR':
      case 'vkGetImageMemoryRequirements2':
      case 'vkGetImageMemoryRequirements2KHR':
        this.requirements.set(answeredName(name, args)!, reqs(obj(obj(args.pMemoryRequirements).memoryRequirements), 'pMemoryRequirements.memoryRequirements'));
        break;
      case 'vkGetMemoryWin32HandlePropertiesKHR':
        this.handleBits.set(answeredName(name, args)!, num(obj(args.pMemoryWin32HandleProperties).memoryTypeBits, 'pMemoryWin32HandleProperties.memoryTypeBits'));
        break;
      case 'vkGetMemoryFdPropertiesKHR':
        this.handleBits.set(answeredName(name, args)!, num(obj(args.pMemoryFdProperties).memoryTypeBits, 'pMemoryFdProperties.memoryTypeBits'));
        break;
      case 'vkGetMemoryHostPointerPropertiesEXT':
        this.handleBits.set(answeredName(name, args)!, num(obj(args.pMemoryHostPointerProperties).memoryTypeBits, 'pMemoryHostPointerProperties.memoryTypeBits'));
        break;
    }
  }
}

/** The scenario's name an answer of `name` is kept under (undefined for calls whose answers are not kept by name). */
function answeredName(name: string, args: Json): string | undefined {
  switch (name) {
    case 'vkGetBufferMemoryRequirements':
    case 'vkGetImageMemoryRequirements':
      return String(args.buffer ?? args.image);
    case 'vkGetBufferMemoryRequirements2':
    case 'vkGetBufferMemoryRequirements2KHR':
    case 'vkGetImageMemoryRequirements2':
    case 'vkGetImageMemoryRequirements2KHR': {
      const info = obj(args.pInfo);
      return String(info.buffer ?? info.image);
    }
    case 'vkGetMemoryWin32HandlePropertiesKHR': return String(args.handle);
    case 'vkGetMemoryFdPropertiesKHR': return String(args.fd);
    case 'vkGetMemoryHostPointerPropertiesEXT': return String(args.pHostPointer);
  }
  return undefined;
}

function reqs(r: Json, at: string): Requirements {
  return { size: num(r.size, `${at}.size`), alignment: num(r.alignment, `${at}.alignment`), memoryTypeBits: num(r.memoryTypeBits, `${at}.memoryTypeBits`) };
}
