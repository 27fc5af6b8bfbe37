import { availableParallelism } from 'node:os';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { type ResourceLimits, Worker } from 'node:worker_threads';
import { ArchivistError } from '../errors.js';
import type { Article } from '../schema.js';
import type { Page } from '../types.js';
import type { SiteRule } from '../sites/index.js';
import { cpuDeadline } from './cpu-clock.js';
import { READY, type CpuClockMessage, type JobRequest, type JobResponse, type PageMessage, type WorkerSetup } from './protocol.js';

/** Default per-page limit for decode+parse+extract: generous for a huge page, short enough that one pathological page cannot stall a batch. */
export const DEFAULT_PAGE_TIMEOUT_MS = 30_000;

/**
 * Old-generation heap per worker. V8 otherwise sizes a heap from the machine's memory and
 * collects lazily, so each worker's dead pages pile up (two uncapped workers passed
 * 500 MB RSS on 200 small pages). Measured: a 5 MB page of pure text (730k words) converts
 * within 384 MB and fails at 192; a worker that runs out is replaced and its page fails with E_TOO_LARGE.
 */
export const DEFAULT_WORKER_HEAP_MB = 384;

/**
 * Young-generation heap per worker. A page's DOMs are short-lived garbage, and V8's default young
 * generation (16 MB semi-spaces on 64-bit) promotes much of it to the old generation before it
 * dies there: with 64 MB, one worker converted en-news 5–8% faster (28.5 against 30.2 ms a page,
 * two rounds, 48/96 MB in between or level), for about 40 MB more per worker.
 */
export const DEFAULT_WORKER_YOUNG_MB = 64;

/** The resource limits a convert worker runs with: the benchmarks start theirs with the same. */
export function workerLimits(heapMb: number = DEFAULT_WORKER_HEAP_MB): ResourceLimits {
  return { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: DEFAULT_WORKER_YOUNG_MB };
}

export interface PoolOptions {
  /** Worker threads. Default: the number of cores. */
  size?: number;
  /**
   * Per-page limit, in CPU time of the worker (wall time where the system has no per-thread clock), with
   * WALL_LIMIT_FACTOR times as much wall time as a backstop; on expiry the worker is terminated and
   * replaced, and the page fails with E_TIMEOUT. Default 30 s.
   */
  pageTimeoutMs?: number;
  /** User site rules, sent to each worker once; the worker puts them before the built-in ones. */
  rules?: SiteRule[];
  /** Old-generation heap limit per worker, in MB. Default 384 (see DEFAULT_WORKER_HEAP_MB). */
  workerHeapMb?: number;
  /** The worker script; default: worker.js next to this module (see workerEntry). */
  worker?: WorkerEntry;
}

/** A worker script: a file, or (from TypeScript sources) a small bootstrap evaluated as code. */
export type WorkerEntry = { script: URL; eval?: false } | { script: string; eval: true };

/**
 * Where the worker script is. Built (dist/batch/pool.js, or the CLI bundle), it is dist/batch/worker.js. Run from
 * TypeScript sources (vitest, tsx), this module is pool.ts and the worker is worker.ts, which a
 * worker thread cannot load by itself: it inherits neither vitest's transform nor a parent's
 * loader, and on Node 20 `--import tsx` in execArgv registers too late for the worker's own
 * entry. So the worker starts from a two-line bootstrap that registers tsx's ESM loader and then
 * imports worker.ts. tsx is a dev dependency; only a checkout has .ts sources to run.
 */
export function workerEntry(self: string = import.meta.url): WorkerEntry {
  if (self.endsWith('.ts')) return { script: tsxWorkerBootstrap(new URL('./worker.ts', self).href), eval: true };
  // Bundled, this code runs from dist/cli.bundle.cjs (scripts/bundle.mjs); the worker stays dist/batch/worker.js.
  return { script: new URL(self.endsWith('.bundle.cjs') ? './batch/worker.js' : './worker.js', self) };
}

/**
 * Code for `new Worker(code, { eval: true })` that registers tsx's ESM loader in the new thread and
 * then imports the TypeScript module at `moduleUrl` (see workerEntry for why a worker needs it).
 * The benchmarks start their TypeScript workers with it too.
 */
export function tsxWorkerBootstrap(moduleUrl: string): string {
  const tsxPackage = createRequire(import.meta.url).resolve('tsx/package.json');
  const api = pathToFileURL(path.join(path.dirname(tsxPackage), 'dist/esm/api/index.mjs')).href;
  return `import(${JSON.stringify(api)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(moduleUrl)}); });`;
}

/** Workers in a row that may die while starting before the pool gives up. */
const MAX_BOOT_FAILURES = 3;

interface Job {
  request: JobRequest;
  resolve: (r: { article: Article; ms: number }) => void;
  reject: (e: ArchivistError) => void;
}

interface Slot {
  worker: Worker;
  /** Set when the worker has loaded its modules (jsdom takes seconds): the page clock starts only then. */
  ready: boolean;
  job: Job | null;
  /** Stops the page clock of the job in hand. */
  cancel: (() => void) | null;
  /** The worker thread's /proc stat file, when it sent one. */
  cpuClock: string | null;
}

/**
 * A fixed set of convert workers fed from a queue. The queue is bounded by the caller (the
 * runner never has more pages in flight than its concurrency), so memory stays flat.
 */
