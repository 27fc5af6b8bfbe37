/**
 * When the chosen body is only a piece of the page's content. Readability and the density pick
 * both look for the one container of an article's prose. On a page that is not an article — a
 * listing, a service or landing page, a thread, a product, a collection — the content is spread
 * over many such blocks, and the pick holds one of them: a listing keeps one item, a service page
 * one section. There the page's main region, or the whole page once chrome is gone, is the body.
 *
 * Measured on the wcxb-dev tune half (mean word F1 per page type, bench:quality): where the pick
 * holds under 40% of the cleaned page's text and the page declares no article, widening took
 * service pages from 0.65 to 0.73, listings 0.47 to 0.54, collections 0.40 to 0.48 and threads
 * 0.68 to 0.77, with articles 0.93 to 0.94; the check half moved alike. On a page that declares
 * an article only a pick under 15% of the page is wrong: a teaser, a caption or a footer, with the
 * story elsewhere. News pages, whose picks hold a third of the page or more, do not move.
 *
 * Two guards keep a story's page as it is. Where the text outside the pick is half link text and
 * next to none of it prose, it is the site's feeds around one story (headlines, sources, times,
 * counts: portal pages hold a small story in a page of these), while the pages that gain from
 * widening have sections, posts or item descriptions outside the pick. On zh-news every page that
 * would have widened has 48% or more link text outside its pick and under 6% of it in blocks of
 * prose; of the 140 wcxb-dev pages that widen, four are stopped so. And what widening adds must be
 * more than a line or two: on a small page the pick is the page.
 */
import type { PageKind } from './page-type.js';
import { toText } from '../common/plain-text.js';
import { nextInTree } from '../common/tag-walk.js';
import { squash } from './lines.js';

/** A pick holding less than this share of the cleaned page's text is a piece of a page that declares no article. */
export const PIECE_SHARE = 0.4;
/** The same on a page that declares an article: only a teaser or a footer holds this little of it. */
export const ARTICLE_PIECE_SHARE = 0.15;

/** Outside the pick, this share of link text or more, with under FEED_PROSE_SHARE of prose, is feeds around a story. */
export const FEED_LINK_SHARE = 0.45;
export const FEED_PROSE_SHARE = 0.1;
/** A block of at least this many characters (white space left out) is prose: a sentence or more, not a headline or a date. */
const PROSE_CHARS = 80;
/** Blocks are matched on a prefix of their white-space-free text, as extract/choose.ts matches paragraphs. */
const KEY_CHARS = 30;
/** Widening adds at least this many characters, or the pick is the page. */
export const MIN_ADDED_CHARS = 300;

/**
 * How much text the cleaned page holds, how much of it is link text, and how much its main region
 * holds: measured before Readability, which changes the page.
 */
export interface PageExtent {
  /** The cleaned page as plain text, blocks apart. */
  text: string;
  chars: number;
  linkChars: number;
  mainChars: number;
}

export function pageExtent(doc: Document): PageExtent {
  const body = doc.body;
  if (!body) return { text: '', chars: 0, linkChars: 0, mainChars: 0 };
  const main = mainRegion(body);
  const text = toText(body);
  return { text, chars: text.length, linkChars: linkChars(body), mainChars: main ? toText(main).length : 0 };
}

/** Which region to take instead of `pick` (null: no body was found), or null to keep the pick. */
export function widerRegion(pick: { el: Element; textLength: number } | null, extent: PageExtent, kind: PageKind): 'main' | 'page' | null {
  const chars = pick?.textLength ?? 0;
  const share = kind === 'article' ? ARTICLE_PIECE_SHARE : PIECE_SHARE;
  const rest = extent.chars - chars;
  if (chars >= share * extent.chars || rest < MIN_ADDED_CHARS) return null;
  if (pick && feedsAround(pick.el, extent, rest)) return null;
  return extent.mainChars > chars ? 'main' : 'page';
}

function feedsAround(pick: Element, extent: PageExtent, rest: number): boolean {
  if (extent.linkChars - linkChars(pick) < FEED_LINK_SHARE * rest) return false;
  const picked = new Set(blocks(toText(pick)).map((b) => b.slice(0, KEY_CHARS)));
  const around = blocks(extent.text).filter((b) => !picked.has(b.slice(0, KEY_CHARS)));
  const all = around.reduce((n, b) => n + b.length, 0);
  const prose = around.reduce((n, b) => n + (b.length >= PROSE_CHARS ? b.length : 0), 0);
  return prose < FEED_PROSE_SHARE * all;
}

const blocks = (text: string) => text.split(/\n\n+/).map(squash).filter(Boolean);

/**
 * The text of links under `root`, in one walk of its nodes: each link's text nodes, runs of white
 * space counted as one, as the page's own text is counted. On a page of 2,000 links, asking each
 * <a> for its textContent took a sixth of the page's time.
 */
function linkChars(root: Element): number {
  let n = 0;
  let link: Node | null = null;
  let node: Node | null = root.firstChild;
  while (node) {
    if (node.nodeType === TEXT_NODE) {
      if (link) n += (node.nodeValue ?? '').replace(/\s+/g, ' ').length;
    } else if (node.nodeType === ELEMENT_NODE && !link && (node as Element).localName === 'a') link = node;
    if (node.nodeType === ELEMENT_NODE && node.firstChild) {
      node = node.firstChild;
      continue;
    }
    // Along, or up until there is a next sibling; leaving the link on the way up.
    while (node && node !== root) {
      if (node === link) link = null;
      if (node.nextSibling) break;
      node = node.parentNode;
    }
    node = node && node !== root ? node.nextSibling : null;
  }
  return n;
}

const TEXT_NODE = 3;
const ELEMENT_NODE = 1;

/** `querySelector('main, [role=main]')`, by a walk: the selector engine matched it element by element. */
function mainRegion(root: Element): Element | null {
  for (let el = root.firstElementChild; el; el = nextInTree(el, root)) if (el.localName === 'main' || el.getAttribute('role') === 'main') return el;
  return null;
}

/** The element of `doc` that is `region`: its <main> (or role=main), or its <body>. */
export function regionElement(doc: Document, region: 'main' | 'page'): Element | null {
  if (!doc.body) return null;
  return region === 'main' ? mainRegion(doc.body) : doc.body;
}
