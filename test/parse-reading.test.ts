/**
 * The pipeline reads a page as a domino document built from parse5's tree (parse/reading.ts) and
 * works on a jsdom copy built from that (parse/working-copy.ts). Both must hold the tree jsdom's
 * build holds (parse-working-copy.test.ts checks that one against parse5 and jsdom's parser), and a
 * page must convert to the same Article whichever way it is read.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decode } from '../src/load/decode.js';
import { readFilePage } from '../src/load/file.js';
import { parse, read } from '../src/parse/index.js';
import { modeOf, readDocument } from '../src/parse/reading.js';
import { MODE_SEED, parseTree } from '../src/parse/tree.js';
import { buildDocument, copyInto, newDocument } from '../src/parse/working-copy.js';
import { assemble, extract, siteRuleOf } from '../src/pipeline.js';
import { BUILTIN_RULES } from '../src/sites/index.js';
import type { Decoded, Parsed } from '../src/types.js';
import { randomHtml } from './support/fuzz-inputs.js';

/** Whether `doc` was read as domino (read-dom.ts keeps the mode of those only). */
const isReadDocument = (doc: Document) => modeOf(doc) !== undefined;

const URL_ = 'https://example.org/news/a.html';
const jsdomBuild = (markup: string) => buildDocument(parseTree(markup), URL_).document;
const dominoRead = (markup: string) => readDocument(parseTree(markup), URL_);
const copyOf = (doc: Document, skip: (el: Element) => boolean = () => false, mark: (from: Element, made: Element) => void = () => undefined) =>
  copyInto(doc, newDocument(URL_, modeOf(doc)!), { skip, mark });
/** read() as the pipeline calls it, with the built-in rules. */
const readPage = (decoded: Decoded) => read(decoded, siteRuleOf(decoded, BUILTIN_RULES));

/** Every node of a document as text, read through the DOM alone (so any two DOMs compare): names, namespaces, attributes, data, template content. */
function tree(doc: Document): string {
  const lines: string[] = [doc.compatMode];
  const walk = (node: Node, depth: number) => {
    const pad = ' '.repeat(depth);
    if (node.nodeType === 1) {
      const el = node as Element;
      const attrs = Array.from({ length: el.attributes.length }, (_, i) => el.attributes[i]!).map(
        (a) => `${a.namespaceURI ?? ''}|${a.prefix ?? ''}|${a.localName}=${JSON.stringify(a.value)}`,
      );
      lines.push(`${pad}<${el.namespaceURI} ${el.localName}> ${attrs.join(' ')}`);
      const content = el.localName === 'template' && el.namespaceURI === 'http://www.w3.org/1999/xhtml' ? (el as HTMLTemplateElement).content : null;
      if (content) {
        lines.push(`${pad} (content)`);
        for (let c = content.firstChild; c; c = c.nextSibling) walk(c, depth + 2);
      }
    } else if (node.nodeType === 3 || node.nodeType === 8)
      lines.push(`${pad}${node.nodeType === 3 ? '"' : '<!--'}${JSON.stringify((node as CharacterData).data)}`);
    else if (node.nodeType === 10)
      lines.push(`${pad}<!DOCTYPE ${(node as DocumentType).name}|${(node as DocumentType).publicId}|${(node as DocumentType).systemId}>`);
    for (let c = node.firstChild; c; c = c.nextSibling) walk(c, depth + 1);
  };
  for (let c = doc.firstChild; c; c = c.nextSibling) walk(c, 0);
  return lines.join('\n');
}

const SEED = 20261126;
const ODD = [
  '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd"><!--before--><html xmlns:og="http://ogp.me/ns#"><body><svg viewBox="0 0 1 1"><use xlink:href="#i"/><foreignObject><p>in svg</p></foreignObject></svg><math><mi xml:lang="en">x</mi></math><template><li>kept apart</li></template><noscript><img src="a.png"></noscript></body></html><!--after-->',
  '<body><div @click="go">x</div><a title="x"y"">x</a><p 标题="x">y</p><svg><a:b></a:b></svg><math><c:d></c:d></math><p id="end">end</p>',
  '<body><div><table>Total: 12<tr><td>cell</td></tr></table><p>after</p></div><meta content="not a template"><form><select><option>a<option selected>b</select></form>',
];

describe('readDocument', () => {
  it('builds the tree jsdom’s build holds', () => {
    fc.assert(
      fc.property(randomHtml, (markup) => {
        expect(tree(dominoRead(markup))).toBe(tree(jsdomBuild(markup)));
      }),
      { numRuns: 300, seed: SEED },
    );
  });

  it.each(ODD.map((m, i) => [i, m]))('builds odd page %i (doctype ids, foreign and odd names, templates, a table’s text) as jsdom does', (_, markup) => {
    const doc = dominoRead(markup);
    expect(tree(doc)).toBe(tree(jsdomBuild(markup)));
    expect(isReadDocument(doc)).toBe(true);
  });

  it.each(Object.entries(MODE_SEED))('keeps the %s mode, and the page URL', (mode, seed) => {
    const doc = dominoRead(`${seed}<p>x</p>`);
    expect(modeOf(doc)).toBe(mode);
    expect(doc.compatMode).toBe(mode === 'quirks' ? 'BackCompat' : 'CSS1Compat');
    expect(doc.URL).toBe(URL_);
  });

  it('builds an element with more children than a call takes arguments', () => {
    expect(dominoRead(`<p>${'x<br>'.repeat(80_000)}</p>`).querySelector('p')?.childNodes.length).toBe(160_000);
  });
});

