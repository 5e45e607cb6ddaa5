// The boundary between the core (AssemblyScript compiled to Wasm) and TypeScript: every number the two
// sides exchange through the core's memory and exports, stated once. gen-registry.mjs writes this table
// into assembly/generated/contract.ts and src/generated/contract.ts; neither side types a layout word,
// a code or a marker by hand. Codes are the position in a list unless a list gives them explicitly.

/**
 * A call record (src/core/encode.ts writes it, assembly/core/record.ts reads it): a header, one node per
 * structure, then the member slots of each node, all 64-bit words.
 */
export const RECORD = {
  /** Capacity of the input buffer in words; the encoder refuses a call that would not fit. */
  inputWords: 32768,
  headerWords: 8,
  /** Header words, by position. */
  header: ['entry', 'call', 'result', 'process', 'nodeCount'],
  nodeWords: 7,
  /** Words of each node, by position: the present and null masks hold one bit per member slot. */
  node: ['entry', 'parent', 'parentSlot', 'sType', 'present', 'nulls', 'slotOffset'],
  /** Values with a meaning of their own. */
  markers: {
    /** parentSlot of a node reached through its parent's pNext chain. */
    viaPNext: -1,
    /** parentSlot of the call's own parameter block (its parent is noParent). */
    root: -2,
    noParent: -1,
    /** The result word when the input does not say what the call returned. */
    resultUnknown: 0x7fffffff,
    /** A node's sType word when the input declared none. */
    noSType: -1,
    /** A pointer member whose value is not a pointer value (the core reports it). */
    notPointer: -1,
    /** INVALID_HANDLE_VALUE ((HANDLE)-1) however the input wrote it: never a handle. */
    invalidHandle: -1,
    /** A STRUCT slot holds the child node's index plus this (0 is a NULL pointer). */
    childBias: 1,
  },
};

/**
 * Findings (assembly/core/findings.ts writes them, src/core/findings.ts reads them): fixed records of
 * these fields, then up to maxOperands (kind, value) pairs. The buffer holds maxFindings findings and
 * one more record for the note that says how many did not fit.
 */
export const FINDINGS = {
  maxFindings: 256,
  maxOperands: 6,
  fields: ['rule', 'severity', 'node', 'slot', 'reason', 'operandCount'],
  markers: {
    /** slot of a finding about a whole structure or call rather than one member. */
    noSlot: -1,
    /** reason of a finding that names none (every finding but "cannot decide"). */
    noReason: -1,
  },
  /** The rule of the note that closes a call whose findings did not all fit, and its operand that counts them. */
  notRecordedRule: 'VKX-findings-not-recorded',
  notRecordedCount: 'notRecorded',
};

/**
 * What a backend is asked to do for a call, read from the record's one decoding (assembly/core/describe.ts
 * writes the items, src/core/describe.ts reads them): the session hands a backend these values, never a
 * second reading of the call's JSON. Each item is `fields`, then up to maxValues values; its kind (codes
 * from 1) lists its values in order as `name:type`, the type saying how TypeScript reads the 64-bit word:
 * an unsigned or signed number, or an interned object id, HANDLE value or string (0: not given).
 */
