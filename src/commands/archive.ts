/** `archivist archive`: options checked up front, then the runner; failures reported one line each, a summary at the end. */
import type { Command } from 'commander';
import { ArchivistError } from '../errors.js';
import { DEFAULT_NAME_TEMPLATE, validateTemplate } from '../batch/naming.js';
import { parseShard } from '../batch/shard.js';
import { blockPrivateFromEnv } from '../load/block-env.js';
import { Progress } from '../progress.js';
import { FORMATS, type Format } from '../render/index.js';
import { parseCount, parsePositiveInt } from './args.js';
import { failureLine, type CliIO, type CommandContext, type Outcome } from './io.js';

export interface ArchiveOptions {
  outDir: string;
  format?: string;
  name?: string;
  raw?: boolean;
  assets?: boolean;
  warc?: string;
  shard?: string;
  manifest?: string;
  retryFailed?: boolean;
  concurrency?: number;
  perHost?: number;
  delay?: number;
  workers?: number;
  pageTimeout?: number;
  workerHeap?: number;
  timeout?: number;
  retries?: number;
  maxBytes?: number;
  maxAssetBytes?: number;
  respectRobots?: boolean;
  rules?: string;
  blockPrivateAddresses?: boolean;
}

export function registerArchive(program: Command, { io, run }: CommandContext): Command {
  return program
    .command('archive')
    .description('archive a list of URLs or files (or every HTML response in a WARC, or every page in a folder) into a folder, politely and resumably')
    .argument('<list>', "a list file: one URL or path per line, '#' comments, or JSONL {\"url\", \"name\"}; - for stdin; a .warc/.warc.gz; or a folder (its .html/.htm/.xhtml(.gz) files, recursive)")
    .requiredOption('--out-dir <dir>', 'folder for the outputs and manifest.jsonl')
    .option('-f, --format <formats>', 'output formats, comma-separated: md, json, text (default md)')
    .option('--name <template>', "file-name template from {date} {slug} {host} {id} {sha8} (default '{date}-{slug}')")
    .option('--raw', 'also keep the original bytes as <name>.html')
    .option('--assets', 'download the article images into DIR/assets/ and link the local copies')
    .option('--warc <file>', 'also append every fetched HTTP response to this WARC (.warc or .warc.gz)')
    .option('--shard <i/n>', "only this machine's share: inputs whose hash mod n is i (0-based)")
    .option('--manifest <file>', 'manifest (and resume log) path (default DIR/manifest.jsonl)')
    .option('--retry-failed', 'retry inputs the manifest records as failed (default: skip them like finished ones)')
    .option('--concurrency <n>', 'pages in flight at once (default 8)', parsePositiveInt)
    .option('--per-host <n>', 'requests to one host at once (default 2)', parsePositiveInt)
    .option('--delay <ms>', 'minimum time between two requests to one host (default 0)', parseCount)
    .option('--workers <n>', 'convert worker threads (default: number of cores)', parsePositiveInt)
    .option('--worker-heap <mb>', 'heap limit of each convert worker; a page needing more fails with E_TOO_LARGE (default 384)', parsePositiveInt)
    .option('--page-timeout <ms>', 'time limit for converting one page; the worker is stopped (default 30000)', parsePositiveInt)
    .option('--timeout <ms>', 'time limit for fetching one URL, in ms (default 60000)', parsePositiveInt)
    .option('--retries <n>', 'retries for transient HTTP failures (default 3)', parseCount)
    .option('--max-bytes <n>', 'largest page accepted, in bytes (default 33554432)', parsePositiveInt)
    .option('--max-asset-bytes <n>', 'largest image kept with --assets, in bytes (default 10485760)', parsePositiveInt)
    .option('--respect-robots', "skip URLs the site's robots.txt disallows (recorded as E_BLOCKED)")
    .option('--rules <file>', 'extra site rules (JSON), as for convert; they win over the built-in ones')
    .option('--block-private-addresses', 'refuse URLs that resolve to loopback, private, link-local or metadata addresses (also ARCHIVIST_BLOCK_PRIVATE_ADDRESSES=1)')
    .action((list: string, opts: ArchiveOptions) => run(runArchiveCommand(list, opts, io)));
}

export async function runArchiveCommand(list: string, opts: ArchiveOptions, io: CliIO): Promise<Outcome> {
  const formats = parseFormats(opts.format);
  const nameTemplate = opts.name ?? DEFAULT_NAME_TEMPLATE;
  validateTemplate(nameTemplate);
  const shard = opts.shard ? parseShard(opts.shard) : undefined;
  // The runner and the site rules (jsdom and the rest) load here, not at start-up.
  const [{ runArchive }, { loadRulesFile }] = await Promise.all([import('../batch/runner.js'), import('../sites/index.js')]);
  // A bad rules file stops the run before any page is fetched: every page would be converted wrongly.
  const rules = opts.rules ? await loadRulesFile(opts.rules) : undefined;
  let progress: Progress | null = null;
  const summary = await runArchive({
    list,
    outDir: opts.outDir,
    manifest: opts.manifest,
    formats,
    nameTemplate,
    raw: opts.raw,
    assets: opts.assets,
    maxAssetBytes: opts.maxAssetBytes,
    warc: opts.warc,
    shard,
    concurrency: opts.concurrency,
    perHost: opts.perHost,
    delayMs: opts.delay,
    workers: opts.workers,
    pageTimeoutMs: opts.pageTimeout,
    workerHeapMb: opts.workerHeap,
    fetch: { totalTimeoutMs: opts.timeout, retries: opts.retries, maxBytes: opts.maxBytes, blockPrivateAddresses: opts.blockPrivateAddresses || blockPrivateFromEnv() },
    respectRobots: opts.respectRobots,
    rules,
    retryFailed: opts.retryFailed,
    stdin: io.stdin,
    now: io.now,
    onTotal: io.stderr.isTTY ? (total) => (progress = new Progress(io.stderr, total)) : undefined,
    onDone: (e) => {
      if (e.error) {
        const line = failureLine(e.input, e.error.code, e.error.message);
        if (progress) progress.interrupt(line);
        else io.stderr.write(line);
      }
      progress?.tick(e.outcome === 'archived');
    },
  });
  (progress as Progress | null)?.done();
  io.stderr.write(`archivist: ${summary.format()}`);
  return summary.failed > 0 ? 'failed' : 'ok';
}

function parseFormats(value: string | undefined): Format[] {
  const list = (value ?? 'md').split(',').map((s) => s.trim()).filter(Boolean);
  for (const f of list) {
    if (!(FORMATS as readonly string[]).includes(f)) throw new ArchivistError('E_USAGE', `-f: unknown format ${f}; use ${FORMATS.join(', ')}`);
  }
  if (list.length === 0) throw new ArchivistError('E_USAGE', '-f: give at least one format');
  return list as Format[];
}
