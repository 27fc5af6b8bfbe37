/**
 * `npm run bench:batch`: archive 1,000 generated article pages from local servers with 50 ms
 * latency, 10% of them faulty, at concurrency 8 and 32, then rerun. Checks that all 900 good
 * pages are archived, all 100 failures are recorded with the right code, peak RSS stays under
 * 500 MB, and the rerun fetches nothing. Each run is a separate process running the built CLI
 * (dist/), so its peak RSS (process.resourceUsage().maxRSS, worker threads included) is the
 * archiver's alone, not the servers'.
 *
 *   npm run bench:batch [-- --pages 1000 --latency 50]
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const PAGES = arg('pages', 1000);
const LATENCY_MS = arg('latency', 50);
/** Separate loopback addresses, so per-host politeness (2 at once) works as it would across real sites. */
const HOSTS = 16;
const FETCH_TIMEOUT_MS = 2000;
const MAX_BYTES = 1_000_000;
const RSS_LIMIT_MB = 500;
/** Anything after `--` `--cli` is passed to archivist archive, e.g. `--cli --worker-heap 256`. */
const EXTRA = process.argv.includes('--cli') ? process.argv.slice(process.argv.indexOf('--cli') + 1) : [];

/** Every tenth page is faulty; the kind decides the code the manifest must show. */
const FAULTS = [
  { kind: 'missing', code: 'E_HTTP_STATUS' },
  { kind: 'loop', code: 'E_REDIRECT' },
  { kind: 'image', code: 'E_NOT_HTML' },
  { kind: 'huge', code: 'E_TOO_LARGE' },
  { kind: 'stall', code: 'E_TIMEOUT' },
  { kind: 'gone', code: 'E_HTTP_STATUS' },
  { kind: 'blank', code: 'E_NO_CONTENT' },
  { kind: 'loop', code: 'E_REDIRECT' },
  { kind: 'image', code: 'E_NOT_HTML' },
  { kind: 'missing', code: 'E_HTTP_STATUS' },
] as const;

/** Deterministic words, so every run serves the same pages. */
function rng(seed: number) {
  let s = seed >>> 0 || 1;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}
const WORDS =
  'the of council report city water budget school river museum archive policy study year local market public health road plan library data research change people week new open court board vote'.split(
    ' ',
  );

function articleHtml(i: number): string {
  const r = rng(i + 1);
  const words = (n: number) => Array.from({ length: n }, () => WORDS[Math.floor(r() * WORDS.length)]).join(' ');
  const title = `Report ${i}: ${words(5)}`;
  const paras = Array.from({ length: 6 + Math.floor(r() * 8) }, () => `<p>${words(40 + Math.floor(r() * 60))}.</p>`).join('\n');
  const nav = Array.from({ length: 30 }, (_, k) => `<li><a href="/section/${k}">${words(2)}</a></li>`).join('');
  const day = String(1 + (i % 28)).padStart(2, '0');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title} | Bench Herald</title>
