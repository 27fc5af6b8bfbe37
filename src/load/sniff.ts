/** Magic numbers of formats that are routinely served as text/html or saved with an .html name. */
const BINARY_SIGNATURES: { name: string; bytes: number[] }[] = [
  { name: 'PNG image', bytes: [0x89, 0x50, 0x4e, 0x47] },
  { name: 'JPEG image', bytes: [0xff, 0xd8, 0xff] },
  { name: 'GIF image', bytes: [0x47, 0x49, 0x46, 0x38] },
  { name: 'PDF document', bytes: [0x25, 0x50, 0x44, 0x46] },
  { name: 'ZIP archive', bytes: [0x50, 0x4b, 0x03, 0x04] },
  { name: 'gzip data', bytes: [0x1f, 0x8b] },
  { name: 'WebP/RIFF data', bytes: [0x52, 0x49, 0x46, 0x46] },
  { name: 'WebAssembly module', bytes: [0x00, 0x61, 0x73, 0x6d] },
];

/** Control bytes (other than tab, CR, LF, FF, ESC) in the first KiB mean binary, as in the WHATWG MIME sniffing spec. */
const SNIFF_BYTES = 1024;

/**
 * Returns a human name for the binary format the bytes look like, or null when they may be text.
 * Only the first KiB is inspected so a 60 MB page costs nothing here.
 */
export function sniffBinary(bytes: Uint8Array): string | null {
  for (const sig of BINARY_SIGNATURES) {
    if (sig.bytes.every((b, i) => bytes[i] === b)) return sig.name;
  }
  // UTF-16 pages carry NULs legitimately; their BOM says so.
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return null;
  // A page that starts like HTML is HTML, whatever control bytes its comments or scripts hold further on
  // (real Chinese pages carry 0x02 in comments), as the WHATWG sniffing algorithm decides; only NULs
  // throughout still mean binary (or BOM-less UTF-16, which is not read either).
  const html = startsLikeHtml(bytes);
  const head = bytes.subarray(0, SNIFF_BYTES);
  let control = 0;
  for (const b of head) {
    if (html ? b === 0 : b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b)) control++;
  }
  // A stray NUL in a real page happens; a binary file has many.
  return control > head.length / 100 + 1 ? 'binary data' : null;
}

/**
 * The WHATWG MIME sniffing spec's HTML patterns (<!DOCTYPE HTML, <HTML, <HEAD, <SCRIPT, … <!--),
 * each followed by a space or '>', plus an XML declaration, after a UTF-8 BOM and whitespace.
 */
const HTML_START =
  /^(?:\xef\xbb\xbf)?[\t\n\f\r ]*<(?:!doctype html|html|head|script|iframe|h1|div|font|table|a|style|title|b|body|br|p|meta|link)[\t\n\f\r >]|^(?:\xef\xbb\xbf)?[\t\n\f\r ]*<(?:!--|\?xml)/i;

function startsLikeHtml(bytes: Uint8Array): boolean {
  return HTML_START.test(Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 512)).toString('latin1'));
}

/** type/subtype, each an HTTP token. */
const MIME_TYPE = /^[!#$%&'*+.^_`|~0-9a-z-]+\/[!#$%&'*+.^_`|~0-9a-z-]+$/;

/** Content types that may hold an HTML document. A missing type is sniffed instead. */
export function isHtmlContentType(contentType: string | undefined): boolean {
  if (!contentType) return true;
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  return (
    type === '' ||
    // Not a MIME type at all (raw non-ASCII bytes, a stray quote): as good as no type, so the bytes are sniffed (WHATWG MIME sniffing).
    !MIME_TYPE.test(type) ||
    type === 'text/html' ||
    type === 'application/xhtml+xml' ||
    type === 'application/xml' ||
    type === 'text/xml' ||
    type === 'text/plain' || // misconfigured servers; the bytes are sniffed next
    type === 'application/octet-stream'
  );
}
