/**
 * Every piece of evidence a page offers for its title, authors and date, each labelled with where
 * it came from: JSON-LD, microdata, rel=author, meta tags, the headline element, byline blocks and
 * the address. metadata.ts ranks these by how often each source has been right (bench/sources.ts
 * measures that on the corpora's tune halves) instead of trusting whichever comes first in the markup.
 */
import { elementsOf } from './elements.js';
import { articleNode, names, str, type JsonLdNode } from './jsonld.js';
import { hiddenByMarkup } from './lines.js';
import { normalizeSpace } from './text.js';
import { DATE_LABELS } from './vocab.js';

export type TitleSource = 'ld-headline' | 'og-title' | 'twitter-title' | 'meta-title' | 'title-tag' | 'h1' | 'itemprop-headline' | 'title-class';
export type AuthorSource = 'ld-person' | 'ld-org' | 'microdata' | 'rel-author' | 'meta-author' | 'author-class' | 'byline-text';
export type DateSource =
  | 'date-class'
  | 'date-label'
  | 'ld-published'
  | 'meta-published'
  | 'itemprop-published'
  | 'time-published'
  | 'time-first'
  | 'url'
  | 'ld-modified'
  | 'meta-modified';

export interface Evidence<S extends string> {
  source: S;
  value: string;
  /** The element the value was read from, when it is shown on the page. */
  el?: Element;
}

export interface PageEvidence {
  titles: Evidence<TitleSource>[];
  authors: Evidence<AuthorSource>[];
  dates: Evidence<DateSource>[];
}

/** Class and id words of an element that holds an author's name (WordPress, Drupal, news CMSs). */
const AUTHOR_CLASS =
  /(^|[\s_-])(author|byline|by-line|byl|writer|autor|auteur|autore|autor-name|post-author|entry-author|article-author|author-name|authorname|contributor|creator|vcard)([\s_-]|$)/i;
/** Class words that mark an author block as something else: avatars, bios, "more by", comment authors. */
const NOT_AUTHOR_CLASS =
  /(avatar|bio|desc|about|image|img|photo|pic|more|other|comment|reply|respond|social|follow|share|icon|label|title|box-?head|list|wrap)/i;
/** Longest text an author element holds: a byline, not a bio. */
const MAX_AUTHOR_ELEMENT_CHARS = 120;
/** Class and id words of an element that is a post's headline. */
const TITLE_CLASS = /(^|[\s_-])(entry-title|post-title|article-title|page-title|headline|article-headline|story-title|news-title)([\s_-]|$)/i;
/** Class words of a <time> or date element that holds the publication date, not an update. */
const PUBLISHED_CLASS = /(publish|posted|post-date|entry-date|pubdate|date-published|created|article-date|story-date|dateline|byline)/i;
const MODIFIED_CLASS = /(updat|modif|edited)/i;
/** Class or id words of an element that shows a date: "post-date", "entry-meta", "byline", "dateline", "datum". */
const DATE_CLASS = /(date|datum|time|publish|posted|meta|byline|dateline|fecha|data-pub)/i;
/** A shown date line is short: a longer text is a paragraph that mentions a date. */
const MAX_DATE_LINE_CHARS = 80;

/** Elements whose first words may be a date label. */
const LABEL_HOSTS = new Set(['p', 'div', 'li', 'span', 'dd', 'dt', 'small', 'em', 'strong', 'b']);
// "Datum:" takes a colon; "Published on", "veröffentlicht am" end in their preposition and need none.
const DATE_LABEL = new RegExp(
  `^\\s*(${DATE_LABELS.map((l) => l.replace(/ /g, '\\s+') + (/ (on|am|le|el|il|op)$/.test(l) ? '(?:\\s*:|\\s)' : '\\s*:')).join('|')})`,
  'i',
);

/** The element's first text, descending through first children (`<li><span>Datum:</span> 26. Januar 2022</li>`). */
function leadingText(el: Element): string | null {
  let n: Node | null = el.firstChild;
  for (let depth = 0; n && depth < 4; ) {
    if (n.nodeType === 3) {
      if ((n.nodeValue ?? '').trim()) return n.nodeValue;
      n = n.nextSibling;
      continue;
    }
    if (n.nodeType !== 1) return null;
    n = n.firstChild;
    depth++;
  }
  return null;
}

/**
 * Inside a table cell or a list item: a date there is a row of a table or an item of a list, not the page's date.
 * A list item that is itself marked as a date (ul.meta > li.date) is tested from its list: a meta list's item.
 */
function inTableOrList(el: Element | null): boolean {
  for (let p: Element | null = el; p; p = p.parentElement) if (p.localName === 'td' || p.localName === 'th' || p.localName === 'li') return true;
  return false;
}

/** The first <meta> per lower-cased property/name/itemprop key, all values. */
function metaValues(all: Element[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const el of all) {
    if (el.localName !== 'meta') continue;
    const content = el.getAttribute('content');
    if (!content?.trim()) continue;
    for (const attr of ['property', 'name', 'itemprop']) {
      const k = el.getAttribute(attr)?.toLowerCase();
      if (!k) continue;
      const list = out.get(k) ?? [];
      list.push(content.trim());
      out.set(k, list);
    }
  }
  return out;
}

