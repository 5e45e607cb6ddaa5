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
    s = String(v);
  }
  return s.length > 60 ? s.slice(0, 57) + '...' : s;
}
