// Measuring the real driver's profile through the native backend: what `profile capture` writes, and
// what `run --backend native` and `crosscheck` load the model with. One place, so all three name the
// driver the same way.
import { captureProfile, driverVersionText } from '../../profiles/capture.js';
import { normalizeProfile } from '../../profiles/load.js';
import type { DeviceProfile, NormalizedProfile } from '../../profiles/types.js';
import { createNativeBackend, NativeUnavailable } from './index.js';

export interface MeasureOptions { name?: string; title?: string; tool: string; system?: string; date?: string }

/** The measured profile of physical device `device`; throws NativeUnavailable when it cannot be reached. */
export function measureNativeProfile(device: number, o: MeasureOptions): DeviceProfile {
  const b = createNativeBackend({ apiVersion: 0x401000 });
  try {
    const all = b.vulkan.physicalDevices();
    const pd = all[device];
    if (!pd) throw new NativeUnavailable(`physical device ${device}: the driver offers ${all.length}`);
    const driver = pd.driverName ? (pd.driverInfo ? `${pd.driverName} (${pd.driverInfo})` : pd.driverName) : pd.deviceName;
    return captureProfile(b, {
      device, name: o.name ?? `native-${device}`, title: o.title ?? pd.deviceName, platform: process.platform === 'win32' ? 'windows' : 'linux',
      provenance: { kind: 'measured', driver, driverVersion: driverVersionText(pd.vendorID, pd.driverVersion), tool: o.tool, ...(o.system ? { system: o.system } : {}), ...(o.date ? { date: o.date } : {}) },
    });
  } finally {
    b.dispose();
  }
}

/** The same, normalized: what the mock is made from. */
export function measureNativeNormalized(device: number, tool: string): NormalizedProfile {
  return normalizeProfile(measureNativeProfile(device, { tool }), `native device ${device}`);
}
