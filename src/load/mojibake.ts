/**
 * Text a page itself holds garbled, repaired the way ftfy does the two commonest cases:
 *
 * - UTF-8 read once as Latin-1 or windows-1252 and saved again ("â\u0080\u0094" or "â€”" for "—",
 *   "Ã©" for "é"): a lead character followed by the continuation characters its byte needs,
 *   which together are valid UTF-8, is the character they encode (DOUBLE_ENCODED says which);
 * - a C1 control (U+0080–U+009F) standing alone, where a windows-1252 byte was carried over as
 *   its code ("we\u0092re"): the character windows-1252 gives that byte; the five bytes it leaves
 *   undefined are dropped (a reader sees nothing there).
 *
 * The first may be written as character references ("isn&acirc;&euro;&trade;t"): a run of them
 * that spells it is repaired too, and stays as written otherwise. (A C1 control written as a
 * reference, "&#146;", needs nothing: the HTML parser already reads it as windows-1252.)
 *
 * No text a reader wrote has either shape: a C1 control is never text, and an accented capital
 * followed by one to three of these symbols spells no word.
 */

import { decodeHTML } from 'entities';

/** windows-1252's characters for the bytes 0x80–0x9F; the C1 code itself where it defines none. */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8d, 0x017d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c,
  0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x9d, 0x017e, 0x0178,
].map((cp) => String.fromCharCode(cp));

const BYTE_OF = new Map<string, number>();
for (let b = 0x80; b <= 0xbf; b++) {
  BYTE_OF.set(String.fromCharCode(b), b);
  if (b < 0xa0) BYTE_OF.set(CP1252_HIGH[b - 0x80]!, b);
}
const CONT = `[${[...BYTE_OF.keys()].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')}]`;
/**
 * The shapes of the commonest garbled characters, no others: Â/Ã + one (U+0080–U+00FF: é ü ° ©),
 * â + two (U+2000–U+2FFF: — ’ “ € ™ …), ð + three (emoji). Other leads would take real text:
 * French "à\u00a0«" and "é\u00a0–" are valid UTF-8 when read back as bytes.
 */
const DOUBLE_ENCODED = new RegExp(`[\\u00c2\\u00c3]${CONT}|\\u00e2${CONT}{2}|\\u00f0${CONT}{3}`, 'g');
const C1 = /[\u0080-\u009f]/g;
/**
 * The first shape written as character references: a lead's reference (Â Ã, â, ð; named or
 * numbered) and the one, two or three references its byte needs, no more, so that garbled
 * characters side by side are each matched.
 */
const REF = '&(?:[A-Za-z][A-Za-z0-9]*|#\\d+|#[xX][0-9A-Fa-f]+);';
const REF_RUN = new RegExp(
  `&(?:Acirc|Atilde|#0*19[45]|#[xX]0*[cC][23]);${REF}|&(?:acirc|#0*226|#[xX]0*[eE]2);(?:${REF}){2}|&(?:eth|#0*240|#[xX]0*[fF]0);(?:${REF}){3}`,
  'g',
);
const WHOLE_DOUBLE = new RegExp(`^(?:${DOUBLE_ENCODED.source})$`);
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The character a double-encoded run stands for, or null when its bytes are not UTF-8. */
function undouble(m: string): string | null {
  try {
    return utf8.decode(Uint8Array.from(m, (c) => (c.charCodeAt(0) <= 0xff ? c.charCodeAt(0) : BYTE_OF.get(c)!)));
  } catch {
    return null;
  }
}

/** `text` with both kinds repaired. */
export function repairMojibake(text: string): string {
  return text
    .replace(REF_RUN, (refs) => {
      const chars = decodeHTML(refs);
      return WHOLE_DOUBLE.test(chars) ? (undouble(chars) ?? refs) : refs;
    })
    .replace(DOUBLE_ENCODED, (m) => undouble(m) ?? m)
    .replace(C1, (c) => {
      const mapped = CP1252_HIGH[c.charCodeAt(0) - 0x80]!;
      return mapped === c ? '' : mapped;
    });
}
