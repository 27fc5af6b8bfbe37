/**
 * working-copy.ts builds jsdom documents from parse5's tree (tree.ts) by public DOM calls, leaves
 * first, instead of letting jsdom's parser insert node by node into the document. The document must
 * be parse5's tree exactly, in the same mode: jsdom's parser's tree, but for text moved out of a
 * table, names no DOM can hold, and <noscript> content (parsed on its own, tree.ts).
 */
import fc from 'fast-check';
import { JSDOM, VirtualConsole } from 'jsdom';
import { parse as parseHtml, serialize } from 'parse5';
import { describe, expect, it } from 'vitest';
import { decode } from '../src/load/decode.js';
import { parse } from '../src/parse/index.js';
import { MODE_SEED, makeElement, parseTree, type ParsedDocument, type ParsedElement } from '../src/parse/tree.js';
import { buildDocument } from '../src/parse/working-copy.js';
import { randomHtml } from './support/fuzz-inputs.js';

const window = new JSDOM('', { url: 'https://example.org/news/a.html', virtualConsole: new VirtualConsole() }).window;
const parser = new window.DOMParser();
const jsdomParse = (markup: string) => parser.parseFromString(markup, 'text/html');
const URL_ = 'https://example.org/news/a.html';
const buildFull = (markup: string, options: Parameters<typeof buildDocument>[2] = {}) => buildDocument(parseTree(markup), URL_, options);
const build = (markup: string) => buildFull(markup).document;

/** Whether a DOM can hold `name` as an attribute name (tree.ts leaves out those it cannot). */
const scratch = jsdomParse('').createElement('div');
const holdable = (name: string): boolean => {
  try {
    scratch.setAttribute(name, '');
    scratch.removeAttribute(name);
    return true;
  } catch {
    return false;
  }
};

/** Whether a DOM can hold `name` as an element name (tree.ts builds a <span> where it cannot). */
const holdableElement = (name: string, namespace: string): boolean =>
  name === 'span' || makeElement(scratch.ownerDocument, name, namespace).localName !== 'span';

type Walked = {
  tagName?: string;
  nodeName: string;
  namespaceURI?: string;
  childNodes?: Walked[];
  attrs?: { name: string; namespace?: string }[];
  content?: Walked;
};

/** parse5's tree of `markup` as tree.ts reads it, less the names no DOM can hold (attributes left out, elements made <span>s). */
function parse5Held(markup: string): { tree: ParsedDocument; renamed: number } {
  const tree: ParsedDocument = parseTree(markup);
  let renamed = 0;
  const walk = (node: Walked) => {
    if (node.attrs) node.attrs = node.attrs.filter((a) => a.namespace || holdable(a.name));
    if (node.tagName && !holdableElement(node.tagName, node.namespaceURI!)) {
      node.tagName = node.nodeName = 'span';
      node.namespaceURI = 'http://www.w3.org/1999/xhtml';
      renamed++;
    }
    for (const child of node.childNodes ?? []) walk(child);
    if (node.content) walk(node.content);
  };
  walk(tree as unknown as Walked);
  return { tree, renamed };
}
// As a DOM without scripting serialises noscript content: as markup, escaped.
const parse5Serialized = (markup: string): string => serialize(parse5Held(markup).tree, { scriptingEnabled: false });

/** Everything a document holds, as text: mode, doctype ids, and each top-level node. */
function dump(doc: Document): string {
  const type = doc.doctype ? `${doc.doctype.name}|${doc.doctype.publicId}|${doc.doctype.systemId}` : 'no doctype';
  // By node type: parse() makes its documents in a window of its own, so instanceof would not do.
  const nodes = [...doc.childNodes].map((n) => (n.nodeType === 1 ? (n as Element).outerHTML : n.nodeType === 8 ? `<!--${(n as Comment).data}-->` : n.nodeName));
  return [doc.compatMode, type, ...nodes].join('\n');
}

/** The DOM serialised the way parse5 serialises its own tree (doctype by name only). */
function serializeLikeParse5(doc: Document): string {
  return [...doc.childNodes]
    .map((n) => (n.nodeType === 10 ? `<!DOCTYPE ${n.nodeName}>` : n.nodeType === 8 ? `<!--${(n as Comment).data}-->` : (n as Element).outerHTML))
    .join('');
}

const SEED = 20261125;

