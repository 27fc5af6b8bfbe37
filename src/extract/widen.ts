/**
 * When the chosen body is only a piece of the page's content. Readability and the density pick
 * both look for the one container of an article's prose. On a page that is not an article — a
 * listing, a service or landing page, a thread, a product, a collection — the content is spread
 * over many such blocks, and the pick holds one of them: a listing keeps one item, a service page
 * one section. There the page's main region, or the whole page once chrome is gone, is the body.
 *
 * Measured on the wcxb-dev tune half (per-page word F1 of the pick against the widened body):
 * where the pick holds under 40% of the cleaned page's text and the page declares no article,
 * widening took service pages from 0.65 to 0.74, listings 0.47 to 0.55, collections 0.40 to 0.50
 * and threads 0.66 to 0.75, with articles unchanged. On a page that declares an article only a
 * pick under 15% of the page is wrong: a teaser, a caption or a footer, with the story elsewhere.
 * News pages, whose picks hold a third of the page or more, do not move.
 *
 * Two guards keep a story's page as it is. Where the text outside the pick is mostly link text,
 * it is navigation and related-story lists around one story (portal pages hold a small story in a
 * page of links), while a page of many items has prose between its links: on zh-news every page
 * that would have widened has 72% or more link text outside its pick, the wcxb-dev pages that
 * gain from widening mostly under 30%. And what widening adds must be more than a line or two: on
 * a small page the pick is the page.
 */
import type { PageKind } from './page-type.js';
import { toText } from '../common/plain-text.js';

/** A pick holding less than this share of the cleaned page's text is a piece of a page that declares no article. */
export const PIECE_SHARE = 0.4;
/** The same on a page that declares an article: only a teaser or a footer holds this little of it. */
export const ARTICLE_PIECE_SHARE = 0.15;

/** Outside the pick, at least this share of link text makes the rest of the page navigation and lists around a story. */
export const LINKS_AROUND_SHARE = 0.6;
/** Widening adds at least this many characters, or the pick is the page. */
export const MIN_ADDED_CHARS = 300;

const MAIN_REGION = 'main, [role=main]';

/**
 * How much text the cleaned page holds, how much of it is link text, and how much its main region
 * holds: measured before Readability, which changes the page.
 */
export interface PageExtent {
  chars: number;
  linkChars: number;
  mainChars: number;
}

export function pageExtent(doc: Document): PageExtent {
  const main = doc.querySelector(MAIN_REGION);
  return {
    chars: doc.body ? textChars(doc.body) : 0,
    linkChars: doc.body ? linkChars(doc.body) : 0,
    mainChars: main ? textChars(main) : 0,
  };
}

/** Which region to take instead of `pick` (null: no body was found), or null to keep the pick. */
export function widerRegion(pick: { el: Element; textLength: number } | null, extent: PageExtent, kind: PageKind): 'main' | 'page' | null {
  const chars = pick?.textLength ?? 0;
  const share = kind === 'article' ? ARTICLE_PIECE_SHARE : PIECE_SHARE;
  const rest = extent.chars - chars;
  if (chars >= share * extent.chars || rest < MIN_ADDED_CHARS) return null;
  const restLinks = extent.linkChars - (pick ? linkChars(pick.el) : 0);
  if (restLinks >= LINKS_AROUND_SHARE * rest) return null;
  return extent.mainChars > chars ? 'main' : 'page';
}

/** As plain text, blocks apart: measured so, textContent's run-together blocks moved collection pages 2 points down. */
const textChars = (el: Element) => toText(el).length;

function linkChars(root: Element): number {
  let n = 0;
  for (const a of Array.from(root.getElementsByTagName('a'))) n += (a.textContent ?? '').trim().length;
  return n;
}

/** The element of `doc` that is `region`: its <main> (or role=main), or its <body>. */
export function regionElement(doc: Document, region: 'main' | 'page'): Element | null {
  return region === 'main' ? doc.querySelector(MAIN_REGION) : doc.body;
}
