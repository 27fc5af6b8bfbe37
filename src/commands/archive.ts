import { EXIT, failureLine, type ArchiveCliOptions, type CliIO } from '../cli.js';
import { ArchivistError } from '../errors.js';
import { Progress } from '../progress.js';
import { FORMATS, type Format } from '../render/index.js';
import { mergeManifests } from '../batch/manifest.js';
import { DEFAULT_NAME_TEMPLATE, validateTemplate } from '../batch/naming.js';
import { runArchive } from '../batch/runner.js';
import { parseShard } from '../batch/shard.js';
import { blockPrivateFromEnv } from '../load/block-env.js';
import { writeAtomic } from '../output.js';
import { loadRulesFile } from '../sites/index.js';

/** `archivist archive`: options checked up front, then the runner; failures reported one line each, a summary at the end. */
export async function runArchiveCommand(list: string, opts: ArchiveCliOptions, io: CliIO): Promise<number> {
  const formats = parseFormats(opts.format);
  const nameTemplate = opts.name ?? DEFAULT_NAME_TEMPLATE;
  validateTemplate(nameTemplate);
  const shard = opts.shard ? parseShard(opts.shard) : undefined;
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
  return summary.failed > 0 ? EXIT.FAILED : EXIT.OK;
}

/** `archivist manifest merge`: one manifest from many (one per shard), to a file or stdout. */
export async function runManifestMerge(files: string[], opts: { output?: string }, io: CliIO): Promise<number> {
  const merged = await mergeManifests(files, opts.output ?? null);
  if (opts.output) await writeAtomic(opts.output, merged.text);
  else io.stdout.write(merged.text);
  io.stderr.write(`archivist: merged ${files.length} manifests: ${merged.inputs} inputs, ${merged.archived} archived, ${merged.inputs - merged.archived} failed\n`);
  return EXIT.OK;
}

function parseFormats(value: string | undefined): Format[] {
  const list = (value ?? 'md').split(',').map((s) => s.trim()).filter(Boolean);
  for (const f of list) {
    if (!(FORMATS as readonly string[]).includes(f)) throw new ArchivistError('E_USAGE', `-f: unknown format ${f}; use ${FORMATS.join(', ')}`);
  }
  if (list.length === 0) throw new ArchivistError('E_USAGE', '-f: give at least one format');
  return list as Format[];
}
