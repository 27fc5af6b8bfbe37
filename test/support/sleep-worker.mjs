// A stand-in convert worker for the page-limit tests: on input 'sleep-N' it blocks N ms without using
// the CPU (as a worker the machine does not schedule), on 'spin-N' it burns N ms of CPU; it tells the
// pool where its CPU clock is, as the real worker does (src/batch/cpu-clock.ts).
import { readlinkSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';

if (process.platform === 'linux') parentPort.postMessage({ cpuClock: `/proc/${readlinkSync('/proc/thread-self')}/stat` });
parentPort.postMessage('ready');
parentPort.on('message', (job) => {
  const [kind, ms] = job.page.input.split('-');
  if (kind === 'sleep') Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Number(ms));
  if (kind === 'spin') for (const end = performance.now() + Number(ms); performance.now() < end; );
  parentPort.postMessage({ id: job.id, ok: true, article: { title: job.page.input }, ms: 0 });
});
