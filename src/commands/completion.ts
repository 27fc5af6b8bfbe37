/**
 * `archivist completion bash|zsh|fish`: a completion script made from the program's own command
 * and option declarations, so it never lists an option that is gone or misses a new one.
 */
import { Argument, type Command, type Option } from 'commander';
import { examples } from './args.js';
import type { CommandContext, Outcome } from './io.js';

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

export function registerCompletion(program: Command, { io, run }: CommandContext): Command {
  return program
    .command('completion')
    .description('print a shell completion script')
    .addArgument(new Argument('<shell>', 'the shell').choices(SHELLS))
    .addHelpText(
      'after',
      examples([
        ['source <(archivist completion bash)', 'bash, this shell; add the line to ~/.bashrc to keep it'],
        ['archivist completion zsh > "${fpath[1]}/_archivist"', 'zsh, for new shells'],
        ['archivist completion fish > ~/.config/fish/completions/archivist.fish', 'fish'],
      ]),
    )
    .action((shell: Shell) => run(Promise.resolve(printCompletion(program, shell, io.stdout))));
}

function printCompletion(program: Command, shell: Shell, out: { write(s: string): unknown }): Outcome {
  out.write(completionScript(program, shell));
  return 'ok';
}

/** One command as completion sees it: its words, options and subcommands. */
interface Spec {
  path: string[];
  description: string;
  options: { flags: string[]; description: string; takesValue: boolean; choices: readonly string[] | undefined; file: boolean }[];
  subcommands: Spec[];
  /** Values a positional argument takes (completion's shell). */
  argChoices: string[];
}

function specOf(cmd: Command, path: string[] = []): Spec {
  return {
    path,
    description: cmd.description(),
    options: (cmd.options as readonly Option[]).map((o) => ({
      flags: [o.short, o.long].filter((f): f is string => Boolean(f)),
      description: o.description,
      takesValue: o.required || o.optional,
      choices: o.argChoices,
      // Options whose value is a path complete with file names; the others (numbers, URLs) with nothing.
      file: /<(file|dir|page)>/.test(o.flags),
    })),
    subcommands: cmd.commands.map((c) => specOf(c, [...path, c.name()])),
    argChoices: cmd.registeredArguments.flatMap((a) => a.argChoices ?? []),
  };
}

function flatten(s: Spec): Spec[] {
  return [s, ...s.subcommands.flatMap(flatten)];
}

export function completionScript(program: Command, shell: Shell): string {
  const root = specOf(program);
  switch (shell) {
    case 'bash':
      return bash(root);
    case 'zsh':
      return zsh(root);
    case 'fish':
      return fish(root);
  }
}

function bash(root: Spec): string {
  const all = flatten(root);
  const key = (s: Spec) => `'${s.path.join(' ')}'`;
  // An empty COMPREPLY falls back to file names (complete -o default), for paths and for the inputs.
  const cases = all
    .map((s) => {
      const valued = s.options
        .filter((o) => o.takesValue)
        .map((o) => `        ${o.flags.join('|')}) ${o.choices ? `COMPREPLY=($(compgen -W '${o.choices.join(' ')}' -- "$cur"))` : 'COMPREPLY=()'}; return ;;`);
      const prev = valued.length ? `      case "$prev" in\n${valued.join('\n')}\n      esac\n` : '';
      return `    ${key(s)})\n${prev}      opts='${s.options.flatMap((o) => o.flags).join(' ')}'\n      subs='${[...s.subcommands.map((c) => c.path.at(-1)), ...s.argChoices].join(' ')}' ;;`;
    })
    .join('\n');
  return `# archivist completion for bash: source <(archivist completion bash)
_archivist_subs() {
  case "$1" in
${all.map((s) => `    ${key(s)}) echo '${s.subcommands.map((c) => c.path.at(-1)).join(' ')}' ;;`).join('\n')}
  esac
}
_archivist() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}" path="" w i opts subs
  # The command path so far: the words before the cursor that name a subcommand of the path before them.
  for ((i = 1; i < COMP_CWORD; i++)); do
    w="\${COMP_WORDS[i]}"
    case " $(_archivist_subs "$path") " in *" $w "*) path="\${path:+$path }$w" ;; esac
  done
  case "$path" in
${cases}
  esac
  if [[ "$cur" == -* ]]; then
    COMPREPLY=($(compgen -W "$opts" -- "$cur"))
  elif [ -n "$subs" ]; then
    COMPREPLY=($(compgen -W "$subs" -- "$cur"))
  else
    COMPREPLY=()
  fi
}
complete -o default -F _archivist archivist
`;
}

