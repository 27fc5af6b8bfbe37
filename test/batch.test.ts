import { writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseLine } from '../src/batch/input.js';
import { ManifestWriter, loadResumeState, type ManifestEntry } from '../src/batch/manifest.js';
import { renderName, slugify, validateTemplate } from '../src/batch/naming.js';
import { HostLimiter } from '../src/batch/politeness.js';
import { ConvertPool, workerEntry } from '../src/batch/pool.js';
import { MAX_CRAWL_DELAY_MS, RobotsCache, fetchRobots } from '../src/batch/robots.js';
import { sharedGuardedDispatcher } from '../src/load/fetch.js';
import { parseShard, shardOf } from '../src/batch/shard.js';
import { NameAllocator } from '../src/output.js';
import { tempDir } from './support/tmp.js';

describe('list lines', () => {
  it('reads URLs, paths relative to the list, comments and JSONL', () => {
    expect(parseLine('  # note', 1, '/lists')).toBeNull();
    expect(parseLine('', 2, '/lists')).toBeNull();
    expect(parseLine('https://a.example/x#frag  # why', 3, '/lists')).toMatchObject({ input: 'https://a.example/x#frag', source: { kind: 'url' } });
    expect(parseLine('saved/p.html', 4, '/lists')).toMatchObject({ input: 'saved/p.html', source: { kind: 'file', path: '/lists/saved/p.html' } });
    expect(parseLine('{"url": "https://a.example/y", "name": "mine"}', 5, '/l')).toMatchObject({ input: 'https://a.example/y', name: 'mine' });
    const withUrl = parseLine('{"path": "p.html", "url": "https://a.example/p"}', 6, '/l');
    expect(withUrl).toMatchObject({ input: 'p.html', source: { kind: 'file', path: '/l/p.html' } });
    expect((withUrl!.source as { url?: URL }).url?.href).toBe('https://a.example/p');
    expect(parseLine('{"url": 3}', 7, '/l')?.error?.code).toBe('E_INPUT');
    expect(parseLine('{broken', 8, '/l')?.error?.code).toBe('E_INPUT');
    expect(parseLine('mailto://x', 9, '/l')?.error?.code).toBe('E_INPUT');
  });
});

describe('shards', () => {
  it('split inputs deterministically and roughly evenly, every input in exactly one shard', () => {
    const inputs = Array.from({ length: 4000 }, (_, i) => `https://news.example/${i}`);
    const counts = [0, 0, 0, 0];
    for (const i of inputs) counts[shardOf(i, 4)]!++;
    for (const c of counts) expect(c).toBeGreaterThan(850);
    expect(shardOf('https://news.example/7', 4)).toBe(shardOf('https://news.example/7', 4));
    expect(parseShard('3/8')).toEqual({ index: 3, count: 8 });
    for (const bad of ['8/8', '1/0', 'x', '-1/2']) expect(() => parseShard(bad)).toThrow(/--shard/);
  });
});

describe('names', () => {
  const v = {
    input: 'https://www.news.example/a',
    title: 'Hello, World: the "Big" Day!',
    published: '2026-05-06T07:00:00Z',
    url: 'https://www.news.example/a',
    sha256: 'ab'.repeat(32),
  };
  it('fill templates with date, slug, host, id and sha8', () => {
    expect(renderName('{date}-{slug}', v)).toBe('2026-05-06-hello-world-the-big-day');
    expect(renderName('{host}/{sha8}', v)).toBe('news.example-abababab');
    expect(renderName('{id}', v)).toMatch(/^[0-9a-f]{10}$/);
    expect(renderName('{date}-{slug}', { ...v, title: null, published: null })).toBe('undated-untitled');
  });
  it('keep CJK letters, fold full-width forms, and stay within limits', () => {
    expect(slugify('北京发布：２０２６年 报告')).toBe('北京发布-2026年-报告');
    expect(Array.from(slugify('字'.repeat(500))).length).toBeLessThanOrEqual(60);
    expect(renderName('{slug}', { ...v, title: '../../etc/passwd' })).toBe('etc-passwd');
    expect(renderName('..{slug}', { ...v, title: '' })).toBe('untitled');
    expect(renderName('{slug}', { ...v, title: 'CON' })).toBe('_con');
  });
  it('reject unknown fields', () => {
    expect(() => validateTemplate('{date}-{title}')).toThrow(/unknown field \{title\}/);
  });
  it('give one stem per input across its extensions, suffixing collisions', () => {
    const names = new NameAllocator('/out');
    names.claim('a.json'); // an earlier run's output
    expect(names.allocateStem('a', ['md', 'json'])).toBe('a-2');
    expect(names.allocateStem('b', ['md', 'json'])).toBe('b');
    expect(names.allocateStem('B', ['md'])).toBe('B-2'); // case-insensitive filesystems
  });
});

