/**
 * Per-element text measures in one walk of the tree. Asking each element for its textContent
 * re-reads every descendant once per ancestor (O(n·depth)): a page of 100k nested divs took
 * seconds that way. Here each text node is read once and its counts are added up the tree.
 */
import { PUNCTUATION } from './text.js';

export interface TextStats {
  /** Visible characters, whitespace excluded (a CJK character and a Latin letter count alike). */
  chars: number;
  /** Of those, characters inside links. */
  linkChars: number;
  /** Sentence punctuation marks, ASCII and full-width. */
  punct: number;
  /** Elements in the subtree, the element itself included. */
  tags: number;
  /** Links in the subtree. */
  links: number;
  /** <p> elements in the subtree. */
  paragraphs: number;
  /** Characters (and link characters) inside block-level descendants: chars minus this is the element's own text. */
  inBlocks: number;
  inBlocksLink: number;
}

/** Block-level elements: each is a paragraph of its own to a reader. */
export const BLOCK_TAGS = new Set([
  'P',
  'DIV',
  'TD',
  'TH',
  'LI',
  'PRE',
  'BLOCKQUOTE',
  'SECTION',
  'ARTICLE',
  'MAIN',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'UL',
  'OL',
  'DL',
  'DD',
  'DT',
  'TABLE',
  'TR',
  'FIGURE',
  'FIGCAPTION',
  'HEADER',
  'FOOTER',
  'ASIDE',
  'NAV',
  'FORM',
  'CENTER',
  'ADDRESS',
  'BODY',
]);

/** Non-link characters of an element's own text, outside its block-level descendants. */
export const ownPlainChars = (s: TextStats): number => Math.max(0, s.chars - s.inBlocks - (s.linkChars - s.inBlocksLink));

/** Elements whose text a reader never sees: not counted. */
const UNSEEN = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'svg']);
/** The same, for a page that shows its content only to readers without scripts (see clean.ts: revealsNoscript). */
export const UNSEEN_WITH_SCRIPTS = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'SVG', 'svg']);
const NOT_SPACE = /[^\s\u00a0\u3000\u200b\ufeff]/g;

const empty = (): TextStats => ({ chars: 0, linkChars: 0, punct: 0, tags: 1, links: 0, paragraphs: 0, inBlocks: 0, inBlocksLink: 0 });

/** Stats for `root` and every element under it, keyed by element. Iterative: deep trees don't overflow the stack. */
export function measure(root: Element, unseen: ReadonlySet<string> = UNSEEN): Map<Element, TextStats> {
  const stats = new Map<Element, TextStats>();
  stats.set(root, empty());
  // Walk in document order; when leaving an element, fold its totals into its parent.
  let node: Node | null = root.firstChild;
  const finish = (el: Element) => {
    const s = stats.get(el)!;
    if (el.tagName === 'A') {
      s.linkChars = s.chars;
      s.links += 1;
    } else if (el.tagName === 'P') s.paragraphs += 1;
    const up = el.parentElement;
    if (el === root || !up) return;
    const u = stats.get(up)!;
    u.chars += s.chars;
    u.linkChars += s.linkChars;
    u.punct += s.punct;
    u.tags += s.tags;
    u.links += s.links;
    u.paragraphs += s.paragraphs;
    if (BLOCK_TAGS.has(el.tagName)) {
      u.inBlocks += s.chars;
      u.inBlocksLink += s.linkChars;
    }
  };
  while (node) {
    if (node.nodeType === 1 && !unseen.has((node as Element).tagName)) {
      const el = node as Element;
      stats.set(el, empty());
      if (el.firstChild) {
        node = el.firstChild;
        continue;
      }
      finish(el);
    } else if (node.nodeType === 3) {
      const v = node.nodeValue ?? '';
      const s = stats.get(node.parentElement ?? root)!;
      s.chars += v.match(NOT_SPACE)?.length ?? 0;
      s.punct += v.match(PUNCTUATION)?.length ?? 0;
    }
    // Next: the sibling, else climb, finishing each element left behind.
    while (node && !node.nextSibling) {
      const up: Element | null = node.parentElement;
      if (!up || up === root) {
        node = null;
        break;
      }
      finish(up);
      node = up;
    }
    if (node) node = node.nextSibling;
  }
  finish(root);
  return stats;
}
