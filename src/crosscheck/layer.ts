// The model against the Khronos validation layer: misuse scenarios run on a real driver with
// VK_LAYER_KHRONOS_validation enabled, every invalid call passed down so the layer sees it (the layer's
// callback skips what it reports, so the driver never runs a call the layer flags). Per call, the VUIDs
// both report, only the model reports, and only the layer reports.
import type { Backend } from '../backends/types.js';
import type { NormalizedProfile } from '../profiles/types.js';
import type { Scenario } from '../input/scenario.js';
import type { Validator } from '../validator.js';
import type { LayerMessage } from '../backends/native/addon-api.js';
import { runScenario } from '../session/run-scenario.js';
import { ALIASES } from '../rules/scope.js';

export interface LayerCall { call: number; name: string; both: string[]; modelOnly: string[]; layerOnly: string[] }
export interface LayerResult { scenario: string; file: string; status: 'compared' | 'unsupported'; reason?: string; calls: LayerCall[] }

/** The same rule under its newest and its 1.3.239 name counts once. */
function canonical(vuid: string): string {
  for (const [newest, old] of Object.entries(ALIASES)) if (old.includes(vuid)) return newest;
  return vuid;
}

export function layerCheckScenario(v: Validator, sc: Scenario, file: string, driver: () => Backend & { takeLayerMessages(): LayerMessage[] }, profile: NormalizedProfile): LayerResult {
  const b = driver();
  const perCall: LayerCall[] = [];
  try {
    b.takeLayerMessages();
    const run = runScenario(v, sc, file, b, {
      profile, refuseInvalid: false,
      afterStep: (o) => {
        const layer = new Set(b.takeLayerMessages().filter((m) => m.severity === 'error' && m.vuid.startsWith('VUID-')).map((m) => canonical(m.vuid)));
        const model = new Set(o.findings.filter((f) => f.severity === 'error' && f.vuid.startsWith('VUID-')).map((f) => canonical(f.vuid)));
        if (!layer.size && !model.size) return;
        perCall.push({
          call: o.call, name: o.name,
          both: [...model].filter((x) => layer.has(x)).sort(),
          modelOnly: [...model].filter((x) => !layer.has(x)).sort(),
          layerOnly: [...layer].filter((x) => !model.has(x)).sort(),
        });
      },
    });
    if (run.status === 'unsupported') return { scenario: sc.name, file, status: 'unsupported', reason: run.reason, calls: [] };
  } finally {
    b.dispose();
  }
  return { scenario: sc.name, file, status: 'compared', calls: perCall };
}
