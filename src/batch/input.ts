import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { ArchivistError } from '../errors.js';
import { pageFilesUnder } from '../load/file.js';
import type { Source } from '../types.js';

/** One line of a batch list: what to archive, and the name the user wants for it, if any. */
export interface BatchInput {
  /** The key the manifest knows this input by: the URL as written, or the path as written. */
  input: string;
  /** 1-based line number in the list, for messages. */
  line: number;
  /** A file-name stem given in a JSONL line's "name"; it replaces the --name template. */
  name?: string;
  /** Null when the line could not be understood; `error` says why. */
  source: Source | null;
  error?: ArchivistError;
}

/** How a list is read: lines of URLs and paths, WARC records, or the page files of a folder. */
export type ListKind = 'lines' | 'warc' | 'folder';

/** "WARC/" at the start of a file (after gunzip) marks a WARC whatever its name. */
const WARC_NAME = /\.warc(\.gz)?$/i;

/** Tells a folder from a file, and a WARC from a list by name, and by its first bytes when the name says nothing. */
export async function listKind(file: string): Promise<ListKind> {
  if (file === '-') return 'lines';
  const unreadable = (cause: unknown) => new ArchivistError('E_USAGE', `cannot read ${file}: ${(cause as NodeJS.ErrnoException).code ?? cause}`, { cause });
  const info = await stat(file).catch((cause) => {
    throw unreadable(cause);
  });
  if (info.isDirectory()) return 'folder';
  if (WARC_NAME.test(file)) return 'warc';
  // A pipe (`archive <(cat list)`) cannot be peeked at without losing what is read: it is a list.
  if (!info.isFile()) return 'lines';
  const fh = await open(file, 'r').catch((cause) => {
    throw unreadable(cause);
  });
  try {
    const head = Buffer.alloc(5);
    await fh.read(head, 0, 5, 0).catch((cause) => {
      throw unreadable(cause);
    });
    return head.toString('latin1') === 'WARC/' ? 'warc' : 'lines';
  } finally {
    await fh.close();
  }
}

/**
 * Every page file under a folder (as `convert` finds them: .html, .htm, .xhtml, optionally .gz;
 * recursive, sorted). Each is known by its path inside the folder, with '/' between parts, so
 * the manifest's keys, and a resumed run, do not depend on where the command is run from.
 * Files under `skip` (an output folder inside this one, where --raw writes .html copies) are not inputs.
 * A list, not a stream: the folder is read whole to sort it anyway, so it is read once per run.
 */
export async function folderInputs(dir: string, skip?: string): Promise<BatchInput[]> {
  const skipped = skip === undefined ? null : path.resolve(skip) + path.sep;
  const files = (await pageFilesUnder(dir)).map((f) => path.resolve(f)).filter((f) => !skipped || !f.startsWith(skipped));
  const root = path.resolve(dir);
  return files.map((file, i) => ({ input: path.relative(root, file).split(path.sep).join('/'), line: i + 1, source: { kind: 'file', path: file } }));
}

/**
 * Streams a list: one URL or path per line, '#' starts a comment, blank lines are skipped,
 * and a line starting with '{' is JSON: {"url": "…", "name": "…"} (or "path" for a file).
 * Streamed rather than read whole, so a list of millions of lines costs no memory.
 * Relative paths are taken from the list's own folder, so a list travels with its files.
 */
export async function* readList(file: string, stdin: NodeJS.ReadableStream = process.stdin): AsyncGenerator<BatchInput> {
  const stream = file === '-' ? stdin : createReadStream(file, { encoding: 'utf8' });
  const base = file === '-' ? process.cwd() : path.dirname(path.resolve(file));
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  let n = 0;
  for await (const raw of lines) {
    n++;
    const line = n === 1 ? raw.replace(/^\uFEFF/, '') : raw;
    const parsed = parseLine(line, n, base);
    if (parsed) yield parsed;
  }
}

/** One list line → an input, or null for a blank or comment line. Exported for tests. */
export function parseLine(raw: string, line: number, base: string): BatchInput | null {
  const text = raw.trim();
  if (!text || text.startsWith('#')) return null;
  if (text.startsWith('{')) {
    let obj: unknown;
    try {
      obj = JSON.parse(text);
    } catch (cause) {
      return { input: text, line, source: null, error: new ArchivistError('E_INPUT', `line ${line}: invalid JSON`, { cause }) };
    }
    const o = obj as { url?: unknown; path?: unknown; name?: unknown };
    const target = typeof o.url === 'string' ? o.url : typeof o.path === 'string' ? o.path : null;
    if (!target) return { input: text, line, source: null, error: new ArchivistError('E_INPUT', `line ${line}: JSON line needs "url" or "path"`) };
    const name = typeof o.name === 'string' && o.name.trim() ? o.name.trim() : undefined;
    const url = typeof o.path === 'string' && typeof o.url === 'string' ? safeUrl(o.url) : undefined;
    const input = toInput(typeof o.path === 'string' ? o.path : target, line, base, url ?? undefined);
    return name ? { ...input, name } : input;
  }
  // A trailing comment after whitespace ("https://a.example/x  # why"); '#' inside a URL is a fragment.
  return toInput(text.replace(/\s+#.*$/, ''), line, base);
}

function toInput(target: string, line: number, base: string, url?: URL): BatchInput {
  if (/^https?:\/\//i.test(target)) {
    const u = safeUrl(target);
    if (!u) return { input: target, line, source: null, error: new ArchivistError('E_INPUT', `line ${line}: not a valid URL`) };
    return { input: target, line, source: { kind: 'url', url: u } };
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(target)) {
    return { input: target, line, source: null, error: new ArchivistError('E_INPUT', `line ${line}: only http(s) URLs and file paths are supported`) };
  }
  return { input: target, line, source: { kind: 'file', path: path.resolve(base, target), url } };
}

function safeUrl(s: string): URL | null {
  try {
    return new URL(s);
  } catch {
    return null;
  }
}
