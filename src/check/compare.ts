/** Expected output against actual output: JSON field by field, Markdown as a unified diff. */
import { createTwoFilesPatch } from 'diff';
import type { Article } from '../schema.js';
import { EXPECTED_JSON, EXPECTED_MD, PARTIAL_FILE, type PartialExpectation } from './case.js';
import type { Failure } from './types.js';
import { maskFrontMatter, withoutPaths } from './volatile.js';

/** Lines of unchanged text around each change: git's default, enough to find the place. */
const DIFF_CONTEXT_LINES = 3;
/** Longest diff shown per file; a broken extractor can change every line, and the first screen says enough. */
const MAX_DIFF_LINES = 80;
/** Field differences listed per file before the rest are counted: a schema change touches every field at once. */
const MAX_FIELD_DIFFERENCES = 25;

/** A unified diff from expected to actual without the '===' banner, cut to MAX_DIFF_LINES. */
export function unifiedDiff(expected: string, actual: string, expectedName: string, actualName: string): string {
  const patch = createTwoFilesPatch(expectedName, actualName, expected, actual, undefined, undefined, { context: DIFF_CONTEXT_LINES });
  const lines = patch.split('\n').filter((l) => !/^={10,}$/.test(l) && l !== '\\ No newline at end of file');
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  if (lines.length <= MAX_DIFF_LINES) return lines.join('\n');
  return [...lines.slice(0, MAX_DIFF_LINES), `… ${lines.length - MAX_DIFF_LINES} more diff lines`].join('\n');
}

/** Markdown: equal after masking volatile front matter, else one failure carrying the diff. */
export function compareMarkdown(expected: string, actual: string): Failure[] {
  // An expected file saved on Windows may have CRLF endings; archivist writes LF. Neither is a difference in content.
  const e = maskFrontMatter(expected.replace(/\r\n/g, '\n'));
  const a = maskFrontMatter(actual.replace(/\r\n/g, '\n'));
  if (e === a) return [];
  const changed = countChangedLines(e, a);
  return [{ file: EXPECTED_MD, message: `differs (${changed} line${changed === 1 ? '' : 's'} changed)`, diff: unifiedDiff(e, a, EXPECTED_MD, 'actual') }];
}

