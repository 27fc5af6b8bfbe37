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
  let tp = 0,
    fp = 0,
    fn = 0;
  for (const [k, c] of p) {
    const ec = e.get(k) ?? 0;
    tp += Math.min(c, ec);
    fp += Math.max(0, c - ec);
  }
  for (const [k, c] of e) fn += Math.max(0, c - (p.get(k) ?? 0));
  const sum = tp + fp + fn;
  if (sum > 0) {
    tp /= sum;
    fp /= sum;
    fn /= sum;
  }
  const precision = tp + fp > 0 ? tp / (tp + fp) : 0;
  const recall = tp + fn > 0 ? tp / (tp + fn) : 0;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { tp, fp, fn, precision, recall, f1 };
}

export function aggregate(pages: PageScore[]): { precision: number; recall: number; f1: number } {
  let tp = 0,
    fp = 0,
    fn = 0;
  for (const p of pages) {
    tp += p.tp;
    fp += p.fp;
    fn += p.fn;
  }
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

/**
 * WCXB's score: the bag of lower-cased word tokens (Python's Unicode `\w+`) of the extracted text
 * against the truth's, per page; precision, recall and F1 of the multiset overlap. A page whose
 * truth is empty scores 1 when nothing was extracted and 0 otherwise.
 */
const WORD = /[\p{L}\p{N}_]+/gu;

export function wordBag(text: string): Map<string, number> {
  const bag = new Map<string, number>();
  for (const w of text.toLowerCase().match(WORD) ?? []) bag.set(w, (bag.get(w) ?? 0) + 1);
  return bag;
}

export interface Prf {
  precision: number;
  recall: number;
  f1: number;
}

export function scoreWords(expected: string, predicted: string): Prf {
  const e = wordBag(expected);
  const p = wordBag(predicted);
  if (e.size === 0) return p.size === 0 ? { precision: 1, recall: 1, f1: 1 } : { precision: 0, recall: 1, f1: 0 };
  let common = 0,
    pn = 0,
    en = 0;
  for (const [w, c] of p) {
    pn += c;
    common += Math.min(c, e.get(w) ?? 0);
  }
  for (const c of e.values()) en += c;
  const precision = pn ? common / pn : 0;
  const recall = common / en;
  return { precision, recall, f1: precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0 };
}

/** Whitespace folded to single spaces, as trafilatura's evaluation compares snippets with text. */
export const foldSpace = (s: string) => s.replace(/\s+/g, ' ').trim();

export interface SnippetCounts {
  /** `with` snippets found (true positives) and missed (false negatives). */
  withFound: number;
  withMissed: number;
  /** `without` snippets found (false positives) and rightly absent. */
  withoutFound: number;
  withoutAbsent: number;
}

/** trafilatura's evaluation: which of the page's wanted and unwanted snippets the extracted text holds. */
export function countSnippets(text: string, want: readonly string[], unwanted: readonly string[]): SnippetCounts {
  const t = foldSpace(text);
  const has = (s: string) => t.includes(foldSpace(s));
  const withFound = want.filter(has).length;
  const withoutFound = unwanted.filter(has).length;
  return { withFound, withMissed: want.length - withFound, withoutFound, withoutAbsent: unwanted.length - withoutFound };
}

/** F1 over snippets pooled across pages: found `with` is a TP, missed a FN, found `without` a FP. */
export function snippetF1(pages: readonly SnippetCounts[]): Prf {
  let tp = 0,
    fn = 0,
    fp = 0;
  for (const p of pages) {
    tp += p.withFound;
    fn += p.withMissed;
    fp += p.withoutFound;
  }
  const precision = tp + fp ? tp / (tp + fp) : 0;
  const recall = tp + fn ? tp / (tp + fn) : 0;
  return { precision, recall, f1: precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0 };
}

/**
 * A metadata field's outcome on one page. With a truth value: right, wrong (we gave another) or
 * missing (we gave none). Without one: none (we rightly gave none) or extra (we invented one, as
 * bad for a reader as a wrong one).
 */
export type Verdict = 'right' | 'wrong' | 'missing' | 'extra' | 'none';

export function verdict<T>(got: T | null, want: T | null, same: (got: T, want: T) => boolean, empty: (x: T) => boolean): Verdict {
  const g = got === null || empty(got) ? null : got;
  const w = want === null || empty(want) ? null : want;
  if (w === null) return g === null ? 'none' : 'extra';
  if (g === null) return 'missing';
  return same(g, w) ? 'right' : 'wrong';
}

/** Titles and names compared case-, width- and whitespace-blind. */
export const fieldKey = (s: string) => squash(s.normalize('NFKC').toLowerCase());

export function judgeTitle(got: string | null, want: string | null): Verdict {
  return verdict(
    got,
    want,
    (g, w) => fieldKey(g) === fieldKey(w),
    (s) => !s.trim(),
  );
}

/** Same day; and same minute where the truth has a time. */
export function sameDate(got: string, want: string): boolean {
  if (got.slice(0, 10) !== want.slice(0, 10)) return false;
  const wantTime = want.slice(11, 16);
  return !wantTime || got.slice(11, 16) === wantTime;
}

export function judgeDate(got: string | null, want: string | null): Verdict {
  return verdict(got, want, sameDate, (s) => !s.trim());
}

/** Postnominal credentials ("MS", "RDN", "PhD"), which a byline may carry but are no names. */
const CREDENTIAL = /^(?:[A-Z]{2,5}|Ph\.?\s?D\.?|M\.?D\.?|Dr\.?)$/;
/** How truth strings join several names: "A; B", "A, B, and C", "A & B", "A und B". */
const NAME_JOIN = /\s*(?:,\s*(?:and|und|et|y)\s|;|,|&|、|，|\s(?:and|und|et|y|e|i|og|en)\s)\s*/;

/** The names a truth or output string holds, credentials dropped (unless that leaves nothing). */
export function nameSet(names: string | readonly string[]): Set<string> {
  const parts = (typeof names === 'string' ? [names] : names)
    .flatMap((n) => n.split(NAME_JOIN))
    .map((n) => n.trim())
    .filter(Boolean);
  const kept = parts.filter((p) => !CREDENTIAL.test(p));
  return new Set((kept.length ? kept : parts).map(fieldKey));
}

/** Authors right when the same set of names, however the truth joins them. */
export function judgeAuthors(got: readonly string[], want: string | readonly string[] | null): Verdict {
  const same = (g: readonly string[], w: string | readonly string[]) => {
    if (fieldKey(g.join(' ')) === fieldKey(typeof w === 'string' ? w : w.join(' '))) return true;
    const G = nameSet(g);
    const W = nameSet(w);
    return G.size === W.size && [...G].every((x) => W.has(x));
  };
  const empty = (x: string | readonly string[]) => (typeof x === 'string' ? !x.trim() : x.every((n) => !n.trim()));
  return verdict<string | readonly string[]>(got, want, (g, w) => same(g as readonly string[], w), empty);
}
