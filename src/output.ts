import { randomBytes } from 'node:crypto';
import { link, mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ArchivistError } from './errors.js';
import type { Source } from './types.js';

/** Longest file-name stem: 255 bytes is the common filesystem limit; CJK is 3 bytes a character in UTF-8. */
const MAX_STEM_BYTES = 150;
/** Names Windows reserves whatever the extension. */
const RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;

/** A file-name stem safe on Linux, macOS and Windows: no separators, no dot-only names, no reserved names. */
export function safeStem(raw: string): string {
  // Every step is linear in the name's length: a 30,000-character JSONL "name" took 50 s when the
  // byte limit was reached by dropping one character at a time, each time re-measuring the whole.
  let s = trimEndChars(
    raw
      .normalize('NFC')
      .replace(/[\u0000-\u001f\u007f<>:"/\\|?*]+/g, '-')
      .replace(/\s+/g, '-')
      .replace(/-{2,}/g, '-')
      .replace(/^[-.]+/, ''),
  );
  s = trimEndChars(truncateUtf8(s, MAX_STEM_BYTES));
  if (!s) s = 'page';
  if (RESERVED.test(s.split('.')[0] ?? '')) s = `_${s}`;
  return s;
}

/** The longest prefix of whole characters that fits in `max` UTF-8 bytes. */
function truncateUtf8(s: string, max: number): string {
  if (s.length * 3 <= max) return s; // no UTF-16 code unit takes more than 3 bytes
  let bytes = 0;
  let end = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    if (bytes > max) break;
    end += ch.length;
  }
  return s.slice(0, end);
}

/** Drops trailing '-', '.' and spaces (a regex /[-. ]+$/ backtracks quadratically on long runs of them mid-name). */
function trimEndChars(s: string): string {
  let end = s.length;
  while (end > 0 && (s[end - 1] === '-' || s[end - 1] === '.' || s[end - 1] === ' ')) end--;
  return s.slice(0, end);
}

/** The stem an input's output file takes: the file's name without its extensions, or host + path of a URL. */
export function outputStem(source: Source): string {
  switch (source.kind) {
    case 'file':
      return safeStem(path.basename(source.path).replace(/(\.(html?|xhtml))?(\.gz)?$/i, ''));
    case 'url':
      return safeStem(`${source.url.hostname}${urlPathSlug(source.url)}`);
    case 'stdin':
      return 'stdin';
  }
}

/** A URL's path as name material: percent-decoded, the page extension dropped, '/' turned into '-'. */
export function urlPathSlug(url: URL): string {
  return decodeURIComponentSafe(url.pathname)
    .replace(/\.(html?|xhtml|php|aspx?|jsp|shtml)$/i, '')
    .replace(/\//g, '-');
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/**
 * Writes a file atomically: a temporary file in the same folder, then a rename, so a killed
 * run never leaves a half-written output. With `overwrite: false` an existing file is left alone
 * (E_OUTPUT): the temporary file is hard-linked into place, which fails atomically if the name is
 * taken, so two runs racing for one name cannot both win.
 */
export async function writeAtomic(file: string, data: string | Uint8Array, options: { overwrite?: boolean } = {}): Promise<void> {
  const dir = path.dirname(file);
  const tmp = path.join(dir, `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await mkdir(dir, { recursive: true });
    await writeFile(tmp, data);
    if (options.overwrite === false) await linkNoClobber(tmp, file);
    else await rename(tmp, file);
  } catch (cause) {
    await rm(tmp, { force: true }).catch(() => undefined);
    if (cause instanceof ArchivistError) throw cause;
    throw new ArchivistError('E_OUTPUT', `cannot write ${file}: ${(cause as NodeJS.ErrnoException).code ?? cause}`, { cause });
  }
}

async function linkNoClobber(tmp: string, file: string): Promise<void> {
  try {
    await link(tmp, file);
    await rm(tmp, { force: true });
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw exists(file, cause);
    // Filesystems without hard links (FAT, some network mounts): check, then rename.
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS') throw cause;
    await refuseExisting(file);
    await rename(tmp, file);
  }
}

const exists = (file: string, cause?: unknown) => new ArchivistError('E_OUTPUT', `${file} exists; use --force to overwrite it`, { cause });

/**
 * Fails (E_OUTPUT) when `file` exists. A cheap early check, so that a rerun into a full folder fails each
 * input before fetching and converting it; writeAtomic's no-clobber write stays the guarantee.
 */
export async function refuseExisting(file: string): Promise<void> {
  if (
    await stat(file).then(
      () => true,
      () => false,
    )
  )
    throw exists(file);
}

/** The temporary names writeAtomic uses: only these are ever removed by cleanTempFiles. */
const TEMP_FILE = /^\..+\.[0-9a-f]{12}\.tmp$/;

/** Removes temporary files a killed run left in a folder (not its subfolders' other files). Returns how many. */
export async function cleanTempFiles(dir: string): Promise<number> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  let removed = 0;
  for (const e of entries) {
    if (e.isFile() && TEMP_FILE.test(e.name)) {
      await rm(path.join(dir, e.name), { force: true });
      removed++;
    }
  }
  return removed;
}

/** Hands out names under one folder, suffixing -2, -3… when two inputs want the same one. */
export class NameAllocator {
  private readonly used = new Set<string>();
  constructor(private readonly dir: string) {}
  allocate(stem: string, ext: string): string {
    return path.resolve(this.dir, `${this.allocateStem(stem, [ext])}.${ext}`);
  }

  /** Marks a name (relative to the folder) as taken, e.g. by an earlier run's output. */
  claim(name: string): void {
    this.used.add(name.toLowerCase());
  }

  /**
   * One stem for several files of one input (page.md, page.json, page.html): the first of
   * stem, stem-2, stem-3… free for every extension, all claimed together. Returns the stem.
   */
  allocateStem(stem: string, exts: string[]): string {
    for (let n = 1; ; n++) {
      const candidate = n === 1 ? stem : `${stem}-${n}`;
      const names = exts.map((ext) => `${candidate}.${ext}`.toLowerCase());
      if (names.some((k) => this.used.has(k))) continue;
      for (const k of names) this.used.add(k);
      const full = path.resolve(this.dir, candidate);
      if (path.dirname(full) !== path.resolve(this.dir)) throw new ArchivistError('E_OUTPUT', `refusing to write outside ${this.dir}: ${candidate}`);
      return candidate;
    }
  }
}
