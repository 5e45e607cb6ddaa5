// Our scenario files: the per-call shape of a capture, plus processes, OS and D3D operations and
// `expect` blocks. Checked against schemas/scenario.schema.json before anything runs.
// schemas/scenario.schema.json, compiled ahead of time (scripts/gen-schemas.mjs): nothing compiles code at
// run time, so the explorer's Content-Security-Policy needs no 'unsafe-eval'.
import { validate as validateSchema, type SchemaError } from '../generated/scenario-schema.js';
import { InputError, show } from '../core/errors.js';
import { LIMITS } from '../core/limits.js';
import { elementLines, lineDeeperThan, lineOf } from './json-lines.js';
import type { CallRecord } from './record.js';

export interface ScenarioRequires { platform?: 'windows' | 'linux'; extensions?: string[]; handleTypes?: string[] }

export interface Scenario {
  name: string;
  description?: string;
  source?: string;
  requires?: ScenarioRequires;
  steps: CallRecord[];
}

export function parseScenario(text: string, file?: string): Scenario {
  if (text.length > LIMITS.scenarioBytes) throw new InputError(`scenario is ${text.length} bytes, over the ${LIMITS.scenarioBytes}-byte limit (limit scenarioBytes)`, { file });
  let obj: unknown;
  try {
    obj = JSON.parse(text);
  } catch (e) {
    const m = /position (\d+)/.exec((e as Error).message);
    const at = m ? lineOf(text, Number(m[1])) : undefined;
    throw new InputError(`not valid JSON${at ? ` (column ${at.column})` : ''}: ${(e as Error).message.replace(/ in JSON at position \d+.*$/, '')}`, { file, line: at?.line });
  }
  // Checked before anything walks the parsed value: the walks recurse, and JSON.parse does not.
  const deep = lineDeeperThan(text, LIMITS.nestingDepth);
  if (deep) throw new InputError(`objects and arrays nest deeper than ${LIMITS.nestingDepth} levels (limit nestingDepth)`, { file, line: deep });
  // Counted before the schema check, which would otherwise walk every one of too many steps.
  const count = (obj as { steps?: unknown })?.steps;
  if (Array.isArray(count) && count.length > LIMITS.callsPerScenario) throw new InputError(`the scenario has ${count.length} steps, over the ${LIMITS.callsPerScenario}-step limit (limit callsPerScenario)`, { file, path: 'steps' });
  const lines = elementLines(text, 'steps');
  if (!validateSchema(obj)) {
    const err = pickError(validateSchema.errors ?? []);
    const stepIndex = /^\/steps\/(\d+)/.exec(err.instancePath)?.[1];
    const line = stepIndex !== undefined ? lines[Number(stepIndex)] : undefined;
    throw new InputError(describeSchemaError(err), { file, line, path: pointerToPath(err.instancePath) || undefined });
  }
  const sc = obj as { scenario: string; description?: string; source?: string; requires?: ScenarioRequires; steps: Array<Record<string, unknown>> };
  const steps: CallRecord[] = sc.steps.map((s, i) => {
    const data = s.data as { memory: unknown; offset?: number; write?: string; read?: string } | undefined;
    if (data) {
      const write = data.write !== undefined;
      return {
        kind: 'data', name: write ? 'write' : 'read', args: { memory: data.memory, offset: data.offset ?? 0, ...(write ? { bytes: data.write } : { expect: data.read }) },
        call: i + 1, process: s.process as string | undefined, line: lines[i], expect: s.expect as CallRecord['expect'],
      };
    }
    const vk = s.vkFunc as { name: string; args?: Record<string, unknown>; return?: unknown } | undefined;
    const os = s.os as { name: string; args?: Record<string, unknown>; return?: unknown } | undefined;
    const body = vk ?? os;
    if (!body || typeof body.name !== 'string') throw new InputError('a step needs exactly one of "vkFunc" or "os", each with a "name"', { file, line: lines[i], path: `steps[${i}]` });
    return {
      kind: vk ? 'vk' : 'os',
      name: body.name,
      args: body.args ?? {},
      result: body.return,
      call: i + 1,
      process: s.process as string | undefined,
      line: lines[i],
      expect: s.expect as CallRecord['expect'],
    };
  });
  return { name: sc.scenario, description: sc.description, source: sc.source, requires: sc.requires, steps };
}

function pickError(errors: SchemaError[]): SchemaError {
  // oneOf failures drag in errors of every branch; the deepest path is the most telling one.
  return [...errors].sort((a, b) => b.instancePath.length - a.instancePath.length || (a.keyword === 'oneOf' ? 1 : -1))[0];
}

function pointerToPath(p: string): string {
  return p.split('/').filter(Boolean).map((x) => (/^\d+$/.test(x) ? `[${x}]` : `.${x}`)).join('').replace(/^\./, '');
}

// The error names the member in its path (InputError's `path`), so the text starts with what is wrong.
function describeSchemaError(e: SchemaError): string {
  const top = pointerToPath(e.instancePath) ? '' : 'the scenario ';
  const got = e.data !== undefined && (typeof e.data !== 'object' || e.data === null) ? `, got ${show(e.data)}` : '';
  switch (e.keyword) {
    case 'required': return `${top}needs the member ${show((e.params as { missingProperty: string }).missingProperty)}`;
    case 'additionalProperties': return `${top}has an unknown member ${show((e.params as { additionalProperty: string }).additionalProperty)}`;
    case 'type': return `${top}must be ${(e.params as { type: string }).type}${got}`;
    case 'enum': return `${top}must be one of ${((e.params as { allowedValues: unknown[] }).allowedValues).map((x) => show(x)).join(', ')}${got}`;
    case 'pattern': return /(report|absent)\/\d+$/.test(e.instancePath) ? `${show(e.data)} does not look like a VUID (${e.message})` : `${show(e.data)} is not in the expected form (${e.message})`;
    case 'oneOf': return /\/data$/.test(e.instancePath) ? `${top}must have exactly one of "write" or "read"` : `${top}must have exactly one of "vkFunc", "os" or "data"`;
    default: return `${top}${e.message ?? 'is not valid'}${got}`;
  }
}
