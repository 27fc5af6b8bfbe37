/**
 * `table.rows` as one list per table in domino, the DOM turndown parses HTML with.
 *
 * Why: domino's `rows` getter builds a new live list on every read, and a new list walks the
 * whole table. The GFM table rules read `table.rows` inside their loops over rows (for the column
 * count) and over rows for each column (for the alignment row), so a table cost its rows squared
 * times its size: 4,000 rows of 10 cells took 512 s in `archivist convert`, all in Markdown
 * rendering (8.5 s with this, for the whole page). The DOM standard makes `rows` the same
 * object on every read ([SameObject]); domino's lists are live (re-walked only after the table
 * changes), so keeping the first one per table reads exactly what a new one would, and the walk
 * happens once.
 *
 * domino's `rows` accessor cannot be redefined (not configurable), so tables get a prototype of
 * their own that sits on domino's HTMLTableElement one and defines `rows` over it; domino makes
 * each element with `new` on its constructor, which takes whatever prototype the constructor has
 * then. Checked first: when domino is not shaped so, or a probe table does not behave (same
 * list twice, and a row added later is seen), nothing stays changed: tables convert as before,
 * only slowly. test/table-rows.test.ts fails then, so an upgrade that breaks this is seen.
 */
import domino from '@mixmark-io/domino';

let state: 'unpatched' | 'patched' | 'unavailable' = 'unpatched';

/** Whether domino's `table.rows` is one list per table in this thread (test/table-rows.test.ts checks it). */
export function tableRowsShared(): boolean {
  return state === 'patched';
}

/** Makes domino's `table.rows` the same live list on every read, once per thread; see above. */
export function shareTableRows(): void {
  if (state !== 'unpatched') return;
  state = 'unavailable';
  const sample = domino.createDocument('<table></table>').querySelector('table');
  const proto = sample ? (Object.getPrototypeOf(sample) as { constructor?: unknown }) : null;
  const Table = proto?.constructor as ((...args: unknown[]) => unknown) | undefined;
  const read = proto ? Object.getOwnPropertyDescriptor(proto, 'rows')?.get : undefined;
  const slot = Table ? Object.getOwnPropertyDescriptor(Table, 'prototype') : undefined;
  if (!proto || typeof Table !== 'function' || (Table.prototype as unknown) !== proto || !read || !slot?.writable) return;

  const lists = new WeakMap<object, unknown>();
  Table.prototype = Object.create(proto, {
    rows: {
      configurable: true,
      get(this: object) {
        let rows = lists.get(this);
        if (rows === undefined) {
          rows = read.call(this);
          lists.set(this, rows);
        }
        return rows;
      },
    },
  }) as unknown;
  if (probe()) state = 'patched';
  else Table.prototype = proto;
}

interface ProbeTable {
  rows: { length: number; item(i: number): { textContent: string | null } | null };
  querySelector(s: string): { appendChild(n: unknown): unknown } | null;
  ownerDocument: { createElement(tag: string): { textContent: string | null } };
}

/** On a table parsed now: the same list twice, and still live (a row added after the first read is in it). */
function probe(): boolean {
  try {
    const table = domino.createDocument('<table><tr><td>a</td></tr><tr><td>b</td></tr></table>').querySelector('table') as unknown as ProbeTable | null;
    if (!table) return false;
    const first = table.rows;
    if (first !== table.rows || first.length !== 2) return false;
    const row = table.ownerDocument.createElement('tr');
    row.textContent = 'c';
    table.querySelector('tbody')?.appendChild(row);
    return table.rows.length === 3 && table.rows.item(2)?.textContent === 'c';
  } catch {
    return false;
  }
}
