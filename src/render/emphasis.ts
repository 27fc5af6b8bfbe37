/**
 * Bold and italics that CommonMark renderers really show as bold and italics.
 *
 * A `**` run opens emphasis only when it is left-flanking (not followed by whitespace, and when
 * followed by punctuation, preceded by whitespace or punctuation) and closes it only when
 * right-flanking (the mirror image). Pages break these rules all the time: `<b>Game D</b><b>ay</b>`
 * gives `**Game D****ay**`, `<b>offseason.</b>Next` gives `**offseason.**Next` (the closing run
 * follows punctuation and precedes a letter), `<b>“引文”</b>` inside a Chinese sentence the same
 * on both sides. Each case is shown as literal asterisks. So the DOM is tidied first (adjacent
 * emphasis merged, emphasis nested in its own kind or wrapping blocks unwrapped), and each
 * delimiter pair is placed by the flanking rules: punctuation and whitespace at the edges move
 * outside the delimiters when that makes them valid; when nothing does, the text is kept plain.
 */
import { elementsWithTag, hasDescendantNamed } from '../common/tag-walk.js';

const STRONG = new Set(['STRONG', 'B']);
const EM = new Set(['EM', 'I']);
const EMPHASIS_TAGS = ['strong', 'b', 'em', 'i'];
/** Elements that make a block of their own in Markdown: emphasis around one cannot be written. */
const BLOCK_TAGS = new Set([
  'ADDRESS',
  'ARTICLE',
  'ASIDE',
  'BLOCKQUOTE',
  'DD',
  'DIV',
  'DL',
  'DT',
  'FIGCAPTION',
  'FIGURE',
  'FOOTER',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'HEADER',
  'HR',
  'LI',
  'MAIN',
  'OL',
  'P',
  'PRE',
  'SECTION',
  'TABLE',
  'TBODY',
  'TD',
  'TFOOT',
  'TH',
  'THEAD',
  'TR',
  'UL',
]);

type Kind = 'strong' | 'em';
function kindOf(node: Node | null): Kind | null {
  if (node?.nodeType !== 1) return null;
  const tag = (node as Element).tagName;
  return STRONG.has(tag) ? 'strong' : EM.has(tag) ? 'em' : null;
}

function unwrap(el: Element): void {
  const parent = el.parentNode;
  if (!parent) return;
  while (el.firstChild) parent.insertBefore(el.firstChild, el);
  parent.removeChild(el);
}

/** `el`'s one child node, whitespace-only text around it aside; null when it has more or none. */
function soleChild(el: Element): Node | null {
  let found: Node | null = null;
  for (let c = el.firstChild; c; c = c.nextSibling) {
    if (c.nodeType === 3 && !/\S/.test(c.nodeValue ?? '')) continue;
    if (found) return null;
    found = c;
  }
  return found;
}

/** The sibling before `node`, whitespace-only text skipped. */
function previousNonBlank(node: Node): Node | null {
  let p = node.previousSibling;
  while (p && p.nodeType === 3 && !/\S/.test(p.nodeValue ?? '')) p = p.previousSibling;
  return p;
}

function hasBlock(el: Element): boolean {
  return hasDescendantNamed(el, BLOCK_TAGS);
}

/**
 * Emphasis the delimiters can be written around: unwraps emphasis holding blocks or nested in
 * its own kind, and merges emphasis elements that follow each other (with at most whitespace
 * between), so no `****` run is ever written.
 */
export function tidyEmphasis(root: Element): void {
  const all = elementsWithTag(root, EMPHASIS_TAGS);
  for (const el of all) {
    const kind = kindOf(el);
    let nested = false;
    for (let up = el.parentElement; up && up !== root; up = up.parentElement) if (kindOf(up) === kind) nested = true;
    if (nested || hasBlock(el)) unwrap(el);
  }
  // Bold italics written <em><strong>…</strong></em> after a <strong>: as <strong><em>…</em></strong> the two
  // bolds merge below, where otherwise their delimiters would run together (`**Keynote „*****Neuland`).
  for (const el of elementsWithTag(root, EMPHASIS_TAGS)) {
    const only = soleChild(el);
    if (kindOf(el) !== 'em' || kindOf(only) !== 'strong' || kindOf(previousNonBlank(el)) !== 'strong') continue;
    const inner = only as Element;
    el.parentNode?.insertBefore(inner, el);
    while (inner.firstChild) el.appendChild(inner.firstChild);
    inner.appendChild(el);
  }
  for (const el of elementsWithTag(root, EMPHASIS_TAGS)) {
    if (!el.parentNode) continue;
    const kind = kindOf(el);
    for (;;) {
      let next = el.nextSibling;
      const gap: Node[] = [];
      while (next && next.nodeType === 3 && !/\S/.test(next.nodeValue ?? '')) {
        gap.push(next);
        next = next.nextSibling;
      }
      if (!next || kindOf(next) !== kind) break;
      for (const g of gap) el.appendChild(g);
      while (next.firstChild) el.appendChild(next.firstChild);
      next.parentNode?.removeChild(next);
      // One text node again: turndown escapes each node's start ("-two" gives "\\-two") as if it began a line.
      el.normalize();
    }
  }
}

const WHITESPACE = /[\s\u00a0]/u;
const PUNCTUATION = /[\p{P}\p{S}]/u;
/** Invisible characters a page puts between words: emphasis of only these is nothing to show. */
const INVISIBLE = /^[\s\u200b-\u200d\u2060\ufeff]*$/;
/** Characters that start or end Markdown syntax of the content: never moved across a delimiter. */
const SYNTAX = new Set(['[', ']', '!', '`', '*', '_', '~', '$', '(', ')', '<', '>', '\\', '|']);

