import { spawn } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ManifestEntry } from '../src/batch/manifest.js';
import { startSite, type Site } from './support/site.js';
import { tempDir } from './support/tmp.js';

const BIN = fileURLToPath(new URL('../bin/archivist.js', import.meta.url));
const PAGES = 40;

let site: Site;
let dir: string;
beforeAll(async () => {
  site = await startSite();
  site.latencyMs = 100; // slow enough that the run is still going when it is killed
  dir = await tempDir('kill');
});
afterAll(async () => site.close());

const manifestLines = async (out: string) => (await readFile(path.join(out, 'manifest.jsonl'), 'utf8').catch(() => '')).split('\n').filter((l) => l.trim());

function run(args: string[]) {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, stderr: () => stderr };
}

describe('archivist archive killed with SIGKILL midway', () => {
  it('completes on a rerun with no temporary, partial or duplicate files', async () => {
    const out = path.join(dir, 'out');
    const list = path.join(dir, 'list.txt');
    await writeFile(list, Array.from({ length: PAGES }, (_, i) => `${site.origin}/slow/n${i}`).join('\n'));
    const args = ['archive', list, '--out-dir', out, '-f', 'md,json', '--raw', '--workers', '1', '--concurrency', '4', '--per-host', '4'];

    const first = run(args);
    // Kill once some pages are done and others are in flight.
    for (let i = 0; i < 600 && (await manifestLines(out)).length < 5; i++) await new Promise((r) => setTimeout(r, 50));
    first.child.kill('SIGKILL');
    expect(await first.exited).toBe(null);
    const linesAfterKill = (await manifestLines(out)).length;
    expect(linesAfterKill).toBeGreaterThan(0);
    expect(linesAfterKill).toBeLessThan(PAGES);
    // A leftover temporary file, as a kill during a write leaves one.
    await writeFile(path.join(out, '.2026-03-04-story-n1.md.0123456789ab.tmp'), 'half a page');

    const second = run(args);
    expect(await second.exited, second.stderr()).toBe(0);

    const entries = (await manifestLines(out)).flatMap((l) => {
      try {
        return [JSON.parse(l) as ManifestEntry];
      } catch {
        return []; // the killed run may have left half a line; the rerun starts a new one
      }
    });
    const archived = entries.filter((e) => e.outcome === 'archived');
    expect(new Set(archived.map((e) => e.input)).size).toBe(PAGES);
    expect(archived).toHaveLength(PAGES); // nothing done twice
    const files = (await readdir(out)).filter((f) => f !== 'manifest.jsonl');
    expect(files.filter((f) => f.startsWith('.'))).toEqual([]);
    // Exactly the files the manifest names: three per page, none orphaned, none suffixed -2.
    expect(files.sort()).toEqual(archived.flatMap((e) => e.outputs).sort());
    expect(files).toHaveLength(PAGES * 3);
    expect(files.filter((f) => /-2\.\w+$/.test(f))).toEqual([]);
    for (const e of archived) expect(await readFile(path.join(out, e.outputs[0]!), 'utf8')).toContain(`title: Story ${e.input.split('/').pop()}`);
  });
});
