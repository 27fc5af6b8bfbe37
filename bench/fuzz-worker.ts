/** One fuzz worker: converts the inputs it is sent, one at a time, and reports each outcome. */
import { parentPort } from 'node:worker_threads';
import { ownThreadClock } from '../src/batch/cpu-clock.js';
import { runOne } from '../test/support/fuzz-inputs.js';

// Loaded: the per-input clock starts only now, and counts this thread's CPU time where the system tells it.
parentPort?.postMessage({ ready: true, cpuClock: ownThreadClock() });
parentPort?.on('message', (job: { id: number; bytes: Uint8Array }) => {
  parentPort!.postMessage({ id: job.id, outcome: runOne(job.bytes) });
});
