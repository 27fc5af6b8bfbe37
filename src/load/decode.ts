import { isAscii, isUtf8 } from 'node:buffer';
import chardet from 'chardet';
import { repairMojibake } from './mojibake.js';
import type { CharsetSource, Decoded, Page } from '../types.js';

/** How far to look for <meta charset>: the HTML spec's prescan reads 1024 bytes, but real
 * portals put long <title>/<meta keywords> first, so the declaration often sits later. */
const META_PRESCAN_BYTES = 4096;
/** How many bytes chardet looks at; more buys nothing measurable and costs time on 60 MB pages. */
const DETECT_SAMPLE_BYTES = 64 * 1024;

/** Labels whose real-world content is a superset: browsers decode GB2312/GBK as GB18030. */
const SUPERSETS: Record<string, string> = {
  gb2312: 'gb18030',
  gbk: 'gb18030',
  'x-gbk': 'gb18030',
  'iso-8859-1': 'windows-1252',
  'us-ascii': 'windows-1252',
  ascii: 'windows-1252',
  big5: 'big5',
  'big5-hkscs': 'big5',
  'x-sjis': 'shift_jis',
  sjis: 'shift_jis',
  'ks_c_5601-1987': 'euc-kr',
};

/** chardet names → WHATWG labels TextDecoder accepts. */
const DETECTED: Record<string, string> = {
  'UTF-8': 'utf-8',
  'UTF-16LE': 'utf-16le',
  'UTF-16BE': 'utf-16be',
  'ISO-8859-1': 'windows-1252',
  'ISO-8859-2': 'iso-8859-2',
  'ISO-8859-5': 'iso-8859-5',
  'ISO-8859-6': 'iso-8859-6',
  'ISO-8859-7': 'iso-8859-7',
  'ISO-8859-8': 'iso-8859-8',
  'ISO-8859-9': 'windows-1254',
  'windows-1250': 'windows-1250',
  'windows-1251': 'windows-1251',
  'windows-1252': 'windows-1252',
  'windows-1253': 'windows-1253',
  'windows-1254': 'windows-1254',
  'windows-1255': 'windows-1255',
  'windows-1256': 'windows-1256',
  'KOI8-R': 'koi8-r',
  Shift_JIS: 'shift_jis',
  'EUC-JP': 'euc-jp',
  'EUC-KR': 'euc-kr',
  GB18030: 'gb18030',
  Big5: 'big5',
  'ISO-2022-JP': 'iso-2022-jp',
};

/** Returns a label TextDecoder accepts, or null when the label is unknown. */
export function normalizeCharset(label: string): string | null {
  const l = label
    .trim()
    .toLowerCase()
    .replace(/^["']|["']$/g, '');
  const mapped = SUPERSETS[l] ?? l;
  try {
    return new TextDecoder(mapped).encoding;
  } catch {
    return null;
  }
}

function bomCharset(b: Uint8Array): string | null {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return 'utf-8';
  if (b[0] === 0xff && b[1] === 0xfe) return 'utf-16le';
  if (b[0] === 0xfe && b[1] === 0xff) return 'utf-16be';
  return null;
}

function headerCharset(headers: Record<string, string>): string | null {
  const m = /charset\s*=\s*["']?([\w.:-]+)/i.exec(headers['content-type'] ?? '');
  return m?.[1] ? normalizeCharset(m[1]) : null;
}

/** The meta prescan: <meta charset=…> or <meta http-equiv=content-type content="…charset=…">. */
export function metaCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.subarray(0, META_PRESCAN_BYTES)).toString('latin1');
  const m = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head) ?? /<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)/i.exec(head);
  return m?.[1] ? normalizeCharset(m[1]) : null;
}

/** True when the bytes are valid UTF-8 and hold at least one multi-byte sequence. Pure ASCII says nothing. */
export function isMultibyteUtf8(bytes: Uint8Array): boolean {
  // Both checks run in place: a fatal TextDecoder built the whole page's text only to throw it away (finish decodes it again).
  return !isAscii(bytes) && isUtf8(bytes);
}

/**
 * A page that is UTF-8 but for a few stray bytes (a pasted Latin-1 name, a cut multi-byte
 * character) reads as UTF-8, as a browser shows it, with only the stray bytes lost. Legacy text
 * is far from this: in windows-1252 prose hardly any accented letter forms a valid UTF-8
 * sequence, and in GBK or Shift_JIS fewer than 1 in 10 double-byte characters does by chance.
 * Measured on the corpora (2,462 pages, bench/robust.ts): the 26 that are not valid UTF-8 are all
 * windows-1252, with at most 0.1 valid multi-byte characters per stray sequence; so the bar sits
 * far above legacy text, and a UTF-8 page may carry one stray byte per 20 non-ASCII characters.
 */
const MIN_UTF8_PER_STRAY = 20;

/** Valid multi-byte characters and stray (undecodable) sequences of the bytes read as UTF-8. */
export function utf8Stats(bytes: Uint8Array): { multibyte: number; stray: number } {
  const text = new TextDecoder('utf-8').decode(bytes);
  let multibyte = 0;
  let stray = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    if (c === 0xfffd) stray++;
    else if (c < 0xdc00 || c > 0xdfff) multibyte++; // a surrogate pair is one character
  }
  // U+FFFD written in the page as UTF-8 (EF BF BD) is a valid character, not a stray byte.
  stray -= Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1').split('\xef\xbf\xbd').length - 1;
  return { multibyte, stray };
}

