// One fuzzing worker of the runner: loads the built library, runs its share of the inputs (every
// `stride`-th index from `start`), and tells the main thread what it is doing through a shared
// array (which input, since when: the watchdog reads it) and messages (progress, failures, totals).
import { parentPort, workerData } from 'node:worker_threads';
import { loadCorpus } from './corpus.mjs';
import { prepare, fuzzLoop } from './engine.mjs';
import { loadLibrary } from './library.mjs';

const { seed, runs, start, stride, corpus, inputTimeMs, determinismEvery, deadline, keepGoing, shared } = workerData;
const now = new Float64Array(shared); // [index, started at (ms since epoch), stop requested (1)]
const lib = await loadLibrary();
const prepared = await prepare(lib, loadCorpus(), { timeLimitMs: inputTimeMs });
const stats = await fuzzLoop(lib, prepared, {
  seed, runs, start, stride, corpus, determinismEvery, deadline, progressMs: 1000,
  onInput: (index) => { now[0] = index; now[1] = Date.now(); },
  onProgress: (s) => parentPort.postMessage({ type: 'progress', stats: s }),
  onFailure: (f) => { parentPort.postMessage({ type: 'failure', failure: f }); return keepGoing; },
  stopped: () => now[2] === 1,
});
now[1] = 0;
parentPort.postMessage({ type: 'done', stats });
