import domino from '@mixmark-io/domino';
import { strikethrough, taskListItems } from '@joplin/turndown-plugin-gfm';
import TurndownService from 'turndown';
import { codeLanguage } from '../common/code-language.js';
import { elementsWithTag } from '../common/tag-walk.js';
import { CAPTION_ATTR } from '../extract/clean.js';
import { linkBareAddresses } from './bare-links.js';
import { charAfter, charBefore, delimit, tidyEmphasis } from './emphasis.js';
import { NOTE_ATTR, REF_ATTR, prepareFootnotes } from './footnotes.js';
import { COLUMNS_ATTR, cellMarkdown, gfmTable, prepareTables } from './tables.js';
import { webUrl } from './url.js';

let service: TurndownService | undefined;
const MATHML = 'http://www.w3.org/1998/Math/MathML';
/** Screen readers' common advice: alt text past this is a caption, and reads as one. */
const ALT_MAX_CHARS = 125;
/** Invisible characters pages put between words or in "empty" paragraphs. */
const INVISIBLE = /^[\s\u200b-\u200d\u2060\ufeff]*$/;

/**
 * A web URL as a link destination: CommonMark decodes character references there, so an `&`
 * that starts one (`&#x27;`, `&amp;` spelled out in an address) is escaped to stay itself.
 */
