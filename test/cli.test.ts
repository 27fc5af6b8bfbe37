import { execFile } from 'node:child_process';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli.js';
import { ArticleSchema } from '../src/schema.js';
import { fakeIO } from './support/io.js';
import { tempDir } from './support/tmp.js';

const PARAGRAPH = 'Researchers archive articles from a terminal and want the body without the chrome around it. ';
const page = (title: string) =>
  `<!doctype html><html lang="en"><head><title>${title} | Example Times</title>` +
  `<meta property="og:site_name" content="Example Times"></head><body>` +
  `<nav><a href="/">Home</a> <a href="/world">World</a></nav>` +
  `<article><h1>${title}</h1><p>${PARAGRAPH.repeat(4)}</p><p><a href="/more">${PARAGRAPH}</a></p></article>` +
  `<footer>Copyright 2026 Example Times. All rights reserved.</footer></body></html>`;

let dir: string;
beforeAll(async () => {
  dir = await tempDir('cli');
  await mkdir(path.join(dir, 'saved/sub'), { recursive: true });
  await writeFile(path.join(dir, 'saved/one.html'), page('First story'));
  await writeFile(path.join(dir, 'saved/sub/two.htm'), page('Second story'));
  await writeFile(path.join(dir, 'saved/sub/three.html.gz'), gzipSync(page('Third story')));
  await writeFile(path.join(dir, 'saved/notes.txt'), 'not a page');
  await writeFile(path.join(dir, 'empty.html'), '   \n');
  await writeFile(path.join(dir, 'image.html'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]));
});

describe('archivist convert (in-process)', () => {
  it('writes Markdown with front matter to stdout by default', async () => {
    const io = fakeIO();
    const code = await main(['convert', path.join(dir, 'saved/one.html'), '--url', 'https://news.example.com/2026/a.html'], io);
    expect(io.err()).toBe('');
    expect(code).toBe(0);
    const md = io.out();
    expect(md.startsWith('---\n')).toBe(true);
    expect(md).toContain('title: First story');
    expect(md).toContain('url: https://news.example.com/2026/a.html');
    expect(md).toContain(`[${PARAGRAPH.trim()}](https://news.example.com/more)`);
    expect(md).not.toContain('All rights reserved');
  });

  it('writes schema-valid JSON to --output', async () => {
    const out = path.join(dir, 'one.json');
    const io = fakeIO();
    expect(await main(['convert', path.join(dir, 'saved/one.html'), '-f', 'json', '-o', out], io)).toBe(0);
    const article = ArticleSchema.parse(JSON.parse(await readFile(out, 'utf8')));
    expect(article.title).toBe('First story');
    expect(article.provenance.archivedAt).toBe('2026-11-25T00:00:00.000Z');
    expect(article.provenance.input).toBe(path.join(dir, 'saved/one.html'));
    expect(io.out()).toBe('');
  });

  it('converts a folder recursively into --out-dir, one file per page, named after the input', async () => {
    const outDir = path.join(dir, 'archive');
    const io = fakeIO();
    expect(await main(['convert', path.join(dir, 'saved'), '--out-dir', outDir, '-f', 'md'], io)).toBe(0);
    expect((await readdir(outDir)).sort()).toEqual(['one.md', 'three.md', 'two.md']);
    expect(await readFile(path.join(outDir, 'three.md'), 'utf8')).toContain('title: Third story');
  });

  it('reads stdin with -f text', async () => {
    const io = fakeIO({ stdin: page('From stdin') });
    expect(await main(['convert', '-', '-f', 'text'], io)).toBe(0);
    expect(io.out()).toContain(PARAGRAPH.trim());
    expect(io.out()).not.toContain('---');
  });

  it('reports each failure on one line, converts the rest and exits 1', async () => {
    const outDir = path.join(dir, 'mixed');
    const io = fakeIO();
    const code = await main(
      [
        'convert',
        path.join(dir, 'empty.html'),
        path.join(dir, 'saved/one.html'),
        path.join(dir, 'image.html'),
        path.join(dir, 'nope.html'),
        '--out-dir',
        outDir,
      ],
      io,
    );
    expect(code).toBe(1);
    const lines = io.err().trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^archivist: .*empty\.html: .* \[E_NO_CONTENT\]$/);
    expect(lines[1]).toMatch(/^archivist: .*image\.html: PNG image, not HTML \[E_NOT_HTML\]$/);
    expect(lines[2]).toMatch(/^archivist: .*nope\.html: cannot read: ENOENT \[E_INPUT\]$/);
    expect(await readdir(outDir)).toEqual(['one.md']);
  });

  it('refuses an existing output before converting the page (a rerun into a full folder fails fast)', async () => {
    const outDir = path.join(dir, 'full');
    await mkdir(outDir, { recursive: true });
    await writeFile(path.join(outDir, 'empty.md'), 'kept');
    const io = fakeIO();
    // empty.html would fail with E_NO_CONTENT if it were converted; the existing output is found first.
    expect(await main(['convert', path.join(dir, 'empty.html'), '--out-dir', outDir], io)).toBe(1);
    expect(io.err()).toMatch(/empty\.md exists; use --force to overwrite it \[E_OUTPUT\]\n$/);
    expect(await readFile(path.join(outDir, 'empty.md'), 'utf8')).toBe('kept');
  });

  it('exits 2 on usage errors', async () => {
    for (const argv of [
      ['convert'],
      ['convert', 'a.html', '-f', 'pdf'],
      ['convert', 'a.html', '--url', 'ftp://x/'],
      ['convert', path.join(dir, 'saved'), '-o', 'x.md'],
      ['frobnicate'],
    ]) {
      const io = fakeIO();
      expect(await main(argv, io), argv.join(' ')).toBe(2);
      expect(io.err()).not.toBe('');
    }
  });

  it('prints help with the exit codes', async () => {
    const io = fakeIO();
    expect(await main(['convert', '--help'], io)).toBe(0);
    expect(io.out()).toContain('Exit codes:');
    expect(io.out()).toContain('E_NO_CONTENT');
  });

  it('is deterministic: same input, same bytes', async () => {
    const a = fakeIO();
    const b = fakeIO();
    await main(['convert', path.join(dir, 'saved/one.html'), '-f', 'json'], a);
    await main(['convert', path.join(dir, 'saved/one.html'), '-f', 'json'], b);
    expect(a.out()).toBe(b.out());
  });
});

