import { gfm } from '@joplin/turndown-plugin-gfm';
import { codeLanguage } from '../common/code-language.js';
import TurndownService from 'turndown';
import { shareTableRows } from './table-rows.js';

let service: TurndownService | undefined;
const MATHML = 'http://www.w3.org/1998/Math/MathML';

/** One configured turndown instance per thread: building one compiles its rules, and pages share them. */
function turndown(): TurndownService {
  if (service) return service;
  // Before any table is converted: the GFM rules' reads of table.rows were quadratic (table-rows.ts).
  shareTableRows();
  const td = new TurndownService({
    headingStyle: 'atx',
    codeBlockStyle: 'fenced',
    bulletListMarker: '-',
    emDelimiter: '*',
    hr: '---',
    // No element is ever passed through as raw HTML: one kept by a rule becomes its converted content.
    keepReplacement: (content) => content,
  });
  // Text that spells a tag ("&lt;script&gt;" in the page) must not become a real tag in Markdown,
  // which renderers pass through as HTML: escape '<' as CommonMark allows. Code is never escaped.
  const escapeMarkdown = td.escape.bind(td);
  td.escape = (text: string) => escapeMarkdown(text).replace(/</g, '\\<');
  td.use(gfm);
  // Nothing executable or embedded survives into Markdown, whatever the body extractor kept.
  td.remove(['script', 'style', 'noscript', 'iframe', 'object', 'embed', 'form', 'button', 'input', 'select', 'textarea', 'template', 'svg', 'canvas'] as TurndownService.Filter);
  // MathML elements may carry HTML names (`<math><th>` is a MathML "th"); the GFM table rules take
  // them for cells, find no table and throw. Inside <math> only the text is kept.
  td.addRule('mathml', {
    filter: (node) => (node as Element).namespaceURI === MATHML,
    replacement: (content) => content,
  });
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
  td.addRule('image', {
    filter: 'img',
    replacement: (_content, node) => {
      const el = node as HTMLElement;
      const src = el.getAttribute('src') ?? '';
      // data: images can be megabytes and are not archivable links; javascript: never passes.
      if (!/^https?:\/\//i.test(src)) return '';
      const alt = (el.getAttribute('alt') ?? '').replace(/[[\]\n]/g, ' ').trim();
      return `![${alt}](${src.replace(/[()\s]/g, encodeURIComponent)})`;
    },
  });
  td.addRule('safeLink', {
    filter: (node) => node.nodeName === 'A',
    replacement: (content, node) => {
      const href = (node as HTMLElement).getAttribute('href') ?? '';
      if (!content.trim()) return '';
      if (!/^(https?:|mailto:)/i.test(href)) return content;
      return `[${content}](${href.replace(/[()\s]/g, encodeURIComponent)})`;
    },
  });
  service = td;
  return td;
}

/** Leading full-width spaces and NBSPs: Chinese typographic indents, not content. */
const INDENT = /^[\u3000\u00a0 \t]+/gm;

/** Body HTML → Markdown: one blank line between blocks, no indent spaces, no empty paragraphs. */
export function toMarkdown(html: string): string {
  const md = turndown()
    .turndown(html)
    .replace(/\u00a0/g, ' ');
  return tidy(md);
}

function tidy(md: string): string {
  const out: string[] = [];
  let inFence = false;
  for (const line of md.split('\n')) {
    if (/^(```|~~~)/.test(line)) inFence = !inFence;
    out.push(inFence ? line : line.replace(INDENT, '').replace(/[ \t]+$/, ''));
  }
  return out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
