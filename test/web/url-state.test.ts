// The explorer's URL state: routes and parameters round-trip, structured state survives any text, and
// a mangled link never throws.
import { describe, it, expect } from 'vitest';
import { parseHash, formatHash, encodeState, decodeState, DEFAULT_ROUTE } from '../../web-demo/src/logic/url-state.js';

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
