/** `archivist check`: every case under the folder compared (or updated, or refetched). */
import { Option, type Command } from 'commander';
import { ArchivistError } from '../errors.js';
import { examples, parseCount, parsePositiveInt, parseUrl } from './args.js';
import type { CliIO, CommandContext, Outcome } from './io.js';

export interface CheckOptions {
  update?: boolean;
  live?: boolean;
  reporter: 'text' | 'json' | 'junit';
  init?: string;
  url?: URL;
  name?: string;
  timeout?: number;
  retries?: number;
}

const CHECK_HELP_AFTER = `
Exit codes:
  0  every case matches (or was updated)
  1  one or more cases differ, drifted (--live) or are malformed; each is named
     with its differences
  2  usage error: bad option, no case folders, or --init onto an existing folder

Ignored in every comparison: provenance.fetchedAt, provenance.archivedAt,
provenance.tool, front matter archived_at (with --live: all of provenance).
A missing expected file fails; --update creates it.`;

export function registerCheck(program: Command, { io, run }: CommandContext): Command {
  return program
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
    .addHelpText(
      'after',
      examples([
        ['archivist check fixtures/', 'every case under a folder, for CI'],
        ['archivist check fixtures/ --reporter junit > check.xml', 'a JUnit report'],
        ['archivist check cases/ --init page.html --url https://example.com/a.html', 'a new case from a saved page'],
        ['archivist check cases/ --live', "today's pages against the expectations"],
      ]) + CHECK_HELP_AFTER,
    )
    .action((dir: string, opts: CheckOptions) => run(runCheck(dir, opts, io)));
}

export async function runCheck(dir: string, opts: CheckOptions, io: CliIO): Promise<Outcome> {
  if (opts.update && opts.live)
    throw new ArchivistError(
      'E_USAGE',
      '--update and --live together would overwrite expectations with today’s page; run --live to see the drift, then --update from a new saved page',
    );
  if (opts.init && (opts.update || opts.live))
    throw new ArchivistError('E_USAGE', '--init writes the new case’s expected files itself; leave out --update and --live');
  if (opts.init && !opts.url) throw new ArchivistError('E_USAGE', '--init needs --url, the page’s original address');
  if (!opts.init && (opts.url || opts.name)) throw new ArchivistError('E_USAGE', '--url and --name go with --init');

  // The case runner converts pages (jsdom and the rest): loaded on use, not at start-up.
  const [{ discoverCases }, { initCase }, { report }, { runCases }, { countStatuses }] = await Promise.all([
    import('../check/case.js'),
    import('../check/init.js'),
    import('../check/reporters/index.js'),
    import('../check/run.js'),
    import('../check/types.js'),
  ]);
  const refs = opts.init ? [await initCase(dir, opts.init, opts.url!, opts.name)] : await discoverCases(dir);
  if (refs.length === 0) throw new ArchivistError('E_USAGE', `${dir}: no case folders (a case holds case.json and input.html)`);

  const summary = await runCases(refs, {
    update: opts.update || Boolean(opts.init),
    live: opts.live,
    fetch: { totalTimeoutMs: opts.timeout, retries: opts.retries },
  });
  const colour = Boolean(io.stdout.isTTY) && !(io.env ?? process.env).NO_COLOR;
  io.stdout.write(report(summary, opts.reporter, { colour }));
  return countStatuses(summary.results).failed > 0 ? 'failed' : 'ok';
}
