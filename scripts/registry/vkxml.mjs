// A small reader for the parts of vk.xml the generator needs: enums (with extension-added values),
// structs and their members, handles, commands and their parameters, and extension names.
// vk.xml is regular enough that targeted regular expressions are simpler than a general XML parser.

const decodeEntities = (s) =>
  s.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

function attrs(tag) {
  const out = {};
  for (const m of tag.matchAll(/([\w:-]+)="([^"]*)"/g)) out[m[1]] = decodeEntities(m[2]);
  return out;
}

/** Parses one `<member>` or `<param>` body into {name, type, ptr, const, arrayLen, attrs}. */
function parseDecl(openTag, body) {
  const a = attrs(openTag);
  const clean = body.replace(/<comment>[\s\S]*?<\/comment>/g, '');
  const type = /<type>([^<]+)<\/type>/.exec(clean)?.[1];
  const name = /<name[^>]*>([^<]+)<\/name>/.exec(clean)?.[1];
  const afterName = clean.slice(clean.indexOf('</name>') + 7);
  const fixed = /\[(?:<enum>)?([\w]+)(?:<\/enum>)?\]/.exec(afterName)?.[1];
  const text = clean.replace(/<[^>]+>/g, ' ');
  const ptr = (text.match(/\*/g) || []).length;
  return { name, type, ptr, isConst: /\bconst\b/.test(text.split(name)[0] ?? ''), fixedLen: fixed, attrs: a };
}

