// Measuring a profile through a backend. On the mock made from a profile, the measurement must give the
// profile back: for lavapipe (measured with the same questions by our C probe) exactly, and for every
// built-in a fixed point (measuring the measurement changes nothing). That checks the mock's answers and
// the capture's questions against each other.
import { describe, it, expect } from 'vitest';
import { captureProfile } from '../../src/profiles/capture.js';
import { createMockBackend } from '../../src/backends/mock/index.js';
import { builtinProfiles } from '../../src/profiles/builtin.js';
import { normalizeProfile } from '../../src/profiles/load.js';
import { diffProfiles, formatDiffText } from '../../src/profiles/diff.js';
import type { NormalizedProfile } from '../../src/profiles/types.js';

const measure = (p: NormalizedProfile) =>
  normalizeProfile(captureProfile(createMockBackend([p]), { provenance: p.provenance, platform: p.platform, name: p.profile, title: p.title }), `captured ${p.profile}`);

describe('profile capture on the mock', () => {
  it('gives back the measured lavapipe profile exactly', () => {
    const lvp = builtinProfiles().find((p) => p.profile === 'lavapipe')!;
    const d = diffProfiles(lvp, measure(lvp));
    expect(d.identical, formatDiffText(d)).toBe(true);
  });
  for (const p of builtinProfiles()) {
    it(`${p.profile}: measuring the measurement changes nothing, and the capture validates against the schema`, () => {
      const once = measure(p);
      const d = diffProfiles(once, measure(once));
      expect(d.identical, formatDiffText(d)).toBe(true);
      expect(once.extensions).toEqual([...p.extensions].filter((e) => once.extensions.includes(e)).sort());
    });
  }
  it('a missing physical device is a clear error', () => {
    const p = builtinProfiles()[0];
    expect(() => captureProfile(createMockBackend([p]), { device: 3, provenance: p.provenance, platform: p.platform })).toThrow(/no physical device 3: the backend offers 1/);
  });
});
