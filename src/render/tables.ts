/**
 * Tables as GFM tables when they hold data, as paragraphs when they lay out the page.
 *
 * Old portals (and mail-like pages) lay the whole page out in `<table>`s; written as GFM, the
 * story becomes one cell of a one-row "table". A table is taken for layout by measured rules:
 * it holds another table, a cell holds block content (lists, headings, quotes, code, several
 * paragraphs), it has a single column or a single row, or one cell holds most of its text. Such
 * a table is unwrapped: each cell's content becomes a block of its own, in reading order.
 *
 * A data table is made rectangular before it is written: `rowspan` repeats the cell in each row
 * it spans, `colspan` leaves the other columns of its row empty, short rows are padded, so each
 * cell is under its own header and no cell is dropped. When the grid would be huge (a hostile
 * colspan), the table is unwrapped instead: every cell kept, as a paragraph.
 */

/** Block content that no GFM cell can hold. */
const CELL_BLOCKS = [
  'TABLE',
  'UL',
  'OL',
  'DL',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'BLOCKQUOTE',
  'PRE',
  'FIGURE',
  'HR',
  'SECTION',
  'ARTICLE',
  'ASIDE',
  'HEADER',
  'FOOTER',
  'NAV',
];
/** Paragraphs in one cell from which the cell is a column of prose, not a datum (Word tables put one <p> in each cell). */
const CELL_MAX_PARAGRAPHS = 2;
/** One cell holding this share of a table's text is the page's column, not a datum… */
const DOMINANT_CELL_SHARE = 0.6;
/** …in a table with at least this much text (one CJK paragraph): a short two-cell table can be data. */
const DOMINANT_MIN_CHARS = 140;
/** The HTML standard's limits on spans. */
const MAX_COLSPAN = 1000;
const MAX_ROWSPAN = 65534;
/** Grid positions from which a table is written as paragraphs rather than a GFM table. */
const MAX_GRID_CELLS = 50_000;
/** Attribute on a rebuilt data table: its number of columns, for the table rule. */
export const COLUMNS_ATTR = 'data-archivist-columns';

function cellsOf(row: Element): Element[] {
  return Array.from(row.children).filter((c) => c.tagName === 'TD' || c.tagName === 'TH');
}

/** The table's own rows (thead, tbody, tfoot, direct), not those of tables inside it, in document order. */
function rowsOf(table: Element): Element[] {
  const rows: Element[] = [];
  for (const child of Array.from(table.children)) {
    if (child.tagName === 'TR') rows.push(child);
    else if (child.tagName === 'THEAD' || child.tagName === 'TBODY' || child.tagName === 'TFOOT') {
      for (const r of Array.from(child.children)) if (r.tagName === 'TR') rows.push(r);
    }
  }
  return rows;
}

function textLength(el: Element): number {
  return (el.textContent ?? '').replace(/\s+/g, '').length;
}

function holdsBlocks(cell: Element): boolean {
  if (CELL_BLOCKS.some((tag) => cell.getElementsByTagName(tag).length > 0)) return true;
  let paragraphs = 0;
  for (const p of Array.from(cell.querySelectorAll('p, div'))) if (textLength(p) > 0 && !p.querySelector('p, div')) paragraphs++;
  return paragraphs > CELL_MAX_PARAGRAPHS;
}

/** Why `table` lays out the page rather than holding data; null for a data table. */
export function layoutReason(table: Element, rows: Element[] = rowsOf(table)): string | null {
  if (table.getAttribute('role')?.toLowerCase() === 'presentation') return 'role=presentation';
  if (table.getElementsByTagName('table').length > 0) return 'nested table';
  const cells = rows.flatMap(cellsOf);
  if (rows.length < 2) return 'one row';
  if (rows.every((r) => cellsOf(r).length <= 1)) return 'one column';
  if (cells.some(holdsBlocks)) return 'block content';
  const total = textLength(table);
  if (total >= DOMINANT_MIN_CHARS && cells.some((c) => textLength(c) >= DOMINANT_CELL_SHARE * total)) return 'one cell holds most text';
  return null;
}

