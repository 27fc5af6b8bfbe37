import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli.js';
import type { ManifestEntry } from '../src/batch/manifest.js';
import { article, startSite, type Site } from './support/site.js';
import { fakeIO } from './support/io.js';
import { tempDir } from './support/tmp.js';

async function manifest(dir: string): Promise<ManifestEntry[]> {
  const text = await readFile(path.join(dir, 'manifest.jsonl'), 'utf8');
  return text
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as ManifestEntry);
}

const hitsTotal = (site: Site) => [...site.hits.values()].reduce((a, b) => a + b, 0);

let site: Site;
let dir: string;
beforeAll(async () => {
  site = await startSite();
  dir = await tempDir('archive');
});
afterAll(async () => site.close());

/** Flags that keep test runs short: one worker, a fetch limit the slow page overruns, a size cap the big page overruns. */
const FAST = ['--workers', '1', '--timeout', '1500', '--max-bytes', '200000'];

describe('archivist archive: a mixed list', () => {
  const good = ['/good/alpha', '/good/beta', '/gzip', '/gbk', '/flaky', '/pic/gamma'];
  const bad: Record<string, string> = {
    '/404': 'E_HTTP_STATUS',
    '/loop': 'E_REDIRECT',
    '/slow': 'E_TIMEOUT',
    '/pdf': 'E_NOT_HTML',
    '/big': 'E_TOO_LARGE',
    '/empty': 'E_NO_CONTENT',
    '/private/secret': 'E_BLOCKED',
  };
  let out: string;
  let list: string;
  let warc: string;

  beforeAll(async () => {
    out = path.join(dir, 'mixed');
    warc = path.join(dir, 'raw.warc.gz');
    list = path.join(dir, 'list.txt');
    const lines = [
      '# a comment, then a blank line',
      '',
      ...good.slice(1).map((p) => `${site.origin}${p}`),
      JSON.stringify({ url: `${site.origin}${good[0]}`, name: 'chosen name' }),
      ...Object.keys(bad).map((p) => `${site.origin}${p}   # expected ${bad[p]}`),
      `${site.origin}/good/beta`, // a duplicate line is archived once
      'ftp://example.com/not-supported',
    ];
    await writeFile(list, lines.join('\n'));
  });

  it('archives every good page and records every bad one with its code', async () => {
    const io = fakeIO();
    const code = await main(['archive', list, '--out-dir', out, '-f', 'md,json', '--assets', '--respect-robots', '--warc', warc, ...FAST], io);
    expect(code).toBe(1);
    const entries = await manifest(out);
    const byInput = new Map(entries.map((e) => [e.input, e]));
    expect(entries).toHaveLength(byInput.size); // no input twice
    for (const p of good) {
      const e = byInput.get(`${site.origin}${p}`);
      expect(e, p).toMatchObject({ outcome: 'archived', error: null, status: 200 });
      expect(e!.outputs.filter((o) => o.endsWith('.md') || o.endsWith('.json'))).toHaveLength(2);
      for (const o of e!.outputs) expect((await readFile(path.join(out, o))).length).toBeGreaterThan(0);
    }
    for (const [p, codeWanted] of Object.entries(bad)) {
      expect(byInput.get(`${site.origin}${p}`), p).toMatchObject({ outcome: 'failed', error: { code: codeWanted }, outputs: [] });
    }
    expect(byInput.get('ftp://example.com/not-supported')?.error?.code).toBe('E_INPUT');
    // An HTTP failure records the status the server answered; an input that never got a response has none.
    expect(byInput.get(`${site.origin}/404`)?.status).toBe(404);
    expect(byInput.get('ftp://example.com/not-supported')?.status).toBeNull();

    // Names: the JSONL name wins; otherwise '{date}-{slug}'; CJK titles keep their characters.
    const files = await readdir(out);
    expect(files).toContain('chosen-name.md');
    expect(files).toContain('2026-03-04-story-beta.md');
    const gbk = byInput.get(`${site.origin}/gbk`)!;
    expect(gbk.title).toBe('测试文章');
    expect(gbk.outputs[0]).toBe('undated-测试文章.md');
    expect(await readFile(path.join(out, gbk.outputs[0]!), 'utf8')).toContain('测试文章测试文章');
    expect(site.hits.get('/flaky')).toBe(2); // 500, then retried to 200

    // --assets: the PNG is saved and linked; the SVG is refused and stays remote, with a warning.
    const pic = byInput.get(`${site.origin}/pic/gamma`)!;
    const asset = pic.outputs.find((o) => o.startsWith('assets/'))!;
    expect(asset).toMatch(/^assets\/[0-9a-f]{20}\.png$/);
    const md = await readFile(path.join(out, pic.outputs[0]!), 'utf8');
    expect(md).toContain(`](${asset})`);
    expect(md).toContain(`](${site.origin}/img.svg)`);
    const json = JSON.parse(await readFile(path.join(out, pic.outputs[1]!), 'utf8'));
    expect(json.warnings.join(' ')).toContain('img.svg');
    expect(json.warnings.join(' ')).toMatch(/fake\.png not saved: body is not image\/png data/);
    expect(md).toContain(`](${site.origin}/fake.png)`);
    expect(json.images[0].url).toBe(`${site.origin}/img.png`); // provenance keeps the original address

    expect(io.err()).toContain('archived 6, failed 8');
    expect(io.err()).toMatch(/failures by code: .*E_HTTP_STATUS 1/);
    expect(files.filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('does nothing new on a second run, and retries only the failures with --retry-failed', async () => {
    const before = hitsTotal(site);
    const lines = (await manifest(out)).length;
    const io = fakeIO();
    expect(await main(['archive', list, '--out-dir', out, '-f', 'md,json', '--assets', '--respect-robots', ...FAST], io)).toBe(0);
    expect(hitsTotal(site)).toBe(before);
    expect((await manifest(out)).length).toBe(lines);
    expect(io.err()).toContain('archived 0, failed 0, skipped 15');

    const retry = fakeIO();
    expect(await main(['archive', list, '--out-dir', out, '--retry-failed', '--respect-robots', ...FAST], retry)).toBe(1);
    expect(site.hits.get('/404')).toBe(2);
    expect(site.hits.get('/good/alpha')).toBe(1);
    expect(retry.err()).toContain('archived 0, failed 8');
  });

  it('converts the WARC it wrote back into the same Markdown (round trip)', async () => {
    const out2 = path.join(dir, 'from-warc');
    const io = fakeIO();
    const code = await main(['archive', warc, '--out-dir', out2, '-f', 'md,json', '--assets', '--workers', '1'], io);
    // The empty page was fetched, so it is in the WARC, and fails the same way from there.
    expect(io.err()).toContain('archived 6, failed 1');
    expect(io.err()).toContain('failures by code: E_NO_CONTENT 1');
    expect(code).toBe(1);
    const fromList = (await readdir(out)).filter((f) => f.endsWith('.md') && f !== 'chosen-name.md');
    const fromWarc = (await readdir(out2)).filter((f) => f.endsWith('.md'));
    // The JSONL line's chosen name is not in a WARC: that page comes back under its template name.
    expect(fromWarc.sort()).toEqual([...fromList, '2026-03-04-story-alpha.md'].sort());
    // Markdown and JSON alike: the WARC keeps the target URI, date, status and headers, so even the provenance matches.
    for (const f of fromList.flatMap((m) => [m, m.replace(/\.md$/, '.json')])) {
      expect(await readFile(path.join(out2, f), 'utf8'), f).toBe(await readFile(path.join(out, f), 'utf8'));
    }
    expect(await readFile(path.join(out2, '2026-03-04-story-alpha.md'), 'utf8')).toBe(await readFile(path.join(out, 'chosen-name.md'), 'utf8'));
    const entries = await manifest(out2);
    expect(entries.every((e) => e.input.startsWith(site.origin))).toBe(true);
  });
});

describe('archivist archive: files, shards and merging', () => {
  it('archives file paths relative to the list, splits a list into disjoint shards, and merges their manifests', async () => {
    const base = path.join(dir, 'files');
    await mkdir(path.join(base, 'pages'), { recursive: true });
    const names = Array.from({ length: 6 }, (_, i) => `pages/p${i}.html`);
    for (const [i, n] of names.entries()) await writeFile(path.join(base, n), article(`Saved page ${i}`));
    await writeFile(path.join(base, 'list.txt'), names.join('\n'));
    const outs: string[] = [];
    let tty = '';
    for (const shard of ['0/2', '1/2']) {
      const out = path.join(base, `out-${shard[0]}`);
      outs.push(out);
      const io = fakeIO();
      // The second shard runs "on a terminal": it draws a progress bar on stderr.
      if (shard === '1/2') io.stderr = { write: (s: string) => (tty += s), isTTY: true };
      expect(await main(['archive', path.join(base, 'list.txt'), '--out-dir', out, '--shard', shard, '--workers', '1'], io)).toBe(0);
      if (shard === '0/2') expect(io.err()).not.toContain('\x1b[K');
    }
    expect(tty).toMatch(/\r\x1b\[K\[[#-]+\] \d+\/\d+, \d+\.\d\/s/);
    const shardInputs = await Promise.all(outs.map(async (o) => (await manifest(o)).map((e) => e.input)));
    expect(shardInputs[0]!.filter((i) => shardInputs[1]!.includes(i))).toEqual([]);
    expect([...shardInputs[0]!, ...shardInputs[1]!].sort()).toEqual(names);

    const merged = path.join(base, 'manifest.jsonl');
    const io = fakeIO();
    expect(await main(['manifest', 'merge', '-o', merged, ...outs.map((o) => path.join(o, 'manifest.jsonl'))], io)).toBe(0);
    const missing = fakeIO();
    expect(await main(['manifest', 'merge', path.join(base, 'nope.jsonl')], missing)).toBe(2); // a lost shard is never merged silently
    expect(missing.err()).toContain('cannot read');
    // A shard's folder instead of its manifest, and an output that cannot be written: one line each, exit 2.
    const folder = fakeIO();
    expect(await main(['manifest', 'merge', outs[0]!], folder)).toBe(2);
    expect(folder.err()).toMatch(/^archivist: cannot read .+: a folder, not a manifest .*\n$/);
    const unwritable = fakeIO();
    expect(await main(['manifest', 'merge', '-o', path.join(base, 'list.txt', 'm.jsonl'), path.join(outs[0]!, 'manifest.jsonl')], unwritable)).toBe(2);
    expect(unwritable.err()).toMatch(/^archivist: cannot write .+ \[E_OUTPUT\]\n$/);
    const entries = (await readFile(merged, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as ManifestEntry);
    expect(entries).toHaveLength(6);
    for (const e of entries) {
      expect(e.outputs[0]).toMatch(/^out-[01]\/2026-03-04-saved-page-\d\.md$/);
      expect((await readFile(path.join(base, e.outputs[0]!), 'utf8')).length).toBeGreaterThan(0);
    }
  });

  it('archives a folder: its page files, by their path inside it, not its own output folder', async () => {
    const base = path.join(dir, 'folder');
    await mkdir(path.join(base, 'b', 'c'), { recursive: true });
    await writeFile(path.join(base, 'a.html'), article('Folder page one'));
    await writeFile(path.join(base, 'b', 'c', 'd.htm'), article('Folder page two'));
    await writeFile(path.join(base, 'notes.txt'), 'not a page');
    // The output folder inside the input folder, with --raw copies (.html) written there.
    const out = path.join(base, 'out');
    const run = async () => {
      const io = fakeIO();
      const code = await main(['archive', base, '--out-dir', out, '--raw', '--workers', '1'], io);
      return { code, err: io.err() };
    };
    expect((await run()).code).toBe(0);
    // Sorted: the manifest is in the order pages finish, which concurrency may change.
    const entries = (await manifest(out)).sort((a, b) => a.input.localeCompare(b.input));
    expect(entries.map((e) => [e.input, e.outcome])).toEqual([
      ['a.html', 'archived'],
      ['b/c/d.htm', 'archived'],
    ]);
    // A second run finds nothing new: its own raw copies are not inputs, and the keys match.
    const again = await run();
    expect(again.code).toBe(0);
    expect(again.err).toMatch(/archived 0, failed 0, skipped 2/);
    expect((await manifest(out)).length).toBe(2);
  });

  it('applies user site rules (--rules) in the workers, and refuses a bad rules file', async () => {
    const base = path.join(dir, 'rules');
    await mkdir(base, { recursive: true });
    await writeFile(path.join(base, 'list.txt'), `${site.origin}/good/zeta\n`);
    await writeFile(path.join(base, 'rules.json'), JSON.stringify([{ name: 'gazette', hosts: ['127.0.0.1'], title: 'footer' }]));
    const io = fakeIO();
    expect(
      await main(['archive', path.join(base, 'list.txt'), '--out-dir', path.join(base, 'out'), '--rules', path.join(base, 'rules.json'), '--workers', '1'], io),
    ).toBe(0);
    expect((await manifest(path.join(base, 'out')))[0]?.title).toBe('Copyright Test Gazette');
    await writeFile(path.join(base, 'bad.json'), '[{"name": "x"}]');
    const bad = fakeIO();
    expect(await main(['archive', path.join(base, 'list.txt'), '--out-dir', path.join(base, 'out2'), '--rules', path.join(base, 'bad.json')], bad)).toBe(2);
    expect(bad.err()).toContain('[E_RULES]');
  });

  it('refuses a bad template, shard or format before doing anything', async () => {
    const io = fakeIO();
    expect(await main(['archive', 'x.txt', '--out-dir', path.join(dir, 'never'), '--name', '{title}'], io)).toBe(2);
    expect(io.err()).toContain('unknown field {title}');
    expect(await main(['archive', 'x.txt', '--out-dir', path.join(dir, 'never'), '--shard', '2/2'], fakeIO())).toBe(2);
    expect(await main(['archive', 'x.txt', '--out-dir', path.join(dir, 'never'), '-f', 'md,pdf'], fakeIO())).toBe(2);
    const missing = fakeIO();
    expect(await main(['archive', path.join(dir, 'no-such-list.txt'), '--out-dir', path.join(dir, 'never')], missing)).toBe(2);
    expect(missing.err()).toContain('cannot read');
    await expect(readdir(path.join(dir, 'never'))).rejects.toThrow(); // nothing created
  });

  it('stops with E_OUTPUT and exit 2, in one line, when the output folder, manifest or WARC cannot be opened', async () => {
    const list = path.join(dir, 'one-line.txt');
    await writeFile(list, 'https://example.org/never-fetched\n');
    const aFile = path.join(dir, 'a-file');
    await writeFile(aFile, 'not a folder');
    for (const extra of [
      ['--out-dir', aFile],
      ['--out-dir', path.join(dir, 'out-ok'), '--warc', path.join(aFile, 'x.warc')],
    ]) {
      const io = fakeIO();
      expect(await main(['archive', list, ...extra], io)).toBe(2);
      expect(io.err()).toMatch(/^archivist: cannot (create the output folder|open the WARC) .+: E\w+ \[E_OUTPUT\]\n$/);
    }
  });
});

describe('archivist archive --respect-robots: Crawl-delay', () => {
  /** Seconds, as robots.txt writes it: short, so the test stays fast. */
  const CRAWL_DELAY_S = 0.25;

  it('spaces the requests to a host by its robots.txt Crawl-delay, though --delay is 0 and 2 may run at once', async () => {
    const starts: number[] = [];
    const server = createServer((q, r) => {
      if (q.url === '/robots.txt') return void r.writeHead(200, { 'content-type': 'text/plain' }).end(`User-agent: *\nCrawl-delay: ${CRAWL_DELAY_S}\n`);
      starts.push(performance.now());
      r.writeHead(200, { 'content-type': 'text/html' }).end(article(`Paced ${q.url!.slice(1)}`));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const base = path.join(dir, 'crawl-delay');
      await mkdir(base, { recursive: true });
      await writeFile(path.join(base, 'list.txt'), ['a', 'b', 'c', 'd'].map((p) => `${origin}/${p}`).join('\n'));
      const io = fakeIO();
      const args = ['archive', path.join(base, 'list.txt'), '--out-dir', path.join(base, 'out'), '-f', 'md', '--workers', '1'];
      expect(await main([...args, '--respect-robots', '--per-host', '2', '--delay', '0'], io)).toBe(0);
      expect(starts).toHaveLength(4);
      // Four starts spaced by the Crawl-delay span three delays at the client. Seen at the server,
      // the first arrives late by its connection setup, so only a generous lower bound is asserted
      // (two delays), which a slow machine can only exceed. Without the Crawl-delay, two requests
      // run at once and the four arrive within a few tens of ms.
      expect(starts[3]! - starts[0]!).toBeGreaterThanOrEqual(2 * CRAWL_DELAY_S * 1000);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
