// Where things are in a JSON text: line numbers of a top-level array's elements, and of a parse error.

/** 1-based line of each element of the top-level object's array member `key` (e.g. "steps"). */
export function elementLines(text: string, key: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let depth = 0;
  let inString = false;
  let lastString = '';
  let strStart = 0;
  let arrayDepth = -1; // depth at which the wanted array's elements sit
  let expectKey = false;
  let pendingKey = '';
  let elementStarted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) { line++; continue; }
    if (inString) {
      if (c === 92) { i++; continue; }
      if (c === 34) { inString = false; lastString = text.slice(strStart, i); }
      continue;
    }
    if (c === 32 || c === 9 || c === 13) continue;
    if (arrayDepth >= 0 && depth === arrayDepth && !elementStarted && c !== 93 && c !== 44) { lines.push(line); elementStarted = true; }
    if (c === 34) { inString = true; strStart = i + 1; continue; }
    if (c === 58) { pendingKey = lastString; expectKey = false; continue; }
    if (c === 44) { if (arrayDepth >= 0 && depth === arrayDepth) elementStarted = false; expectKey = true; continue; }
    if (c === 123 || c === 91) {
      depth++;
      if (c === 91 && depth === 2 && pendingKey === key && arrayDepth < 0) { arrayDepth = depth; elementStarted = false; }
      pendingKey = '';
      continue;
    }
    if (c === 125 || c === 93) {
      if (c === 93 && depth === arrayDepth) return lines;
      depth--;
      continue;
    }
  }
  void expectKey;
  return lines;
}

/** 1-based line and column of a character offset. */
export function lineOf(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let last = -1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) { line++; last = i; }
  return { line, column: offset - last };
}

/** 1-based line where the JSON text first nests deeper than `limit` objects and arrays, or 0 if it never does. */
export function lineDeeperThan(text: string, limit: number): number {
  let depth = 0;
  let line = 1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) { line++; continue; }
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
      continue;
    }
    if (c === 34) inString = true;
    else if (c === 123 || c === 91) { if (++depth > limit) return line; }
    else if (c === 125 || c === 93) depth--;
  }
  return 0;
}
