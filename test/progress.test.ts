import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli.js';
import { Progress } from '../src/progress.js';
import { article } from './support/site.js';
import { fakeIO } from './support/io.js';
import { tempDir } from './support/tmp.js';

const run = promisify(execFile);
const BIN = path.resolve('bin/archivist.js');

describe('Progress', () => {
  const terminal = () => {
    let text = '';
    return { out: { write: (s: string) => (text += s), isTTY: true, columns: 80 }, text: () => text };
  };

  it('draws the bar at once, before the first page is done, and fills it as pages finish', () => {
    const t = terminal();
    let now = 0;
    const p = new Progress(t.out, 4, () => now);
    expect(t.text()).toMatch(/^\r\x1b\[K\[-+\] 0\/4, 0\.0\/s, ETA …$/);
    now = 1000;
    p.tick(true);
    p.tick(false);
    expect(p.line()).toMatch(/^\[#+-+\] 2\/4, 1 failed, 2\.0\/s, ETA 1s$/);
    const [filled, empty] = /\[(#+)(-+)\]/.exec(p.line())!.slice(1);
    expect(filled!.length).toBe(empty!.length);
    p.done();
    expect(t.text().endsWith('\n')).toBe(true);
    expect(
      Math.max(
        ...t
          .text()
          .split(/\r\x1b\[K|\n/)
          .map((l) => l.length),
      ),
    ).toBeLessThanOrEqual(80);
  });

  it('writes nothing but the failure lines when stderr is not a terminal', () => {
    let text = '';
    const p = new Progress({ write: (s: string) => (text += s) }, 4);
    p.tick(true);
    p.interrupt('archivist: x: failed [E_INPUT]\n');
    p.done();
    expect(text).toBe('archivist: x: failed [E_INPUT]\n');
  });
});

describe('the bar as a user sees it', () => {
  let saved: string;
  beforeAll(async () => {
    saved = await tempDir('progress');
    await mkdir(path.join(saved, 'pages'));
    for (const n of ['one', 'two', 'three']) await writeFile(path.join(saved, 'pages', `${n}.html`), article(`Story ${n}`));
  });

  it('is drawn on a terminal (a pseudo-terminal made by script)', async () => {
    const out = path.join(saved, 'tty-out');
    const cmd = `${process.execPath} ${BIN} archive ${path.join(saved, 'pages')} --out-dir ${out} --workers 1`;
    // script(1) runs the command on a new pseudo-terminal and copies what it shows to stdout.
    const { stdout } = await run('script', ['-qec', cmd, '/dev/null'], { env: { ...process.env, TERM: 'dumb' } });
    expect(stdout).toContain('\r\x1b[K[----');
    expect(stdout).toMatch(/\[#+\] 3\/3/);
    expect(stdout).toMatch(/archived 3, failed 0/);
  }, 90_000);

  it('is absent when stderr is piped', async () => {
    const out = path.join(saved, 'piped-out');
    const { stderr } = await run(process.execPath, [BIN, 'archive', path.join(saved, 'pages'), '--out-dir', out, '--workers', '1']);
    expect(stderr).not.toContain('\r');
    expect(stderr).not.toContain('[#');
    expect(stderr).toMatch(/^archivist: archived 3, failed 0/);
  }, 90_000);
});

describe('stopping and rerunning an archive', () => {
  let server: Server;
  let origin = '';
  let interrupt: (() => void) | null = null;
  beforeAll(async () => {
    server = createServer((q, r) => {
      // The first page's request stands for the user pressing Ctrl-C while it is in flight.
      if (q.url === '/one' && interrupt) interrupt();
      if (q.url === '/gone') return r.writeHead(404, { 'content-type': 'text/html' }).end('gone');
      r.writeHead(200, { 'content-type': 'text/html' }).end(article(`Story ${q.url}`));
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((ok) => server.close(() => ok())));

  it('on Ctrl-C finishes the page in flight, starts no other, says what was done and how to resume', async () => {
    const dir = await tempDir('interrupt');
    const list = path.join(dir, 'urls.txt');
    await writeFile(list, ['/one', '/two', '/three'].map((p) => origin + p).join('\n'));
    const argv = ['archive', list, '--out-dir', path.join(dir, 'out'), '--concurrency', '1', '--workers', '1'];
    const io = {
      ...fakeIO(),
      onInterrupt: (h: () => void) => {
        interrupt = h;
        return () => (interrupt = null);
      },
    };
    expect(await main(argv, io)).toBe(130);
    expect(io.err()).toMatch(/stopping: finishing the pages in flight/);
    expect(io.err()).toMatch(/interrupted: archived 1, failed 0/);
    expect(io.err()).toContain(`to resume, run the same command again: archivist ${argv.join(' ')}\n`);

    const again = fakeIO();
    expect(await main(argv, again)).toBe(0);
    expect(again.err()).toMatch(/archived 2, failed 0, skipped 1 \(done before\)/);
  }, 90_000);

  it('on a rerun, counts the earlier failures among the skipped and names --retry-failed', async () => {
    const dir = await tempDir('rerun');
    const list = path.join(dir, 'urls.txt');
    await writeFile(list, `${origin}/fine\n${origin}/gone\n`);
    const argv = ['archive', list, '--out-dir', path.join(dir, 'out'), '--workers', '1'];
    expect(await main(argv, fakeIO())).toBe(1);
    const again = fakeIO();
    await main(argv, again);
    expect(again.err()).toMatch(/skipped 2 \(done before: 1 archived, 1 failed\)/);
    expect(again.err()).toMatch(/1 failed in an earlier run and were not retried: add --retry-failed to retry them/);
    const retried = fakeIO();
    expect(await main([...argv, '--retry-failed'], retried)).toBe(1);
    expect(retried.err()).toMatch(/archived 0, failed 1, skipped 1 \(done before\)/);
  }, 90_000);
});
