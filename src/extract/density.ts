/**
 * Text and punctuation density, after GNE ("基于文本及符号密度的网页正文提取方法"): the element
 * whose text is densest in prose — much text, few links and tags, many sentence marks — counted
 * in characters so CJK pages score as fairly as English ones. Used twice: to find the main
 * text before cleaning (so cleaning never removes its ancestors) and as a second opinion next
 * to Readability.
 */
import { BLOCK_TAGS, ownPlainChars, type TextStats } from './measure.js';

/** Elements that can hold an article body. */
const CANDIDATE_TAGS = new Set(['DIV', 'ARTICLE', 'SECTION', 'MAIN', 'TD', 'FORM', 'BODY', 'CENTER', 'FONT', 'SPAN']);
/** Under this many non-link characters a block is a label or a caption, not a body: two short sentences. */
const MIN_CANDIDATE_CHARS = 40;

/** Non-link characters: what a reader reads rather than clicks. */
export const plainChars = (s: TextStats): number => Math.max(0, s.chars - s.linkChars);

/**
 * The score: non-link characters per non-link tag (menus and link lists are tag-dense), times
 * log size (so one long paragraph does not beat the ten it belongs to, and a huge wrapper does
 * not win on size alone), times log punctuation (prose has sentences), times the non-link share.
 */
export function densityScore(s: TextStats): number {
  const plain = plainChars(s);
  if (plain < MIN_CANDIDATE_CHARS) return 0;
  const tags = Math.max(1, s.tags - s.links);
  return (plain / tags) * Math.log(1 + plain) * Math.log(Math.E + s.punct) * (plain / Math.max(1, s.chars));
}

/** The densest candidate element under (or at) `root`, or null when nothing qualifies. */
export function densest(root: Element, stats: Map<Element, TextStats>): { el: Element; score: number } | null {
  let best: { el: Element; score: number } | null = null;
  for (const [el, s] of stats) {
    if (!CANDIDATE_TAGS.has(el.tagName) && el !== root) continue;
    const score = densityScore(s);
    if (score > 0 && (!best || score > best.score)) best = { el, score };
  }
  return best;
}

/** Under this many own non-link characters a block is a label, a menu item or a byline, not a paragraph. */
const MIN_PARAGRAPH_CHARS = 25;
/** A paragraph credits its container fully and the container's parent by half (Readability's propagation). */
const GRANDPARENT_WEIGHT = 0.5;
/**
 * Paragraphs under a footer, nav, aside or a chrome-named element count for this little: legal
 * notices and newsletter blurbs are long prose too, and on short articles they outweighed the
 * story when they counted fully.
 */
const CHROME_PARAGRAPH_WEIGHT = 0.2;
const CHROME_TAGS = new Set(['FOOTER', 'NAV', 'ASIDE', 'HEADER']);
/**
 * Prose has a sentence mark every few dozen characters; a block of this many characters with
 * fewer than one mark per PROSE_CHARS_PER_MARK is a keyword list or tag cloud (SEO blocks run to
 * 100k characters of space-separated terms) and counts for CHROME_PARAGRAPH_WEIGHT.
 */
const UNPUNCTUATED_MIN_CHARS = 200;
const PROSE_CHARS_PER_MARK = 150;

/**
 * The element holding the most paragraph text: every block's own non-link text (text outside
 * its child blocks, so both <p> bodies and <div>…<br>… bodies count) credits the block, its
 * parent and, by half, its grandparent. Broad by design: cleaning protects this element and its
 * ancestors, and the body chooser narrows it.
 */
export function mainText(
  root: Element,
  stats: Map<Element, TextStats>,
  isChromeNamed: (el: Element) => boolean,
  isHidden: (el: Element) => boolean,
): Element | null {
  const scores = new Map<Element, number>();
  const weightMemo = new Map<Element, number>();
  // The weight of an element's text: 0 under a hidden element (SEO keyword blocks run to 100k
  // characters), CHROME_PARAGRAPH_WEIGHT under chrome, else 1. Memoised per element, so a chain
  // of ancestors is judged once; iterative, so thousands of nesting levels don't overflow.
  const weightOf = (start: Element): number => {
    const chain: Element[] = [];
    let w = 1;
    for (let el: Element | null = start; el && el !== root; el = el.parentElement) {
      const known = weightMemo.get(el);
      if (known !== undefined) {
        w = known;
        break;
      }
      chain.push(el);
    }
    for (let i = chain.length - 1; i >= 0; i--) {
      const el = chain[i]!;
      if (isHidden(el)) w = 0;
      else if (CHROME_TAGS.has(el.tagName) || isChromeNamed(el)) w = Math.min(w, CHROME_PARAGRAPH_WEIGHT);
      weightMemo.set(el, w);
    }
    return w;
  };
  for (const [el, s] of stats) {
    if (!BLOCK_TAGS.has(el.tagName)) continue;
    const own = ownPlainChars(s);
    if (own < MIN_PARAGRAPH_CHARS) continue;
    const unpunctuated = own >= UNPUNCTUATED_MIN_CHARS && s.punct * PROSE_CHARS_PER_MARK < own;
    const score = own * Math.min(weightOf(el), unpunctuated ? CHROME_PARAGRAPH_WEIGHT : 1);
    if (score === 0) continue;
    scores.set(el, (scores.get(el) ?? 0) + score);
    const parent = el.parentElement;
    if (!parent || !stats.has(parent)) continue;
    scores.set(parent, (scores.get(parent) ?? 0) + score);
    const grand = parent.parentElement;
    if (grand && stats.has(grand)) scores.set(grand, (scores.get(grand) ?? 0) + score * GRANDPARENT_WEIGHT);
  }
  let best: Element | null = null;
  let bestScore = 0;
  for (const [el, score] of scores) {
    if (score > bestScore) {
      best = el;
      bestScore = score;
    }
  }
  return best;
}
