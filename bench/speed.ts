/**
 * End-to-end speed of the real pipeline, against a naive jsdom + Readability + turndown loop on the same pages.
 *   npm run bench:speed -- [folder-of-html] [--workers N] [--repeat K] [--trials T] [--warmup W] [--json]
 * The folder is searched recursively for .html/.htm/.html.gz (default ../shared/corpus/en-news).
 * Prints pages/s, MB/s, per-stage medians, p50/p95/max per page and peak RSS for 1 worker and for
 * all cores, and the ratio ours/naive measured in the same run so the figure holds on a noisy machine;
 * then the same worker counts on a plain allocation loop, how this machine scales such work,
 * and the CPU each run kept busy (all threads, in cores) and, on Linux, how much of it the workers' own
 * threads used ("own"): one worker already uses more than one core.
 * Where `taskset` is there (Linux), the naive loop and one archivist worker are run once more in a
 * process held to a single core, so "per core" means one core: the figures the issue states per core,
 * and how N workers on N cores compare with one worker on one.
 * All of that is one trial; it runs --trials times (default 3) and each ratio is given per trial and
 * as the median: on a shared machine a single run's pages/s moves by ±20% with the neighbours.
 * Each worker of each run first converts W pages untimed (--warmup, default 20; 0 measures cold):
 * the figures are a long batch's, not its first seconds'.
 * Every page is rendered to Markdown and JSON and written to a temporary folder, as a real run would.
 * It runs the built code (the npm script builds first).
 * Skips cleanly, exit 0, when the folder is absent.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { tsxWorkerBootstrap, workerLimits } from '../src/batch/pool.js';
import { expandInputs, readFilePage } from '../src/load/file.js';
import { threadCpu } from './cpu.js';

interface Job {
  files: string[];
  mode: 'ours' | 'naive' | 'alloc';
  outDir: string;
  /** Int32 counters shared by the run's workers, at NEXT_PAGE and WARM. */
  counters: SharedArrayBuffer;
  /** Workers in this run: each waits for all of them to be warm before it takes a timed page. */
  workers: number;
  /** Pages each worker converts, untimed, before the timed run (see WARM_UP). */
  warmup: number;
}
interface PageTiming {
  total: number;
  decode: number;
  parse: number;
  extract: number;
  render: number;
  ok: boolean;
}
interface WorkerResult {
  timings: PageTiming[];
  bytes: number;
  peakRss: number;
  /** Wall-clock span of this worker's pages (epoch ms): worker start-up and module loading are not page work. */
  start: number;
  end: number;
  /** The whole process's CPU time (user + system, ms) at start and end: all threads, V8's GC and compiler threads included. */
  cpuStart: number;
  cpuEnd: number;
  /** This worker's own thread's CPU time (ms) at start and end, where the OS says it (threadCpu); null elsewhere. */
  threadCpuStart: number | null;
  threadCpuEnd: number | null;
}

