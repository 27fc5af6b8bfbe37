/**
 * The page as a reader sees it: a flat list of visual lines in document order, each with the
 * block element it sits in. Meta lines, editor lines and disclaimers are found by reading these
 * lines around the headline and the body, whatever the markup around them.
 */
import { normalizeSpace } from './text.js';

export interface Line {
  text: string;
  /** The nearest block-level element holding the line. */
  el: Element;
  /** Characters of the line inside links: a line that is mostly link text is navigation. */
  linkChars: number;
}

/** Elements that start a new visual line. */
const BLOCK = new Set([
  'P',
  'DIV',
  'LI',
  'UL',
  'OL',
  'DL',
  'DT',
  'DD',
  'TABLE',
  'TBODY',
  'THEAD',
  'TFOOT',
  'TR',
  'TD',
  'TH',
  'CAPTION',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'SECTION',
  'ARTICLE',
  'HEADER',
  'FOOTER',
  'ASIDE',
  'NAV',
  'MAIN',
  'ADDRESS',
  'BLOCKQUOTE',
  'PRE',
  'FIGURE',
  'FIGCAPTION',
  'FORM',
  'FIELDSET',
  'CENTER',
  'HR',
  'BR',
  'BODY',
]);
/** Elements whose text a reader never sees. */
const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SELECT', 'OPTION', 'TEXTAREA', 'IFRAME', 'OBJECT', 'SVG', 'HEAD', 'TITLE']);

/** True for inline styles and attributes that hide an element: a reader never sees its text. */
export function hiddenByMarkup(el: Element): boolean {
  if (el.hasAttribute('hidden') || el.getAttribute('aria-hidden') === 'true') return true;
  const style = el.getAttribute('style');
  return style !== null && /(display\s*:\s*none|visibility\s*:\s*hidden)/i.test(style);
}

/** Visual lines of `root` in document order, empty lines dropped. */
export function textLines(root: Element): Line[] {
  const lines: Line[] = [];
  let buf = '';
  // Whether buf has anything but whitespace yet: kept as text arrives, as buf.trim() on every text node was quadratic in a long line.
  let bufHasText = false;
  let links = 0;
  let owner: Element = root;
  const flush = () => {
    const text = normalizeSpace(buf);
    if (text) lines.push({ text, el: owner, linkChars: Math.min(links, text.length) });
    buf = '';
    bufHasText = false;
    links = 0;
  };
  const walk = (node: Node, block: Element, inLink: boolean) => {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3) {
        const t = child.nodeValue ?? '';
        if (!bufHasText) {
          owner = block;
          bufHasText = /\S/.test(t);
        }
        buf += t;
        if (inLink) links += normalizeSpace(t).length;
        continue;
      }
      if (child.nodeType !== 1) continue;
      const el = child as Element;
      const tag = el.tagName.toUpperCase();
      if (SKIP.has(tag) || hiddenByMarkup(el)) continue;
      if (tag === 'IMG') continue;
      if (BLOCK.has(tag)) {
        flush();
        walk(el, el, inLink);
        flush();
      } else if (el.hasAttribute('class') || el.id) {
        // Styled inline pieces of a meta line (<span class=source>…<span class=time>) are set apart on screen.
        buf += ' ';
        walk(el, block, inLink || tag === 'A');
        buf += ' ';
      } else {
        walk(el, block, inLink || tag === 'A');
      }
    }
  };
  walk(root, root, false);
  flush();
  return lines;
}

/** Text compared with all whitespace removed. */
export const squash = (s: string): string => s.replace(/[\s\u00a0\u3000\u200b\ufeff]+/g, '');

/** Index of the first line at or after `from` whose squashed text equals (or, failing that, starts with) `text`. */
export function findLine(lines: Line[], text: string, from = 0): number {
  const want = squash(text);
  if (!want) return -1;
  for (let i = Math.max(0, from); i < lines.length; i++) if (squash(lines[i]!.text) === want) return i;
  for (let i = Math.max(0, from); i < lines.length; i++) {
    const s = squash(lines[i]!.text);
    if (s.length >= 4 && (s.startsWith(want) || (want.startsWith(s) && s.length >= want.length * 0.5))) return i;
  }
  return -1;
}
