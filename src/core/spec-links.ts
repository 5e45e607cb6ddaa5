// Where the specification is. The rules were written against one version (SPEC_VERSION, generated from
// validusage.json); a link to "latest" may one day show a VUID reworded, moved or removed, so links
// name the version line the rules were taken from, and "latest" is offered beside it.
import { SPEC_VERSION } from '../generated/registry.js';

export { SPEC_VERSION };

const REGISTRY = 'https://registry.khronos.org/vulkan/specs';
/** The newest specification, whatever version that is. */
export const SPEC_URL = `${REGISTRY}/latest/html/vkspec.html`;
/** major.minor of SPEC_VERSION ("1.4"): Khronos hosts the newest text of each version line, with every extension. */
export const SPEC_LINE = SPEC_VERSION.split('.').slice(0, 2).join('.');
/** The specification of the version line the rules were written against. */
export const SPEC_VERSION_URL = `${REGISTRY}/${SPEC_LINE}-extensions/html/vkspec.html`;
/** The specification's sources at exactly SPEC_VERSION (the Vulkan-Docs release tag). */
export const SPEC_SOURCE_URL = `https://github.com/KhronosGroup/Vulkan-Docs/tree/v${SPEC_VERSION}`;

/** A link into the version the rules were written against (a VUID, a structure or a command name). */
export function versionedSpecUrl(anchor: string): string {
  return `${SPEC_VERSION_URL}#${anchor}`;
}

/** The same anchor in the newest specification. */
export function latestSpecUrl(anchor: string): string {
  return `${SPEC_URL}#${anchor}`;
}