function visibleText(el: Element): string {
  return normalizeSpace(el.textContent ?? '');
}

/** Inside <nav>, <footer> or a comment list: whatever sits there is about other pages or other people. */
function inChrome(el: Element): boolean {
  for (let p: Element | null = el; p; p = p.parentElement) {
    if (p.localName === 'nav' || p.localName === 'footer') return true;
    if (hiddenByMarkup(p)) return true;
    const cls = `${p.getAttribute('class') ?? ''} ${p.getAttribute('id') ?? ''}`;
    if (/(^|[\s_-])(comments?|comment-list|commentlist|related|sidebar|footer|recommend)([\s_-]|$)/i.test(cls)) return true;
  }
  return false;
}

/** Authors named by a JSON-LD author value: a Person's name, or an Organization's (kept apart). */
function ldAuthors(v: unknown, out: Evidence<AuthorSource>[]): void {
  if (Array.isArray(v)) {
    for (const x of v) ldAuthors(x, out);
    return;
  }
  if (typeof v === 'string') {
    out.push({ source: 'ld-person', value: v });
    return;
  }
  if (v && typeof v === 'object') {
    const o = v as JsonLdNode;
    const type = JSON.stringify(o['@type'] ?? '');
    for (const n of names(o)) out.push({ source: /Organization|Corporation|NewsMedia|WebSite|Brand/.test(type) ? 'ld-org' : 'ld-person', value: n });
  }
}