describe('per-host politeness', () => {
  it('never runs more than the limit at once for one host, and does not hold back other hosts', async () => {
    const limiter = new HostLimiter(2, 0);
    const active = new Map<string, number>();
    const peak = new Map<string, number>();
    const release: (() => void)[] = [];
    const job = (host: string) =>
      limiter.run(host, async () => {
        active.set(host, (active.get(host) ?? 0) + 1);
        peak.set(host, Math.max(peak.get(host) ?? 0, active.get(host)!));
        await new Promise<void>((r) => release.push(r));
        active.set(host, active.get(host)! - 1);
      });
    const all = [...Array.from({ length: 6 }, () => job('a.example')), job('b.example')];
    await new Promise((r) => setImmediate(r));
    expect(active.get('a.example')).toBe(2);
    expect(active.get('b.example')).toBe(1);
    while (release.length) {
      release.shift()!();
      await new Promise((r) => setImmediate(r));
    }
    await Promise.all(all);
    expect(peak.get('a.example')).toBe(2);
  });
  it('spaces the starts of requests to one host by the delay', async () => {
    const slept: number[] = [];
    // Three requests at t=0: the second waits one delay, the third two.
    const limiter = new HostLimiter(
      4,
      1000,
      () => 0,
      async (ms) => {
        slept.push(ms);
      },
    );
    await Promise.all([1, 2, 3].map(() => limiter.run('a.example', async () => undefined)));
    expect(slept).toEqual([1000, 2000]);
  });
  it('spaces them by a per-request minimum (a Crawl-delay) when it is larger than the delay', async () => {
    const slept: number[] = [];
    const limiter = new HostLimiter(
      4,
      100,
      () => 0,
      async (ms) => {
        slept.push(ms);
      },
    );
    await Promise.all([1, 2, 3].map(() => limiter.run('a.example', async () => undefined, 500)));
    // A smaller minimum leaves the configured delay in force.
    await Promise.all([1, 2].map(() => limiter.run('b.example', async () => undefined, 10)));
    expect(slept).toEqual([500, 1000, 100]);
  });
});

describe('convert pool', () => {
  it('stops a worker past the page time limit, reports E_TIMEOUT, and carries on with a fresh one', async () => {
    const pool = new ConvertPool({ size: 1, pageTimeoutMs: 300, worker: { script: new URL('./support/spin-worker.mjs', import.meta.url) } });
    const page = (input: string) => ({ input, bytes: new Uint8Array(), headers: {} });
    try {
      const stuck = pool.convert(page('spin'), new Date(0));
      const next = pool.convert(page('after'), new Date(0));
      await expect(stuck).rejects.toMatchObject({ code: 'E_TIMEOUT' });
      await expect(next).resolves.toMatchObject({ article: { title: 'after' } });
      expect(pool.timeouts).toBe(1);
    } finally {
      await pool.close();
    }
  });

  it('gives up with a clear error when workers die while starting, instead of respawning forever', async () => {
    const pool = new ConvertPool({ size: 1, worker: { script: new URL('./support/broken-worker.mjs', import.meta.url) } });
    try {
      await expect(pool.convert({ input: 'x', bytes: new Uint8Array(), headers: {} }, new Date(0))).rejects.toMatchObject({
        code: 'E_PARSE',
        message: expect.stringContaining('cannot start: boom at load'),
      });
      await expect(pool.convert({ input: 'y', bytes: new Uint8Array(), headers: {} }, new Date(0))).rejects.toThrow(/cannot start/);
    } finally {
      await pool.close();
    }
  });
});

type RobotsAnswers = Record<string, { status: number; text: string } | Error>;

/** A RobotsCache whose robots.txt fetches are answered from a table, counting them. */
function fakeRobots(answers: RobotsAnswers): { robots: RobotsCache; fetches: () => number } {
  let count = 0;
  const robots = new RobotsCache('archivist', async (u) => {
    count++;
    const a = answers[u.href]!;
    if (a instanceof Error) throw a;
    return a;
  });
  return { robots, fetches: () => count };
}

