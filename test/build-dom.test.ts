/**
 * build-dom.ts builds the page from parse5's tree with jsdom's implementation helpers instead of
 * letting jsdom's parser insert node by node into the document. The document must be parse5's tree
 * exactly, in the same mode: jsdom's parser's tree, but for text moved out of a table.
 */
import fc from 'fast-check';
import { JSDOM, VirtualConsole } from 'jsdom';
import { parse as parseHtml, serialize } from 'parse5';
import { describe, expect, it } from 'vitest';
import { randomHtml } from '../bench/fuzz-inputs.js';
import { MODE_SEED, buildDocument, type ParsedElement } from '../src/build-dom.js';
import { jsdomImpl } from '../src/jsdom-impl.js';
import { decode } from '../src/load/decode.js';
import { parse } from '../src/parse.js';

const window = new JSDOM('', { url: 'https://example.org/news/a.html', virtualConsole: new VirtualConsole() }).window;
const parser = new window.DOMParser();
const jsdomParse = (markup: string) => parser.parseFromString(markup, 'text/html');
const build = (markup: string) => buildDocument(markup, jsdomParse)!.document;

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
    .map((n) => (n instanceof window.DocumentType ? `<!DOCTYPE ${n.name}>` : n instanceof window.Comment ? `<!--${n.data}-->` : (n as Element).outerHTML))
    .join('');
}

const SEED = 20261125;

describe('buildDocument', () => {
  it('has the jsdom helpers it builds with (without them every page goes to jsdom’s slower parser)', () => {
    expect(jsdomImpl).not.toBeNull();
  });

  it('builds exactly the tree parse5 parsed', () => {
    fc.assert(
      fc.property(randomHtml, (markup) => {
        expect(serializeLikeParse5(build(markup))).toBe(serialize(parseHtml(markup, { scriptingEnabled: false })));
      }),
      { numRuns: 400, seed: SEED },
    );
  });

  it('lists every HTML element with an id or a name (what release() must unindex)', () => {
    fc.assert(
      fc.property(randomHtml, (markup) => {
        const built = buildDocument(markup, jsdomParse)!;
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
        randomHtml.filter((m) => !/<table/i.test(m)),
        (markup) => {
          expect(dump(build(markup))).toBe(dump(jsdomParse(markup)));
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
    ['an attribute name setAttribute rejects', '<div @click="go">x</div>'],
    ['a quote inside a tag', '<a title="x"y"">x</a>'],
    ['stray quotes in a Chinese title', '<a title="暗伤"曝露？"" href="/a">x</a>'],
    ['a non-ASCII attribute name', '<p 标题="x">y</p>'],
    ['a foreign element with a colon', '<svg><a:b></a:b></svg><math><c:d></c:d></math>'],
  ])('builds %s as jsdom’s parser does', (_, markup) => {
    const page = `<body>${markup}<p id="end">end</p>`;
    const doc = build(page);
    expect(dump(doc)).toBe(dump(jsdomParse(page)));
    expect(doc.getElementById('end')?.textContent).toBe('end');
  });

  it('gives forms, selects, textareas and styles what they learn from their content, as jsdom’s parser does', () => {
    // Elements that react to what is inserted into them get jsdom's full insertion steps (jsdom-impl.ts).
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

describe('jsdomImpl.appendDetached', () => {
  it('gives a child the full insertion steps when its parent is already under another node', () => {
    const jsdom = jsdomImpl!;
    const doc = jsdomParse('<body>');
    const [select, group, option] = [doc.createElement('select'), doc.createElement('optgroup'), doc.createElement('option')];
    select.appendChild(group);
    // The select is a level up: only the full steps tell it that an option came in, so it selects its first.
    jsdom.appendDetached(jsdom.implOf(group), jsdom.implOf(option));
    expect(option.selected).toBe(true);
  });
});

describe('buildDocument with childless elements', () => {
  const childless = (el: ParsedElement) => el.tagName === 'svg';
  const markup = '<body><p>a</p><svg viewBox="0 0 1 1" aria-label="Map"><g id="x"><path d="M0"/></g><foreignObject><p>b</p></foreignObject></svg><p>c</p>';

  it('builds them with their attributes and without their content; the rest as the parser does', () => {
    const doc = buildDocument(markup, jsdomParse, { childless })!.document;
    const expected = jsdomParse(markup);
    expected.querySelector('svg')!.replaceChildren();
    expect(dump(doc)).toBe(dump(expected));
    expect(doc.querySelector('svg')?.getAttribute('aria-label')).toBe('Map');
    expect(doc.querySelector('svg')?.childNodes.length).toBe(0);
  });

  it('builds nothing under one, however deep', () => {
    const inkscape = `<body><svg><sodipodi:namedview></sodipodi:namedview>${'<g>'.repeat(500)}</svg><p>c</p>`;
    const doc = buildDocument(inkscape, jsdomParse, { childless })!.document;
    expect(doc.querySelector('svg')?.childNodes.length).toBe(0);
    expect(doc.querySelector('p')?.textContent).toBe('c');
  });
});

describe('parse', () => {
  it('gives the built document the page URL, for links and base', () => {
    const page = parse(decode({ input: 'z.html', bytes: new TextEncoder().encode('<a href="../b.html">b</a>'), url: new URL('https://example.org/x/y/z.html'), headers: {} }));
    expect(page.document.URL).toBe('https://example.org/x/y/z.html');
    expect(page.document.querySelector('a')?.href).toBe('https://example.org/x/b.html');
    page.close();
  });

  it.each([
    ['built from parse5', false],
    ['parsed by jsdom', true],
  ])('builds an inline <svg> without its content, %s', (_, jsdomParser) => {
    const html = `<body><p>a</p><svg class="icon" viewBox="0 0 9 9"><title>Share</title><path d="M0 0h9"/><svg><g/></svg></svg><p>b</p>`;
    const page = parse(decode({ input: 'svg.html', bytes: new TextEncoder().encode(html), headers: {} }), { jsdomParser });
    const svgs = page.document.querySelectorAll('svg');
    expect(svgs.length).toBe(1);
    expect(svgs[0]!.getAttribute('class')).toBe('icon');
    expect(svgs[0]!.childNodes.length).toBe(0);
    expect(page.document.body.textContent).toBe('ab');
    page.close();
  });
});
