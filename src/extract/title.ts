/**
 * The headline: the on-page headline element when one can be found (it is what a reader sees),
 * else the declared title cleaned of site suffixes and channel trails (…_科技_腾讯网,
 * …--文化--人民网, … - 凤台县人民政府, … | The Site) by comparing its parts with the site name.
 */
import { decodeHTML } from 'entities';
import { squash } from './lines.js';
import { normalizeSpace } from './text.js';
import { bodyElements } from './elements.js';

/** Separators sites put between headline, channel and site name in <title>. */
const SEPARATOR = /\s*(?:_{1,2}|--+|—+|–|\s-\s|\s\|\s|\||｜|丨|::|»|\s·\s)\s*/;
/** Class or id words that mark a headline element on portals. */
const HEADLINE_CLASS =
  /(^|[\s_-])(title|headline|biaoti|bt|tit|art_?tit\w*|article-?title|news_?title|detail-?title|h-?title|main-?title|post-?title|entry-?title|articleTitle|tith?)(\d|$|[\s_-])/i;
/** Longest site or channel name part of a title. */
const MAX_TRAIL_CHARS = 16;
/** Names that end like a site's: 凤台县人民政府, 中国地理学会官网, 某某门户网站, …频道. */
const SITE_SUFFIX = /(人民政府|政府网|门户网站|官方网站|官网|网站|频道|客户端|新闻网|在线|\.com|\.cn|\.net|\.org)$/i;
/** Headlines are shorter than this; longer "headline" elements are lead paragraphs. */
const MAX_HEADLINE_CHARS = 160;
const MIN_HEADLINE_CHARS = 4;
/** A headline found inside the declared title must cover this share of it, so a site-name element never wins. */
const MIN_COVER = 0.35;

export interface TitleInput {
  doc: Document;
  /** Declared titles in order of trust: JSON-LD headline, og:title, ArticleTitle meta, <title>. */
  declared: (string | null | undefined)[];
  siteNames: string[];
}

export interface TitleResult {
  title: string | null;
  /** The headline element on the page, when found: the meta line sits just after it. */
  element: Element | null;
}

/** Tags whose text is never the headline: links, menus, footers, list items, dropdowns. */
const NOT_HEADLINE_TAGS = new Set(['a', 'nav', 'footer', 'li', 'select']);

/**
 * `el.closest('a, nav, footer, li, select, [class*="footer"], [id*="footer"]')`, memoised per ancestor: a selector
 * match up the tree for every candidate element was a hot spot on large portal pages. Case-insensitive, as nwsapi's
 * attribute matching is in HTML documents.
 */
function inLinkOrFooter(start: Element, memo: Map<Element, boolean>): boolean {
  // Iterative, not recursive: a hostile page can nest thousands deep.
  const path: Element[] = [];
  let result = false;
  for (let el: Element | null = start; el; el = el.parentElement) {
    const known = memo.get(el);
    if (known !== undefined) {
      result = known;
      break;
    }
    path.push(el);
    if (NOT_HEADLINE_TAGS.has(el.localName) || /footer/i.test(el.getAttribute('class') ?? '') || /footer/i.test(el.getAttribute('id') ?? '')) {
      result = true;
      break;
    }
  }
  // Everything below an excluded element is excluded; a path that ended clean is clean throughout.
  for (const el of path) memo.set(el, result);
  return result;
}

/**
 * Class words of a kicker, overline or subtitle set inside the headline element
 * (`<h1><span class="overline">Brexit</span> Vote delayed</h1>`): a reader sees a label above or
 * below the headline, and the headline is the rest. Matched against whole class tokens.
 */
const KICKER_WORDS = new Set([
  'kicker',
  'overline',
  'topline',
  'toptitle',
  'supertitle',
  'pretitle',
  'subtitle',
  'subheadline',
  'dachzeile',
  'roofline',
  'eyebrow',
  'label',
  'h1small',
  'tagline',
  'spitzmarke',
]);
/** Separators left at the edge once a kicker is gone ("Overline : Headline"). */
const EDGE_SEPARATOR = /^[\s:：|–—-]+|[\s:：|–—-]+$/g;

function isKicker(el: Element): boolean {
  if (el.localName === 'small') return true;
  const cls = el.getAttribute('class');
  return cls !== null && cls.split(/[\s_-]+/).some((w) => KICKER_WORDS.has(w.toLowerCase()));
}

