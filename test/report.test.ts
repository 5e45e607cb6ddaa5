import { describe, it, expect } from 'vitest';
import {
  formatFindingText,
  formatJson,
  formatJunit,
  formatReport,
  formatSarif,
  formatText,
  type Finding,
  type Report,
  type SarifTool,
} from '../src/report/index.js';

// ---------------------------------------------------------------------------------------------
// Fixture: a scenario with expectations, a capture without, and a clean file.

const NASTY = `<script>alert("x")&'y'</script>\u0000 end`;

const SCENARIO = 'scenarios/win32 import.yaml';
const CAPTURE = 'captures/app.json';
const CLEAN = 'captures/clean.json';

const scenarioFindings: Finding[] = [
  {
    vuid: 'VUID-VkMemoryAllocateInfo-allocationSize-01743',
    severity: 'error',
    call: 3,
    command: 'vkAllocateMemory',
    path: 'pAllocateInfo.allocationSize',
    message: 'allocationSize is 4096 but the imported handle holds 8192 bytes',
    url: 'https://registry.khronos.org/vulkan/specs/latest/html/vkspec.html#VUID-VkMemoryAllocateInfo-allocationSize-01743',
    file: SCENARIO,
    line: 17,
  },
  {
    vuid: 'VKX-handle-leak',
    severity: 'warning',
    call: 5,
    command: 'CloseHandle',
    path: '',
    message: 'the handle exported at step 2 is never closed',
    url: '',
    file: SCENARIO,
    line: 30,
  },
  {
    vuid: 'VUID-VkImportMemoryWin32HandleInfoKHR-handleType-00658',
    severity: 'undecidable',
    call: 4,
    command: 'vkAllocateMemory',
    path: 'pAllocateInfo.pNext[VkImportMemoryWin32HandleInfoKHR].handle',
    message: 'the capture does not say which driver created this handle',
    url: 'https://registry.khronos.org/vulkan/specs/latest/html/vkspec.html#VUID-VkImportMemoryWin32HandleInfoKHR-handleType-00658',
    file: SCENARIO,
    line: 24,
  },
  {
    vuid: 'VKX-dedicated-hint',
    severity: 'info',
    call: 4,
    command: 'vkAllocateMemory',
    path: '',
    message: 'a dedicated allocation would be preferred here',
    url: '',
    file: SCENARIO,
  },
];

const captureFindings: Finding[] = [
  {
    // same rule as the scenario's first finding: must share one SARIF rule entry
    vuid: 'VUID-VkMemoryAllocateInfo-allocationSize-01743',
    severity: 'error',
    call: 41,
    command: 'vkAllocateMemory',
    path: 'pAllocateInfo.allocationSize',
    message: NASTY,
    url: 'https://registry.khronos.org/vulkan/specs/latest/html/vkspec.html#VUID-VkMemoryAllocateInfo-allocationSize-01743',
    // no file: the reporters take it from the FileResult; no line either
  },
];

const report: Report = {
  files: [
    {
      file: SCENARIO,
      calls: 5,
      findings: scenarioFindings,
      expectations: [
        {
          file: SCENARIO,
          call: 3,
          line: 18,
          vuid: 'VUID-VkMemoryAllocateInfo-allocationSize-01743',
          kind: 'report',
          passed: true,
          detail: 'reported as expected',
        },
        {
          file: SCENARIO,
          call: 4,
          line: 25,
          vuid: 'VUID-VkMemoryAllocateInfo-allocationSize-01743',
          kind: 'absent',
          passed: true,
          detail: 'not reported',
        },
        {
          file: SCENARIO,
          call: 5,
          vuid: 'VUID-VkExportMemoryWin32HandleInfoKHR-handleTypes-00657',
          kind: 'report',
          passed: false,
          detail: `nothing reported at call 5; got ${NASTY}`,
        },
      ],
    },
    { file: CAPTURE, calls: 50, findings: captureFindings, expectations: [] },
    { file: CLEAN, calls: 2, findings: [], expectations: [] },
  ],
  summary: {
    files: 3,
    calls: 57,
    errors: 2,
    warnings: 1,
    infos: 1,
    undecidable: 1,
    expectationsPassed: 2,
    expectationsFailed: 1,
  },
};

