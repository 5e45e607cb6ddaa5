// vk-extmem crosscheck: the scenario library on a real driver and on the model loaded with that driver's
// measured profile; every disagreement and every spec deviation of the driver, with the rule behind it.
import { escapeXmlAttr, escapeXmlText } from '../report/junit.js';
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { createValidator } from '../index.js';
import { readScenarioFile } from './inputs.js';
import { crosscheckScenario, type CrosscheckResult } from '../crosscheck/index.js';
import { createNativeBackend, NativeUnavailable } from '../backends/native/index.js';
import { measureNativeNormalized } from '../backends/native/measure.js';
import { createMockBackend } from '../backends/mock/index.js';
import { findProfile } from '../profiles/load-node.js';
import { provenanceLine } from '../profiles/describe.js';
import type { Backend } from '../backends/types.js';
import type { NormalizedProfile } from '../profiles/types.js';
import { listScenarios, scenarioDir } from './demo.js';
import { parse, oneOf, UsageError } from './args.js';
import { layerCheckScenario, type LayerResult } from '../crosscheck/layer.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const CROSSCHECK_HELP = `Usage: vk-extmem crosscheck [SCENARIO|DIR...] [--backend native|mock] [--device N] [--format text|json|junit]

Runs scenarios (default: the whole library) on a driver and on the model — the mock loaded with the
profile measured from that same driver — and compares them call by call: return values, every answer a
call filled in (capability queries, requirements, handle properties), and the bytes read through
imported memory. It also checks the driver alone against outcomes the spec requires (an unusable image
handle type must give VK_ERROR_FORMAT_NOT_SUPPORTED, each vkGetMemoryFdKHR gives a new fd, …). Each
disagreement names the scenario, the call, the rule (VUID or spec section, linked), what the driver did
and what the model predicted.

  --backend B    native (default): the real driver through the native addon, physical device --device N;
                 mock: a mock made from --profile P stands in for the driver (to see how two profiles
                 differ in behaviour, or to try the command without a driver)
  --profile P    with --backend mock: the profile the stand-in driver answers from
  --unsafe       pass calls the model finds invalid to both sides too (default: refused on both)
  --layer        instead: run the misuse scenarios (default scenarios/misuse) on the driver with
                 VK_LAYER_KHRONOS_validation and list, call by call, the VUIDs both report, only the model
                 reports and only the layer reports (native backend only); exit 1 when the layer
                 reports a VUID the model does not
  --layer-path P where the layer is: a folder of layer manifests (sets VK_LAYER_PATH), or "chromium" for
                 the newer build in Debian's chromium package; default: the system's layer
  --format F     text (default), json or junit
  --output FILE  write the report to FILE

