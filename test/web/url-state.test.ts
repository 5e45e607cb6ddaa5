// The explorer's URL state: routes and parameters round-trip, structured state survives any text, long
// state travels compressed (old plain links still open), and a mangled link never throws.
import { describe, it, expect } from 'vitest';
import { deflateRawSync } from 'node:zlib';
import { parseHash, formatHash, encodeState, decodeState, DEFAULT_ROUTE, PACK_ABOVE, PACKED_PREFIX, packState, unpackState, packParams, unpackParams, hasLongState } from '../../web-demo/src/logic/url-state.js';

describe('URL hash state', () => {
  it('parses a route and its parameters', () => {
    expect(parseHash('#/chain?profile=lavapipe&s=abc')).toEqual({ route: 'chain', params: { profile: 'lavapipe', s: 'abc' } });
    expect(parseHash('#/profiles')).toEqual({ route: 'profiles', params: {} });
  });

  it('sends an empty or unknown route to the default view', () => {
    expect(parseHash('').route).toBe(DEFAULT_ROUTE);
    expect(parseHash('#/nowhere?x=1')).toEqual({ route: DEFAULT_ROUTE, params: { x: '1' } });
  });

  it('formats parameters sorted, leaving out empty ones, and parses back what it wrote', () => {
    const hash = formatHash('resolve', { source: 'd3d12-heap', type: 'D3D12_HEAP', empty: '', gone: undefined, profile: 'a b&c' });
    expect(hash).toBe('#/resolve?profile=a+b%26c&source=d3d12-heap&type=D3D12_HEAP');
    expect(parseHash(hash)).toEqual({ route: 'resolve', params: { profile: 'a b&c', source: 'd3d12-heap', type: 'D3D12_HEAP' } });
  });

  it('round-trips structured state with any text in it', () => {
    const state = { v: 1, name: 'Local\\vk-extmem ✓ <img src=x onerror=alert(1)>', n: [1, 2.5, -3], nested: { a: null } };
    const text = encodeState(state);
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeState(text)).toEqual(state);
    expect(decodeState(parseHash(formatHash('chain', { s: text })).params.s)).toEqual(state);
  });

  it('gives undefined for mangled state instead of throwing', () => {
    for (const bad of [undefined, '', '%%%', 'not base64!', encodeState({ a: 1 }).slice(0, 5), btoa('\xff\xfe{').replace(/=/g, '')]) {
      expect(decodeState(bad)).toBeUndefined();
    }
  });
});

describe('compressed state in links', () => {
  // A long chain-like state: repeated structure, as real state has, so it deflates well.
  const long = { v: 1, steps: Array.from({ length: 60 }, (_, i) => ({ call: i + 1, name: 'vkAllocateMemory', args: { allocationSize: 1024 * i, memoryTypeIndex: i % 3 } })) };
  const MAX = 1024 * 1024;
  const deflate = (bytes: Uint8Array) => PACKED_PREFIX + Buffer.from(deflateRawSync(bytes)).toString('base64url');

  it('packs state longer than PACK_ABOVE behind the z. marker; shorter state stays plain', async () => {
    const plain = encodeState(long);
    expect(plain.length).toBeGreaterThan(PACK_ABOVE);
    const packed = await packState(plain);
    expect(packed.startsWith('z.')).toBe(true);
    expect(packed.slice(2)).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(packed.length).toBeLessThan(plain.length / 4);
    // Same state, same link.
    expect(await packState(encodeState(long))).toBe(packed);
    const short = encodeState({ v: 1, profile: 'lavapipe' });
    expect(await packState(short)).toBe(short);
    // A plain decoder (a page from before compression) reads a packed value as unreadable, never as other state.
    expect(decodeState(packed)).toBeUndefined();
    expect(decodeState(await unpackState(packed, MAX))).toEqual(long);
  });

  it('packs only the state parameters, and unpacks what the shell reads back to the plain form', async () => {
    const s = encodeState(long);
    const q = await packParams({ s, profile: 'x'.repeat(3000), scenario: 'misuse/a' });
    expect(hasLongState({ s })).toBe(true);
    expect(hasLongState({ s: encodeState({ v: 1 }), profile: 'x'.repeat(3000) })).toBe(false);
    expect(q.s!.startsWith(PACKED_PREFIX)).toBe(true);
    expect(q.profile).toBe('x'.repeat(3000));
    // Through the hash and back, as the shell does.
    const { params } = parseHash(formatHash('chain', q));
    expect(await unpackParams(params, MAX)).toEqual({ s, profile: 'x'.repeat(3000), scenario: 'misuse/a' });
    // A packed value that is already packed is left as it is.
    expect(await packParams(q)).toEqual(q);
  });

  it('opens old links (plain base64url JSON) exactly as before', async () => {
    const plain = encodeState(long);
    const params = { s: plain, r: encodeState({ profile: 'lavapipe' }), text: encodeState('{"steps":[]}') };
    expect(await unpackParams(params, MAX)).toEqual(params);
    expect(decodeState((await unpackParams(params, MAX)).s)).toEqual(long);
  });

  it('reads what another deflate wrote (zlib here, the browser there)', async () => {
    const bytes = new TextEncoder().encode(JSON.stringify(long));
    expect(decodeState(await unpackState(deflate(bytes), MAX))).toEqual(long);
  });

  it('gives unreadable packed state to the view as empty text, never throwing: mangled, cut short, a bomb, not UTF-8', async () => {
    const good = await packState(encodeState(long));
    const bomb = deflate(new Uint8Array(MAX + 1).fill(0x20));
    expect(bomb.length).toBeLessThan(3000);
    const notUtf8 = deflate(Uint8Array.from([0xff, 0xfe, 0x7b]));
    for (const bad of ['z.', 'z.%%%', 'z.not base64!', good.slice(0, good.length / 2), good.slice(0, -1) + (good.endsWith('A') ? 'B' : 'A'), 'z.AAAA', bomb]) {
      expect(await unpackState(bad, MAX), bad.slice(0, 40)).toBeUndefined();
      expect(await unpackParams({ s: bad, r: bad, text: bad, profile: 'lavapipe' }, MAX)).toEqual({ s: '', r: '', text: '', profile: 'lavapipe' });
    }
    // Inflates, but not to UTF-8 JSON: decodeState says so.
    expect(decodeState(await unpackState(notUtf8, MAX))).toBeUndefined();
    expect(decodeState('')).toBeUndefined();
    // Just under the cap is read.
    expect(await unpackState(deflate(new Uint8Array(MAX).fill(0x20)), MAX)).toBeDefined();
  });
});