export function parseVkXml(xml) {
  // Vulkan SC variants share names with Vulkan ones; keep only what applies to Vulkan.
  const forVulkan = (a) => !a.api || a.api.split(',').includes('vulkan');

  const constants = new Map();
  const enums = new Map(); // name -> {name, kind: 'enum'|'bitmask', bitwidth, values: Map<name, bigint>, aliases: Map}
  for (const m of xml.matchAll(/<enums ([^>]*)>([\s\S]*?)<\/enums>/g)) {
    const a = attrs(m[1]);
    if (a.name === 'API Constants') {
      for (const e of m[2].matchAll(/<enum ([^>]*)\/>/g)) {
        const ea = attrs(e[1]);
        if (ea.value) constants.set(ea.name, ea.value);
      }
      continue;
    }
    // provider: the extension that added an enumerant (absent: the type's own, or a core version).
    const en = { name: a.name, kind: a.type, bitwidth: Number(a.bitwidth ?? 32), values: new Map(), aliases: new Map(), provider: new Map() };
    for (const e of m[2].matchAll(/<enum ([^>]*)\/>/g)) {
      const ea = attrs(e[1]);
      if (!forVulkan(ea)) continue;
      if (ea.alias) en.aliases.set(ea.name, ea.alias);
      else if (ea.bitpos !== undefined) en.values.set(ea.name, 1n << BigInt(ea.bitpos));
      else if (ea.value !== undefined) en.values.set(ea.name, BigInt(ea.value));
    }
    enums.set(a.name, en);
  }

  // Enumerants added by features and extensions.
  const extensions = new Map(); // name -> {number, platform, type, supported}
  const addEnum = (ea, extnumber, provider = '') => {
    const en = enums.get(ea.extends);
    if (!en || !forVulkan(ea)) return;
    if (ea.alias) { en.aliases.set(ea.name, ea.alias); return; }
    let v;
    if (ea.bitpos !== undefined) v = 1n << BigInt(ea.bitpos);
    else if (ea.value !== undefined) v = BigInt(ea.value);
    else if (ea.offset !== undefined) {
      const num = Number(ea.extnumber ?? extnumber);
      v = 1000000000n + BigInt(num - 1) * 1000n + BigInt(ea.offset);
      if (ea.dir === '-') v = -v;
    } else return;
    en.values.set(ea.name, v);
    if (provider && !en.provider.has(ea.name)) en.provider.set(ea.name, provider);
  };
  // Which core version or extensions define each type (a structure of an extension that is neither
  // enabled nor part of the device's version may not be used).
  const typeVersions = new Map(); // type -> "1.1"
  const typeProviders = new Map(); // type -> Set of extension names
  for (const m of xml.matchAll(/<feature ([^>]*)>([\s\S]*?)<\/feature>/g)) {
    const fa = attrs(m[1]);
    if (!forVulkan(fa)) continue;
    for (const e of m[2].matchAll(/<enum ([^>]*)\/>/g)) addEnum(attrs(e[1]), 0);
    for (const t of m[2].matchAll(/<type name="([^"]+)"/g)) if (!typeVersions.has(t[1])) typeVersions.set(t[1], fa.number);
  }
  for (const m of xml.matchAll(/<extension ([^>]*)>([\s\S]*?)<\/extension>/g)) {
    const a = attrs(m[1]);
    extensions.set(a.name, { name: a.name, number: Number(a.number), platform: a.platform ?? '', type: a.type ?? '', supported: a.supported ?? '' });
    if (!(a.supported ?? '').split(',').includes('vulkan')) continue;
    for (const e of m[2].matchAll(/<enum ([^>]*)\/>/g)) addEnum(attrs(e[1]), Number(a.number), a.name);
    for (const t of m[2].matchAll(/<type name="([^"]+)"/g)) {
      if (!typeProviders.has(t[1])) typeProviders.set(t[1], new Set());
      typeProviders.get(t[1]).add(a.name);
    }
  }

  const structs = new Map(); // name -> {name, extends: string[], returnedOnly, members}
  const structAliases = new Map();
  const handles = new Map(); // name -> {parent}
  const bitmasks = new Map(); // VkFooFlags -> VkFooFlagBits
  const basetypes = new Set();
  // <type> elements nest (<member><type>…</type></member>), so walk the <types> block line by line:
  // a struct or union runs until a line that is only "</type>", every other type fits on its line.
  const typesBlock = /<types[^>]*>([\s\S]*?)<\/types>/.exec(xml)[1];
  const lines = typesBlock.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    const open = /^<type ([^>]*?)(\/?)>/.exec(line);
    if (!open) continue;
    const a = attrs(open[1]);
    let body = '';
    if (open[2] !== '/') {
      const isStruct = a.category === 'struct' || a.category === 'union';
      if (line.endsWith('</type>')) body = line.slice(open[0].length, -7);
      else {
        const acc = [line.slice(open[0].length)];
        const done = (l) => (isStruct ? l.trim() === '</type>' : l.trimEnd().endsWith('</type>'));
        while (++i < lines.length && !done(lines[i])) acc.push(lines[i]);
        if (!isStruct && i < lines.length) acc.push(lines[i].trimEnd().slice(0, -7));
        body = acc.join('\n');
      }
    }
    if (!forVulkan(a)) continue;
    if (a.category === 'struct' || a.category === 'union') {
      if (a.alias) { structAliases.set(a.name, a.alias); continue; }
      const members = [];
      for (const mm of body.matchAll(/<member([^>]*)>([\s\S]*?)<\/member>/g)) {
        const d = parseDecl(mm[1], mm[2]);
        if (!forVulkan(d.attrs)) continue;
        members.push(d);
      }
      structs.set(a.name, {
        name: a.name,
        extends: a.structextends ? a.structextends.split(',') : [],
        returnedOnly: a.returnedonly === 'true',
        members,
      });
    } else if (a.category === 'handle') {
      const name = a.name ?? /<name>([^<]+)<\/name>/.exec(body)?.[1];
      if (a.alias) handles.set(a.name, { parent: '', alias: a.alias });
      else handles.set(name, { parent: a.parent ?? '' });
    } else if (a.category === 'bitmask') {
      const name = a.name ?? /<name>([^<]+)<\/name>/.exec(body)?.[1];
      if (a.alias) bitmasks.set(a.name, { alias: a.alias });
      else bitmasks.set(name, { bits: a.requires ?? a.bitvalues ?? '', base: /<type>([^<]+)<\/type>/.exec(body)?.[1] ?? 'VkFlags' });
    } else if (a.category === 'basetype') {
      basetypes.add(/<name>([^<]+)<\/name>/.exec(body)?.[1]);
    }
  }

  const commands = new Map(); // name -> {name, returns, params}
  const commandAliases = new Map();
  for (const m of xml.matchAll(/<command(?!s)([^>]*?)(?:\/>|>([\s\S]*?)<\/command>)/g)) {
    const a = attrs(m[1]);
    if (!forVulkan(a)) continue;
    if (a.alias) { commandAliases.set(a.name, a.alias); continue; }
    const body = m[2] ?? '';
    const proto = /<proto>([\s\S]*?)<\/proto>/.exec(body);
    if (!proto) continue;
    const name = /<name>([^<]+)<\/name>/.exec(proto[1])[1];
    const returns = /<type>([^<]+)<\/type>/.exec(proto[1])[1];
    const params = [];
    const paramBody = body.replace(/<implicitexternsyncparams>[\s\S]*?<\/implicitexternsyncparams>/g, '');
    for (const pm of paramBody.matchAll(/<param([^>]*)>([\s\S]*?)<\/param>/g)) {
      const d = parseDecl(pm[1], pm[2]);
      if (!forVulkan(d.attrs)) continue;
      params.push(d);
    }
    const codes = (v) => (v ? v.split(',').map((c) => c.trim()).filter(Boolean) : []);
    commands.set(name, { name, returns, params, successcodes: codes(a.successcodes), errorcodes: codes(a.errorcodes) });
  }

  // Author tags (KHR, EXT, NV, …): the vendor suffixes of names.
  const tags = [...xml.matchAll(/<tag\s+name="([A-Za-z0-9]+)"/g)].map((m) => m[1]);
  return { constants, enums, extensions, structs, structAliases, handles, bitmasks, basetypes, commands, commandAliases, tags, typeVersions, typeProviders };
}
