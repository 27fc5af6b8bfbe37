import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { ArchivistError } from '../errors.js';
import type { Page, Source } from '../types.js';
import { sniffBinary } from './sniff.js';

/** File names a folder walk picks up; anything else in a folder is not a page. */
const PAGE_FILE = /\.(html?|xhtml)(\.gz)?$/i;
/** Largest file accepted, after gunzip; the same cap as for fetched bodies. */
export const DEFAULT_MAX_FILE_BYTES = 32 * 1024 * 1024;

/** Turns the command line's inputs into Sources: URLs, '-', files, and the page files under folders (sorted, recursive). */
export async function expandInputs(inputs: string[], url?: URL): Promise<(Source | { kind: 'error'; input: string; error: ArchivistError })[]> {
  const out: (Source | { kind: 'error'; input: string; error: ArchivistError })[] = [];
  for (const input of inputs) {
    if (input === '-') {
      out.push({ kind: 'stdin', url });
      continue;
    }
    if (/^https?:\/\//i.test(input)) {
      try {
        out.push({ kind: 'url', url: new URL(input) });
      } catch (cause) {
        out.push({ kind: 'error', input, error: new ArchivistError('E_INPUT', `not a valid URL`, { cause }) });
      }
      continue;
    }
    try {
      const s = await stat(input);
      if (s.isDirectory()) {
        for (const file of await pageFilesUnder(input)) out.push({ kind: 'file', path: file });
      } else {
        out.push({ kind: 'file', path: input, url });
      }
    } catch (cause) {
      out.push({ kind: 'error', input, error: new ArchivistError('E_INPUT', `cannot read: ${(cause as NodeJS.ErrnoException).code ?? cause}`, { cause }) });
    }
  }
  return out;
}

/** The page files under `dir`, recursively, sorted by name at each level (so runs and outputs come in a stable order). */
export async function pageFilesUnder(dir: string, files: string[] = []): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const p = path.join(dir, e.name);
    // Into one array, not push(...sub): a subfolder can hold more files than a call takes arguments.
    if (e.isDirectory()) await pageFilesUnder(p, files);
    // A symlinked page file is an input like any other (a broken link then fails as E_INPUT, with its name);
    // symlinked folders are not walked, so a link back up cannot loop.
    else if ((e.isFile() || e.isSymbolicLink()) && PAGE_FILE.test(e.name)) files.push(p);
  }
  return files;
}

/** Reads a file (gunzipping .gz) into a Page. */
export async function readFilePage(filePath: string, url?: URL, maxBytes = DEFAULT_MAX_FILE_BYTES): Promise<Page> {
  let bytes: Uint8Array;
  try {
    const s = await stat(filePath);
    if (!s.isFile()) throw new ArchivistError('E_INPUT', 'not a regular file');
    if (s.size > maxBytes) throw new ArchivistError('E_TOO_LARGE', `file is ${s.size} bytes, over the ${maxBytes}-byte cap`);
    bytes = await readFile(filePath);
  } catch (cause) {
    if (cause instanceof ArchivistError) throw cause;
    throw new ArchivistError('E_INPUT', `cannot read: ${(cause as NodeJS.ErrnoException).code ?? cause}`, { cause });
  }
  return bytesToPage(filePath, bytes, url, maxBytes);
}

/** Reads all of stdin into a Page. */
export async function readStdinPage(stdin: NodeJS.ReadableStream, url?: URL, maxBytes = DEFAULT_MAX_FILE_BYTES): Promise<Page> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stdin) {
    const b = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += b.length;
    if (size > maxBytes) throw new ArchivistError('E_TOO_LARGE', `stdin exceeds the ${maxBytes}-byte cap`);
    chunks.push(b);
  }
  const page = bytesToPage('-', Buffer.concat(chunks), url, maxBytes);
  // A pipe carries whatever came before it: a URL list (`cat urls.txt | archivist convert -`) is no article.
  if (!hasMarkup(page.bytes)) throw new ArchivistError('E_NOT_HTML', 'stdin holds no HTML markup (a list of URLs? archive it with `archivist archive -`)');
  return page;
}

/** How far to look for a tag: a page has one in its first lines; 64 KiB of text without one is not a page. */
const MARKUP_PROBE_BYTES = 64 * 1024;

/** True when the bytes hold a tag, a comment or a doctype (or are UTF-16, which this byte test cannot read). */
function hasMarkup(bytes: Uint8Array): boolean {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return true;
  return /<[a-z!?/]/i.test(Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, MARKUP_PROBE_BYTES)).toString('latin1'));
}

function bytesToPage(input: string, raw: Uint8Array, url: URL | undefined, maxBytes: number): Page {
  let bytes = raw;
  if (raw[0] === 0x1f && raw[1] === 0x8b) {
    try {
      bytes = gunzipSync(raw, { maxOutputLength: maxBytes });
    } catch (cause) {
      const tooLarge = (cause as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || cause instanceof RangeError;
      throw new ArchivistError(tooLarge ? 'E_TOO_LARGE' : 'E_INPUT', tooLarge ? `exceeds ${maxBytes} bytes when decompressed` : 'corrupt gzip data', { cause });
    }
  }
  const binary = sniffBinary(bytes);
  if (binary) throw new ArchivistError('E_NOT_HTML', `${binary}, not HTML`);
  return { input, bytes, url, headers: {} };
}
