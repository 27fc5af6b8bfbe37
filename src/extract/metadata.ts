/**
 * Metadata in two passes. `extractMetadata` reads what the page declares (JSON-LD, meta tags,
 * <title>, the headline element); `attribute` then reads what the page shows around the
 * headline and body (meta line, credits, notices, breadcrumb, footer) and lifts those lines out
 * of the extracted body. Each field is the first valid of an ordered list of candidates.
 */
import type { NamedLinkT } from '../schema.js';
import type { Metadata } from '../types.js';
import { readPage } from './attribution.js';
import { liftFromBody } from './lift.js';
import type { ReadabilityMeta } from './body.js';
import { breadcrumbText, jsonLdBreadcrumb, parseBreadcrumb } from './breadcrumb.js';
import { NO_NAME, closingAuthors, datelineAuthors, parseMetaLine, splitNames } from './bylines.js';
import { CHINA_ZONE, dateFromUrl, fromEpoch, parseDate, type ParsedDate } from './dates.js';
import { articleNode, names, nodeOfType, readJsonLd, str, type JsonLdNode } from './jsonld.js';
import { findLine, squash, textLines, type Line } from './lines.js';
import { siteFromFooter, siteFromLogo, siteFromTitle } from './site.js';
import { cleanTitle, findTitle } from './title.js';
import { cjkRatio, leadingText, normalizeSpace } from './text.js';
import { baseOf } from './base.js';
import { documentTitle, elementsNamed } from './elements.js';
import { collectEvidence, type AuthorSource, type PageEvidence } from './evidence.js';
import { normalizeLanguage } from './language.js';
import { extractTags } from './tags.js';
import { monthFirstLanguage, rankedPublished } from './published.js';
import { checkName, namesFrom, type CheckedName, type NameContext } from './names.js';

/**
 * Author sources, most reliable first, as bench:sources measured them on the tune halves of tf-dev
 * and wcxb-dev articles (right / given, after the validity check): JSON-LD Person 123/150, meta
 * author 129/160, an author or byline element 99/150, microdata 14/22, rel=author 19/30. A JSON-LD
 * Organization is an outlet, never an author.
 */
export const AUTHOR_SOURCE_RANK: AuthorSource[] = ['ld-person', 'meta-author', 'author-class', 'microdata', 'rel-author'];

/** The first source in rank order that gives a name that passes the check; a handle only when no source gives a shown name. */
export function rankedAuthors(evidence: PageEvidence, ctx: NameContext, extra: string[][] = []): string[] {
  let handles: CheckedName[] = [];
  const lists = [
    ...AUTHOR_SOURCE_RANK.map((src) => ({ src, values: evidence.authors.filter((e) => e.source === src).map((e) => e.value) })),
    ...extra.map((values) => ({ src: 'readability', values })),
  ];
  for (const { src, values } of lists) {
    const declaredLists = src === 'ld-person' || src === 'meta-author' || src === 'microdata';
    const found: CheckedName[] = [];
    for (const v of values) {
      const names = namesFrom(v, ctx);
      for (const n of names) if (!found.some((f) => f.name.toLowerCase() === n.name.toLowerCase())) found.push(n);
      // Declared lists name every co-author; of the byline blocks a page shows, the first is the article's (later ones are reviewers, "more by").
      if (names.length && !declaredLists) break;
    }
    const shown = found.filter((n) => !n.handle);
    if (shown.length) return shown.map((n) => n.name);
    // A declared handle stands in for a missing name; a handle on the page heads a post (a forum thread's), not the article.
    if (!handles.length && declaredLists) handles = found;
  }
  return handles.map((n) => n.name);
}

/** The one validity check every candidate passes (STYLE rule 2): a non-empty, non-placeholder string of sane length. */
const MAX_FIELD_CHARS = 500;
export function firstValid(candidates: (string | null | undefined)[]): string | null {
  for (const c of candidates) {
    if (typeof c !== 'string') continue;
    const v = normalizeSpace(c);
    if (v && v.length <= MAX_FIELD_CHARS && !/^(null|undefined|none|n\/a|-)$/i.test(v)) return v;
  }
  return null;
}

/** Shorter alt texts ("图片", "logo", a name) also occur as ordinary lines; a caption-length one does not. */
const MIN_CAPTION_ALT_CHARS = 12;

