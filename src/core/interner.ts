// Names the input uses (handle ids, HANDLE values, strings) become small integers for the core,
// and back again for messages. 0 always means NULL.
export class Interner {
  private ids = new Map<string, number>();
  private names: string[] = [''];

  id(key: string): number {
    let v = this.ids.get(key);
    if (v === undefined) {
      v = this.names.length;
      this.ids.set(key, v);
      this.names.push(key);
    }
    return v;
  }
  /** The id of a name already interned (undefined if it is not). */
  find(key: string): number | undefined {
    return this.ids.get(key);
  }
  name(id: number): string {
    return this.names[id] ?? `#${id}`;
  }
  get size(): number {
    return this.names.length - 1;
  }
}

/**
 * Object ids: a capture's handle ids are small integers and are used as they are (so a trace of any
 * length needs no table); names (scenarios) and large numbers get ids from the upper range.
 */
export class ObjectIds {
  static readonly DIRECT_LIMIT = 0x40000000;
  private named = new Interner();

  id(v: number | string): number {
    if (typeof v === 'number' && v > 0 && v < ObjectIds.DIRECT_LIMIT) return v;
    if (typeof v === 'string') {
      // A name seen before is found at once: a string that reads as a small id is never given a name's
      // id, so looking names up first changes no answer.
      const seen = this.named.find(v);
      if (seen !== undefined) return ObjectIds.DIRECT_LIMIT + seen;
      if (/^[1-9]\d{0,8}$/.test(v) && Number(v) < ObjectIds.DIRECT_LIMIT) return Number(v);
    }
    return ObjectIds.DIRECT_LIMIT + this.named.id(String(v));
  }
  name(id: number): string {
    return id < ObjectIds.DIRECT_LIMIT ? String(id) : this.named.name(id - ObjectIds.DIRECT_LIMIT);
  }
}
