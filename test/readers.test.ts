/**
 * Every fixture's outputs as the tools people read them with see them (bench/markdown-checks.ts):
 * the Markdown parsed as CommonMark + GFM (no literal `**`, no raw HTML, no ragged table, no
 * unsafe link), the front matter read by gray-matter, js-yaml and a YAML 1.1 reader (each value
 * what the JSON says), the JSON validated by ajv against schema/article.schema.json. The expected
 * files are what the golden test (fixtures.test.ts) holds the converter to.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { JSDOM } from 'jsdom';
import type { Nodes } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';
import { describe, expect, it } from 'vitest';
import { checkFrontMatter, checkJson, checkMarkdown } from '../bench/markdown-checks.js';
import type { Article } from '../src/schema.js';

const FIXTURES = path.join(import.meta.dirname, '..', 'fixtures');
const cases = readdirSync(FIXTURES, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => path.join(FIXTURES, d.name))
  .filter((dir) => readdirSync(dir).includes('expected.json'));
const read = (dir: string, file: string) => readFileSync(path.join(dir, file), 'utf8');

describe('fixture outputs read back by real clients', () => {
  it('covers the fixtures', () => {
    expect(cases.length).toBeGreaterThanOrEqual(12);
  });
  for (const dir of cases) {
    it(path.basename(dir), () => {
      const json = read(dir, 'expected.json');
      const article = JSON.parse(json) as Article;
      expect(checkMarkdown(article.markdown)).toEqual([]);
      expect(checkFrontMatter(read(dir, 'expected.md'), article)).toEqual([]);
      expect(checkJson(json)).toEqual([]);
    });
  }
});

/** Text of each leaf cell (one holding no table) of the article's source tables, whitespace folded. */
function sourceCells(html: string): string[] {
  const doc = new JSDOM(html).window.document;
  // A <br> in a cell shows as a line break: between words, not inside one.
  for (const br of Array.from(doc.querySelectorAll('td br, th br'))) br.replaceWith(' ');
  return Array.from(doc.querySelectorAll('article td, article th'))
    .filter((c) => !c.querySelector('table') && !c.closest('pre'))
    .map((c) => (c.textContent ?? '').replace(/\s+/g, ' ').trim())
    .filter(Boolean);
}

function textOf(node: Nodes): string {
  if ('value' in node) return node.value;
  return 'children' in node ? (node.children as Nodes[]).map(textOf).join(' ') : '';
}

describe('table fixtures: every source cell is in the Markdown', () => {
  it('en-docs--spanned-tables: each cell of a GFM table, its rowspans repeated, its colspans kept', () => {
    const dir = path.join(FIXTURES, 'en-docs--spanned-tables');
    const article = JSON.parse(read(dir, 'expected.json')) as Article;
    const tree = fromMarkdown(article.markdown, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
    const tables = tree.children.filter((n) => n.type === 'table');
    const inTables = tables.flatMap((t) => t.children.flatMap((row) => row.children.map((c) => textOf(c).replace(/\s+/g, ' ').trim())));
    const cells = sourceCells(read(dir, 'input.html'));
    const all = textOf(tree).replace(/\s+/g, ' ');
    // Cells of data tables are cells of Markdown tables; the cells of the layout table (the one
    // holding a table) are paragraphs.
    for (const cell of cells) expect(all).toContain(cell);
    for (const cell of ['Aiko Tanaka', 'Hana Ito (both roles)', 'Ivo Marić', '5 minutes day or night', 'Secondary | team lead', '+44 20 7946 0012'])
      expect(inTables).toContain(cell);
    // Rowspan: Aiko Tanaka covers two weeks, Dev Patel three.
    expect(inTables.filter((c) => c === 'Aiko Tanaka')).toHaveLength(2);
    expect(inTables.filter((c) => c === 'Dev Patel')).toHaveLength(3);
  });

  it('zh-gov--layout-table-portal: the cells of its data table', () => {
    const dir = path.join(FIXTURES, 'zh-gov--layout-table-portal');
    const md = (JSON.parse(read(dir, 'expected.json')) as Article).markdown;
    for (const cell of ['检查组', '城关镇', '塔峰镇', '祠堂圩镇、所城镇', '县林业局副局长', '其余八个乡镇（另行通知）']) expect(md).toContain(`| ${cell} |`);
    expect(md).toContain('| 第一组 | 塔峰镇 | 县林业局局长 |');
  });
});