export interface MetadataInput {
  doc: Document;
  url: URL | undefined;
  readability: ReadabilityMeta | null;
  /** Content-Language header, if any. */
  contentLanguage?: string;
  /** The page's HTML as decoded, for dates only scripts carry (WeChat's `var ct`). */
  html?: string;
}

/** What the declared pass hands to the on-page pass. */
export interface Declared {
  ld: JsonLdNode[];
  headline: Element | null;
  /** Structured candidates for fields the page text may override. */
  structuredPublished: string | null;
  structuredAuthors: string[];
  structuredSource: string | null;
  siteNames: string[];
  evidence: PageEvidence;
  /** The publication date from ranked evidence (pages other than Chinese ones), or null. */
  rankedPublished: string | null;
  /** Numeric dates on this page put the month first (its language is US English). */
  monthFirst: boolean;
  chinese: boolean;
}

export interface MetadataResult {
  metadata: Metadata;
  declared: Declared;
  warnings: string[];
}

/**
 * The first <meta> per lower-cased property/name/itemprop, built in one pass per document: a querySelector per key
 * (with case-insensitive attribute selectors) walked the whole tree each time and was a third of extract time.
 */
const metaIndexes = new WeakMap<Document, Map<string, Element>>();
function metaIndex(doc: Document): Map<string, Element> {
  let index = metaIndexes.get(doc);
  if (index) return index;
  index = new Map();
  for (const el of elementsNamed(doc, 'meta')) {
    for (const attr of ['property', 'name', 'itemprop']) {
      const k = el.getAttribute(attr)?.toLowerCase();
      if (k !== undefined && !index.has(k)) index.set(k, el);
    }
  }
  metaIndexes.set(doc, index);
  return index;
}

function meta(doc: Document, ...keys: string[]): string | null {
  const index = metaIndex(doc);
  for (const k of keys) {
    const v = index.get(k.toLowerCase())?.getAttribute('content');
    if (v?.trim()) return v.trim();
  }
  return null;
}

/** Meta tags that carry the publication date, most specific first (Open Graph, gov CMS PubDate, Baidu, Tencent, Sina). */
const PUBLISHED_META = [
  'article:published_time',
  'datePublished',
  'pubdate',
  'PubDate',
  'publishdate',
  'publish-date',
  'publish_date',
  'publishedDate',
  'firstpublishedtime',
  'apub:time',
  'weibo: article:create_at',
  'og:release_date',
  'sailthru.date',
  'parsely-pub-date',
  'dc.date',
  'dc.date.issued',
  'dcterms.created',
  'dcterms.issued',
  'date',
  'dateUpdate',
  'article:modified_time',
];