/** The text of a headline element without its kicker or subtitle parts; all of it when nothing else would remain. */
export function headlineText(el: Element): string {
  const all = normalizeSpace(el.textContent ?? '');
  let cut = false;
  let text = '';
  const walk = (node: Node) => {
    for (let c = node.firstChild; c; c = c.nextSibling) {
      if (c.nodeType === 3) text += c.nodeValue ?? '';
      else if (c.nodeType === 1) {
        if (isKicker(c as Element)) {
          cut = true;
          text += ' ';
        } else walk(c);
      }
    }
  };
  walk(el);
  if (!cut) return all;
  const rest = normalizeSpace(text).replace(EDGE_SEPARATOR, '');
  return rest.length >= MIN_HEADLINE_CHARS ? rest : all;
}

const HIDING_STYLE = /display\s*:\s*none|visibility\s*:\s*hidden/i;
/**
 * What a hidden copy of the headline loses against a shown one: a share widget keeps "Headline-新华网" in a
 * display:none block. Only a handicap, as apps hide their whole root until a script has styled it.
 */
const HIDDEN_PENALTY = 5;

/** Whether an inline style hides `start` or an ancestor, memoised per ancestor as inLinkOrFooter is. */
function hiddenByStyle(start: Element, memo: Map<Element, boolean>): boolean {
  const path: Element[] = [];
  let result = false;
  for (let el: Element | null = start; el; el = el.parentElement) {
    const known = memo.get(el);
    if (known !== undefined) {
      result = known;
      break;
    }
    path.push(el);
    if (HIDING_STYLE.test(el.getAttribute('style') ?? '')) {
      result = true;
      break;
    }
  }
  for (const el of path) memo.set(el, result);
  return result;
}

const CANDIDATE_TAGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'div', 'p', 'span', 'td', 'strong', 'b', 'font', 'em']);

function candidates(doc: Document): Element[] {
  const out: Element[] = [];
  const excluded = new Map<Element, boolean>();
  for (const el of bodyElements(doc)) {
    if (!CANDIDATE_TAGS.has(el.localName)) continue;
    const tag = el.tagName.toLowerCase();
    const named = HEADLINE_CLASS.test(`${el.getAttribute('class') ?? ''} ${el.id}`);
    if (!/^h[1-6]$/.test(tag) && !named && !/^(strong|b|font)$/.test(tag)) continue;
    if (inLinkOrFooter(el, excluded)) continue;
    const text = headlineText(el);
    if (text.length < MIN_HEADLINE_CHARS || text.length > MAX_HEADLINE_CHARS) continue;
    out.push(el);
  }
  return out;
}

/**
 * Titles compared as a reader reads them: without white space, case, or the difference between a
 * typographic quote or dash and the ASCII one (a <title> or og:title often has "Sorge - Finanzdaten"
 * and 'tranqui' where the headline shows "Sorge – Finanzdaten" and ‘tranqui’, or the headline
 * is set in capitals).
 */