export const DESCRIBE = {
  maxItems: 64,
  maxValues: 3,
  fields: ['kind', 'node'],
  valueTypes: ['unsigned', 'signed', 'object', 'osHandle', 'string'],
  kinds: [
    // vkAllocateMemory: the allocation, then the first export and dedicated structures of each kind (the
    // ones the core applies), then every import structure in chain order (the core counts them all).
    ['ALLOCATION', 'allocationSize:unsigned', 'memoryTypeIndex:unsigned'],
    ['EXPORT', 'handleTypes:unsigned'],
    ['EXPORT_NV', 'handleTypes:unsigned'],
    ['EXPORT_WIN32', 'name:string', 'dwAccess:unsigned'],
    ['DEDICATED', 'image:object', 'buffer:object'],
    ['DEDICATED_NV', 'image:object', 'buffer:object'],
    ['IMPORT_WIN32', 'handleType:unsigned', 'handle:osHandle', 'name:string'],
    ['IMPORT_WIN32_NV', 'handleType:unsigned', 'handle:osHandle'],
    ['IMPORT_FD', 'handleType:unsigned', 'fd:signed'],
    ['IMPORT_HOST', 'handleType:unsigned', 'pointer:signed'],
    // Exports: vkGetMemoryWin32HandleKHR, vkGetMemoryWin32HandleNV, vkGetMemoryFdKHR.
    ['GET_WIN32_HANDLE', 'memory:object', 'handleType:unsigned'],
    ['GET_WIN32_HANDLE_NV', 'memory:object', 'handleType:unsigned'],
    ['GET_FD', 'memory:object', 'handleType:unsigned'],
    // The import side's queries of a handle's memory types.
    ['WIN32_HANDLE_PROPERTIES', 'handleType:unsigned', 'handle:osHandle'],
    ['FD_PROPERTIES', 'handleType:unsigned', 'fd:signed'],
    ['HOST_POINTER_PROPERTIES', 'handleType:unsigned', 'pointer:signed'],
    // Resources made for external memory, and the capability query of an external image.
    ['EXTERNAL_MEMORY_BUFFER', 'handleTypes:unsigned'],
    ['EXTERNAL_MEMORY_IMAGE', 'handleTypes:unsigned'],
    ['EXTERNAL_MEMORY_IMAGE_NV', 'handleTypes:unsigned'],
    ['EXTERNAL_IMAGE_FORMAT', 'handleType:unsigned'],
  ],
};

/** Severities, by code. */
export const SEVERITIES = ['error', 'warning', 'info', 'undecidable'];

/**
 * Operand kinds: how TypeScript prints an operand's value. Each names its printer; TypeScript has one
 * printer per name (src/core/operands.ts), so a kind added here without one fails the typecheck.
 */
export const OPERAND_KINDS = [
  { name: 'INT', printer: 'decimal', about: 'a count, an index, an enumerant shown as a number' },
  { name: 'SIZE', printer: 'unsigned', about: 'a size in bytes (VkDeviceSize: 64 bits, unsigned)' },
  { name: 'HEX', printer: 'hex', about: 'an address, a mask or a capture address, as 64 bits' },
  { name: 'HANDLE_TYPES', printer: 'handleTypes', about: 'VkExternalMemoryHandleTypeFlags' },
  { name: 'HANDLE_TYPES_NV', printer: 'handleTypesNV', about: 'VkExternalMemoryHandleTypeFlagsNV' },
  { name: 'OBJECT', printer: 'object', about: 'an interned Vulkan or D3D object id' },
  { name: 'STRING', printer: 'quotedString', about: 'an interned string id (a name, a UUID)' },
  { name: 'BITS', printer: 'memoryTypeBits', about: 'a memory type mask, with the type indices it allows' },
  { name: 'CALL', printer: 'call', about: 'a call index (negative: unknown)' },
  { name: 'MEMBER', printer: 'member', about: "the value of the finding's own member, named by the member's type" },
  { name: 'STYPE', printer: 'structureType', about: 'a VkStructureType value, named by its structure' },
  { name: 'BOOL', printer: 'bool', about: 'a VkBool32' },
  { name: 'RESULT', printer: 'vkResult', about: 'a VkResult' },
  { name: 'EXTENSIONS', printer: 'extensions', about: 'a mask of the tracked extensions' },
  { name: 'FD', printer: 'decimal', about: 'a file descriptor' },
  { name: 'OSHANDLE', printer: 'osHandle', about: 'an interned HANDLE value' },
  { name: 'FEATURES', printer: 'memoryFeatures', about: 'VkExternalMemoryFeatureFlags' },
  { name: 'ENTRY', printer: 'entry', about: 'a structure or command id' },
  { name: 'PROCESS', printer: 'process', about: 'an interned process name (0: main)' },
  { name: 'IMAGE_CREATE_FLAGS', printer: 'imageCreateFlags', about: 'VkImageCreateFlags' },
  { name: 'BUFFER_CREATE_FLAGS', printer: 'bufferCreateFlags', about: 'VkBufferCreateFlags' },
  { name: 'VERSION', printer: 'apiVersion', about: 'a packed Vulkan API version' },
  { name: 'HANDLE_TYPES_NV_MARKED', printer: 'handleTypesNVMarked', about: 'VkExternalMemoryHandleTypeFlagsNV marked "(NV)", for texts where both families can appear' },
];

