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
  name(id: number): string {
    return this.names[id] ?? `#${id}`;
  }
  get size(): number {
    return this.names.length - 1;
  }
}
