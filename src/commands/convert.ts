/** `archivist convert`: every input converted or reported, in input order; one bad page never stops the rest. */
import { Option, type Command } from 'commander';
import { z } from 'zod';
import { ArchivistError, toArchivistError } from '../errors.js';
import { expandInputs } from '../load/file.js';
import { NameAllocator, outputStem, refuseExisting, writeAtomic } from '../output.js';
import { Progress } from '../progress.js';
import { EXTENSIONS, render, type Format } from '../render/index.js';
import { ArticleSchema, type Article } from '../schema.js';
import { addRenderOptions, renderModeOf, type RenderCliOptions } from '../browser/options.js';
import { addNetworkOptions, examples, fetchOptionsOf, parsePositiveInt, parseUrl, type NetworkOptions } from './args.js';
import { failureLine, type CliIO, type CommandContext, type Outcome } from './io.js';

/** What -f takes: the renderer's formats, 'markdown' for md (trafilatura's word), and jsonl (one article per line). */
export const CONVERT_FORMATS = ['md', 'markdown', 'json', 'jsonl', 'text'] as const;

export interface ConvertOptions extends NetworkOptions, RenderCliOptions {
  format: (typeof CONVERT_FORMATS)[number];
  /** Print this one field of each article instead of a whole output. */
  property?: string;
  output?: string;
  outDir?: string;
  url?: URL;
  /** A JSON file of extra site rules. */
  rules?: string;
  force?: boolean;
  /** Per-page convert limit in ms of CPU time, as for archive; the page is then converted in a worker thread. */
  pageTimeout?: number;
}

/** The Article's fields, for -p and its error message. */
const FIELDS = Object.keys(ArticleSchema.shape);

export function registerConvert(program: Command, { io, run }: CommandContext): Command {
  const cmd = program
    .command('convert')
    .description('convert pages (URLs, files, folders, or - for stdin) to Markdown, JSON or text')
    .argument('<inputs...>', 'http(s) URLs, files (.html, .htm, .xhtml, .html.gz), folders (recursive), or - for stdin')
    .addOption(
      new Option('-f, --format <format>', 'output format; json with several inputs writes one article per line, as jsonl does')
        .choices(CONVERT_FORMATS)
        .default('md'),
    )
    .option('-p, --property <name>', 'print only this field of each article (title, published, provenance.finalUrl, …)')
    .option('-o, --output <file>', 'write the output to this file instead of stdout')
    .option('--out-dir <dir>', 'write one file per input into this folder')
    .option('--url <url>', 'original address of a file or stdin input (for links, site name, provenance)', parseUrl)
    .option('--rules <file>', 'extra site rules (JSON array of {name, hosts, title, …}); they win over the built-in ones')
    .option('--force', 'overwrite output files that already exist (default: fail that input with E_OUTPUT)')
    .option(
      '--page-timeout <ms>',
      'time limit for converting one page, as for archive: each page is converted in a worker thread, stopped past the limit (E_TIMEOUT); default: no limit, in-process',
      parsePositiveInt,
    );
  return addRenderOptions(addNetworkOptions(cmd), { batch: false })
    .addHelpText(
      'after',
      examples([
        ['archivist convert https://example.com/news/a.html', 'one page to Markdown on stdout'],
        ['archivist convert page.html --url https://example.com/a.html -f json', 'a saved page, with its address'],
        ['archivist convert saved/ -f jsonl > articles.jsonl', 'every page of a folder, one JSON per line'],
        ['title=$(archivist convert https://example.com/a.html -p title)', 'one field into a shell variable'],
        ['archivist convert saved/ --out-dir out/ -f md', 'a folder, one Markdown file per page'],
      ]),
    )
    .action((inputs: string[], opts: ConvertOptions) => run(runConvert(inputs, opts, io)));
}

/** How the outputs are laid out: a file per input, one document (stdout or -o), or one line per input. */
type Layout = 'files' | 'single' | 'lines';

