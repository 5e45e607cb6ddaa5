// Where things are in a profile's JSON text, so errors can name a line: the line of the value at a
// member path, and the place where text that is not JSON goes wrong (V8's own messages do not
// always give a position).

export type PathPart = string | number;

/** `a.b[2].c` from ['a', 'b', 2, 'c']. */
export function formatPath(parts: readonly PathPart[]): string {
  return parts.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

/**
 * 1-based line where the value at `path` starts in valid JSON text; when the path goes deeper than
 * the text does, the line of the deepest part that exists.
 */
export function lineOfPath(text: string, path: readonly PathPart[]): number | undefined {
  // One pass over the text with a stack of open containers; no recursion, so any nesting is safe.
  const stack: { array: boolean; index: number; key: string }[] = [];
  let line = 1;
  let best: number | undefined;
  let bestDepth = -1;
  let expectValue = true;
  let expectKey = false;
  const n = text.length;
  for (let i = 0; i < n; ) {
    const c = text.charCodeAt(i);
    if (c === 10) { line++; i++; continue; }
    if (c === 32 || c === 9 || c === 13) { i++; continue; }
    if (c === 34 && expectKey) {
      const end = stringEnd(text, i);
      stack[stack.length - 1].key = JSON.parse(text.slice(i, end)) as string;
      expectKey = false;
      i = end;
      continue;
    }
    if (c === 58) { expectValue = true; i++; continue; } // ':'
    if (c === 44) { // ','
      const top = stack[stack.length - 1];
      if (top?.array) { top.index++; expectValue = true; expectKey = false; } else { expectKey = true; expectValue = false; }
      i++;
      continue;
    }
    if (c === 125 || c === 93) { stack.pop(); expectValue = false; expectKey = false; i++; continue; } // '}' ']'
    if (expectValue) {
      expectValue = false;
      // A value whose containers all lie on the wanted path is the path's deepest part seen so far.
      if (stack.length <= path.length && stack.length > bestDepth && matchingDepth(stack, path) === stack.length) {
        best = line;
        bestDepth = stack.length;
        if (bestDepth === path.length) return best;
      }
      if (c === 123) { stack.push({ array: false, index: 0, key: '' }); expectKey = true; i++; continue; }
      if (c === 91) { stack.push({ array: true, index: 0, key: '' }); expectValue = true; i++; continue; }
      if (c === 34) { i = stringEnd(text, i); continue; }
      while (i < n && !isDelimiter(text.charCodeAt(i))) i++;
      continue;
    }
    i++;
  }
  return best;
}

function matchingDepth(stack: { array: boolean; index: number; key: string }[], path: readonly PathPart[]): number {
  let k = 0;
  while (k < stack.length && k < path.length && (stack[k].array ? stack[k].index : stack[k].key) === path[k]) k++;
  return k;
}

function isDelimiter(c: number): boolean {
  return c === 44 || c === 125 || c === 93 || c === 32 || c === 9 || c === 10 || c === 13;
}

/** Index just past the string that starts (with its quote) at `start`. */
function stringEnd(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 92) { i += 2; continue; }
    i++;
    if (c === 34) break;
  }
  return i;
}

export interface JsonProblem { line: number; column: number; reason: string }

/** Where text stops being JSON, and why, in our words; undefined when it is valid JSON. */
export function findJsonProblem(text: string): JsonProblem | undefined {
  let i = 0;
  const n = text.length;
  class Stop { constructor(readonly at: number, readonly reason: string) {} }
  const fail = (reason: string): never => { throw new Stop(i, reason); };
  const ws = () => { while (i < n && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++; };
  const str = () => {
    i++;
    for (;;) {
      if (i >= n) fail('the text ends inside a string');
      const c = text.charCodeAt(i);
      if (c === 34) { i++; return; }
      if (c === 92) {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail('\\u must be followed by four hexadecimal digits');
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else fail('unknown escape in a string');
        continue;
      }
      if (c < 0x20) fail('a control character (such as a line break) inside a string');
      i++;
    }
  };
  const number = /-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/y;
  const value = (depth: number) => {
    if (depth > 1000) fail('nested more than 1000 levels deep');
    ws();
    if (i >= n) fail('the text ends where a value should be');
    const c = text[i];
    if (c === '{') {
      i++; ws();
      if (text[i] === '}') { i++; return; }
      for (;;) {
        ws();
        if (text[i] !== '"') fail('expected a member name in double quotes');
        str(); ws();
        if (text[i] !== ':') fail("expected ':' after a member name");
        i++;
        value(depth + 1); ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === '}') { i++; return; }
        fail("expected ',' or '}' after a member");
      }
    }
    if (c === '[') {
      i++; ws();
      if (text[i] === ']') { i++; return; }
      for (;;) {
        value(depth + 1); ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === ']') { i++; return; }
        fail("expected ',' or ']' after an element");
      }
    }
    if (c === '"') { str(); return; }
    for (const word of ['true', 'false', 'null']) if (text.startsWith(word, i)) { i += word.length; return; }
    number.lastIndex = i;
    const m = number.exec(text);
    if (m && m[0].length > 0 && m[0] !== '-') { i += m[0].length; return; }
    fail('expected a value (an object, array, string, number, true, false or null)');
  };
  try {
    value(0);
    ws();
    if (i < n) fail('more text after the end of the JSON value');
    return undefined;
  } catch (e) {
    if (!(e instanceof Stop)) throw e;
    let line = 1;
    let lineStart = 0;
    for (let k = 0; k < e.at && k < n; k++) if (text.charCodeAt(k) === 10) { line++; lineStart = k + 1; }
    return { line, column: e.at - lineStart + 1, reason: e.reason };
  }
}