describe('copyInto (the working copy of a page read as domino)', () => {
  it('is the tree jsdom’s build holds, in a jsdom document', () => {
    fc.assert(
      fc.property(randomHtml, (markup) => {
        expect(tree(copyOf(dominoRead(markup)))).toBe(tree(jsdomBuild(markup)));
      }),
      { numRuns: 300, seed: SEED },
    );
  });

  it.each(ODD.map((m, i) => [i, m]))('copies odd page %i as jsdom builds it', (_, markup) => {
    expect(tree(copyOf(dominoRead(markup)))).toBe(tree(jsdomBuild(markup)));
  });

  it.each(Object.entries(MODE_SEED))('is in the page’s %s mode, with its URL', (mode, seed) => {
    const copy = copyOf(dominoRead(`${seed}<p><a href="../b.html">x</a></p>`));
    expect(copy.compatMode).toBe(mode === 'quirks' ? 'BackCompat' : 'CSS1Compat');
    expect(tree(copy)).toBe(tree(jsdomBuild(`${seed}<p><a href="../b.html">x</a></p>`)));
    expect(copy.querySelector('a')?.href).toBe('https://example.org/b.html');
  });

  it('leaves skipped elements out with their subtrees, and marks elements before they join their parent', () => {
    const doc = dominoRead('<body><nav><a href="/">Home</a></nav><article><h1>T</h1><p class="x">one</p><aside>ad</aside><p>two</p></article>');
    const marked: string[] = [];
    const copy = copyOf(
      doc,
      (el) => el.localName === 'nav' || el.localName === 'aside',
      (from, made) => {
        if (from.localName === 'p') {
          expect(made.parentNode).toBeNull();
          made.setAttribute('data-mark', from.textContent ?? '');
          marked.push(made.getAttribute('class') ?? '');
        }
      },
    );
    expect(copy.body.innerHTML).toBe('<article><h1>T</h1><p class="x" data-mark="one">one</p><p data-mark="two">two</p></article>');
    expect(marked).toEqual(['x', '']);
    // A jsdom document (domino's selector engine has no :where()), connected as a parsed page is: the id index works.
    const jsdomCopy = copyOf(dominoRead('<p id="a">x</p>'));
    expect(isReadDocument(jsdomCopy)).toBe(false);
    expect(jsdomCopy.querySelector(':where(p)')?.textContent).toBe('x');
    expect(jsdomCopy.getElementById('a')?.textContent).toBe('x');
  });
});

describe('read', () => {
  const page = (html: string, url?: string) =>
    decode({ input: 'a.html', bytes: new TextEncoder().encode(html), url: url ? new URL(url) : undefined, headers: {} });

  it('reads a page as domino, with its URL', () => {
    const parsed = readPage(page('<p>x</p>', URL_));
    expect(isReadDocument(parsed.document)).toBe(true);
    expect(parsed.document.URL).toBe(URL_);
    parsed.close();
  });

  it('reads a page nested deeper than the call stack (hardened first: domino roots a tree recursively)', () => {
    const parsed = readPage(page(`<body>${'<div>'.repeat(20_000)}deep`));
    expect(isReadDocument(parsed.document)).toBe(true);
    expect(parsed.document.body.textContent).toBe('deep');
  });

  it('reads a page a site rule applies to as jsdom (a rule’s selectors are jsdom’s), by URL or by the page’s saved-from address', () => {
    const host = BUILTIN_RULES[0]!.hosts[0]!;
    for (const parsed of [
      readPage(page('<p>x</p>', `https://${host}/s?id=1`)),
      readPage(page(`<html><head><link rel="canonical" href="https://${host}/s?id=1"></head><body><p>x</p>`)),
    ]) {
      expect(isReadDocument(parsed.document)).toBe(false);
      expect(parsed.document.querySelector('body:has(> p)')?.textContent).toBe('x');
      parsed.close();
    }
  });
});

describe('a page converts to the same Article read as domino or as jsdom', () => {
  const FIXTURES = path.join(import.meta.dirname, '..', 'fixtures');
  // Not those that fail before there is a page to read (a PNG named .html).
  const cases = readdirSync(FIXTURES).filter(
    (d) => !(JSON.parse(readFileSync(path.join(FIXTURES, d, 'case.json'), 'utf8')) as { expectError?: string }).expectError?.startsWith('E_NOT_HTML'),
  );
  const convert = (parsed: Parsed) => {
    try {
      return assemble(extract(parsed), parsed.decoded, () => new Date(0));
    } catch (err) {
      return (err as { code?: string }).code ?? String(err);
    } finally {
      parsed.close();
    }
  };

  it.each(cases)('%s', async (name) => {
    const dir = path.join(FIXTURES, name);
    const input = readdirSync(dir).find((f) => f.startsWith('input.'))!;
    const c = JSON.parse(readFileSync(path.join(dir, 'case.json'), 'utf8')) as { url?: string };
    const page = await readFilePage(path.join(dir, input), c.url ? new URL(c.url) : undefined);
    const decoded = () => decode(page);
    const viaRead = readPage(decoded());
    const asJsdom = parse(decoded(), viaRead.rule);
    // Read as domino unless a site rule applies (none of the fixtures' sites has one).
    expect(isReadDocument(viaRead.document)).toBe(true);
    expect(isReadDocument(asJsdom.document)).toBe(false);
    expect(convert(viaRead)).toEqual(convert(asJsdom));
  });
});
