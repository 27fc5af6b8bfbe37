/** Block-level elements: each starts a new paragraph in plain text. */
const BLOCK = new Set([
  'P',
  'DIV',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'LI',
  'PRE',
  'BLOCKQUOTE',
  'TR',
  'TABLE',
  'FIGURE',
  'FIGCAPTION',
  'SECTION',
  'ARTICLE',
  'UL',
  'OL',
  'DL',
  'DT',
  'DD',
  'HEADER',
  'FOOTER',
  'MAIN',
  'ASIDE',
  'HR',
  'ADDRESS',
]);

/** Plain text of an element: paragraphs separated by one blank line, whitespace folded inside them. */
export function toText(root: Element): string {
  const paragraphs: string[] = [];
  let current = '';
  const flush = () => {
    const p = current.replace(/[\s\u00a0]+/g, ' ').replace(/^[ \u3000]+|[ \u3000]+$/g, '');
    if (p) paragraphs.push(p);
    current = '';
  };
  const walk = (node: Node) => {
    if (node.nodeType === 3) {
      current += node.nodeValue ?? '';
      return;
    }
    if (node.nodeType !== 1) return;
    const el = node as Element;
    if (el.tagName === 'BR') {
      flush();
      return;
    }
    if (el.tagName === 'TD' || el.tagName === 'TH') current += ' ';
    if (el.tagName === 'PRE') {
      flush();
      const code = (el.textContent ?? '').replace(/\n+$/, '');
      if (code.trim()) paragraphs.push(code);
      return;
    }
    const block = BLOCK.has(el.tagName);
    if (block) flush();
    for (let c = el.firstChild; c; c = c.nextSibling) walk(c);
    if (block) flush();
  };
  walk(root);
  flush();
  return paragraphs.join('\n\n');
}