/** True when the bytes are UTF-8 with at most one stray sequence per MIN_UTF8_PER_STRAY valid multi-byte characters. */
export function isMostlyUtf8(bytes: Uint8Array): boolean {
  const { multibyte, stray } = utf8Stats(bytes);
  return multibyte > 0 && stray * MIN_UTF8_PER_STRAY <= multibyte;
}

/**
 * Whether bytes labelled UTF-16 (by HTTP; <meta> never counts, see decode) are UTF-16: its
 * markup is ASCII, so every other byte is NUL. An ASCII page labelled utf-16 has none.
 */
function looksUtf16(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 1024);
  let nul = 0;
  for (const b of head) if (b === 0) nul++;
  return nul * 4 >= head.length && head.length >= 2;
}

/** utf-16le or utf-16be for BOM-less UTF-16, from which half of each ASCII code unit is NUL. */
function utf16Order(bytes: Uint8Array): 'utf-16le' | 'utf-16be' {
  let even = 0;
  let odd = 0;
  for (let i = 0; i < Math.min(bytes.length, 1024); i++) if (bytes[i] === 0) i % 2 === 0 ? even++ : odd++;
  return even > odd ? 'utf-16be' : 'utf-16le';
}

function isValidIn(bytes: Uint8Array, charset: string): boolean {
  if (charset === 'utf-8') return isUtf8(bytes);
  try {
    new TextDecoder(charset, { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function detect(bytes: Uint8Array): string | null {
  const name = chardet.detect(bytes.subarray(0, DETECT_SAMPLE_BYTES));
  return name ? (DETECTED[name] ?? normalizeCharset(name)) : null;
}

/**
 * Bytes → text. Order: BOM, HTTP charset, meta prescan, detection; but saved pages lie
 * (re-saved as UTF-8 with the old <meta charset=gbk> left in), so a declaration that the
 * bytes contradict — valid multi-byte UTF-8 labelled as something else, or a UTF-8 label on
 * bytes that are not UTF-8 — loses to the bytes.
 */
export function decode(page: Page): Decoded {
  const { bytes } = page;
  const bom = bomCharset(bytes);
  if (bom) return finish(page, bom, 'bom');

  const declared: { charset: string; source: CharsetSource } | null = ((): { charset: string; source: CharsetSource } | null => {
    const h = headerCharset(page.headers);
    if (h && h.startsWith('utf-16')) {
      // Without a BOM, a UTF-16 label on bytes with no NULs (an ASCII or UTF-8 page) is wrong: decoding by it gives garbage.
      if (looksUtf16(bytes)) return { charset: utf16Order(bytes), source: 'header' };
      return { charset: 'utf-8', source: 'header' };
    }
    if (h) return { charset: h, source: 'header' };
    const m = metaCharset(bytes);
    // The HTML standard's prescan: a <meta> that says UTF-16 is read as UTF-8 (a page that can be
    // prescanned as ASCII is not UTF-16; a real UTF-16 page is told by its BOM).
    if (m && m.startsWith('utf-16')) return { charset: 'utf-8', source: 'meta' };
    return m ? { charset: m, source: 'meta' } : null;
  })();

  const utf8 = isMultibyteUtf8(bytes);
  if (declared) {
    if (declared.charset === 'utf-8') {
      if (utf8 || isValidIn(bytes, 'utf-8')) return finish(page, 'utf-8', declared.source);
      // UTF-8 but for a few stray bytes: as a browser reads it, with only those bytes lost.
      if (isMostlyUtf8(bytes)) return finish(page, 'utf-8', declared.source);
      // Labelled UTF-8 but is not: the label was copied from a template; trust the bytes.
      const d = detect(bytes);
      if (d && d !== 'utf-8') return finish(page, d, 'detected');
      return finish(page, 'utf-8', declared.source);
    }
    // Labelled legacy but the bytes are (all but a few stray bytes) multi-byte UTF-8: a re-saved page.
    if (!declared.charset.startsWith('utf-16') && (utf8 || (!isAscii(bytes) && isMostlyUtf8(bytes)))) return finish(page, 'utf-8', 'detected');
    return finish(page, declared.charset, declared.source);
  }
  if (utf8) return finish(page, 'utf-8', 'detected');
  if (isAscii(bytes)) return finish(page, 'utf-8', 'default');
  if (isMostlyUtf8(bytes)) return finish(page, 'utf-8', 'detected');
  const d = detect(bytes);
  return d ? finish(page, d, 'detected') : finish(page, 'windows-1252', 'default');
}

/** U+FFFD: what a decoder writes for bytes it cannot read, and what broken pages already carry as text. */
const REPLACEMENT = /\uFFFD/g;

function decodeText(bytes: Uint8Array, charset: string): string {
  // Node 20.20's TextDecoder('windows-1252') reads 0x80–0x9F as Latin-1 C1 controls (nodejs/node#56542, #60888):
  // repairMojibake gives them their windows-1252 characters, as it does to C1 controls a page of any charset holds,
  // and repairs UTF-8 that was read as Latin-1 or windows-1252 before the page was saved.
  return repairMojibake(new TextDecoder(charset).decode(bytes));
}

function finish(page: Page, charset: string, charsetSource: CharsetSource): Decoded {
  const raw = decodeText(page.bytes, charset);
  // A replacement character carries no information and reads as mojibake in an archive: drop it,
  // and count it so the Article's warnings say the page was not clean.
  let replaced = 0;
  const text = raw.includes('\uFFFD') ? raw.replace(REPLACEMENT, () => (replaced++, '')) : raw;
  return { page, text, charset, charsetSource, replaced };
}
