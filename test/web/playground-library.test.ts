// What the playground's URL may name and carry: a library scenario by its id, its file, or its own
// name, in any case, with the nearest names offered when nothing matches; and links to pasted text,
// compressed, that carry a real library scenario and open it again.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { libraryScenarios } from '../../src/cli/inputs.js';
import { canonicalQuery, libraryQuery, pastedLink, scenarioName, sourceFromParams } from '../../web-demo/src/logic/playground-library.js';
import { nearestIds } from '../../src/input/query.js';
import { EXPLORER_LIMITS } from '../../web-demo/src/logic/limits.js';
import { parseHash, unpackParams, PACKED_PREFIX } from '../../web-demo/src/logic/url-state.js';

const ids = libraryScenarios().map((s) => s.id);
const largest = libraryScenarios().map((s) => ({ id: s.id, text: readFileSync(s.file, 'utf8') })).sort((a, b) => b.text.length - a.text.length).slice(0, 3);

describe('scenario names in the URL', () => {
  it('accepts the id the picker shows, the file, the repository path, the scenario’s own name and any case', () => {
    const id = 'misuse/opaque_win32.export_twice';
    expect(scenarioName(id)).toBe('opaque_win32.export_twice');
    // The scenario's own name is its file's "scenario" member.
    expect(JSON.parse(readFileSync(`scenarios/${id}.scenario.json`, 'utf8')).scenario).toBe(scenarioName(id));
    for (const text of [id, `${id}.scenario.json`, `scenarios/${id}.scenario.json`, 'opaque_win32.export_twice', 'OPAQUE_WIN32.Export_Twice', 'MISUSE/opaque_win32.export_twice']) {
      expect(canonicalQuery(text, ids), text).toBe(id);
      expect(sourceFromParams({ scenario: text }, ids).source, text).toEqual({ from: 'library', id, step: undefined });
    }
    // A step and a wildcard are kept.
    expect(sourceFromParams({ scenario: 'opaque_win32.export_twice:3' }, ids).source).toEqual({ from: 'library', id, step: 3 });
    expect(canonicalQuery('misuse/opaque_fd.*', ids)).toBe('misuse/opaque_fd.*');
    expect(canonicalQuery('nothing-like-it', ids)).toBe('nothing-like-it');
  });

  it('leaves a name two scenarios share to the suggestions', () => {
    const twins = ['cts/same', 'misuse/same'];
    expect(canonicalQuery('same', twins)).toBe('same');
    const w = libraryQuery('same', twins);
    expect(w.source).toEqual({ from: 'none' });
    expect(w.suggestions).toEqual(['cts/same', 'misuse/same']);
  });

  it('suggests up to three nearest ids for a misspelt name, the query’s nearest first, keeping the step', () => {
    const typo = libraryQuery('opaque_win32.export_twise', ids);
    expect(typo.source).toEqual({ from: 'none' });
    expect(typo.problem).toBe(`no scenario 'opaque_win32.export_twise'; did you mean 'misuse/opaque_win32.export_twice'?`);
    expect(typo.suggestions?.[0]).toBe('misuse/opaque_win32.export_twice');
    expect(typo.suggestions!.length).toBeLessThanOrEqual(3);
    const step = libraryQuery('misuse/opaque_win32.import_wrong_size:13', ids);
    expect(step.suggestions?.[0]).toBe('misuse/opaque_win32.import_wrong_allocation_size:13');
    expect(step.suggestions!.every((s) => s.endsWith(':13'))).toBe(true);
    // A misspelt piece of a name finds it too.
    expect(nearestIds('export_twise', ids)).toEqual(['misuse/opaque_win32.export_twice']);
    expect(nearestIds('d3d11-texture-cross-proces', ids)[0]).toBe('examples/d3d11-texture-cross-process');
    expect(nearestIds('cross_process', ids)).toHaveLength(3);
    // Nothing near: no suggestion, and the message names the folders.
    const far = libraryQuery('zzzz', ids);
    expect(far.suggestions).toBeUndefined();
    expect(far.problem).toMatch(/no scenario 'zzzz'; the library's folders are cts\/, examples\/, misuse\//);
  });
});

describe('links to pasted text', () => {
  it('carries the largest library scenarios, compressed, and opens the same text again', async () => {
    expect(largest[0].text.length).toBeGreaterThan(8 * 1024);
    for (const { id, text } of largest) {
      const link = await pastedLink(text, 'illustrative-windows-discrete');
      if (!('hash' in link)) throw new Error(`${id}: ${link.why}`);
      expect(link.hash.length, id).toBeLessThan(EXPLORER_LIMITS.linkChars);
      const { route, params } = parseHash(link.hash);
      expect(route).toBe('play');
      expect(params.text.startsWith(PACKED_PREFIX)).toBe(true);
      expect(params.text).toBe(link.text);
      // The shell unpacks before the view reads it.
      expect(sourceFromParams(await unpackParams(params, EXPLORER_LIMITS.linkStateBytes)).source).toEqual({ from: 'text', text });
      // Same text, same link.
      expect((await pastedLink(text, 'illustrative-windows-discrete')) as { hash: string }).toEqual(link);
    }
  });

  it('says why a link cannot carry text that would inflate past the state limit', async () => {
    const huge = ' '.repeat(EXPLORER_LIMITS.linkStateBytes);
    const link = await pastedLink(huge, 'lavapipe');
    expect('why' in link && link.why).toMatch(/^This text is 8,388,610 bytes as JSON; a link carries at most 8,388,608\./);
  });
});
