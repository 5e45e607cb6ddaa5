// Bad input gets a clear error naming the place (file, line, member, value), exit status 2, and no stack trace.
import { describe, it, expect } from 'vitest';
import { cli, tempFile } from './helpers/cli.js';

const header = '{"header":{"source-path":"x.gfxr","json-version":"0.8.0","gfxrecon-version":"0.9.18","vulkan-version":"1.3.239"}}';
const alloc = (allocationSize: unknown, extra = '') =>
  `{"index":5,"vkFunc":{"name":"vkAllocateMemory","return":"VK_SUCCESS","args":{"device":3,"pAllocateInfo":{"sType":"VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO","pNext":null,"allocationSize":${JSON.stringify(allocationSize)},"memoryTypeIndex":0${extra}},"pAllocator":null,"pMemory":8}}}`;

function expectInputError(lines: string[], needles: RegExp[], suffix = '.jsonl') {
  const file = tempFile(lines.join('\n') + '\n', suffix);
  const r = cli(['validate', file]);
  expect(r.code, r.stderr + r.stdout).toBe(2);
  for (const n of needles) expect(r.stderr).toMatch(n);
  expect(r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/); // no stack trace
  expect(r.stderr).toContain(file);
  return r;
}

describe('validate: bad input', () => {
  it('a line that is not JSON names the line and column', () => {
    expectInputError([header, 'this is not json'], [/:2: not valid JSON/, /this is not json/]);
  });
  it('a truncated line names the line', () => {
    expectInputError([header, alloc(64).slice(0, 80)], [/:2: not valid JSON/]);
  });
  it('a command that does not exist is refused by name', () => {
    expectInputError([header, '{"index":2,"vkFunc":{"name":"vkAllocateMemoryy","args":{}}}'], [/:2:/, /"vkAllocateMemoryy" is not a Vulkan command/]);
  });
  it('a wrong type names the member and the value', () => {
    expectInputError([header, alloc('lots')], [/:2:/, /vkAllocateMemory\.pAllocateInfo\.allocationSize/, /"lots"/]);
  });
  it('an absurd size is refused, naming the member', () => {
    expectInputError([header, alloc(1e30)], [/:2:/, /allocationSize/, /does not fit in 64 bits/]);
  });
  it('a negative fraction is refused', () => {
    expectInputError([header, alloc(-1.5)], [/:2:/, /is not an integer/]);
  });
  it('an unknown sType in a chain is refused', () => {
    const line = alloc(64).replace('"pNext":null', '"pNext":{"sType":"VK_STRUCTURE_TYPE_NOT_REAL","pNext":null}');
    expectInputError([header, line], [/:2:/, /VK_STRUCTURE_TYPE_NOT_REAL/, /is not a VkStructureType value/]);
  });
  it('a pNext chain that never ends (a loop written out) is cut at the limit with its name', () => {
    let chain = 'null';
    for (let i = 0; i < 300; i++) chain = `{"sType":"VK_STRUCTURE_TYPE_MEMORY_DEDICATED_ALLOCATE_INFO","image":"VK_NULL_HANDLE","buffer":"VK_NULL_HANDLE","pNext":${chain}}`;
    expectInputError([header, alloc(64).replace('"pNext":null', `"pNext":${chain}`)], [/:2:/, /pNextDepth/]);
  });
  it('pNext that is not an object is refused', () => {
    expectInputError([header, alloc(64).replace('"pNext":null', '"pNext":"0x1234"')], [/:2:/, /pNext must be a structure object or null/]);
  });
  it('an unknown enumerant is refused with its type', () => {
    const line = `{"index":3,"vkFunc":{"name":"vkGetMemoryFdKHR","return":"VK_SUCCESS","args":{"device":3,"pGetFdInfo":{"sType":"VK_STRUCTURE_TYPE_MEMORY_GET_FD_INFO_KHR","pNext":null,"memory":8,"handleType":"VK_EXTERNAL_MEMORY_HANDLE_TYPE_BOGUS"},"pFd":5}}}`;
    expectInputError([header, line], [/:2:/, /pGetFdInfo\.handleType/, /is not a VkExternalMemoryHandleTypeFlagBits value/]);
  });
  it('a scenario that breaks the schema names the step line and member', () => {
    const text = '{\n  "scenario": "x",\n  "steps": [\n    { "vkFunc": { "name": "vkCreateInstance", "args": {} } },\n    { "bogus": 1 }\n  ]\n}\n';
    expectInputError([text], [/:5:/, /steps\[1\]/], '.scenario.json');
  });
  it('a schema error names the member once and shows the value it got', () => {
    const missing = cli(['validate', tempFile('{"scenario":"x","steps":[{"vkFunc":{"name":"vkCreateInstance"}}]}', '.scenario.json')]);
    expect(missing.stderr).toMatch(/:1: steps\[0\]\.vkFunc: needs the member "args"\n$/);
    const badName = cli(['validate', tempFile('{"scenario":"a b","steps":[{"vkFunc":{"name":"vkCreateInstance","args":{}}}]}', '.scenario.json')]);
    expect(badName.stderr).toMatch(/: scenario: "a b" is not in the expected form/);
    const badType = cli(['validate', tempFile('{"scenario":"x","steps":[{"process":7,"vkFunc":{"name":"vkCreateInstance","args":{}}}]}', '.scenario.json')]);
    expect(badType.stderr).toMatch(/steps\[0\]\.process: must be string, got 7/);
  });
  it('a scenario with a misspelt member is refused with the member path', () => {
    const text = JSON.stringify({ scenario: 'x', steps: [{ vkFunc: { name: 'vkAllocateMemory', return: 'VK_SUCCESS', args: { device: 'd', pAllocateInfo: { sType: 'VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO', allocationSiz: 4 }, pMemory: 'm' } } }] }, null, 2);
    expectInputError([text], [/allocationSiz/, /VkMemoryAllocateInfo has no member/], '.scenario.json');
  });
  it('a bare "Unhandled VkX" word in an array (a gfxrecon-convert 0.9.18 quirk) is read as the value 0', () => {
    const line = '{"index":3,"vkFunc":{"name":"vkGetPhysicalDeviceQueueFamilyProperties2","args":{"physicalDevice":2,"pQueueFamilyPropertyCount":1,"pQueueFamilyProperties":[{"sType":"VK_STRUCTURE_TYPE_QUEUE_FAMILY_PROPERTIES_2","pNext":{"sType":"VK_STRUCTURE_TYPE_QUEUE_FAMILY_GLOBAL_PRIORITY_PROPERTIES_KHR","pNext":null,"priorityCount":0,"priorities":[Unhandled VkQueueGlobalPriorityKHR,Unhandled VkQueueGlobalPriorityKHR]}}]}}}';
    const r = cli(['validate', tempFile([header, line].join('\n') + '\n')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/0 errors/);
  });
  it('random bytes are refused without a crash', () => {
    const bytes = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));
    const file = tempFile(bytes, '.jsonl');
    const r = cli(['validate', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/error:/);
    expect(r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
  });
});

describe('validate: usage', () => {
  it('no file is a usage error', () => {
    const r = cli(['validate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/needs at least one FILE/);
  });
  it('a missing file is named', () => {
    const r = cli(['validate', 'no/such/file.jsonl']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no such file: no\/such\/file\.jsonl/);
  });
  it('an unknown format is refused', () => {
    const r = cli(['validate', '--format', 'xml', 'test/fixtures/captures/valid-buffer.jsonl']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--format must be one of text, json, sarif, junit/);
  });
  it('an unknown command prints help and exits 2', () => {
    const r = cli(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown command "frobnicate"/);
  });
  it('--help works for every command', () => {
    for (const c of ['validate', 'handle-types', 'rules', 'demo']) {
      const r = cli([c, '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^Usage: vk-extmem /);
    }
  });
});
