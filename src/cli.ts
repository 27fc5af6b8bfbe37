import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { ArchivistError, type ErrorCode } from './errors.js';
import type { CheckCliOptions } from './commands/check.js';
import type { Source } from './types.js';
import { VERSION } from './version.js';

/** What the CLI reads and writes; tests pass their own. */
export interface CliIO {
  stdin: NodeJS.ReadableStream;
  stdout: { write(s: string): unknown; isTTY?: boolean };
  stderr: { write(s: string): unknown; isTTY?: boolean };
  /** The clock for archivedAt. Default: the real one. */
  now?: () => Date;
}

/** Exit codes. Scripts depend on them: never renumber. */
export const EXIT = {
  OK: 0,
  /** At least one input failed; every other input was still converted. */
  FAILED: 1,
  /** The command line itself is wrong; nothing was done. */
  USAGE: 2,
} as const;

const HELP_AFTER = `
Exit codes:
  0  every input converted
  1  one or more inputs failed (each reported on stderr as: archivist: <input>: <message> [E_CODE]); the rest were converted
  2  usage error: bad option or argument, nothing done

Error codes: E_INPUT, E_HTTP_STATUS, E_NOT_HTML, E_TOO_LARGE, E_TIMEOUT, E_NETWORK, E_REDIRECT,
  E_BLOCKED, E_NO_CONTENT, E_PARSE, E_OUTPUT, E_RULES, E_CASE (see README).`;

const CHECK_HELP_AFTER = `
Exit codes:
  0  every case matches (or was updated)
  1  one or more cases differ, drifted (--live) or are malformed; each is named with its differences
  2  usage error: bad option, no case folders, or --init onto an existing folder

Ignored in every comparison: provenance.fetchedAt, provenance.archivedAt, provenance.tool, front matter archived_at
(with --live: all of provenance). A missing expected file fails; --update creates it.`;

function parseUrl(value: string): URL {
  try {
    const u = new URL(value);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error();
    return u;
  } catch {
    throw new InvalidArgumentError('expected an http(s) URL');
  }
}

function parsePositiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('expected a positive whole number');
  return n;
}

/** A whole number that may be 0 (retries, delays). */
function parseCount(value: string): number {
  return value === '0' ? 0 : parsePositiveInt(value);
}

/** Runs the CLI. Returns the exit code; never calls process.exit, so it can be tested in-process. */
export async function main(argv: string[], io: CliIO = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  let exitCode: number = EXIT.OK;
  const program = new Command()
    .name('archivist')
    .description('Archive articles: strip site chrome, keep metadata, attribution and disclaimer, write clean Markdown or JSON.')
    .version(VERSION, '-V, --version')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .addHelpText('after', HELP_AFTER);

  program
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
    .addHelpText('after', HELP_AFTER)
    .action(async (inputs: string[], opts: ConvertCliOptions) => {
      const { runConvert } = await import('./commands/convert.js');
      exitCode = await runConvert(inputs, opts, io);
    });

  program
    .command('check')
    .description('convert each case folder’s saved page and compare with its expected.md / expected.json (for CI)')
    .argument('<dir>', 'a case folder, or a folder of them (each: input.html or input.html.gz, case.json, expected files)')
    .option('--update', 'rewrite expected files that differ or are missing, from the current output')
    .addOption(new Option('--reporter <name>', 'report format').choices(['text', 'json', 'junit']).default('text'))
    .option('--live', 'fetch each case’s URL instead of its saved page and report drift from the expectations')
    .option('--init <page>', 'create a new case folder under <dir> from a saved page (with --url), then write its expectations')
    .option('--url <url>', 'with --init: the page’s original address', parseUrl)
    .option('--name <name>', 'with --init: the case folder name (default: <host>--<path> of --url)')
    .option('--timeout <ms>', 'with --live: time limit for fetching one URL, in ms (default 60000)', parsePositiveInt)
    .option('--retries <n>', 'with --live: retries for transient HTTP failures (default 3)', parseCount)
    .addHelpText('after', CHECK_HELP_AFTER)
    .action(async (dir: string, opts: CheckCliOptions) => {
      const { runCheck } = await import('./commands/check.js');
      exitCode = await runCheck(dir, opts, io);
    });

  program
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
    .addHelpText('after', HELP_AFTER)
    .action(async (list: string, opts: ArchiveCliOptions) => {
      const { runArchiveCommand } = await import('./commands/archive.js');
      exitCode = await runArchiveCommand(list, opts, io);
    });

  program
    .command('manifest')
    .description('work with archive manifests')
    .command('merge')
    .description('join manifests (e.g. one per shard) into one: per input, the latest archived line wins, else the latest failure')
    .argument('<manifests...>', 'manifest.jsonl files')
    .option('-o, --output <file>', 'write the merged manifest here (output paths are made relative to it); default stdout')
    .action(async (files: string[], opts: { output?: string }) => {
      const { runManifestMerge } = await import('./commands/archive.js');
      exitCode = await runManifestMerge(files, opts, io);
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version end here too, with exit code 0.
      return err.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
    }
    // What stops a command before any input: a bad argument, a bad rules file, an output folder, manifest or WARC that cannot be opened.
    if (err instanceof ArchivistError && (err.code === 'E_USAGE' || err.code === 'E_RULES' || err.code === 'E_OUTPUT')) {
      io.stderr.write(`archivist: ${err.message}${err.code === 'E_USAGE' ? '' : ` [${err.code}]`}\n`);
      return EXIT.USAGE;
    }
    io.stderr.write(`archivist: internal error: ${(err as Error)?.stack ?? err}\n`);
    return EXIT.FAILED;
  }
  return exitCode;
}

export interface ConvertCliOptions {
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

export interface ArchiveCliOptions {
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

/** The one-line report of a failed input. */
export function failureLine(input: string, code: ErrorCode, message: string): string {
  return `archivist: ${input}: ${message.replace(/\s+/g, ' ')} [${code}]\n`;
}

export type { Source };
