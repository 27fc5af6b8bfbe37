/**
 * Inline styles are made lazy in jsdom (src/lazy-style.ts). These check that the patch is in
 * place — a jsdom upgrade that changes the classes it reaches into turns it off, and the first
 * test then fails — and that a page's elements still read and write their styles as before.
 */
import { describe, expect, it } from 'vitest';
import { decode } from '../src/load/decode.js';
import { lazyStylesActive } from '../src/lazy-style.js';
import { parse } from '../src/parse.js';
import { convertPage } from '../src/pipeline.js';

const docOf = (html: string) => parse(decode({ input: 'page.html', bytes: new TextEncoder().encode(html), headers: {} })).document;

describe('lazy inline styles', () => {
  it('are on once a page has been parsed', () => {
    docOf('<p>x</p>');
    expect(lazyStylesActive()).toBe(true);
  });

  it('read the attribute as it is when first read, for HTML and SVG elements', () => {
    // The <svg> itself: parse() builds an inline SVG without its content (parse.ts).
    const doc = docOf('<div style="display: none; color: red">a</div><svg style="visibility: hidden"><g></g></svg>');
    const div = doc.querySelector('div') as HTMLElement;
    div.setAttribute('style', 'display: block');
    expect(div.style.display).toBe('block');
    expect(div.style.color).toBe('');
    expect((doc.querySelector('svg') as SVGElement).style.visibility).toBe('hidden');
  });

  it('keep attribute and style object in step once the object exists', () => {
    const div = docOf('<div style="display: none">a</div>').querySelector('div') as HTMLElement;
    expect(div.style.display).toBe('none');
    div.setAttribute('style', 'visibility: hidden');
    expect(div.style.display).toBe('');
    expect(div.style.visibility).toBe('hidden');
    div.style.display = 'inline';
    expect(div.getAttribute('style')).toBe('visibility: hidden; display: inline;');
    div.removeAttribute('style');
    expect(div.style.visibility).toBe('');
  });

  it('carry over to a clone made before the style is read', () => {
    const div = docOf('<div style="text-align: center">a</div>').querySelector('div') as HTMLElement;
    expect((div.cloneNode(true) as HTMLElement).style.textAlign).toBe('center');
  });

  it('still hide what a page hides with an inline style', () => {
    const para = (n: number) => `<p>Paragraph ${n} of the council report on the bridge, long enough to count as article text for the extractor.</p>`;
    const html = `<html><head><title>Bridge</title></head><body><article><h1>Bridge</h1>${[1, 2, 3, 4, 5].map(para).join('')}
      <div style="display:none"><p>Hidden teaser text that a reader never sees on the page at all, and that must not be archived.</p></div></article></body></html>`;
    const article = convertPage({ input: 'page.html', bytes: new TextEncoder().encode(html), headers: {} }, () => new Date(0));
    expect(article.text).toContain('Paragraph 5');
    expect(article.text).not.toContain('Hidden teaser');
  });
});
