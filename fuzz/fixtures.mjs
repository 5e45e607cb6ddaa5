// Regression fixtures (test/fixtures/fuzz/*.json) hold an input the way a found file does, plus what
// must come out. Long repetitive text (a line of 150 000 characters, JSON nested 20 000 deep) would
// make large files, so a string member of the input may be written as
//   { "$repeat": "[", "times": 20000, "before": "…", "after": "…" }   (also nested, and in arrays)
// which expandFixture writes out in full.

export function expandFixture(v) {
  if (Array.isArray(v)) return v.map(expandFixture);
  if (v && typeof v === 'object') {
    if (typeof v.$repeat === 'string') return `${expandFixture(v.before ?? '')}${v.$repeat.repeat(v.times ?? 1)}${expandFixture(v.after ?? '')}`;
    if (Array.isArray(v.$concat)) return v.$concat.map(expandFixture).join('');
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, expandFixture(x)]));
  }
  return v;
}

/**
 * Whether an outcome (fuzz/execute.mjs) shows what a fixture's `expect` asks for:
 *   errors: substrings each of which some InputError description contains;
 *   vuids: rules some finding reports;   clean: no InputError and no error finding.
 * Returns the list of what is missing ([] when all is there).
 */
export function unmetExpectations(outcome, expect = {}) {
  const errors = [];
  const findings = [];
  const visit = (o) => {
    if (!o) return;
    if (o.error !== undefined) errors.push(o.error);
    for (const f of o.findings ?? []) findings.push(f);
    for (const s of o.steps ?? []) findings.push(...s.findings);
  };
  if (outcome.text !== undefined || outcome.mock !== undefined) { visit(outcome.text); visit(outcome.mock); } else visit(outcome);
  const missing = [];
  for (const e of expect.errors ?? []) if (!errors.some((x) => x.includes(e))) missing.push(`an InputError saying ${JSON.stringify(e)} (errors: ${JSON.stringify(errors).slice(0, 400)})`);
  for (const v of expect.vuids ?? []) if (!findings.some((f) => f.split('|')[2] === v)) missing.push(`a finding of ${v}`);
  if (expect.clean) {
    if (errors.length) missing.push(`no InputError (got ${errors[0]})`);
    const bad = findings.filter((f) => f.split('|')[1] === 'error');
    if (bad.length) missing.push(`no error finding (got ${bad[0]})`);
  }
  return missing;
}