/**
 * Message templates: `{name}` placeholders. A rule or reason declares the names of the operands it
 * pushes, in push order, beside its template; a name in brackets is carried for the program (the
 * resolver's chain fields) and never shown. `path` and `type` are filled from the finding's member.
 */
export const TEMPLATES = {
  placeholder: '\\{([A-Za-z][A-Za-z0-9]*)\\}',
  builtIns: ['path', 'type'],
};

/** How each kind of call says it succeeded (from the registry's return types). */
export const RETURN_KINDS = [
  { name: 'void', success: 'always' },
  { name: 'VkResult', success: 'notNegative' },
  { name: 'BOOL', success: 'notZero' },
  { name: 'HRESULT', success: 'notNegative' },
  { name: 'int', success: 'notNegative' },
];
export const SUCCESS_PREDICATES = ['always', 'notNegative', 'notZero'];

/** Import resolution (assembly/resolve/output.ts writes the entries, src/resolve/entries.ts reads them). */
export const RESOLVE = {
  maxEntries: 64,
  maxOperands: 6,
  fields: ['topic', 'code', 'value', 'rule', 'reason', 'flags', 'operandCount', 'reserved'],
  /** Topics, from 1. */
  topics: ['SIZE', 'SIZE_PART', 'TYPE', 'TYPE_PART', 'DEDICATED', 'DEDICATED_PART', 'NV_DEDICATED', 'NV_DEDICATED_PART', 'CHAIN', 'PROBLEM', 'SOURCE', 'NOTE'],
  /** allocationSize modes (SIZE and SIZE_PART codes), from 1. */
  sizeModes: ['EXACT', 'RESOURCE_REQUIREMENT', 'AT_LEAST', 'ALIGNED', 'IGNORED', 'UNKNOWN', 'ANY'],
  /** memoryTypeIndex components (TYPE_PART codes), from 1, with the name the resolution gives them. */
  typeKinds: [['DEVICE', 'device'], ['RESOURCE', 'resource'], ['EXPORTER', 'exporter'], ['HANDLE', 'handle'], ['HOST', 'host']],
  /** TYPE codes: whether every component mask is known. */
  typeCompleteness: ['COMPLETE', 'PARTIAL'],
  /** Dedicated-allocation decisions (DEDICATED, NV_DEDICATED and their parts), from 1. */
  dedicated: ['REQUIRED', 'OPTIONAL', 'NOT_ALLOWED', 'NOT_APPLICABLE'],
  /** Chain structures (CHAIN codes), from 1. */
  chain: ['IMPORT_WIN32', 'IMPORT_WIN32_NV', 'IMPORT_FD', 'IMPORT_HOST', 'DEDICATED', 'DEDICATED_NV', 'ALLOCATE_FLAGS'],
  /** Flag word bits. */
  flags: [['IMAGE', 1], ['BUFFER', 2], ['UNKNOWN', 4], ['PRIMARY', 8]],
};

/** Conformance (assembly/conform): requirement classes and the judge's outcomes, by code. */
export const CONFORM = {
  classes: ['capability', 'ignored-when-zero', 'ownership', 'payload', 'error-path'],
  outcomes: ['pass', 'deviation', 'hazard', 'not-applicable'],
};

export const CONTRACT = { RECORD, FINDINGS, DESCRIBE, SEVERITIES, OPERAND_KINDS, TEMPLATES, RETURN_KINDS, SUCCESS_PREDICATES, RESOLVE, CONFORM };
