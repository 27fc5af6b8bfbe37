/** Hostile HTTP servers, on 127.0.0.1: every one gets a clear error code in bounded time. */
import { execFile } from 'node:child_process';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { readFile } from 'node:fs/promises';
import { type AddressInfo, createServer as createNetServer } from 'node:net';
import type dns from 'node:dns';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorCode } from '../src/errors.js';
import type { FetchOptions } from '../src/load/fetch.js';
import { isPublicAddress } from '../src/load/guard.js';
import { convert } from '../src/pipeline.js';
import type { Article } from '../src/schema.js';
import { tempDir } from './support/tmp.js';
import { ARTICLE, NOW, outcome, wrap } from './support/hostile.js';

let dir: string;
beforeAll(async () => {
  dir = await tempDir('robust');
});
// ---------------------------------------------------------------------------------------------
// HTTP: a real server on 127.0.0.1.

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
const routes: Record<string, Handler> = {
  '/ok': (_q, r) => r.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(ARTICLE),
  // 20 KiB of gzip that inflates to 64 MiB.
  '/bomb': (_q, r) => r.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' }).end(BOMB),
  '/trickle': (_q, r) => {
    r.writeHead(200, { 'content-type': 'text/html' });
    r.write('<html><body>');
    const t = setInterval(() => (r.destroyed ? clearInterval(t) : r.write('x')), 100);
    r.on('close', () => clearInterval(t));
  },
  '/loop': (_q, r) => r.writeHead(302, { location: '/loop2' }).end(),
  '/loop2': (_q, r) => r.writeHead(301, { location: '/loop' }).end(),
  '/to-file': (_q, r) => r.writeHead(302, { location: 'file:///etc/passwd' }).end(),
  '/to-js': (_q, r) => r.writeHead(302, { location: 'javascript:alert(1)' }).end(),
  '/to-ftp': (_q, r) => r.writeHead(302, { location: 'ftp://127.0.0.1/x' }).end(),
  '/to-private': (_q, r) => r.writeHead(302, { location: `http://127.0.0.2:${port}/ok` }).end(),
  '/whoami': (q, r) => r.writeHead(200, { 'content-type': 'text/html' }).end(wrap(`<p>host=${q.headers.host} auth=${q.headers.authorization ?? 'none'}</p>`)),
};
let BOMB: Buffer;
let server: Server;
let port = 0;
let base = '';

beforeAll(async () => {
  BOMB = zlib.gzipSync(Buffer.alloc(64 * 1024 * 1024, ' '), { level: 9 });
  server = createHttpServer((q, r) => (routes[new URL(q.url!, 'http://x').pathname] ?? ((_q, res) => res.writeHead(404).end()))(q, r));
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
});
afterAll(() => server?.close());

/** A dispatcher that sends every host name to 127.0.0.1, so IDN and other host names reach the local server. */
const toLocalhost = new Agent({
  connect: {
    lookup: ((_h: string, o: dns.LookupOptions, cb: (e: null, a: string | dns.LookupAddress[], f?: number) => void) =>
      o.all ? cb(null, [{ address: '127.0.0.1', family: 4 }]) : cb(null, '127.0.0.1', 4)) as never,
  },
});