/** The page files under a folder, found and read as `archivist convert <folder>` finds and reads them (gunzipped). */
async function listPages(dir: string): Promise<string[]> {
  return (await expandInputs([dir])).flatMap((s) => (s.kind === 'file' ? [s.path] : []));
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

async function readPage(file: string): Promise<Uint8Array> {
  return (await readFilePage(file)).bytes;
}

/** The index of the next page to take, for all workers: a worker that drew big pages takes fewer (no fixed shares). */
const NEXT_PAGE = 0;
/** How many of the run's workers are done warming up. */
const WARM = 1;

/** Converts one page (its index and file) and says how long each stage took. */
type Converter = (i: number, file: string) => Promise<PageTiming & { bytes: number }>;

/** The converter for a mode, its modules loaded. */
async function converter(job: Job): Promise<Converter> {
  if (job.mode === 'ours') {
    // The built code (npm run build), as `archivist` and its batch workers run it, not the sources through tsx's
    // loader: that measured 5–10% slower than what ships.
    const built = (file: string) => new URL(`../dist/${file}`, import.meta.url).href;
    const { decode } = (await import(built('load/decode.js'))) as typeof import('../src/load/decode.js');
    const { read } = (await import(built('parse/index.js'))) as typeof import('../src/parse/index.js');
    const { BUILTIN_RULES } = (await import(built('sites/index.js'))) as typeof import('../src/sites/index.js');
    const { extract, assemble, siteRuleOf } = (await import(built('pipeline.js'))) as typeof import('../src/pipeline.js');
    const { render } = (await import(built('render/index.js'))) as typeof import('../src/render/index.js');
    const now = () => new Date(0);
    return async (i, file) => {
      const buf = await readPage(file);
      const t0 = performance.now();
      let t1 = t0,
        t2 = t0,
        t3 = t0,
        t4 = t0;
      let ok = true;
      try {
        const decoded = decode({ input: file, bytes: buf, headers: {} });
        t1 = performance.now();
        // convertPage's steps, timed one by one.
        const parsed = read(decoded, siteRuleOf(decoded, BUILTIN_RULES));
        t2 = performance.now();
        try {
          const extraction = extract(parsed);
          const article = assemble(extraction, decoded, now);
          t3 = performance.now();
          writeFileSync(path.join(job.outDir, `${i}.md`), render(article, 'md'));
          writeFileSync(path.join(job.outDir, `${i}.json`), render(article, 'json'));
          t4 = performance.now();
        } finally {
          parsed.close();
        }
      } catch {
        ok = false;
        t4 = performance.now();
      }
      return { total: t4 - t0, decode: t1 - t0, parse: t2 - t1, extract: t3 - t2, render: t4 - t3, ok, bytes: buf.length };
    };
  }
  if (job.mode === 'alloc') {
    // The machine's own scaling for allocation-heavy JavaScript, without jsdom: see ALLOC_NODES.
    return async () => {
      const t0 = performance.now();
      allocateTree();
      return { total: performance.now() - t0, decode: 0, parse: 0, extract: 0, render: 0, ok: true, bytes: 0 };
    };
  }
  // The naive loop a first attempt would write: no slimming, no charset care, no fallbacks; the baseline the ratio is against.
  const { JSDOM, VirtualConsole } = await import('jsdom');
  const { Readability } = await import('@mozilla/readability');
  const { default: TurndownService } = await import('turndown');
  const td = new TurndownService();
  return async (i, file) => {
    const buf = await readPage(file);
    const t0 = performance.now();
    let ok = true;
    try {
      const dom = new JSDOM(buf, { virtualConsole: new VirtualConsole() });
      const article = new Readability(dom.window.document).parse();
      writeFileSync(path.join(job.outDir, `naive-${i}.md`), td.turndown(article?.content ?? ''));
      dom.window.close();
    } catch {
      ok = false;
    }
    return { total: performance.now() - t0, decode: 0, parse: 0, extract: 0, render: 0, ok, bytes: buf.length };
  };
}

/** Runs in a worker: warms up, waits for the other workers to be warm, converts its share of pages and reports timings. */
async function runJob(job: Job): Promise<WorkerResult> {
  const timings: PageTiming[] = [];
  let bytes = 0;
  let peakRss = process.memoryUsage().rss;
  const counters = new Int32Array(job.counters);
  const clock = () => performance.timeOrigin + performance.now();
  const cpu = () => {
    const c = process.cpuUsage();
    return (c.user + c.system) / 1000;
  };
  const convertOne = await converter(job);
  // Untimed: the first pages of a worker run mostly in V8's interpreter while it compiles the hot code, on the
  // worker's core; a batch of a million pages spends a second or two of its hours there.
  for (let i = 0; i < Math.min(job.warmup, job.files.length); i++) {
    await convertOne(i, job.files[i]!);
    await yieldToEventLoop();
  }
  // All workers start the timed pages together, so no worker's warm-up shares the cores with another's timed pages.
  if (Atomics.add(counters, WARM, 1) + 1 === job.workers) Atomics.notify(counters, WARM);
  for (let ready = Atomics.load(counters, WARM); ready < job.workers; ready = Atomics.load(counters, WARM)) Atomics.wait(counters, WARM, ready);
  const start = clock();
  const cpuStart = cpu();
  const threadCpuStart = threadCpu();
  for (let i = Atomics.add(counters, NEXT_PAGE, 1); i < job.files.length; i = Atomics.add(counters, NEXT_PAGE, 1)) {
    const { bytes: b, ...timing } = await convertOne(i, job.files[i]!);
    bytes += b;
    timings.push(timing);
    // As a real batch does between pages (I/O), and so the naive loop's closed windows can be freed.
    await yieldToEventLoop();
    if (i % 10 === 0) peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }
  return {
    timings,
    bytes,
    peakRss: Math.max(peakRss, process.memoryUsage().rss),
    start,
    end: clock(),
    cpuStart,
    cpuEnd: cpu(),
    threadCpuStart,
    threadCpuEnd: threadCpu(),
  };
}

/**
 * Objects per unit of the allocation reference: a tree about the size of a news page's DOM in
 * jsdom objects. Run in 1 and in N workers, it shows how far this machine scales work that
 * allocates like jsdom does (V8's parallel GC already uses part of a second core for one worker),
 * so "N workers / 1 worker" above can be read against the machine and not against N.
 */
const ALLOC_NODES = 40_000;
function allocateTree(): number {
  const nodes: { kids: unknown[]; attrs: Record<string, string>; parent: unknown }[] = [];
  for (let i = 0; i < ALLOC_NODES; i++) {
    const node = { kids: [] as unknown[], attrs: { id: `n${i}`, class: `c${i % 7}` }, parent: null as unknown };
    if (i > 0) {
      const parent = nodes[(i * 7919) % i]!;
      node.parent = parent;
      parent.kids.push(node);
    }
    nodes.push(node);
  }
  return nodes.reduce((n, x) => n + x.kids.length, 0);
}

function runWorkers(files: string[], workers: number, mode: Job['mode'], outDir: string, warmup: number): Promise<{ results: WorkerResult[]; wall: number }> {
  const counters = new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT);
  return Promise.all(
    Array.from({ length: workers }).map(
      () =>
        new Promise<WorkerResult>((resolve, reject) => {
          // tsx's loader lives in the main thread only; the worker registers it before loading this file.
          const w = new Worker(tsxWorkerBootstrap(import.meta.url), {
            eval: true,
            workerData: { files, mode, outDir, counters, workers, warmup } satisfies Job,
            // Ours runs with the heap limits `archivist archive` gives its workers: V8 grows a smaller heap more
            // cautiously and collects more often, so an unlimited worker here measured faster than the CLI
            // (2 workers: about 25 against 20 pages/s) and used more memory (640 against 430 MB). The naive
            // loop is what a plain script does: no limit.
            resourceLimits: mode === 'ours' ? workerLimits() : undefined,
          });
          w.once('message', resolve);
          w.once('error', reject);
        }),
    ),
  ).then((results) => ({
    results,
    // From the first page started to the last page finished, so start-up (tsx, module loading) is not counted as page time.
    wall: Math.max(...results.map((r) => r.end)) - Math.min(...results.map((r) => r.start)),
  }));
}

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(q * s.length))]! : 0;
};

