/**
 * Fuzz benchmark: `npm run bench:fuzz -- [--runs N] [--seed S] [--workers W] [--limit-ms MS] [--out DIR]`.
 * Generates N inputs (default 10,000) with the generators of test/support/fuzz-inputs.ts and converts
 * each in a worker thread. A worker that runs past the per-input limit (in its CPU time, with a wall
 * backstop, as archive counts it) is terminated and the input counted as a hang; an exception that is not a deliberate ArchivistError is a crash; an Article
 * that fails the zod schema is a schema violation. Failing inputs are saved to --out for replay.
 * Exit code 1 when any crash, hang or schema violation was found.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import fc from 'fast-check';
import { WALL_LIMIT_FACTOR, cpuDeadline } from '../src/batch/cpu-clock.js';
import { DEFAULT_PAGE_TIMEOUT_MS, tsxWorkerBootstrap } from '../src/batch/pool.js';
import { fuzzInput, loadSeeds, type FuzzOutcome } from '../test/support/fuzz-inputs.js';

/** archive's per-page limit: an input that runs past it would fail there with E_TIMEOUT, so here it is a hang. */
const DEFAULT_LIMIT_MS = DEFAULT_PAGE_TIMEOUT_MS;
const DEFAULT_RUNS = 10_000;

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}
const runs = arg('runs', DEFAULT_RUNS);
const seed = arg('seed', Date.now() % 2 ** 31);
const workers = arg('workers', Math.max(1, availableParallelism()));
const limitMs = arg('limit-ms', DEFAULT_LIMIT_MS);
const outIndex = process.argv.indexOf('--out');
const outDir = outIndex >= 0 ? process.argv[outIndex + 1]! : path.join(tmpdir(), 'archivist-fuzz-failures');

// The worker is TypeScript: tsx's loader is registered in the thread first.
const bootstrap = tsxWorkerBootstrap(new URL('./fuzz-worker.ts', import.meta.url).href);

const inputs = fc.sample(fuzzInput(loadSeeds()), { numRuns: runs, seed });
const counts = new Map<string, number>();
const failures: { index: number; kind: string; message: string }[] = [];
let next = 0;
let done = 0;
const started = performance.now();
const bytesTotal = inputs.reduce((s, b) => s + b.length, 0);

function record(index: number, outcome: FuzzOutcome | { kind: 'hang' }): void {
  const key = outcome.kind === 'error' ? outcome.code : outcome.kind;
  counts.set(key, (counts.get(key) ?? 0) + 1);
  if (outcome.kind === 'crash' || outcome.kind === 'schema' || outcome.kind === 'hang') {
    const message =
      outcome.kind === 'hang' ? `no result within ${limitMs} ms of CPU time (or ${limitMs * WALL_LIMIT_FACTOR} ms of wall time)` : outcome.message;
    failures.push({ index, kind: outcome.kind, message });
    mkdirSync(outDir, { recursive: true });
    writeFileSync(path.join(outDir, `${outcome.kind}-${seed}-${index}.html`), inputs[index]!);
  }
  done++;
  if (done % 500 === 0) process.stderr.write(`  ${done}/${inputs.length}\n`);
}

function startWorker(): Promise<void> {
  return new Promise((resolve) => {
    let worker: Worker;
    let current = -1;
    let cancel: (() => void) | undefined;
    let clock: string | null = null;
    const feed = () => {
      if (next >= inputs.length) {
        void worker.terminate();
        return resolve();
      }
      current = next++;
      // CPU time, as archive's page limit counts it (a loaded machine made every input a "hang" by wall time).
      cancel = cpuDeadline(clock, limitMs, () => {
        // A hang: stop the thread (the only way to stop synchronous code) and carry on with a fresh one.
        record(current, { kind: 'hang' });
        worker.removeAllListeners();
        void worker.terminate();
        worker = spawn();
      });
      worker.postMessage({ id: current, bytes: inputs[current]! });
    };
    const spawn = () => {
      const w = new Worker(bootstrap, { eval: true });
      w.on('message', (m: { id: number; outcome: FuzzOutcome } | { ready: true; cpuClock: string | null }) => {
        if ('ready' in m) {
          clock = m.cpuClock;
          return feed();
        }
        if (m.id !== current) return;
        cancel?.();
        record(m.id, m.outcome);
        feed();
      });
      w.on('error', (err) => {
        // The thread itself died (out of memory, a native fault): a crash.
        cancel?.();
        record(current, { kind: 'crash', message: `worker died: ${err.message}` });
        worker = spawn();
      });
      return w;
    };
    worker = spawn();
  });
}

await Promise.all(Array.from({ length: workers }, () => startWorker()));
const seconds = (performance.now() - started) / 1000;
const crashes = failures.filter((f) => f.kind === 'crash').length;
const hangs = failures.filter((f) => f.kind === 'hang').length;
const schema = failures.filter((f) => f.kind === 'schema').length;

console.log(
  `fuzz: ${inputs.length} inputs (seed ${seed}, ${(bytesTotal / 1e6).toFixed(1)} MB), ${workers} workers, ${limitMs} ms limit each, ${seconds.toFixed(0)} s`,
);
console.log('');
console.log('outcome          inputs');
for (const [k, v] of [...counts].sort((a, b) => b[1] - a[1])) console.log(`${k.padEnd(16)} ${String(v).padStart(6)}`);
console.log('');
console.log(`crashes: ${crashes}   hangs: ${hangs}   schema violations: ${schema}`);
for (const f of failures.slice(0, 10)) console.log(`  #${f.index} ${f.kind}: ${f.message.split('\n').slice(0, 3).join(' | ')}`);
if (failures.length > 0) console.log(`failing inputs saved in ${outDir}/`);
process.exitCode = failures.length > 0 ? 1 : 0;
