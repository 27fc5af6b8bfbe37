/** What the CLI writes: no overwrite without --force, no temporary files left, the guard by environment, EPIPE. */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli.js';
import { fakeIO } from './support/io.js';
import { tempDir } from './support/tmp.js';
import { ARTICLE, wrap } from './support/hostile.js';

let dir: string;
beforeAll(async () => {
  dir = await tempDir('robust');
});
describe('files written', () => {
  it('never overwrites an existing file unless --force; leaves no temporary files', async () => {
    const input = path.join(dir, 'page.html');
    await writeFile(input, ARTICLE);
    const out = path.join(dir, 'written', 'page.md');
    expect(await main(['convert', input, '-o', out], fakeIO())).toBe(0);
    await writeFile(out, 'mine');
    const io = fakeIO();
    expect(await main(['convert', input, '-o', out], io)).toBe(1);
    expect(io.err()).toMatch(/exists; use --force.*\[E_OUTPUT\]/);
    expect(await readFile(out, 'utf8')).toBe('mine');
    expect(await main(['convert', input, '-o', out, '--force'], fakeIO())).toBe(0);
    expect(await readFile(out, 'utf8')).toContain('title: Plain story');
    const outDir = path.join(dir, 'written-dir');
    expect(await main(['convert', input, '--out-dir', outDir], fakeIO())).toBe(0);
    expect(await main(['convert', input, '--out-dir', outDir], fakeIO())).toBe(1);
    expect(await main(['convert', input, '--out-dir', outDir, '--force'], fakeIO())).toBe(0);
    expect((await readdir(path.join(dir, 'written'))).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(await readdir(outDir)).toEqual(['page.md']);
  });

  it('ARCHIVIST_BLOCK_PRIVATE_ADDRESSES=1 turns the guard on for the CLI', async () => {
    const io = fakeIO();
    process.env.ARCHIVIST_BLOCK_PRIVATE_ADDRESSES = '1';
    try {
      expect(await main(['convert', 'http://127.0.0.1:9/ok', '--retries', '0'], io)).toBe(1);
    } finally {
      delete process.env.ARCHIVIST_BLOCK_PRIVATE_ADDRESSES;
    }
    expect(io.err()).toContain('[E_BLOCKED]');
  });

  it('a reader that closes the pipe early gets no stack trace (EPIPE)', { timeout: 60_000 }, async () => {
    const input = path.join(dir, 'long.html');
    await writeFile(input, wrap(`<p>${'many words '.repeat(200_000)}</p>`));
    const bin = path.resolve('bin/archivist.js');
    expect(existsSync(path.resolve('dist/cli.js'))).toBe(true);
    const child = spawn(process.execPath, [bin, 'convert', input], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    // Like `| head -c1`: read one chunk, then close the pipe.
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((ok) => child.on('close', ok));
    expect(stderr).not.toMatch(/EPIPE|at .*\(|node:internal/);
    expect(code).toBe(0);
  });
});
