import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArchivistError } from '../src/errors.js';
import { fetchPage, parseRetryAfter, type FetchOptions } from '../src/load/fetch.js';
import { convertPage } from '../src/pipeline.js';

const ARTICLE =
  '<!doctype html><html><head><title>Hello</title></head><body><article><h1>Hello</h1><p>' +
  'A paragraph of article text that is long enough to count as a body. '.repeat(8) +
  '</p></article></body></html>';
// "测试文章" in GBK: the charset is only in the Content-Type header, the markup declares nothing.
const GBK_TITLE = Buffer.from([0xb2, 0xe2, 0xca, 0xd4, 0xce, 0xc4, 0xd5, 0xc2]);

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
const hits = new Map<string, number>();
let flaky = 0;

const routes: Record<string, Handler> = {
  '/ok': (_q, r) => r.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(ARTICLE),
  '/gzip': (_q, r) => r.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' }).end(zlib.gzipSync(ARTICLE)),
  '/br': (_q, r) => r.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'br' }).end(zlib.brotliCompressSync(ARTICLE)),
  '/redirect': (_q, r) => r.writeHead(302, { location: '/redirect2' }).end(),
  '/redirect2': (_q, r) => r.writeHead(301, { location: '/ok' }).end(),
  '/loop': (_q, r) => r.writeHead(302, { location: '/loop2' }).end(),
  '/loop2': (_q, r) => r.writeHead(302, { location: '/loop' }).end(),
  '/to-file': (_q, r) => r.writeHead(302, { location: 'file:///etc/passwd' }).end(),
  '/gbk': (_q, r) => {
    const body = Buffer.concat([
      Buffer.from('<html><head><title>'),
      GBK_TITLE,
      Buffer.from('</title></head><body><h1>'),
      GBK_TITLE,
      Buffer.from('</h1><p>'),
      GBK_TITLE,
      GBK_TITLE,
      Buffer.from('</p></body></html>'),
    ]);
    r.writeHead(200, { 'content-type': 'text/html; charset=gbk' }).end(body);
  },
  '/missing': (_q, r) => r.writeHead(404, { 'content-type': 'text/html' }).end('not here'),
  '/flaky': (_q, r) => {
    flaky++;
    if (flaky === 1) r.writeHead(500, { 'content-type': 'text/html' }).end('oops');
    else r.writeHead(200, { 'content-type': 'text/html' }).end(ARTICLE);
  },
  '/busy': (_q, r) => r.writeHead(503, { 'retry-after': '1' }).end(),
  '/pdf': (_q, r) => r.writeHead(200, { 'content-type': 'application/pdf' }).end('%PDF-1.4'),
  '/png-as-html': (_q, r) => r.writeHead(200, { 'content-type': 'text/html' }).end(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0])),
  '/big': (_q, r) => r.writeHead(200, { 'content-type': 'text/html' }).end('x'.repeat(64 * 1024)),
  '/bomb': (_q, r) => r.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' }).end(zlib.gzipSync(Buffer.alloc(4 * 1024 * 1024, 0x20))),
  '/slow-body': (_q, r) => {
    r.writeHead(200, { 'content-type': 'text/html' });
    r.write('<html><body>');
    const timer = setInterval(() => r.write('x'), 100);
    r.on('close', () => clearInterval(timer));
  },
  '/ua': (q, r) => r.writeHead(200, { 'content-type': 'text/html' }).end(`<p>${q.headers['user-agent']}</p>`),
};