function foldTitle(s: string): string {
  return squash(s)
    .toLowerCase()
    .replace(/[‘’‚‛′`´]/g, "'")
    .replace(/[“”„‟″«»]/g, '"')
    .replace(/[‐‑‒–—―−]/g, '-');
}

/** A headline element that starts with a declared title and goes on is the headline the title was cut from. */
const MIN_PREFIX_COVER = 0.5;
const HEADING_TAGS = new Set(['h1', 'h2', 'h3']);

/** An inline lead-in ("<strong>Open Journalism Project:</strong> …") is part of a headline only when it covers most of it. */
const MIN_INLINE_COVER = 0.6;
const INLINE_TAGS = new Set(['strong', 'b', 'font', 'em', 'span']);

/** How well `el`, whose folded text is `text`, matches the folded declared titles. */
function score(el: Element, text: string, refs: string[]): number {
  const tag = el.tagName.toLowerCase();
  let s = 0;
  for (const r of refs) {
    if (!r) continue;
    if (r === text) s = Math.max(s, 30);
    // A part that ends at a colon is the label before the rest of the headline, never all of it.
    else if (r.includes(text) && !/[:：]$/.test(text) && text.length >= r.length * (INLINE_TAGS.has(tag) ? MIN_INLINE_COVER : MIN_COVER))
      s = Math.max(s, 20 + (10 * text.length) / r.length);
    else if (HEADING_TAGS.has(tag) && text.startsWith(r) && r.length >= text.length * MIN_PREFIX_COVER) s = Math.max(s, 20 + (10 * r.length) / text.length);
  }
  if (s === 0) return 0;
  if (tag === 'h1') s += 3;
  else if (/^h[2-3]$/.test(tag)) s += 1;
  if (HEADLINE_CLASS.test(`${el.getAttribute('class') ?? ''} ${el.id}`)) s += 2;
  return s;
}

/** The length of the longest string (-Infinity for none, as Math.max()); no spread, as a hostile title splits into more parts than a call takes arguments. */
function longestLength(parts: string[]): number {
  return parts.reduce((max, p) => Math.max(max, p.length), -Infinity);
}

/** Picks the headline. */
export function findTitle(input: TitleInput): TitleResult {
  const declared = input.declared.map((d) => normalizeSpace(decodeEntities(d ?? ''))).filter(Boolean);
  const refs = declared.map(foldTitle);
  // The short last part of a declared title is the site's name; an element showing it is the logo, not the headline.
  const lastParts = declared
    .map((d) => d.split(SEPARATOR))
    .filter(
      (p) =>
        p.length > 1 &&
        p[p.length - 1]!.length <= MAX_TRAIL_CHARS &&
        (SITE_SUFFIX.test(p[p.length - 1]!) || p[p.length - 1]!.length < longestLength(p.slice(0, -1))),
    )
    .map((p) => p[p.length - 1]!);
  const names = [...input.siteNames, ...lastParts].map(foldTitle).filter((n) => n.length >= 2);
  let best: { el: Element; s: number } | null = null;
  const found = candidates(input.doc);
  const hidden = new Map<Element, boolean>();
  for (const el of found) {
    const text = foldTitle(headlineText(el));
    if (names.some((n) => n === text || n.includes(text))) continue;
    let s = score(el, text, refs);
    if (s > 0 && hiddenByStyle(el, hidden)) s -= HIDDEN_PENALTY;
    // Ties go to the earlier element: the headline comes before related-article lists.
    if (s > 0 && (!best || s > best.s)) best = { el, s };
  }
  if (best) return { title: headlineText(best.el), element: best.el };
  // No element shows a declared title: the page's one <h1> is its headline. The declared ones are written for search
  // engines and shares ("The 5 Best Gooseneck Kettles (2026), Tested" on a page headed "Perfect your pour: …").
  const h1s = found.filter((el) => el.localName === 'h1' && !names.includes(foldTitle(headlineText(el))));
  if (h1s.length === 1) return { title: headlineText(h1s[0]!), element: h1s[0]! };
  const first = declared[0];
  if (!first) return { title: null, element: null };
  return { title: cleanTitle(first, input.siteNames), element: null };
}

/** Entities a CMS escaped twice into a meta tag's content ("Sorge &#8211; Finanzdaten", "SF&#x27;s"): a reader sees the character. */
export function decodeEntities(s: string): string {
  // HTML's whole table (entities, the parser's own library): a JSON-LD name "Redacci&oacute;n" was cut at the '&' with a short list.
  return s.includes('&') ? decodeHTML(s) : s;
}

/**
 * Removes a site name and channel trail from a declared title. Parts are dropped from the end
 * (and the start) only while they look like names: short, or matching a known site name.
 */
export function cleanTitle(raw: string, siteNames: string[]): string {
  const title = normalizeSpace(raw);
  const parts = title.split(SEPARATOR).map((p) => p.trim());
  if (parts.length < 2) return title;
  const sites = siteNames.map(squash).filter((s) => s.length >= 2);
  const isSite = (p: string) => {
    const q = squash(p);
    return q === '' || sites.some((s) => q === s || q.includes(s) || s.includes(q));
  };
  const longest = longestLength(parts);
  /** A trail part: a site or channel name, clearly shorter than the headline part. */
  const isTrail = (p: string) => isSite(p) || SITE_SUFFIX.test(p) || (p.length <= MAX_TRAIL_CHARS && p.length < longest * 0.6);
  let start = 0;
  let end = parts.length;
  // Once the site name is gone, the short parts before it are its channel trail (…_科技_腾讯网).
  let dropped = false;
  while (end - start > 1 && (isTrail(parts[end - 1]!) || (dropped && parts[end - 1]!.length <= MAX_TRAIL_CHARS && parts[end - 1]!.length < longest))) {
    end--;
    dropped = true;
  }
  while (end - start > 1 && isSite(parts[start]!)) start++;
  // Keep the separators inside the headline itself ("A - B" in a headline is rare but real).
  const kept = parts.slice(start, end);
  if (kept.length === 1) return kept[0]!;
  const head = kept.reduce((a, b) => (b.length > a.length ? b : a));
  return head.length >= kept.join('').length * 0.7 ? head : kept.join(' - ');
}