describe('hostile servers', () => {
  const quick: FetchOptions = { retries: 0, totalTimeoutMs: 5_000, bodyTimeoutMs: 1_000, now: NOW };
  const cases: { name: string; url: () => string; options?: FetchOptions; expect: 'ok' | ErrorCode; check?: (a: Article) => void }[] = [
    { name: 'gzip bomb', url: () => `${base}/bomb`, expect: 'E_TOO_LARGE' },
    { name: 'headers, then a byte every 100 ms', url: () => `${base}/trickle`, options: { totalTimeoutMs: 1_500 }, expect: 'E_TIMEOUT' },
    { name: 'redirect loop', url: () => `${base}/loop`, expect: 'E_REDIRECT' },
    { name: 'redirect to file://', url: () => `${base}/to-file`, expect: 'E_REDIRECT' },
    { name: 'redirect to javascript:', url: () => `${base}/to-js`, expect: 'E_REDIRECT' },
    { name: 'redirect to ftp://', url: () => `${base}/to-ftp`, expect: 'E_REDIRECT' },
    {
      name: 'URL with user:password (never sent, never recorded)',
      url: () => `http://alice:s3cret@127.0.0.1:${port}/whoami`,
      expect: 'ok',
      check: (a) => {
        expect(a.text).toContain('auth=none');
        expect(JSON.stringify(a)).not.toContain('s3cret');
        expect(a.url).toBe(`http://127.0.0.1:${port}/whoami`);
      },
    },
    {
      name: 'IDN host (sent and recorded as punycode)',
      url: () => `http://bücher.example:${port}/whoami`,
      options: { dispatcher: toLocalhost },
      expect: 'ok',
      check: (a) => {
        expect(a.text).toContain(`host=xn--bcher-kva.example:${port}`);
        expect(a.url).toBe(`http://xn--bcher-kva.example:${port}/whoami`);
      },
    },
    { name: 'private address with --block-private-addresses', url: () => `${base}/ok`, options: { blockPrivateAddresses: true }, expect: 'E_BLOCKED' },
    {
      name: 'host name resolving to loopback with --block-private-addresses (checked after DNS)',
      url: () => `http://localhost:${port}/ok`,
      options: { blockPrivateAddresses: true },
      expect: 'E_BLOCKED',
    },
    {
      name: 'redirect to a private address with --block-private-addresses (checked on every hop)',
      url: () => `${base}/to-private`,
      // 127.0.0.1 stands in for a public server here; the redirect target 127.0.0.2 must still be refused.
      options: { blockPrivateAddresses: true, allowAddress: (a) => a === '127.0.0.1' },
      expect: 'E_BLOCKED',
    },
    {
      name: 'a public-looking host name that resolves to a private address (DNS rebinding)',
      url: () => `http://localhost:${port}/ok`,
      options: { blockPrivateAddresses: true, allowAddress: (a) => a !== '127.0.0.1' && a !== '::1' },
      expect: 'E_BLOCKED',
    },
  ];
  for (const c of cases) {
    it(`${c.name} → ${c.expect}`, { timeout: 20_000 }, async () => {
      const r = await outcome(() => convert({ kind: 'url', url: new URL(c.url()) }, { now: NOW, fetch: { ...quick, ...c.options } }));
      expect(r.result).toBe(c.expect);
      if (r.result === 'ok' && c.check) c.check(r.article);
    });
  }

  it('an https server with a self-signed certificate → E_NETWORK naming TLS', { timeout: 30_000 }, async () => {
    const run = promisify(execFile);
    const key = path.join(dir, 'key.pem');
    const cert = path.join(dir, 'cert.pem');
    await run('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1']);
    const tls = createHttpsServer({ key: await readFile(key), cert: await readFile(cert) }, (_q, r) =>
      r.writeHead(200, { 'content-type': 'text/html' }).end(ARTICLE),
    );
    await new Promise<void>((ok) => tls.listen(0, '127.0.0.1', ok));
    try {
      const r = await outcome(() =>
        convert({ kind: 'url', url: new URL(`https://127.0.0.1:${(tls.address() as AddressInfo).port}/`) }, { now: NOW, fetch: quick }),
      );
      expect(r.result).toBe('E_NETWORK');
      if (r.result !== 'ok') expect(r.message).toMatch(/TLS failure.*(self[- ]signed|certificate)/i);
    } finally {
      tls.close();
    }
  });

  it('a body longer than its Content-Length → E_NETWORK, not the page cut short; an exact one converts', { timeout: 20_000 }, async () => {
    const page = Buffer.from(ARTICLE, 'utf8');
    // A raw server: node's own refuses to send more than the length it declared.
    const raw = createNetServer((socket) => {
      socket.on('error', () => undefined);
      socket.on('data', (req) => {
        const declared = req.toString('latin1').startsWith('GET /short') ? 40 : page.length;
        socket.write(Buffer.concat([Buffer.from(`HTTP/1.1 200 OK\r\ncontent-type: text/html; charset=utf-8\r\ncontent-length: ${declared}\r\n\r\n`), page]));
      });
    });
    await new Promise<void>((resolve) => raw.listen(0, '127.0.0.1', resolve));
    const at = `http://127.0.0.1:${(raw.address() as AddressInfo).port}`;
    try {
      const short = await outcome(() => convert({ kind: 'url', url: new URL(`${at}/short`) }, { now: NOW, fetch: quick }));
      expect(short.result).toBe('E_NETWORK');
      const exact = await outcome(() => convert({ kind: 'url', url: new URL(`${at}/exact`) }, { now: NOW, fetch: quick }));
      expect(exact.result).toBe('ok');
    } finally {
      raw.close();
    }
  });

  it('a body cut at its Content-Length on a closed connection converts with a warning that says so', { timeout: 20_000 }, async () => {
    const page = Buffer.from(ARTICLE, 'utf8');
    // The server closes the connection after the bytes: undici never reads past the declared length.
    const raw = createNetServer((socket) => {
      socket.on('error', () => undefined);
      socket.on('data', (req) => {
        const declared = req.toString('latin1').startsWith('GET /short') ? Math.floor(page.length / 2) : page.length;
        socket.end(
          Buffer.concat([
            Buffer.from(`HTTP/1.1 200 OK\r\ncontent-type: text/html; charset=utf-8\r\nconnection: close\r\ncontent-length: ${declared}\r\n\r\n`),
            page,
          ]),
        );
      });
    });
    await new Promise<void>((resolve) => raw.listen(0, '127.0.0.1', resolve));
    const at = `http://127.0.0.1:${(raw.address() as AddressInfo).port}`;
    try {
      const short = await outcome(() => convert({ kind: 'url', url: new URL(`${at}/short`) }, { now: NOW, fetch: quick }));
      expect(short.result).toBe('ok');
      if (short.result === 'ok') expect(short.article.warnings.join('\n')).toMatch(/ends before <\/body> or <\/html> at its declared Content-Length/);
      const exact = await outcome(() => convert({ kind: 'url', url: new URL(`${at}/exact`) }, { now: NOW, fetch: quick }));
      expect(exact.result).toBe('ok');
      if (exact.result === 'ok') expect(exact.article.warnings.join('\n')).not.toMatch(/Content-Length/);
    } finally {
      raw.close();
    }
  });

  it('classifies addresses: only public unicast is allowed', () => {
    for (const a of [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '100.100.100.200',
      '0.0.0.0',
      '::1',
      '::',
      'fe80::1',
      'fd00:ec2::254',
      '::ffff:127.0.0.1',
      '::ffff:10.0.0.1',
      '224.0.0.1',
      'not-an-ip',
    ]) {
      expect(isPublicAddress(a), a).toBe(false);
    }
    for (const a of ['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111', '::ffff:8.8.8.8']) expect(isPublicAddress(a), a).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------
// What is written: names, Markdown, front matter, files.