let server: Server;
let base: string;
beforeAll(async () => {
  server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    (routes[path] ?? ((_q, r) => r.writeHead(404).end()))(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

const noSleep: FetchOptions = { sleep: async () => undefined, now: () => new Date('2026-01-02T03:04:05Z') };
const get = (path: string, o: FetchOptions = {}) => fetchPage(new URL(path, base), { ...noSleep, ...o });

async function failure(p: Promise<unknown>): Promise<ArchivistError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(ArchivistError);
    return err as ArchivistError;
  }
  throw new Error('expected a failure');
}

describe('fetchPage against a local server', () => {
  it('fetches a page and records provenance', async () => {
    const page = await get('/ok');
    expect(page.status).toBe(200);
    expect(page.fetchedAt).toBe('2026-01-02T03:04:05.000Z');
    expect(Buffer.from(page.bytes).toString()).toBe(ARTICLE);
  });

  it('sends a User-Agent naming archivist and its version', async () => {
    const page = await get('/ua');
    expect(Buffer.from(page.bytes).toString()).toMatch(/archivist\/\d+\.\d+\.\d+/);
  });

  it('inflates gzip and brotli bodies', async () => {
    expect(Buffer.from((await get('/gzip')).bytes).toString()).toBe(ARTICLE);
    expect(Buffer.from((await get('/br')).bytes).toString()).toBe(ARTICLE);
  });

  it('follows redirects and keeps the final URL', async () => {
    const page = await get('/redirect');
    expect(page.url?.pathname).toBe('/ok');
    expect(page.requestedUrl?.pathname).toBe('/redirect');
  });

  it('stops a redirect loop, a redirect to file:// and too many redirects', async () => {
    expect((await failure(get('/loop'))).code).toBe('E_REDIRECT');
    expect((await failure(get('/to-file'))).code).toBe('E_REDIRECT');
    expect((await failure(get('/redirect', { maxRedirects: 1 }))).code).toBe('E_REDIRECT');
  });

  it('decodes with the charset given only in the header', async () => {
    const article = convertPage(await get('/gbk'), () => new Date(0));
    expect(article.title).toBe('测试文章');
    expect(article.provenance.charset).toBe('gb18030');
    expect(article.provenance.charsetSource).toBe('header');
  });

  it('reports 404 as E_HTTP_STATUS without retrying', async () => {
    const before = hits.get('/missing') ?? 0;
    const err = await failure(get('/missing'));
    expect(err.code).toBe('E_HTTP_STATUS');
    expect(err.message).toContain('404');
    expect(err.status).toBe(404); // as data too, for the batch manifest
    expect(hits.get('/missing')! - before).toBe(1);
  });

  it('retries a 500 and succeeds on the next attempt', async () => {
    flaky = 0;
    const page = await get('/flaky');
    expect(page.status).toBe(200);
    expect(flaky).toBe(2);
  });

  it('honours Retry-After, then gives up after the retries', async () => {
    const waits: number[] = [];
    const err = await failure(get('/busy', { retries: 2, retryBaseMs: 10, sleep: async (ms) => void waits.push(ms) }));
    expect(err.code).toBe('E_HTTP_STATUS');
    expect(err.status).toBe(503); // the last answer's status survives the retries
    expect(waits).toEqual([1000, 1000]);
  });

  it('keeps the default retries when an option is passed as undefined', async () => {
    const waits: number[] = [];
    await failure(get('/busy', { retries: undefined, sleep: async (ms) => void waits.push(ms) }));
    expect(waits).toHaveLength(3);
  });

  it('refuses non-HTML content types and binary bodies labelled text/html', async () => {
    expect((await failure(get('/pdf'))).code).toBe('E_NOT_HTML');
    expect((await failure(get('/png-as-html'))).code).toBe('E_NOT_HTML');
  });

  it('caps the body size, also after decompression', async () => {
    expect((await failure(get('/big', { maxBytes: 1024 }))).code).toBe('E_TOO_LARGE');
    expect((await failure(get('/bomb', { maxBytes: 1024 * 1024 }))).code).toBe('E_TOO_LARGE');
  });

  it('times out a body that trickles in', async () => {
    const err = await failure(get('/slow-body', { totalTimeoutMs: 400, retries: 0 }));
    expect(err.code).toBe('E_TIMEOUT');
  });

  it('reports a refused connection as E_NETWORK', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const err = await failure(fetchPage(new URL(`http://127.0.0.1:${port}/`), { ...noSleep, retries: 1 }));
    expect(err.code).toBe('E_NETWORK');
  });
});

describe('parseRetryAfter', () => {
  const now = () => new Date('2026-01-01T00:00:00Z');
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('5', now)).toBe(5000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(undefined, now)).toBeNull();
  });
});
