/** Text measures that treat CJK fairly: a CJK character carries about as much as an English word. */

const CJK = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]/g;
const WORD = /[\p{L}\p{N}_]+/gu;

/** Words, counting each CJK character (and each Hangul syllable) as one word. */
export function countWords(text: string): number {
  const cjk = text.match(CJK)?.length ?? 0;
  const rest = text.replace(CJK, ' ').match(WORD)?.length ?? 0;
  return cjk + rest;
}

/** Whitespace folded to single spaces, trimmed; full-width spaces and NBSP included. */
export function normalizeSpace(s: string): string {
  return s.replace(/[\s\u00a0\u3000\u200b\ufeff]+/g, ' ').trim();
}

/**
 * The start of `node.textContent`, at least `max` characters of it when it has that many: its
 * text nodes in order, read only until there are enough (a whole page's text is a long string
 * to build when a language guess reads its first few thousand characters).
 */
export function leadingText(node: Node, max: number): string {
  const doc = node.ownerDocument ?? (node as Document);
  const walker = doc.createTreeWalker(node, 4 /* NodeFilter.SHOW_TEXT */);
  let out = '';
  for (let t = walker.nextNode(); t && out.length < max; t = walker.nextNode()) out += (t as Text).data;
  return out;
}

/** Share of CJK characters among the letters of `text` (0..1). */
export function cjkRatio(text: string): number {
  const cjk = text.match(CJK)?.length ?? 0;
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  return letters === 0 ? 0 : cjk / letters;
}

/** Sentence punctuation, ASCII and full-width: dense in prose, rare in menus and link lists. */
export const PUNCTUATION = /[，。；：！？、,.;:!?“”"「」（）]/g;