function summarise(label: string, run: { results: WorkerResult[]; wall: number }) {
  const t = run.results.flatMap((r) => r.timings);
  const bytes = run.results.reduce((a, r) => a + r.bytes, 0);
  const secs = run.wall / 1000;
  return {
    label,
    pages: t.length,
    failed: t.filter((x) => !x.ok).length,
    pagesPerSec: t.length / secs,
    mbPerSec: bytes / 1e6 / secs,
    median: {
      decode: quantile(
        t.map((x) => x.decode),
        0.5,
      ),
      parse: quantile(
        t.map((x) => x.parse),
        0.5,
      ),
      extract: quantile(
        t.map((x) => x.extract),
        0.5,
      ),
      render: quantile(
        t.map((x) => x.render),
        0.5,
      ),
    },
    perPage: {
      p50: quantile(
        t.map((x) => x.total),
        0.5,
      ),
      p95: quantile(
        t.map((x) => x.total),
        0.95,
      ),
      max: Math.max(0, ...t.map((x) => x.total)),
    },
    peakRssMB: Math.max(...run.results.map((r) => r.peakRss)) / 2 ** 20,
    // CPU the process used over the run's span, in cores: one worker keeps more than one core busy (GC and JIT threads).
    cores: (Math.max(...run.results.map((r) => r.cpuEnd)) - Math.min(...run.results.map((r) => r.cpuStart))) / run.wall,
    // Of those, the cores the workers' own threads kept busy (null where threadCpu cannot tell).
    workerThreadCores: run.results.every((r) => r.threadCpuStart !== null && r.threadCpuEnd !== null)
      ? run.results.reduce((a, r) => a + r.threadCpuEnd! - r.threadCpuStart!, 0) / run.wall
      : null,
  };
}

type Summary = ReturnType<typeof summarise>;

/** Whether this machine can hold a process to one core (util-linux's taskset). */
function canPin(): boolean {
  return process.platform === 'linux' && spawnSync('taskset', ['-c', '0', 'true']).status === 0;
}

/**
 * One run of `mode` with one worker, in a child process held to core 0 with its GC and compiler
 * threads: what one core does. The child is this script again (same loader flags), with --pinned-run.
 */
