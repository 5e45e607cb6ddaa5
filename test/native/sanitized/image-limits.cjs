// Run by sanitized.test.ts in a child process: `node image-limits.cjs ADDON_PATH`. Creates 64x64 images
// with numbers the spec forbids and prints one JSON line: what each createImage did. Lavapipe given
// mipLevels 0 or 32 corrupts its own heap (glibc then aborts at a later free, here at close()), which
// the sanitized run found through a mutant; the addon must refuse such images before the driver sees them.
'use strict';
const a = require(process.argv[2]);

const out = new Float64Array(10);
const base = {
  imageType: 1, format: 37, width: 64, height: 64, depth: 1, mipLevels: 1, arrayLayers: 1, samples: 1, tiling: 0,
  usage: 6, flags: 0, sharingMode: 0, initialLayout: 0, externalHandleTypes: 1,
};
const cases = {
  valid: {}, fullChain: { mipLevels: 7 },
  noLevels: { mipLevels: 0 }, pastChain: { mipLevels: 8 }, levels32: { mipLevels: 32 }, levels255: { mipLevels: 255 },
  noLayers: { arrayLayers: 0 }, noWidth: { width: 0 }, depthOf2D: { depth: 9 }, threeSamples: { samples: 3 },
  undefinedFormat: { format: 0 },
};

const r = a.open({});
if (!r.ok) throw new Error(`open failed: ${r.error}`);
a.createDevice(a.physicalDevices()[0].handle, ['VK_KHR_external_memory_fd'], out);
const dev = out[0];
const answers = {};
for (const [name, change] of Object.entries(cases)) {
  try {
    answers[name] = a.createImage(dev, { ...base, ...change }, out);
  } catch (e) {
    answers[name] = `${e.constructor.name}: ${e.message}`;
  }
}
a.close();
console.log(JSON.stringify(answers));