function span(cell: Element, name: string, max: number): number {
  const n = Number.parseInt(cell.getAttribute(name) ?? '1', 10);
  if (!Number.isFinite(n) || n < 0) return 1;
  // rowspan="0" spans to the end of the table.
  return n === 0 ? max : Math.min(n, max);
}

/** Replaces `table` by its caption and cells, each a block of its own. */
function unwrap(table: Element, rows: Element[]): void {
  const doc = table.ownerDocument;
  const parent = table.parentNode;
  if (!parent) return;
  const blocks: Element[] = [];
  for (const c of Array.from(table.children)) if (c.tagName === 'CAPTION') blocks.push(c);
  for (const row of rows) blocks.push(...cellsOf(row));
  for (const from of blocks) {
    const div = doc.createElement('div');
    while (from.firstChild) div.appendChild(from.firstChild);
    parent.insertBefore(div, table);
  }
  parent.removeChild(table);
}

interface Slot {
  cell: Element;
  /** The cell's first position; other positions of a rowspan repeat it, of a colspan stay empty. */
  origin: boolean;
  sameColumn: boolean;
}

/** Rebuilds a data table as a rectangle of rows directly under the table, the caption before it. */
function rectangle(table: Element, rows: Element[]): boolean {
  const grid: (Slot | undefined)[][] = rows.map(() => []);
  let width = 0;
  for (const [r, row] of rows.entries()) {
    let c = 0;
    for (const cell of cellsOf(row)) {
      while (grid[r]![c]) c++;
      const rs = Math.min(span(cell, 'rowspan', MAX_ROWSPAN), rows.length - r);
      const cs = span(cell, 'colspan', MAX_COLSPAN) || 1;
      if ((c + cs) * rows.length > MAX_GRID_CELLS) return false;
      for (let dr = 0; dr < rs; dr++) for (let dc = 0; dc < cs; dc++) grid[r + dr]![c + dc] = { cell, origin: dr === 0 && dc === 0, sameColumn: dc === 0 };
      c += cs;
      width = Math.max(width, c);
    }
  }
  if (width * rows.length > MAX_GRID_CELLS) return false;
  const doc = table.ownerDocument;
  const parent = table.parentNode;
  for (const c of Array.from(table.children)) {
    if (c.tagName !== 'CAPTION' || !parent) continue;
    const p = doc.createElement('p');
    while (c.firstChild) p.appendChild(c.firstChild);
    parent.insertBefore(p, table);
  }
  const built = grid.map((slots) => {
    const tr = doc.createElement('tr');
    for (let c = 0; c < width; c++) {
      const slot = slots[c];
      let cell: Element;
      if (slot?.origin) cell = slot.cell;
      else if (slot?.sameColumn) cell = slot.cell.cloneNode(true) as Element;
      else cell = doc.createElement(slot?.cell.tagName === 'TH' ? 'th' : 'td');
      cell.removeAttribute('rowspan');
      cell.removeAttribute('colspan');
      tr.appendChild(cell);
    }
    return tr;
  });
  while (table.firstChild) table.removeChild(table.firstChild);
  for (const tr of built) table.appendChild(tr);
  table.setAttribute(COLUMNS_ATTR, String(width));
  return true;
}

/** Every table under `root`: layout tables unwrapped, data tables made rectangular (see above). */
export function prepareTables(root: Element): void {
  // Outermost first: unwrapping a layout table lets the tables inside it be judged on their own.
  for (const table of Array.from(root.getElementsByTagName('table'))) {
    if (!table.parentNode) continue;
    const rows = rowsOf(table);
    if (layoutReason(table, rows) !== null || !rectangle(table, rows)) unwrap(table, rows);
  }
}

/** A cell's Markdown on one line, its pipes escaped. */
export function cellMarkdown(content: string): string {
  return content
    .replace(/\s*\n+\s*/g, ' ')
    .replace(/\|/g, '\\|')
    .trim();
}

/** The rows a table rule gets (`| a | b |` lines) with the GFM delimiter row after the first. */
export function gfmTable(content: string, columns: number): string {
  const rows = content.split('\n').filter((l) => l.startsWith('|'));
  if (rows.length === 0 || columns < 1) return '';
  const delimiter = `|${' --- |'.repeat(columns)}`;
  return `\n\n${[rows[0], delimiter, ...rows.slice(1)].join('\n')}\n\n`;
}
