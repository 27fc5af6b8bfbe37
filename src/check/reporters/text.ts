/** The report people read: one line per case, the differences of each failing case, a closing count. */
import { countStatuses, type CaseResult, type CheckSummary, type Failure } from '../types.js';

/** ANSI colours, used only when the output is a terminal. */
const COLOUR = { red: '\x1b[31m', green: '\x1b[32m', cyan: '\x1b[36m', dim: '\x1b[2m', bold: '\x1b[1m', reset: '\x1b[0m' } as const;
type Paint = (colour: keyof typeof COLOUR, s: string) => string;

function painter(colour: boolean): Paint {
  return colour ? (c, s) => `${COLOUR[c]}${s}${COLOUR.reset}` : (_c, s) => s;
}

function paintDiff(diff: string, paint: Paint): string {
  return diff
    .split('\n')
    .map((l) =>
      l.startsWith('+++') || l.startsWith('---')
        ? paint('bold', l)
        : l.startsWith('+')
          ? paint('green', l)
          : l.startsWith('-')
            ? paint('red', l)
            : l.startsWith('@@')
              ? paint('cyan', l)
              : l,
    )
    .join('\n');
}

const indent = (s: string, by: string) =>
  s
    .split('\n')
    .map((l) => by + l)
    .join('\n');

function failureText(f: Failure, paint: Paint): string {
  const head = `    ${f.file ? `${f.file}: ` : ''}${f.message}`;
  return f.diff ? `${head}\n${indent(paintDiff(f.diff, paint), '      ')}` : head;
}

/** One case, as the text report shows it (also what the golden test prints for a failing fixture). */
export function caseText(r: CaseResult, options: { colour?: boolean; live?: boolean } = {}): string {
  const paint = painter(Boolean(options.colour));
  const label =
    r.status === 'fail' ? paint('red', options.live ? 'DRIFT' : 'FAIL ') : r.status === 'updated' ? paint('cyan', 'UPD  ') : paint('green', 'ok   ');
  const written = r.written.length > 0 ? paint('dim', ` (wrote ${r.written.join(', ')})`) : '';
  const lines = [`${label} ${r.name}${written}`];
  for (const f of r.failures) lines.push(failureText(f, paint));
  return lines.join('\n');
}

export function textReport(s: CheckSummary, options: { colour?: boolean } = {}): string {
  const paint = painter(Boolean(options.colour));
  const live = s.mode === 'live';
  const out = s.results.map((r) => caseText(r, { colour: options.colour, live }));
  const { passed, failed, updated } = countStatuses(s.results);
  const seconds = (s.durationMs / 1000).toFixed(2);
  out.push('');
  out.push(
    paint(
      'dim',
      `${s.results.length} case${s.results.length === 1 ? '' : 's'} in ${seconds} s${updated > 0 ? `, ${updated} updated` : ''}; ignored fields: ${s.ignored.join(', ')}`,
    ),
  );
  if (failed > 0 && s.mode === 'compare') out.push(paint('dim', 'if the new output is right: archivist check <folder> --update, then review the diff'));
  out.push(`check: ${passed} passed, ${failed} failed`);
  return `${out.join('\n')}\n`;
}
