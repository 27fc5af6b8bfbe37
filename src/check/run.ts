/**
 * Runs check cases: convert the saved page (or, with --live, the page at its URL) exactly as
 * `archivist convert` does, then compare with, or rewrite, the expected files.
 */
import path from 'node:path';
import { ArchivistError, toArchivistError } from '../errors.js';
import type { FetchOptions } from '../load/fetch.js';
import { readFilePage } from '../load/file.js';
import { writeAtomic } from '../output.js';
import { convert, convertPage } from '../pipeline.js';
import { render } from '../render/index.js';
import type { Article } from '../schema.js';
import { CaseFileError, EXPECTED_JSON, EXPECTED_MD, loadCase, type CaseRef, type LoadedCase } from './case.js';
import { compareJson, compareMarkdown, comparePartial } from './compare.js';
import type { CaseResult, CheckSummary, Failure } from './types.js';
import { LIVE_EXTRA_JSON_PATHS, VOLATILE_JSON_PATHS, ignoredFields } from './volatile.js';

/**
 * The clock every check run uses for archivedAt. Fixed, so that --update writes the same bytes
 * each time and expected files only change when the output does; the field is ignored anyway.
 */
export const CHECK_CLOCK = (): Date => new Date('2000-01-01T00:00:00.000Z');

export interface CheckOptions {
  /** Rewrite expected files that differ or are missing. Default false. */
  update?: boolean;
  /** Fetch each case's URL instead of reading its saved input, and report drift. Default false. */
  live?: boolean;
  /** Fetch options for --live. */
  fetch?: FetchOptions;
  /** The command a missing expected file's hint tells people to run. Default: `archivist check <case folder> --update`. */
  updateHint?: (ref: CaseRef) => string;
}

const defaultHint = (ref: CaseRef) => `archivist check ${ref.dir} --update`;

type Outcome = { article: Article } | { error: ArchivistError };

/** Steps 1–5 of the pipeline for one case; the saved page is read under its name in the folder, so provenance.input stays the same wherever the case lives. */
async function produce(c: LoadedCase, options: CheckOptions): Promise<Outcome> {
  try {
    if (options.live) {
      if (!c.spec.url) throw new ArchivistError('E_CASE', 'case.json has no url; --live needs one');
      return { article: await convert({ kind: 'url', url: new URL(c.spec.url) }, { fetch: options.fetch }) };
    }
    const page = await readFilePage(c.inputPath, c.spec.url ? new URL(c.spec.url) : undefined);
    return { article: convertPage({ ...page, input: c.inputFile }, CHECK_CLOCK) };
  } catch (err) {
    return { error: toArchivistError(err) };
  }
}

/** Checks (or updates) one case. Never throws: whatever goes wrong is a failure of this case only. */
export async function runCase(ref: CaseRef, options: CheckOptions = {}): Promise<CaseResult> {
  const started = performance.now();
  const result = (failures: Failure[], written: string[] = []): CaseResult => ({
    name: ref.name,
    dir: ref.dir,
    status: failures.length > 0 ? 'fail' : written.length > 0 ? 'updated' : 'pass',
    failures,
    written,
    durationMs: performance.now() - started,
  });

  let c: LoadedCase;
  try {
    c = await loadCase(ref);
  } catch (err) {
    if (err instanceof CaseFileError) return result([{ file: err.file, message: err.message }]);
    return result([{ file: '', message: toArchivistError(err, 'E_CASE').message }]);
  }

  const outcome = await produce(c, options);

  // A case that expects an error passes on exactly that code, and has nothing to update.
  if (c.spec.expectError) {
    if ('error' in outcome) {
      if (outcome.error.code === c.spec.expectError) return result([]);
      return result([
        {
          file: 'case.json',
          path: 'expectError',
          message: `expected error ${c.spec.expectError}, got ${outcome.error.code}: ${outcome.error.message}`,
          expected: c.spec.expectError,
          actual: outcome.error.code,
        },
      ]);
    }
    return result([
      {
        file: 'case.json',
        path: 'expectError',
        message: `expected error ${c.spec.expectError}, but the page converted`,
        expected: c.spec.expectError,
        actual: null,
      },
    ]);
  }
  if ('error' in outcome) {
    return result([
      { file: options.live ? (c.spec.url ?? c.inputFile) : c.inputFile, message: `conversion failed: ${outcome.error.message} [${outcome.error.code}]` },
    ]);
  }

  const { article } = outcome;
  const ignore = options.live ? LIVE_EXTRA_JSON_PATHS : VOLATILE_JSON_PATHS;
  const actual = { md: render(article, 'md'), json: render(article, 'json') };
  const expected = { md: c.expectedMd, json: c.expectedJson };
  const fileOf = { md: EXPECTED_MD, json: EXPECTED_JSON };
  const failures: Failure[] = [];
  const written: string[] = [];

  for (const format of c.formats) {
    const want = expected[format];
    const diffs = want === null ? null : format === 'md' ? compareMarkdown(want, actual.md) : compareJson(want, actual.json, ignore, c.formats.includes('md'));
    if (diffs !== null && diffs.length === 0) continue;
    if (options.update) {
      await writeAtomic(path.join(c.dir, fileOf[format]), actual[format]);
      written.push(fileOf[format]);
    } else if (diffs === null) {
      failures.push({
        file: fileOf[format],
        message: `missing: run \`${(options.updateHint ?? defaultHint)(ref)}\` to create it from the current output, then review it`,
      });
    } else {
      failures.push(...diffs);
    }
  }
  // Partial expectations are written by people; --update never touches them.
  if (c.partial) failures.push(...comparePartial(c.partial, article));
  return result(failures, written);
}

/** Runs every case in order (one at a time: jsdom work is CPU-bound and the cases are small). */
export async function runCases(refs: CaseRef[], options: CheckOptions = {}): Promise<CheckSummary> {
  const started = performance.now();
  const results: CaseResult[] = [];
  for (const ref of refs) results.push(await runCase(ref, options));
  return {
    results,
    ignored: ignoredFields(Boolean(options.live)),
    durationMs: performance.now() - started,
    mode: options.live ? 'live' : options.update ? 'update' : 'compare',
  };
}
