/**
 * The per-page limits of docs/security.md hold in a conversion: a page built past each one
 * converts, the limit cut what it promises to cut, a warning says so, and the output stays bounded.
 */
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { readabilityBody, readabilityUnfit, READABILITY_MAX_CHILDREN, READABILITY_MAX_ELEMENTS } from '../src/extract/body.js';
import { ConvertPool } from '../src/batch/pool.js';
import { harden, MAX_ELEMENTS, MAX_TABLE_DEPTH, MAX_TEXT_CHARS, type HardenReport } from '../src/parse/harden.js';
import { ARTICLE, fromBytes, outcome } from './support/hostile.js';
import { elementFlood, hugeParagraph, nestedCells } from './support/big-pages.js';

const freshReport = (): HardenReport => ({ flattened: 0, strippedTags: 0, overBudget: 0 });

describe('per-page limits (harden)', () => {
  it("drops the table tags of tables nested past MAX_TABLE_DEPTH and keeps their cells' text", () => {
    const report = freshReport();
    const out = harden(nestedCells(MAX_TABLE_DEPTH + 10), report);
    expect(out.match(/<table>/g)).toHaveLength(MAX_TABLE_DEPTH);
    expect(out.match(/<\/table>/g)).toHaveLength(MAX_TABLE_DEPTH);
    expect(out.match(/cell/g)).toHaveLength(MAX_TABLE_DEPTH + 10);
    expect(report.tablesFlattened).toBe(10 * 6);
    // The article after the deep tables is untouched.
    expect(out.endsWith('</article></body></html>')).toBe(true);
  });

  it('leaves tables MAX_TABLE_DEPTH deep as they are', () => {
    const html = nestedCells(MAX_TABLE_DEPTH);
    expect(harden(html)).toBe(html);
  });

  it('cuts a run of text past MAX_TEXT_CHARS, and only that run', () => {
    const report = freshReport();
    const out = harden(`${hugeParagraph(MAX_TEXT_CHARS + 5000)}<p>after</p>`, report);
    expect(report.textCut).toBe(5000);
    expect(out).toContain('<p>after</p>');
    expect(out.length).toBeLessThan(MAX_TEXT_CHARS + 1000);
  });

  it('never splits a surrogate pair when it cuts', () => {
    const out = harden(`<p>${'😀'.repeat(MAX_TEXT_CHARS)}</p>`);
    expect(out).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });

  it('leaves a run of MAX_TEXT_CHARS as it is', () => {
    const html = hugeParagraph(MAX_TEXT_CHARS);
    expect(harden(html)).toBe(html);
  });

  it('counts the text of tags dropped past MAX_ELEMENTS as one run, and cuts it', () => {
    const report = freshReport();
    const out = harden(elementFlood(MAX_ELEMENTS + 200_000), report);
    expect(report.overBudget).toBeGreaterThan(0);
    expect(report.textCut).toBeGreaterThan(0);
    expect(out.length).toBeLessThan(2 * MAX_TEXT_CHARS + 2_000_000);
  });
});

describe('per-page limits (convert)', () => {
  it('converts 40 nested tables and says the deep ones were flattened', async () => {
    const r = await outcome(fromBytes(nestedCells(40)));
    expect(r.result).toBe('ok');
    if (r.result !== 'ok') return;
    expect(r.article.warnings.join('\n')).toMatch(`tables nested deeper than ${MAX_TABLE_DEPTH}`);
    expect(r.article.text).toContain('cell');
  });

  it('converts a paragraph past MAX_TEXT_CHARS to a bounded article, and says the text was cut', async () => {
    const r = await outcome(fromBytes(hugeParagraph(MAX_TEXT_CHARS + 100_000)));
    expect(r.result).toBe('ok');
    if (r.result !== 'ok') return;
    expect(r.article.warnings.join('\n')).toMatch(/characters cut/);
    expect(r.article.text.length).toBeLessThanOrEqual(MAX_TEXT_CHARS + 1000);
  });

  it('gives an ordinary page no limit warning', async () => {
    const r = await outcome(fromBytes(ARTICLE));
    expect(r.result).toBe('ok');
    if (r.result === 'ok') expect(r.article.warnings).toEqual([]);
  });
});

describe("Readability's element limit", () => {
  it('skips Readability on a page past READABILITY_MAX_ELEMENTS and says why', () => {
    const doc = new JSDOM(`<body><article>${'<p>item</p>'.repeat(READABILITY_MAX_ELEMENTS)}</article></body>`).window.document;
    const r = readabilityBody(doc);
    expect(r.body).toBeNull();
    expect(r.error).toMatch(/elements found/);
  });

  it('is not run on a page past READABILITY_MAX_ELEMENTS, or with a parent wider than READABILITY_MAX_CHILDREN', () => {
    const page = (html: string) => new JSDOM(`<body><article>${html}</article></body>`).window.document;
    expect(readabilityUnfit(page('<section><p>item</p></section>'.repeat(READABILITY_MAX_ELEMENTS / 2 + 1)))).toMatch(/elements, more than/);
    expect(readabilityUnfit(page('<div>item</div>'.repeat(READABILITY_MAX_CHILDREN + 1)))).toMatch(/children, more than/);
    expect(readabilityUnfit(page('<div>item</div>'.repeat(READABILITY_MAX_CHILDREN)))).toBeNull();
  });

  it('a page at MAX_ELEMENTS, all siblings, converts in a worker with the default heap, with a warning', { timeout: 120_000 }, async () => {
    // 25,000 sibling <div>s took Readability's div-to-p pass minutes of replaceChild and ran a 384 MB worker out of heap.
    const pool = new ConvertPool({ size: 1 });
    try {
      const html = `<!doctype html><html><head><title>Flood</title></head><body><article><h1>Flood</h1>${'<div><span>w</span></div>'.repeat(MAX_ELEMENTS)}</article></body></html>`;
      const { article } = await pool.convert({ input: 'flood.html', bytes: Buffer.from(html), headers: {} }, new Date(0));
      expect(article.warnings.join('\n')).toMatch(/Readability not run/);
      expect(article.wordCount).toBeGreaterThan(MAX_ELEMENTS / 4);
    } finally {
      await pool.close();
    }
  });
});