function pinnedRun({ dir, repeat, warmup }: TrialSetup, mode: Job['mode'], label: string): Summary {
  const script = fileURLToPath(import.meta.url);
  const child = spawnSync(
    'taskset',
    ['-c', '0', process.execPath, ...process.execArgv, script, dir, '--repeat', String(repeat), '--warmup', String(warmup), '--pinned-run', mode],
    {
      encoding: 'utf8',
      maxBuffer: 64 * 2 ** 20,
    },
  );
  if (child.status !== 0) throw new Error(`bench:speed: the pinned ${mode} run failed: ${child.stderr}`);
  return { ...(JSON.parse(child.stdout) as Summary), label };
}

/**
 * Pages each worker converts untimed before its timed run, in every run alike (naive, ours, per core):
 * a cold worker spends its first pages in V8's interpreter while it compiles jsdom, parse5 and
 * Readability, and on one core that compiling takes the core. A batch of a million pages pays it
 * once per worker. On en-news (89 pages, one trial each) warming up took ours from 14.7 to 18.0 pages/s
 * and the naive loop from 5.1 to 7.8: the ratio of the two moves as well. `--warmup 0` measures cold.
 */
const WARM_UP = 20;

async function mainThread() {
  const args = process.argv.slice(2);
  const flag = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const dir = args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--')) ?? '../shared/corpus/en-news';
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    console.log(`bench:speed: no folder at ${dir}; skipped`);
    return;
  }
  const repeat = Number(flag('--repeat') ?? 1);
  const warmup = Math.max(0, Number(flag('--warmup') ?? WARM_UP));
  const cores = Number(flag('--workers') ?? availableParallelism());
  const pages = await listPages(dir);
  const files = Array.from({ length: repeat }, () => pages).flat();
  const outDir = mkdtempSync(path.join(tmpdir(), 'archivist-speed-'));
  const pinned = flag('--pinned-run') as Job['mode'] | undefined;
  if (pinned) {
    // A child of pinnedRun: one run, its summary on stdout.
    try {
      console.log(JSON.stringify(summarise(pinned, await runWorkers(files, 1, pinned, outDir, warmup))));
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }
    return;
  }
  const trials = Math.max(1, Number(flag('--trials') ?? 3));
  try {
    const runs: Trial[] = [];
    const setup: TrialSetup = { files, cores, outDir, dir, repeat, warmup, pin: canPin() };
    for (let t = 0; t < trials; t++) runs.push(await runTrial(setup));
    const usable = Math.min(cores, availableParallelism());
    // Each ratio is taken within a trial (its runs follow each other), then the median over trials:
    // on this shared machine one run's pages/s moved by ±20% with the neighbours' load.
    const ratios = {
      oursOverNaive: runs.map((r) => r.one.pagesPerSec / r.naive.pagesPerSec),
      scaling: runs.map((r) => r.all.pagesPerSec / r.one.pagesPerSec),
      machineAllocationScaling: runs.map((r) => r.allocAll.pagesPerSec / r.allocOne.pagesPerSec),
      /** One worker held to one core (empty without taskset): ours over naive, and N workers on N cores over it. */
      perCoreOursOverNaive: runs.flatMap((r) => (r.perCore ? [r.perCore.ours.pagesPerSec / r.perCore.naive.pagesPerSec] : [])),
      perCoreScaling: runs.flatMap((r) => (r.perCore ? [r.all.pagesPerSec / r.perCore.ours.pagesPerSec] : [])),
    };
    const report = {
      folder: dir,
      pages: files.length,
      trials: runs,
      ratios,
      median: Object.fromEntries(Object.entries(ratios).map(([k, xs]) => [k, xs.length ? quantile(xs, 0.5) : null])) as Record<
        keyof typeof ratios,
        number | null
      >,
    };
    if (args.includes('--json')) {
      console.log(JSON.stringify(report, null, 2));
      return;
    }
    const f = (n: number, d = 1) => n.toFixed(d);
    const line = (xs: number[]) => (xs.length > 1 ? `${f(quantile(xs, 0.5), 2)}× (median of ${xs.map((x) => f(x, 2)).join(', ')})` : `${f(xs[0] ?? 0, 2)}×`);
    console.log(
      `${files.length} pages from ${dir}, ${trials} trial${trials > 1 ? 's' : ''}; each worker of each run first converts ${warmup} of them untimed (--warmup)`,
    );
    console.log('run                      pages/s   MB/s  p50ms  p95ms  maxms  decode parse extract render (median ms)  peakRSS MB  cores  own  failed');
    for (const [t, trial] of runs.entries()) {
      const rows = [trial.naive, trial.one, trial.all, ...(trial.perCore ? [trial.perCore.naive, trial.perCore.ours] : [])];
      if (trials > 1) console.log(`trial ${t + 1}`);
      for (const r of rows) {
        console.log(
          `${r.label.padEnd(24)} ${f(r.pagesPerSec).padStart(7)} ${f(r.mbPerSec, 2).padStart(6)} ${f(r.perPage.p50, 0).padStart(6)} ${f(r.perPage.p95, 0).padStart(6)} ${f(r.perPage.max, 0).padStart(6)}  ` +
            `${f(r.median.decode).padStart(6)} ${f(r.median.parse).padStart(5)} ${f(r.median.extract).padStart(7)} ${f(r.median.render).padStart(6)}                 ${f(r.peakRssMB, 0).padStart(6)}  ${f(r.cores, 2).padStart(5)} ${r.workerThreadCores === null ? '   -' : f(r.workerThreadCores, 2).padStart(4)}  ${r.failed}`,
        );
      }
    }
    console.log(`ours / naive (1 worker): ${line(ratios.oursOverNaive)}`);
    console.log(`${cores} workers / 1 worker: ${line(ratios.scaling)}`);
    // No bound is drawn from this: over 445 pages (--repeat 5) one worker kept 1.37 cores busy, and two workers
    // on two cores still gave 1.62× one, above 2 / 1.37.
    // "own": the cores the workers' own threads kept busy (threadCpu); the rest of "cores" is V8's GC and compiler threads, the main thread, file I/O.
    const own = runs.flatMap((r) => (r.one.workerThreadCores === null ? [] : [r.one.workerThreadCores]));
    const rest = runs.flatMap((r) => (r.one.workerThreadCores === null ? [] : [r.one.cores - r.one.workerThreadCores]));
    const split = own.length
      ? `: ${f(quantile(own, 0.5), 2)} in its own thread ("own"), ${f(quantile(rest, 0.5), 2)} in the rest of the process (V8's GC and compiler threads, the main thread, file I/O),`
      : ` (its thread, V8's GC and compiler threads),`;
    console.log(
      `1 worker keeps ~${f(
        quantile(
          runs.map((r) => r.one.cores),
          0.5,
        ),
        2,
      )} cores busy${split} which ${cores} workers share with each other`,
    );
    if (ratios.perCoreOursOverNaive.length) {
      console.log(`per core (1 worker held to one core with its GC and compiler threads): ours / naive ${line(ratios.perCoreOursOverNaive)}`);
      console.log(`per core: ${cores} workers on ${usable} cores / 1 worker on 1 core: ${line(ratios.perCoreScaling)}`);
    } else {
      console.log('per core: not measured (no taskset to hold a process to one core)');
    }
    console.log(
      `this machine, allocation-heavy JS without jsdom (${ALLOC_NODES} objects a unit): ${cores} workers / 1 worker: ${line(ratios.machineAllocationScaling)}`,
    );
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

interface Trial {
  naive: Summary;
  one: Summary;
  all: Summary;
  allocOne: Summary;
  allocAll: Summary;
  perCore: { naive: Summary; ours: Summary } | null;
}

interface TrialSetup {
  files: string[];
  cores: number;
  outDir: string;
  /** The folder and repeat count again, for the per-core child processes, which list the pages themselves. */
  dir: string;
  repeat: number;
  /** Pages each worker converts untimed first (--warmup). */
  warmup: number;
  /** Whether the per-core runs can be held to one core (canPin). */
  pin: boolean;
}

/** Every run once, one after the other: the ratios of a trial compare runs that were close in time. */
async function runTrial(setup: TrialSetup): Promise<Trial> {
  const { files, cores, outDir, warmup, pin } = setup;
  return {
    naive: summarise('naive loop, 1 worker', await runWorkers(files, 1, 'naive', outDir, warmup)),
    one: summarise('archivist, 1 worker', await runWorkers(files, 1, 'ours', outDir, warmup)),
    all: summarise(`archivist, ${cores} workers`, await runWorkers(files, cores, 'ours', outDir, warmup)),
    allocOne: summarise('allocation, 1 worker', await runWorkers(files, 1, 'alloc', outDir, warmup)),
    allocAll: summarise(`allocation, ${cores} workers`, await runWorkers(files, cores, 'alloc', outDir, warmup)),
    perCore: pin ? { naive: pinnedRun(setup, 'naive', 'naive loop, 1 core'), ours: pinnedRun(setup, 'ours', 'archivist, 1 core') } : null,
  };
}

if (isMainThread) {
  await mainThread();
} else {
  parentPort!.postMessage(await runJob(workerData as Job));
}
