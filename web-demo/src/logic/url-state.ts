// The explorer's state lives in the URL hash: `#/route?key=value&…`. A link reproduces what its
// author saw. Structured state (a chain, a request) travels as base64url-encoded JSON in one parameter.

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

/** JSON → UTF-8 → base64url (no padding), safe in a URL parameter. */
export function encodeState(value: unknown): string {
  const bytes = new TextEncoder().encode(JSON.stringify(value));
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The inverse of encodeState; undefined for anything that does not decode to JSON (a mangled link). */
export function decodeState<T = unknown>(text: string | undefined): T | undefined {
  if (!text || !/^[A-Za-z0-9_-]*$/.test(text)) return undefined;
  try {
    const bin = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) as T;
  } catch {
    return undefined;
  }
}