function destination(url: string): string {
  return url.replace(/&(?=#?\w+;)/g, '\\&');
}

function oneLine(s: string): string {
  return s.replace(/\s*\n+\s*/g, ' ').trim();
}

function altText(el: Element, caption: string): string {
  let alt = oneLine((el.getAttribute('alt') ?? '').replace(/[[\]\\]/g, ' ')).replace(/\s+/g, ' ');
  // The caption is written under the image: the same words again as alt text say nothing more.
  if (alt && caption && oneLine(caption).replace(/\s+/g, ' ') === alt) return '';
  if (alt.length > ALT_MAX_CHARS) alt = `${alt.slice(0, alt.lastIndexOf(' ', ALT_MAX_CHARS) > 0 ? alt.lastIndexOf(' ', ALT_MAX_CHARS) : ALT_MAX_CHARS)}…`;
  return alt;
}

/** TeX of a MathML element, from its annotation (KaTeX, MathJax, Wikipedia) or its alttext; '' when it has none. */
function texOf(math: Element): string {
  for (const a of Array.from(math.getElementsByTagName('annotation'))) {
    if (/^(application\/x-tex|text\/x-latex|tex)$/i.test(a.getAttribute('encoding') ?? '')) return (a.textContent ?? '').trim();
  }
  return (math.getAttribute('alttext') ?? '').trim();
}

/** One configured turndown instance per thread: building one compiles its rules, and pages share them. */
function turndown(): TurndownService {
  if (service) return service;
  const td = new TurndownService({
    headingStyle: 'atx',
    codeBlockStyle: 'fenced',
    bulletListMarker: '-',
    emDelimiter: '*',
    strongDelimiter: '**',
    hr: '---',
    // No element is ever passed through as raw HTML: one kept by a rule becomes its converted content.
    keepReplacement: (content) => content,
  });
  // Text that spells a tag ("&lt;script&gt;" in the page) must not become a real tag in Markdown,
  // which renderers pass through as HTML: escape '<' as CommonMark allows. Code is never escaped.
  // '$' too, as pandoc does: math is written as $…$ (below), and "$150 … $199" must not read as a formula.
  const escapeMarkdown = td.escape.bind(td);
  // No address is left in the text for GFM to link as it stands, escapes and all: bare-links.ts made each a link.
  td.escape = (text: string) => escapeMarkdown(text).replace(/[<$]/g, '\\$&');
  // Tables are this file's own rules (tables.ts): the plugin's write ragged rows for spanned cells.
  td.use([strikethrough, taskListItems]);
  // Asked after the rules added below: a link or emphasis around a block has its own rule.
  td.addRule('holdsBlock', {
    filter: (node) => (node as Element).hasAttribute?.(HOLDS_BLOCK_ATTR) ?? false,
    replacement: (content) => `\n\n${content}\n\n`,
  });
  // Nothing executable or embedded survives into Markdown, whatever the body extractor kept.
  td.remove([
    'script',
    'style',
    'noscript',
    'iframe',
    'object',
    'embed',
    'form',
    'button',
    'input',
    'select',
    'textarea',
    'template',
    'svg',
    'canvas',
  ] as TurndownService.Filter);
  td.addRule('fencedCode', {
    filter: (node) => node.nodeName === 'PRE',
    replacement: (_content, node) => {
      const el = node as HTMLElement;
      const code = (el.textContent ?? '').replace(/\n+$/, '');
      let fence = '```';
      while (code.includes(fence)) fence += '`';
      return `\n\n${fence}${codeLanguage(el)}\n${code}\n${fence}\n\n`;
    },
  });
  td.addRule('heading', {
    filter: ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'],
    replacement: (content, node) => {
      const text = oneLine(content);
      return INVISIBLE.test(text) ? '' : `\n\n${'#'.repeat(Number(node.nodeName.charAt(1)))} ${text}\n\n`;
    },
  });
  td.addRule('listItem', {
    filter: 'li',
    replacement: (content, node) => {
      const parent = node.parentNode as Element | null;
      let prefix = '- ';
      if (parent?.nodeName === 'OL') {
        const start = Number(parent.getAttribute('start'));
        const index = Array.prototype.indexOf.call(parent.children, node) as number;
        prefix = `${(Number.isInteger(start) && parent.hasAttribute('start') ? start : 1) + index}. `;
      }
      const paragraph = /\n$/.test(content);
      const body = content.replace(/^\s+/, '').replace(/\n+$/, '') + (paragraph ? '\n' : '');
      return prefix + body.replace(/\n/g, `\n${' '.repeat(prefix.length)}`) + (node.nextSibling ? '\n' : '');
    },
  });
  td.addRule('strong', {
    filter: ['strong', 'b'],
    replacement: (content, node) => delimit(content, '**', charBefore(node), charAfter(node)),
  });
  td.addRule('emphasis', {
    filter: ['em', 'i'],
    replacement: (content, node) => delimit(content, '*', charBefore(node), charAfter(node)),
  });
  td.addRule('image', {
    filter: 'img',
    replacement: (_content, node) => {
      const el = node as HTMLElement;
      // data: images can be megabytes and are not archivable links; javascript: never passes.
      const src = webUrl(el.getAttribute('src'));
      if (!src) return '';
      const caption = el.getAttribute(CAPTION_ATTR) ?? el.closest('figure')?.getElementsByTagName('figcaption')[0]?.textContent ?? '';
      return `![${altText(el, caption)}](${destination(src)})`;
    },
  });
  td.addRule('caption', {
    filter: 'figcaption',
    replacement: (content) => {
      const text = oneLine(content);
      return INVISIBLE.test(text) ? '' : `\n\n${delimit(text, '*', '', '')}\n\n`;
    },
  });
  td.addRule('safeLink', {
    filter: (node) => node.nodeName === 'A',
    replacement: (content, node) => {
      if (INVISIBLE.test(content)) return '';
      const href = webUrl((node as HTMLElement).getAttribute('href'));
      // Link text cannot span blocks: a teaser card wrapped in one <a> keeps its text, unlinked.
      if (/\n\s*\n/.test(content.trim())) return `\n\n${content}\n\n`;
      if (!href) return content;
      return `[${oneLine(content)}](${destination(href)})`;
    },
  });
  td.addRule('footnoteRef', {
    filter: (node) => (node as Element).hasAttribute?.(REF_ATTR) ?? false,
    replacement: (_content, node) => `[^${(node as Element).getAttribute(REF_ATTR)}]`,
  });
  td.addRule('footnote', {
    filter: (node) => (node as Element).hasAttribute?.(NOTE_ATTR) ?? false,
    replacement: (content, node) => `\n\n[^${(node as Element).getAttribute(NOTE_ATTR)}]: ${oneLine(content)}\n\n`,
  });
  td.addRule('tableCell', {
    filter: ['th', 'td'],
    replacement: (content) => `| ${cellMarkdown(content)} `,
  });
  td.addRule('tableRow', {
    filter: 'tr',
    replacement: (content) => `${content}|\n`,
  });
  td.addRule('table', {
    filter: (node) => node.nodeName === 'TABLE' && (node as Element).hasAttribute(COLUMNS_ATTR),
    replacement: (content, node) => gfmTable(content, Number((node as Element).getAttribute(COLUMNS_ATTR))),
  });
  // Added last, so asked first: MathML elements may carry HTML names (`<math><th>` is a MathML "th"),
  // which the table rules would take for cells. Inside <math> only the text is kept, or the TeX
  // the formula was written in, where the page gives it.
  td.addRule('mathml', {
    filter: (node) => (node as Element).namespaceURI === MATHML,
    replacement: (content, node) => {
      const el = node as Element;
      if (el.localName !== 'math') return el.localName === 'annotation' || el.localName === 'annotation-xml' ? '' : content;
      const tex = texOf(el);
      if (!tex) return content;
      const display = el.getAttribute('display') === 'block' || el.closest('.katex-display, .MathJax_Display, mjx-container[display="true"]') !== null;
      return display ? `\n\n$$\n${tex}\n$$\n\n` : `$${oneLine(tex)}$`;
    },
  });
  service = td;
  return td;
}

/**
 * The body's DOM made writable as Markdown (each step in its own file): code blocks as their
 * text, footnotes marked, tables unwrapped or made rectangular, emphasis tidied, captions
 * placed under their images.
 */
function prepare(root: Element): void {
  const doc = root.ownerDocument;
  // A <pre> is code: its markup is text (a <table> inside one is not a table), <br> a line break.
  for (const pre of Array.from(root.getElementsByTagName('pre'))) {
    if (!pre.parentNode || pre.parentElement?.closest('pre')) continue;
    const lang = codeLanguage(pre);
    if (lang) pre.setAttribute('data-lang', lang);
    for (const br of Array.from(pre.getElementsByTagName('br'))) br.parentNode?.replaceChild(doc.createTextNode('\n'), br);
    // Cells and rows parsed out of the text keep apart as they are shown: a space between cells, a line per row.
    for (const cell of Array.from(pre.querySelectorAll('td, th')))
      if (cell.previousElementSibling) cell.parentNode?.insertBefore(doc.createTextNode(' '), cell);
    for (const row of Array.from(pre.getElementsByTagName('tr')))
      if (row.nextElementSibling) row.parentNode?.insertBefore(doc.createTextNode('\n'), row.nextSibling);
    const text = pre.textContent ?? '';
    while (pre.firstChild) pre.removeChild(pre.firstChild);
    pre.appendChild(doc.createTextNode(text));
  }
  linkBareAddresses(root);
  prepareFootnotes(root);
  prepareTables(root);
  tidyEmphasis(root);
  markInlineAroundBlocks(root);
  // A caption the chrome stage took off the page (CAPTION_ATTR) is written as a line under its image.
  for (const img of Array.from(root.querySelectorAll(`img[${CAPTION_ATTR}]`))) {
    const caption = (img.getAttribute(CAPTION_ATTR) ?? '').trim();
    const figure = img.closest('figure');
    if (!caption || (figure && figure.getElementsByTagName('figcaption').length > 0)) continue;
    const at = img.parentElement?.tagName === 'A' ? img.parentElement : img;
    const line = doc.createElement('figcaption');
    line.textContent = caption;
    at.parentNode?.insertBefore(line, at.nextSibling);
  }
}

/** turndown's block elements (its own list): all others are inline to it. */
const TURNDOWN_BLOCKS =
  'address, article, aside, audio, blockquote, body, canvas, center, dd, dir, div, dl, dt, fieldset, figcaption, figure, footer, form, frameset, h1, h2, h3, h4, h5, h6, header, hgroup, hr, html, isindex, li, main, menu, nav, noframes, noscript, ol, output, p, pre, section, table, tbody, td, tfoot, th, thead, tr, ul';
const TURNDOWN_BLOCK_NAMES = TURNDOWN_BLOCKS.split(', ');
const TURNDOWN_BLOCK_TAGS = new Set(TURNDOWN_BLOCK_NAMES.map((n) => n.toUpperCase()));
/** Marks an inline element (a <span>, <font>, a custom element) that holds a block. */
const HOLDS_BLOCK_ATTR = 'data-archivist-holds-block';

/**
 * turndown trims the content of an inline element with spaces at its edges, and with them the
 * blank line before a block inside it: a <pre> in a <span> (or in a custom element, which is
 * inline to turndown) began its fence at the end of a line of text, and the code was read as
 * text. Inline elements around blocks are marked, and written as blocks (rule holdsBlock).
 */
function markInlineAroundBlocks(root: Element): void {
  for (const block of elementsWithTag(root, TURNDOWN_BLOCK_NAMES)) {
    for (let up = block.parentElement; up && up !== root && !up.hasAttribute(HOLDS_BLOCK_ATTR); up = up.parentElement) {
      if (!TURNDOWN_BLOCK_TAGS.has(up.tagName)) up.setAttribute(HOLDS_BLOCK_ATTR, '');
    }
  }
}

/** Leading full-width spaces and NBSPs: Chinese typographic indents, not content. */
const INDENT = /^[\u3000\u00a0 \t]+/gm;

/** Body HTML → Markdown: one blank line between blocks, no indent spaces, no empty paragraphs. */
export function toMarkdown(html: string): string {
  const doc = domino.createDocument(`<x-turndown id="turndown-root">${html}</x-turndown>`);
  const root = doc.getElementById('turndown-root');
  if (!root) return '';
  prepare(root);
  const md = turndown()
    .turndown(root as unknown as HTMLElement)
    .replace(/\u00a0/g, ' ');
  return tidy(md);
}

function tidy(md: string): string {
  const out: string[] = [];
  let inFence = false;
  for (const line of md.split('\n')) {
    if (/^(```|~~~)/.test(line)) inFence = !inFence;
    // A line of only zero-width characters is an "empty" paragraph a page used as spacing.
    out.push(inFence ? line : INVISIBLE.test(line) ? '' : line.replace(INDENT, '').replace(/[ \t]+$/, ''));
  }
  return out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
