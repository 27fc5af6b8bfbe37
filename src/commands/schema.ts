/** `archivist schema`: the JSON Schema every JSON output validates against (schema/article.schema.json). */
import type { Command } from 'commander';
import type { CommandContext, Outcome } from './io.js';

export function registerSchema(program: Command, { io, run }: CommandContext): Command {
  return program
    .command('schema')
    .description('print the JSON Schema (draft 2020-12) that every JSON output validates against')
    .action(() =>
      run(
        import('../render/json-schema.js').then(({ articleJsonSchemaText }): Outcome => {
          io.stdout.write(articleJsonSchemaText());
          return 'ok';
        }),
      ),
    );
}
