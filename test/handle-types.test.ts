import { describe, it, expect } from 'vitest';
import { handleTypes } from '../src/index.js';
import { ENUMS } from '../src/generated/registry.js';
import { cli } from './helpers/cli.js';

describe('handle-type catalogue', () => {
  it('has a row for every VkExternalMemoryHandleTypeFlagBits and VkExternalMemoryHandleTypeFlagBitsNV bit in vk.xml', async () => {
    const rows = await handleTypes();
    const khr = new Set(Object.values(ENUMS.VkExternalMemoryHandleTypeFlagBits.values));
    const nv = new Set(Object.values(ENUMS.VkExternalMemoryHandleTypeFlagBitsNV.values));
    expect(new Set(rows.filter((r) => r.family === 'KHR').map((r) => r.bit))).toEqual(khr);
    expect(new Set(rows.filter((r) => r.family === 'NV').map((r) => r.bit))).toEqual(nv);
    expect(rows.filter((r) => r.family === 'NV')).toHaveLength(4);
  });
  it('states the rules that matter for Windows handles', async () => {
    const by = Object.fromEntries((await handleTypes()).map((r) => [r.name, r]));
    const w = by.VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_WIN32_BIT;
    expect([w.handle, w.opaque, w.importByName, w.allocationSize]).toEqual(['NT', true, true, 'must match the export']);
    expect(w.ownershipAfterImport).toMatch(/CloseHandle/);
    expect(w.exportsPerMemory).toMatch(/^one/);
    expect(w.counterpart).toBe('VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_WIN32_BIT_NV');
    const kmt = by.VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_WIN32_KMT_BIT;
    expect([kmt.handle, kmt.importByName, kmt.exportsPerMemory]).toEqual(['KMT', false, 'any number']);
    expect(by.VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D12_HEAP_BIT.allocationSize).toBe('must match the D3D12 heap');
    expect(by.VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D11_TEXTURE_BIT.allocationSize).toMatch(/^ignored/);
    expect(by.VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D11_TEXTURE_KMT_BIT.producedBy).toContain('IDXGIResource::GetSharedHandle');
    expect(by.VK_EXTERNAL_MEMORY_HANDLE_TYPE_D3D12_RESOURCE_BIT.producedBy).toContain('ID3D12Device::CreateSharedHandle');
    const fd = by.VK_EXTERNAL_MEMORY_HANDLE_TYPE_OPAQUE_FD_BIT;
    expect(fd.ownershipAfterImport).toMatch(/^the implementation/);
    expect(fd.mustMatch).toEqual(['driverUUID', 'deviceUUID']);
    expect(by.VK_EXTERNAL_MEMORY_HANDLE_TYPE_HOST_ALLOCATION_BIT_EXT.mustMatch).toEqual([]);
    const byName = Object.values(by).filter((r) => r.importByName).map((r) => r.name.replace(/^VK_EXTERNAL_MEMORY_HANDLE_TYPE_|_BIT$/g, '')).sort();
    expect(byName).toEqual(['D3D11_TEXTURE', 'D3D12_HEAP', 'D3D12_RESOURCE', 'OPAQUE_WIN32']);
    // The D3D texture and resource types are always dedicated; their NV namesakes follow NV rules.
    const dedicatedOnly = Object.values(by).filter((r) => r.dedicatedOnly).map((r) => r.name.replace(/^VK_EXTERNAL_MEMORY_HANDLE_TYPE_|_BIT$/g, '')).sort();
    expect(dedicatedOnly).toEqual(['D3D11_TEXTURE', 'D3D11_TEXTURE_KMT', 'D3D12_RESOURCE']);
  });
  it('prints as a table and as JSON', async () => {
    const t = cli(['handle-types']);
    expect(t.code).toBe(0);
    expect(t.stdout).toMatch(/^OPAQUE_WIN32_KMT\s+KHR\s+Windows\s+KMT/m);
    const j = cli(['handle-types', '--format', 'json']);
    // Every row of the catalogue, as the library gives it (adding a handle type changes no test).
    expect(JSON.parse(j.stdout)).toEqual(await handleTypes());
  });
});
