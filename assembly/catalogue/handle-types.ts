// What each external memory handle type is and how it behaves, as the specification defines it: one row
// per VkExternalMemoryHandleTypeFlagBits value and per VkExternalMemoryHandleTypeFlagBitsNV value. The
// facts and the masks derived from them are generated (scripts/registry/handle-type-facts.mjs, through
// scripts/gen-registry.mjs); this module turns the generated columns into rows and answers questions.
import * as facts from '../generated/handle-types';

export {
  PLATFORM_WINDOWS, PLATFORM_POSIX, PLATFORM_LINUX, PLATFORM_ANY, PLATFORM_ANDROID, PLATFORM_FUCHSIA, PLATFORM_QNX, PLATFORM_APPLE, PLATFORM_OHOS,
  HANDLE_NT, HANDLE_KMT, HANDLE_FD, HANDLE_HOST_POINTER, HANDLE_OTHER,
  SIZE_MATCH_EXPORT, SIZE_MATCH_D3D12_HEAP, SIZE_IGNORED, SIZE_HOST_ALIGNED, SIZE_APP,
  OWN_DRIVER, OWN_APP_CLOSES, OWN_NO_REFERENCE, OWN_APP_KEEPS_MEMORY, OWN_APP_KEEPS_OBJECT,
  UUID_NONE, UUID_BOTH,
  NT_TYPES, KMT_TYPES, WIN32_KHR_TYPES, FD_TYPES, HOST_TYPES, BY_NAME_TYPES, OPAQUE_TYPES, OPAQUE_WIN32_TYPES,
  DEDICATED_ONLY_TYPES, KEYED_MUTEX_TYPES, NV_NT_TYPES, NV_KMT_TYPES,
} from '../generated/handle-types';

export class HandleType {
  constructor(
    public bit: i64,
    public nv: bool,
    public platform: u8,
    public handle: u8,
    public opaque: bool,
    public byName: bool,
    public size: u8,
    public ownership: u8,
    /** One export per (memory, type) (VUID-VkMemoryGetWin32HandleInfoKHR-handleType-00663); else any number. */
    public oneExportPerMemory: bool,
    public uuid: u8,
    /** The corresponding bit in the other family (NV <-> KHR), 0 if none. */
    public counterpart: i64,
    /** Import is by pointer and the payload is the host's, never exported by Vulkan. */
    public importOnly: bool,
    /** Every implementation reports the type DEDICATED_ONLY. */
    public dedicatedOnly: bool,
  ) {}
}

const T = new Array<HandleType>();
for (let i = 0; i < facts.HANDLE_TYPE_COUNT; i++) {
  T.push(new HandleType(facts.HT_BIT[i], facts.HT_NV[i] != 0, facts.HT_PLATFORM[i], facts.HT_HANDLE[i], facts.HT_OPAQUE[i] != 0, facts.HT_BY_NAME[i] != 0,
    facts.HT_SIZE[i], facts.HT_OWNERSHIP[i], facts.HT_ONE_EXPORT[i] != 0, facts.HT_UUID[i], facts.HT_COUNTERPART[i], facts.HT_IMPORT_ONLY[i] != 0, facts.HT_DEDICATED_ONLY[i] != 0));
}

/** The KHR row for a single bit, or null. */
export function khr(bit: i64): HandleType | null {
  for (let i = 0; i < T.length; i++) { const t = T[i]; if (!t.nv && t.bit == bit) return t; }
  return null;
}
/** The NV row for a single bit, or null. */
export function nvType(bit: i64): HandleType | null {
  for (let i = 0; i < T.length; i++) { const t = T[i]; if (t.nv && t.bit == bit) return t; }
  return null;
}

export function isNtHandle(bit: i64): bool { const t = khr(bit); return t != null && t.handle == facts.HANDLE_NT; }
export function isKmtHandle(bit: i64): bool { const t = khr(bit); return t != null && t.handle == facts.HANDLE_KMT; }
export function isOpaque(bit: i64): bool { const t = khr(bit); return t != null && t.opaque; }
export function isSingleBit(v: i64): bool { return v != 0 && (v & (v - 1)) == 0; }
