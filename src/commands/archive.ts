/** `archivist archive`: options checked up front, then the runner; failures reported one line each, a summary at the end. */
import { InvalidArgumentError, type Command } from 'commander';
import { ArchivistError } from '../errors.js';
import { DEFAULT_NAME_TEMPLATE, validateTemplate } from '../batch/naming.js';
import { parseShard } from '../batch/shard.js';
import { Progress } from '../progress.js';
import { FORMATS, type Format } from '../render/index.js';
import { addRenderOptions, renderModeOf, type RenderCliOptions } from '../browser/options.js';
import { addNetworkOptions, examples, fetchOptionsOf, parseCount, parsePositiveInt, parseUrl, type NetworkOptions } from './args.js';
import { failureLine, type CliIO, type CommandContext, type Outcome } from './io.js';

export interface ArchiveOptions extends NetworkOptions, RenderCliOptions {
  outDir: string;
  format?: string;
  /** Instead of a list: every page a sitemap (or sitemap index, .xml.gz) names. */
  sitemap?: URL;
  /** Instead of a list: every article an RSS or Atom feed links. */
  feed?: URL;
  /** With --sitemap or --feed: only entries dated on or after this. */
  since?: Date;
  /** With --sitemap or --feed: at most this many pages, the first in the document. */
  limit?: number;
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
  maxBytes?: number;
  maxAssetBytes?: number;
  respectRobots?: boolean;
  rules?: string;
  /** False with --no-local-files. */
  localFiles?: boolean;
}

export function registerArchive(program: Command, { io, run, argv }: CommandContext): Command {
  const cmd = program
    .command('archive')
    .description('archive a list of URLs or files, a sitemap, a feed, a WARC or a folder of pages into a folder, politely and resumably')
    .argument(
      '[list]',
      'a list file: one URL or path per line, \'#\' comments, or JSONL {"url", "name"}; - for stdin; a .warc/.warc.gz; or a folder of pages (recursive)',
    )
    .requiredOption('--out-dir <dir>', 'folder for the outputs and manifest.jsonl')
    .option('--sitemap <url>', 'instead of a list: the pages of this sitemap (or sitemap index, .xml.gz)', parseUrl)
    .option('--feed <url>', 'instead of a list: the articles of this RSS or Atom feed', parseUrl)
    .option('--since <date>', 'with --sitemap/--feed: only entries dated on or after this (YYYY-MM-DD); undated ones are kept', parseDate)
    .option('--limit <n>', 'with --sitemap/--feed: at most n pages, the first listed', parsePositiveInt)
    .option('-f, --format <formats>', 'output formats, comma-separated: md (or markdown), json, text (default md)')
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
    .option('--max-bytes <n>', 'largest page accepted, in bytes (default 33554432)', parsePositiveInt)
    .option('--max-asset-bytes <n>', 'largest image kept with --assets, in bytes (default 10485760)', parsePositiveInt)
    .option('--respect-robots', "skip URLs the site's robots.txt disallows (recorded as E_BLOCKED)")
    .option('--rules <file>', 'extra site rules (JSON), as for convert; they win over the built-in ones')
    .option('--no-local-files', 'the list may name only URLs: a file path in it fails with E_BLOCKED (implied by --block-private-addresses)');
  return addRenderOptions(addNetworkOptions(cmd), { batch: true })
    .addHelpText(
      'after',
      examples([
        ['archivist archive urls.txt --out-dir archive/', 'a list of URLs, one per line; rerun to resume'],
        ['archivist archive --sitemap https://example.com/sitemap.xml --out-dir a/', 'every page of a sitemap'],
        ['archivist archive --feed https://example.com/rss --limit 50 --out-dir a/', 'the first 50 articles of a feed'],
        ['archivist archive urls.txt --out-dir archive/ --retry-failed', 'retry what failed last time'],
        ['archivist archive saved/ --out-dir out/ -f md,json', 'a folder of saved pages, two formats'],
      ]),
    )
    .action((list: string | undefined, opts: ArchiveOptions) => run(runArchiveCommand(list, opts, io, argv)));
}

