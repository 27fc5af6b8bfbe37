/**
 * What each corpus is scored on, told by the shape of its truth.json (see the corpus README):
 *   page_type            wcxb: bag-of-words F1 per page, snippet rates, metadata on article pages
 *   with / without       tf: trafilatura's snippet F1, title / author / date
 *   body_first           zh: body starts / ends and its metadata fields
 *   body                 news: 4-token shingle F1
 *   date                 dates: publication date accuracy and precision
 */
import type { Article } from '../src/schema.js';
import {
  countSnippets,
  endsRight,
  judgeAuthors,
  judgeDate,
  judgeTitle,
  scorePage,
  scoreWords,
  squash,
  startsRight,
  verdict,
  type PageScore,
  type Prf,
  type SnippetCounts,
  type Verdict,
} from '../test/support/score.js';
import type { Half } from './split.js';

export interface Truth {
  url?: string;
  body?: string;
  page_type?: string;
  title?: string | null;
  author?: string | string[] | null;
  date?: string | null;
  with?: string[];
  without?: string[];
  published?: string | null;
  authors?: string[];
  editors?: string[];
  source?: string | null;
  source_url?: string | null;
  body_first?: string;
  body_last?: string;
  disclaimer?: string | null;
  kind?: string;
}

export type CorpusKind = 'wcxb' | 'tf' | 'zh' | 'news' | 'dates';

export function kindOf(truth: Record<string, Truth>): CorpusKind | null {
  const first = Object.values(truth)[0];
  if (!first) return null;
  if ('page_type' in first) return 'wcxb';
  if ('with' in first) return 'tf';
  if ('body_first' in first) return 'zh';
  if ('body' in first) return 'news';
  if ('date' in first) return 'dates';
  return null;
}

/** One page's outcome, computed where the page was converted so no Article crosses threads. */
export interface PageResult {
  id: string;
  half: Half;
  ms: number;
  /** The converting thread's own CPU time, where the OS says it. */
  cpuMs: number | null;
  error: string | null;
  empty: boolean;
  pageType?: string;
  shingle?: PageScore;
  words?: Prf;
  snippets?: SnippetCounts;
  fields: Record<string, Verdict>;
  /** The page's main score, 0..1, for the worst-pages list. */
  score: number;
  /** What to show beside a worst page (dates: got and wanted). */
  note?: string;
}

type Scored = Omit<PageResult, 'id' | 'half' | 'ms' | 'cpuMs' | 'error' | 'empty'>;

/** The truth's metadata are known for the page (tf-dev leaves some pages without any). */
const hasMeta = (t: Truth) => !(t.title === null && t.author === null && t.date === null);

function metaFields(t: Truth, a: Article | null): Record<string, Verdict> {
  return {
    title: judgeTitle(a?.title ?? null, t.title ?? null),
    authors: judgeAuthors(a?.authors ?? [], t.author ?? null),
    date: judgeDate(a?.published ?? null, t.date ?? null),
  };
}

function snippetScore(s: SnippetCounts): number {
  const tp = s.withFound;
  const bad = s.withMissed + s.withoutFound;
  return tp + bad ? tp / (tp + bad / 2) : 1;
}

export function scoreArticle(kind: CorpusKind, t: Truth, a: Article | null): Scored {
  const text = a?.text ?? '';
  switch (kind) {
    case 'wcxb': {
      const words = scoreWords(t.body ?? '', text);
      const snippets = countSnippets(text, t.with ?? [], t.without ?? []);
      const fields = t.page_type === 'article' ? metaFields(t, a) : {};
      return { pageType: t.page_type ?? 'unknown', words, snippets, fields, score: words.f1 };
    }
    case 'tf': {
      const snippets = countSnippets(text, t.with ?? [], t.without ?? []);
      return { snippets, fields: hasMeta(t) ? metaFields(t, a) : {}, score: snippetScore(snippets) };
    }
    case 'zh': {
      if (t.kind !== undefined && t.kind !== 'article') return { fields: {}, score: 1 };
      const flag = (ok: boolean): Verdict => (ok ? 'right' : text.trim() ? 'wrong' : 'missing');
      const eq = (g: string, w: string) => squash(g) === squash(w);
      const str = (g: string | null | undefined, w: string | null | undefined) => verdict(g ?? null, w ?? null, eq, (s) => !s.trim());
      const fields: Record<string, Verdict> = {
        body_start: flag(startsRight(text, t.body_first ?? '')),
        body_end: flag(endsRight(text, t.body_last ?? '')),
        title: judgeTitle(a?.title ?? null, t.title ?? null),
        published: judgeDate(a?.published ?? null, t.published ?? null),
        authors: judgeAuthors(a?.authors ?? [], t.authors ?? []),
        editors: judgeAuthors(a?.editors ?? [], t.editors ?? []),
        source: str(a?.source?.name, t.source),
        source_url: verdict(
          a?.source?.url ?? null,
          t.source_url ?? null,
          (g, w) => g === w,
          (s) => !s,
        ),
        disclaimer: verdict(
          a?.disclaimer ?? null,
          t.disclaimer ?? null,
          () => true,
          (s) => !s.trim(),
        ),
      };
      const ends = [fields.body_start, fields.body_end].filter((v) => v === 'right').length;
      return { fields, score: ends / 2 };
    }
    case 'news': {
      const shingle = scorePage(t.body ?? '', text);
      return { shingle, fields: {}, score: shingle.f1 };
    }
    case 'dates': {
      const date = judgeDate(a?.published ?? null, t.date ?? null);
      return { fields: { date }, score: date === 'right' ? 1 : 0, note: `got ${a?.published ?? '-'} want ${t.date ?? '-'}` };
    }
  }
}

export interface FieldCounts {
  right: number;
  wrong: number;
  missing: number;
  extra: number;
  none: number;
  n: number;
  /** (right + none) / n: the field as the truth has it, an empty truth matched by no answer. */
  accuracy: number;
  /** right / answers given: how far an answer can be trusted. */
  precision: number;
  /** (wrong + extra) / n: pages that got a false value. */
  wrongShare: number;
}

export function countFields(pages: readonly PageResult[]): Record<string, FieldCounts> {
  const out: Record<string, FieldCounts> = {};
  for (const p of pages) {
    for (const [field, v] of Object.entries(p.fields)) {
      const c = (out[field] ??= { right: 0, wrong: 0, missing: 0, extra: 0, none: 0, n: 0, accuracy: 0, precision: 0, wrongShare: 0 });
      c[v]++;
      c.n++;
    }
  }
  for (const c of Object.values(out)) {
    c.accuracy = (c.right + c.none) / c.n;
    const given = c.right + c.wrong + c.extra;
    c.precision = given ? c.right / given : 0;
    c.wrongShare = (c.wrong + c.extra) / c.n;
  }
  return out;
}