describe('buildDocument', () => {
  it('builds exactly the tree parse5 parsed', () => {
    fc.assert(
      fc.property(randomHtml, (markup) => {
        expect(serializeLikeParse5(build(markup))).toBe(parse5Serialized(markup));
      }),
      { numRuns: 400, seed: SEED },
    );
  });

  it('lists every HTML element with an id or a name (what release() must unindex)', () => {
    fc.assert(
      fc.property(randomHtml, (markup) => {
        const built = buildFull(markup);
        const expected = [...built.document.querySelectorAll('[id], [name]')].filter((el) => el.namespaceURI === 'http://www.w3.org/1999/xhtml');
        // Template contents are not in the document; listing them as well does no harm.
        expect(expected.filter((el) => !built.named.includes(el))).toEqual([]);
      }),
      { numRuns: 400, seed: SEED },
    );
  });

  it('gives the same document as jsdom’s parser where no text is moved out of a table', () => {
    fc.assert(
      fc.property(
        randomHtml.filter((m) => !/<table|<noscript/i.test(m) && parse5Held(m).renamed === 0),
        (markup) => {
          const parsed = jsdomParse(markup);
          // Less the attributes no DOM can hold, which the build leaves out.
          const strip = (root: ParentNode) => {
            for (const el of root.querySelectorAll('*')) {
              for (const a of [...el.attributes]) if (!a.namespaceURI && !holdable(a.name)) el.removeAttribute(a.name);
              if (el.localName === 'template') strip((el as HTMLTemplateElement).content);
            }
          };
          strip(parsed);
          expect(dump(build(markup))).toBe(dump(parsed));
        },
      ),
      { numRuns: 400, seed: SEED },
    );
  });

  it('puts text from inside a table before it, as browsers do (jsdom’s parser puts it after the table)', () => {
    const markup = '<body><div><table>Total: 12<tr><td>cell</td></tr></table><p>after</p></div>';
    expect(build(markup).querySelector('div')?.innerHTML).toBe('Total: 12<table><tbody><tr><td>cell</td></tr></tbody></table><p>after</p>');
    expect(jsdomParse(markup).querySelector('div')?.innerHTML).toBe('<table><tbody><tr><td>cell</td></tr></tbody></table>Total: 12<p>after</p>');
  });

  it('builds an element with more children than a call takes arguments', () => {
    const doc = build(`<p>${'x<br>'.repeat(80_000)}</p>`);
    expect(doc.querySelector('p')?.childNodes.length).toBe(160_000);
  });

  it.each(Object.entries(MODE_SEED))('seeds %s mode', (mode, seed) => {
    expect(parseHtml(seed).mode).toBe(mode);
    const page = `${seed}<p>x</p>`;
    expect(build(page).compatMode).toBe(mode === 'quirks' ? 'BackCompat' : 'CSS1Compat');
    expect(dump(build(page))).toBe(dump(jsdomParse(page)));
  });

  it('keeps the doctype, comments around <html>, namespaced attributes, templates and noscript markup', () => {
    const markup =
      '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd"><!--before-->' +
      '<html xmlns:og="http://ogp.me/ns#"><body><svg viewBox="0 0 1 1"><use xlink:href="#i"/><foreignObject><p>in svg</p></foreignObject></svg>' +
      '<math><mi xml:lang="en">x</mi></math><template><li>kept apart</li></template><noscript><img src="a.png"></noscript></body></html><!--after-->';
    const doc = build(markup);
    expect(dump(doc)).toBe(dump(jsdomParse(markup)));
    expect(doc.doctype?.publicId).toBe('-//W3C//DTD XHTML 1.0 Strict//EN');
    expect(doc.querySelector('use')?.getAttributeNS('http://www.w3.org/1999/xlink', 'href')).toBe('#i');
    expect(doc.querySelector('svg')?.getAttribute('viewBox')).toBe('0 0 1 1');
    expect(doc.querySelector('template li')).toBeNull();
    expect((doc.querySelector('template') as HTMLTemplateElement).content.querySelector('li')?.textContent).toBe('kept apart');
    expect(doc.querySelector('noscript img')?.getAttribute('src')).toBe('a.png');
  });

  it.each([
    ['a non-ASCII attribute name', '<p 标题="x">y</p>'],
    ['a foreign element with a colon', '<svg><a:b></a:b></svg><math><c:d></c:d></math>'],
    ['a Word paragraph', '<p>x<o:p></o:p></p>'],
  ])('builds %s as jsdom’s parser does', (_, markup) => {
    const page = `<body>${markup}<p id="end">end</p>`;
    const doc = build(page);
    expect(dump(doc)).toBe(dump(jsdomParse(page)));
    expect(doc.getElementById('end')?.textContent).toBe('end');
  });

  it.each([
    ['an attribute name setAttribute rejects', '<div @click="go" class="a">x</div>', '<div class="a">x</div>'],
    ['a quote inside a tag', '<a title="x"y"">x</a>', '<a title="x">x</a>'],
    ['stray quotes in a Chinese title', '<a title="暗伤"曝露？"" href="/a">x</a>', '<a title="暗伤" href="/a">x</a>'],
    ['an element name createElement rejects', '<p>a<b"c>b</b"c>c</p>', '<p>a<span>b</span>c</p>'],
  ])('builds %s without the name a DOM cannot hold, the rest as parsed', (_, markup, built) => {
    const doc = build(`<body>${markup}<p id="end">end</p>`);
    expect(doc.body.innerHTML).toBe(`${built}<p id="end">end</p>`);
  });

  it('does not select a Word <o:p> as a <p> (it is built whole, not as a prefixed p)', () => {
    const doc = build('<body><p>x<o:p></o:p></p>');
    expect(doc.querySelectorAll('p').length).toBe(1);
    expect(doc.querySelector('p')?.firstElementChild?.localName).toBe('o:p');
  });

  it('gives forms, selects, textareas and styles what they learn from their content, as jsdom’s parser does', () => {
    // Elements that react to what is inserted into them learn it from appendChild's own steps.
    const markup =
      '<body><form id="f"><div><input name="q" value="v"></div><select name="s"><option>a<option selected>b</select>' +
      '<textarea name="t">typed</textarea></form><style>p { color: red }</style>';
    const [doc, ref] = [build(markup), jsdomParse(markup)];
    const form = (d: Document) => d.getElementById('f') as HTMLFormElement;
    expect([...form(doc).elements].map((el) => el.getAttribute('name'))).toEqual(['q', 's', 't']);
    expect((form(doc).elements.namedItem('s') as HTMLSelectElement).value).toBe('b');
    expect((form(doc).elements.namedItem('t') as HTMLTextAreaElement).value).toBe('typed');
    expect(doc.styleSheets.length).toBe(ref.styleSheets.length);
    expect([...form(ref).elements].map((el) => el.getAttribute('name'))).toEqual(['q', 's', 't']);
  });
});

