// Values the mutators draw from, harvested from the corpus itself (so no Vulkan tables are copied
// here): sType names, other enumerant names, member names, command and OS operation names, VUIDs,
// and the handle-like strings the scenarios use. Plus the numbers and strings that tend to break
// readers: limits of 32 and 64 bits, floats, overlong and odd text.

export function harvestPools(corpus) {
  const sTypes = new Set();
  const enums = new Set();
  const keys = new Set();
  const vkNames = new Set();
  const osNames = new Set();
  const vuids = new Set();
  const names = new Set();
  const visit = (v, key) => {
    if (Array.isArray(v)) { for (const x of v) visit(x, key); return; }
    if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) { keys.add(k); visit(x, k); }
      return;
    }
    if (typeof v !== 'string') return;
    if (key === 'sType') sTypes.add(v);
    else if (/^VUID-/.test(v)) vuids.add(v);
    else if (/^[A-Z][A-Z0-9_]+$/.test(v)) enums.add(v);
    else if (/^[a-z][A-Za-z]*\d*[A-Z0-9]*$/.test(v) && v.length < 16) names.add(v);
  };
  for (const s of corpus.scenarios) {
    for (const step of s.doc.steps ?? []) {
      if (step.vkFunc?.name) vkNames.add(step.vkFunc.name);
      if (step.os?.name) osNames.add(step.os.name);
    }
    visit(s.doc, '');
  }
  for (const c of corpus.captures) {
    for (const line of c.lines) {
      let o;
      try { o = JSON.parse(line); } catch { continue; }
      if (o?.vkFunc?.name) vkNames.add(o.vkFunc.name);
      visit(o?.vkFunc?.args, '');
    }
  }
  const sorted = (s) => [...s].sort();
  return { sTypes: sorted(sTypes), enums: sorted(enums), keys: sorted(keys), vkNames: sorted(vkNames), osNames: sorted(osNames), vuids: sorted(vuids), names: sorted(names) };
}

/** Numbers at the edges: 0, ±1, 32- and 64-bit limits, past 2^53, floats, exponents. */
export const EDGE_NUMBERS = [
  0, -1, 1, 2, 3, 4, 255, 256, 4095, 4096, 65535, 65536, 0x7fffffff, 0x80000000, -0x80000000, 0xffffffff, 2 ** 32,
  2 ** 32 + 1, 2 ** 53 - 1, 2 ** 53, 2 ** 53 + 2, -(2 ** 53), 2 ** 63, -(2 ** 63), 2 ** 64 - 1, 2 ** 64, 2 ** 64 + 4096 * 4096, -(2 ** 64),
  1e21, 1e308, -1e308, 5e-324, 0.5, -0.5, 1.5, 3.999999, 1e-7, -2147483649, 1000072003, -1000072003,
];

/** Strings that look like numbers, handles, names or nothing at all. */
export const EDGE_STRINGS = [
  '', ' ', '0', '-0', '0x0', '0x', '0xg', '-1', '0xffffffff', '0xffffffffffffffff', '0x10000000000000000', '0x' + 'f'.repeat(40),
  '18446744073709551615', '18446744073709551616', '-9223372036854775809', '99999999999999999999999', '1e3', 'NaN', 'Infinity',
  'VK_NULL_HANDLE', 'NULL', 'VK_TRUE', 'VK_FALSE', 'main', 'TRUE', 'S_OK', 'E_FAIL', '$size()', '$type(', '$type(,)', '$luid', '$size(nothing)',
  '$type(host, device, host)', '$', 'A|B', '|', 'VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_FD_BIT|', 'Unhandled VkFoo', '\u0000', '\ud800', '\udfff\ud800',
  '\uffff', '\u202e', 'é', '💥', 'x'.repeat(129), 'x'.repeat(5000), '1-2-3', '1-2-3-4-5-6-7-8', '256-0-0-0-0-0-0-0', 'c0ffee', 'zz', '__proto__', 'constructor',
];
