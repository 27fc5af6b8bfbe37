/**
 * `archivist archive`: a list (or WARC) in, one set of output files per input and a manifest
 * line per input out. Reads as numbered steps, like the pipeline: this file knows the order,
 * the other files in src/batch/ each know one concept.
 */
import { lstat, mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { ArchivistError, toArchivistError, type ErrorCode } from '../errors.js';
import { readFilePage } from '../load/file.js';
import { fetchPage, sharedDispatcher, sharedGuardedDispatcher, type FetchOptions } from '../load/fetch.js';
import { checkUrlAddress } from '../load/guard.js';
import { NameAllocator, cleanTempFiles, safeStem, writeAtomic } from '../output.js';
import { EXTENSIONS, render, type Format } from '../render/index.js';
import type { Article } from '../schema.js';
import type { SiteRule } from '../sites/index.js';
import type { Page } from '../types.js';
import { DEFAULT_USER_AGENT } from '../version.js';
import { renderReason } from '../browser/shell.js';
import type { RenderMode, RenderOptions } from '../browser/options.js';
import type { RenderService } from '../browser/service.js';
import { ASSETS_DIR, localiseAssets } from './assets.js';
import { feedInputs, sitemapInputs } from './discover.js';
import { folderInputs, listKind, readList, type BatchInput } from './input.js';
import { lockOutDir } from './lock.js';
import { MANIFEST_FILE, ManifestWriter, loadResumeState, type ManifestEntry } from './manifest.js';
import { renderName } from './naming.js';
import { HostLimiter, Semaphore } from './politeness.js';
import { ConvertPool, type WorkerEntry } from './pool.js';
import { RobotsCache, fetchRobots } from './robots.js';
import { inShard, type Shard } from './shard.js';
import { Summary } from './summary.js';
import { WarcWriter, readWarcPages } from './warc.js';

/** What a sitemap or feed request accepts: servers that negotiate send the XML, not an HTML rendering of it. */
const XML_ACCEPT = 'application/xml, text/xml;q=0.9, application/rss+xml, application/atom+xml, */*;q=0.5';

/** Pages in flight at once (fetching, waiting for a worker, or being written): the bound on memory too. */
export const DEFAULT_CONCURRENCY = 8;
/** Requests to one host at once: what polite crawlers (wget, Heritrix defaults) stay within. */
export const DEFAULT_PER_HOST = 2;

export interface ArchiveOptions {
  /** A list file, '-' for a list on stdin, a WARC/WARC.gz, or a folder of page files; or none, with `discover`. */
  list?: string;
  /** Instead of a list: the pages of a sitemap (index, .xml.gz) or an RSS/Atom feed, fetched politely like pages. */
  discover?: { kind: 'sitemap' | 'feed'; url: URL; since?: Date; limit?: number };
  /** Told of what discovery skipped (a child sitemap that could not be read). */
  onWarning?: (message: string) => void;
  outDir: string;
  /** Default: DIR/manifest.jsonl. */
  manifest?: string;
  formats: Format[];
  nameTemplate: string;
  raw?: boolean;
  assets?: boolean;
  maxAssetBytes?: number;
  /** Also append every fetched page's HTTP exchange to this WARC. */
  warc?: string;
  shard?: Shard;
  concurrency?: number;
  perHost?: number;
  /** Minimum ms between two requests to one host. Default 0. */
  delayMs?: number;
  /** Convert worker threads. Default: the number of cores. */
  workers?: number;
  pageTimeoutMs?: number;
  /** Heap limit per convert worker, in MB (see DEFAULT_WORKER_HEAP_MB). */
  workerHeapMb?: number;
  fetch?: FetchOptions;
  respectRobots?: boolean;
  /** User site rules, tried before the built-in ones. */
  rules?: SiteRule[];
  retryFailed?: boolean;
  /**
   * Whether a list may name local files (plain paths, JSONL "path"). Default true. A service that
   * runs lists others wrote turns it off, so a list cannot make it read /etc or a secrets file.
   */
  localFiles?: boolean;
  stdin?: NodeJS.ReadableStream;
  now?: () => Date;
  /**
   * Told how many inputs this run will process, before the first starts (null for a WARC or
   * stdin, which are not read twice). Asking costs one extra pass over the list file.
   */
  onTotal?: (total: number | null) => void;
  /** Told of every finished input, for progress display. */
  onDone?: (entry: ManifestEntry) => void;
  /** Stops the run: no new input is started, those in flight finish and are recorded. */
  signal?: AbortSignal;
  /** --render: URLs are loaded in a browser, always or (auto) when their static page is a script's shell. */
  render?: { mode: RenderMode } & RenderOptions;
  /** Test hook: the worker script of the convert pool. */
  worker?: WorkerEntry;
}

/** One input on its way through the run: either a list line or a WARC record already in memory. */
type Work = { input: string; name?: string; load: () => Promise<Page>; fetched: boolean; render?: () => Promise<Page> };

/**
 * A setup step on the file system (output folder, manifest, WARC). Its failure stops the run
 * before any input is touched, as E_OUTPUT with the path and the system's code, not a stack trace.
 */
async function preparing<T>(what: string, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (cause) {
    if (cause instanceof ArchivistError) throw cause;
    throw new ArchivistError('E_OUTPUT', `cannot ${what}: ${(cause as NodeJS.ErrnoException).code ?? cause}`, { cause });
  }
}

/**
 * System codes that mean no later write will succeed either: a full disk or quota, a read-only or
 * failing device. Every page after would fail the same way and be recorded as failed (so a rerun
 * would skip it), so the run stops instead, recording nothing more.
 */
const DISK_FAULTS = new Set(['ENOSPC', 'EDQUOT', 'EROFS', 'EIO']);

function diskFault(err: unknown): string | null {
  for (let e = err as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    if (typeof e.code === 'string' && DISK_FAULTS.has(e.code)) return e.code;
  }
  return null;
}

/**
 * Refuses a symlink where archivist keeps its own files inside the output folder (the manifest,
 * assets/): following one would read or write outside the folder, wherever the link points.
 */
async function refuseSymlink(file: string, outDir: string): Promise<void> {
  const rel = path.relative(outDir, file);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return;
  const info = await lstat(file).catch(() => null);
  if (info?.isSymbolicLink()) throw new ArchivistError('E_OUTPUT', `${file} is a symbolic link; archivist does not follow links inside its output folder`);
}

/**
 * Runs an archive with its output folder locked: a second run on the same folder fails at once
 * (E_OUTPUT) instead of fetching every page again and handing out the same names twice.
 */
export async function runArchive(o: ArchiveOptions): Promise<Summary> {
  // The list must be readable before anything is created, the output folder included.
  if (o.list !== undefined && o.discover === undefined) await listKind(o.list);
  const outDir = path.resolve(o.outDir);
  await preparing(`create the output folder ${outDir}`, () => mkdir(outDir, { recursive: true }));
  const lock = await preparing(`lock the output folder ${outDir}`, () => lockOutDir(outDir, o.now));
  try {
    return await archiveLocked(o);
  } finally {
    await lock.release().catch(() => undefined);
  }
}

async function archiveLocked(o: ArchiveOptions): Promise<Summary> {
  const now = o.now ?? (() => new Date());
  const summary = new Summary();
  const outDir = path.resolve(o.outDir);
  const manifestFile = path.resolve(o.manifest ?? path.join(outDir, MANIFEST_FILE));
  const manifestDir = path.dirname(manifestFile);

  // 0. the list must be readable before anything is created. A folder is listed now, once; a list file is streamed.
  if ((o.list === undefined) === (o.discover === undefined)) throw new ArchivistError('E_USAGE', 'give a list, or a sitemap or feed to discover, not both');
  const list = o.list ?? '';
  const kind = o.discover ? 'discovered' : await listKind(list);
  let listed = kind === 'folder' ? await folderInputs(list, outDir) : null;
  const listInputs = (stdin?: NodeJS.ReadableStream): Iterable<BatchInput> | AsyncIterable<BatchInput> => listed ?? readList(list, stdin);

  // 1. the output folder (locked by runArchive), cleared of temporary files a killed run left behind; only
  //    once locked, as another live run's temporary files are not leftovers. Links there are not followed.
  await preparing(`prepare the output folder ${outDir}`, async () => {
    await refuseSymlink(manifestFile, outDir);
    await refuseSymlink(path.join(outDir, ASSETS_DIR), outDir);
    if (o.warc) await refuseSymlink(path.resolve(o.warc), outDir);
    await cleanTempFiles(outDir);
    if (o.assets) await cleanTempFiles(path.join(outDir, ASSETS_DIR));
  });

  // 2. the resume state: what earlier runs finished, and the names their outputs took.
  const resume = await preparing(`read the manifest ${manifestFile}`, () => loadResumeState(manifestFile));
  const names = new NameAllocator(outDir);
  for (const rel of resume.claimed) {
    const abs = path.resolve(manifestDir, rel);
    if (path.dirname(abs) === outDir) names.claim(path.basename(abs));
  }

  // 3. the machinery: manifest, WARC, politeness, robots, workers.
  const manifest = await preparing(`open the manifest ${manifestFile}`, () => ManifestWriter.open(manifestFile));
  const warc = o.warc ? await preparing(`open the WARC ${o.warc}`, () => WarcWriter.open(o.warc!)) : null;
  const limiter = new HostLimiter(o.perHost ?? DEFAULT_PER_HOST, o.delayMs ?? 0);
  const userAgent = o.fetch?.userAgent ?? DEFAULT_USER_AGENT;
  // robots.txt groups are matched on the product token, not the full User-Agent string.
  const guard = o.fetch?.blockPrivateAddresses ? sharedGuardedDispatcher() : undefined;
  // robots.txt and images go through the environment's proxy like pages; with the guard they connect directly, checked at connect.
  const sideDispatcher = guard ?? sharedDispatcher(o.fetch?.env);
  const robots = o.respectRobots
    ? new RobotsCache('archivist', (u) => fetchRobots(u, { dispatcher: sideDispatcher, guarded: guard !== undefined, userAgent }))
    : null;
  const checkUrl = robots ? (u: URL) => robots.check(u) : undefined;
  // Per-host limits, raised to the host's robots.txt Crawl-delay when robots are respected.
  const politely = async <T>(url: URL, fn: () => Promise<T>): Promise<T> => limiter.run(url.hostname, fn, robots ? await robots.crawlDelayMs(url) : 0);
  // The browser modules load only with --render; the browser itself starts on the first page that needs it.
  const browser: RenderService | null = o.render
    ? new (await import('../browser/service.js')).RenderService({
        maxBytes: o.fetch?.maxBytes,
        blockPrivateAddresses: o.fetch?.blockPrivateAddresses,
        ...o.render,
      })
    : null;
  // Always rendering: a missing browser stops the run here (E_RENDER), not page by page.
  if (o.render?.mode === 'always') await browser!.ready();
  const pool = new ConvertPool({ size: o.workers, pageTimeoutMs: o.pageTimeoutMs, workerHeapMb: o.workerHeapMb, rules: o.rules, worker: o.worker });
  const slots = new Semaphore(o.concurrency ?? DEFAULT_CONCURRENCY);
  const formats = [...new Set(o.formats)];
  const exts = [...formats.map((f) => EXTENSIONS[f]), ...(o.raw ? ['html'] : [])];

  /** Inputs that failed in this run, told apart from failures an earlier run recorded. */
  const failedNow = new Set<string>();
  // A disk fault stops the run: no new input starts, those in flight finish or fail unrecorded.
  let fatal: ArchivistError | null = null;
  const stop = (e: ArchivistError) => void (fatal ??= e);

  // 4. one input: load, keep the raw exchange, convert in a worker, save images, write, record.
  const processOne = async (w: Work): Promise<void> => {
    const t0 = performance.now();
    const timings = { fetch: 0, convert: 0, write: 0, total: 0 };
    let page: Page | null = null;
    let entry: ManifestEntry;
    try {
      const tf = performance.now();
      page = await w.load();
      timings.fetch = performance.now() - tf;
      if (warc && w.fetched) await warc.append(page);

      // Auto: the static page first, rendered only when it turns out to be a script's shell (src/browser/shell.ts).
      const auto = o.render?.mode === 'auto' && w.render !== undefined && !page.rendered;
      let converted: { article: Article; ms: number } | null = null;
      let failure: ArchivistError | null = null;
      try {
        converted = await pool.convert(page, now());
      } catch (err) {
        if (!auto) throw err;
        failure = toArchivistError(err, 'E_PARSE');
      }
      if (auto) {
        if (renderReason(Buffer.from(page.bytes).toString('latin1'), converted ? { article: converted.article } : { error: failure! })) {
          const tr = performance.now();
          page = await w.render!();
          timings.fetch += performance.now() - tr;
          if (warc) await warc.append(page);
          converted = await pool.convert(page, now());
        } else if (!converted) throw failure;
      }
      let article = converted!.article;
      timings.convert = converted!.ms;

      const tw = performance.now();
      const outputs: string[] = [];
      const assetFiles: string[] = [];
      if (o.assets && article.images.length > 0) {
        const saved = await localiseAssets(article, {
          outDir,
          maxBytes: o.maxAssetBytes,
          politely,
          // --block-private-addresses covers image downloads too: literal addresses here, resolved ones in the agent.
          checkUrl: guard ? async (u: URL) => (checkUrlAddress(u), await checkUrl?.(u)) : checkUrl,
          dispatcher: sideDispatcher,
        });
        article = saved.article;
        assetFiles.push(...saved.files);
      }
      const stem = names.allocateStem(w.name ? safeStem(w.name) : renderName(o.nameTemplate, nameValues(w.input, article)), exts);
      for (const f of formats) outputs.push(await writeOutput(path.join(outDir, `${stem}.${EXTENSIONS[f]}`), render(article, f)));
      if (o.raw) outputs.push(await writeOutput(path.join(outDir, `${stem}.html`), page.bytes));
      outputs.push(...assetFiles);
      timings.write = performance.now() - tw;
      entry = {
        input: w.input,
        outcome: 'archived',
        finalUrl: article.provenance.finalUrl ?? article.provenance.url,
        status: article.provenance.status,
        outputs: outputs.map((abs) => relativeTo(manifestDir, path.resolve(outDir, abs))),
        title: article.title,
        published: article.published,
        sha256: article.provenance.sha256,
        ...(page.rendered ? { rendered: true as const } : {}),
        error: null,
        timings,
        finishedAt: now().toISOString(),
      };
    } catch (err) {
      const e = toArchivistError(err, 'E_PARSE');
      const fault = diskFault(err);
      if (fault) {
        // Not recorded: the page is not at fault, and a rerun once there is room must redo it.
        stop(new ArchivistError('E_OUTPUT', e.message.includes(fault) ? e.message : `${e.message} (${fault})`, { cause: err }));
        return;
      }
      entry = {
        input: w.input,
        outcome: 'failed',
        finalUrl: page?.url?.href ?? null,
        // A page that failed at fetch has no Page; its error carries the status the server answered.
        status: page?.status ?? e.status ?? null,
        outputs: [],
        title: null,
        published: null,
        sha256: null,
        error: { code: e.code, message: e.message },
        timings,
        finishedAt: now().toISOString(),
      };
    }
    timings.total = performance.now() - t0;
    for (const k of Object.keys(timings) as (keyof typeof timings)[]) timings[k] = Math.round(timings[k]);
    // The manifest line comes last: present means every output it names is complete.
    await manifest.append(entry);
    if (entry.outcome === 'archived') {
      summary.archived++;
      resume.archived.add(w.input);
    } else {
      summary.fail(entry.error!.code);
      resume.failed.add(w.input);
      failedNow.add(w.input);
    }
    o.onDone?.(entry);
  };

  const fetchOptions: FetchOptions = { ...o.fetch, userAgent, checkUrl, now };

  // 4b. a sitemap or feed becomes the list, fetched through the same host limits, robots.txt and guard as pages.
  if (o.discover) {
    const d = o.discover;
    const fetchXml = (url: URL) => politely(url, async () => (await fetchPage(url, { ...fetchOptions, expect: 'any', accept: XML_ACCEPT })).bytes);
    const find = d.kind === 'sitemap' ? sitemapInputs : feedInputs;
    try {
      listed = await find(d.url, { fetchXml, since: d.since, limit: d.limit, onWarning: o.onWarning });
    } catch (err) {
      await Promise.all([pool.close(), browser?.close(), warc?.close(), manifest.close()]);
      throw err;
    }
  }
  // A folder given on the command line is the user's own; a list's paths are whatever its author wrote.
  const localFiles = kind !== 'lines' || o.localFiles !== false;
  const toWork = (b: BatchInput): Work => {
    const source = b.source;
    const render =
      browser && source?.kind === 'url'
        ? () =>
            politely(source.url, async () => {
              summary.fetches++;
              await checkUrl?.(source.url);
              return browser.render(source.url);
            })
        : undefined;
    const load = async (): Promise<Page> => {
      if (!source) throw b.error ?? new ArchivistError('E_INPUT', 'unreadable input');
      if (source.kind === 'file' && !localFiles) {
        throw new ArchivistError('E_BLOCKED', 'a local file; this list may name only URLs (--no-local-files, --block-private-addresses)');
      }
      if (render && o.render?.mode === 'always') return render();
      if (source.kind === 'url') {
        return politely(source.url, async () => {
          summary.fetches++;
          return fetchPage(source.url, fetchOptions);
        });
      }
      if (source.kind === 'file') return readFilePage(source.path, source.url, o.fetch?.maxBytes);
      throw new ArchivistError('E_INPUT', 'stdin is not a batch input');
    };
    return { input: b.input, name: b.name, load, fetched: source?.kind === 'url', render };
  };

  // 5. stream the inputs: this shard's share, minus what is done, at most `concurrency` in flight.
  const inputs: AsyncIterable<Work> =
    kind === 'warc'
      ? (async function* () {
          for await (const r of readWarcPages(list, o.fetch?.maxBytes ?? 32 * 1024 * 1024)) {
            yield { input: r.input, fetched: false, load: async () => (r.page ? r.page : Promise.reject(r.error)) };
          }
        })()
      : (async function* () {
          for await (const b of listInputs(o.stdin)) yield toWork(b);
        })();
  if (o.onTotal) {
    // A pipe (`archive <(cat list)`) can be read only once: it is streamed, not counted first.
    const countable = list !== '-' && kind !== 'warc' && (kind !== 'lines' || (await stat(list)).isFile());
    let total = 0;
    if (countable) {
      // Duplicate lines are counted twice rather than remembered: the count is for an ETA, memory is not spent on it.
      for await (const b of listInputs()) {
        if (!inShard(b.input, o.shard)) continue;
        if (resume.archived.has(b.input) || (!o.retryFailed && resume.failed.has(b.input))) continue;
        total++;
      }
    }
    o.onTotal(countable ? total : null);
  }
  const inFlight = new Set<string>();
  try {
    for await (const w of inputs) {
      if (fatal) break;
      if (!inShard(w.input, o.shard)) {
        summary.otherShards++;
        continue;
      }
      const earlierFailure = !o.retryFailed && !resume.archived.has(w.input) && resume.failed.has(w.input);
      if (resume.archived.has(w.input) || earlierFailure || inFlight.has(w.input)) {
        summary.skipped++;
        // Failures of this run are in resume.failed too, and are not "earlier".
        if (earlierFailure && !failedNow.has(w.input)) summary.skippedFailed++;
        continue;
      }
      if (o.signal?.aborted) break;
      await slots.acquire();
      if (o.signal?.aborted || fatal) {
        slots.release();
        break;
      }
      inFlight.add(w.input);
      void processOne(w)
        .catch((err) => {
          // Only the manifest append can get here; without it the input is not recorded, so a rerun redoes it.
          // Nothing later could be recorded either: stop.
          const e = toArchivistError(err, 'E_OUTPUT');
          stop(new ArchivistError('E_OUTPUT', `cannot append to the manifest ${manifestFile}: ${diskFault(err) ?? e.message}`, { cause: err }));
        })
        .finally(() => {
          inFlight.delete(w.input);
          slots.release();
        });
    }
    await slots.drain();
    summary.interrupted = o.signal?.aborted === true;
  } finally {
    await slots.drain();
    await pool.close();
    await browser?.close();
    await warc?.close().catch((err) => stop(toArchivistError(err, 'E_OUTPUT')));
    await manifest.close().catch((err) => stop(toArchivistError(err, 'E_OUTPUT')));
  }
  if (fatal) {
    throw new ArchivistError(
      'E_OUTPUT',
      `stopped: ${(fatal as ArchivistError).message}. ${summary.format().trim()} Pages not in the manifest are done again by the same command once the disk has room.`,
      { cause: fatal },
    );
  }
  return summary;
}

async function writeOutput(file: string, data: string | Uint8Array): Promise<string> {
  await writeAtomic(file, data);
  return file;
}

function relativeTo(dir: string, file: string): string {
  return path.relative(dir, file).split(path.sep).join('/');
}

function nameValues(input: string, a: Article) {
  return { input, title: a.title, published: a.published, url: a.provenance.finalUrl ?? a.url, sha256: a.provenance.sha256 };
}

export type { ErrorCode };