describe('buildDocument with childless elements', () => {
  const childless = (el: ParsedElement) => el.tagName === 'svg';
  const markup = '<body><p>a</p><svg viewBox="0 0 1 1" aria-label="Map"><g id="x"><path d="M0"/></g><foreignObject><p>b</p></foreignObject></svg><p>c</p>';

  it('builds them with their attributes and without their content; the rest as the parser does', () => {
    const doc = buildFull(markup, { childless }).document;
    const expected = jsdomParse(markup);
    expected.querySelector('svg')!.replaceChildren();
    expect(dump(doc)).toBe(dump(expected));
    expect(doc.querySelector('svg')?.getAttribute('aria-label')).toBe('Map');
    expect(doc.querySelector('svg')?.childNodes.length).toBe(0);
  });

  it('builds nothing under one, however deep', () => {
    const inkscape = `<body><svg><sodipodi:namedview></sodipodi:namedview>${'<g>'.repeat(500)}</svg><p>c</p>`;
    const doc = buildFull(inkscape, { childless }).document;
    expect(doc.querySelector('svg')?.childNodes.length).toBe(0);
    expect(doc.querySelector('p')?.textContent).toBe('c');
  });
});

describe('parse', () => {
  it('gives the built document the page URL, for links and base', () => {
    const page = parse(
      decode({ input: 'z.html', bytes: new TextEncoder().encode('<a href="../b.html">b</a>'), url: new URL('https://example.org/x/y/z.html'), headers: {} }),
    );
    expect(page.document.URL).toBe('https://example.org/x/y/z.html');
    expect(page.document.querySelector('a')?.href).toBe('https://example.org/x/b.html');
    page.close();
  });

  it('builds an inline <svg> without its content', () => {
    const html = `<body><p>a</p><svg class="icon" viewBox="0 0 9 9"><title>Share</title><path d="M0 0h9"/><svg><g/></svg></svg><p>b</p>`;
    const page = parse(decode({ input: 'svg.html', bytes: new TextEncoder().encode(html), headers: {} }));
    const svgs = page.document.querySelectorAll('svg');
    expect(svgs.length).toBe(1);
    expect(svgs[0]!.getAttribute('class')).toBe('icon');
    expect(svgs[0]!.childNodes.length).toBe(0);
    expect(page.document.body.textContent).toBe('ab');
    page.close();
  });
});
