/** What every command shares with cli.ts: the I/O it is given and the outcome it returns. */
import type { ErrorCode } from '../errors.js';

/** What the CLI reads and writes; tests pass their own. */
export interface CliIO {
  stdin: NodeJS.ReadableStream;
  stdout: { write(s: string): unknown; isTTY?: boolean; columns?: number };
  stderr: { write(s: string): unknown; isTTY?: boolean; columns?: number };
  /** The clock for archivedAt. Default: the real one. */
  now?: () => Date;
  /**
   * Subscribes to the user's interrupt (Ctrl-C); returns the unsubscribe. Default: SIGINT of
   * this process. Tests call the handler themselves.
   */
  onInterrupt?: (handler: () => void) => () => void;
  /** Environment variables (proxies, NO_COLOR). Default: process.env. */
  env?: NodeJS.ProcessEnv;
}

/**
 * How a command ended. Commands never pick exit codes: cli.ts alone maps an outcome to one, so
 * the numbers scripts depend on are written down in one place.
 */
export type Outcome =
  /** Everything asked for was done. */
  | 'ok'
  /** At least one input failed (or one case differed); the rest were done. */
  | 'failed'
  /** The user stopped the run; what was finished is kept. */
  | 'interrupted';

/** The one-line report of a failed input. */
export function failureLine(input: string, code: ErrorCode, message: string): string {
  return `archivist: ${input}: ${message.replace(/\s+/g, ' ')} [${code}]\n`;
}

/** What a command's declaration is given: the I/O, and `run`, which records the outcome of its work for cli.ts. */
export interface CommandContext {
  io: CliIO;
  /** The command line as given (after the program name), to show how to run it again. */
  argv: readonly string[];
  /** Commander awaits what this returns, so a command's errors reach cli.ts. */
  run(work: Promise<Outcome>): Promise<void>;
}