<meta property="og:site_name" content="Bench Herald"><meta name="author" content="Reporter ${i % 17}">
<meta property="article:published_time" content="2026-04-${day}T09:00:00Z">
<style>body{font-family:serif}.nav li{display:inline}</style><script>window.analytics=[];</script></head>
<body><header><ul class="nav">${nav}</ul></header><main><article><h1>${title}</h1>
<p class="byline">By Reporter ${i % 17}</p>${paras}</article>
<aside class="related"><h2>Related</h2><ul>${nav}</ul></aside></main>
<footer><p>Copyright 2026 Bench Herald. All rights reserved.</p></footer></body></html>`;
}

interface Target {
  url: string;
  expected: string | null;
}

async function startServers(requests: { count: number }): Promise<{ servers: Server[]; targets: Target[] }> {
  const servers: Server[] = [];
  const origins: string[] = [];
  const transientSeen = new Set<string>();
  for (let h = 1; h <= HOSTS; h++) {
    const server = createServer((req, res) => {
      requests.count++;
      const m = /^\/(\w+)\/(\d+)$/.exec(req.url ?? '');
      const kind = m?.[1] ?? '';
      const i = Number(m?.[2]);
      setTimeout(() => {
        switch (kind) {
          case 'article':
            // Every 30th good page answers 503 once: a transient failure the retry must absorb.
            if (i % 30 === 7 && !transientSeen.has(req.url!)) {
              transientSeen.add(req.url!);
              return res.writeHead(503, { 'retry-after': '0' }).end();
            }
            return res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(articleHtml(i));
          case 'missing':
            return res.writeHead(404, { 'content-type': 'text/html' }).end('<p>not found</p>');
          case 'gone':
            return res.writeHead(410, { 'content-type': 'text/html' }).end('<p>gone</p>');
          case 'loop':
            return res.writeHead(302, { location: `/loop/${i % 2 === 0 ? i + 1 : i - 1}` }).end();
          case 'image':
            return res.writeHead(200, { 'content-type': 'image/jpeg' }).end(Buffer.alloc(2048, 0xff));
          case 'huge':
            return res.writeHead(200, { 'content-type': 'text/html' }).end(`<html><body><p>${'word '.repeat(MAX_BYTES / 4)}</p></body></html>`);
          case 'stall': {
            res.writeHead(200, { 'content-type': 'text/html' });
            res.write('<html><body><p>');
            const t = setInterval(() => res.write('.'), 200);
            return res.on('close', () => clearInterval(t));
          }
          case 'blank':
            return res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body><nav><a href="/">Home</a></nav></body></html>');
          default:
            return res.writeHead(404).end();
        }
      }, LATENCY_MS);
    });
    await new Promise<void>((resolve) => server.listen(0, `127.0.0.${h}`, resolve));
    servers.push(server);
    origins.push(`http://127.0.0.${h}:${(server.address() as AddressInfo).port}`);
  }
  const targets: Target[] = [];
  for (let i = 0; i < PAGES; i++) {
    const origin = origins[i % HOSTS]!;
    if (i % 10 === 9) {
      const f = FAULTS[Math.floor(i / 10) % FAULTS.length]!;
      // A loop needs a pair of distinct addresses on one host; i and i±1 never collide with articles.
      targets.push({ url: `${origin}/${f.kind}/${f.kind === 'loop' ? i * 2 : i}`, expected: f.code });
    } else {
      targets.push({ url: `${origin}/article/${i}`, expected: null });
    }
  }
  return { servers, targets };
}

interface RunResult {
  seconds: number;
  maxRssMb: number;
  exitCode: number | null;
  stderr: string;
}