export async function runConvert(inputs: string[], opts: ConvertOptions, io: CliIO): Promise<Outcome> {
  if (opts.output && opts.outDir) throw new ArchivistError('E_USAGE', 'use either --output or --out-dir, not both');
  if (inputs.filter((i) => i === '-').length > 1) throw new ArchivistError('E_USAGE', 'stdin (-) can be given only once');
  if (opts.property !== undefined && !isField(opts.property)) {
    throw new ArchivistError('E_USAGE', `-p: no field ${opts.property}; fields: ${FIELDS.join(', ')}`);
  }
  if (opts.outDir && (opts.property !== undefined || opts.format === 'jsonl')) {
    throw new ArchivistError('E_USAGE', `${opts.property !== undefined ? '-p' : '-f jsonl'} writes to stdout or --output; with --out-dir use -f json`);
  }
  // The pipeline and the site rules (jsdom and the rest) load here, not at start-up: help and completion need none of it.
  const [{ convertPage, load }, { BUILTIN_RULES, loadRulesFile }] = await Promise.all([import('../pipeline.js'), import('../sites/index.js')]);
  // A bad rules file stops everything before any input is read: every page would be converted wrongly.
  const userRules = opts.rules ? await loadRulesFile(opts.rules) : [];
  const rules = [...userRules, ...BUILTIN_RULES];
  const sources = await expandInputs(inputs, opts.url);
  const format: Format = opts.format === 'markdown' ? 'md' : opts.format === 'jsonl' ? 'json' : opts.format;
  const layout: Layout = opts.outDir
    ? 'files'
    : opts.property !== undefined || opts.format === 'jsonl' || (opts.format === 'json' && sources.length > 1)
      ? 'lines'
      : 'single';
  if (layout === 'single' && sources.length > 1) {
    throw new ArchivistError('E_USAGE', `${sources.length} inputs need --out-dir, or -f jsonl for one JSON line each on stdout`);
  }
  const target = layout === 'files' ? null : opts.output;
  // Lines for several inputs go to one file: an existing one stops the run before any input. One input's output
  // refuses it as that input's failure, below.
  if (target && layout === 'lines' && !opts.force) await refuseExisting(target);
  const names = opts.outDir ? new NameAllocator(opts.outDir) : null;
  const progress = new Progress(io.stderr, sources.length);
  const fetch = fetchOptionsOf(opts, io.env);
  // --render: the browser modules load only now, and the browser starts before the first input (none found: E_RENDER, exit 2).
  const mode = renderModeOf(opts.render);
  const browser = mode
    ? new (await import('../browser/service.js')).RenderService({
        timeoutMs: opts.renderTimeout,
        blockPrivateAddresses: fetch.blockPrivateAddresses,
        userAgent: opts.userAgent,
      })
    : null;
  if (mode === 'always' && sources.some((s) => s.kind === 'url')) await browser!.ready();
  const collected: string[] = [];
  // With a page limit, pages are converted where they can be stopped: a worker thread (synchronous code ignores timers).
  const pool = opts.pageTimeout ? new (await import('../batch/pool.js')).ConvertPool({ size: 1, pageTimeoutMs: opts.pageTimeout, rules: userRules }) : null;
  const now = io.now ?? (() => new Date());
  let failed = 0;
  try {
    for (const source of sources) {
      const input = source.kind === 'error' ? source.input : source.kind === 'url' ? source.url.href : source.kind === 'file' ? source.path : '-';
      try {
        if (source.kind === 'error') throw source.error;
        const file = names ? names.allocate(outputStem(source), EXTENSIONS[format]) : null;
        const existing = file ?? (layout === 'single' ? target : null);
        if (existing && !opts.force) await refuseExisting(existing);
        const options = { stdin: io.stdin, now, rules, fetch };
        let article: Article;
        if (browser && source.kind === 'url') article = await (await import('../browser/convert.js')).convertUrl(source.url, mode!, browser, options);
        else {
          const page = await load(source, options);
          article = pool ? (await pool.convert(page, now())).article : convertPage(page, now, rules);
        }
        const out = layout === 'lines' ? lineOf(article, opts.property) : render(article, format);
        if (file) await writeAtomic(file, out, { overwrite: opts.force === true });
        else if (target) collected.push(out);
        else io.stdout.write(out);
        progress.tick(true);
      } catch (err) {
        failed++;
        const e = toArchivistError(err);
        progress.interrupt(failureLine(input, e.code, e.message));
        progress.tick(false);
      }
    }
  } finally {
    await pool?.close();
  }
  progress.done();
  await browser?.close();
  if (target && collected.length > 0) await writeAtomic(target, collected.join(''), { overwrite: opts.force === true });
  return failed > 0 ? 'failed' : 'ok';
}

/** Whether a dotted path names a field of the schema (provenance.finalUrl, site.name). */
function isField(path: string): boolean {
  let schema: unknown = ArticleSchema;
  for (const key of path.split('.')) {
    while (schema instanceof z.ZodNullable) schema = schema.unwrap();
    if (!(schema instanceof z.ZodObject)) return false;
    schema = (schema.shape as Record<string, unknown>)[key];
    if (schema === undefined) return false;
  }
  return true;
}

/** One input's line: the whole article as compact JSON, or the one field asked for (text as is, the rest as JSON). */
function lineOf(article: Article, property: string | undefined): string {
  if (property === undefined) return `${JSON.stringify(ArticleSchema.parse(article))}\n`;
  let value: unknown = article;
  for (const key of property.split('.')) value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  if (value === undefined) throw new ArchivistError('E_USAGE', `-p: no field ${property}`);
  return `${value === null ? '' : typeof value === 'string' || typeof value === 'number' ? value : JSON.stringify(value)}\n`;
}
