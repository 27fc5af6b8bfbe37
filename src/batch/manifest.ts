import { constants, createReadStream } from 'node:fs';
import { mkdir, open, stat, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { ArchivistError, ERROR_CODES } from '../errors.js';

export const MANIFEST_FILE = 'manifest.jsonl';

/** One finished input. The manifest is append-only: a later line for the same input supersedes an earlier one. */
export const ManifestEntrySchema = z.object({
  input: z.string(),
  outcome: z.enum(['archived', 'failed']),
  /** Where the fetch ended (after redirects), or the WARC record's target URI; null for files. */
  finalUrl: z.string().nullable(),
  /** The HTTP status of the final response; null for files and for failures before a response. */
  status: z.number().int().nullable(),
  /** Output files, relative to the manifest's folder. */
  outputs: z.array(z.string()),
  title: z.string().nullable(),
  published: z.string().nullable(),
  /** sha256 of the raw bytes as loaded. */
  sha256: z.string().nullable(),
  /** Present (true) when the outputs were made from a browser's rendering of the page (--render). */
  rendered: z.literal(true).optional(),
  error: z.object({ code: z.enum(ERROR_CODES), message: z.string() }).nullable(),
  /** Milliseconds: fetching (or reading), converting inside the worker, writing; `total` also counts waiting for a host slot or a free worker. */
  timings: z.object({ fetch: z.number(), convert: z.number(), write: z.number(), total: z.number() }),
  finishedAt: z.string(),
});
export type ManifestEntry = z.infer<typeof ManifestEntrySchema>;

/** What a previous run left: the resume state. */
export interface ResumeState {
  archived: Set<string>;
  failed: Set<string>;
  /** Output paths (relative) already owned by archived inputs; new names must not take them. */
  claimed: Set<string>;
  /** Lines that were not valid entries (a run killed mid-line leaves at most one). */
  skippedLines: number;
}

/** Streams a manifest, one parsed entry at a time; invalid lines are counted, not fatal. */
export async function* readManifest(file: string, onInvalid?: () => void): AsyncGenerator<ManifestEntry> {
  let exists = true;
  await stat(file).catch(() => (exists = false));
  if (!exists) return;
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line.trim()) continue;
    try {
      yield ManifestEntrySchema.parse(JSON.parse(line));
    } catch {
      onInvalid?.();
    }
  }
}

export async function loadResumeState(file: string): Promise<ResumeState> {
  const state: ResumeState = { archived: new Set(), failed: new Set(), claimed: new Set(), skippedLines: 0 };
  const outputsOf = new Map<string, string[]>();
  // A manifest that is not a regular file (--manifest /dev/stdout, a pipe) holds no earlier run to resume, and reading it could block forever.
  if (
    !(await stat(file).then(
      (i) => i.isFile(),
      () => false,
    ))
  )
    return state;
  for await (const e of readManifest(file, () => state.skippedLines++)) {
    if (e.outcome === 'archived') {
      state.archived.add(e.input);
      state.failed.delete(e.input);
      for (const o of outputsOf.get(e.input) ?? []) state.claimed.delete(o);
      outputsOf.set(e.input, e.outputs);
      for (const o of e.outputs) state.claimed.add(o);
    } else if (e.error?.code === 'E_OUTPUT') {
      // The run could not write this page's files (a full disk, a permission): not the page's fault, so a rerun retries it.
      state.failed.delete(e.input);
    } else if (!state.archived.has(e.input)) {
      state.failed.add(e.input);
    }
  }
  return state;
}

/**
 * Appends entries, one write per line, each only after that input's outputs are in place: so a
 * line in the manifest always means finished, and a run killed at any point is resumed by
 * simply running it again.
 */
export class ManifestWriter {
  private constructor(private readonly fh: FileHandle) {}

  static async open(file: string): Promise<ManifestWriter> {
    await mkdir(path.dirname(file), { recursive: true });
    // O_NOFOLLOW: a manifest that is a symlink would have the run append wherever it points (0 where the system has no such flag).
    const fh = await open(file, constants.O_RDWR | constants.O_APPEND | constants.O_CREAT | (constants.O_NOFOLLOW ?? 0), 0o666);
    // A run killed mid-write can leave a last line without its newline; end it so the next entry starts clean.
    const { size } = await fh.stat();
    if (size > 0) {
      const last = Buffer.alloc(1);
      await fh.read(last, 0, 1, size - 1);
      if (last[0] !== 0x0a) await fh.write('\n');
    }
    return new ManifestWriter(fh);
  }

  /** Appends one line; throws when it was not written whole (a full disk writes part of it, then nothing). */
  async append(entry: ManifestEntry): Promise<void> {
    const line = Buffer.from(`${JSON.stringify(entry)}\n`);
    const { bytesWritten } = await this.fh.write(line);
    if (bytesWritten !== line.length) {
      throw Object.assign(new Error(`wrote ${bytesWritten} of ${line.length} bytes`), { code: 'ENOSPC' });
    }
  }

  async close(): Promise<void> {
    await this.fh.close();
  }
}

/**
 * Joins manifests (one per shard) into one: for each input the latest archived entry wins,
 * else the latest failure. Output paths are rewritten relative to the merged manifest's folder.
 */
export async function mergeManifests(files: string[], outFile: string | null): Promise<{ text: string; inputs: number; archived: number }> {
  const best = new Map<string, ManifestEntry>();
  const outDir = path.resolve(outFile ? path.dirname(outFile) : '.');
  for (const file of files) {
    const dir = path.resolve(path.dirname(file));
    // Fail loudly on a missing file: a merge that silently drops a shard loses its pages.
    const info = await stat(file).catch((cause) => {
      throw new ArchivistError('E_USAGE', `cannot read ${file}: ${(cause as NodeJS.ErrnoException).code ?? cause}`, { cause });
    });
    if (info.isDirectory()) throw new ArchivistError('E_USAGE', `cannot read ${file}: a folder, not a manifest (its manifest.jsonl?)`);
    for await (const e of readManifest(file)) {
      const rebased = { ...e, outputs: e.outputs.map((o) => path.relative(outDir, path.resolve(dir, o)).split(path.sep).join('/')) };
      const prev = best.get(e.input);
      if (!prev || e.outcome === 'archived' || prev.outcome === 'failed') {
        best.delete(e.input); // re-insert so the order is that of the winning line
        best.set(e.input, rebased);
      }
    }
  }
  let text = '';
  let archived = 0;
  for (const e of best.values()) {
    text += `${JSON.stringify(e)}\n`;
    if (e.outcome === 'archived') archived++;
  }
  return { text, inputs: best.size, archived };
}
