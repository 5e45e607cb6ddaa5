// Emits what the table of calls says about each backend operation (an OS or D3D call a scenario makes):
// for TypeScript, its decoded inputs, its outputs and the `Operations` contract every backend implements,
// with the row the session's one executor reads; for the native addon, an X-macro header of the
// operations, which of them the addon runs on each platform, and where each writes its outputs.
import { CALLS, PARAM_KINDS, PLATFORMS, REFUSED } from './calls.mjs';

const inputType = (q) => {
  const b = q.bind ?? {};
  switch (PARAM_KINDS[q.type]) {
    case 'string': return b.optional ? 'string | undefined' : 'string';
    case 'luid': return 'Uint8Array | undefined';
    case 'attributes': return '{ bInheritHandle: boolean } | undefined';
    default: return b.inout ? 'number | undefined' : 'number';
  }
};
const isOutput = (q) => !!(q.bind?.out || q.bind?.inout);
const isInput = (q) => !q.bind?.out;

/** The TypeScript half, appended to src/generated/calls.ts. */
export function operationsTs(names) {
  const rows = names.map((n) => [n, CALLS[n]]);
  let t = '\n// ---- Backend operations: what each takes and gives, and the contract every backend implements.\n';
  t += `/** How the session decodes one parameter of an operation and binds what the call writes. */
export interface OperationParam {
  name: string;
  kind: ${[...new Set(Object.values(PARAM_KINDS))].map((k) => `'${k}'`).join(' | ')};
  /** The call writes it (a handle, fd or object bound to the scenario's name). */
  out: boolean;
  /** The step may give it; when it does not, the backend may fill it in. */
  inout: boolean;
  /** The PROCESS parameter naming the process a handle or fd lives in or is made in (absent: the caller's). */
  of?: string;
  /** An output handle that is a global KMT share handle. */
  global: boolean;
  optional: boolean;
  /** What the backend gets when the step gives none, or 0. */
  orElse?: number;
}
export interface OperationRow {
  returns: ${Object.keys(REFUSED).map((k) => `'${k}'`).join(' | ')};
  params: readonly OperationParam[];
  /** Platforms where the native addon runs it. */
  native: readonly (${PLATFORMS.map((p) => `'${p}'`).join(' | ')})[];
  /** What it returns where it cannot run (a platform without it, a backend without its runtime). */
  unavailable: number | undefined;
  /** What a backend answers when it refuses the call's arguments before running it. */
  refused: number | undefined;
  runtime?: 'd3d';
  /** The PROCESS parameter naming the process the call runs in, when not the caller's (see calls.mjs). */
  runsIn?: string;
  /** Its documentation (Microsoft's, the Linux man pages or the kernel's). */
  doc: string;
}
`;
  const param = (q) => {
    const b = q.bind ?? {};
    const o = { name: q.name, kind: PARAM_KINDS[q.type], out: !!b.out, inout: !!b.inout, global: !!b.global, optional: !!b.optional };
    if (b.of !== undefined) o.of = b.of;
    if (b.orElse !== undefined) o.orElse = b.orElse;
    return o;
  };
  const table = Object.fromEntries(rows.map(([n, r]) => [n, {
    returns: r.returns, params: r.params.map(param), native: r.native, unavailable: r.unavailable ?? null, refused: REFUSED[r.returns] ?? null,
    ...(r.runtime ? { runtime: r.runtime } : {}), ...(r.runsIn ? { runsIn: r.runsIn } : {}), doc: r.doc,
  }]));
  // JSON has no undefined: null marks a void operation's answers, turned back below.
  t += `const ROWS = ${JSON.stringify(table)};\n`;
  t += `/** Per operation, its row of scripts/registry/calls.mjs as the session and the backends read it. */
export const OPERATIONS = Object.fromEntries(Object.entries(ROWS).map(([n, r]) => [n, { ...r, unavailable: r.unavailable ?? undefined, refused: r.refused ?? undefined }])) as unknown as { readonly [K in BackendOperation]: OperationRow };
export const BACKEND_OPERATIONS: readonly BackendOperation[] = ${JSON.stringify(names)};
`;
  t += '\n/** Per operation, its inputs as a backend receives them: handles and fds already in the backend\'s values, processes as ids. */\nexport interface OperationInputs {\n';
  for (const [n, r] of rows) t += `  ${n}: { ${r.params.filter(isInput).map((q) => `${q.name}: ${inputType(q)}`).join('; ')} };\n`;
  t += '}\n/** Per operation, what a backend answers: the result code (undefined for void), the values it wrote, and the members it filled in. */\nexport interface OperationResults {\n';
  for (const [n, r] of rows) {
    const outs = r.params.filter(isOutput).map((q) => (q.bind.inout ? `${q.name}?: number` : `${q.name}: number`));
    t += `  ${n}: { ${[`result: ${r.returns === 'void' ? 'undefined' : 'number'}`, ...outs].join('; ')} };\n`;
  }
  t += '}\n/** The backend contract for operations: one entry per operation of the table, each run in `process`. */\nexport type Operations = { [K in BackendOperation]: (process: number, args: OperationInputs[K]) => OperationResults[K] };\n';
  return t;
}

/** native/src/generated/operations.h. */
export function operationsHeader(names, headerVersion) {
  const rows = names.map((n) => [n, CALLS[n]]);
  let h = `// GENERATED by scripts/gen-registry.mjs from scripts/registry/calls.mjs (vk.xml header version ${headerVersion ?? '?'}). Do not edit.
// The backend operations, for the addon's one operation entry (operations.cc): each operation the row
// marks native on a platform is one C++ function vkx::op::NAME(Session&, const Napi::Object& args, double* out)
// in the .cc file of its concern; every other one answers its row's "unavailable" result.
#pragma once

// Every operation: X(name, returns a value (0: void), unavailable result, numbers it writes into out).
#define VKX_OPERATIONS(X) \\\n`;
  h += rows.map(([n, r]) => `  X(${n}, ${r.returns === 'void' ? 0 : 1}, ${r.unavailable ?? 0}, ${r.params.filter(isOutput).length})`).join(' \\\n') + '\n\n';
  for (const platform of PLATFORMS) {
    const on = rows.filter(([, r]) => r.native.includes(platform)).map(([n]) => `X(${n})`);
    h += `// The operations the addon runs on ${platform}: X(name).\n#define VKX_NATIVE_OPERATIONS_${platform.toUpperCase()}(X)${on.length ? ` ${on.join(' ')}` : ''}\n`;
  }
  h += `\n#if defined(_WIN32)\n#define VKX_NATIVE_OPERATIONS(X) VKX_NATIVE_OPERATIONS_WIN32(X)\n#else\n#define VKX_NATIVE_OPERATIONS(X) VKX_NATIVE_OPERATIONS_LINUX(X)\n#endif\n`;
  h += '\n// Where each operation writes its outputs in `out`: the written values and filled-in members, in parameter order.\nnamespace vkx {\nnamespace out {\n';
  for (const [n, r] of rows) {
    const outs = r.params.filter(isOutput);
    if (outs.length) h += `namespace ${n} { ${outs.map((q, i) => `constexpr int ${q.name} = ${i};`).join(' ')} }\n`;
  }
  h += '}  // namespace out\n}  // namespace vkx\n';
  return h;
}
