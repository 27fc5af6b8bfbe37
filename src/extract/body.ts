import { isHidden, namedAsChrome } from './clean.js';
import { densest, mainText } from './density.js';
import { measure } from './measure.js';
import { FastReadability } from './readability.js';
import { countWords, normalizeSpace } from './text.js';
import { commonAncestor, postElements, type PageKind } from './page-type.js';

/** Readability's default 500 characters assumes English words; CJK packs ~3× more per character. */
const READABILITY_CHAR_THRESHOLD = 250;
/**
 * Most elements Readability is run on (after chrome removal); a larger page gets the density body
 * alone, with a warning. Readability scores the page up to four times over, and on the 100,000
 * elements the parse stage allows (MAX_ELEMENTS) that was most of a flood page's time. The
 * largest real pages (long Wikipedia articles) have about 40,000 before chrome is removed.
 */
export const READABILITY_MAX_ELEMENTS = 50_000;

export interface BodyCandidate {
  /**
   * A detached <div> whose children are the body. The candidate owns it; later stages change it
   * in place (lifting, trimming). Handed on as a node, not as HTML: serialising and re-parsing
   * it at each stage cost more than Readability's own scoring.
   */
  el: Element;
  textLength: number;
  method: 'readability' | 'density';
}

export interface ReadabilityMeta {
  title: string | null;
  byline: string | null;
  excerpt: string | null;
  siteName: string | null;
  lang: string | null;
  publishedTime: string | null;
}

export interface BodyResult {
  body: BodyCandidate | null;
  readability: ReadabilityMeta | null;
}

/**
 * Runs Readability on `doc`, which it mutates: pass a clone. When Readability throws, `error` says
 * why: the body then comes from the density candidate alone, and the Article says so in a warning.
 */
export function readabilityBody(doc: Document): { body: BodyCandidate | null; meta: ReadabilityMeta | null; error?: string } {
  let article: ReturnType<FastReadability<Element>['parse']>;
  try {
    // The article's own <div>, not its HTML: Readability builds it detached from `doc`, so it is ours to keep.
    article = new FastReadability<Element>(doc, {
      charThreshold: READABILITY_CHAR_THRESHOLD,
      maxElemsToParse: READABILITY_MAX_ELEMENTS,
      keepClasses: false,
      serializer: (el) => el as Element,
    }).parse();
  } catch (err) {
    return { body: null, meta: null, error: (err as Error)?.message ?? String(err) };
  }
  if (!article) return { body: null, meta: null };
  const text = normalizeSpace(article.textContent ?? '');
  return {
    body: article.content ? { el: article.content, textLength: text.length, method: 'readability' } : null,
    meta: {
      title: article.title ?? null,
      byline: article.byline ?? null,
      excerpt: article.excerpt ?? null,
      siteName: article.siteName ?? null,
      lang: article.lang ?? null,
      publishedTime: article.publishedTime ?? null,
    },
  };
}

/** The second opinion: the element holding the most prose (see density.ts), after cleaning. */
export function densityBody(doc: Document, kind: PageKind = 'other'): BodyCandidate | null {
  const body = doc.body;
  if (!body) return null;
  const stats = measure(body);
  // The container of the most paragraph text; GNE's text density where no paragraph qualifies.
  // Last, the cleaned page itself: a one-line page has no container to find, and its line is its body.
  const el = mainText(body, stats, (e) => namedAsChrome(e, kind), isHidden) ?? densest(body, stats)?.el ?? body;
  return copyOf(el, stats.get(el)!.chars);
}

/** A copy of `el`'s children: Readability runs on the document next and moves and rewrites what it keeps. */
function copyOf(el: Element, textLength: number): BodyCandidate {
  const copy = el.ownerDocument.createElement('div');
  for (let child = el.firstChild; child; child = child.nextSibling) copy.appendChild(child.cloneNode(true));
  return { el: copy, textLength, method: 'density' };
}

/**
 * A thread's body: the element holding every post microdata marks (the opening post, replies,
 * answers), where there are two or more. Readability and the density pick each settle on the one
 * longest post.
 */
export function threadBody(doc: Document): BodyCandidate | null {
  const body = doc.body;
  if (!body) return null;
  const posts = postElements(body).filter((p) => normalizeSpace(p.textContent ?? ''));
  if (posts.length < 2) return null;
  const el = commonAncestor(posts, body);
  return copyOf(el, normalizeSpace(el.textContent ?? '').length);
}

export { countWords };
