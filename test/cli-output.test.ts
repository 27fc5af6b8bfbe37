import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli.js';
import { ArticleSchema } from '../src/schema.js';
import { article } from './support/site.js';
import { fakeIO } from './support/io.js';
import { tempDir } from './support/tmp.js';

let dir: string;
let a: string;
let b: string;
beforeAll(async () => {
  dir = await tempDir('cli-output');
  a = path.join(dir, 'a.html');
  b = path.join(dir, 'b.html');
  await writeFile(a, article('Alpha story'));
  await writeFile(b, article('Beta story'));
  await writeFile(path.join(dir, 'empty.html'), '<html><body></body></html>');
});

const lines = (s: string) => s.trim().split('\n');

describe('several inputs on stdout', () => {
  it('writes one JSON article per line with -f jsonl, in input order, failures on stderr only', async () => {
    const io = fakeIO();
    const code = await main(['convert', b, path.join(dir, 'empty.html'), a, path.join(dir, 'nope.html'), '-f', 'jsonl'], io);
    expect(code).toBe(1);
    const articles = lines(io.out()).map((l) => ArticleSchema.parse(JSON.parse(l)));
    expect(articles.map((x) => x.title)).toEqual(['Beta story', 'Alpha story']);
    expect(lines(io.err())).toEqual([expect.stringMatching(/empty\.html: .*\[E_NO_CONTENT\]$/), expect.stringMatching(/nope\.html: .*\[E_INPUT\]$/)]);
  });

  it('writes NDJSON for -f json with several inputs, and pretty JSON for one', async () => {
    const many = fakeIO();
    expect(await main(['convert', a, b, '-f', 'json'], many)).toBe(0);
    expect(lines(many.out())).toHaveLength(2);
    const one = fakeIO();
    expect(await main(['convert', a, '-f', 'json'], one)).toBe(0);
    expect(one.out().startsWith('{\n  "schemaVersion"')).toBe(true);
  });

  it('collects the lines into --output', async () => {
    const out = path.join(dir, 'all.jsonl');
    expect(await main(['convert', a, b, '-f', 'jsonl', '-o', out], fakeIO())).toBe(0);
    expect(lines(await readFile(out, 'utf8')).map((l) => JSON.parse(l).title)).toEqual(['Alpha story', 'Beta story']);
  });

  it('still asks for --out-dir (or jsonl) for several Markdown outputs', async () => {
    const io = fakeIO();
    expect(await main(['convert', a, b], io)).toBe(2);
    expect(io.err()).toMatch(/2 inputs need --out-dir, or -f jsonl/);
  });
});

describe('-p/--property', () => {
  it('prints one field per input: text as is, lists as JSON, nested fields by a dotted path', async () => {
    const title = fakeIO();
    expect(await main(['convert', a, b, '-p', 'title'], title)).toBe(0);
    expect(title.out()).toBe('Alpha story\nBeta story\n');
    const published = fakeIO();
    expect(await main(['convert', a, '--property', 'published'], published)).toBe(0);
    expect(published.out()).toBe('2026-03-04T08:00:00Z\n');
    const authors = fakeIO();
    expect(await main(['convert', a, '-p', 'authors'], authors)).toBe(0);
    expect(authors.out()).toBe('[]\n');
    const input = fakeIO();
    expect(await main(['convert', a, '-p', 'provenance.input'], input)).toBe(0);
    expect(input.out()).toBe(`${a}\n`);
  });

  it('refuses a field the output does not have, naming the ones it has', async () => {
    const io = fakeIO();
    expect(await main(['convert', a, '-p', 'headline'], io)).toBe(2);
    expect(io.err()).toMatch(/-p: no field headline; fields: schemaVersion, url, title/);
    expect(await main(['convert', a, '-p', 'provenance.nope'], fakeIO())).toBe(2);
  });
});

it('takes -f markdown as md', async () => {
  const md = fakeIO();
  const markdown = fakeIO();
  await main(['convert', a, '-f', 'md'], md);
  await main(['convert', a, '-f', 'markdown'], markdown);
  expect(markdown.out()).toBe(md.out());
  expect(markdown.out()).toMatch(/^---\ntitle: Alpha story/);
});

describe('help', () => {
  const helps = [[], ['convert'], ['archive'], ['check'], ['manifest'], ['manifest', 'merge'], ['completion']];
  it.each(helps.map((w) => [w.join(' ') || '(no command)', w] as const))(
    'of `archivist %s --help` fits 80 columns and shows examples',
    async (_name, words) => {
      const io = fakeIO();
      expect(await main([...words, '--help'], io)).toBe(0);
      const text = io.out();
      expect(text).toContain('\nExamples:\n  # ');
      const long = text.split('\n').filter((l) => [...l].length > 80);
      expect(long).toEqual([]);
    },
  );
});

describe('archivist completion', () => {
  it('prints a bash script that completes commands, options and option values', async () => {
    const io = fakeIO();
    expect(await main(['completion', 'bash'], io)).toBe(0);
    const script = path.join(dir, 'archivist.bash');
    await writeFile(script, io.out());
    const probe = (words: string) => `COMP_WORDS=(${words}); COMP_CWORD=$(( \${#COMP_WORDS[@]} - 1 )); _archivist; echo "\${COMPREPLY[*]}"`;
    const run = async (words: string) => (await promisify(execFile)('bash', ['-c', `source ${script}; ${probe(words)}`])).stdout.trim();
    expect(await run('archivist ""')).toBe('convert archive check manifest schema completion');
    expect(await run('archivist convert --fo')).toBe('--format --force');
    expect(await run('archivist convert -f ""')).toBe('md markdown json jsonl text');
    expect(await run('archivist archive --si')).toBe('--sitemap --since');
    expect(await run('archivist manifest ""')).toBe('merge');
    expect(await run('archivist completion ""')).toBe('bash zsh fish');
  });

  it('prints zsh and fish scripts made from the same declarations', async () => {
    const zsh = fakeIO();
    expect(await main(['completion', 'zsh'], zsh)).toBe(0);
    expect(zsh.out()).toMatch(/^#compdef archivist\n/);
    expect(zsh.out()).toContain("'--sitemap[instead of a list");
    expect(zsh.out()).toContain(':value:(md markdown json jsonl text)');
    const fish = fakeIO();
    expect(await main(['completion', 'fish'], fish)).toBe(0);
    expect(fish.out()).toContain("complete -c archivist -n '__fish_seen_subcommand_from convert' -s p -l property -x");
    expect(fish.out()).toContain("-n '__fish_use_subcommand' -a archive");
  });

  it('refuses a shell it does not know', async () => {
    const io = fakeIO();
    expect(await main(['completion', 'powershell'], io)).toBe(2);
    expect(io.err()).toMatch(/bash, zsh, fish|"bash", "zsh", "fish"/);
  });
});
