/**
 * Hostile and broken input: every case in issue 8's list, each with the outcome it must have —
 * a correct result or a clear ArchivistError code, never a crash, a hang or a stack trace.
 */
import { execFile, spawn } from 'node:child_process';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import dns from 'node:dns';
import path from 'node:path';
import { Readable } from 'node:stream';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { Agent } from 'undici';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderName } from '../src/batch/naming.js';
import { slimHtml } from '../src/parse/slim.js';
import { main } from '../src/cli.js';
import { ArchivistError, type ErrorCode } from '../src/errors.js';
import { harden, MAX_ATTRIBUTES, MAX_DEPTH, MAX_TAG_CHARS } from '../src/parse/harden.js';
import { fetchPage, type FetchOptions } from '../src/load/fetch.js';
import { isPublicAddress } from '../src/load/guard.js';
import { NameAllocator, outputStem, safeStem } from '../src/output.js';
import { convert, convertPage } from '../src/pipeline.js';
import { frontMatter } from '../src/render/frontmatter.js';
import { toMarkdown } from '../src/render/markdown.js';
import { ArticleSchema, type Article } from '../src/schema.js';
import { fakeIO } from './support/io.js';
import { tempDir } from './support/tmp.js';

const NOW = () => new Date('2026-11-25T00:00:00Z');
const PARAGRAPH = 'Archivists keep pages that are broken, huge or hostile, and report each one plainly. ';
const ARTICLE = `<!doctype html><html><head><meta charset="utf-8"><title>Plain story</title></head><body><article><h1>Plain story</h1><p>${PARAGRAPH.repeat(5)}</p></article></body></html>`;
const wrap = (inner: string) => `<!doctype html><html><head><title>Story</title></head><body><article><p>${PARAGRAPH.repeat(3)}</p>${inner}</article></body></html>`;

/** Runs one conversion and reduces the outcome to what the table checks: 'ok' (schema-valid) or the error code. */
async function outcome(run: () => Promise<Article> | Article): Promise<{ result: 'ok'; article: Article } | { result: ErrorCode; message: string }> {
  try {
    const article = await run();
    ArticleSchema.parse(article);
    return { result: 'ok', article };
  } catch (err) {
    // Anything but an ArchivistError escaping is a failure of this test: let it through.
    if (!(err instanceof ArchivistError)) throw err;
    return { result: err.code, message: err.message };
  }
}

const fromBytes = (bytes: Uint8Array | string) => () => convertPage({ input: 'case', bytes: typeof bytes === 'string' ? Buffer.from(bytes) : bytes, headers: {} }, NOW);
// Two sentences about the archive in GBK, written out as bytes so the test needs no encoder.
const GBK_DECODED = '档案馆保存网页，记录新闻报道和政府公告，供研究人员长期查阅。这些资料来自各地网站，每一篇都注明来源、作者和发布时间。';
const GBK_TEXT = Buffer.from('b5b5b0b8b9ddb1a3b4e6cdf8d2b3a3acbcc7c2bcd0c2cec5b1a8b5c0bacdd5feb8aeb9abb8e6a3acb9a9d1d0bebfc8cbd4b1b3a4c6dab2e9d4c4a1a3d5e2d0a9d7cac1cfc0b4d7d4b8f7b5d8cdf8d5bea3acc3bfd2bbc6aab6bcd7a2c3f7c0b4d4b4a1a2d7f7d5dfbacdb7a2b2bccab1bce4a1a3', 'hex');
/** A page around raw bytes (wrap() takes text). */
const wrapBytes = (inner: Buffer) => {
  const [head, tail] = wrap('\u0000').split('\u0000') as [string, string];
  return Buffer.concat([Buffer.from(head), inner, Buffer.from(tail)]);
};

let dir: string;
beforeAll(async () => {
  dir = await tempDir('robust');
});

