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
 * alone, with a warning. Readability scores the page up to four times over and keeps copies of it:
 * 48,000 elements ran a worker out of its 384 MB heap. The largest of the 2,462 corpus pages has
 * 15,797 elements before chrome is removed, a long Wikipedia article about 40,000.
 */
export const READABILITY_MAX_ELEMENTS = 40_000;

/**
 * Most element children of one parent for Readability to run. It turns each <div> of phrasing
 * content into a <p> by replaceChild, and jsdom finds a child's index by counting its siblings
 * after every change among them: 10,000 sibling <div>s took 6 s in replaceChild alone, 25,000
 * ran a worker out of its heap. The widest parent in the 2,462 corpus pages has 1,521 children;
 * at 3,000 the cost is about half a second.
 */
export const READABILITY_MAX_CHILDREN = 3_000;

export interface BodyCandidate {
  /**
   * A detached <div> whose children are the body. The candidate owns it; later stages change it
   * in place (lifting, trimming). Handed on as a node, not as HTML: serialising and re-parsing
   * it at each stage cost more than Readability's own scoring.
   */
  el: Element;
  textLength: number;
  method: 'readability' | 'density' | 'region';
}

export interface ReadabilityMeta {
  title: string | null;
  byline: string | null;
  excerpt: string | null;
  siteName: string | null;
  lang: string | null;
  publishedTime: string | null;
}

/** What a Readability run gave: `error` when it threw, `skipped` when it was not run (readabilityUnfit says why). */
export interface ReadabilityRun {
  body: BodyCandidate | null;
  meta: ReadabilityMeta | null;
  error?: string;
  skipped?: string;
}

/**
 * Runs Readability on `doc`, which it mutates: pass a clone. When Readability throws, `error` says
 * why: the body then comes from the density candidate alone, and the Article says so in a warning.
 */
export function readabilityBody(doc: Document): ReadabilityRun {
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

/**
 * Why Readability is not to be run on `doc`, or null when it may: more elements than
 * READABILITY_MAX_ELEMENTS or a parent wider than READABILITY_MAX_CHILDREN. Asked before the
 * other candidates are found, so that on such a page they need not be copies (see copyOf).
 */
export function readabilityUnfit(doc: Document): string | null {
  if (!doc.body) return null;
  let widest = 0;
  let elements = 0;
  const stack: Element[] = [doc.body];
  for (let el = stack.pop(); el; el = stack.pop()) {
    let n = 0;
    for (let c = el.firstElementChild; c; c = c.nextElementSibling) {
      n++;
      if (c.firstElementChild) stack.push(c);
    }
    elements += n;
    if (n > widest) widest = n;
  }
  if (elements > READABILITY_MAX_ELEMENTS) return `${elements} elements, more than ${READABILITY_MAX_ELEMENTS}`;
  if (widest > READABILITY_MAX_CHILDREN) return `an element has ${widest} children, more than ${READABILITY_MAX_CHILDREN}`;
  return null;
}

/** The second opinion: the element holding the most prose (see density.ts), after cleaning. */
export function densityBody(doc: Document, kind: PageKind = 'other', copy = true): BodyCandidate | null {
  const body = doc.body;
  if (!body) return null;
  const stats = measure(body);
  // The container of the most paragraph text; GNE's text density where no paragraph qualifies.
  // Last, the cleaned page itself: a one-line page has no container to find, and its line is its body.
  const el = mainText(body, stats, (e) => namedAsChrome(e, kind), isHidden) ?? densest(body, stats)?.el ?? body;
  return copyOf(el, stats.get(el)!.chars, copy);
}

/**
 * A <div> holding `el`'s children: copies where Readability runs on the document next (it moves
 * and rewrites what it keeps), the children themselves where it does not run. A copy of a
 * 50,000-element page's body was a third of its memory.
 */
function copyOf(el: Element, textLength: number, copy: boolean): BodyCandidate {
  const div = el.ownerDocument.createElement('div');
  if (copy) for (let child = el.firstChild; child; child = child.nextSibling) div.appendChild(child.cloneNode(true));
  else while (el.firstChild) div.appendChild(el.firstChild);
  return { el: div, textLength, method: 'density' };
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
  return copyOf(el, normalizeSpace(el.textContent ?? '').length, true);
}

/** The whole of `el` (a page's main region, or its body) as the body: its own nodes, moved, as no one reads them after. */
export function regionBody(el: Element): BodyCandidate {
  const div = el.ownerDocument.createElement('div');
  while (el.firstChild) div.appendChild(el.firstChild);
  return { el: div, textLength: normalizeSpace(div.textContent ?? '').length, method: 'region' };
}

export { countWords };
