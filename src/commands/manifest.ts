/** `archivist manifest merge`: one manifest from many (one per shard), to a file or stdout. */
import type { Command } from 'commander';
import { mergeManifests } from '../batch/manifest.js';
import { writeAtomic } from '../output.js';
import { examples } from './args.js';
import type { CliIO, CommandContext, Outcome } from './io.js';

export interface ManifestMergeOptions {
  output?: string;
}

export function registerManifest(program: Command, { io, run }: CommandContext): Command {
  const manifest = program
    .command('manifest')
    .description('work with archive manifests')
    .addHelpText('after', examples([['archivist manifest merge shard-*/manifest.jsonl -o all.jsonl', 'one manifest from the shards']]));
  manifest
    .command('merge')
    .description('join manifests (e.g. one per shard) into one: per input, the latest archived line wins, else the latest failure')
    .argument('<manifests...>', 'manifest.jsonl files')
    .option('-o, --output <file>', 'write the merged manifest here (output paths are made relative to it); default stdout')
    .addHelpText(
      'after',
      examples([
        ['archivist manifest merge a/manifest.jsonl b/manifest.jsonl -o all.jsonl', 'two shards into one'],
        ['archivist manifest merge shard-*/manifest.jsonl | grep failed', 'the failures of every shard'],
      ]),
    )
    .action((files: string[], opts: ManifestMergeOptions) => run(runManifestMerge(files, opts, io)));
  return manifest;
}

export async function runManifestMerge(files: string[], opts: ManifestMergeOptions, io: CliIO): Promise<Outcome> {
  const merged = await mergeManifests(files, opts.output ?? null);
  if (opts.output) await writeAtomic(opts.output, merged.text);
  else io.stdout.write(merged.text);
  io.stderr.write(
    `archivist: merged ${files.length} manifests: ${merged.inputs} inputs, ${merged.archived} archived, ${merged.inputs - merged.archived} failed\n`,
  );
  return 'ok';
}
