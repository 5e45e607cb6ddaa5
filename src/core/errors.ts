// Bad input becomes an InputError that names where it is: file, line, member path and value.
export class InputError extends Error {
  constructor(
    message: string,
    public readonly where: { file?: string; line?: number; path?: string; /** Appended to the member path once it is known. */ suffix?: string } = {},
  ) {
    super(message);
    this.name = 'InputError';
  }
  /** `file:line: path: message`, the form the CLI prints. */
  describe(): string {
    const loc = [this.where.file, this.where.line].filter((x) => x !== undefined && x !== '').join(':');
    const path = this.where.path ? `${this.where.path}: ` : '';
    return `${loc ? loc + ': ' : ''}${path}${this.message}`;
  }
}

/** A short, printable rendering of a JSON value for error messages. */
export function show(v: unknown): string {
  let s: string;
  try {
    s = typeof v === 'string' ? JSON.stringify(v) : JSON.stringify(v) ?? String(v);
  } catch {
    // JSON.stringify throws on a structure that contains itself (a library caller's pNext loop) or
    // nests too deep; String() would print "[object Object]", which says nothing.
    const why = ' (contains itself or nests too deep)';
    s = Array.isArray(v) ? `[…]${why}` : v !== null && typeof v === 'object' ? `{…}${why}` : String(v);
  }
  return s.length > 60 ? s.slice(0, 57) + '...' : s;
}