describe('robots.txt', () => {
  it('blocks disallowed paths, allows all on 404, and denies all when unreachable', async () => {
    const answers: RobotsAnswers = {
      'https://a.example/robots.txt': { status: 200, text: 'User-agent: *\nDisallow: /private/\nAllow: /private/open\n' },
      'https://b.example/robots.txt': { status: 404, text: '' },
      'https://c.example/robots.txt': new Error('ECONNRESET'),
    };
    const { robots, fetches } = fakeRobots(answers);
    await expect(robots.check(new URL('https://a.example/news/1'))).resolves.toBeUndefined();
    await expect(robots.check(new URL('https://a.example/private/x'))).rejects.toMatchObject({ code: 'E_BLOCKED' });
    await expect(robots.check(new URL('https://a.example/private/open'))).resolves.toBeUndefined();
    await expect(robots.check(new URL('https://b.example/anything'))).resolves.toBeUndefined();
    await expect(robots.check(new URL('https://c.example/x'))).rejects.toMatchObject({ code: 'E_BLOCKED' });
    expect(fetches()).toBe(3); // once per origin
  });

  it('reads Crawl-delay for our group, in ms, capped so a hostile robots.txt cannot stall a batch', async () => {
    const answers: RobotsAnswers = {
      'https://a.example/robots.txt': { status: 200, text: 'User-agent: *\nCrawl-delay: 5\n\nUser-agent: archivist\nCrawl-delay: 1.5\n' },
      'https://b.example/robots.txt': { status: 200, text: 'User-agent: *\nCrawl-delay: 86400\n' },
      'https://c.example/robots.txt': { status: 200, text: 'User-agent: *\nCrawl-delay: soon\nDisallow: /x\n' },
      'https://d.example/robots.txt': { status: 404, text: '' },
      'https://e.example/robots.txt': new Error('ECONNRESET'),
    };
    const { robots, fetches } = fakeRobots(answers);
    expect(await robots.crawlDelayMs(new URL('https://a.example/news/1'))).toBe(1500);
    expect(await robots.crawlDelayMs(new URL('https://b.example/'))).toBe(MAX_CRAWL_DELAY_MS);
    expect(MAX_CRAWL_DELAY_MS).toBe(30_000);
    expect(await robots.crawlDelayMs(new URL('https://c.example/'))).toBe(0);
    expect(await robots.crawlDelayMs(new URL('https://d.example/'))).toBe(0);
    expect(await robots.crawlDelayMs(new URL('https://e.example/'))).toBe(0);
    // The same fetch serves check() and crawlDelayMs().
    await expect(robots.check(new URL('https://a.example/news/2'))).resolves.toBeUndefined();
    expect(fetches()).toBe(5);
  });
});

describe('manifest as resume log', () => {
  it('survives a half-written last line and lets a later success override a failure', async () => {
    const dir = await tempDir('manifest');
    const file = path.join(dir, 'manifest.jsonl');
    const entry = (input: string, outcome: 'archived' | 'failed', outputs: string[] = []): ManifestEntry => ({
      input,
      outcome,
      finalUrl: null,
      status: null,
      outputs,
      title: null,
      published: null,
      sha256: null,
      error: outcome === 'failed' ? { code: 'E_TIMEOUT', message: 'slow' } : null,
      timings: { fetch: 0, convert: 0, write: 0, total: 0 },
      finishedAt: '2026-11-25T00:00:00.000Z',
    });
    await writeFile(file, `${JSON.stringify(entry('a', 'failed'))}\n${JSON.stringify(entry('b', 'archived', ['b.md']))}\n{"input":"c","outc`);
    const w = await ManifestWriter.open(file);
    await w.append(entry('a', 'archived', ['a.md']));
    await w.close();
    const state = await loadResumeState(file);
    expect([...state.archived].sort()).toEqual(['a', 'b']);
    expect([...state.failed]).toEqual([]);
    expect([...state.claimed].sort()).toEqual(['a.md', 'b.md']);
    expect(state.skippedLines).toBe(1);
  });
});

describe('robots.txt with --block-private-addresses', () => {
  it('never requests a robots.txt on a private address, by IP or by a name that resolves to one', async () => {
    let requests = 0;
    const server = createServer((_q, r) => {
      requests++;
      r.end('User-agent: *\nAllow: /\n');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const guard = sharedGuardedDispatcher();
      for (const host of ['127.0.0.1', 'localhost']) {
        await expect(fetchRobots(new URL(`http://${host}:${port}/robots.txt`), { dispatcher: guard, guarded: true })).rejects.toMatchObject({
          code: 'E_BLOCKED',
          message: expect.stringMatching(/private/),
        });
      }
      const robots = new RobotsCache('archivist', (u) => fetchRobots(u, { dispatcher: guard, guarded: true }));
      await expect(robots.check(new URL(`http://localhost:${port}/news/1`))).rejects.toMatchObject({
        code: 'E_BLOCKED',
        message: expect.stringMatching(/private/),
      });
      expect(requests).toBe(0);
      // Unguarded, the same robots.txt is fetched: the server is there.
      await expect(fetchRobots(new URL(`http://127.0.0.1:${port}/robots.txt`))).resolves.toMatchObject({ status: 200 });
      expect(requests).toBe(1);
    } finally {
      server.close();
    }
  });
});

describe('workerEntry', () => {
  it('finds dist/batch/worker.js from the built module and from the CLI bundle', () => {
    expect(String(workerEntry('file:///pkg/dist/batch/pool.js').script)).toBe('file:///pkg/dist/batch/worker.js');
    expect(String(workerEntry('file:///pkg/dist/cli.bundle.cjs').script)).toBe('file:///pkg/dist/batch/worker.js');
  });
});
