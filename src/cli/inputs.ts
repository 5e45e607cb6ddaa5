// What run and validate are given: files, folders and query ids. A file or folder that exists is read as
// it is (a library file keeps its id); anything else is a query over the scenario library.
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { listScenarios } from './demo.js';
import { UsageError } from './args.js';
import { InputError } from '../core/errors.js';
import { parseScenario, type Scenario } from '../input/scenario.js';
import { libraryId, libraryPath, selectScenarios, sortSteps, type Selection } from '../input/query.js';

/** The scenario library: `scenarios/` of the package, found from this module upwards (a bundle or the sources). */
export function libraryDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'scenarios'))) return join(dir, 'scenarios');
    const up = dirname(dir);
    if (up === dir) throw new Error('the scenario library (scenarios/) is not beside this package');
    dir = up;
  }
}

export interface LibraryScenario { id: string; file: string }

/** Every scenario of the library with its id, in id order. */
export function libraryScenarios(dir = libraryDir()): LibraryScenario[] {
  return listScenarios(dir).map((file) => ({ id: libraryId(relative(dir, file))!, file })).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The id of a file that lies in the library, else undefined (a scenario of one's own has no id). */
export function idOfFile(file: string, dir = libraryDir()): string | undefined {
  let real: string;
  let root: string;
  try {
    real = realpathSync(file);
    root = realpathSync(dir);
  } catch {
    return undefined;
  }
  const rel = relative(root, real);
  if (rel === '' || rel.split(/[\\/]/)[0] === '..' || isAbsolute(rel)) return undefined;
  return libraryId(rel);
}

/** One input to read: its file, its id when it is a library scenario, and the steps a query asked for. */
export interface Input { file: string; id?: string; selection?: Selection }

/** A name that can only mean a file (so a missing one is "no such file", not "no such scenario"). */
const FILE_LIKE = /\.(json|jsonl)(\.gz)?$|^[./\\~]|\\/;

/**
 * Files, folders (their *.scenario.json, recursively; only when `folders`) and queries, in the order
 * given; a scenario named twice is read once, with the steps of both selections. Throws UsageError for
 * a missing file and QueryError (with a suggestion) for a query that selects nothing.
 */
export function resolveInputs(args: string[], opts: { folders: boolean; missing: string }): Input[] {
  const out: Input[] = [];
  const byFile = new Map<string, Input>();
  let library: LibraryScenario[] | undefined;
  const add = (i: Input) => {
    const key = i.id ?? i.file;
    const had = byFile.get(key);
    if (!had) { byFile.set(key, i); out.push(i); return; }
    had.selection = merge(had.selection, i.selection);
  };
  for (const a of args) {
    if (existsSync(a)) {
      if (statSync(a).isDirectory()) {
        if (!opts.folders) throw new UsageError(`${a} is a folder; give its files, or a query such as misuse/*`);
        for (const file of listScenarios(a)) add({ file, id: idOfFile(file) });
      } else {
        add({ file: a, id: idOfFile(a) });
      }
      continue;
    }
    if (FILE_LIKE.test(a)) throw new UsageError(`${opts.missing}: ${a}`);
    library ??= libraryScenarios();
    const lib = library;
    for (const selection of selectScenarios([a], lib.map((s) => s.id))) {
      add({ file: shown(lib.find((s) => s.id === selection.id)!.file), id: selection.id, selection });
    }
  }
  return out;
}

/** A library file as reports show it: from the working folder when it is below it. */
function shown(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel === '' || rel.split(/[\\/]/)[0] === '..' || isAbsolute(rel) ? file : rel;
}

/** Two selections of one scenario: the whole of it when either is (or when one is a file given whole). */
function merge(a: Selection | undefined, b: Selection | undefined): Selection | undefined {
  if (!a || !b || a.steps === 'all' || b.steps === 'all') return undefined;
  return { id: a.id, steps: sortSteps([...a.steps, ...b.steps]) };
}

/** The library file of an id (for messages and tests). */
export function fileOfId(id: string, dir = libraryDir()): string {
  return join(dir, libraryPath(id));
}

/** Reads and parses a scenario file; an error in it names the file. */
export function readScenarioFile(file: string): Scenario {
  try {
    return parseScenario(readFileSync(file, 'utf8'), file);
  } catch (e) {
    if (e instanceof InputError) e.where.file ??= file;
    throw e;
  }
}
