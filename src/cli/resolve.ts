// vk-extmem resolve: what allocationSize, memoryTypeIndex, dedicated allocation and pNext chain an
// import must use, and why, for a source and an importing device from a profile.
import { readFileSync, writeFileSync } from 'node:fs';
import { createValidator } from '../index.js';
import { InputError, show } from '../core/errors.js';
import { checkRequest, resolveRequest, type ResolveRequest, type SourceKind } from '../resolve/request.js';
import { formatResolution } from '../resolve/format.js';
import { findProfile } from '../profiles/load-node.js';
import { provenanceLine } from '../profiles/describe.js';
import { parse, oneOf, UsageError } from './args.js';

export const RESOLVE_HELP = `Usage: vk-extmem resolve [REQUEST.json | -] [--profile P] [--source KIND] [options] [--format text|json]

Answers "what must this import use": the allocationSize (or that it is ignored), the memoryTypeIndex
candidates, whether the allocation must be dedicated and to which image or buffer, and the whole pNext
chain, each with the VUID or spec rule that forces it. The situation is built on the mock backend from a
device profile, and the core resolves the import against it.

The request is a JSON file (or - for standard input), or the same given as options:
  {"profile": "illustrative-windows-discrete",
   "source": {"kind": "d3d12-heap", "size": 1048576, "byName": false},
   "process": "same",
   "resource": {"buffer": {"size": 1048576, "usage": 3}}}

  --profile P        the importing device: a built-in profile (vk-extmem profile list) or a .profile.json
  --source KIND      vulkan | d3d11-texture | d3d12-heap | d3d12-resource | dma-buf | host-pointer
  --handle-type T    for vulkan sources: OPAQUE_WIN32, OPAQUE_WIN32_KMT, OPAQUE_FD, OPAQUE_WIN32_NV, …
  --shared nt|kmt    for D3D11 textures: the NT handle (CreateSharedHandle) or the KMT one (GetSharedHandle)
  --by-name          import by the name the NT handle was made with
  --dedicated        the Vulkan exporter's memory is dedicated to its resource
  --size N           bytes of a heap, dma-buf or host allocation
  --other-process    import in a second process (after DuplicateHandle for NT handles)
  --image WxH        bind to an image of that size (R8G8B8A8_UNORM, optimal) …
  --buffer N         … or to a buffer of N bytes
  --format F         text (default) or json
  --emit-scenario F  also write the calls that built the situation and the resolved vkAllocateMemory as a
                     scenario file (run it with vk-extmem run)

Exit status: 0 the import can work; 1 it cannot (the problems say why); 2 bad input or usage.`;

export async function runResolve(argv: string[], out: NodeJS.WritableStream): Promise<number> {
  const { values, positionals } = parse(argv, {
    profile: { type: 'string', short: 'p' }, source: { type: 'string', short: 's' }, 'handle-type': { type: 'string', short: 't' },
    shared: { type: 'string' }, 'by-name': { type: 'boolean' }, dedicated: { type: 'boolean' }, size: { type: 'string' },
    'other-process': { type: 'boolean' }, image: { type: 'string' }, buffer: { type: 'string' },
    format: { type: 'string', short: 'f' }, 'emit-scenario': { type: 'string' }, help: { type: 'boolean', short: 'h' },
  });
  if (values.help) { out.write(RESOLVE_HELP + '\n'); return 0; }
  const format = oneOf(values.format, ['text', 'json'] as const, '--format', 'text');
  if (positionals.length > 1) throw new UsageError('resolve takes one request (a file, or - for standard input)');
  let req: ResolveRequest;
  if (positionals.length === 1) {
    const file = positionals[0];
    const text = file === '-' ? readFileSync(0, 'utf8') : readFileSync(file, 'utf8');
    let json: unknown;
    try { json = JSON.parse(text); } catch (e) { throw new InputError(`not valid JSON: ${(e as Error).message}`, { file }); }
    try { req = checkRequest(json); } catch (e) { if (e instanceof InputError) e.where.file = file; throw e; }
  } else {
    if (!values.profile || !values.source) throw new UsageError('resolve needs a REQUEST file, or --profile and --source (see vk-extmem resolve --help)');
    const number = (v: string | undefined, flag: string) => {
      if (v === undefined) return undefined;
      if (!/^\d+$/.test(v)) throw new UsageError(`${flag} must be a number of bytes, not ${show(v)}`);
      return Number(v);
    };
    let image: { width: number; height: number } | undefined;
    if (values.image !== undefined) {
      const m = /^(\d+)x(\d+)$/.exec(values.image);
      if (!m) throw new UsageError(`--image must be WIDTHxHEIGHT, not ${show(values.image)}`);
      image = { width: Number(m[1]), height: Number(m[2]) };
    }
    const bufferSize = number(values.buffer, '--buffer');
    req = checkRequest({
      profile: values.profile,
      source: { kind: values.source as SourceKind, handleType: values['handle-type'], shared: values.shared, byName: values['by-name'], dedicated: values.dedicated, size: number(values.size, '--size') },
      process: values['other-process'] ? 'other' : 'same',
      resource: image ? { image } : bufferSize !== undefined ? { buffer: { size: bufferSize } } : undefined,
    });
  }
  const profile = findProfile(req.profile);
  const v = await createValidator();
  const { resolution, steps } = resolveRequest(v, req, profile);
  if (values['emit-scenario']) writeFileSync(values['emit-scenario'], JSON.stringify(scenarioOf(req, steps, resolution.allocateInfo), null, 2) + '\n');
  if (format === 'json') out.write(JSON.stringify({ request: req, profile: profile.profile, provenance: provenanceLine(profile), resolution }, null, 2) + '\n');
  else out.write(`profile ${profile.profile}: ${provenanceLine(profile)}\n\n${formatResolution(resolution)}\n`);
  return resolution.ok ? 0 : 1;
}

/** The calls that built the situation, then the import as resolved: a scenario anyone can run. */
function scenarioOf(req: ResolveRequest, steps: { kind: string; name: string; args: Record<string, unknown>; process?: string }[], allocateInfo: Record<string, unknown>) {
  const process = steps.at(-1)?.process;
  const device = `dev_${process ?? 'main'}`;
  const body = steps.map((s) => ({ ...(s.process ? { process: s.process } : {}), ...(s.kind === 'vk' ? { vkFunc: { name: s.name, args: s.args } } : { os: { name: s.name, args: s.args } }) }));
  body.push({ ...(process ? { process } : {}), vkFunc: { name: 'vkAllocateMemory', args: { device, pAllocateInfo: allocateInfo, pAllocator: null, pMemory: 'imported' } }, expect: { absent: [] as string[] } } as never);
  return { scenario: `resolve.${req.source.kind}`, description: `The import vk-extmem resolve chose for a ${req.source.kind} source on profile ${req.profile}.`, source: 'example', steps: body };
}
