/**
 * Body and metadata quality over corpus folders, each scored by its own metric (see
 * quality-corpora.ts and the corpus README), tune and check halves side by side (split.ts).
 *   npm run bench:quality -- [corpus-folder] [--json] [--only NAME[,NAME]] [--workers N]
 * A corpus folder is either one corpus (truth.json + pages) or a folder of them (default
 * ../shared/corpus). Skips cleanly, exit 0, when the folder or a corpus in it is absent. Pages are
 * converted in worker threads; every figure but the timings depends only on the pages.
 */
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { tsxWorkerBootstrap } from '../src/batch/pool.js';
import { kindOf, type CorpusKind, type PageResult, type Truth } from './quality-corpora.js';
import { printReport, report, type CorpusReport } from './quality-report.js';
import { halfOf } from './split.js';
import type { PageJob } from './quality-worker.js';
import { corpusDirs, pageFile } from './corpus.js';

const args = process.argv.slice(2);
const valueOf = (flag: string) => {
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1] : undefined;
};
const json = args.includes('--json');
const only = valueOf('--only')?.split(',');
const workerCount = Math.max(1, Number(valueOf('--workers') ?? Math.min(2, availableParallelism())) || 1);
const root = args.find((a, i) => !a.startsWith('--') && !['--only', '--workers'].includes(args[i - 1] ?? '')) ?? '../shared/corpus';

if (!existsSync(root)) {
  console.log(`bench:quality: no corpus at ${root}; skipped`);
  process.exit(0);
}

const dirs = corpusDirs(root);

interface Corpus {
  name: string;
  kind: CorpusKind;
  jobs: PageJob[];
}
const corpora: Corpus[] = [];
for (const dir of dirs) {
  const name = path.basename(dir);
  if (only && !only.includes(name)) continue;
  const truth = JSON.parse(readFileSync(path.join(dir, 'truth.json'), 'utf8')) as Record<string, Truth>;
  const kind = kindOf(truth);
  if (!kind) {
    if (!json) console.log(`bench:quality: ${name}: truth.json of no known shape; skipped`);
    continue;
  }
  const jobs = Object.keys(truth)
    .sort()
    .flatMap((id) => {
      const file = pageFile(dir, id);
      return file ? [{ kind, id, file, truth: truth[id]! }] : [];
    });
  corpora.push({ name, kind, jobs });
}

const queue = corpora.flatMap((c) => c.jobs.map((job) => ({ corpus: c.name, job })));
const results = new Map<string, PageResult[]>(corpora.map((c) => [c.name, []]));
const progress = process.stderr.isTTY && !json;
let done = 0;

/** One worker takes pages off the shared queue until it is empty; a crash costs only its page. */
function runWorker(): Promise<void> {
  const bootstrap = tsxWorkerBootstrap(new URL('./quality-worker.ts', import.meta.url).href);
  return new Promise((resolve) => {
    let current: (typeof queue)[number] | undefined;
    const record = (r: PageResult) => {
      results.get(current!.corpus)!.push(r);
      done++;
      if (progress) process.stderr.write(`\rbench:quality ${done}/${queue.length} ${current!.corpus}   `);
    };
    const spawn = (): Worker => {
      const w = new Worker(bootstrap, { eval: true });
      w.on('message', (r: PageResult) => {
        record(r);
        next(w);
      });
      w.on('error', (err) => {
        if (current)
          record({
            id: current.job.id,
            half: halfOf(current.job.id),
            ms: 0,
            cpuMs: null,
            error: `worker died: ${err.message}`,
            empty: true,
            fields: {},
            score: 0,
          });
        w.removeAllListeners();
        void w.terminate();
        next(spawn());
      });
      return w;
    };
    const next = (w: Worker) => {
      current = queue.shift();
      if (!current) {
        void w.terminate().then(() => resolve());
        return;
      }
      w.postMessage(current.job);
    };
    next(spawn());
  });
}

await Promise.all(Array.from({ length: Math.min(workerCount, Math.max(1, queue.length)) }, () => runWorker()));
if (progress) process.stderr.write('\n');

const out: Record<string, CorpusReport> = {};
for (const c of corpora) {
  out[c.name] = report(c.kind, results.get(c.name)!);
  if (!json) printReport(c.name, out[c.name]!, (s) => console.log(s));
}
if (json) console.log(JSON.stringify(out, null, 2));