describe('broken and hostile files', () => {
  const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0]);
  const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
  const PDF = Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n', 'latin1');
  const cases: { name: string; file: () => Uint8Array | string; expect: 'ok' | ErrorCode; check?: (a: Article) => void }[] = [
    { name: 'empty file', file: () => '', expect: 'E_NO_CONTENT' },
    { name: 'whitespace-only file', file: () => ' \n\t\r\n   ', expect: 'E_NO_CONTENT' },
    { name: 'PNG named .html', file: () => PNG, expect: 'E_NOT_HTML' },
    { name: 'PDF named .html', file: () => PDF, expect: 'E_NOT_HTML' },
    { name: 'ZIP named .html', file: () => ZIP, expect: 'E_NOT_HTML' },
    {
      name: 'truncated HTML (cut inside a tag)',
      file: () => ARTICLE.slice(0, ARTICLE.indexOf('</p>')) + '<a href="https://exa',
      expect: 'ok',
      check: (a) => expect(a.text).toContain('report each one plainly'),
    },
    {
      name: 'a JSON-LD array of 200,000 items',
      file: () => ARTICLE.replace('<head>', `<head><script type="application/ld+json">[${Array(200_000).fill('{"@type":"Thing"}').join(',')}]</script>`),
      expect: 'ok',
      check: (a) => expect(a.text).toContain('report each one plainly'),
    },
    {
      name: 'a title of 200,000 parts',
      file: () => ARTICLE.replace('<title>Plain story</title>', `<title>${'ab | '.repeat(200_000)}</title>`),
      expect: 'ok',
      check: (a) => expect(a.text).toContain('report each one plainly'),
    },
    { name: 'NUL bytes throughout (binary)', file: () => wrap(`<p>${'Some words\u0000 with a NUL byte. '.repeat(40)}</p>`), expect: 'E_NOT_HTML' },
    {
      name: 'a few NUL bytes in the text',
      file: () => wrap(`<p>${'Some words with a stray NUL byte. '.repeat(10)}\u0000 and more words.\u0000 The end.</p>`),
      expect: 'ok',
      check: (a) => {
        expect(a.text).not.toContain('\u0000');
        expect(a.markdown).not.toContain('\u0000');
      },
    },
    {
      name: 'invalid UTF-8',
      file: () => wrapBytes(Buffer.concat([Buffer.from('<p>Bytes that are not UTF-8: '), Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0xff, 0xfe]), Buffer.from(' and text after them.</p>')])),
      expect: 'ok',
      check: (a) => expect(a.text).toContain('text after them'),
    },
    {
      name: 'meta says UTF-8, bytes are GBK',
      file: () =>
        Buffer.concat([Buffer.from('<html><head><meta charset="utf-8"><title>x</title></head><body><article><p>'), GBK_TEXT, Buffer.from('</p><p>'), GBK_TEXT, Buffer.from('</p></article></body></html>')]),
      expect: 'ok',
      check: (a) => expect(a.text).toContain(GBK_DECODED),
    },
    {
      name: 'meta says GBK, bytes are UTF-8',
      file: () => `<html><head><meta charset="gbk"><title>x</title></head><body><article><p>${GBK_DECODED}</p><p>${GBK_DECODED}</p></article></body></html>`,
      expect: 'ok',
      check: (a) => expect(a.text).toContain(GBK_DECODED),
    },
    {
      name: '100,000 nested <div>s',
      file: () => wrap(`${'<div>'.repeat(100_000)}deep inside${'</div>'.repeat(100_000)}`),
      expect: 'ok',
      check: (a) => expect(a.text).toContain('report each one plainly'),
    },
    {
      name: 'a single 2 MB text node',
      // 10 MB converts too (about a minute on a loaded machine): the test keeps the suite fast with the same shape.
      file: () => wrap(`<p>${'word '.repeat(400_000)}</p>`),
      expect: 'ok',
      check: (a) => expect(a.wordCount).toBeGreaterThanOrEqual(400_000),
    },
    {
      name: 'a million attributes on one tag',
      file: () => wrap(`<div ${Array.from({ length: 1_000_000 }, (_, i) => `a${i}`).join(' ')}>after the attributes</div>`),
      expect: 'ok',
      check: (a) => expect(a.text).toContain('report each one plainly'),
    },
  ];

  for (const c of cases) {
    it(`${c.name} → ${c.expect}`, { timeout: 120_000 }, async () => {
      const file = path.join(dir, `${c.name.replace(/\W+/g, '-')}.html`);
      await writeFile(file, c.file());
      const r = await outcome(() => convert({ kind: 'file', path: file }, { now: NOW }));
      expect(r.result).toBe(c.expect);
      if (r.result === 'ok' && c.check) c.check(r.article);
    });
  }

  it('a 60 MB page → E_TOO_LARGE, without reading it', async () => {
    const file = path.join(dir, 'huge.html');
    await writeFile(file, Buffer.alloc(60 * 1024 * 1024, 'a'));
    expect((await outcome(() => convert({ kind: 'file', path: file }, { now: NOW }))).result).toBe('E_TOO_LARGE');
  });

  it('the same inputs from stdin get the same outcomes', async () => {
    const r = await outcome(() => convert({ kind: 'stdin' }, { stdin: Readable.from([PNG]), now: NOW }));
    expect(r.result).toBe('E_NOT_HTML');
  });
});

