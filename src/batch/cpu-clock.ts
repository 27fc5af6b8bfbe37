/**
 * A convert worker's own CPU time, read from outside it. A page's time limit is meant to stop a
 * page that needs too much work, not one that waited: on a busy machine (other jobs, more workers
 * than cores) a worker is descheduled for long stretches, and a wall-clock limit failed real pages
 * with E_TIMEOUT that then stayed failed. The limit is reached from outside, since a worker stuck
 * in synchronous code answers no message: Linux exposes each thread's CPU time in /proc, and the
 * worker tells the pool where its own is. Elsewhere there is no such clock, and the pool counts wall time.
 */
import { readFileSync, readlinkSync } from 'node:fs';

/** Linux reports utime and stime in USER_HZ ticks, which is 100 per second on every architecture. */
const MS_PER_TICK = 10;

/** In a worker thread: the /proc stat file of this very thread, or null where there is none. */
export function ownThreadClock(): string | null {
  if (process.platform !== 'linux') return null;
  try {
    // readlinkSync runs on the calling thread, so /proc/thread-self is this worker's thread ("<pid>/task/<tid>").
    const file = `/proc/${readlinkSync('/proc/thread-self')}/stat`;
    return readCpuMs(file) === null ? null : file;
  } catch {
    return null;
  }
}

/** CPU time (user + system) of the thread whose stat file this is, in ms; null once the thread is gone. */
export function readCpuMs(statFile: string): number | null {
  try {
    const stat = readFileSync(statFile, 'latin1');
    // Fields after the command name, which is in parentheses and may hold spaces: state is field 3, utime 14, stime 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? ticks * MS_PER_TICK : null;
  } catch {
    return null;
  }
}

/**
 * Wall time allowed on top of the CPU limit, as a multiple of it: a thread that never gets the CPU,
 * or hangs in a wait, is stopped too.
 */
export const WALL_LIMIT_FACTOR = 4;
/** Shortest wait between two looks at a thread's CPU clock (its resolution is 10 ms). */
const MIN_CHECK_MS = 50;

/**
 * Calls `onOver` once the thread behind `clock` has used `limitMs` of CPU time since now, or
 * WALL_LIMIT_FACTOR times that of wall time; with no clock, once `limitMs` of wall time has
 * passed. Returns the cancel function.
 */
export function cpuDeadline(clock: string | null, limitMs: number, onOver: (why: string) => void): () => void {
  const wallLimit = limitMs * WALL_LIMIT_FACTOR;
  const started = performance.now();
  const cpuAt = clock ? readCpuMs(clock) : null;
  let timer: NodeJS.Timeout;
  const check = () => {
    const wall = performance.now() - started;
    const now = cpuAt !== null && clock ? readCpuMs(clock) : null;
    const cpu = now === null || cpuAt === null ? null : now - cpuAt;
    if (cpu === null ? wall >= limitMs : cpu >= limitMs || wall >= wallLimit) {
      onOver(cpu === null ? `${limitMs} ms` : cpu >= limitMs ? `${limitMs} ms of CPU time` : `${wallLimit} ms (${Math.round(cpu)} ms of CPU time)`);
      return;
    }
    // Look again when the CPU limit could first be reached, and no later than the wall backstop.
    const next = cpu === null ? limitMs - wall : Math.min(limitMs - cpu, wallLimit - wall);
    timer = setTimeout(check, Math.max(next, MIN_CHECK_MS));
  };
  timer = setTimeout(check, limitMs);
  return () => clearTimeout(timer);
}
