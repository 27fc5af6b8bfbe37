/**
 * Scoring as in the public article-extraction benchmark: 4-token shingles of the plain text
 * (\w+ runs; each CJK character one token), per-page TP/FP/FN normalised to sum 1, summed over
 * pages; precision = TP/(TP+FP), recall = TP/(TP+FN), F1 of the two.
 */
const CJK_CHAR = '\\u3040-\\u30ff\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\uac00-\\ud7af';
/**
 * A token: one CJK character, or a run of other letters, digits and underscores. The benchmark
 * tokenises with Python's Unicode-aware `\w+`; JavaScript's `\w` is ASCII-only even with the u
 * flag, so it made no tokens at all of Cyrillic pages (scored 0 and dropped from the sums) and
 * split "Weizsäcker" in two. Letters and numbers by Unicode property match Python's `\w`.
 */
const TOKEN = new RegExp(`[${CJK_CHAR}]|(?:(?![${CJK_CHAR}])[\\p{L}\\p{N}_])+`, 'gu');
const SHINGLE = 4;

export function shingles(text: string): Map<string, number> {
  const tokens = text.match(TOKEN) ?? [];
  const out = new Map<string, number>();
  const n = Math.max(1, tokens.length - SHINGLE + 1);
  for (let i = 0; i < n && tokens.length > 0; i++) {
    const key = tokens.slice(i, i + SHINGLE).join(' ');
    out.set(key, (out.get(key) ?? 0) + 1);
  }
  return out;
}

export interface PageScore {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
}

export function scorePage(expected: string, predicted: string): PageScore {
  const e = shingles(expected);
  const p = shingles(predicted);
  let tp = 0, fp = 0, fn = 0;
  for (const [k, c] of p) {
    const ec = e.get(k) ?? 0;
    tp += Math.min(c, ec);
    fp += Math.max(0, c - ec);
  }
  for (const [k, c] of e) fn += Math.max(0, c - (p.get(k) ?? 0));
  const sum = tp + fp + fn;
  if (sum > 0) { tp /= sum; fp /= sum; fn /= sum; }
  const precision = tp + fp > 0 ? tp / (tp + fp) : 0;
  const recall = tp + fn > 0 ? tp / (tp + fn) : 0;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { tp, fp, fn, precision, recall, f1 };
}

export function aggregate(pages: PageScore[]): { precision: number; recall: number; f1: number } {
  let tp = 0, fp = 0, fn = 0;
  for (const p of pages) { tp += p.tp; fp += p.fp; fn += p.fn; }
  const precision = tp + fp > 0 ? tp / (tp + fp) : 0;
  const recall = tp + fn > 0 ? tp / (tp + fn) : 0;
  return { precision, recall, f1: precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0 };
}

/** Text compared with all whitespace removed, for start/end and name matching. */
export const squash = (s: string) => s.replace(/[\s\u00a0\u3000]+/g, '');

/** How far from the start/end of its paragraph the truth's first/last characters may sit (a bullet, an opening bracket, "（完）"). */
export const ENDS_SLACK_CHARS = 10;

/** Paragraphs of a body text as the text renderer writes them: separated by blank lines. */
function paragraphs(text: string): string[] {
  return text
    .split(/\n[ \t]*\n/)
    .map(squash)
    .filter(Boolean);
}

/**
 * Truth's body_first is the first characters of the body's first paragraph ("within one
 * paragraph", after headline, meta line, 原标题 lines, lead boxes and captions). So the match must
 * sit at the start of the extracted body's first paragraph: finding it anywhere in the first few
 * characters of the whole text let a short caption or label paragraph before it pass.
 */
export function startsRight(text: string, first: string): boolean {
  const p = paragraphs(text)[0] ?? '';
  const i = p.indexOf(squash(first));
  return i >= 0 && i <= ENDS_SLACK_CHARS;
}

/** Likewise body_last must close the extracted body's last paragraph. */
export function endsRight(text: string, last: string): boolean {
  const p = paragraphs(text).at(-1) ?? '';
  const l = squash(last);
  const i = p.lastIndexOf(l);
  return i >= 0 && p.length - (i + l.length) <= ENDS_SLACK_CHARS;
}
