/**
 * One `archive` run per output folder. Two runs on one folder fetch every page twice and, worse,
 * hand out the same file names to different articles, so a manifest line can name a file that
 * holds another page. The lock is a file holding the holder's pid and host: a run killed with
 * `kill -9` leaves it behind, and the next run on the same host sees that pid is gone and takes it.
 */
import { randomBytes } from 'node:crypto';
import { link, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { ArchivistError } from '../errors.js';

export const LOCK_FILE = '.archivist.lock';

interface LockInfo {
  pid: number;
  host: string;
  startedAt: string;
  /** Tells this run's lock from another run's in the same process (tests, a library user). */
  token: string;
}

/** A held lock; `release` removes the file (only if it is still this run's). */
export interface OutDirLock {
  file: string;
  release(): Promise<void>;
}

/** True when a process with this pid exists on this host (EPERM: it exists but belongs to someone else). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readLock(file: string): Promise<LockInfo | null> {
  try {
    const info = JSON.parse(await readFile(file, 'utf8')) as Partial<LockInfo>;
    return typeof info.pid === 'number' && typeof info.host === 'string' ? (info as LockInfo) : null;
  } catch {
    return null;
  }
}

/**
 * Takes the lock on `dir` or fails at once with E_OUTPUT naming the holder. The file is written
 * whole under a temporary name and hard-linked into place, which fails if the lock exists: so a
 * lock file is never seen half-written, and of two runs starting together exactly one wins.
 * A lock from this host whose pid is gone, or one that cannot be read, is stale and replaced.
 * A lock from another host (a shared network folder) cannot be checked and is always respected.
 */
export async function lockOutDir(dir: string, now: () => Date = () => new Date()): Promise<OutDirLock> {
  const file = path.join(dir, LOCK_FILE);
  const mine: LockInfo = { pid: process.pid, host: hostname(), startedAt: now().toISOString(), token: randomBytes(6).toString('hex') };
  const text = `${JSON.stringify(mine)}\n`;
  const tmp = path.join(dir, `.${LOCK_FILE}.${randomBytes(6).toString('hex')}.tmp`);
  await writeFile(tmp, text, { flag: 'wx' });
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        await link(tmp, file);
        break;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 2) throw err;
      }
      const held = await readLock(file);
      if (held && (held.host !== mine.host || alive(held.pid))) {
        throw new ArchivistError(
          'E_OUTPUT',
          `${dir} is in use by another archive run (pid ${held.pid} on ${held.host}, since ${held.startedAt}); ` +
            `wait for it to finish, or delete ${file} if that run is gone`,
        );
      }
      // Stale (its run is dead) or unreadable: remove it and try once more; a run racing us for it may still win.
      await rm(file, { force: true });
    }
  } finally {
    await rm(tmp, { force: true });
  }
  return {
    file,
    release: async () => {
      const held = await readLock(file);
      if (held && held.pid === mine.pid && held.host === mine.host && held.token === mine.token) await rm(file, { force: true });
    },
  };
}
