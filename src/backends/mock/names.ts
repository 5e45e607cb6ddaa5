// The object namespace: names given to shared objects (VkExportMemoryWin32HandleInfoKHR::name, the
// lpName of CreateSharedHandle) and looked up by OpenSharedHandleByName and by-name imports. A name
// belongs to a kernel object and disappears with it, as a Windows named object does when its last
// handle closes. There is one session, so "Local\" names and plain names are the same names.
import { MAX_OBJECT_NAME } from './constants.js';

export class Namespace {
  private map = new Map<string, number>();

  /** The key a name is stored under, or undefined for something that cannot be an object name. */
  static key(name: unknown): string | undefined {
    if (typeof name !== 'string' || name.length === 0 || name.length > MAX_OBJECT_NAME) return undefined;
    const k = name.startsWith('Local\\') ? name.slice(6) : name;
    return k.length === 0 ? undefined : k;
  }

  /** The kernel object slot named so; -1 when none. */
  lookup(name: unknown): number {
    const k = Namespace.key(name);
    if (k === undefined) return -1;
    const v = this.map.get(k);
    return v === undefined ? -1 : v;
  }

  /** The kernel object stored under an exact key; -1 when none. */
  get(key: string): number {
    const v = this.map.get(key);
    return v === undefined ? -1 : v;
  }

  bind(key: string, kobj: number): void {
    this.map.set(key, kobj);
  }

  unbind(key: string, kobj: number): void {
    if (this.map.get(key) === kobj) this.map.delete(key);
  }

  get size(): number {
    return this.map.size;
  }

  entries(): [string, number][] {
    return [...this.map.entries()];
  }
}