/** Runs the built CLI in its own process and reports its wall time and peak RSS. */
async function runCli(args: string[]): Promise<RunResult> {
  const script = `import { main } from ${JSON.stringify(path.join(ROOT, 'dist/cli.js'))};
const code = await main(process.argv.slice(1));
process.stderr.write('MAXRSS_KB ' + process.resourceUsage().maxRSS + '\\n');
process.exitCode = code;`;
  const started = performance.now();
  const child = spawn(process.execPath, ['--input-type=module', '-e', script, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const exitCode = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  const seconds = (performance.now() - started) / 1000;
  const kb = Number(/MAXRSS_KB (\d+)/.exec(stderr)?.[1] ?? 0);
  return { seconds, maxRssMb: kb / 1024, exitCode, stderr: stderr.replace(/MAXRSS_KB \d+\n/, '') };
}

type Entry = { input: string; outcome: string; error: { code: string } | null; timings: Record<'fetch' | 'convert' | 'write' | 'total', number> };
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

async function check(
  outDir: string,
  targets: Target[],
): Promise<{ archived: number; failedRight: number; problems: string[]; medians: string; cpuSeconds: number }> {
  const lines = (await readFile(path.join(outDir, 'manifest.jsonl'), 'utf8')).trim().split('\n');
  const entries = lines.map((l) => JSON.parse(l) as Entry);
  const byInput = new Map(entries.map((e) => [e.input, e]));
  const done = entries.filter((e) => e.outcome === 'archived');
  const cpuSeconds = done.reduce((sum, e) => sum + e.timings.convert, 0) / 1000;
  const medians = (['fetch', 'convert', 'write', 'total'] as const).map((k) => `${k} ${median(done.map((e) => e.timings[k]))}`).join(', ');
  const problems: string[] = [];
  let archived = 0;
  let failedRight = 0;
  if (lines.length !== targets.length) problems.push(`${lines.length} manifest lines for ${targets.length} inputs`);
  for (const t of targets) {
    const e = byInput.get(t.url);
    if (!e) problems.push(`missing from manifest: ${t.url}`);
    else if (t.expected === null && e.outcome === 'archived') archived++;
    else if (t.expected !== null && e.error?.code === t.expected) failedRight++;
    else problems.push(`${t.url}: expected ${t.expected ?? 'archived'}, got ${e.error?.code ?? e.outcome}`);
  }
  return { archived, failedRight, problems, medians, cpuSeconds };
}

async function main(): Promise<void> {
  const requests = { count: 0 };
  const { servers, targets } = await startServers(requests);
  const work = await mkdtemp(path.join(tmpdir(), 'archivist-bench-batch-'));
  const list = path.join(work, 'urls.txt');
  await writeFile(list, targets.map((t) => t.url).join('\n'));
  const good = targets.filter((t) => t.expected === null).length;
  console.log(
    `${PAGES} pages (${good} good, ${PAGES - good} faulty) on ${HOSTS} hosts, ${LATENCY_MS} ms latency; per-host limit 2; fetch timeout ${FETCH_TIMEOUT_MS} ms`,
  );
  console.log('');
  console.log('run              conc  wall s  pages/s  peak RSS MB  requests  archived  failed (right code)  exit');
  let ok = true;
  const row = (name: string, conc: number, r: RunResult, reqs: number, archived: number, failedRight: number) =>
    console.log(
      `${name.padEnd(16)} ${String(conc).padStart(4)}  ${r.seconds.toFixed(1).padStart(6)}  ${(PAGES / r.seconds).toFixed(1).padStart(7)}  ${r.maxRssMb.toFixed(0).padStart(11)}  ${String(reqs).padStart(8)}  ${String(archived).padStart(8)}  ${String(failedRight).padStart(19)}  ${r.exitCode}`,
    );
  try {
    let lastOut = '';
    for (const conc of [8, 32]) {
      const out = path.join(work, `out-c${conc}`);
      lastOut = out;
      const before = requests.count;
      const args = [
        'archive',
        list,
        '--out-dir',
        out,
        '-f',
        'md,json',
        '--concurrency',
        String(conc),
        '--timeout',
        String(FETCH_TIMEOUT_MS),
        '--max-bytes',
        String(MAX_BYTES),
        ...EXTRA,
      ];
      const r = await runCli(args);
      const c = await check(out, targets);
      row(`fresh`, conc, r, requests.count - before, c.archived, c.failedRight);
      console.log(`  median ms per archived page: ${c.medians} (convert: inside the worker; total adds waits for a host or a worker)`);
      // Converting is the CPU-bound part: how much of the run's core time went into it shows what the machinery costs.
      const cores = availableParallelism();
      console.log(`  worker time ${c.cpuSeconds.toFixed(0)} s = ${((100 * c.cpuSeconds) / (r.seconds * cores)).toFixed(0)}% of ${cores} cores × wall time`);
      if (c.archived !== good || c.failedRight !== PAGES - good || r.maxRssMb > RSS_LIMIT_MB) {
        ok = false;
        console.log(c.problems.slice(0, 10).join('\n'));
        console.log(r.stderr.split('\n').slice(-4).join('\n'));
      }
    }
    const before = requests.count;
    const r = await runCli(['archive', list, '--out-dir', lastOut, '-f', 'md,json', '--concurrency', '32']);
    const fetched = requests.count - before;
    row('rerun', 32, r, fetched, 0, 0);
    console.log(`  rerun: ${r.stderr.trim().split('\n').pop()}`);
    if (fetched !== 0) ok = false;
    console.log('');
    console.log(ok ? 'PASS: all good pages archived, all failures with the right code, RSS within limit, rerun fetched nothing' : 'FAIL');
    process.exitCode = ok ? 0 : 1;
  } finally {
    for (const s of servers) {
      s.closeAllConnections();
      s.close();
    }
    await rm(work, { recursive: true, force: true });
  }
}

await main();
