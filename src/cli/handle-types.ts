import { handleTypes } from '../index.js';
import { parse, oneOf } from './args.js';

export const HANDLE_TYPES_HELP = `Usage: vk-extmem handle-types [--format text|json]

Prints the external memory handle-type catalogue: every VkExternalMemoryHandleTypeFlagBits value and the
four VkExternalMemoryHandleTypeFlagBitsNV values, with platform, handle kind (NT, KMT, fd, host pointer),
opacity, import by name, how allocationSize is decided on import, who owns the handle after import, how
many exports one memory object allows, which device identity must match, the NV<->KHR counterpart, and
the APIs that produce such a handle.`;

export async function runHandleTypes(argv: string[], out: NodeJS.WritableStream): Promise<number> {
  const { values } = parse(argv, { format: { type: 'string', short: 'f' }, help: { type: 'boolean', short: 'h' } }, false);
  if (values.help) { out.write(HANDLE_TYPES_HELP + '\n'); return 0; }
  const format = oneOf(values.format, ['text', 'json'] as const, '--format', 'text');
  const types = await handleTypes();
  if (format === 'json') { out.write(JSON.stringify(types, null, 2) + '\n'); return 0; }
  const rows = types.map((t) => [
    t.name.replace(/^VK_EXTERNAL_MEMORY_HANDLE_TYPE_|_BIT(_NV|_EXT|_ANDROID|_FUCHSIA|_QNX|_OHOS)?$/g, ''), t.family, t.platform, t.handle, t.opaque ? 'yes' : 'no', t.importByName ? 'yes' : 'no',
    t.allocationSize, t.ownershipAfterImport.split(':')[0], t.exportsPerMemory.replace(/ \(VUID.*\)/, ''), t.mustMatch.length ? 'both UUIDs' : '-',
    t.counterpart ? t.counterpart.replace(/^VK_EXTERNAL_MEMORY_HANDLE_TYPE_|_BIT(_NV)?$/g, '') : '-', t.producedBy.join(', '),
  ]);
  const head = ['handle type', 'ext', 'platform', 'handle', 'opaque', 'by name', 'allocationSize on import', 'owner after import', 'exports/memory', 'must match', 'counterpart', 'produced by'];
  out.write(table([head, ...rows]));
  out.write(`\n${types.length} handle types. Owner after import: "the implementation" means the import consumed the handle; "the application" means it must still close (NT) or keep (host memory) it.\n`);
  return 0;
}

export function table(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r, i) => {
    const line = r.map((cell, c) => cell.padEnd(widths[c])).join('  ').trimEnd();
    return i === 0 ? `${line}\n${widths.map((w) => '-'.repeat(w)).join('  ')}` : line;
  }).join('\n') + '\n';
}
