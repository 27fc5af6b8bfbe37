/**
 * src/render/table-rows.ts keeps one `rows` list per table in domino (turndown's DOM), which made
 * Markdown rendering of big tables quadratic. If a turndown or domino upgrade breaks the patch,
 * it switches itself off and tables only get slow again: these tests are what notice.
 */
import domino from '@mixmark-io/domino';
import { describe, expect, it } from 'vitest';
import { toMarkdown } from '../src/render/markdown.js';
import { shareTableRows, tableRowsShared } from '../src/render/table-rows.js';

describe('domino table.rows', () => {
  it('is patched in this thread', () => {
    shareTableRows();
    expect(tableRowsShared()).toBe(true);
  });

  it('is one live list per table: the same object on every read, and it sees rows added later', () => {
    shareTableRows();
    const doc = domino.createDocument('<table><tr><td>a</td></tr></table><table><tr><td>x</td></tr></table>');
    const [one, two] = Array.from(doc.querySelectorAll('table')) as HTMLTableElement[];
    expect(one!.rows).toBe(one!.rows);
    expect(one!.rows).not.toBe(two!.rows);
    const row = doc.createElement('tr');
    one!.querySelector('tbody')!.appendChild(row);
    expect(one!.rows.length).toBe(2);
    expect(one!.rows.item(1)).toBe(row);
    expect(two!.rows.length).toBe(1);
  });

  it('leaves GFM tables as they were: header, alignment row, cells', () => {
    const html =
      '<table><tr><th>序号</th><th align="right">名称</th></tr>' +
      Array.from({ length: 300 }, (_, i) => `<tr><td>${i + 1}</td><td align="right">企业${i}</td></tr>`).join('') +
      '</table>';
    const lines = toMarkdown(html).split('\n');
    // What the unpatched build gives for this table (cells padded to three characters).
    expect(lines.slice(0, 3)).toEqual(['| 序号  | 名称  |', '| --- | ---: |', '| 1   | 企业0 |']);
    expect(lines).toHaveLength(302);
  });
});
