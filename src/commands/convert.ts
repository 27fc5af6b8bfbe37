import { ArchivistError, toArchivistError } from '../errors.js';
import { expandInputs } from '../load/file.js';
import { blockPrivateFromEnv } from '../load/block-env.js';
import { NameAllocator, outputStem, refuseExisting, writeAtomic } from '../output.js';
import { convert } from '../pipeline.js';
import { EXTENSIONS, render } from '../render/index.js';
import { EXIT, failureLine, type CliIO, type ConvertCliOptions } from '../cli.js';
import { Progress } from '../progress.js';
import { BUILTIN_RULES, loadRulesFile } from '../sites/index.js';

/** `archivist convert`: every input converted or reported; one bad page never stops the rest. */
export async function runConvert(inputs: string[], opts: ConvertCliOptions, io: CliIO): Promise<number> {
  if (opts.output && opts.outDir) throw new ArchivistError('E_USAGE', 'use either --output or --out-dir, not both');
  if (inputs.filter((i) => i === '-').length > 1) throw new ArchivistError('E_USAGE', 'stdin (-) can be given only once');
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
  return failed > 0 ? EXIT.FAILED : EXIT.OK;
}
