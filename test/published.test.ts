import { describe, expect, it } from 'vitest';
import type { DateSource, PageEvidence } from '../src/extract/evidence.js';
import { rankedPublished } from '../src/extract/published.js';

const evidence = (...dates: [DateSource, string][]): PageEvidence => ({
  titles: [],
  authors: [],
  dates: dates.map(([source, value]) => ({ source, value })),
});

describe('rankedPublished: the day the page shows', () => {
  it('reads a two-digit year on a shown date line, and only there', () => {
    expect(rankedPublished(evidence(['date-class', 'Party, 30.10.23']), 'de')?.iso).toBe('2023-10-30');
    expect(rankedPublished(evidence(['date-label', 'Datum: 30.10.23']), 'de')?.iso).toBe('2023-10-30');
    expect(rankedPublished(evidence(['time-first', 'v30.10.23']), 'de')).toBeNull();
  });

  it('takes the best-ranked evidence that falls on the shown day over a first-ranked one that does not', () => {
    const e = evidence(['meta-published', '2019-10-18'], ['ld-published', '2019-10-19T03:00:00Z'], ['date-class', '19.10.2019, 05:00 Uhr']);
    expect(rankedPublished(e, 'de')?.iso).toBe('2019-10-19T03:00:00Z');
  });

  it('takes an update date the page shows as its date', () => {
    const e = evidence(['ld-published', '2021-03-16T16:16:10Z'], ['ld-modified', '2021-03-20T14:00:17Z'], ['date-class', '20. März 2021 - 15:00 Uhr']);
    expect(rankedPublished(e, 'de')?.iso).toBe('2021-03-20T14:00:17Z');
  });

  it('keeps the first-ranked source where the shown dates are a list of other stories', () => {
    const e = evidence(
      ['meta-published', '2022-05-10T17:34:08+00:00'],
      ['date-class', 'January 5, 2026'],
      ['time-first', '2026-01-05T15:52:56+00:00'],
      ['date-class', 'October 6, 2025'],
      ['date-class', 'September 29, 2025'],
    );
    expect(rankedPublished(e, 'en-US')?.iso).toBe('2022-05-10T17:34:08+00:00');
  });

  it('keeps the first-ranked source where no other evidence falls on the shown day', () => {
    const e = evidence(['meta-published', '2020-04-30'], ['date-class', '29.04.2020, 12:01 Uhr']);
    expect(rankedPublished(e, 'de')?.iso).toBe('2020-04-30');
  });

  it('reads labelled dates on more than two days as a list, not as the date of the page', () => {
    const e = evidence(
      ['date-label', 'Date: Fri, 1 Feb 2002 11:53:40 -0500'],
      ['date-label', 'Date: Wed, 6 Feb 2002 22:33:19 +0000'],
      ['date-label', 'Date: Fri, 8 Feb 2002 02:18:31 +0000'],
    );
    expect(rankedPublished(e, 'en')).toBeNull();
    expect(rankedPublished(evidence(['date-label', 'Datum: 26. Januar 2022']), 'de')?.iso).toBe('2022-01-26');
  });
});
