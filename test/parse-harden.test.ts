import { describe, expect, it } from 'vitest';
import { slimHtml } from '../src/parse/slim.js';
import { harden, type HardenReport, MAX_ATTRIBUTES, MAX_ELEMENT_DEPTH, MAX_PAGE_ATTRIBUTES, MAX_TAG_CHARS } from '../src/parse/harden.js';
import { decode } from '../src/load/decode.js';
import { read } from '../src/parse/index.js';
import { convertPage } from '../src/pipeline.js';
import { ARTICLE, NOW, PARAGRAPH, wrap } from './support/hostile.js';

describe('harden (pre-parse caps)', () => {
  const depthOf = (html: string) => {
    const a = convertPage({ input: 'x', bytes: Buffer.from(html), headers: {} }, NOW);
    return a;
  };

  // The slimming pass before parsing once used lazy regexes, which search to the end of the input from every opener
  // left unclosed: 200,000 of them made a minute's work. Now every character is looked at a bounded number of times.
  it.each(['<pre>', '<script>', '<style>', '<!--', '<div style="a', '<textarea>', '<p>\n  '])('slims 200,000 unclosed %j at once', (opener) => {
    const html = `${ARTICLE}${opener.repeat(200_000)}`;
    const slim = slimHtml(html);
    expect(slim.startsWith(slimHtml(ARTICLE).slice(0, -20))).toBe(true);
    expect(slim.length).toBeLessThanOrEqual(html.length);
  });

  it('leaves ordinary pages untouched (the very same string)', () => {
    expect(harden(ARTICLE)).toBe(ARTICLE);
    const table = '<table><tr><td><font>a<td><b>b</table><ul><li>one<li>two</ul><p>x<div>y</div><svg><path d="M0"/></svg>';
    expect(harden(table)).toBe(table);
  });

  it(`keeps ${MAX_ELEMENT_DEPTH} levels and flattens the rest, keeping their text`, () => {
    const report = { flattened: 0, strippedTags: 0, overBudget: 0 };
    const out = harden(`${'<div>'.repeat(MAX_ELEMENT_DEPTH + 10)}text${'</div>'.repeat(MAX_ELEMENT_DEPTH + 10)}`, report);
    expect(report.flattened).toBe(10);
    expect(out).toBe(`${'<div>'.repeat(MAX_ELEMENT_DEPTH)}text${'</div>'.repeat(MAX_ELEMENT_DEPTH)}`);
  });

  it('is not fooled by implied end tags, tables or end tags blocked by a table', () => {
    for (const body of [
      '<ul><li>x'.repeat(5000),
      '<table><tr><td>x'.repeat(5000),
      '<div><table><td><span></div>'.repeat(5000),
      '<rt>'.repeat(5000),
      '<dl><dd><section>'.repeat(5000),
    ]) {
      const report: HardenReport = { flattened: 0, strippedTags: 0, overBudget: 0 };
      harden(body, report);
      // Nested tables meet the table-depth limit first.
      expect(report.flattened + (report.tablesFlattened ?? 0)).toBeGreaterThan(0);
    }
  });

  it(`strips the attributes of a tag over ${MAX_TAG_CHARS} characters or ${MAX_ATTRIBUTES} attributes`, () => {
    expect(harden(`<p class="x" data-x="${'y'.repeat(MAX_TAG_CHARS)}">t</p>`)).toBe('<p>t</p>');
    expect(harden(`<img ${'a '.repeat(MAX_ATTRIBUTES + 1)}/>`)).toBe('<img/>');
    expect(harden('<p title="a > b">t</p>')).toBe('<p title="a > b">t</p>');
  });

  it('gives a doctype jsdom would reject a plain name (found by the fuzz test)', () => {
    expect(harden('<!doctype<!doctype html><p>x</p>')).toBe('<!DOCTYPE html><p>x</p>');
    expect(harden('<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0//EN" "x"><p>x</p>')).toBe('<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0//EN" "x"><p>x</p>');
    expect(convertPage({ input: 'x', bytes: Buffer.from(`<!doctype<!doctype html>${ARTICLE}`), headers: {} }, NOW).title).toBe('Plain story');
  });

  it('converts 100,000 unclosed <b> or differently coloured <font> paragraphs without blowing up', { timeout: 120_000 }, () => {
    expect(depthOf(wrap('<b>x'.repeat(100_000))).wordCount).toBeGreaterThan(0);
    expect(depthOf(wrap(Array.from({ length: 300 }, (_, i) => `<p><font color=c${i}>x`).join(''))).wordCount).toBeGreaterThan(0);
  });

  it(`keeps at most ${MAX_PAGE_ATTRIBUTES} attributes on a page: later tags keep their names and lose theirs`, () => {
    const attrs = Array.from({ length: 200 }, (_, i) => ` a${i}=1`).join('');
    const html = wrap(`<i${attrs}>x</i>`.repeat(5_000));
    const report = { flattened: 0, strippedTags: 0, overBudget: 0 };
    const out = harden(html, report);
    expect(out.match(/ a\d+=1/g)?.length).toBeLessThanOrEqual(MAX_PAGE_ATTRIBUTES);
    expect(report.strippedTags).toBeGreaterThan(0);
    expect(out.match(/<i>x<\/i>/g)?.length).toBe(report.strippedTags);
  });
});

describe('slim (what no stage reads, cut before parsing)', () => {
  it('blanks a data: URI of 9 MB in one attribute (a single-file page save) without overflowing the stack', () => {
    const html = wrap(`<img src="data:image/png;base64,${'A'.repeat(9_000_000)}" alt="chart"><p>${PARAGRAPH}</p>`);
    expect(slimHtml(html)).toContain('<img src="data:," alt="chart">');
    const article = convertPage({ input: 'x', bytes: Buffer.from(html), headers: {} }, NOW);
    expect(article.wordCount).toBeGreaterThan(0);
  });

  it('keeps a short data: URI and an unquoted or unterminated one as they are', () => {
    const short = `<img src="data:image/gif;base64,R0lGOD">`;
    expect(slimHtml(short)).toBe(short);
    const unterminated = `<img src="data:${'A'.repeat(3000)} alt=x>`;
    expect(slimHtml(unterminated)).toBe(unterminated);
  });
});

describe('noscript', () => {
  const story = (noscript: string) =>
    `<!doctype html><html><head><title>Story</title></head><body>${noscript}<article><h1>Story</h1><p>${PARAGRAPH.repeat(4)}</p></article></body></html>`;

  it('an unclosed <div> in a <noscript> does not take the page with it (a browser reads noscript as text)', () => {
    const article = convertPage({ input: 'x', bytes: Buffer.from(story('<noscript><div></noscript>')), headers: {} }, NOW);
    expect(article.text).toContain('Archivists keep pages');
  });

  it('keeps the real <img> a lazy image puts in its <noscript>, as an element', () => {
    const html = story('<figure><img src="data:image/gif;base64,R0lGOD"><noscript><img src="/photo.jpg" alt="The photo"></noscript></figure>');
    const parsed = read(decode({ input: 'x', bytes: Buffer.from(html), headers: {}, url: new URL('https://news.example/a.html') }));
    expect(parsed.document.querySelector('noscript img')?.getAttribute('src')).toBe('/photo.jpg');
    expect(parsed.document.querySelector('article h1')?.textContent).toBe('Story');
  });
});