/** What a neighbour character is for the flanking rules; '' is the start or end of a block. */
function flankingClass(c: string): 'space' | 'punct' | 'other' {
  if (c === '' || WHITESPACE.test(c)) return 'space';
  return PUNCTUATION.test(c) ? 'punct' : 'other';
}

function canOpen(before: string, first: string): boolean {
  const next = flankingClass(first);
  return next !== 'space' && (next === 'other' || flankingClass(before) !== 'other');
}

function canClose(last: string, after: string): boolean {
  const prev = flankingClass(last);
  return prev !== 'space' && (prev === 'other' || flankingClass(after) !== 'other');
}

/** Number of backslashes ending `s` before index `end`. */
function backslashesBefore(s: string, end: number): number {
  let n = 0;
  while (end - n - 1 >= 0 && s[end - n - 1] === '\\') n++;
  return n;
}

/** Length of the leading run of whitespace and plain punctuation (escaped characters count as one). */
function movableLead(s: string): number {
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    if (c === '\\' && i + 1 < s.length && PUNCTUATION.test(s[i + 1]!)) i += 2;
    else if (WHITESPACE.test(c) || (PUNCTUATION.test(c) && !SYNTAX.has(c))) i++;
    else break;
  }
  return i;
}

/** Index where the trailing run of whitespace and plain punctuation starts. */
function movableTrail(s: string, from: number): number {
  let i = s.length;
  while (i > from) {
    const c = s[i - 1]!;
    const escaped = backslashesBefore(s, i - 1) % 2 === 1;
    if (escaped && PUNCTUATION.test(c)) i -= 2;
    else if (!escaped && (WHITESPACE.test(c) || (PUNCTUATION.test(c) && !SYNTAX.has(c)))) i--;
    else break;
  }
  return Math.max(i, from);
}

/**
 * `content` between `delimiter`s when CommonMark reads them as emphasis there, given the
 * characters rendered just before and after (see charBefore/charAfter); else with its edge
 * punctuation moved outside; else plain.
 */
export function delimit(content: string, delimiter: string, before: string, after: string): string {
  // Emphasis cannot span a blank line; and a run written right after another one (`**S****pecific**`
  // from <b>S</b><span><b>pecific</b></span>) would join it: the later one stays plain.
  if (INVISIBLE.test(content) || /\n\s*\n/.test(content) || before === '*') return content;
  const whole = content.length > 0 && canOpen(before, content[0]!) && canClose(content[content.length - 1]!, after);
  if (whole && !WHITESPACE.test(content[0]!) && !WHITESPACE.test(content[content.length - 1]!)) return delimiter + content + delimiter;
  const start = movableLead(content);
  const end = movableTrail(content, start);
  const lead = content.slice(0, start);
  const core = content.slice(start, end);
  const trail = content.slice(end);
  if (INVISIBLE.test(core)) return content;
  const opens = canOpen(lead ? lead[lead.length - 1]! : before, core[0]!);
  const closes = canClose(core[core.length - 1]!, trail ? trail[0]! : after);
  return opens && closes ? lead + delimiter + core + delimiter + trail : content;
}

/** What an inline element's Markdown starts and ends with, whatever its text. */
const INLINE_SYNTAX_START: Record<string, string> = { A: '[', IMG: '!', CODE: '`' };
const INLINE_SYNTAX_END: Record<string, string> = { A: ')', IMG: ')', CODE: '`', BR: '\n' };

/**
 * The last character `node` renders as, near enough for the flanking rules: '' for a block, null
 * for nothing; `*` for emphasis with text (its delimiter), else the last of its children's.
 */
function lastRendered(node: Node): string | null {
  return rendered(node, 'last');
}

function firstRendered(node: Node): string | null {
  return rendered(node, 'first');
}

function rendered(node: Node, end: 'first' | 'last'): string | null {
  if (node.nodeType === 3) {
    const v = node.nodeValue ?? '';
    return v ? v[end === 'first' ? 0 : v.length - 1]! : null;
  }
  if (node.nodeType !== 1) return null;
  const el = node as Element;
  if (BLOCK_TAGS.has(el.tagName) || (end === 'first' && el.tagName === 'BR')) return '';
  const syntax = (end === 'first' ? INLINE_SYNTAX_START : INLINE_SYNTAX_END)[el.tagName];
  if (syntax !== undefined) return syntax;
  if (kindOf(el) && !INVISIBLE.test(el.textContent ?? '')) return '*';
  for (let c = end === 'first' ? el.firstChild : el.lastChild; c; c = end === 'first' ? c.nextSibling : c.previousSibling) {
    const r = rendered(c, end);
    if (r !== null) return r;
  }
  return null;
}

/**
 * The character rendered just before (or after) `node` in its block: '' at the block's edge,
 * `[`/`]` at the edge of the link it is in.
 */
function neighbour(node: Node, side: 'before' | 'after'): string {
  const edge = side === 'before' ? lastRendered : firstRendered;
  for (let cur: Node | null = node; cur; cur = cur.parentNode) {
    if (cur.nodeType === 1 && cur !== node && BLOCK_TAGS.has((cur as Element).tagName)) return '';
    if (cur !== node && (cur as Element).tagName === 'A') return side === 'before' ? '[' : ']';
    for (let sib = side === 'before' ? cur.previousSibling : cur.nextSibling; sib; sib = side === 'before' ? sib.previousSibling : sib.nextSibling) {
      const c = edge(sib);
      if (c !== null) return c;
    }
  }
  return '';
}

/** The character rendered just before `node` in its block ('' at the block's start). */
export const charBefore = (node: Node): string => neighbour(node, 'before');
/** The character rendered just after `node` in its block ('' at the block's end). */
export const charAfter = (node: Node): string => neighbour(node, 'after');