/** Text inside a zsh _arguments description: brackets and colons would end it. */
const zq = (s: string) => s.replace(/[[\]:\\']/g, (c) => (c === "'" ? "'\\''" : `\\${c}`));

function zsh(root: Spec): string {
  const fn = (s: Spec): string => {
    const name = ['_archivist', ...s.path].join('_').replace(/-/g, '_');
    const opts = s.options.map((o) => {
      const action = !o.takesValue ? '' : o.choices ? `:value:(${o.choices.join(' ')})` : o.file ? ':file:_files' : ':value: ';
      const flags = o.flags.length > 1 ? `'(${o.flags.join(' ')})'{${o.flags.join(',')}}'` : `'${o.flags[0]}`;
      return `    ${flags}[${zq(o.description)}]${action}'`;
    });
    if (s.subcommands.length > 0) {
      const subs = s.subcommands.map((c) => `      '${c.path.at(-1)}:${zq(c.description)}'`).join('\n');
      return `${name}() {
  local line state
  _arguments -C \\
${[...opts, "    '1: :->cmd'", "    '*:: :->args'"].join(' \\\n')}
  case $state in
    cmd)
      local -a commands
      commands=(
${subs}
      )
      _describe command commands ;;
    args)
      case $line[1] in
${s.subcommands.map((c) => `        ${c.path.at(-1)}) ${['_archivist', ...c.path].join('_').replace(/-/g, '_')} ;;`).join('\n')}
      esac ;;
  esac
}
${s.subcommands.map(fn).join('\n')}`;
    }
    const positional = s.argChoices.length ? `    '1:value:(${s.argChoices.join(' ')})'` : "    '*:file:_files'";
    return `${name}() {
  _arguments \\
${[...opts, positional].join(' \\\n')}
}
`;
  };
  return `#compdef archivist
# archivist completion for zsh: archivist completion zsh > "\${fpath[1]}/_archivist"
${fn(root)}
if [ "$funcstack[1]" = "_archivist" ]; then
  _archivist "$@"
else
  compdef _archivist archivist
fi
`;
}

/** Text inside a fish single-quoted string. */
const fq = (s: string) => s.replace(/[\\']/g, (c) => `\\${c}`);

function fish(root: Spec): string {
  const lines = ['# archivist completion for fish: archivist completion fish > ~/.config/fish/completions/archivist.fish', 'complete -c archivist -f'];
  for (const s of flatten(root)) {
    // The condition: exactly this command path has been typed (fish's helpers test the words seen so far).
    const cond =
      s.path.length === 0
        ? '__fish_use_subcommand'
        : `__fish_seen_subcommand_from ${s.path.at(-1)}${s.subcommands.length ? `; and not __fish_seen_subcommand_from ${s.subcommands.map((c) => c.path.at(-1)).join(' ')}` : ''}`;
    for (const c of s.subcommands) lines.push(`complete -c archivist -n '${cond}' -a ${c.path.at(-1)} -d '${fq(c.description)}'`);
    for (const o of s.options) {
      const short = o.flags.find((f) => /^-[^-]$/.test(f));
      const long = o.flags.find((f) => f.startsWith('--'));
      const parts = [`complete -c archivist -n '${cond}'`];
      if (short) parts.push(`-s ${short.slice(1)}`);
      if (long) parts.push(`-l ${long.slice(2)}`);
      if (o.takesValue) parts.push(o.choices ? `-x -a '${o.choices.join(' ')}'` : o.file ? '-r -F' : '-x');
      parts.push(`-d '${fq(o.description)}'`);
      lines.push(parts.join(' '));
    }
    if (s.argChoices.length) lines.push(`complete -c archivist -n '${cond}' -a '${s.argChoices.join(' ')}'`);
    else if (s.path.length > 0 && s.subcommands.length === 0) lines.push(`complete -c archivist -n '${cond}' -F`);
  }
  return `${lines.join('\n')}\n`;
}
