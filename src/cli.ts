/**
 * The command line: one commander program, each command declared in its own file under
 * src/commands/. The commands return outcomes; this file alone turns them, and errors that stop a
 * command before any input, into exit codes.
 */
import { Command, CommanderError } from 'commander';
import { registerArchive } from './commands/archive.js';
import { registerCheck } from './commands/check.js';
import { registerConvert } from './commands/convert.js';
import type { CliIO, CommandContext, Outcome } from './commands/io.js';
import { registerManifest } from './commands/manifest.js';
import { ArchivistError } from './errors.js';
import { VERSION } from './version.js';

export type { CliIO, Outcome } from './commands/io.js';

/** Exit codes. Scripts depend on them: never renumber. */
export const EXIT = {
  OK: 0,
  /** At least one input failed; every other input was still converted. */
  FAILED: 1,
  /** The command line itself is wrong; nothing was done. */
  USAGE: 2,
  /** Stopped by Ctrl-C (128 + SIGINT, as shells report it); finished inputs are kept. */
  INTERRUPTED: 130,
} as const;

const EXIT_OF: Record<Outcome, number> = { ok: EXIT.OK, failed: EXIT.FAILED, interrupted: EXIT.INTERRUPTED };

/** Every command, in the order help lists them. A new command is a file in src/commands/ and a line here. */
const COMMANDS = [registerConvert, registerArchive, registerCheck, registerManifest];

const HELP_AFTER = `
Exit codes:
  0  every input converted
  1  one or more inputs failed (each reported on stderr as: archivist: <input>: <message> [E_CODE]); the rest were converted
  2  usage error: bad option or argument, nothing done

Error codes: E_INPUT, E_HTTP_STATUS, E_NOT_HTML, E_TOO_LARGE, E_TIMEOUT, E_NETWORK, E_REDIRECT,
  E_BLOCKED, E_NO_CONTENT, E_PARSE, E_OUTPUT, E_RULES, E_CASE (see README).`;

/** Runs the CLI. Returns the exit code; never calls process.exit, so it can be tested in-process. */
export async function main(argv: string[], io: CliIO = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  let outcome: Outcome = 'ok';
  const ctx: CommandContext = {
    io,
    run: async (work) => {
      outcome = await work;
    },
  };
  const program = new Command()
    .name('archivist')
    .description('Archive articles: strip site chrome, keep metadata, attribution and disclaimer, write clean Markdown or JSON.')
    .version(VERSION, '-V, --version')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .addHelpText('after', HELP_AFTER);
  for (const register of COMMANDS) {
    const command = register(program, ctx);
    if (command.name() === 'convert' || command.name() === 'archive') command.addHelpText('after', HELP_AFTER);
  }

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version end here too, with exit code 0.
      return err.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
    }
    // What stops a command before any input: a bad argument, a bad rules file, an output folder, manifest or WARC that cannot be opened.
    if (err instanceof ArchivistError && (err.code === 'E_USAGE' || err.code === 'E_RULES' || err.code === 'E_OUTPUT')) {
      io.stderr.write(`archivist: ${err.message}${err.code === 'E_USAGE' ? '' : ` [${err.code}]`}\n`);
      return EXIT.USAGE;
    }
    io.stderr.write(`archivist: internal error: ${(err as Error)?.stack ?? err}\n`);
    return EXIT.FAILED;
  }
  return EXIT_OF[outcome];
}
