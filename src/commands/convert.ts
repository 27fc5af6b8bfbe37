/** `archivist convert`: every input converted or reported; one bad page never stops the rest. */
import { Option, type Command } from 'commander';
import { ArchivistError, toArchivistError } from '../errors.js';
import { blockPrivateFromEnv } from '../load/block-env.js';
import { expandInputs } from '../load/file.js';
import { NameAllocator, outputStem, refuseExisting, writeAtomic } from '../output.js';
import { Progress } from '../progress.js';
import { EXTENSIONS, render } from '../render/index.js';
import { parseCount, parsePositiveInt, parseUrl } from './args.js';
import { failureLine, type CliIO, type CommandContext, type Outcome } from './io.js';

export interface ConvertOptions {
  format: 'md' | 'json' | 'text';
  output?: string;
  outDir?: string;
  url?: URL;
  timeout?: number;
  retries?: number;
  /** A JSON file of extra site rules. */
  rules?: string;
  force?: boolean;
  blockPrivateAddresses?: boolean;
}

/** Declares the command, its arguments and options; `run` gets what the user typed. */
export function registerConvert(program: Command, { io, run }: CommandContext): Command {
  return program
    .command('convert')
    .description('convert pages (URLs, files, folders, or - for stdin) to Markdown, JSON or text')
    .argument('<inputs...>', 'http(s) URLs, files (.html, .htm, .xhtml, .html.gz), folders (recursive), or - for stdin')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['md', 'json', 'text']).default('md'))
    .option('-o, --output <file>', 'write the one input’s output to this file')
    .option('--out-dir <dir>', 'write one file per input into this folder')
    .option('--url <url>', 'original address of a file or stdin input (for links, site name, provenance)', parseUrl)
    .option('--timeout <ms>', 'time limit for fetching one URL, in ms (default 60000)', parsePositiveInt)
    .option('--rules <file>', 'extra site rules (JSON array of {name, hosts, title, authors, …}); they win over the built-in ones')
    .option('--retries <n>', 'retries for transient HTTP failures (default 3)', parseCount)
    .option('--force', 'overwrite output files that already exist (default: fail that input with E_OUTPUT)')
    .option('--block-private-addresses', 'refuse URLs that resolve to loopback, private, link-local or metadata addresses (also ARCHIVIST_BLOCK_PRIVATE_ADDRESSES=1)')
    .action((inputs: string[], opts: ConvertOptions) => run(runConvert(inputs, opts, io)));
}

export async function runConvert(inputs: string[], opts: ConvertOptions, io: CliIO): Promise<Outcome> {
  if (opts.output && opts.outDir) throw new ArchivistError('E_USAGE', 'use either --output or --out-dir, not both');
  if (inputs.filter((i) => i === '-').length > 1) throw new ArchivistError('E_USAGE', 'stdin (-) can be given only once');
  // The pipeline and the site rules (jsdom and the rest) load here, not at start-up: help and completion need none of it.
  const [{ convert }, { BUILTIN_RULES, loadRulesFile }] = await Promise.all([import('../pipeline.js'), import('../sites/index.js')]);
  // A bad rules file stops everything before any input is read: every page would be converted wrongly.
  const rules = opts.rules ? [...(await loadRulesFile(opts.rules)), ...BUILTIN_RULES] : BUILTIN_RULES;
  const sources = await expandInputs(inputs, opts.url);
  if (sources.length > 1 && !opts.outDir) {
    throw new ArchivistError('E_USAGE', `${sources.length} inputs need --out-dir (stdout and --output take one)`);
  }
  const names = opts.outDir ? new NameAllocator(opts.outDir) : null;
  const progress = new Progress(io.stderr, sources.length);
  let failed = 0;
  for (const source of sources) {
    const input = source.kind === 'error' ? source.input : source.kind === 'url' ? source.url.href : source.kind === 'file' ? source.path : '-';
    try {
      if (source.kind === 'error') throw source.error;
      const target = names ? names.allocate(outputStem(source), EXTENSIONS[opts.format]) : opts.output;
      if (target && !opts.force) await refuseExisting(target);
      const article = await convert(source, {
        stdin: io.stdin,
        now: io.now,
        rules,
        fetch: { totalTimeoutMs: opts.timeout, retries: opts.retries, blockPrivateAddresses: opts.blockPrivateAddresses || blockPrivateFromEnv() },
      });
      const out = render(article, opts.format);
      if (target) await writeAtomic(target, out, { overwrite: opts.force === true });
      else io.stdout.write(out);
      progress.tick(true);
    } catch (err) {
      failed++;
      const e = toArchivistError(err);
      progress.interrupt(failureLine(input, e.code, e.message));
      progress.tick(false);
    }
  }
  progress.done();
  return failed > 0 ? 'failed' : 'ok';
}
