/**
 * Generators of the pages that test the per-page caps (docs/security.md, limits): each builds
 * its markup in memory, so no large file is kept in the repo. The sizes are parameters so a test
 * can build a page just past a cap, and `bench` or a shell can build the full-size attack.
 */
import { wrap } from './hostile.js';

/** `count` sibling paragraphs of a few words each: an element flood. */
export const elementFlood = (count: number): string => wrap(Array.from({ length: count }, (_, i) => `<p>item ${i}</p>`).join(''));

/** `count` tables, each in a cell of the one before: cells nested `count` deep. */
export const nestedCells = (count: number): string => wrap('<table><tr><td>cell '.repeat(count) + '</td></tr></table>'.repeat(count));

/** One paragraph of `chars` characters of words. */
export const hugeParagraph = (chars: number): string => wrap(`<p>${'words go on '.repeat(Math.ceil(chars / 12)).slice(0, chars)}</p>`);

/** `count` attributes spread over tags of `perTag` each. */
export const attributeFlood = (count: number, perTag = 200): string =>
  wrap(
    Array.from(
      { length: Math.ceil(count / perTag) },
      (_, t) => `<span ${Array.from({ length: perTag }, (_, a) => `a${a}="${t}"`).join(' ')}>t${t}</span>`,
    ).join(''),
  );
