import { readCpuMs } from '../src/batch/cpu-clock.js';

/**
 * CPU time (user + system, ms) of the calling thread alone, from Linux's /proc/thread-self/stat;
 * null elsewhere (Node 20 has no process.threadCpuUsage). It splits "cores busy" into the
 * workers' own threads and the rest of the process: V8's GC and compiler threads, the main thread,
 * Node's file I/O threads. Ticks are USER_HZ, 100 a second on Linux's common architectures (10 ms
 * grains: read over a run of seconds, not per page).
 */
export function threadCpu(): number | null {
  // The same reader the convert pool's page limit uses (src/batch/cpu-clock.ts), on this thread's own file.
  return readCpuMs('/proc/thread-self/stat');
}