export async function runArchiveCommand(list: string | undefined, opts: ArchiveOptions, io: CliIO, argv: readonly string[] = []): Promise<Outcome> {
  const sources = [list !== undefined, opts.sitemap !== undefined, opts.feed !== undefined].filter(Boolean).length;
  if (sources !== 1) throw new ArchivistError('E_USAGE', sources === 0 ? 'give a list, --sitemap URL or --feed URL' : 'give one of: a list, --sitemap, --feed');
  if ((opts.since || opts.limit) && list !== undefined) throw new ArchivistError('E_USAGE', '--since and --limit go with --sitemap or --feed');
  const formats = parseFormats(opts.format);
  const nameTemplate = opts.name ?? DEFAULT_NAME_TEMPLATE;
  validateTemplate(nameTemplate);
  const shard = opts.shard ? parseShard(opts.shard) : undefined;
  // The runner and the site rules (jsdom and the rest) load here, not at start-up.
  const [{ runArchive }, { loadRulesFile }] = await Promise.all([import('../batch/runner.js'), import('../sites/index.js')]);
  // A bad rules file stops the run before any page is fetched: every page would be converted wrongly.
  const rules = opts.rules ? await loadRulesFile(opts.rules) : undefined;
  const discoverUrl = opts.sitemap ?? opts.feed;
  let progress: Progress | null = null;

  // Ctrl-C once: start nothing new, let what is in flight finish and be recorded, say how to resume.
  // The handler is removed at once, so a second Ctrl-C ends the process as usual.
  const stop = new AbortController();
  const subscribe = io.onInterrupt ?? onSigint;
  const unsubscribe = subscribe(() => {
    unsubscribe();
    stop.abort();
    const line = 'archivist: stopping: finishing the pages in flight (Ctrl-C again to quit now; a rerun resumes)\n';
    if (progress) progress.interrupt(line);
    else io.stderr.write(line);
  });
  const fetch = { ...fetchOptionsOf(opts, io.env), maxBytes: opts.maxBytes };
  let summary: Awaited<ReturnType<typeof runArchive>>;
  try {
    summary = await runArchive({
      list,
      discover: discoverUrl ? { kind: opts.sitemap ? 'sitemap' : 'feed', url: discoverUrl, since: opts.since, limit: opts.limit } : undefined,
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
      fetch,
      // A list someone else wrote must not read local files where private addresses are refused.
      localFiles: opts.localFiles !== false && !fetch.blockPrivateAddresses,
      respectRobots: opts.respectRobots,
      render: renderModeOf(opts.render)
        ? { mode: renderModeOf(opts.render)!, timeoutMs: opts.renderTimeout, concurrency: opts.renderConcurrency, userAgent: opts.userAgent }
        : undefined,
      rules,
      retryFailed: opts.retryFailed,
      stdin: io.stdin,
      now: io.now,
      signal: stop.signal,
      onTotal: io.stderr.isTTY ? (total) => (progress = new Progress(io.stderr, total)) : undefined,
      onWarning: (message) => io.stderr.write(`archivist: ${message}\n`),
      onDone: (e) => {
        if (e.error) {
          const line = failureLine(e.input, e.error.code, e.error.message);
          if (progress) progress.interrupt(line);
          else io.stderr.write(line);
        }
        progress?.tick(e.outcome === 'archived');
      },
    });
  } finally {
    unsubscribe();
    (progress as Progress | null)?.done();
  }
  io.stderr.write(`archivist: ${summary.format()}`);
  if (summary.interrupted) {
    io.stderr.write(`archivist: to resume, run the same command again: ${shellLine(['archivist', ...argv])}\n`);
    return 'interrupted';
  }
  return summary.failed > 0 ? 'failed' : 'ok';
}

/** The process's SIGINT, once. */
function onSigint(handler: () => void): () => void {
  process.once('SIGINT', handler);
  return () => process.off('SIGINT', handler);
}

/** `--since`: a date (YYYY-MM-DD, midnight UTC) or an ISO 8601 date-time. */
function parseDate(value: string): Date {
  const t = /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(value.trim()) ? Date.parse(value.trim()) : NaN;
  if (Number.isNaN(t)) throw new InvalidArgumentError('expected a date, YYYY-MM-DD or an ISO 8601 date-time');
  return new Date(t);
}

/** A command line a shell reads back as the same words. */
function shellLine(words: string[]): string {
  return words.map((w) => (/^[\w@%+=:,./-]+$/.test(w) ? w : `'${w.replace(/'/g, "'\\''")}'`)).join(' ');
}

function parseFormats(value: string | undefined): Format[] {
  const list = (value ?? 'md')
    .split(',')
    .map((s) => s.trim())
    .map((s) => (s === 'markdown' ? 'md' : s))
    .filter(Boolean);
  for (const f of list) {
    if (!(FORMATS as readonly string[]).includes(f)) throw new ArchivistError('E_USAGE', `-f: unknown format ${f}; use ${FORMATS.join(', ')}`);
  }
  if (list.length === 0) throw new ArchivistError('E_USAGE', '-f: give at least one format');
  return list as Format[];
}
