import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli.js';
import type { ManifestEntry } from '../src/batch/manifest.js';
import { article } from './support/site.js';
import { fakeIO } from './support/io.js';
import { tempDir } from './support/tmp.js';

/** A site with a sitemap index (one child plain, one gzipped, one broken), an RSS feed, an Atom feed and robots.txt. */
let server: Server;
let origin = '';
const hits: string[] = [];
beforeAll(async () => {
  server = createServer((q, r) => {
    const p = q.url ?? '/';
    hits.push(p);
    const xml = (body: string) => r.writeHead(200, { 'content-type': 'application/xml' }).end(`<?xml version="1.0" encoding="UTF-8"?>\n${body}`);
    if (p === '/robots.txt') return r.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nDisallow: /private/\n');
    if (p === '/sitemap.xml')
      return xml(
        `<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` +
          `<sitemap><loc>${origin}/news.xml</loc><lastmod>2026-05-01</lastmod></sitemap>` +
          `<sitemap><loc>${origin}/old.xml.gz</loc><lastmod>2026-05-02T10:00:00+00:00</lastmod></sitemap>` +
          `<sitemap><loc>${origin}/missing.xml</loc></sitemap>` +
          `</sitemapindex>`,
      );
    if (p === '/news.xml')
      return xml(
        `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` +
          `<url><loc>${origin}/a/one?x=1&amp;y=2</loc><lastmod>2026-04-30</lastmod></url>` +
          `<url><loc>${origin}/a/two</loc><lastmod>2026-01-05</lastmod></url>` +
          `<url><loc>${origin}/a/three</loc></url>` +
          `<url><loc>${origin}/private/four</loc></url>` +
          `</urlset>`,
      );
    if (p === '/old.xml.gz') {
      const body = `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>${origin}/b/five</loc><lastmod>2025-12-01</lastmod></url></urlset>`;
      return r.writeHead(200, { 'content-type': 'application/x-gzip' }).end(gzipSync(body));
    }
    if (p === '/rss')
      return xml(
        `<rss version="2.0"><channel><title>T</title>` +
          `<item><title>One</title><link>${origin}/a/one?x=1&amp;y=2</link><pubDate>Thu, 30 Apr 2026 08:00:00 GMT</pubDate></item>` +
          `<item><title>Two</title><link>${origin}/a/two</link><pubDate>Mon, 05 Jan 2026 08:00:00 GMT</pubDate></item>` +
          `</channel></rss>`,
      );
    if (p === '/atom')
      return xml(
        `<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>` +
          `<entry><title>Three</title><link rel="self" href="/feeds/3.xml"/><link href="/a/three"/><updated>2026-06-01T00:00:00Z</updated></entry>` +
          `<entry><title>Two</title><link rel="alternate" type="text/html" href="${origin}/a/two"/><published>2026-01-05T00:00:00Z</published></entry>` +
          `</feed>`,
      );
    if (p === '/not-xml') return r.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>hello</body></html>');
    if (p.startsWith('/a/') || p.startsWith('/b/') || p.startsWith('/private/')) {
      return r.writeHead(200, { 'content-type': 'text/html' }).end(article(`Story ${p.split('/')[2]!.split('?')[0]}`));
    }
    r.writeHead(404, { 'content-type': 'text/html' }).end('no');
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((ok) => server.close(() => ok())));

async function manifest(dir: string): Promise<ManifestEntry[]> {
  const text = await readFile(path.join(dir, 'manifest.jsonl'), 'utf8');
  return text
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as ManifestEntry);
}

const FAST = ['--workers', '1', '--timeout', '3000', '--retries', '0'];

describe('archivist archive --sitemap', () => {
  it('follows a sitemap index into plain and gzipped sitemaps, reports an unreadable child, and archives every page', async () => {
    const out = await tempDir('sitemap');
    const io = fakeIO();
    const code = await main(['archive', '--sitemap', `${origin}/sitemap.xml`, '--out-dir', out, '--respect-robots', ...FAST], io);
    const entries = await manifest(out);
    expect(entries.map((e) => e.input).sort()).toEqual(
      [`${origin}/a/one?x=1&y=2`, `${origin}/a/two`, `${origin}/a/three`, `${origin}/private/four`, `${origin}/b/five`].sort(),
    );
    // robots.txt rules the discovered pages as it rules listed ones.
    expect(entries.find((e) => e.input.endsWith('/private/four'))?.error?.code).toBe('E_BLOCKED');
    expect(entries.filter((e) => e.outcome === 'archived')).toHaveLength(4);
    expect(io.err()).toMatch(/sitemap .*\/missing\.xml: .*404.*\[E_HTTP_STATUS\]/);
    expect(code).toBe(1);
  }, 90_000);

  it('keeps entries dated on or after --since (and undated ones), at most --limit of them', async () => {
    const out = await tempDir('sitemap-since');
    const io = fakeIO();
    expect(await main(['archive', '--sitemap', `${origin}/sitemap.xml`, '--since', '2026-02-01', '--out-dir', out, ...FAST], io)).toBe(0);
    // /a/two (January) and /b/five (December, in a child sitemap modified in May) are older.
    expect((await manifest(out)).map((e) => e.input)).toEqual([`${origin}/a/one?x=1&y=2`, `${origin}/a/three`, `${origin}/private/four`]);

    const limited = await tempDir('sitemap-limit');
    expect(await main(['archive', '--sitemap', `${origin}/sitemap.xml`, '--limit', '2', '--out-dir', limited, ...FAST], fakeIO())).toBe(0);
    expect((await manifest(limited)).map((e) => e.input)).toEqual([`${origin}/a/one?x=1&y=2`, `${origin}/a/two`]);
  }, 90_000);

  it('refuses a sitemap on a private address with --block-private-addresses, before fetching it', async () => {
    const out = await tempDir('sitemap-guard');
    const io = fakeIO();
    const before = hits.length;
    const code = await main(['archive', '--sitemap', `${origin}/sitemap.xml`, '--out-dir', out, '--block-private-addresses', ...FAST], io);
    expect(io.err()).toMatch(/private or reserved address.*\[E_BLOCKED\]/);
    expect(code).toBe(1);
    expect(hits.length).toBe(before);
  });

  it('says plainly when the address is not a sitemap', async () => {
    const io = fakeIO();
    expect(await main(['archive', '--sitemap', `${origin}/not-xml`, '--out-dir', await tempDir('sitemap-bad'), ...FAST], io)).toBe(1);
    expect(io.err()).toMatch(/not a sitemap .*\[E_INPUT\]/);
  });

  it('takes one of a list, --sitemap and --feed, and --since only with a sitemap or feed', async () => {
    const io = fakeIO();
    expect(await main(['archive', '--out-dir', await tempDir('none')], io)).toBe(2);
    expect(io.err()).toMatch(/give a list, --sitemap URL or --feed URL/);
    const both = fakeIO();
    expect(await main(['archive', 'list.txt', '--sitemap', `${origin}/sitemap.xml`, '--out-dir', 'x'], both)).toBe(2);
    const since = fakeIO();
    expect(await main(['archive', 'list.txt', '--since', '2026-01-01', '--out-dir', 'x'], since)).toBe(2);
    const badDate = fakeIO();
    expect(await main(['archive', '--feed', `${origin}/rss`, '--since', 'last week', '--out-dir', 'x'], badDate)).toBe(2);
    expect(badDate.err()).toMatch(/expected a date/);
  });
});

describe('archivist archive --feed', () => {
  it('archives the items of an RSS feed, newer than --since', async () => {
    const out = await tempDir('rss');
    expect(await main(['archive', '--feed', `${origin}/rss`, '--since', '2026-03-01', '--out-dir', out, ...FAST], fakeIO())).toBe(0);
    const entries = await manifest(out);
    expect(entries.map((e) => [e.input, e.outcome])).toEqual([[`${origin}/a/one?x=1&y=2`, 'archived']]);
  }, 90_000);

  it("archives an Atom feed's entries by their alternate link, relative ones resolved, and resumes on a rerun", async () => {
    const out = await tempDir('atom');
    expect(await main(['archive', '--feed', `${origin}/atom`, '--out-dir', out, ...FAST], fakeIO())).toBe(0);
    expect((await manifest(out)).map((e) => e.input)).toEqual([`${origin}/a/three`, `${origin}/a/two`]);
    const again = fakeIO();
    expect(await main(['archive', '--feed', `${origin}/atom`, '--out-dir', out, ...FAST], again)).toBe(0);
    expect(again.err()).toMatch(/archived 0, failed 0, skipped 2/);
  }, 90_000);
});
