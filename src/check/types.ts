/** What `archivist check` finds out about each case; every reporter reads only these. */

/** One thing wrong with a case. Plain text only: reporters add colour or escaping. */
export interface Failure {
  /** The file the failure is about, relative to the case folder: 'expected.json', 'case.json', 'input.html'. */
  file: string;
  /** For a JSON field difference: the field's path, e.g. 'title', 'images[0].url', 'provenance.charset'. */
  path?: string;
  /** One line saying what is wrong. */
  message: string;
  /** Expected and actual values of a JSON field (as found, not truncated). */
  expected?: unknown;
  actual?: unknown;
  /** A unified diff (expected → actual) for Markdown and multi-line fields. */
  diff?: string;
}

/** pass: matches; fail: differs or could not be checked; updated: --update rewrote at least one expected file. */
export type CaseStatus = 'pass' | 'fail' | 'updated';

export interface CaseResult {
  /** The case folder relative to the folder given to check, '/'-separated. */
  name: string;
  dir: string;
  status: CaseStatus;
  failures: Failure[];
  /** Files --update (or --init) wrote. */
  written: string[];
  durationMs: number;
}

export interface CheckSummary {
  results: CaseResult[];
  /** The fields left out of every comparison, as people read them. */
  ignored: readonly string[];
  durationMs: number;
  mode: 'compare' | 'update' | 'live';
}

export function countStatuses(results: CaseResult[]): { passed: number; failed: number; updated: number } {
  let passed = 0;
  let failed = 0;
  let updated = 0;
  for (const r of results) {
    if (r.status === 'fail') failed++;
    else {
      passed++;
      if (r.status === 'updated') updated++;
    }
  }
  return { passed, failed, updated };
}
