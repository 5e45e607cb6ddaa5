// Consistency checks over the whole simulated world, recounted from the tables rather than trusted from
// the counters they check. Tests run them after every step; each broken invariant is one line.
import { FIRST_FD } from './constants.js';
import type { World } from './world.js';

export function checkInvariants(w: World): string[] {
  const out: string[] = [];
  const { payloads: P, kobjs: K, kmts, memory: M, processes } = w;

  // Who references each payload slot, and each kernel object slot.
  const pRefs = new Map<number, number>();
  const kRefs = new Map<number, number>();
  const refPayload = (slot: number, who: string): void => {
    if (!P.live(slot)) out.push(`${who} references payload slot ${slot}, which is freed`);
    pRefs.set(slot, (pRefs.get(slot) ?? 0) + 1);
  };

  for (const [handle, s] of M.byHandle) {
    if (M.handle[s] !== handle) out.push(`memory ${handle}: its slot ${s} holds handle ${M.handle[s]}`);
    refPayload(M.payload[s], `memory ${handle}`);
  }
  if (M.byHandle.size !== M.pool.live) out.push(`memory table: ${M.byHandle.size} handles but ${M.pool.live} slots in use`);

  for (let k = 0; k < K.pool.high; k++) {
    if (K.alive[k] === 0) continue;
    refPayload(K.payload[k], `kernel object ${k}`);
  }

  for (const o of w.d3d.values()) refPayload(o.payload, `D3D object ${o.handle}`);

  for (const proc of processes.list) {
    const nt = proc.nt;
    if (!proc.alive && (nt.count !== 0 || proc.fds.count !== 0 || proc.host.list.length !== 0)) out.push(`process ${proc.id} exited but still holds handles, fds or host memory`);
    let used = 0;
    for (let i = 0; i < nt.top; i++) {
      if (nt.obj[i] === 0) continue;
      used++;
      const k = nt.obj[i] - 1;
      if (k >= K.pool.high || K.alive[k] === 0) out.push(`process ${proc.id} handle 0x${(0x100 + 4 * i).toString(16)} points to dead kernel object ${k}`);
      kRefs.set(k, (kRefs.get(k) ?? 0) + 1);
    }
    if (used !== nt.count) out.push(`process ${proc.id}: NT table counts ${nt.count} handles, holds ${used}`);
    checkFree(out, `process ${proc.id} NT table`, nt.free.values(), 0, nt.top, (i) => nt.obj[i] === 0);

    const fds = proc.fds;
    let fdUsed = 0;
    for (let fd = 0; fd < fds.top; fd++) {
      if (fds.payload[fd] === 0) continue;
      fdUsed++;
      refPayload(fds.payload[fd] - 1, `process ${proc.id} fd ${fd}`);
    }
    if (fdUsed !== fds.count) out.push(`process ${proc.id}: fd table counts ${fds.count} fds, holds ${fdUsed}`);
    checkFree(out, `process ${proc.id} fd table`, fds.free.values(), FIRST_FD, fds.top, (fd) => fds.payload[fd] === 0);

    for (const h of proc.host.list) refPayload(h.payload, `process ${proc.id} host allocation 0x${h.base.toString(16)}`);
  }

  // Kernel objects: alive exactly while handles are open, and counting them right.
  let liveK = 0;
  for (let k = 0; k < K.pool.high; k++) {
    const held = kRefs.get(k) ?? 0;
    if (K.alive[k] === 0) continue;
    liveK++;
    if (K.refs[k] < 0) out.push(`kernel object ${k}: negative count ${K.refs[k]}`);
    if (K.refs[k] !== held) out.push(`kernel object ${k}: count ${K.refs[k]}, but ${held} handles are open to it`);
    if (held === 0) out.push(`kernel object ${k} is alive with no handle open to it`);
    const name = K.name[k];
    if (name !== undefined && w.names.get(name) !== k) out.push(`kernel object ${k} is named "${name}" but the namespace does not lead to it`);
  }
  if (liveK !== K.pool.live) out.push(`kernel objects: ${liveK} alive but ${K.pool.live} slots in use`);
  for (const [name, k] of w.names.entries()) {
    if (k >= K.pool.high || K.alive[k] === 0 || K.name[k] !== name) out.push(`name "${name}" leads to kernel object ${k}, which is dead or named otherwise`);
  }

  // Payloads: counts never negative, equal to the references held, and nobody holds a freed one.
  let liveP = 0;
  const heapUsed = w.pds.map((pd) => pd.heapSizes.map(() => 0));
  for (let s = 0; s < P.pool.high; s++) {
    if (!P.live(s)) continue;
    liveP++;
    const held = pRefs.get(s) ?? 0;
    if (P.refs[s] < 0) out.push(`payload ${P.id[s]}: negative count ${P.refs[s]}`);
    if (P.refs[s] !== held) out.push(`payload ${P.id[s]}: count ${P.refs[s]}, but ${held} references are held`);
    if (held === 0) out.push(`payload ${P.id[s]} is alive with nothing referencing it`);
    const k = P.kobj[s] - 1;
    if (k >= 0 && (K.alive[k] === 0 || K.payload[k] !== s)) out.push(`payload ${P.id[s]}: its kernel object ${k} is dead or another payload's`);
    const t = P.kmt[s] - 1;
    if (t >= 0 && (t >= kmts.count || kmts.dead[t] !== 0 || kmts.payload[t] !== s)) out.push(`payload ${P.id[s]}: its KMT entry ${t} is dead or another payload's`);
    if (P.heap[s] >= 0) heapUsed[P.pd[s]][P.heap[s]] += P.size[s];
  }
  if (liveP !== P.pool.live) out.push(`payloads: ${liveP} alive but ${P.pool.live} slots in use`);
  w.pds.forEach((pd, i) => pd.heapSizes.forEach((_, h) => {
    if (heapUsed[i][h] !== P.heapUsed[i][h]) out.push(`device ${i} heap ${h}: ${P.heapUsed[i][h]} bytes counted in use, live payloads hold ${heapUsed[i][h]}`);
  }));

  // KMT entries: either their payload lives (and lists them) or they are marked dead.
  for (let i = 0; i < kmts.count; i++) {
    if (kmts.dead[i] !== 0) continue;
    const s = kmts.payload[i];
    if (!P.live(s) || P.id[s] !== kmts.payloadId[i]) out.push(`KMT 0x${kmts.valueOf(i).toString(16)} is not marked dead, but its payload ${kmts.payloadId[i]} is gone`);
    else if (P.kmt[s] !== i + 1) out.push(`KMT 0x${kmts.valueOf(i).toString(16)}: payload ${P.id[s]} does not know it`);
  }
  return out;
}

/** A table's free list: no duplicates, only free entries, and every free entry in [first, top) listed. */
function checkFree(out: string[], what: string, free: number[], first: number, top: number, isFree: (i: number) => boolean): void {
  const seen = new Set<number>();
  for (const i of free) {
    if (seen.has(i)) out.push(`${what}: entry ${i} is on the free list twice (a value would be handed out twice)`);
    seen.add(i);
    if (i < first || i >= top || !isFree(i)) out.push(`${what}: entry ${i} is on the free list but in use`);
  }
  let unlisted = 0;
  for (let i = first; i < top; i++) if (isFree(i) && !seen.has(i)) unlisted++;
  if (unlisted > 0) out.push(`${what}: ${unlisted} free entries are not on the free list`);
}
