import { discoverCases } from '../check/case.js';
import { initCase } from '../check/init.js';
import { report, type ReporterName } from '../check/reporters/index.js';
import { runCases } from '../check/run.js';
import { countStatuses } from '../check/types.js';
import { EXIT, type CliIO } from '../cli.js';
import { ArchivistError } from '../errors.js';

export interface CheckCliOptions {
  update?: boolean;
  live?: boolean;
  reporter: ReporterName;
  init?: string;
  url?: URL;
  name?: string;
  timeout?: number;
  retries?: number;
}

/** `archivist check`: every case under the folder compared (or updated, or refetched); exit 1 when any differs. */
export async function runCheck(dir: string, opts: CheckCliOptions, io: CliIO): Promise<number> {
  if (opts.update && opts.live) throw new ArchivistError('E_USAGE', '--update and --live together would overwrite expectations with today’s page; run --live to see the drift, then --update from a new saved page');
  if (opts.init && (opts.update || opts.live)) throw new ArchivistError('E_USAGE', '--init writes the new case’s expected files itself; leave out --update and --live');
  if (opts.init && !opts.url) throw new ArchivistError('E_USAGE', '--init needs --url, the page’s original address');
  if (!opts.init && (opts.url || opts.name)) throw new ArchivistError('E_USAGE', '--url and --name go with --init');

  const refs = opts.init ? [await initCase(dir, opts.init, opts.url!, opts.name)] : await discoverCases(dir);
  if (refs.length === 0) throw new ArchivistError('E_USAGE', `${dir}: no case folders (a case holds case.json and input.html)`);

  const summary = await runCases(refs, {
    update: opts.update || Boolean(opts.init),
    live: opts.live,
    fetch: { totalTimeoutMs: opts.timeout, retries: opts.retries },
  });
  const colour = Boolean(io.stdout.isTTY) && !process.env.NO_COLOR;
  io.stdout.write(report(summary, opts.reporter, { colour }));
  return countStatuses(summary.results).failed > 0 ? EXIT.FAILED : EXIT.OK;
}
