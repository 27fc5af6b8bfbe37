import type { Page } from '../types.js';

/** How far from the end to look for the document's closing tags: past any trailing scripts and comments. */
const TAIL_BYTES = 4096;
const CLOSING_TAG = /<\/(?:html|body)\b/i;

/**
 * Whether a fetched page may have been cut at a Content-Length shorter than what the server sent:
 * its uncompressed body is exactly the declared length and ends before `</body>` or `</html>`.
 *
 * Why a sign and not a check: undici reads exactly the declared length, and on a connection the
 * server closes it never reads the bytes past it (fetch.ts watchOverrun catches the kept-alive
 * case, where they arrive as a second response). A page that ends without its closing tags at
 * exactly that length is the one sign left; 16 of 2,462 corpus pages end without them anyway, so
 * it is a warning, not a failure.
 */
export function mayBeCutShort(page: Page): boolean {
  const declared = page.headers['content-length'];
  if (page.status === undefined || page.rendered || declared === undefined) return false;
  const encoding = (page.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  if (encoding !== 'identity' && encoding !== '') return false;
  if (Number(declared) !== page.bytes.length || page.bytes.length === 0) return false;
  const tail = Buffer.from(page.bytes.buffer, page.bytes.byteOffset, page.bytes.byteLength).subarray(-TAIL_BYTES).toString('latin1');
  return !CLOSING_TAG.test(tail);
}
