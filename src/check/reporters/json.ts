/** The report scripts read: the summary and every case with its failures, as JSON. */
import { countStatuses, type CheckSummary } from '../types.js';

export function jsonReport(s: CheckSummary): string {
  const counts = countStatuses(s.results);
  const report = {
    mode: s.mode,
    cases: s.results.length,
    ...counts,
    durationMs: Math.round(s.durationMs),
    ignored: s.ignored,
    results: s.results.map((r) => ({
      name: r.name,
      dir: r.dir,
      status: r.status,
      durationMs: Math.round(r.durationMs),
      written: r.written,
      failures: r.failures,
    })),
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
