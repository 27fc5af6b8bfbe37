/**
 * The command line: one commander program, each command declared in its own file under
 * src/commands/. The commands return outcomes; this file alone turns them, and errors that stop a
 * command before any input, into exit codes.
 */
import { Command, CommanderError } from 'commander';
import { registerArchive } from './commands/archive.js';
import { registerCheck } from './commands/check.js';
import { registerCompletion } from './commands/completion.js';
import { registerConvert } from './commands/convert.js';
import type { CliIO, CommandContext, Outcome } from './commands/io.js';
import { registerManifest } from './commands/manifest.js';
import { registerSchema } from './commands/schema.js';
import { examples } from './commands/args.js';
import { ArchivistError } from './errors.js';
import { renderFlagBeforeInput } from './browser/options.js';
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
const COMMANDS = [registerConvert, registerArchive, registerCheck, registerManifest, registerSchema, registerCompletion];

/** Help is wrapped to this width, or the terminal's if narrower: 80 columns read everywhere. */
const HELP_WIDTH = 80;

const EXIT_HELP = `
Exit codes:
  0    every input converted
  1    one or more inputs failed; the rest were converted. Each failure is one
       line on stderr: archivist: <input>: <message> [E_CODE]
  2    usage error: bad option or argument; nothing done
  130  stopped by Ctrl-C; what finished is kept (archive: rerun to resume)

Error codes: E_INPUT, E_HTTP_STATUS, E_NOT_HTML, E_TOO_LARGE, E_TIMEOUT,
  E_NETWORK, E_REDIRECT, E_BLOCKED, E_NO_CONTENT, E_PARSE, E_OUTPUT, E_RULES,
  E_CASE, E_RENDER (see README).`;

const MAIN_EXAMPLES = examples([
  ['archivist convert https://example.com/news/a.html', 'one page to Markdown on stdout'],
  ['archivist archive urls.txt --out-dir archive/', 'a list of URLs into a folder, resumably'],
  ['archivist archive --sitemap https://example.com/sitemap.xml --out-dir a/', "a site's sitemap"],
  ['archivist convert --help', "a command's options and examples"],
]);

/** Runs the CLI. Returns the exit code; never calls process.exit, so it can be tested in-process. */
export async function main(argv: string[], io: CliIO = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  let outcome: Outcome = 'ok';
  const ctx: CommandContext = {
    io,
    argv,
    run: async (work) => {
      outcome = await work;
    },
  };
  const program = new Command()
    .name('archivist')
    .description('Archive articles: strip site chrome, keep metadata, attribution and disclaimer, write clean Markdown or JSON.')
    .version(VERSION, '-V, --version')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      getOutHelpWidth: () => Math.min(HELP_WIDTH, io.stdout.columns ?? HELP_WIDTH),
      getErrHelpWidth: () => Math.min(HELP_WIDTH, io.stderr.columns ?? HELP_WIDTH),
    })
    .addHelpText('after', MAIN_EXAMPLES + EXIT_HELP);
  for (const register of COMMANDS) {
    const command = register(program, ctx);
    if (command.name() === 'convert' || command.name() === 'archive') command.addHelpText('after', EXIT_HELP);
  }

  try {
    await program.parseAsync(renderFlagBeforeInput(argv), { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version end here too, with exit code 0.
      return err.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
    }
    // What stops a command before any input: a bad argument, a bad rules file, an output folder, manifest or WARC that cannot be opened, no browser for --render.
    if (err instanceof ArchivistError && (err.code === 'E_USAGE' || err.code === 'E_RULES' || err.code === 'E_OUTPUT' || err.code === 'E_RENDER')) {
      io.stderr.write(`archivist: ${err.message}${err.code === 'E_USAGE' ? '' : ` [${err.code}]`}\n`);
      return EXIT.USAGE;
    }
    // Stopped on the way, with a stable code (a sitemap that cannot be fetched): one line, as any failed input.
    if (err instanceof ArchivistError) {
      io.stderr.write(`archivist: ${err.message} [${err.code}]\n`);
      return EXIT.FAILED;
    }
    io.stderr.write(`archivist: internal error: ${(err as Error)?.stack ?? err}\n`);
    return EXIT.FAILED;
  }
  return EXIT_OF[outcome];
}