describe('bin/archivist.js (spawned)', () => {
  const run = promisify(execFile);
  const bin = path.resolve('bin/archivist.js');
  it('converts a page and sets the exit code', async () => {
    const { stdout } = await run(process.execPath, [bin, 'convert', path.join(dir, 'saved/one.html'), '-f', 'json']);
    expect(JSON.parse(stdout).title).toBe('First story');
    const failed = await run(process.execPath, [bin, 'convert', path.join(dir, 'empty.html')]).catch((e: { code: number; stderr: string }) => e);
    expect((failed as { code: number }).code).toBe(1);
    expect((failed as { stderr: string }).stderr).toMatch(/\[E_NO_CONTENT\]\n$/);
  });

  it('answers --version and -V without the CLI, as the CLI would', async () => {
    const io = fakeIO();
    expect(await main(['--version'], io)).toBe(0);
    expect(io.out()).toMatch(/^\d+\.\d+\.\d+/);
    for (const flag of ['--version', '-V']) expect((await run(process.execPath, [bin, flag])).stdout).toBe(io.out());
  });
});

describe('archivist archive started with a process-wide Node flag (spawned)', () => {
  const run = promisify(execFile);
  it('starts its workers without the flags a worker thread refuses', async () => {
    const list = path.join(dir, 'list.txt');
    await writeFile(list, `${path.join(dir, 'saved/one.html')}\n`);
    const outDir = path.join(dir, 'flagged');
    const { stderr } = await run(process.execPath, [
      '--single-threaded-gc',
      path.resolve('bin/archivist.js'),
      'archive',
      list,
      '--out-dir',
      outDir,
      '--workers',
      '1',
    ]);
    expect(stderr).not.toContain('internal error');
    expect((await readdir(outDir)).filter((f) => f.endsWith('.md'))).toHaveLength(1);
  });
});
