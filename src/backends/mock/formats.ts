// Bytes per texel, for the mock's image sizes. Rather than a list of formats, the size is read from the
// format's name, which spells out its components and their bits in both Vulkan and DXGI:
// R8G8B8A8_UNORM = 32 bits, D24_UNORM_S8_UINT = 24 + 8, A2R10G10B10_UNORM_PACK32 = 32. Names that do
// not spell out bits (block-compressed and multi-planar formats) count as 4 bytes, a plausible default.
import { ENUMS } from '../../generated/registry.js';

const DEFAULT_TEXEL_BYTES = 4;
const COMPONENTS = /^(?:[RGBADSXE]\d+)+$/;
const BITS = /[RGBADSXE](\d+)/g;

const byName = new Map<string, number>();
const vkNameOf = new Map<number, string>();
for (const [name, value] of Object.entries(ENUMS.VkFormat.values)) if (!vkNameOf.has(value)) vkNameOf.set(value, name);

/** Texel size for a format name with or without its VK_FORMAT_ / DXGI_FORMAT_ prefix. */
export function texelBytesOfName(name: unknown): number {
  if (typeof name !== 'string') return DEFAULT_TEXEL_BYTES;
  const cached = byName.get(name);
  if (cached !== undefined) return cached;
  const bare = name.replace(/^(VK_FORMAT_|DXGI_FORMAT_)/, '');
  let bytes = DEFAULT_TEXEL_BYTES;
  const pack = /_PACK(8|16|32)$/.exec(bare);
  if (pack) bytes = Number(pack[1]) / 8;
  else {
    let bits = 0;
    for (const token of bare.split('_')) {
      if (!COMPONENTS.test(token)) continue;
      for (const m of token.matchAll(BITS)) bits += Number(m[1]);
    }
    if (bits > 0) bytes = Math.ceil(bits / 8);
  }
  if (byName.size < 4096) byName.set(name, bytes);
  return bytes;
}

export function texelBytes(format: number): number {
  const name = vkNameOf.get(format);
  return name === undefined ? DEFAULT_TEXEL_BYTES : texelBytesOfName(name);
}

/** The VkFormat with the same spelling as a DXGI format name (R8G8B8A8_UNORM), or -1. */
export function vkFormatOfDxgi(name: unknown): number {
  if (typeof name !== 'string') return -1;
  const v = ENUMS.VkFormat.values['VK_FORMAT_' + name.replace(/^DXGI_FORMAT_/, '')];
  return v === undefined ? -1 : v;
}