/** Collects the evidence; nothing here decides. */
export function collectEvidence(doc: Document, ld: JsonLdNode[], url: URL | undefined): PageEvidence {
  const all = elementsOf(doc);
  const meta = metaValues(all);
  const m = (k: string) => meta.get(k.toLowerCase()) ?? [];
  const art = articleNode(ld) ?? {};
  const titles: Evidence<TitleSource>[] = [];
  const authors: Evidence<AuthorSource>[] = [];
  const dates: Evidence<DateSource>[] = [];

  // Titles.
  const headline = str(art.headline) ?? str(art.name);
  if (headline) titles.push({ source: 'ld-headline', value: headline });
  for (const v of m('og:title')) titles.push({ source: 'og-title', value: v });
  for (const v of m('twitter:title')) titles.push({ source: 'twitter-title', value: v });
  for (const k of ['ArticleTitle', 'headline', 'title', 'dc.title', 'sailthru.title', 'parsely-title'])
    for (const v of m(k)) titles.push({ source: 'meta-title', value: v });
  const titleEl = all.find((el) => el.localName === 'title');
  if (titleEl) titles.push({ source: 'title-tag', value: visibleText(titleEl) });

  // Dates.
  for (const v of [art.datePublished, art.dateCreated, art.uploadDate]) {
    const s = str(v);
    if (s) dates.push({ source: 'ld-published', value: s });
  }
  for (const k of [
    'article:published_time',
    'datepublished',
    'pubdate',
    'publishdate',
    'publish-date',
    'publish_date',
    'publisheddate',
    'og:published_time',
    'parsely-pub-date',
    'sailthru.date',
    'dc.date',
    'dc.date.issued',
    'dcterms.created',
    'dcterms.issued',
    'dcterms.date',
    'date',
    'citation_publication_date',
    'citation_date',
    'article.published',
    'og:release_date',
    'firstpublishedtime',
    'article_date_original',
    'cxenseparse:recs:publishtime',
  ]) {
    for (const v of m(k)) dates.push({ source: 'meta-published', value: v });
  }
  const modified = str(art.dateModified);
  if (modified) dates.push({ source: 'ld-modified', value: modified });
  for (const k of ['article:modified_time', 'og:updated_time', 'datemodified', 'dcterms.modified', 'last-modified'])
    for (const v of m(k)) dates.push({ source: 'meta-modified', value: v });

  // Authors from meta tags: a URL or a handle is not a name (the validity check says which).
  for (const k of [
    'author',
    'article:author',
    'dc.creator',
    'dcterms.creator',
    'byl',
    'parsely-author',
    'sailthru.author',
    'citation_author',
    'og:article:author',
    'article:author_name',
    'author_name',
  ]) {
    for (const v of m(k)) authors.push({ source: 'meta-author', value: v });
  }
  ldAuthors(art.author, authors);
  if (!art.author) {
    // An author given on another node (a WebPage's or a Person node of its own on a blog's profile).
    for (const n of ld) if (n !== art && n.author) ldAuthors(n.author, authors);
  }

  let firstTime = true;
  let firstH1 = true;
  for (const el of all) {
    const name = el.localName;
    // Most elements have no attributes: the class, id, itemprop and rel tests below have nothing to read there.
    const bare = !el.hasAttributes();
    const itemprop = bare ? '' : (el.getAttribute('itemprop')?.toLowerCase() ?? '');
    if (itemprop) {
      if (/(^|\s)author(\s|$)|(^|\s)creator(\s|$)/.test(itemprop) && name !== 'meta') {
        const nameEl = el.querySelector('[itemprop~="name"]');
        const v = nameEl ? (nameEl.getAttribute('content') ?? visibleText(nameEl)) : visibleText(el);
        if (v && v.length <= MAX_AUTHOR_ELEMENT_CHARS && !inChrome(el)) authors.push({ source: 'microdata', value: v, el });
      } else if (name === 'meta' && /(^|\s)author(\s|$)/.test(itemprop)) {
        // a bare <meta itemprop=author> is a meta tag: counted above
      }
      if (/(^|\s)datepublished(\s|$)/.test(itemprop) && name !== 'meta') {
        const v = el.getAttribute('datetime') ?? el.getAttribute('content') ?? visibleText(el);
        if (v) dates.push({ source: 'itemprop-published', value: v, el });
      }
      if (/(^|\s)headline(\s|$)/.test(itemprop) && name !== 'meta') {
        const v = visibleText(el);
        if (v && !inChrome(el)) titles.push({ source: 'itemprop-headline', value: v, el });
      }
    }
    if (!bare && name === 'a' && /(^|\s)author(\s|$)/i.test(el.getAttribute('rel') ?? '') && !inChrome(el)) {
      const v = visibleText(el);
      if (v) authors.push({ source: 'rel-author', value: v, el });
    }
    if (name === 'h1' && firstH1 && !inChrome(el)) {
      const v = visibleText(el);
      if (v) {
        titles.push({ source: 'h1', value: v, el });
        firstH1 = false;
      }
    }
    if (name === 'time' && !inChrome(el)) {
      const v = el.getAttribute('datetime') || visibleText(el);
      const cls = `${el.getAttribute('class') ?? ''} ${el.parentElement?.getAttribute('class') ?? ''} ${itemprop}`;
      if (v && PUBLISHED_CLASS.test(cls) && !MODIFIED_CLASS.test(cls)) dates.push({ source: 'time-published', value: v, el });
      if (v && firstTime && !MODIFIED_CLASS.test(cls)) {
        dates.push({ source: 'time-first', value: v, el });
        firstTime = false;
      }
    }
    const dateCls = bare ? '' : `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`;
    if (
      dateCls &&
      DATE_CLASS.test(dateCls) &&
      !MODIFIED_CLASS.test(dateCls) &&
      /^(span|div|p|li|time|small|em|strong|b|i|abbr|header|footer|section|address|h[2-6])$/.test(name)
    ) {
      const v = visibleText(el);
      if (v && v.length <= MAX_DATE_LINE_CHARS && /\d/.test(v) && !inChrome(el) && !inTableOrList(name === 'li' ? el.parentElement : el))
        dates.push({ source: 'date-class', value: v, el });
    }
    if (LABEL_HOSTS.has(name)) {
      const lead = leadingText(el);
      const m = lead ? DATE_LABEL.exec(lead) : null;
      if (m) {
        const v = visibleText(el);
        const at = v.toLowerCase().indexOf(m[1]!.toLowerCase());
        const shown = at < 0 ? '' : v.slice(at, at + MAX_DATE_LINE_CHARS);
        if (/\d/.test(shown) && !inChrome(el) && !inTableOrList(name === 'li' ? el.parentElement : el)) dates.push({ source: 'date-label', value: shown, el });
      }
    }
    const cls = bare ? null : el.getAttribute('class');
    if (cls && name !== 'meta' && name !== 'body' && name !== 'html' && name !== 'a' && name !== 'img') {
      if (AUTHOR_CLASS.test(cls) && !NOT_AUTHOR_CLASS.test(cls) && !inChrome(el)) {
        const v = visibleText(el);
        if (v && v.length <= MAX_AUTHOR_ELEMENT_CHARS) authors.push({ source: 'author-class', value: v, el });
      }
      if (TITLE_CLASS.test(cls) && /^(h[1-6]|div|span|p|header)$/.test(name) && !inChrome(el)) {
        const v = visibleText(el);
        if (v) titles.push({ source: 'title-class', value: v, el });
      }
    }
  }
  if (url) {
    const d = dateInUrl(url.href);
    if (d) dates.push({ source: 'url', value: d });
  }
  return { titles, authors, dates };
}

/** A full date in an address: /2024/07/13/, /2024-07-13-, /20240713/. */
export function dateInUrl(href: string): string | null {
  const patterns = [/[/_-]((?:19|20)\d{2})[-_/](\d{1,2})[-_/](\d{1,2})(?=[/_.-]|$)/, /[/_-]((?:19|20)\d{2})(\d{2})(\d{2})(?=[/_.-]|$)/];
  for (const re of patterns) {
    const x = re.exec(href);
    if (!x) continue;
    const y = +x[1]!,
      mo = +x[2]!,
      d = +x[3]!;
    if (mo >= 1 && mo <= 12 && d >= 1 && d <= new Date(Date.UTC(y, mo, 0)).getUTCDate())
      return `${x[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  }
  return null;
}