export class ConvertPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private readonly pageTimeoutMs: number;
  private readonly heapMb: number;
  private readonly rules: SiteRule[];
  private readonly entry: WorkerEntry;
  private nextId = 1;
  private closed = false;
  /** Workers in a row that died before becoming ready: a broken install, not a bad page. */
  private bootFailures = 0;
  private broken: ArchivistError | null = null;
  /** Workers terminated for running past the page time limit; reported in the summary. */
  timeouts = 0;

  constructor(options: PoolOptions = {}) {
    const size = Math.max(1, options.size ?? availableParallelism());
    this.pageTimeoutMs = options.pageTimeoutMs ?? DEFAULT_PAGE_TIMEOUT_MS;
    this.heapMb = options.workerHeapMb ?? DEFAULT_WORKER_HEAP_MB;
    this.rules = options.rules ?? [];
    this.entry = options.worker ?? workerEntry();
    for (let i = 0; i < size; i++) this.slots.push(this.spawn());
  }

  get size(): number {
    return this.slots.length;
  }

  /** Converts one page in a worker. Rejects with an ArchivistError (E_TIMEOUT past the page limit). */
  convert(page: Page, archivedAt: Date): Promise<{ article: Article; ms: number }> {
    if (this.closed) return Promise.reject(this.broken ?? new ArchivistError('E_PARSE', 'convert pool is closed'));
    const request: JobRequest = { id: this.nextId++, page: toMessage(page), archivedAt: archivedAt.toISOString() };
    return new Promise((resolve, reject) => {
      this.queue.push({ request, resolve, reject });
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new ArchivistError('E_PARSE', 'convert pool closed'));
    await Promise.all(this.slots.map((s) => (s.cancel?.(), s.worker.terminate())));
  }

  private spawn(): Slot {
    // Workers inherit the parent's Node flags; --input-type (from `node -e`) is only valid for the parent's own code.
    const inherited = process.execArgv.filter((a) => !a.startsWith('--input-type'));
    const start = (execArgv: string[]) =>
      new Worker(this.entry.script, {
        eval: this.entry.eval ?? false,
        execArgv,
        workerData: { rules: this.rules } satisfies WorkerSetup,
        resourceLimits: workerLimits(this.heapMb),
      });
    let worker: Worker;
    try {
      worker = start(inherited);
    } catch (err) {
      // A process-wide flag (`node --single-threaded-gc bin/archivist.js`) is refused in a worker: start it without the parent's flags.
      if ((err as NodeJS.ErrnoException).code !== 'ERR_WORKER_INVALID_EXEC_ARGV') throw err;
      worker = start([]);
    }
    const slot: Slot = { worker, ready: false, job: null, cancel: null, cpuClock: null };
    worker.on('message', (reply: JobResponse | CpuClockMessage | typeof READY) => {
      if (typeof reply === 'object' && 'cpuClock' in reply) {
        slot.cpuClock = reply.cpuClock;
        return;
      }
      if (reply === READY) {
        slot.ready = true;
        this.bootFailures = 0;
        this.pump();
        return;
      }
      const job = slot.job;
      if (!job || job.request.id !== reply.id) return;
      this.finish(slot);
      if (reply.ok) job.resolve({ article: reply.article, ms: reply.ms });
      else job.reject(new ArchivistError(reply.code, reply.message));
    });
    worker.on('error', (err) => {
      // A crashed worker (out of memory, a native fault) fails its page and is replaced.
      const job = slot.job;
      if (!slot.ready && ++this.bootFailures >= MAX_BOOT_FAILURES) {
        // Respawning would fail the same way forever: fail what is queued, and everything after.
        this.closed = true;
        const failure = new ArchivistError('E_PARSE', `convert workers cannot start: ${err.message}`, { cause: err });
        for (const queued of this.queue.splice(0)) queued.reject(failure);
        this.broken = failure;
      }
      this.replace(slot);
      const oom = (err as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY';
      job?.reject(new ArchivistError(oom ? 'E_TOO_LARGE' : 'E_PARSE', `convert worker failed: ${err.message}`, { cause: err }));
    });
    return slot;
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0) return;
      if (slot.job || !slot.ready) continue;
      const job = this.queue.shift()!;
      slot.job = job;
      this.watch(slot, job);
      slot.worker.postMessage(job.request);
    }
  }

  /** Stops the job's worker once it has used the page limit in CPU time, or the backstop in wall time (cpu-clock.ts). */
  private watch(slot: Slot, job: Job): void {
    slot.cancel = cpuDeadline(slot.cpuClock, this.pageTimeoutMs, (why) => {
      if (slot.job !== job) return;
      this.timeouts++;
      this.replace(slot);
      job.reject(new ArchivistError('E_TIMEOUT', `converting took longer than ${why}; worker stopped`));
    });
  }

  private finish(slot: Slot): void {
    slot.cancel?.();
    slot.cancel = null;
    slot.job = null;
    this.pump();
  }

  /** Terminates a stuck or crashed worker and puts a fresh one in its place. */
  private replace(slot: Slot): void {
    slot.cancel?.();
    slot.cancel = null;
    slot.job = null;
    slot.worker.removeAllListeners('message');
    slot.worker.removeAllListeners('error');
    slot.worker.on('error', () => undefined);
    void slot.worker.terminate();
    if (this.closed) return;
    const fresh = this.spawn();
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots[i] = fresh;
    this.pump();
  }
}

function toMessage(p: Page): PageMessage {
  return {
    input: p.input,
    bytes: p.bytes,
    url: p.url?.href,
    requestedUrl: p.requestedUrl?.href,
    status: p.status,
    headers: p.headers,
    fetchedAt: p.fetchedAt,
    renderedBy: p.rendered?.browser,
  };
}
