import { readFileSync } from 'node:fs';

/**
 * CPU time (user + system, ms) of the calling thread alone, from Linux's /proc/thread-self/stat;
 * null elsewhere (Node 20 has no process.threadCpuUsage). It splits "cores busy" into the
 * workers' own threads and the rest of the process: V8's GC and compiler threads, the main thread,
 * Node's file I/O threads. Ticks are USER_HZ, 100 a second on Linux's common architectures (10 ms
 * grains: read over a run of seconds, not per page).
 */
export function threadCpu(): number | null {
  try {
    const stat = readFileSync('/proc/thread-self/stat', 'utf8');
    // Fields after the command name (which may hold spaces, inside parentheses): utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}
