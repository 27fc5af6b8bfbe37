/**
 * FastReadability (src/extract/readability.ts) overrides two of Readability's internal helpers.
 * These check that the helpers are still there to override (an upgrade that renames one would
 * leave the override dead, and the first test then fails) and that each override gives what
 * the original gives, on the same elements.
 */
import { Readability } from '@mozilla/readability';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { FastReadability, OVERRIDDEN, elementsWithTag, type ReadabilityInternals } from '../src/extract/readability.js';
import { readabilityBody } from '../src/extract/body.js';
import { decode } from '../src/load/decode.js';
import { parse } from '../src/parse/index.js';

const docOf = (html: string) => parse(decode({ input: 'page.html', bytes: new TextEncoder().encode(html), headers: {} })).document;
/** jsdom's own parse: parse() builds an <svg> without its content (parse.ts), and the tag lists below look inside one. */
const jsdomDocOf = (html: string) => new JSDOM(html).window.document;
const original = Readability.prototype as unknown as ReadabilityInternals;

const PAGE = `<!doctype html><html><head><title>t</title><style>p{}</style></head><body>
  <div id="a"><P>one</P><p>two <span>x</span><img src="a.png"></p>
    <svg viewBox="0 0 1 1"><style>.s{}</style><a href="#"><text>svg link</text></a><foreignObject><p>inside svg</p></foreignObject></svg>
    <table><tr><td><p>cell</p></td></tr></table>
    <ul><li>a</li><li><ol><li>b</li></ol></li></ul>
  </div>
  <div id="b" style="display:none"><p>hidden by style</p></div>
  <div style="visibility: hidden">v</div><div style="color: red">shown</div>
  <div hidden>h</div><div aria-hidden="true">ah</div><div aria-hidden="true" class="mwe-math-fallback-image-inline">math</div>
  <div aria-hidden="false">shown</div><section><p>last</p></section>
</body></html>`;

describe('FastReadability', () => {
  it('overrides helpers that Readability still has', () => {
    for (const name of OVERRIDDEN) {
      expect(typeof original[name], name).toBe('function');
      expect(FastReadability.prototype[name], name).not.toBe(original[name]);
    }
  });

  it('finds the elements querySelectorAll finds, in the same order, for any case of tag name', () => {
    const doc = jsdomDocOf(PAGE);
    expect(doc.querySelector('svg foreignObject')).not.toBeNull();
    const lists = [
      ['p'],
      ['P'],
      ['a'],
      ['A'],
      ['style'],
      ['STYLE'],
      ['li'],
      ['ul', 'ol'],
      ['td', 'P', 'img'],
      ['SPAN', 'LI', 'TD', 'DIV', 'IMG', 'P'],
      ['foreignobject'],
      ['foreignObject'],
      ['text'],
      ['h1'],
      ['section', 'svg'],
    ];
    const roots: (Element | Document)[] = [
      doc,
      doc.body,
      doc.getElementById('a')!,
      doc.querySelector('ul')!,
      doc.querySelector('svg')!,
      doc.querySelector('section > p')!,
    ];
    for (const root of roots) {
      for (const tags of lists) {
        expect(elementsWithTag(root, tags), `${root.nodeName} ${tags.join(',')}`).toEqual(Array.from(root.querySelectorAll(tags.join(','))));
      }
    }
  });

  it('judges visibility as Readability does, element by element', () => {
    const doc = docOf(PAGE);
    const fast = new FastReadability(doc) as unknown as ReadabilityInternals;
    const elements = Array.from(doc.querySelectorAll('*'));
    const judged = (r: ReadabilityInternals) => elements.map((el) => !!r._isProbablyVisible(el));
    expect(judged(fast)).toEqual(elements.map((el) => !!original._isProbablyVisible.call(fast, el)));
    // The page has each kind, so the comparison above covers both answers.
    expect(judged(fast)).toContain(true);
    expect(judged(fast)).toContain(false);
  });
});

describe('readabilityBody', () => {
  it('says why when Readability throws, so the Article can warn that the body is the fallback’s', () => {
    const doc = docOf('<p>x</p>');
    doc.removeChild(doc.documentElement);
    const r = readabilityBody(doc);
    expect(r.body).toBeNull();
    expect(r.error).toMatch(/document/i);
  });
});
