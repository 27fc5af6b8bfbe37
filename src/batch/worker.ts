/**
 * A convert worker: decode, parse, extract and assemble one page at a time (convertPage is
 * synchronous and CPU-bound, hence a thread). The runner owns all I/O; this only computes.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { toArchivistError } from '../errors.js';
import { convertPage } from '../pipeline.js';
import { BUILTIN_RULES } from '../sites/index.js';
import type { Page } from '../types.js';
import { ownThreadClock } from './cpu-clock.js';
import { READY, type CpuClockMessage, type JobRequest, type JobResponse, type PageMessage, type WorkerSetup } from './protocol.js';

const setup = (workerData ?? { rules: [] }) as WorkerSetup;
const rules = setup.rules.length ? [...setup.rules, ...BUILTIN_RULES] : BUILTIN_RULES;

function toPage(m: PageMessage): Page {
  return {
    input: m.input,
    bytes: m.bytes,
    url: m.url ? new URL(m.url) : undefined,
    requestedUrl: m.requestedUrl ? new URL(m.requestedUrl) : undefined,
    status: m.status,
    headers: m.headers,
    fetchedAt: m.fetchedAt,
    rendered: m.renderedBy ? { browser: m.renderedBy } : undefined,
  };
}

// Static imports above have loaded (jsdom included) by the time this runs: tell the pool, which
// starts a page's clock only now, so a slow start never counts against the first page.
const cpuClock = ownThreadClock();
if (cpuClock) parentPort?.postMessage({ cpuClock } satisfies CpuClockMessage);
parentPort?.postMessage(READY);

parentPort?.on('message', (job: JobRequest) => {
  const started = performance.now();
  let reply: JobResponse;
  try {
    const archivedAt = new Date(job.archivedAt);
    const article = convertPage(toPage(job.page), () => archivedAt, rules);
    reply = { id: job.id, ok: true, article, ms: performance.now() - started };
  } catch (err) {
    const e = toArchivistError(err, 'E_PARSE');
    reply = { id: job.id, ok: false, code: e.code, message: e.message, ms: performance.now() - started };
  }
  parentPort!.postMessage(reply);
});
