// Mutations below JSON: of the text of a capture (its lines) and of raw bytes (invalid UTF-8,
// truncation, splices), for readers that must turn anything at all into an InputError.

const UTF8_BREAKERS = [
  [0xff], [0xfe], [0xc0, 0x80], [0xed, 0xa0, 0x80] /* a surrogate */, [0xf4, 0x90, 0x80, 0x80] /* past U+10FFFF */, [0xe2, 0x82] /* cut short */,
  [0x80], [0xef, 0xbb, 0xbf] /* BOM */, [0x00], [0x0d], [0x0a], [0xf0, 0x9f, 0x92],
];

/** One mutation of a capture's lines (in place); returns what it did. */
export function mutateLines(rng, lines, foreign) {
  const i = lines.length ? rng.int(lines.length) : 0;
  const line = lines[i] ?? '';
  const op = rng.weighted([[4, 'truncate'], [3, 'drop'], [3, 'repeat'], [2, 'swap'], [3, 'splice'], [2, 'foreign'], [2, 'unhandled'], [2, 'index'], [1, 'blank'], [1, 'crlf'], [1, 'join']]);
  switch (op) {
    case 'truncate':
      lines[i] = line.slice(0, rng.int(line.length + 1));
      return `line ${i + 1} truncated`;
    case 'drop':
      lines.splice(i, 1);
      return `line ${i + 1} dropped`;
    case 'repeat':
      lines.splice(i, 0, line);
      return `line ${i + 1} repeated`;
    case 'swap': {
      const j = rng.int(Math.max(lines.length, 1));
      [lines[i], lines[j]] = [lines[j], lines[i]];
      return `lines ${i + 1} and ${j + 1} swapped`;
    }
    case 'splice': {
      const at = rng.int(line.length + 1);
      const junk = rng.pick(['{', '}', '[', ']', '"', ',', ':', '\\', '\\u', '\\ud800', 'null', '-', '1e999', '\u0000', '\t', ' ']);
      lines[i] = line.slice(0, at) + junk + line.slice(at + (rng.chance(0.5) ? 1 : 0));
      return `line ${i + 1}: ${JSON.stringify(junk)} spliced at ${at}`;
    }
    case 'foreign':
      lines.splice(i, 0, rng.pick(foreign));
      return `a foreign line inserted at ${i + 1}`;
    case 'unhandled':
      // gfxrecon-convert's bare words inside arrays, which the reader repairs; also in odd places.
      lines[i] = line.replace(/(\[|,|:)\s*(\d+|"[A-Z_]+")/, `$1${rng.pick(['Unhandled VkFoo', 'Unhandled Vk', 'Unhandled VkQueueGlobalPriorityKHR', ' Unhandled VkX ]'])}`);
      return `line ${i + 1}: bare Unhandled word`;
    case 'index':
      lines[i] = line.replace(/"index":\s*\d+/, `"index":${rng.pick(['-1', '1.5', '"7"', '1e300', '9007199254740993', 'null', '[]'])}`);
      return `line ${i + 1}: odd index`;
    case 'blank':
      lines.splice(i, 0, rng.pick(['', ' ', '\t', '\r', '   \r', '\u00a0', '\ufeff']));
      return `blank line at ${i + 1}`;
    case 'crlf':
      lines[i] = line + '\r';
      return `line ${i + 1} ends in CR`;
    case 'join':
      lines.splice(i, 2, line + (lines[i + 1] ?? ''));
      return `lines ${i + 1} and ${i + 2} joined`;
  }
  return op;
}

/** One mutation of raw bytes (returns new bytes); invalid UTF-8 sequences among them. */
export function mutateBytes(rng, bytes) {
  const at = rng.int(bytes.length + 1);
  const op = rng.weighted([[4, 'utf8'], [3, 'flip'], [2, 'truncate'], [2, 'insert'], [1, 'delete']]);
  switch (op) {
    case 'utf8': {
      const seq = rng.pick(UTF8_BREAKERS);
      return { bytes: concat(bytes.subarray(0, at), Uint8Array.from(seq), bytes.subarray(at)), what: `bytes ${seq.map((b) => b.toString(16)).join(' ')} at ${at}` };
    }
    case 'flip': {
      const out = bytes.slice();
      if (out.length) out[Math.min(at, out.length - 1)] ^= 1 << rng.int(8);
      return { bytes: out, what: `bit flipped at ${at}` };
    }
    case 'truncate':
      return { bytes: bytes.slice(0, at), what: `cut at ${at}` };
    case 'insert': {
      const junk = rng.bytes(rng.range(1, 16));
      return { bytes: concat(bytes.subarray(0, at), junk, bytes.subarray(at)), what: `${junk.length} random bytes at ${at}` };
    }
    case 'delete': {
      const n = rng.range(1, 64);
      return { bytes: concat(bytes.subarray(0, at), bytes.subarray(at + n)), what: `${n} bytes deleted at ${at}` };
    }
  }
  return { bytes, what: op };
}

function concat(...parts) {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
}