/** Reads what the page declares about itself: JSON-LD, meta tags, <title>, the headline element, <html lang>. */
export function extractMetadata(input: MetadataInput): MetadataResult {
  const { doc, url, readability } = input;
  const warnings: string[] = [];
  const ld = readJsonLd(doc);
  const art = articleNode(ld) ?? {};
  const org = nodeOfType(ld, 'Organization') ?? nodeOfType(ld, 'NewsMediaOrganization');

  // Both readers of the page's text (the language guess, the Chinese test) read its start alone.
  const bodyText = doc.body ? leadingText(doc.body, LANGUAGE_SAMPLE_CHARS) : '';
  // The first declared language that is a language tag, in BCP 47's case (en-US, zh-CN): "en-us" and "EN" are the same language.
  const language =
    [
      doc.documentElement.getAttribute('lang'),
      doc.documentElement.getAttribute('xml:lang'),
      meta(doc, 'og:locale'),
      meta(doc, 'content-language', 'language', 'dc.language'),
      input.contentLanguage,
      str(art.inLanguage),
    ]
      .map(normalizeLanguage)
      .find((l): l is string => l !== null) ?? guessLanguage(bodyText);
  // Chinese by its declaration, or by its text when it declares another language (lang="en" on a Chinese portal's template);
  // kana make it Japanese, which has no China Standard Time to assume.
  const sample = bodyText.slice(0, 3000);
  const chinese =
    (language ?? '').toLowerCase().startsWith('zh') || (!/^(ja|ko)/i.test(language ?? '') && cjkRatio(sample) > 0.3 && !/[\u3040-\u30ff]/.test(sample));

  const declaredSite = firstValid([
    meta(doc, 'og:site_name', 'application-name', 'SiteName', 'sitename'),
    names(art.publisher)[0],
    org ? names(org)[0] : null,
    readability?.siteName,
  ]);
  const docTitle = documentTitle(doc);
  const siteNames = [declaredSite, siteFromLogo(doc)].filter((x): x is string => Boolean(x));
  const found = findTitle({
    doc,
    declared: [str(art.headline), meta(doc, 'og:title', 'twitter:title'), meta(doc, 'ArticleTitle', 'headline', 'title'), docTitle, readability?.title],
    siteNames,
  });
  const title = found.title ?? firstValid([readability?.title && cleanTitle(readability.title, siteNames)]);
  const siteName = firstValid([declaredSite, siteFromTitle(docTitle, title), siteNames[1]]);
  const site = siteName ? { name: siteName, url: url ? `${url.protocol}//${url.host}/` : null } : null;

  const zone = chinese ? CHINA_ZONE : null;
  const date = (candidates: (string | null | undefined)[]): string | null => {
    for (const c of candidates) {
      if (!c) continue;
      const p = parseDate(c, zone);
      if (p) {
        if (p.zoneAssumed) warnings.push(`time zone of "${c}" assumed to be ${zone} (China Standard Time)`);
        return p.iso;
      }
    }
    return null;
  };
  const scriptDate = input.html ? epochFromScript(input.html, zone) : null;
  const structuredPublished =
    date([
      str(art.datePublished),
      meta(doc, ...PUBLISHED_META),
      elementsNamed(doc, 'time')
        .find((el) => el.hasAttribute('datetime'))
        ?.getAttribute('datetime'),
      readability?.publishedTime,
    ]) ??
    scriptDate?.iso ??
    null;
  const modified = date([str(art.dateModified), meta(doc, 'article:modified_time', 'dateModified', 'og:updated_time', 'dcterms.modified')]);

  const structuredAuthors = unique(
    [...names(art.author), ...(meta(doc, 'author', 'article:author', 'dc.creator', 'byl') ?? '').split(/[,;，、]/)]
      .map((a) => normalizeSpace(a.replace(/^(by|作者)[\s:：]+/i, '')))
      .filter((a) => a && !/^https?:/.test(a) && !NO_NAME.test(a) && !/^\d+$/.test(a) && a.length <= 40),
  );
  const evidence = collectEvidence(doc, ld, url);
  const ranked = chinese ? null : rankedPublished(evidence, language);
  const nameContext: NameContext = { siteNames: [...siteNames, ...(siteName ? [siteName] : [])], host: url?.host };
  const structuredSourceRaw = meta(doc, 'ContentSource', 'source', 'og:source', 'mediaid');
  const structuredSource = structuredSourceRaw
    ? (parseMetaLine(/来源|出处/.test(structuredSourceRaw) ? structuredSourceRaw : `来源：${structuredSourceRaw}`).source ?? null)
    : null;

  const imageUrl = firstValid([meta(doc, 'og:image', 'twitter:image'), str(art.image)]);
  let leadImage = null;
  if (imageUrl) {
    try {
      leadImage = { url: new URL(imageUrl, baseOf(doc)).href, alt: null, caption: null };
    } catch {
      leadImage = null;
    }
  }

  return {
    metadata: {
      title,
      authors: chinese ? [] : rankedAuthors(evidence, nameContext, [readability?.byline ? [readability.byline] : []]),
      editors: [],
      published: ranked?.iso ?? structuredPublished,
      modified,
      language,
      site,
      description: firstValid([meta(doc, 'description', 'og:description', 'twitter:description'), str(art.description)]),
      section: [],
      tags: extractTags(doc, art),
      leadImage,
    },
    declared: {
      ld,
      headline: found.element,
      structuredPublished,
      structuredAuthors,
      structuredSource,
      siteNames: [...siteNames, ...(siteName ? [siteName] : [])],
      chinese,
      evidence,
      rankedPublished: ranked?.iso ?? null,
      monthFirst: monthFirstLanguage(language),
    },
    warnings,
  };
}

