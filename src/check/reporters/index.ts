import type { CheckSummary } from '../types.js';
import { jsonReport } from './json.js';
import { junitReport } from './junit.js';
import { textReport } from './text.js';

export const REPORTERS = ['text', 'json', 'junit'] as const;
export type ReporterName = (typeof REPORTERS)[number];

/** The whole report in one format. Colour applies to the text reporter only, and only on a terminal. */
export function report(summary: CheckSummary, reporter: ReporterName, options: { colour?: boolean } = {}): string {
  switch (reporter) {
    case 'text':
      return textReport(summary, options);
    case 'json':
      return jsonReport(summary);
    case 'junit':
      return junitReport(summary);
  }
}
