/** An in-memory CliIO, for running the CLI's `main` in-process. */
import { Readable } from 'node:stream';
import type { CliIO } from '../../src/commands/io.js';

export interface FakeIO extends CliIO {
  /** What was written to stdout, and to stderr, so far. */
  out(): string;
  err(): string;
}

/** `stdin` is what the CLI reads there (none by default); `tty` makes stdout a terminal; the clock is fixed. */
export function fakeIO(o: { stdin?: string; tty?: boolean; now?: () => Date } = {}): FakeIO {
  let out = '';
  let err = '';
  return {
    stdin: Readable.from(o.stdin === undefined ? [] : [Buffer.from(o.stdin)]),
    stdout: { write: (s: string) => (out += s), isTTY: o.tty ?? false },
    stderr: { write: (s: string) => (err += s) },
    now: o.now ?? (() => new Date('2026-11-25T00:00:00Z')),
    out: () => out,
    err: () => err,
  };
}
