/** Processes by parentage, from /proc (Linux): to find the browser a run started, and to see it gone. */
import { readdirSync, readFileSync } from 'node:fs';

interface Proc {
  pid: number;
  ppid: number;
  comm: string;
  state: string;
}

function read(pid: number): Proc | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // comm is in parentheses and may hold spaces: the fields after it start at the last ')'.
    const close = stat.lastIndexOf(')');
    const rest = stat.slice(close + 2).split(' ');
    return { pid, comm: stat.slice(stat.indexOf('(') + 1, close), state: rest[0]!, ppid: Number(rest[1]) };
  } catch {
    return null;
  }
}

function all(): Proc[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map((d) => read(Number(d)))
    .filter((p): p is Proc => p !== null);
}

/** Every live process below `root` (children, their children…). */
export function descendants(root: number): Proc[] {
  const procs = all();
  const out: Proc[] = [];
  const walk = (pid: number) => {
    for (const p of procs) if (p.ppid === pid && p.state !== 'Z') out.push(p), walk(p.pid);
  };
  walk(root);
  return out;
}

/** The browser processes below `root`. */
export function browsers(root: number): Proc[] {
  return descendants(root).filter((p) => /chrom/i.test(p.comm));
}

/** Whether the process still runs (a zombie has exited). */
export function running(pid: number): boolean {
  const p = read(pid);
  return p !== null && p.state !== 'Z';
}

/** Waits (polling) until none of `pids` runs, or `ms` passes; returns those still running. */
export async function waitGone(pids: number[], ms: number): Promise<number[]> {
  const until = Date.now() + ms;
  for (;;) {
    const left = pids.filter(running);
    if (left.length === 0 || Date.now() >= until) return left;
    await new Promise((r) => setTimeout(r, 100));
  }
}