function countChangedLines(a: string, b: string): number {
  const patch = createTwoFilesPatch('a', 'b', a, b, undefined, undefined, { context: 0 });
  return patch.split('\n').filter((l) => /^[+-](?![+-]{2} )/.test(l)).length;
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

interface FieldDifference {
  path: string;
  expected: Json | undefined;
  actual: Json | undefined;
}

function isObject(v: unknown): v is Record<string, Json> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Every leaf where the two values differ, with its path ('images[0].url'); undefined = the field is absent. */
export function fieldDifferences(expected: Json | undefined, actual: Json | undefined, at = ''): FieldDifference[] {
  if (Array.isArray(expected) && Array.isArray(actual)) {
    const out: FieldDifference[] = [];
    for (let i = 0; i < Math.max(expected.length, actual.length); i++) {
      out.push(...fieldDifferences(expected[i], actual[i], `${at}[${i}]`));
    }
    return out;
  }
  if (isObject(expected) && isObject(actual)) {
    const keys = [...Object.keys(expected), ...Object.keys(actual).filter((k) => !(k in expected))];
    const out: FieldDifference[] = [];
    for (const k of keys) out.push(...fieldDifferences(expected[k], actual[k], at ? `${at}.${k}` : k));
    return out;
  }
  if (JSON.stringify(expected) === JSON.stringify(actual)) return [];
  return [{ path: at || '(root)', expected, actual }];
}

/** How a value reads in a one-line message: JSON, cut at a length a terminal line holds. */
const MAX_VALUE_CHARS = 120;
export function showValue(v: unknown): string {
  if (v === undefined) return '(absent)';
  const s = JSON.stringify(v);
  return s.length > MAX_VALUE_CHARS ? `${s.slice(0, MAX_VALUE_CHARS - 1)}…` : s;
}

/** JSON fields that hold the body again: when expected.md is compared too, its diff already shows the change. */
const BODY_FIELDS = new Set(['markdown', 'text']);

/**
 * JSON: field by field, without the ignored paths. With `bodyShownElsewhere`, a change in the
 * body fields is one line instead of a second and third copy of the Markdown diff.
 */
export function compareJson(expectedText: string, actualText: string, ignore: readonly string[], bodyShownElsewhere = false): Failure[] {
  let expected: Json;
  try {
    expected = JSON.parse(expectedText) as Json;
  } catch (err) {
    return [{ file: EXPECTED_JSON, message: `not valid JSON: ${(err as Error).message} (run with --update to rewrite it)` }];
  }
  const actual = JSON.parse(actualText) as Json;
  const diffs = fieldDifferences(withoutPaths(expected, ignore) as Json, withoutPaths(actual, ignore) as Json);
  const failures: Failure[] = diffs.slice(0, MAX_FIELD_DIFFERENCES).map((d) => {
    const f: Failure = {
      file: EXPECTED_JSON,
      path: d.path,
      message:
        d.expected === undefined
          ? `${d.path}: new field ${showValue(d.actual)}`
          : d.actual === undefined
            ? `${d.path}: missing (expected ${showValue(d.expected)})`
            : `${d.path}: expected ${showValue(d.expected)}, got ${showValue(d.actual)}`,
      expected: d.expected,
      actual: d.actual,
    };
    const multiline = typeof d.expected === 'string' && typeof d.actual === 'string' && (d.expected.includes('\n') || d.actual.includes('\n'));
    if (multiline && bodyShownElsewhere && BODY_FIELDS.has(d.path)) {
      f.message = `${d.path}: differs (see the ${EXPECTED_MD} diff)`;
    } else if (multiline) {
      // Long texts read better as a line diff than as two cut-off strings.
      f.diff = unifiedDiff(`${d.expected as string}\n`, `${d.actual as string}\n`, `${EXPECTED_JSON} ${d.path}`, 'actual');
    }
    return f;
  });
  if (diffs.length > MAX_FIELD_DIFFERENCES) {
    failures.push({ file: EXPECTED_JSON, message: `… and ${diffs.length - MAX_FIELD_DIFFERENCES} more field differences` });
  }
  return failures;
}

/** The part of `actual` that `expected` pins down: objects keep only the expected keys, recursively. */
function pick(expected: unknown, actual: unknown): unknown {
  if (isObject(expected as Json) && isObject(actual as Json)) {
    const a = actual as Record<string, unknown>;
    return Object.fromEntries(Object.keys(expected as object).map((k) => [k, pick((expected as Record<string, unknown>)[k], a[k])]));
  }
  return actual;
}

/** expect.json: only what the case pins down. `contains` and `absent` are matched in the Markdown body. */
export function comparePartial(partial: PartialExpectation, article: Article): Failure[] {
  const failures: Failure[] = [];
  const { contains, absent, ...fields } = partial as { contains?: string[]; absent?: string[] } & Record<string, unknown>;
  for (const [key, want] of Object.entries(fields)) {
    if (want === undefined) continue;
    const got = (article as Record<string, unknown>)[key];
    for (const d of fieldDifferences(want as Json, pick(want, got) as Json | undefined, key)) {
      failures.push({
        file: PARTIAL_FILE,
        path: d.path,
        message: `${d.path}: expected ${showValue(d.expected)}, got ${showValue(d.actual)}`,
        expected: d.expected,
        actual: d.actual,
      });
    }
  }
  for (const [i, s] of (contains ?? []).entries()) {
    if (!article.markdown.includes(s)) {
      failures.push({ file: PARTIAL_FILE, path: `contains[${i}]`, message: `contains[${i}]: body lacks ${showValue(s)}`, expected: s });
    }
  }
  for (const [i, s] of (absent ?? []).entries()) {
    if (article.markdown.includes(s)) {
      failures.push({ file: PARTIAL_FILE, path: `absent[${i}]`, message: `absent[${i}]: body holds ${showValue(s)}`, actual: s });
    }
  }
  return failures;
}
