/**
 * The publication date from the page's evidence, ranked by how often each source gave the right
 * day on the tune halves (bench/sources.ts): the address, microdata, a <time> marked as published,
 * meta tags, JSON-LD, a shown date element, the first <time>. The date keeps the zone its evidence
 * gives; a date printed 11/01/2023 is read in the order the page's language writes dates, unless
 * another date on the page says which day it is.
 */
import { findDate, findShortYearDate, type FoundDate } from './dates.js';
import type { DateSource, Evidence, PageEvidence } from './evidence.js';

/**
 * Right days / days given on the tune halves of dates-dev, tf-dev and wcxb-dev articles: url
 * 76/79, itemprop 68/72, time-published 74/80, meta 347/378, JSON-LD 302/338, date element
 * 280/315, first <time> 151/166. Modified dates (0.4-0.7) are a publication date only where the page shows that
 * day (see `shown` below).
 */
export const DATE_SOURCE_RANK: DateSource[] = [
  'url',
  'itemprop-published',
  'time-published',
  'meta-published',
  'ld-published',
  'date-class',
  'date-label',
  'time-first',
];
const MODIFIED_SOURCES: DateSource[] = ['ld-modified', 'meta-modified'];

/** Words before a shown date that make it an update, not the publication. */
const UPDATE_WORDS = /(updated|last modified|modified|aktualisiert|geändert|stand:|mis à jour|actualizado|aggiornato|atualizado|zaktualizowano)/i;

/** Languages whose pages write the month first in numeric dates (07/13/2024): US English, and English with no region. */
export function monthFirstLanguage(language: string | null): boolean {
  const l = (language ?? '').toLowerCase();
  return l === 'en' || l === 'en-us' || l.startsWith('en-us') || l === 'en-ph';
}

/** Both readings of an ambiguous numeric date (both numbers 12 or less, with slashes). */
const AMBIGUOUS = /(?<!\d)(\d{1,2})\s*\/\s*(\d{1,2})\s*\/\s*(\d{4})(?!\d)/;

function parse(e: Evidence<DateSource>, monthFirst: boolean): FoundDate | null {
  const shownLine = e.source === 'date-class' || e.source === 'date-label';
  const d = findDate(e.value, null, monthFirst) ?? (shownLine ? findShortYearDate(e.value) : null);
  if (!d) return null;
  if (e.source === 'date-class' || e.source === 'date-label' || e.source === 'time-first') {
    const at = e.value.indexOf(d.text.slice(0, 4));
    if (UPDATE_WORDS.test(e.value.slice(0, at < 0 ? e.value.length : at))) return null;
  }
  return d;
}

export interface RankedDate {
  iso: string;
  source: DateSource;
}

export function rankedPublished(evidence: PageEvidence, language: string | null): RankedDate | null {
  const monthFirst = monthFirstLanguage(language);
  let parsed = evidence.dates.map((e) => ({ e, d: parse(e, monthFirst) })).filter((x): x is { e: Evidence<DateSource>; d: FoundDate } => x.d !== null);
  // Labelled dates on more than two days are the items of a list (a mail archive's "Date:" headers, a blog index's
  // "Published on …"), not the page's date.
  if (new Set(parsed.filter((x) => x.e.source === 'date-label').map((x) => x.d.iso.slice(0, 10))).size > 2)
    parsed = parsed.filter((x) => x.e.source !== 'date-label');
  // The days the page shows in its date elements. Where the first-ranked source names another day (a CMS's first
  // draft, a related story's <time>), the best-ranked evidence falling on a shown day is the date a reader sees; an
  // update date counts here, as the shown date is then the update.
  const shown = new Set(parsed.filter((x) => x.e.source === 'date-class' || x.e.source === 'date-label').map((x) => x.d.iso.slice(0, 10)));
  const corroborated =
    shown.size && shown.size <= 2
      ? [...DATE_SOURCE_RANK, ...MODIFIED_SOURCES]
          .filter((s) => s !== 'date-class' && s !== 'date-label')
          .flatMap((s) => parsed.filter((x) => x.e.source === s))
          .find((x) => shown.has(x.d.iso.slice(0, 10)))
      : undefined;
  for (const source of DATE_SOURCE_RANK) {
    let hit = parsed.find((x) => x.e.source === source);
    if (!hit) continue;
    if (corroborated && !shown.has(hit.d.iso.slice(0, 10))) hit = corroborated;
    let iso = hit.d.iso;
    // 11/01/2023: the reading another date on the page agrees with wins over the language's order.
    const amb = AMBIGUOUS.exec(hit.e.value);
    if (amb && +amb[1]! <= 12 && +amb[2]! <= 12 && amb[1] !== amb[2]) {
      const other = findDate(hit.e.value, null, !monthFirst);
      const days = new Set(parsed.filter((x) => x !== hit && !AMBIGUOUS.test(x.e.value)).map((x) => x.d.iso.slice(0, 10)));
      if (other && days.has(other.iso.slice(0, 10)) && !days.has(iso.slice(0, 10))) iso = other.iso;
    }
    // A day alone, or a time without a zone (the address, a shown date): the same day, and the same minute where it
    // has one, with the time and zone other evidence gives.
    if (!/(Z|[+-]\d{2}:\d{2})$/.test(iso)) {
      const fuller = parsed.find(
        (x) =>
          /(Z|[+-]\d{2}:\d{2})$/.test(x.d.iso) &&
          x.d.iso.slice(0, 10) === iso.slice(0, 10) &&
          (iso.length === 10 || x.d.iso.slice(11, 16) === iso.slice(11, 16)) &&
          !/modified/.test(x.e.source),
      );
      if (fuller) iso = fuller.d.iso;
    }
    return { iso, source: hit.e.source };
  }
  return null;
}
