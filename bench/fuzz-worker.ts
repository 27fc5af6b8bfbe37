/** One fuzz worker: converts the inputs it is sent, one at a time, and reports each outcome. */
import { parentPort } from 'node:worker_threads';
import { runOne } from '../test/support/fuzz-inputs.js';

parentPort?.on('message', (job: { id: number; bytes: Uint8Array }) => {
  parentPort!.postMessage({ id: job.id, outcome: runOne(job.bytes) });
});
