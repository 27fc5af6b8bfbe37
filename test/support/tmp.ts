/**
 * Temporary folders for tests, removed when their test file ends (see setup.ts), so that
 * repeated test runs — a CI job's, a watch loop's — do not pile folders up in the system temp dir.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

const made: string[] = [];

/** A new empty folder named `archivist-<name>-XXXXXX` in the system temp dir. */
export async function tempDir(name: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), `archivist-${name}-`));
  made.push(dir);
  return dir;
}

/** Removes every folder `tempDir` made so far. */
export async function removeTempDirs(): Promise<void> {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
}
