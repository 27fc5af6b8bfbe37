/**
 * --render through the CLI against the SPA site on 127.0.0.1: convert, archive --render auto with
 * its manifest and WARC, no browser left behind after a run or after kill -9 of archivist, and no
 * playwright-core loaded on the static path. Each run starts its own browser, so they are few.
 */
import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ManifestEntry } from '../src/batch/manifest.js';
import { main } from '../src/cli.js';
import { fakeIO } from './support/io.js';
import { browsers, waitGone } from './support/procs.js';
import { startSpaSite, type SpaSite } from './support/spa-site.js';
import { tempDir } from './support/tmp.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const BIN = path.join(ROOT, 'bin', 'archivist.js');

let site: SpaSite;
let dir: string;
beforeAll(async () => {
  site = await startSpaSite();
  dir = await tempDir('render-cli');
});
afterAll(async () => site?.close());

/** `convert -f md` of one URL, with the page's own address written as PAGE so two pages compare. */
async function convertMd(pathname: string, ...flags: string[]): Promise<{ code: number; md: string; err: string }> {
  const io = fakeIO();
  const url = `${site.loopback}${pathname}`;
  const code = await main(['convert', ...flags, url], io);
  return { code, md: io.out().replaceAll(url, 'PAGE'), err: io.err() };
}

describe('archivist convert --render', () => {
  it('converts the SPA shell to its static twin’s Markdown; without --render it has no article', async () => {
    const twin = await convertMd('/static');
    expect(twin.code).toBe(0);
    const rendered = await convertMd('/spa', '--render');
    expect(rendered.err).toBe('');
    expect(rendered.md).toBe(twin.md);
    const shell = await convertMd('/spa');
    expect(shell.code).toBe(1);
    expect(shell.err).toMatch(/\[E_NO_CONTENT\]/);
    // No browser outlives the command.
    expect(
      await waitGone(
        browsers(process.pid).map((p) => p.pid),
        5_000,
      ),
    ).toEqual([]);
  });
});

describe('no browser', () => {
  it('stops before any input with E_RENDER, exit 2, naming ARCHIVIST_CHROMIUM', async () => {
    const before = site.hits.get('/static') ?? 0;
    const child = spawn(process.execPath, [BIN, 'convert', '--render', `${site.loopback}/static`], {
      env: { ...process.env, ARCHIVIST_CHROMIUM: path.join(dir, 'no-such-chromium') },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    const code = await new Promise((r) => child.once('close', r));
    expect(code).toBe(2);
    expect(err).toMatch(/ARCHIVIST_CHROMIUM=.*no-such-chromium is not an executable file \[E_RENDER\]/);
    expect(site.hits.get('/static') ?? 0).toBe(before);
  });
});

describe('archivist archive --render auto', () => {
  it('renders the shells, not the static article; the manifest says which; the WARC keeps both', async () => {
    const out = path.join(dir, 'auto');
    const list = path.join(dir, 'auto.txt');
    const warc = path.join(dir, 'auto.warc.gz');
    await writeFile(list, ['/static', '/spa', '/xhr', '/redirect'].map((p) => `${site.loopback}${p}`).join('\n'));
    const io = fakeIO();
    const code = await main(['archive', list, '--out-dir', out, '--workers', '1', '--render', 'auto', '--warc', warc], io);
    expect(io.err()).toMatch(/archived 4, failed 0/);
    expect(code).toBe(0);
    const entries = (await readFile(path.join(out, 'manifest.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as ManifestEntry);
    const rendered = Object.fromEntries(entries.map((e) => [new URL(e.input).pathname, e.rendered ?? false]));
    expect(rendered).toEqual({ '/static': false, '/spa': true, '/xhr': true, '/redirect': true });
    expect(entries.every((e) => e.title === 'The night ferry that keeps an island town awake')).toBe(true);
    const redirect = entries.find((e) => e.input.endsWith('/redirect'))!;
    expect(redirect.finalUrl).toBe(`${site.loopback}/spa`);

    // Per rendered page: the static response auto fetched first, the browser's document response, and the DOM as a resource.
    const records = gunzipSync(await readFile(warc))
      .toString('latin1')
      .split('WARC/1.1\r\n')
      .slice(1);
    const kinds = records.map((r) => `${/WARC-Type: (\w+)/.exec(r)?.[1]} ${new URL(/WARC-Target-URI: (\S+)/.exec(r)?.[1] ?? 'x:/').pathname}`).sort();
    expect(kinds.filter((k) => k.startsWith('resource'))).toEqual(['resource /spa', 'resource /spa', 'resource /xhr']);
    // /spa's static response and its document in the browser; /redirect's document in the browser, which ended at /spa.
    expect(kinds.filter((k) => k.startsWith('response /spa'))).toHaveLength(3);
    const dom = records.find((r) => r.includes('WARC-Type: resource') && r.includes('/xhr'))!;
    expect(dom).toContain('Captain Ines Aalto');
    expect(
      await waitGone(
        browsers(process.pid).map((p) => p.pid),
        5_000,
      ),
    ).toEqual([]);
  });
});

describe('the browser and archivist’s own process', () => {
  it('kill -9 of archivist takes its browser with it', async () => {
    const list = path.join(dir, 'forever.txt');
    await writeFile(list, Array.from({ length: 6 }, (_, i) => `${site.loopback}/forever?${i}`).join('\n'));
    const child = spawn(process.execPath, [BIN, 'archive', list, '--out-dir', path.join(dir, 'killed'), '--workers', '1', '--render'], { stdio: 'ignore' });
    const exited = new Promise((r) => child.once('exit', r));
    // Wait for its browser to be rendering (the page polls), then kill archivist without a chance to clean up.
    const polls = site.hits.get('/api/poll') ?? 0;
    while ((site.hits.get('/api/poll') ?? 0) < polls + 3) await new Promise((r) => setTimeout(r, 50));
    const pids = browsers(child.pid!).map((p) => p.pid);
    expect(pids.length).toBeGreaterThan(0);
    child.kill('SIGKILL');
    await exited;
    expect(await waitGone(pids, 10_000)).toEqual([]);
  });

  it('the static path never loads playwright-core; --render does', async () => {
    const report = path.join(ROOT, 'test', 'support', 'report-modules.cjs');
    // Not spawnSync: the site this run renders is served by this very process.
    const run = (args: string[]) =>
      new Promise<string>((resolve) => {
        const child = spawn(process.execPath, ['-r', report, BIN, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
        let err = '';
        child.stderr.on('data', (d) => (err += d));
        child.once('close', () => resolve(err));
      });
    const fixture = path.join(ROOT, 'fixtures', 'en-news--jsonld', 'input.html');
    expect(await run(['convert', fixture])).toContain('playwright-core modules loaded: 0\n');
    expect(await run(['convert', fixture, '--render', 'auto'])).toContain('playwright-core modules loaded: 0\n');
    expect(await run(['convert', `${site.loopback}/static`, '--render'])).toMatch(/playwright-core modules loaded: [1-9]/);
  });
});
