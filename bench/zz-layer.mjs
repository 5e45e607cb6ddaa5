import { layerBench } from './layer.mjs';
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const spread = (xs) => { const m = median(xs); return Math.max(...xs.map((x) => Math.abs(x - m) / m)) * 100; };
const r = await layerBench({ median, spread });
for (const [k, m] of Object.entries(r)) console.log(`${k.padEnd(64)} ${String(m.value).padStart(12)}${m.spreadPct !== undefined ? `  ±${m.spreadPct}%` : ''}`);