describe('harden (pre-parse caps)', () => {
  const depthOf = (html: string) => {
    const a = convertPage({ input: 'x', bytes: Buffer.from(html), headers: {} }, NOW);
    return a;
  };

  // The slimming pass before parsing once used lazy regexes, which search to the end of the input from every opener
  // left unclosed: 200,000 of them made a minute's work. Now every character is looked at a bounded number of times.
  it.each(['<pre>', '<script>', '<style>', '<!--', '<div style="a', '<textarea>', '<p>\n  '])('slims 200,000 unclosed %j at once', (opener) => {
    const html = `${ARTICLE}${opener.repeat(200_000)}`;
    const slim = slimHtml(html);
    expect(slim.startsWith(slimHtml(ARTICLE).slice(0, -20))).toBe(true);
    expect(slim.length).toBeLessThanOrEqual(html.length);
  });

  it('leaves ordinary pages untouched (the very same string)', () => {
    expect(harden(ARTICLE)).toBe(ARTICLE);
    const table = '<table><tr><td><font>a<td><b>b</table><ul><li>one<li>two</ul><p>x<div>y</div><svg><path d="M0"/></svg>';
    expect(harden(table)).toBe(table);
  });

  it(`keeps ${MAX_DEPTH} levels and flattens the rest, keeping their text`, () => {
    const report = { flattened: 0, strippedTags: 0, overBudget: 0 };
    const out = harden(`${'<div>'.repeat(MAX_DEPTH + 10)}text${'</div>'.repeat(MAX_DEPTH + 10)}`, report);
    expect(report.flattened).toBe(10);
    expect(out).toBe(`${'<div>'.repeat(MAX_DEPTH)}text${'</div>'.repeat(MAX_DEPTH)}`);
  });

  it('is not fooled by implied end tags, tables or end tags blocked by a table', () => {
    for (const body of ['<ul><li>x'.repeat(5000), '<table><tr><td>x'.repeat(5000), '<div><table><td><span></div>'.repeat(5000), '<rt>'.repeat(5000), '<dl><dd><section>'.repeat(5000)]) {
      const report = { flattened: 0, strippedTags: 0, overBudget: 0 };
      harden(body, report);
      expect(report.flattened).toBeGreaterThan(0);
    }
  });

  it(`strips the attributes of a tag over ${MAX_TAG_CHARS} characters or ${MAX_ATTRIBUTES} attributes`, () => {
    expect(harden(`<p class="x" data-x="${'y'.repeat(MAX_TAG_CHARS)}">t</p>`)).toBe('<p>t</p>');
    expect(harden(`<img ${'a '.repeat(MAX_ATTRIBUTES + 1)}/>`)).toBe('<img/>');
    expect(harden('<p title="a > b">t</p>')).toBe('<p title="a > b">t</p>');
  });

  it('gives a doctype jsdom would reject a plain name (found by the fuzz test)', () => {
    expect(harden('<!doctype<!doctype html><p>x</p>')).toBe('<!DOCTYPE html><p>x</p>');
    expect(harden('<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0//EN" "x"><p>x</p>')).toBe('<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0//EN" "x"><p>x</p>');
    expect(convertPage({ input: 'x', bytes: Buffer.from(`<!doctype<!doctype html>${ARTICLE}`), headers: {} }, NOW).title).toBe('Plain story');
  });

  it('converts 100,000 unclosed <b> or differently coloured <font> paragraphs without blowing up', { timeout: 120_000 }, () => {
    expect(depthOf(wrap('<b>x'.repeat(100_000))).wordCount).toBeGreaterThan(0);
    expect(depthOf(wrap(Array.from({ length: 300 }, (_, i) => `<p><font color=c${i}>x`).join(''))).wordCount).toBeGreaterThan(0);
  });
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
  '/whoami': (q, r) =>
    r.writeHead(200, { 'content-type': 'text/html' }).end(wrap(`<p>host=${q.headers.host} auth=${q.headers.authorization ?? 'none'}</p>`)),
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
    const tls = createHttpsServer({ key: await readFile(key), cert: await readFile(cert) }, (_q, r) => r.writeHead(200, { 'content-type': 'text/html' }).end(ARTICLE));
    await new Promise<void>((ok) => tls.listen(0, '127.0.0.1', ok));
    try {
      const r = await outcome(() => convert({ kind: 'url', url: new URL(`https://127.0.0.1:${(tls.address() as AddressInfo).port}/`) }, { now: NOW, fetch: quick }));
      expect(r.result).toBe('E_NETWORK');
      if (r.result !== 'ok') expect(r.message).toMatch(/TLS failure.*(self[- ]signed|certificate)/i);
    } finally {
      tls.close();
    }
  });

  it('classifies addresses: only public unicast is allowed', () => {
    for (const a of ['127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254', '100.100.100.200', '0.0.0.0', '::1', '::', 'fe80::1', 'fd00:ec2::254', '::ffff:127.0.0.1', '::ffff:10.0.0.1', '224.0.0.1', 'not-an-ip']) {
      expect(isPublicAddress(a), a).toBe(false);
    }
    for (const a of ['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111', '::ffff:8.8.8.8']) expect(isPublicAddress(a), a).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------
// What is written: names, Markdown, front matter, files.

describe('output names from hostile titles and inputs', () => {
  const WINDOWS_BAD = /[<>:"/\\|?*\u0000-\u001f]|[. ]$|^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i;
  const titles = ['../../etc/passwd', '..\\..\\windows\\system32', 'CON', 'con.txt', 'NUL', 'LPT1', 'x'.repeat(300), '标题'.repeat(150), '😀🎉🔥', '🇨🇳🇺🇸', '...', ' . ', '', 'a/b\\c:d*e?f"g<h>i|j', 'name\u0000with\nnul'];
  for (const title of titles) {
    it(`title ${JSON.stringify(title.length > 40 ? `${title.slice(0, 20)}…(${title.length})` : title)} → a valid name inside the out-dir`, () => {
      const stem = renderName('{slug}', { input: 'https://example.com/a', title, published: null, url: 'https://example.com/a', sha256: null });
      for (const s of [stem, safeStem(title)]) {
        expect(s.length).toBeGreaterThan(0);
        expect(Buffer.byteLength(s)).toBeLessThanOrEqual(200);
        expect(s).not.toMatch(WINDOWS_BAD);
        expect(s).not.toMatch(/^\.+$/);
        const out = '/tmp/out-dir';
        const file = new NameAllocator(out).allocate(s, 'md');
        expect(path.dirname(file)).toBe(path.resolve(out));
      }
    });
  }

  it('input files and URLs with hostile names stay inside the out-dir', () => {
    const stems = [
      outputStem({ kind: 'file', path: '/x/CON.html' }),
      outputStem({ kind: 'file', path: '/x/..html' }),
      outputStem({ kind: 'url', url: new URL('https://example.com/..%2F..%2Fetc%2Fpasswd') }),
      outputStem({ kind: 'url', url: new URL('https://bücher.example/😀') }),
      outputStem({ kind: 'url', url: new URL(`https://example.com/${'a'.repeat(300)}`) }),
    ];
    for (const s of stems) {
      expect(s).not.toMatch(WINDOWS_BAD);
      expect(path.dirname(new NameAllocator('/o').allocate(s, 'md'))).toBe('/o');
    }
  });
});

describe('Markdown carries nothing executable', () => {
  const hostile = [
    '<p>Before <script>alert(1)</script> after</p>',
    '<p><iframe src="https://evil.example/"></iframe><object data="x"></object><embed src="x"></p>',
    '<p><img src="https://img.example/a.png" onerror="alert(1)"> <a href="https://ok.example/" onclick="alert(1)">ok</a></p>',
    '<p><a href="javascript:alert(1)">js</a> <a href=" JaVaScRiPt:alert(1)">js2</a> <a href="vbscript:x">vb</a></p>',
    '<p><a href="data:text/html,<script>alert(1)</script>">data</a> <img src="data:image/svg+xml,<svg onload=alert(1)>"></p>',
    '<p>Text that spells a tag: &lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(1)&gt;</p>',
    '<table><tr><td onclick="x()"><a href="javascript:alert(1)">cell</a><script>alert(2)</script></td></tr></table>',
    '<p><svg onload="alert(1)"><a xlink:href="javascript:alert(1)">svg</a></svg><math><mi href="javascript:alert(1)">m</mi></math></p>',
    '<details open ontoggle="alert(1)"><summary>s</summary>d</details><form action="javascript:x"><button formaction="javascript:y">b</button></form>',
  ];
  it.each(hostile)('%s', (html) => {
    const md = toMarkdown(html);
    // A backslash-escaped '<' is literal text in CommonMark; an unescaped one would be HTML.
    expect(md).not.toMatch(/(^|[^\\])<\s*\/?\s*(script|iframe|object|embed|svg|math|img|a|form|button|details)\b/i);
    expect(md).not.toMatch(/(^|[^\\])<[^>]*\bon[a-z]+\s*=/i);
    expect(md).not.toMatch(/\]\(\s*(javascript|vbscript|data):/i);
    expect(md).not.toMatch(/\(\s*javascript:/i);
  });

  it('a <base> with only xlink:href converts, links resolved against the page (found by the fuzz benchmark)', () => {
    // jsdom's selector engine takes xlink:href for base[href], then throws reading the missing href.
    const html = `<html><head><base xlink:href="https://evil.example/"></head><body><article>${'<p>The council voted on Tuesday to rebuild the old stone bridge over the river, ending a long debate. <a href="/more">More</a></p>'.repeat(5)}</article></body></html>`;
    const a = convertPage({ input: 'x', bytes: Buffer.from(html), url: new URL('https://news.example.org/a/b.html'), headers: {} }, NOW);
    expect(a.markdown).toContain('](https://news.example.org/more)');
  });

  it('with that <base>, the declared lead image is still resolved against the page', () => {
    const html = `<html><head><base xlink:href="https://evil.example/"><meta property="og:image" content="/lead.jpg"></head><body><article>${'<p>The council voted on Tuesday to rebuild the old stone bridge over the river, ending a long debate.</p>'.repeat(5)}</article></body></html>`;
    const a = convertPage({ input: 'x', bytes: Buffer.from(html), url: new URL('https://news.example.org/a/b.html'), headers: {} }, NOW);
    expect(a.images[0]?.url).toBe('https://news.example.org/lead.jpg');
  });

  it('a real <base href> is the base for links, images and the lead image; only the first counts', () => {
    const page = (body: string) => `<html><head><base href="../media/"><base href="https://other.example/"><meta property="og:image" content="lead.jpg"></head><body><article>${'<p>The council voted on Tuesday to rebuild the old stone bridge over the river, ending a long debate. <a href="more.html">More</a></p>'.repeat(5)}${body}</article></body></html>`;
    const convert = (html: string) => convertPage({ input: 'x', bytes: Buffer.from(html), url: new URL('https://news.example.org/a/b.html'), headers: {} }, NOW);
    const withImage = convert(page('<img src="pic.jpg" alt="The bridge">'));
    expect(withImage.markdown).toContain('](https://news.example.org/media/more.html)');
    expect(withImage.images.map((i) => i.url)).toEqual(['https://news.example.org/media/pic.jpg']);
    // With no image in the body, the declared one leads.
    expect(convert(page('')).images.map((i) => i.url)).toEqual(['https://news.example.org/media/lead.jpg']);
  });

  it('MathML with HTML-named children (<math><th>) keeps its text instead of throwing (found by the fuzz benchmark)', () => {
    expect(toMarkdown('<p>a <math><mi>x</mi><th>y</th><tr><td>z</td></tr></math> b</p>')).toBe('a xyz b');
  });

  it('keeps what is safe: https links and images, code verbatim', () => {
    const md = toMarkdown('<p><a href="https://ok.example/">ok</a> <img src="https://img.example/a.png" alt="a"></p><pre><code>&lt;script&gt;</code></pre>');
    expect(md).toContain('[ok](https://ok.example/)');
    expect(md).toContain('![a](https://img.example/a.png)');
    expect(md).toContain('```\n<script>\n```');
  });
});

describe('front matter cannot be injected', () => {
  const base = convertPage({ input: 'x', bytes: Buffer.from(ARTICLE), headers: {} }, NOW);
  const titles = ['x\nevil: true', 'x\n---\nevil: true\n---', "a: b', evil: 'c", '- evil', '{evil: true}', '&anchor *alias !!python/object', '"quoted" \'mixed\'', '#comment', 'x\r\nevil: true', '\u2028evil: true'];
  it.each(titles)('title %j', (title) => {
    const fm = frontMatter({ ...base, title, authors: [title], description: title });
    expect(fm.split('\n').filter((l) => l === '---')).toHaveLength(2);
    const data = parseYaml(fm.slice(4, fm.lastIndexOf('---\n'))) as Record<string, unknown>;
    expect(data.title).toBe(title);
    expect(data.authors).toEqual([title]);
    expect(Object.keys(data)).not.toContain('evil');
  });
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
      expect(await main(['convert', `${base}/ok`, '--retries', '0'], io)).toBe(1);
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
