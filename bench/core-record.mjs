#!/usr/bin/env node
// The core alone on one record, to compare builds of the core: the vkAllocateMemory of
// scenarios/examples/d3d11-texture-import (a D3D11 texture's NT handle imported into a dedicated
// allocation: VkImportMemoryWin32HandleInfoKHR and VkMemoryDedicatedAllocateInfo chained), encoded
// once after the scenario's earlier steps, then run through validateRecord again and again, as
// bench/run.mjs's "core on pre-decoded records" does for a whole trace. --step names another call of
// the scenario to time instead (its first one); --bind-infos N times, after the allocation, one
// vkBindImageMemory2 binding the scenario's image N times, each VkBindImageMemoryInfo with a
// VkBindImageMemoryDeviceGroupInfo chained (a record of 2N + 1 structures).
//   node --expose-gc bench/core-record.mjs [A.wasm B.wasm ...] [--pieces N] [--calls N] [--step NAME | --bind-infos N]
// Each .wasm named (default dist/core.wasm) runs in two validators, made in the order given and then in
// the reverse order: in one process the validator made first runs measurably slower than the ones after
// it (about 10% here), whatever its core. They all take turns piece by piece, in alternating order, so
// drift in a shared machine's speed touches them alike. Per core: the median ns per call (wall and CPU
// time) and, after the first core, the median of its ratio to the first core piece by piece.
import { readFileSync } from 'node:fs';
import { Validator } from '../dist/index.js';
import { snapshot, restore } from './record-snapshot.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const PIECES = Number(option('--pieces', 21));
const CALLS = Number(option('--calls', 20_000));
const BIND_INFOS = Number(option('--bind-infos', 0));
const STEP = BIND_INFOS ? 'vkBindImageMemory2' : option('--step', 'vkAllocateMemory');
const files = args.filter((a) => a.endsWith('.wasm'));
if (files.length === 0) files.push(new URL('../dist/core.wasm', import.meta.url).pathname);

const SCENARIO = new URL('../scenarios/examples/d3d11-texture-import.scenario.json', import.meta.url);
// The scenario makes its texture on the device's adapter ("$luid", which a session fills in from the
// device's VkPhysicalDeviceIDProperties): fill it in the same way.
const text = readFileSync(SCENARIO, 'utf8');
const luid = /"deviceLUID": "([^"]+)"/.exec(text)[1];
const steps = JSON.parse(text.replaceAll('"$luid"', JSON.stringify(luid))).steps;
const records = steps.map((s, i) => {
  const body = s.vkFunc ?? s.os;
  return { kind: s.vkFunc ? 'vk' : 'os', name: body.name, args: body.args, result: body.return, call: i + 1, process: s.process, origin: 'scenario' };
});
if (BIND_INFOS) {
  const bind = records.find((r) => r.name === 'vkBindImageMemory');
  const info = {
    sType: 'VK_STRUCTURE_TYPE_BIND_IMAGE_MEMORY_INFO', image: bind.args.image, memory: bind.args.memory, memoryOffset: 0,
    pNext: { sType: 'VK_STRUCTURE_TYPE_BIND_IMAGE_MEMORY_DEVICE_GROUP_INFO', pNext: null, deviceIndexCount: 0, pDeviceIndices: null, splitInstanceBindRegionCount: 0, pSplitInstanceBindRegions: null },
  };
  records.splice(records.indexOf(bind), 0, { ...bind, name: STEP, args: { device: bind.args.device, bindInfoCount: BIND_INFOS, pBindInfos: Array(BIND_INFOS).fill(info) } });
}
const target = records.findIndex((r) => r.name === STEP);
if (target < 0) throw new Error(`the scenario has no ${STEP} step`);

/** A validator on the given core, holding the scenario's world, with the timed record encoded. */
async function prepare(file) {
  const v = await Validator.fromModule(new WebAssembly.Module(readFileSync(file)));
  v.reset();
  for (const r of records.slice(0, target)) v.check(r);
  const found = v.check(records[target]);
  if (found.length) throw new Error(`${file}: ${STEP} drew ${found.length} findings (${found[0].vuid})`);
  const core = v.core;
  return { file, core, rec: snapshot(new Int32Array(core.memory.buffer, core.inputAddress())), wall: [], cpu: [] };
}

/** Runs CALLS calls on one validator: ns per call, wall clock and CPU time. */
function piece(v) {
  const { core } = v;
  restore(new Int32Array(core.memory.buffer, core.inputAddress()), v.rec);
  let findings = 0;
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  for (let i = 0; i < CALLS; i++) {
    findings += core.validateRecord();
    if ((i & 4095) === 4095) core.__collect(); // as the validator does (minimal runtime)
  }
  const cpu = process.cpuUsage(c0);
  if (findings) throw new Error(`${v.file}: ${findings} findings while timing`);
  return { wall: Number(process.hrtime.bigint() - t0) / CALLS, cpu: ((cpu.user + cpu.system) * 1000) / CALLS };
}

const validators = [];
for (const f of [...files, ...[...files].reverse()]) validators.push(await prepare(f));
for (const v of validators) piece(v); // warm-up
const cores = files.map((file) => ({ file, wall: [], cpu: [] }));
for (let p = 0; p < PIECES; p++) {
  const order = p % 2 ? [...validators].reverse() : validators;
  const got = new Map(files.map((f) => [f, []]));
  for (const v of order) { globalThis.gc?.(); got.get(v.file).push(piece(v)); }
  // A core's time in a piece: the mean of its two validators.
  for (const c of cores) {
    const t = got.get(c.file);
    c.wall.push(t.reduce((s, x) => s + x.wall, 0) / t.length);
    c.cpu.push(t.reduce((s, x) => s + x.cpu, 0) / t.length);
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ratio = (c, key) => median(c[key].map((t, p) => t / cores[0][key][p])).toFixed(3);
console.log(`${STEP}${BIND_INFOS ? ` of ${BIND_INFOS} infos` : ''} in ${SCENARIO.pathname.split('/').pop()}: ${PIECES} pieces of ${CALLS} calls per validator`);
for (const c of cores) {
  const against = c === cores[0] ? '' : `; ${ratio(c, 'wall')}x the first (CPU time ${ratio(c, 'cpu')}x)`;
  console.log(`${c.file.padEnd(48)} ${median(c.wall).toFixed(1).padStart(8)} ns/call (CPU time ${median(c.cpu).toFixed(1)})${against}`);
}