const tool: SarifTool = {
  name: 'vk-extmem',
  version: '0.1.0',
  rules: [
    {
      vuid: 'VUID-VkMemoryAllocateInfo-allocationSize-01743',
      summary: 'Imported allocation size must match the handle',
      url: 'https://registry.khronos.org/vulkan/specs/latest/html/vkspec.html#VUID-VkMemoryAllocateInfo-allocationSize-01743',
    },
    { vuid: 'VKX-handle-leak', summary: 'Exported handles must be closed', url: '' },
    { vuid: 'VUID-never-fired', summary: 'A rule nobody broke', url: 'https://example.invalid/x' },
  ],
};

const ANSI = /\x1b\[[0-9;]*m/g;

// ---------------------------------------------------------------------------------------------
// A deliberately small XML reader: enough to prove the JUnit output is well formed and to read
// attribute values and text back with entities decoded.

interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  text: string;
}

function decode(s: string): string {
  if (/[<\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(s)) throw new Error(`illegal character in ${JSON.stringify(s)}`);
  return s.replace(/&[^;]*;?/g, (ent) => {
    const named: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'" };
    if (ent in named) return named[ent]!;
    const num = /^&#(\d+|x[0-9a-fA-F]+);$/.exec(ent);
    if (num) return String.fromCodePoint(num[1]!.startsWith('x') ? parseInt(num[1]!.slice(1), 16) : Number(num[1]));
    throw new Error(`bad entity ${ent}`);
  });
}

function parseXml(xml: string): XmlNode {
  let rest = xml.replace(/^<\?xml[^?]*\?>\s*/, '');
  const root: XmlNode = { name: '#document', attrs: {}, children: [], text: '' };
  const stack = [root];
  const TAG = /^<(\/?)([A-Za-z_][\w.-]*)((?:\s+[A-Za-z_][\w.:-]*="[^"]*")*)\s*(\/?)>/;
  while (rest.length > 0) {
    if (rest.startsWith('<')) {
      const m = TAG.exec(rest);
      if (!m) throw new Error(`malformed markup at ${JSON.stringify(rest.slice(0, 40))}`);
      const [whole, close, name, attrText, selfClose] = m;
      rest = rest.slice(whole.length);
      if (close) {
        const top = stack.pop();
        if (!top || top.name !== name) throw new Error(`</${name}> closes <${top?.name}>`);
        continue;
      }
      const attrs: Record<string, string> = {};
      for (const a of attrText!.matchAll(/([A-Za-z_][\w.:-]*)="([^"]*)"/g)) {
        if (a[1]! in attrs) throw new Error(`duplicate attribute ${a[1]}`);
        attrs[a[1]!] = decode(a[2]!);
      }
      const node: XmlNode = { name: name!, attrs, children: [], text: '' };
      stack[stack.length - 1]!.children.push(node);
      if (!selfClose) stack.push(node);
    } else {
      const end = rest.indexOf('<');
      const chunk = end < 0 ? rest : rest.slice(0, end);
      rest = rest.slice(chunk.length);
      const top = stack[stack.length - 1]!;
      if (top === root && chunk.trim() !== '') throw new Error('text outside the root element');
      top.text += decode(chunk);
    }
  }
  if (stack.length !== 1) throw new Error(`unclosed <${stack[stack.length - 1]!.name}>`);
  if (root.children.length !== 1) throw new Error('expected exactly one root element');
  return root.children[0]!;
}

// ---------------------------------------------------------------------------------------------

describe('json', () => {
  const out = formatJson(report);
  const parsed = JSON.parse(out);

  it('is 2-space indented with a trailing newline and round-trips', () => {
    expect(out.endsWith('}\n')).toBe(true);
    expect(out).toBe(`${JSON.stringify(parsed, null, 2)}\n`);
  });

  it('has exactly the documented keys', () => {
    expect(Object.keys(parsed)).toEqual(['findings', 'expectations', 'summary']);
    for (const f of parsed.findings) {
      expect(Object.keys(f).sort()).toEqual(
        ['call', 'command', 'file', 'line', 'message', 'path', 'query', 'severity', 'url', 'vuid'].sort(),
      );
    }
    for (const e of parsed.expectations) {
      expect(Object.keys(e).sort()).toEqual(['call', 'detail', 'file', 'kind', 'line', 'passed', 'query', 'vuid'].sort());
    }
    expect(parsed.summary).toEqual(report.summary);
  });

  it('flattens findings of all files in order and fills in file and line', () => {
    expect(parsed.findings).toHaveLength(5);
    expect(parsed.findings.map((f: { call: number }) => f.call)).toEqual([3, 5, 4, 4, 41]);
    expect(parsed.findings[0]).toEqual({ ...scenarioFindings[0], query: null });
    expect(parsed.findings[3].line).toBeNull();
    expect(parsed.findings[4]).toEqual({ ...captureFindings[0], file: CAPTURE, line: null, query: null });
    expect(parsed.findings[4].message).toBe(NASTY);
    expect(parsed.expectations).toHaveLength(3);
    expect(parsed.expectations[2]).toMatchObject({ passed: false, line: null, kind: 'report' });
  });
});

describe('sarif', () => {
  const log = JSON.parse(formatSarif(report, tool));
  const run = log.runs[0];

  it('declares SARIF 2.1.0 with one run and the tool', () => {
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(log.runs).toHaveLength(1);
    expect(run.tool.driver.name).toBe('vk-extmem');
    expect(run.tool.driver.version).toBe('0.1.0');
    expect(typeof run.tool.driver.informationUri).toBe('string');
  });

  it('lists only the rules that fired, once each', () => {
    const ids = run.tool.driver.rules.map((r: { id: string }) => r.id);
    expect(ids).toEqual([
      'VUID-VkMemoryAllocateInfo-allocationSize-01743',
      'VKX-handle-leak',
      'VUID-VkImportMemoryWin32HandleInfoKHR-handleType-00658',
      'VKX-dedicated-hint',
    ]);
    expect(run.tool.driver.rules[0].shortDescription.text).toBe('Imported allocation size must match the handle');
    expect(run.tool.driver.rules[0].helpUri).toBe(tool.rules[0]!.url);
    expect(run.tool.driver.rules[1].helpUri).toBeUndefined();
    // not in the tool's table: falls back to the VUID and the finding's URL
    expect(run.tool.driver.rules[2].shortDescription.text).toBe(scenarioFindings[2]!.vuid);
    expect(run.tool.driver.rules[2].helpUri).toBe(scenarioFindings[2]!.url);
  });

  it('points every result at its rule by id and index', () => {
    expect(run.results).toHaveLength(5);
    for (const r of run.results) {
      expect(run.tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId);
    }
    expect(run.results[4].ruleIndex).toBe(0);
  });

  it('maps severities to levels and marks undecidable results', () => {
    expect(run.results.map((r: { level: string }) => r.level)).toEqual(['error', 'warning', 'note', 'note', 'error']);
    expect(run.results[2].properties).toEqual({ undecidable: true });
    expect(run.results[3].properties).toBeUndefined();
    expect(run.results[0].properties).toBeUndefined();
  });

  it('gives file, line and call locations', () => {
    const loc0 = run.results[0].locations[0];
    expect(loc0.physicalLocation.artifactLocation.uri).toBe('scenarios/win32%20import.yaml');
    expect(loc0.physicalLocation.region).toEqual({ startLine: 17 });
    expect(loc0.logicalLocations[0].fullyQualifiedName).toBe('call 3: vkAllocateMemory pAllocateInfo.allocationSize');
    expect(run.results[1].locations[0].logicalLocations[0].fullyQualifiedName).toBe('call 5: CloseHandle');
    const loc4 = run.results[4].locations[0];
    expect(loc4.physicalLocation.artifactLocation.uri).toBe(CAPTURE);
    expect(loc4.physicalLocation.region).toBeUndefined();
    expect(run.results[4].message.text).toBe(NASTY);
  });

  it('lists the files as artifacts and indexes them', () => {
    expect(run.artifacts.map((a: { location: { uri: string } }) => a.location.uri)).toEqual([
      'scenarios/win32%20import.yaml',
      CAPTURE,
      CLEAN,
    ]);
    for (const r of run.results) {
      const al = r.locations[0].physicalLocation.artifactLocation;
      expect(run.artifacts[al.index].location.uri).toBe(al.uri);
    }
  });
});

describe('junit', () => {
  const xml = formatJunit(report);
  // parsed lazily so a malformed document fails the tests below instead of test collection
  let parsed: XmlNode | undefined;
  const root = (): XmlNode => (parsed ??= parseXml(xml));

  it('is well formed and never carries raw markup or NUL from messages', () => {
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
    expect(xml).not.toContain('<script>');
    expect(xml).not.toContain('\u0000');
    expect(xml).toContain('&lt;script&gt;alert(&quot;x&quot;)&amp;&apos;y&apos;&lt;/script&gt;');
    expect(root().name).toBe('testsuites');
  });

  it('counts tests and failures', () => {
    const doc = root();
    // scenario: 3 expectation cases (1 failed); capture: 1 failing clean-check; clean: 1 passing
    expect(doc.attrs.tests).toBe('5');
    expect(doc.attrs.failures).toBe('2');
    const suites = doc.children;
    expect(suites.map((s) => s.attrs.name)).toEqual([SCENARIO, CAPTURE, CLEAN]);
    expect(suites.map((s) => [s.attrs.tests, s.attrs.failures])).toEqual([
      ['3', '1'],
      ['1', '1'],
      ['1', '0'],
    ]);
    const failing = suites.flatMap((s) => s.children).filter((c) => c.children.some((f) => f.name === 'failure'));
    expect(failing).toHaveLength(Number(doc.attrs.failures));
  });

  it('names expectation cases and carries the detail', () => {
    const doc = root();
    const cases = doc.children[0]!.children;
    expect(cases.map((c) => c.attrs.name)).toEqual([
      'call 3: expect VUID-VkMemoryAllocateInfo-allocationSize-01743 reported',
      'call 4: expect VUID-VkMemoryAllocateInfo-allocationSize-01743 absent',
      'call 5: expect VUID-VkExportMemoryWin32HandleInfoKHR-handleTypes-00657 reported',
    ]);
    expect(cases.every((c) => c.attrs.classname === SCENARIO)).toBe(true);
    expect(cases[0]!.children).toHaveLength(0);
    const failure = cases[2]!.children[0]!;
    expect(failure.name).toBe('failure');
    expect(failure.text).toBe(`nothing reported at call 5; got ${NASTY.replace('\u0000', '')}`);
  });

  it('fails the clean-check of a file with error findings, listing them', () => {
    const doc = root();
    const [captureCase] = doc.children[1]!.children;
    expect(captureCase!.attrs.name).toBe('no error findings');
    const failure = captureCase!.children[0]!;
    expect(failure.attrs.message).toBe('1 error finding');
    expect(failure.text).toContain('VUID-VkMemoryAllocateInfo-allocationSize-01743');
    expect(failure.text).toContain(`<script>alert("x")&'y'</script> end`);
    const [cleanCase] = doc.children[2]!.children;
    expect(cleanCase!.attrs.name).toBe('no error findings');
    expect(cleanCase!.children).toHaveLength(0);
  });

  it('keeps newlines in attribute values as references', () => {
    const r: Report = {
      files: [
        {
          file: 'a"b<c>.yaml',
          calls: 1,
          findings: [],
          expectations: [{ file: 'x', call: 1, vuid: 'V\n1', kind: 'absent', passed: true, detail: '' }],
        },
      ],
      summary: { ...report.summary },
    };
    const d = parseXml(formatJunit(r));
    expect(d.children[0]!.attrs.name).toBe('a"b<c>.yaml');
    expect(d.children[0]!.children[0]!.attrs.name).toBe('call 1: expect V\n1 absent');
  });
});

describe('text', () => {
  const plain = formatText(report, { color: false });
  const colored = formatText(report, { color: true });

  it('shows findings with location, call, command, severity and VUID', () => {
    expect(plain).toContain(
      `${SCENARIO}:17  call 3  vkAllocateMemory  ERROR  VUID-VkMemoryAllocateInfo-allocationSize-01743\n` +
        '    allocationSize is 4096 but the imported handle holds 8192 bytes\n' +
        '    member: pAllocateInfo.allocationSize\n' +
        `    see: ${scenarioFindings[0]!.url}\n`,
    );
    expect(plain).toContain(`${SCENARIO}:24  call 4  vkAllocateMemory  UNDECIDABLE  ${scenarioFindings[2]!.vuid}`);
    expect(plain).toContain(`${CAPTURE}  call 41  vkAllocateMemory  ERROR`);
    expect(plain).toContain('EXPECTATION FAILED  expect VUID-VkExportMemoryWin32HandleInfoKHR-handleTypes-00657 reported');
    // passed expectations are not listed
    expect(plain).not.toContain('expect VUID-VkMemoryAllocateInfo-allocationSize-01743 absent');
    expect(plain).toContain(`${CLEAN} (2 calls)\n    no findings\n`);
  });

  it('ends with the summary line', () => {
    const last = plain.trimEnd().split('\n').at(-1);
    expect(last).toBe(
      '2 errors, 1 warning, 1 info, 1 cannot decide from this input in 3 files (57 calls); expectations: 2 passed, 1 failed',
    );
    expect(plain.endsWith('\n')).toBe(true);
  });

  it('differs between colored and plain only by ANSI escapes', () => {
    expect(plain).not.toMatch(/\x1b/);
    expect(colored).not.toBe(plain);
    expect(colored).toContain('\x1b[31mERROR\x1b[0m');
    expect(colored).toContain('\x1b[33mWARNING\x1b[0m');
    expect(colored).toContain('\x1b[36mUNDECIDABLE\x1b[0m');
    expect(colored.replace(ANSI, '')).toBe(plain);
  });

  it('neutralizes control characters taken from the input', () => {
    const f: Finding = { ...captureFindings[0]!, message: 'name is \x1b[31mred\x1b[0m\u0000', file: 'c.json', line: 2 };
    const plainF = formatFindingText(f, false);
    expect(plainF).not.toMatch(/[\x00\x1b]/);
    expect(plainF).toContain('name is \\x1b[31mred\\x1b[0m\\x00');
    const coloredF = formatFindingText(f, true);
    expect(coloredF.replace(ANSI, '')).toBe(plainF);
  });

  it('formats a single finding without a trailing newline', () => {
    const one = formatFindingText(scenarioFindings[1]!, false);
    expect(one).toBe(`${SCENARIO}:30  call 5  CloseHandle  WARNING  VKX-handle-leak\n    the handle exported at step 2 is never closed`);
  });

  it('leaves out the expectations part when there are none', () => {
    const summary = { ...report.summary, errors: 1, warnings: 0, infos: 0, undecidable: 0, files: 1, calls: 1, expectationsPassed: 0, expectationsFailed: 0 };
    const out = formatText({ files: [], summary }, { color: false });
    expect(out).toBe('1 error, 0 warnings, 0 cannot decide from this input in 1 file (1 call)\n');
  });
});

describe('formatReport', () => {
  it('dispatches on the format', () => {
    expect(formatReport(report, 'json')).toBe(formatJson(report));
    expect(formatReport(report, 'junit')).toBe(formatJunit(report));
    expect(formatReport(report, 'sarif', { tool })).toBe(formatSarif(report, tool));
    expect(formatReport(report, 'text', { color: true })).toBe(formatText(report, { color: true }));
    expect(formatReport(report, 'text')).toBe(formatText(report, { color: false }));
  });

  it('produces SARIF without a tool description', () => {
    const log = JSON.parse(formatReport(report, 'sarif'));
    expect(log.runs[0].tool.driver.name).toBe('vk-extmem');
    expect(log.runs[0].tool.driver.rules).toHaveLength(4);
  });
});
