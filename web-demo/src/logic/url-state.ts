// The explorer's state lives in the URL hash: `#/route?key=value&…`. A link reproduces what its
// author saw. Structured state (a chain, a request, pasted text) travels as base64url-encoded JSON in
// one parameter (STATE_PARAMS). Views write and read that plain form (encodeState/decodeState); the
// shell packs long state when it writes the URL and unpacks it before a view opens (packParams,
// unpackParams), so a view never sees the compressed form:
//
//   s=eyJ2IjoxLC…        plain: base64url of the JSON's UTF-8 (state up to PACK_ABOVE characters,
//                        and every link made before compression)
//   s=z.q1YqS8xRsjLS…    packed: 'z.' then base64url of the same bytes deflated (raw DEFLATE, RFC 1951)
//
// '.' is outside base64url's alphabet, so no plain value starts with 'z.', and a page from before
// compression reads a packed value as unreadable rather than as something else. The same state always
// gives the same URL: deflate is deterministic, and state packs only above a fixed length.

export const ROUTES = ['types', 'chain', 'resolve', 'play', 'profiles'] as const;
export type Route = (typeof ROUTES)[number];
export const DEFAULT_ROUTE: Route = 'types';

export interface HashLocation { route: Route; params: Record<string, string> }

/** Reads `#/chain?profile=x&s=…`; an unknown route becomes the default one (never throws). */
export function parseHash(hash: string): HashLocation {
  const body = hash.replace(/^#\/?/, '');
  const q = body.indexOf('?');
  const path = q < 0 ? body : body.slice(0, q);
  const route = (ROUTES as readonly string[]).includes(path) ? (path as Route) : DEFAULT_ROUTE;
  const params: Record<string, string> = {};
  if (q >= 0) for (const [k, v] of new URLSearchParams(body.slice(q + 1))) params[k] = v;
  return { route, params };
}

/** The hash for a route and its parameters (undefined and empty values are left out, keys sorted). */
export function formatHash(route: Route, params: Record<string, string | undefined> = {}): string {
  const q = new URLSearchParams();
  for (const k of Object.keys(params).sort()) {
    const v = params[k];
    if (v !== undefined && v !== '') q.set(k, v);
  }
  const qs = q.toString();
  return `#/${route}${qs ? `?${qs}` : ''}`;
}

const BASE64URL = /^[A-Za-z0-9_-]*$/;

/** Bytes → base64url without padding. */
function toBase64url(bytes: Uint8Array): string {
  let bin = '';
  // In slices: String.fromCharCode takes its arguments on the stack.
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** base64url → bytes; throws on text outside the alphabet or of an impossible length. */
function fromBase64url(text: string): Uint8Array {
  if (!BASE64URL.test(text)) throw new SyntaxError('not base64url');
  return Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
}

/** JSON → UTF-8 → base64url (no padding), safe in a URL parameter. */
export function encodeState(value: unknown): string {
  return toBase64url(new TextEncoder().encode(JSON.stringify(value)));
}

/** The inverse of encodeState; undefined for anything that does not decode to JSON (a mangled link). */
export function decodeState<T = unknown>(text: string | undefined): T | undefined {
  if (!text) return undefined;
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(fromBase64url(text))) as T;
  } catch {
    return undefined;
  }
}

/** The parameters that hold encodeState's output: the chain builder's chain, the resolver's request, the playground's pasted text. */
export const STATE_PARAMS: readonly string[] = ['s', 'r', 'text'];
/** What starts a packed value. */
export const PACKED_PREFIX = 'z.';
/**
 * Plain state up to this many characters stays plain: short links stay readable by any base64 tool
 * (a chain or a request is under 1,000), and only long state (a pasted scenario) pays for deflating.
 */
export const PACK_ABOVE = 2000;

/** Runs bytes through a compression or decompression stream, stopping with a RangeError past `maxBytes` out. */
async function pipeBytes(bytes: Uint8Array, stream: CompressionStream | DecompressionStream, maxBytes = Infinity): Promise<Uint8Array> {
  const reader = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(stream).getReader();
  const parts: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      throw new RangeError(`inflates past ${maxBytes} bytes`);
    }
    parts.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
}

/** The packed form of encodeState's output when it is longer than PACK_ABOVE and packing shortens it; otherwise the value as it is. */
export async function packState(plain: string): Promise<string> {
  if (plain.length <= PACK_ABOVE || !BASE64URL.test(plain)) return plain;
  const packed = PACKED_PREFIX + toBase64url(await pipeBytes(fromBase64url(plain), new CompressionStream('deflate-raw')));
  return packed.length < plain.length ? packed : plain;
}

/**
 * The plain form of a packed value (other values come back as they are); undefined when it does not
 * inflate (mangled, cut short) or inflates past `maxBytes` (a few kilobytes of link can inflate to
 * gigabytes). Never throws. Whether the bytes are UTF-8 JSON is decodeState's to say.
 */
export async function unpackState(value: string, maxBytes: number): Promise<string | undefined> {
  if (!value.startsWith(PACKED_PREFIX)) return value;
  try {
    return toBase64url(await pipeBytes(fromBase64url(value.slice(PACKED_PREFIX.length)), new DecompressionStream('deflate-raw'), maxBytes));
  } catch {
    return undefined;
  }
}

/** Whether packParams would change anything (the shell writes at once when not). */
export function hasLongState(params: Record<string, string | undefined>): boolean {
  return STATE_PARAMS.some((k) => (params[k]?.length ?? 0) > PACK_ABOVE && BASE64URL.test(params[k]!));
}

/** The parameters with long state packed (what the shell writes in the URL). */
export async function packParams(params: Record<string, string | undefined>): Promise<Record<string, string | undefined>> {
  const out = { ...params };
  for (const k of STATE_PARAMS) if (out[k]) out[k] = await packState(out[k]!);
  return out;
}

/**
 * The parameters with packed state unpacked (what a view receives). A value that cannot be unpacked
 * becomes empty text, which decodeState reads as undefined: the view opens as for a broken link and
 * says that the link's state could not be read.
 */
export async function unpackParams(params: Record<string, string>, maxBytes: number): Promise<Record<string, string>> {
  const out = { ...params };
  for (const k of STATE_PARAMS) if (out[k] !== undefined) out[k] = (await unpackState(out[k], maxBytes)) ?? '';
  return out;
}
