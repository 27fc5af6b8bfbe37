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
  const head = bytes.subarray(0, SNIFF_BYTES);
  let control = 0;
  for (const b of head) {
    if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b)) control++;
  }
  // A stray NUL in a real page happens; a binary file has many.
  return control > head.length / 100 + 1 ? 'binary data' : null;
}

/** Content types that may hold an HTML document. A missing type is sniffed instead. */
export function isHtmlContentType(contentType: string | undefined): boolean {
  if (!contentType) return true;
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  return (
    type === '' ||
    type === 'text/html' ||
    type === 'application/xhtml+xml' ||
    type === 'application/xml' ||
    type === 'text/xml' ||
    type === 'text/plain' || // misconfigured servers; the bytes are sniffed next
    type === 'application/octet-stream'
  );
}
