// Global share handles ("KMT" handles, from D3D11's GetSharedHandle and the *_KMT Vulkan types). They are
// one system-wide value per payload, the same in every process, are never closed, and hold no reference:
// the value stays meaningful only while its payload lives. Values count up from 0x40000002 and are never
// reused, so a stale value can never come to mean a newer payload.
import { KMT_BASE, KMT_STEP } from './constants.js';
import { grow } from './util.js';

export class KmtTable {
  /** Entries made so far; entry i has value KMT_BASE + i * KMT_STEP. */
  count = 0;
  /** Payload slot and id (the id guards against a reused slot). */
  payload = new Int32Array(16);
  payloadId = new Int32Array(16);
  /** The KHR handle-type bit it was made as (0: a handle Vulkan cannot import, e.g. of a D3D11 buffer). */
  type = new Uint16Array(16);
  /** 1 once its payload has died. */
  dead = new Uint8Array(16);

  make(payloadSlot: number, payloadId: number, type: number): number {
    const i = this.count++;
    if (i >= this.payload.length) {
      this.payload = grow(this.payload, i + 1);
      this.payloadId = grow(this.payloadId, i + 1);
      this.type = grow(this.type, i + 1);
      this.dead = grow(this.dead, i + 1);
    }
    this.payload[i] = payloadSlot;
    this.payloadId[i] = payloadId;
    this.type[i] = type;
    this.dead[i] = 0;
    return i;
  }

  kill(i: number): void {
    if (i >= 0 && i < this.count) this.dead[i] = 1;
  }

  valueOf(i: number): number {
    return KMT_BASE + i * KMT_STEP;
  }

  /** The entry a value names, live or dead; -1 when no such value was ever handed out. */
  find(value: unknown): number {
    if (typeof value !== 'number' || !Number.isFinite(value)) return -1;
    const d = value - KMT_BASE;
    if (d < 0 || d % KMT_STEP !== 0) return -1;
    const i = d / KMT_STEP;
    return i < this.count ? i : -1;
  }

  /** The entry of a value whose payload still lives; -1 otherwise. */
  findLive(value: unknown): number {
    const i = this.find(value);
    return i >= 0 && this.dead[i] === 0 ? i : -1;
  }
}
