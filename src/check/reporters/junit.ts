/**
 * The report CI systems read: JUnit XML (testsuites > testsuite > testcase > failure), the
 * dialect Jenkins, GitLab and GitHub test-report actions all accept.
 */
import { countStatuses, type CheckSummary, type Failure } from '../types.js';

/** Characters XML 1.0 cannot hold at all, even escaped (control characters, lone surrogates, U+FFFE/FFFF). */
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Text made safe for XML: markup characters escaped, impossible characters replaced by U+FFFD. */
export function xmlText(s: string): string {
  return s.replace(NOT_XML_CHAR, '\uFFFD').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** An attribute value made safe for XML (quotes too). */
export function xmlEscape(s: string): string {
  return (
    s
      .replace(NOT_XML_CHAR, '\uFFFD')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
      // An attribute value's newlines would be normalised to spaces by the parser; keep them.
      .replace(/\n/g, '&#10;')
      .replace(/\r/g, '&#13;')
      .replace(/\t/g, '&#9;')
  );
}

const seconds = (ms: number) => (ms / 1000).toFixed(3);

function failureBody(failures: Failure[]): string {
  return failures.map((f) => `${f.file ? `${f.file}: ` : ''}${f.message}${f.diff ? `\n${f.diff}` : ''}`).join('\n\n');
}

export function junitReport(s: CheckSummary, suiteName = 'archivist check'): string {
  const { failed } = countStatuses(s.results);
  const total = s.results.length;
  const attrs = `name="${xmlEscape(suiteName)}" tests="${total}" failures="${failed}" errors="0" time="${seconds(s.durationMs)}"`;
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites ${attrs}>`, `  <testsuite ${attrs} skipped="0">`];
  for (const r of s.results) {
    const open = `    <testcase classname="${xmlEscape(suiteName)}" name="${xmlEscape(r.name)}" time="${seconds(r.durationMs)}"`;
    if (r.status !== 'fail') {
      lines.push(`${open}/>`);
      continue;
    }
    const first = r.failures[0];
    const message = `${r.failures.length} problem${r.failures.length === 1 ? '' : 's'}${first ? `; first: ${first.file ? `${first.file}: ` : ''}${first.message}` : ''}`;
    lines.push(`${open}>`);
    lines.push(
      `      <failure message="${xmlEscape(message)}" type="${s.mode === 'live' ? 'drift' : 'mismatch'}">${xmlText(failureBody(r.failures))}</failure>`,
    );
    lines.push('    </testcase>');
  }
  lines.push('  </testsuite>', '</testsuites>');
  return `${lines.join('\n')}\n`;
}