Scenarios the driver cannot run (Windows handle types on Linux, other processes on the native backend)
are listed as not compared. Exit status: 0 no disagreement; 1 disagreements (with --layer: a VUID only
the layer reports); 2 bad input, usage, or no driver.`;

export async function runCrosscheck(argv: string[], out: NodeJS.WritableStream & { isTTY?: boolean }): Promise<number> {
  const { values, positionals } = parse(argv, {
    backend: { type: 'string', short: 'b' }, device: { type: 'string', short: 'd' }, profile: { type: 'string', short: 'p' }, unsafe: { type: 'boolean' },
    format: { type: 'string', short: 'f' }, output: { type: 'string', short: 'o' }, help: { type: 'boolean', short: 'h' },
    layer: { type: 'boolean' }, 'layer-path': { type: 'string' },
  });
  if (values.help) { out.write(CROSSCHECK_HELP + '\n'); return 0; }
  const kind = oneOf(values.backend, ['native', 'mock'] as const, '--backend', 'native');
  const format = oneOf(values.format, ['text', 'json', 'junit'] as const, '--format', 'text');
  const device = values.device === undefined ? 0 : Number(values.device);
  if (!Number.isInteger(device) || device < 0) throw new UsageError(`--device must be a physical device index, not "${String(values.device)}"`);
  if (values.layer) return runLayer(values, positionals, out, format, device);
  const files: string[] = [];
  for (const p of positionals.length ? positionals : [scenarioDir()]) {
    if (!existsSync(p)) throw new UsageError(`no such file or directory: ${p}`);
    files.push(...(statSync(p).isDirectory() ? listScenarios(p) : [p]));
  }
  let driver: () => Backend;
  let profile: NormalizedProfile;
  if (kind === 'mock') {
    if (!values.profile) throw new UsageError('crosscheck --backend mock needs --profile P (the profile the stand-in driver answers from)');
    const p = findProfile(values.profile);
    driver = () => createMockBackend([p]);
    profile = p;
  } else {
    if (values.profile) throw new UsageError('--profile is for --backend mock; the native backend measures its own device');
    try {
      profile = measureNativeNormalized(device, 'vk-extmem crosscheck');
    } catch (e) {
      if (e instanceof NativeUnavailable) { process.stderr.write(`vk-extmem crosscheck: ${e.message}\n`); return 2; }
      throw e;
    }
    driver = () => createNativeBackend({ apiVersion: 0x401000 }, device);
  }
  const v = await createValidator();
  const results: CrosscheckResult[] = [];
  const bar = process.stderr.isTTY && format === 'text' && !values.output;
  for (const [i, file] of files.entries()) {
    if (bar) process.stderr.write(`\r\x1b[K${progress(i, files.length)} ${file}`);
    const sc = readScenarioFile(file);
    try {
      results.push(crosscheckScenario(v, sc, file, driver, profile, !!values.unsafe));
    } catch (e) {
      if (e instanceof NativeUnavailable) { process.stderr.write(`${bar ? '\n' : ''}vk-extmem crosscheck: ${file}: ${e.message}\n`); return 2; }
      throw e;
    }
  }
  if (bar) process.stderr.write('\r\x1b[K');
  const all = results.flatMap((r) => r.disagreements);
  let text: string;
  if (format === 'json') text = JSON.stringify({ driver: provenanceLine(profile), profile, results: results.map(({ driver: _d, model: _m, ...r }) => r) }, null, 2) + '\n';
  else if (format === 'junit') text = junit(results);
  else text = textReport(results, provenanceLine(profile));
  if (values.output) writeFileSync(values.output, text);
  else out.write(text);
  return all.length ? 1 : 0;
}

function progress(i: number, n: number): string {
  const w = 24, done = Math.round((i / n) * w);
  return `[${'#'.repeat(done)}${'.'.repeat(w - done)}] ${i + 1}/${n}`;
}

function textReport(results: CrosscheckResult[], driver: string): string {
  const lines = [`driver: ${driver}`, ''];
  for (const r of results) {
    if (r.status === 'unsupported') { lines.push(`n/a   ${r.file}: ${r.reason}`); continue; }
    lines.push(`${r.disagreements.length ? 'DIFF' : 'same'}  ${r.file}`);
    for (const d of r.disagreements) {
      lines.push(`      call ${d.call} ${d.name} (${d.process}): ${d.kind === 'spec' ? 'driver deviates from the spec' : `${d.kind} differs`}: ${d.what}`);
      lines.push(`        driver: ${d.driver}`);
      lines.push(`        model:  ${d.model}`);
      lines.push(`        rule:   ${d.spec}`);
    }
  }
  const compared = results.filter((r) => r.status === 'compared');
  const n = (k: string) => compared.flatMap((r) => r.disagreements).filter((d) => d.kind === k).length;
  lines.push('', `${compared.length} scenarios compared, ${results.length - compared.length} not supported by this driver; ${n('result')} return values, ${n('answer')} answers, ${n('data')} data reads, ${n('handle')} handle-value patterns and ${n('exit')} exit leak counts differ; ${n('spec')} spec deviations`);
  return lines.join('\n') + '\n';
}

function junit(results: CrosscheckResult[]): string {
  const esc = escapeXmlAttr;
  const failures = results.filter((r) => r.disagreements.length).length;
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="vk-extmem crosscheck" tests="${results.length}" failures="${failures}">`, `  <testsuite name="crosscheck" tests="${results.length}" failures="${failures}" skipped="${results.filter((r) => r.status === 'unsupported').length}">`];
  for (const r of results) {
    out.push(`    <testcase classname="crosscheck" name="${esc(r.scenario)}" file="${esc(r.file)}">`);
    if (r.status === 'unsupported') out.push(`      <skipped message="${esc(r.reason ?? '')}"/>`);
    for (const d of r.disagreements) out.push(`      <failure message="${esc(`call ${d.call} ${d.name}: ${d.what}`)}">driver: ${esc(d.driver)}; model: ${esc(d.model)}; rule: ${esc(d.spec)}</failure>`);
    out.push('    </testcase>');
  }
  out.push('  </testsuite>', '</testsuites>');
  return out.join('\n') + '\n';
}

/** Where the newer validation layer of Debian's chromium package is, and a manifest for it. */
function chromiumLayerDir(): string {
  const lib = '/usr/lib/chromium/libVkLayer_khronos_validation.so';
  if (!existsSync(lib)) throw new UsageError(`--layer-path chromium: ${lib} is not installed (apt-get install chromium)`);
  const dir = mkdtempSync(join(tmpdir(), 'vkx-layer-'));
  writeFileSync(join(dir, 'VkLayer_khronos_validation.json'), JSON.stringify({ file_format_version: '1.2.0', layer: { name: 'VK_LAYER_KHRONOS_validation', type: 'GLOBAL', library_path: lib, api_version: '1.4.0', implementation_version: '1', description: 'Khronos validation layer (Debian chromium build)' } }, null, 2));
  return dir;
}