/** WeChat and Toutiao print relative dates ("昨天") and keep the real one in a script variable. */
function epochFromScript(html: string, zone: string | null): ParsedDate | null {
  const m = /\bvar\s+ct\s*=\s*["']?(\d{10})["']?|["']?publish_time["']?\s*[:=]\s*["']?(\d{10})\b/.exec(html);
  const s = m?.[1] ?? m?.[2];
  return s ? fromEpoch(+s, zone) : null;
}

export interface AttributeInput {
  doc: Document;
  url: URL | undefined;
  /** The extraction's body container; attribution lines are removed from it. */
  body: Element;
  metadata: Metadata;
  declared: Declared;
}

export interface AttributeResult {
  source: NamedLinkT | null;
  disclaimer: string | null;
  warnings: string[];
}

/** The on-page pass: fills authors, editors, published, source, section, site and disclaimer, and cleans the body. */
export function attribute(input: AttributeInput): AttributeResult {
  const { doc, body, metadata: m, declared: d } = input;
  const warnings: string[] = [];
  const zone = d.chinese ? CHINA_ZONE : null;

  // 1. lift meta, credit, notice and tool lines out of the body.
  const alts = new Set(
    elementsNamed(doc, 'img')
      .filter((img) => img.hasAttribute('alt'))
      .map((img) => squash(img.getAttribute('alt') ?? ''))
      .filter((a) => a.length >= MIN_CAPTION_ALT_CHARS),
  );
  const lifted = liftFromBody(body, m.title, alts);

  // 2. read the original page around the headline and the (cleaned) body.
  const lines = doc.body ? textLines(doc.body) : [];
  const headline = headlineLine(lines, d.headline, m.title);
  const bodyLines = textLines(body);
  const knownDate = d.structuredPublished ?? (input.url ? dateFromUrl(input.url.href) : null);
  const page = readPage({
    lines,
    headline,
    bodyFirst: bodyLines[0]?.text ?? null,
    bodyLast: bodyLines[bodyLines.length - 1]?.text ?? null,
    knownDate,
    defaultZone: zone,
    monthFirst: d.monthFirst,
    skipTableDates: !d.chinese,
  });

  // A headline that only <title> gave: the line just above the meta line is the one a reader sees.
  if (!d.headline && headline < 0 && page.published) {
    const h = headlineAboveMetaLine(lines, page.published.text);
    if (h) m.title = h;
  }

  // published: ranked evidence where the page has it (metadata.ts step 4c); else the date the page shows, else the
  // declared one, else the URL's.
  if (d.chinese || !d.rankedPublished) {
    let shown = page.published ?? lifted.published;
    // The declared date is the same day to the minute (or adds the time the page leaves out): it carries the zone and seconds.
    const declaredDate = d.structuredPublished;
    if (
      shown &&
      declaredDate &&
      declaredDate.slice(0, 10) === shown.iso.slice(0, 10) &&
      declaredDate.length > 10 &&
      (!shown.hasTime || declaredDate.slice(11, 16) === shown.iso.slice(11, 16))
    ) {
      shown = null;
      m.published = declaredDate;
    }
    if (shown) {
      m.published = shown.iso;
      if (shown.zoneAssumed) warnings.push(`time zone of "${shown.text.trim().slice(0, 30)}" assumed to be ${zone} (China Standard Time)`);
    } else if (!m.published && input.url) {
      m.published = dateFromUrl(input.url.href);
    }
  }

  // A dateline or closing credit in the extracted body, when the body could not be placed on the page.
  if (lifted.authors.length === 0 && page.authors.length === 0 && page.bodyStart < 0) {
    const cleaned = textLines(body);
    for (const l of cleaned.slice(0, 3)) page.authors.push(...datelineAuthors(l.text));
    for (const l of cleaned.slice(-3).reverse()) if (page.authors.length === 0) page.authors.push(...closingAuthors(l.text));
  }

  // authors: the byline the page shows; declared ones only when the page shows them too (a hidden meta author is a CMS login).
  const notAuthor = new Set([...d.siteNames, lifted.source?.name, page.source?.name, d.structuredSource].filter(Boolean).map((x) => squash(x!)));
  const shownAuthors = unique([...lifted.authors, ...page.authors]).filter((a) => !notAuthor.has(squash(a)));
  if (d.chinese) {
    // Shown means: a line of its own (an author box) or right after a byline label.
    const shownAsByline = (a: string) => {
      const q = squash(a);
      return lines.some(
        (l) => squash(l.text) === q || new RegExp(`(作者|文|By)[：:/／\\s]*${q.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'i').test(squash(l.text)),
      );
    };
    const visibleDeclared = d.structuredAuthors.filter((a) => !notAuthor.has(squash(a)) && shownAsByline(a));
    m.authors = shownAuthors.length ? shownAuthors : visibleDeclared;
  } else if (m.authors.length === 0) {
    const ctx: NameContext = { siteNames: [...notAuthorNames(d, lifted.source?.name, page.source?.name)], host: input.url?.host };
    m.authors = shownAuthors
      .map((a) => checkName(a, ctx))
      .filter((c): c is CheckedName => c !== null && !c.handle)
      .map((c) => c.name);
  }
  // Chinese credits pass the same check: page furniture (阅读, 简介) and markup (size=) never become names.
  if (d.chinese) m.authors = m.authors.filter((a) => checkName(a, { siteNames: [] }) !== null);
  m.editors = unique([...lifted.editors, ...page.editors].flatMap((e) => splitNames(e)));

  // source: the meta line's 来源, the original-article link, the declared ContentSource.
  const sourceName = firstValid([page.source?.name, lifted.source?.name, d.structuredSource]);
  const sourceUrl = lifted.source?.url ?? page.source?.url ?? null;
  const source = sourceName ? { name: sourceName, url: sourceUrl } : null;

  // section: JSON-LD BreadcrumbList, the breadcrumb element or line.
  const siteNames = m.site ? [...d.siteNames, m.site.name] : d.siteNames;
  const ldCrumbs = jsonLdBreadcrumb(d.ld);
  const crumbText = breadcrumbText(doc, lines, headline);
  m.section = ldCrumbs
    ? parseBreadcrumb(ldCrumbs.join(' > '), { title: m.title, siteNames })
    : crumbText
      ? parseBreadcrumb(crumbText, { title: m.title, siteNames })
      : [];

  // site: declared, else the footer's "… 版权所有".
  if (!m.site) {
    const name = siteFromFooter(lines);
    if (name) m.site = { name, url: input.url ? `${input.url.protocol}//${input.url.host}/` : null };
  }

  const notices = unique([lifted.disclaimer, page.disclaimer].filter((x): x is string => Boolean(x)).flatMap((x) => x.split('\n')));
  return { source, disclaimer: notices.length ? notices.join('\n') : null, warnings };
}

function headlineLine(lines: Line[], el: Element | null, title: string | null): number {
  if (el) {
    const i = lines.findIndex((l) => l.el === el || el.contains(l.el) || (l.el.contains(el) && squash(l.text) === squash(el.textContent ?? '')));
    if (i >= 0) return i;
  }
  return title ? findLine(lines, title) : -1;
}

/** The short line right above the first meta line: gov and portal pages put the headline there without marking it. */
function headlineAboveMetaLine(lines: Line[], dateText: string): string | null {
  const i = lines.findIndex((l) => l.text.includes(dateText.trim().slice(0, 10)) && parseMetaLine(l.text).labelled);
  for (let j = i - 1; j >= Math.max(0, i - 2); j--) {
    const t = lines[j]!.text;
    if (t.length >= 6 && t.length <= 100 && lines[j]!.linkChars < t.length / 2 && !/[>»]/.test(t)) return t;
  }
  return null;
}

function notAuthorNames(d: Declared, ...more: (string | null | undefined)[]): string[] {
  return [...d.siteNames, d.structuredSource, ...more].filter((x): x is string => Boolean(x));
}

function unique(xs: string[]): string[] {
  return [...new Set(xs)];
}

/** How much of a page's text the language guess reads. */
const LANGUAGE_SAMPLE_CHARS = 5000;

/** Language from the text alone, when the page declares none. */
export function guessLanguage(text: string): string | null {
  const sample = text.slice(0, LANGUAGE_SAMPLE_CHARS);
  if (/[\u3040-\u30ff]/.test(sample)) return 'ja';
  if (/[\uac00-\ud7af]/.test(sample)) return 'ko';
  if (cjkRatio(sample) > 0.3) return /[這們說來對會國時後為個與麼]/.test(sample) && !/[这们说来对会国时后为个与么]/.test(sample) ? 'zh-TW' : 'zh-CN';
  if (/[\u0400-\u04ff]/.test(sample)) return 'ru';
  return null;
}
