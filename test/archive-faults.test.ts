/**
 * What an archive run must survive without losing or letting in anything: a second run on the
 * same folder, a full disk, symlinks (in the input folder and in the output folder), lists that
 * name local files, and a list given as a pipe.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, symlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCK_FILE } from '../src/batch/lock.js';
import type { ManifestEntry } from '../src/batch/manifest.js';
import { main } from '../src/cli.js';
import { fakeIO } from './support/io.js';
import { article, startSite, type Site } from './support/site.js';
import { tempDir } from './support/tmp.js';

let site: Site;
let dir: string;
beforeAll(async () => {
  site = await startSite();
  dir = await tempDir('faults');
});
afterAll(async () => site.close());

const FAST = ['--workers', '1', '--timeout', '5000'];

async function entries(file: string): Promise<ManifestEntry[]> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as ManifestEntry);
}

async function listOf(name: string, lines: string[]): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, `${lines.join('\n')}\n`);
  return file;
}

describe('one run per output folder', () => {
  it('a second run on a folder in use fails at once with E_OUTPUT; the first run is unharmed', { timeout: 60_000 }, async () => {
    const out = path.join(dir, 'locked');
    const list = await listOf('slow.txt', [`${site.origin}/slow/one`, `${site.origin}/slow/two`]);
    site.latencyMs = 1500;
    try {
      const firstIO = fakeIO();
      const first = main(['archive', list, '--out-dir', out, ...FAST], firstIO);
      // Wait for the first run to hold the folder.
      while (!existsSync(path.join(out, LOCK_FILE))) await new Promise((r) => setTimeout(r, 20));
      const io = fakeIO();
      expect(await main(['archive', list, '--out-dir', out, ...FAST], io)).toBe(2);
      expect(io.err()).toMatch(/in use by another archive run \(pid \d+ on .+\).*\[E_OUTPUT\]/);
      expect(await first, firstIO.err()).toBe(0);
      // The second run fetched nothing: each page was fetched once, by the first.
      expect([site.hits.get('/slow/one'), site.hits.get('/slow/two')]).toEqual([1, 1]);
    } finally {
      site.latencyMs = 0;
    }
    const m = await entries(path.join(out, 'manifest.jsonl'));
    expect(m.map((e) => e.outcome)).toEqual(['archived', 'archived']);
    // Released at the end.
    expect(existsSync(path.join(out, LOCK_FILE))).toBe(false);
  });

  it('a lock left by a killed run (its pid is gone) is stale and taken over', async () => {
    const out = path.join(dir, 'stale');
    await mkdir(out, { recursive: true });
    const dead = spawnSync(process.execPath, ['-e', '']).pid!;
    await writeFile(path.join(out, LOCK_FILE), JSON.stringify({ pid: dead, host: hostname(), startedAt: '2026-01-01T00:00:00Z', token: 'x' }));
    const list = await listOf('one.txt', [`${site.origin}/good/stale`]);
    const io = fakeIO();
    expect(await main(['archive', list, '--out-dir', out, ...FAST], io)).toBe(0);
    expect(io.err()).toMatch(/archived 1/);
  });

  it('a lock held by a live process on another host is respected', async () => {
    const out = path.join(dir, 'remote');
    await mkdir(out, { recursive: true });
    await writeFile(path.join(out, LOCK_FILE), JSON.stringify({ pid: 1, host: 'another-host.example', startedAt: '2026-01-01T00:00:00Z', token: 'x' }));
    const list = await listOf('one-remote.txt', [`${site.origin}/good/remote`]);
    const io = fakeIO();
    expect(await main(['archive', list, '--out-dir', out, ...FAST], io)).toBe(2);
    expect(io.err()).toMatch(/pid 1 on another-host\.example.*E_OUTPUT/);
  });
});

describe('a full disk', () => {
  // /dev/full is a real device whose every write fails with ENOSPC: the kernel's full disk, without root or a mount.
  it.runIf(existsSync('/dev/full'))(
    'a manifest that cannot be appended to stops the run with E_OUTPUT (ENOSPC), fetching no more',
    { timeout: 60_000 },
    async () => {
      const out = path.join(dir, 'full');
      const paths = Array.from({ length: 6 }, (_, i) => `/good/full-${i}`);
      const list = await listOf(
        'full.txt',
        paths.map((p) => `${site.origin}${p}`),
      );
      const io = fakeIO();
      expect(await main(['archive', list, '--out-dir', out, '--manifest', '/dev/full', '--concurrency', '1', ...FAST], io)).toBe(2);
      expect(io.err()).toMatch(/ENOSPC.*\[E_OUTPUT\]/s);
      // It stopped after the first page instead of fetching the whole list.
      expect(paths.filter((p) => site.hits.has(p)).length).toBeLessThanOrEqual(2);
    },
  );

  // A real full file system: a 512 KiB tmpfs, where the system lets this process mount one (root on Linux).
  const canMount = (() => {
    if (process.platform !== 'linux' || process.getuid?.() !== 0) return false;
    const probe = spawnSync('sh', ['-c', 'd=$(mktemp -d) && mount -t tmpfs -o size=64k tmpfs "$d" && umount "$d"; s=$?; rmdir "$d"; exit $s']);
    return probe.status === 0;
  })();
  it.runIf(canMount)(
    'on a file system that fills up: the run stops with E_OUTPUT, and once there is room a rerun archives every page exactly once',
    { timeout: 120_000 },
    async () => {
      const mnt = path.join(dir, 'tmpfs');
      await mkdir(mnt, { recursive: true });
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=512k', 'tmpfs', mnt]);
      try {
        const out = path.join(mnt, 'out');
        // Leave room for a few pages only.
        spawnSync('sh', ['-c', `head -c 470000 /dev/zero > '${mnt}/filler'`]);
        const paths = Array.from({ length: 20 }, (_, i) => `/good/disk-${i}`);
        const list = await listOf(
          'disk.txt',
          paths.map((p) => `${site.origin}${p}`),
        );
        const io = fakeIO();
        expect(await main(['archive', list, '--out-dir', out, '--concurrency', '2', '-f', 'md,json', ...FAST], io)).toBe(2);
        expect(io.err()).toMatch(/stopped: .*ENOSPC.*\[E_OUTPUT\]/s);
        expect(paths.filter((p) => site.hits.has(p)).length).toBeLessThan(paths.length);
        execFileSync('rm', [`${mnt}/filler`]);
        const again = fakeIO();
        expect(await main(['archive', list, '--out-dir', out, '-f', 'md,json', ...FAST], again), again.err()).toBe(0);
        const m = await entries(path.join(out, 'manifest.jsonl'));
        const archived = m.filter((e) => e.outcome === 'archived');
        expect(new Set(archived.map((e) => e.input)).size).toBe(paths.length);
        expect(archived.length).toBe(paths.length);
        // Every line names the files of its own page.
        for (const e of archived) {
          const md = await readFile(path.join(out, e.outputs.find((o) => o.endsWith('.md'))!), 'utf8');
          expect(md).toContain(`Story ${e.input.split('/').pop()}`);
        }
      } finally {
        execFileSync('umount', [mnt]);
      }
    },
  );

  it('a rerun redoes pages that failed to be written (E_OUTPUT) and a truncated last line; other failures stay skipped', async () => {
    const out = path.join(dir, 'rerun');
    await mkdir(out, { recursive: true });
    const failed = (input: string, code: string): ManifestEntry => ({
      input,
      outcome: 'failed',
      finalUrl: null,
      status: null,
      outputs: [],
      title: null,
      published: null,
      sha256: null,
      error: { code: code as 'E_OUTPUT', message: 'x' },
      timings: { fetch: 0, convert: 0, write: 0, total: 0 },
      finishedAt: '2026-01-01T00:00:00Z',
    });
    const [a, b, c] = ['/good/rerun-a', '/good/rerun-b', '/good/rerun-c'].map((p) => `${site.origin}${p}`) as [string, string, string];
    const lines = [JSON.stringify(failed(a, 'E_OUTPUT')), JSON.stringify(failed(b, 'E_HTTP_STATUS')), JSON.stringify(failed(c, 'E_NO_CONTENT')).slice(0, 40)];
    await writeFile(path.join(out, 'manifest.jsonl'), lines.join('\n'));
    const list = await listOf('rerun.txt', [a, b, c]);
    const io = fakeIO();
    expect(await main(['archive', list, '--out-dir', out, ...FAST], io)).toBe(0);
    expect(io.err()).toMatch(/archived 2/);
    expect(site.hits.get('/good/rerun-a')).toBe(1);
    expect(site.hits.get('/good/rerun-b')).toBeUndefined();
    expect(site.hits.get('/good/rerun-c')).toBe(1);
  });
});

describe('symlinks', () => {
  it('page files that are symlinks in an input folder are archived; a broken one is reported', async () => {
    const input = path.join(dir, 'linked-in');
    const elsewhere = path.join(dir, 'elsewhere');
    await mkdir(input, { recursive: true });
    await mkdir(elsewhere, { recursive: true });
    await writeFile(path.join(input, 'real.html'), article('A real file'));
    await writeFile(path.join(elsewhere, 'target.html'), article('A linked file'));
    await symlink(path.join(elsewhere, 'target.html'), path.join(input, 'linked.html'));
    await symlink(path.join(elsewhere, 'missing.html'), path.join(input, 'broken.html'));
    const out = path.join(dir, 'linked-out');
    const io = fakeIO();
    expect(await main(['archive', input, '--out-dir', out, ...FAST], io)).toBe(1);
    const m = await entries(path.join(out, 'manifest.jsonl'));
    expect(Object.fromEntries(m.map((e) => [e.input, e.error?.code ?? e.outcome]))).toEqual({
      'broken.html': 'E_INPUT',
      'linked.html': 'archived',
      'real.html': 'archived',
    });
  });

  it('a manifest.jsonl in the out-dir that is a symlink is not followed (E_OUTPUT); its target is untouched', async () => {
    const out = path.join(dir, 'link-manifest');
    await mkdir(out, { recursive: true });
    const outside = path.join(dir, 'outside.txt');
    await writeFile(outside, 'precious\n');
    await symlink(outside, path.join(out, 'manifest.jsonl'));
    const list = await listOf('link-m.txt', [`${site.origin}/good/linkm`]);
    const io = fakeIO();
    expect(await main(['archive', list, '--out-dir', out, ...FAST], io)).toBe(2);
    expect(io.err()).toMatch(/symbolic link.*\[E_OUTPUT\]/);
    expect(await readFile(outside, 'utf8')).toBe('precious\n');
    expect(site.hits.has('/good/linkm')).toBe(false);
  });

  it('an assets/ in the out-dir that is a symlink is not followed (E_OUTPUT)', async () => {
    const out = path.join(dir, 'link-assets');
    const outside = path.join(dir, 'outside-assets');
    await mkdir(out, { recursive: true });
    await mkdir(outside, { recursive: true });
    await symlink(outside, path.join(out, 'assets'));
    const list = await listOf('link-a.txt', [`${site.origin}/pic/linka`]);
    const io = fakeIO();
    expect(await main(['archive', list, '--out-dir', out, '--assets', ...FAST], io)).toBe(2);
    expect(io.err()).toMatch(/assets is a symbolic link.*\[E_OUTPUT\]/);
    expect(await readdir(outside)).toEqual([]);
  });
});

describe('lists that name local files', () => {
  let secret: string;
  let list: string;
  beforeAll(async () => {
    const secrets = path.join(dir, 'secrets');
    await mkdir(secrets, { recursive: true });
    secret = path.join(secrets, 'token.html');
    for (const f of ['token.html', 'token2.html', 'token3.html', 'token4.html']) await writeFile(path.join(secrets, f), article('Secret token 8f2a'));
    const lists = path.join(dir, 'lists');
    await mkdir(lists, { recursive: true });
    list = path.join(lists, 'mixed.txt');
    await writeFile(
      list,
      [
        secret,
        '../secrets/token2.html',
        JSON.stringify({ path: path.join(path.dirname(secret), 'token3.html'), name: 'p' }),
        JSON.stringify({ url: `${site.origin}/x`, path: '../secrets/token4.html' }),
        `${site.origin}/good/listed`,
      ].join('\n'),
    );
  });

  for (const flag of ['--no-local-files', '--block-private-addresses']) {
    it(`${flag}: every path in the list fails with E_BLOCKED and nothing of it is written`, async () => {
      const out = path.join(dir, `local-${flag}`);
      const io = fakeIO();
      expect(await main(['archive', list, '--out-dir', out, flag, ...FAST], io)).toBe(1);
      const m = await entries(path.join(out, 'manifest.jsonl'));
      const codes = m.map((e) => e.error?.code ?? e.outcome);
      expect(codes.slice(0, 4)).toEqual(['E_BLOCKED', 'E_BLOCKED', 'E_BLOCKED', 'E_BLOCKED']);
      // The URL is fetched as usual (or refused as private, with the address guard).
      expect(codes[4]).toBe(flag === '--no-local-files' ? 'archived' : 'E_BLOCKED');
      for (const f of await readdir(out)) expect(await readFile(path.join(out, f), 'utf8')).not.toContain('8f2a');
    });
  }

  it('without either flag, the list’s paths are archived as before', async () => {
    const out = path.join(dir, 'local-allowed');
    expect(await main(['archive', list, '--out-dir', out, ...FAST], fakeIO())).toBe(0);
  });
});

describe('a list given as a pipe', () => {
  it.runIf(process.platform !== 'win32')('archive <(cat list) reads the pipe once, as a list', { timeout: 30_000 }, async () => {
    const fifo = path.join(dir, 'list.fifo');
    execFileSync('mkfifo', [fifo]);
    const writer = spawn('sh', ['-c', `printf '%s\\n' '${site.origin}/good/piped' > '${fifo}'`]);
    const written = new Promise((r) => writer.on('close', r));
    const out = path.join(dir, 'piped');
    const io = fakeIO();
    // A TTY stderr asks for the total up front: the pipe must not be read for it.
    io.stderr.isTTY = true;
    expect(await main(['archive', fifo, '--out-dir', out, ...FAST], io)).toBe(0);
    expect(io.err()).toMatch(/archived 1/);
    await written;
  });
});

describe('a reader that leaves early', () => {
  it('closing stderr (| grep -m1 E_) neither stops the batch nor hides its failures in the exit code', { timeout: 120_000 }, async () => {
    const input = path.join(dir, 'epipe-in');
    await mkdir(input, { recursive: true });
    // Every other page fails and writes its line to stderr; the reader leaves after the first.
    for (let i = 0; i < 6; i++) {
      await writeFile(path.join(input, `${i}-a-empty.html`), '<html><body><nav>menu</nav></body></html>');
      await writeFile(path.join(input, `${i}-b-good.html`), article(`Piped ${i}`));
    }
    const out = path.join(dir, 'epipe-out');
    const bin = path.resolve('bin/archivist.js');
    expect(existsSync(path.resolve('dist/cli.bundle.cjs'))).toBe(true);
    const child = spawn(process.execPath, [bin, 'archive', input, '--out-dir', out, '--workers', '1', '--concurrency', '1'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child.stderr.once('data', () => child.stderr.destroy());
    const code = await new Promise<number | null>((ok) => child.on('close', ok));
    const m = await entries(path.join(out, 'manifest.jsonl'));
    expect(m).toHaveLength(12);
    expect(m.filter((e) => e.outcome === 'archived')).toHaveLength(6);
    expect(code).toBe(1);
  });
});