async function runLayer(values: Record<string, unknown>, positionals: string[], out: NodeJS.WritableStream, format: 'text' | 'json' | 'junit', device: number): Promise<number> {
  if (values.backend === 'mock') throw new UsageError('--layer needs a real driver: it runs on the native backend');
  const path = values['layer-path'] as string | undefined;
  if (path) process.env.VK_LAYER_PATH = path === 'chromium' ? chromiumLayerDir() : path;
  process.env.VK_LAYER_ENABLE_MESSAGE_LIMIT = 'false';
  const files: string[] = [];
  for (const p of positionals.length ? positionals : [join(scenarioDir(), 'misuse')]) {
    if (!existsSync(p)) throw new UsageError(`no such file or directory: ${p}`);
    files.push(...(statSync(p).isDirectory() ? listScenarios(p) : [p]));
  }
  const open = () => {
    const b = createNativeBackend({ apiVersion: 0x401000, validation: true, skipReported: true }, device);
    if (!b.validationEnabled) { b.dispose(); throw new NativeUnavailable(`VK_LAYER_KHRONOS_validation was not found${path ? ` in ${process.env.VK_LAYER_PATH}` : ''} (apt-get install vulkan-validationlayers)`); }
    return b;
  };
  let profile: NormalizedProfile;
  try {
    profile = measureNativeNormalized(device, 'vk-extmem crosscheck --layer');
    open().dispose();
  } catch (e) {
    if (e instanceof NativeUnavailable) { process.stderr.write(`vk-extmem crosscheck: ${e.message}\n`); return 2; }
    throw e;
  }
  const v = await createValidator();
  const results: LayerResult[] = [];
  for (const file of files) {
    const sc = readScenarioFile(file);
    results.push(layerCheckScenario(v, sc, file, open, profile));
  }
  const calls = results.flatMap((r) => r.calls.map((c) => ({ ...c, scenario: r.scenario })));
  const count = (k: 'both' | 'modelOnly' | 'layerOnly') => calls.reduce((n, c) => n + c[k].length, 0);
  let text: string;
  if (format === 'json') text = JSON.stringify({ layer: process.env.VK_LAYER_PATH ?? 'system', results }, null, 2) + '\n';
  else if (format === 'junit') text = layerJunit(results);
  else {
    const lines = [`layer: VK_LAYER_KHRONOS_validation from ${process.env.VK_LAYER_PATH ?? 'the system\'s layer folders'}`, ''];
    for (const r of results) {
      if (r.status === 'unsupported') { lines.push(`n/a   ${r.file}: ${r.reason}`); continue; }
      lines.push(r.file);
      for (const c of r.calls) {
        lines.push(`  call ${c.call} ${c.name}`);
        for (const x of c.both) lines.push(`    both        ${x}`);
        for (const x of c.modelOnly) lines.push(`    model only  ${x}`);
        for (const x of c.layerOnly) lines.push(`    layer only  ${x}`);
      }
    }
    lines.push('', `${results.filter((r) => r.status === 'compared').length} misuse scenarios run; VUIDs reported by both: ${count('both')}, by the model only: ${count('modelOnly')}, by the layer only: ${count('layerOnly')}`);
    text = lines.join('\n') + '\n';
  }
  if (values.output) writeFileSync(values.output as string, text);
  else out.write(text);
  // A VUID the layer reports and the model does not is a rule the model misses (or a disagreement to
  // look into); what only the model reports is expected, the layer checks fewer of these rules.
  return count('layerOnly') ? 1 : 0;
}

/** One test case per scenario; it fails when the layer reported a VUID the model did not. */
function layerJunit(results: LayerResult[]): string {
  const cases = results.map((r) => {
    const name = `classname="crosscheck.layer" name="${escapeXmlAttr(r.scenario)}" file="${escapeXmlAttr(r.file)}"`;
    if (r.status === 'unsupported') return `  <testcase ${name}><skipped message="${escapeXmlAttr(r.reason ?? '')}"/></testcase>`;
    const missed = r.calls.flatMap((c) => c.layerOnly.map((x) => `call ${c.call} ${c.name}: ${x}`));
    if (!missed.length) return `  <testcase ${name}/>`;
    return `  <testcase ${name}><failure message="${escapeXmlAttr(`the layer reports ${missed.length} VUID(s) the model does not`)}">${escapeXmlText(missed.join('\n'))}</failure></testcase>`;
  });
  const failures = results.filter((r) => r.calls.some((c) => c.layerOnly.length)).length;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuite name="vk-extmem crosscheck --layer" tests="${results.length}" failures="${failures}" skipped="${results.filter((r) => r.status === 'unsupported').length}">\n${cases.join('\n')}\n</testsuite>\n`;
}
