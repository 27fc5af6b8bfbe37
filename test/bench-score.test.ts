/** The corpus metrics bench:quality reports: each as the corpus README defines it. */
import { describe, expect, it } from 'vitest';
import { countSnippets, judgeAuthors, judgeDate, judgeTitle, scoreWords, snippetF1 } from './support/score.js';
import { countFields, scoreArticle, type PageResult } from '../bench/quality-corpora.js';
import type { Article } from '../src/schema.js';

describe('word F1 (WCXB)', () => {
  it('scores the multiset of lower-cased Unicode words', () => {
    const s = scoreWords('Über die Brücke, die Brücke', 'über die brücke');
    expect(s.precision).toBe(1);
    expect(s.recall).toBeCloseTo(3 / 5);
    expect(s.f1).toBeCloseTo(0.75);
  });
  it('gives an empty truth 1 for nothing extracted and 0 for anything', () => {
    expect(scoreWords('', '').f1).toBe(1);
    expect(scoreWords(' ', 'footer').f1).toBe(0);
  });
});

describe('snippets (trafilatura)', () => {
  it('finds snippets with whitespace folded and pools them over pages', () => {
    const a = countSnippets('one  two\nthree four', ['two three', 'five'], ['four', 'six']);
    expect(a).toEqual({ withFound: 1, withMissed: 1, withoutFound: 1, withoutAbsent: 1 });
    const b = countSnippets('alpha', ['alpha'], ['beta']);
    const s = snippetF1([a, b]);
    expect(s.precision).toBeCloseTo(2 / 3);
    expect(s.recall).toBeCloseTo(2 / 3);
  });
});

describe('field verdicts', () => {
  it('tells right, wrong, missing, extra and none apart', () => {
    expect(judgeTitle('The  Title', 'the title')).toBe('right');
    expect(judgeTitle('Other', 'The Title')).toBe('wrong');
    expect(judgeTitle(null, 'The Title')).toBe('missing');
    expect(judgeTitle('Site', null)).toBe('extra');
    expect(judgeTitle(null, '')).toBe('none');
  });
  it('matches authors however the truth joins them, credentials aside', () => {
    expect(judgeAuthors(['Dylan Bailey'], 'Dylan Bailey, MS, RD, FAND')).toBe('right');
    expect(judgeAuthors(['A. One', 'B Two', 'C Three'], 'A. One, B Two, and C Three')).toBe('right');
    expect(judgeAuthors(['Karin Fischer', 'Richard Precht'], ['Richard Precht', 'Karin Fischer'])).toBe('right');
    expect(judgeAuthors(['BBC News'], 'Jane Doe')).toBe('wrong');
    expect(judgeAuthors(['Jane Doe', 'MS'], 'Jane Doe; John Roe')).toBe('wrong');
    expect(judgeAuthors([], 'Jane Doe')).toBe('missing');
    expect(judgeAuthors(['Jane Doe'], '')).toBe('extra');
    expect(judgeAuthors([], [])).toBe('none');
  });
  it('matches dates by day, and by minute where the truth has a time', () => {
    expect(judgeDate('2024-03-01T23:10:00+08:00', '2024-03-01')).toBe('right');
    expect(judgeDate('2024-03-01T23:10', '2024-03-01 23:11')).toBe('wrong');
    expect(judgeDate('2024-03-02', '2024-03-01')).toBe('wrong');
  });
});

describe('field counts', () => {
  const page = (date: string | null): PageResult => ({
    id: 'x',
    half: 'tune',
    ms: 0,
    cpuMs: null,
    error: null,
    empty: false,
    ...scoreArticle('dates', { date: '2020-01-02' }, { published: date, text: 'x' } as unknown as Article),
  });
  it('gives accuracy over all pages and precision over pages given a value', () => {
    const c = countFields([page('2020-01-02'), page('2020-01-03'), page(null), page('2020-01-02T10:00')]).date!;
    expect([c.right, c.wrong, c.missing]).toEqual([2, 1, 1]);
    expect(c.accuracy).toBe(0.5);
    expect(c.precision).toBeCloseTo(2 / 3);
    expect(c.wrongShare).toBe(0.25);
  });
});
