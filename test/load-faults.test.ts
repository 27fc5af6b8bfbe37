/**
 * Inputs that got through, or were refused, wrongly: charset labels that lie, a page with stray
 * bytes, control bytes in comments, hostile HTTP headers, a gzip bomb inside a WARC record,
 * IPv4-compatible IPv6, a worker that waits rather than works, long names, a URL list on stdin.
 */
import { createServer } from 'node:http';
import net from 'node:net';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { Agent } from 'undici';
import { WARCRecord, WARCSerializer } from 'warcio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConvertPool } from '../src/batch/pool.js';
import { main } from '../src/cli.js';
import { decode } from '../src/load/decode.js';
import { fetchPage } from '../src/load/fetch.js';
import { isPublicAddress } from '../src/load/guard.js';
import { readFilePage, readStdinPage } from '../src/load/file.js';
import { safeStem } from '../src/output.js';
import { fakeIO } from './support/io.js';
import { article } from './support/site.js';
import { tempDir } from './support/tmp.js';

let dir: string;
beforeAll(async () => {
  dir = await tempDir('load-faults');
});

const page = (bytes: Uint8Array, headers: Record<string, string> = {}) => ({ input: 'x', bytes, headers });

describe('charset labels and bytes', () => {
  const ascii = Buffer.from(article('Plain ASCII story'));
  it('<meta charset=utf-16> on an ASCII page reads as UTF-8 (the HTML standard’s prescan)', () => {
    const bytes = Buffer.from(article('Plain ASCII story').replace('<head>', '<head><meta charset="utf-16">'));
    const d = decode(page(bytes));
    expect(d.charset).toBe('utf-8');
    expect(d.text).toContain('Plain ASCII story');
  });

  it('Content-Type charset=utf-16 on bytes that are not UTF-16 reads as UTF-8', () => {
    for (const label of ['utf-16', 'UTF-16LE', 'utf-16be']) {
      const d = decode(page(ascii, { 'content-type': `text/html; charset=${label}` }));
      expect(d.charset, label).toBe('utf-8');
      expect(d.text).toContain('Plain ASCII story');
    }
  });

  it('a real UTF-16 page labelled by HTTP (no BOM) still reads as UTF-16', () => {
    const text = article('Wide story é');
    for (const [label, bytes] of [
      ['utf-16le', Buffer.from(text, 'utf16le')],
      ['utf-16be', Buffer.from(text, 'utf16le').swap16()],
    ] as const) {
      const d = decode(page(bytes, { 'content-type': 'text/html; charset=utf-16' }));
      expect(d.charset, label).toBe(label);
      expect(d.text).toContain('Wide story é');
    }
  });

  it('a page declared UTF-8 with a few stray bytes reads as UTF-8, losing only those bytes', () => {
    const good = 'München, Zürich, Genève und Köln: Städte, über die berichtet wird. '.repeat(6);
    const bytes = Buffer.concat([
      Buffer.from(`<html><head><meta charset="utf-8"><title>Städte</title></head><body><p>${good}</p><p>Preis: 5`),
      Buffer.from([0xa0, 0x80]), // a stray NBSP and euro sign from a windows-1252 paste
      Buffer.from(` Euro.</p><p>${good}</p></body></html>`),
    ]);
    const d = decode(page(bytes));
    expect(d.charset).toBe('utf-8');
    expect(d.text).toContain('München');
    expect(d.text).not.toContain('Ã¼');
    expect(d.replaced).toBe(2);
  });

  it('the same with the UTF-8 label only in HTTP, and with no label at all', () => {
    const bytes = Buffer.concat([
      Buffer.from('<html><body><p>Grüße aus Köln, schöne Grüße. '.repeat(10)),
      Buffer.from([0xe9]),
      Buffer.from('</p></body></html>'),
    ]);
    expect(decode(page(bytes, { 'content-type': 'text/html; charset=utf-8' })).charset).toBe('utf-8');
    expect(decode(page(bytes)).charset).toBe('utf-8');
  });

  it('a windows-1252 page mislabelled UTF-8 is still read as windows-1252', () => {
    const bytes = Buffer.from(
      '<html><head><meta charset="utf-8"></head><body><p>Caf\xe9 cr\xe8me, na\xefve r\xe9sum\xe9, \xe0 la carte. '.repeat(10) + '</p></body></html>',
      'latin1',
    );
    const d = decode(page(bytes));
    // chardet names a Latin charset (windows-1252 or iso-8859-2 for this text): not UTF-8 with the accents lost.
    expect(d.charset).not.toBe('utf-8');
    expect(d.text).toContain('Café');
  });

  it('a GBK page mislabelled UTF-8 is still read as GBK', () => {
    // "测试文章，北京发布。" in GBK, many times.
    const gbk = Buffer.from('b2e2cad4cec4d5c2a3acb1b1bea9b7a2b2bca1a3', 'hex');
    const bytes = Buffer.concat([
      Buffer.from('<html><head><meta charset="utf-8"></head><body><p>'),
      ...Array.from({ length: 40 }, () => gbk),
      Buffer.from('</p></body></html>'),
    ]);
    const d = decode(page(bytes));
    expect(d.charset).toBe('gb18030');
    expect(d.text).toContain('测试文章');
  });
});

describe('binary sniffing', () => {
  it('a page that starts like HTML is HTML, though a comment holds 0x02 bytes', async () => {
    const html = article('Control bytes in a comment');
    const bytes = Buffer.concat([
      Buffer.from(html.slice(0, 60)),
      Buffer.from('<!-- '),
      Buffer.alloc(40, 0x02),
      Buffer.from(' -->'),
      Buffer.from(html.slice(60)),
    ]);
    const file = path.join(dir, 'control.html');
    await writeFile(file, bytes);
    const p = await readFilePage(file);
    expect(p.bytes.length).toBe(bytes.length);
  });

  it('bytes that do not start like HTML and are full of control bytes are still refused', async () => {
    const file = path.join(dir, 'binary.html');
    await writeFile(file, Buffer.concat([Buffer.from('xx'), Buffer.alloc(200, 0x02), Buffer.from('<html>')]));
    await expect(readFilePage(file)).rejects.toMatchObject({ code: 'E_NOT_HTML' });
  });
});

describe('stdin', () => {
  it('convert - refuses a URL list (text without markup) with E_NOT_HTML', async () => {
    const io = fakeIO({ stdin: 'https://news.example/a\nhttps://news.example/b\n' });
    expect(await main(['convert', '-'], io)).toBe(1);
    expect(io.err()).toMatch(/no HTML markup.*\[E_NOT_HTML\]/);
  });

  it('a page on stdin is read as before', async () => {
    const p = await readStdinPage(Readable.from([Buffer.from(article('From a pipe'))]));
    expect(Buffer.from(p.bytes).toString()).toContain('From a pipe');
  });
});

// ---------------------------------------------------------------------------------------------
// HTTP: a real server on 127.0.0.1.

describe('hostile HTTP headers', () => {
  let origin: string;
  const seen: string[] = [];
  const raw = net.createServer((s) => {
    s.once('data', (d) => {
      const target = d.toString('latin1').split(' ')[1] ?? '/';
      seen.push(target);
      const body = article('Header story');
      const send = (head: Buffer) =>
        s.end(Buffer.concat([head, Buffer.from(`\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`)]));
      if (target === '/utf8-location') {
        s.end(
          Buffer.concat([
            Buffer.from('HTTP/1.1 302 Found\r\nLocation: /caf'),
            Buffer.from([0xc3, 0xa9]),
            Buffer.from('\r\nContent-Length: 0\r\nConnection: close\r\n\r\n'),
          ]),
        );
      } else if (target === '/latin1-location') {
        s.end(
          Buffer.concat([
            Buffer.from('HTTP/1.1 302 Found\r\nLocation: /caf'),
            Buffer.from([0xe9]),
            Buffer.from('-latin1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n'),
          ]),
        );
      } else if (target === '/raw-type') {
        send(Buffer.concat([Buffer.from('HTTP/1.1 200 OK\r\nContent-Type: text/html'), Buffer.from([0xe9, 0xff])]));
      } else {
        send(Buffer.from('HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8'));
      }
    });
  });
  beforeAll(async () => {
    await new Promise<void>((r) => raw.listen(0, '127.0.0.1', r));
    origin = `http://127.0.0.1:${(raw.address() as net.AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => raw.close(() => r())));

  it('raw UTF-8 bytes in Location are read as UTF-8, not percent-encoded as Latin-1', async () => {
    const p = await fetchPage(new URL(`${origin}/utf8-location`), { retries: 0 });
    expect(p.url?.pathname).toBe('/caf%C3%A9');
    expect(seen).toContain('/caf%C3%A9');
  });

  it('raw bytes in Location that are not UTF-8 are percent-encoded byte for byte', async () => {
    const p = await fetchPage(new URL(`${origin}/latin1-location`), { retries: 0 });
    expect(p.url?.pathname).toBe('/caf%E9-latin1');
  });

  it('non-ASCII bytes in Content-Type make it no type at all: the body is sniffed and archived', async () => {
    const p = await fetchPage(new URL(`${origin}/raw-type`), { retries: 0 });
    expect(Buffer.from(p.bytes).toString()).toContain('Header story');
  });
});

describe('timeouts and retries', () => {
  const server = createServer((q, r) => {
    if (q.url === '/trickle') {
      r.writeHead(200, { 'content-type': 'text/html' });
      const t = setInterval(() => r.write('x'), 20);
      r.on('close', () => clearInterval(t));
      return;
    }
    r.writeHead(503, { 'content-type': 'text/html' }).end('busy');
  });
  let origin: string;
  beforeAll(async () => {
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    origin = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))));

  it('a whole-exchange timeout says so, not "timed out (23)"', async () => {
    const err = await fetchPage(new URL(`${origin}/trickle`), { totalTimeoutMs: 300, retries: 0 }).catch((e: Error) => e);
    expect(err).toMatchObject({ code: 'E_TIMEOUT' });
    expect((err as Error).message).not.toMatch(/\(\d+\)/);
    expect((err as Error).message).toMatch(/whole exchange took longer than 300 ms/);
  });

  it('the retry backoff is capped however many retries are asked for', async () => {
    const slept: number[] = [];
    const err = await fetchPage(new URL(`${origin}/busy`), { retries: 12, sleep: async (ms) => void slept.push(ms) }).catch((e: Error) => e);
    expect(err).toMatchObject({ code: 'E_HTTP_STATUS', status: 503 });
    expect(slept).toHaveLength(12);
    expect(Math.max(...slept)).toBe(30_000);
    expect(slept.slice(0, 3)).toEqual([500, 1000, 2000]);
  });
});

describe('the private-address guard and IPv6', () => {
  it('IPv4-compatible IPv6 (::7f00:1, ::a00:1) is not public', () => {
    for (const a of ['::7f00:1', '::a00:1', '::a9fe:a9fe', '::0.0.0.1']) expect(isPublicAddress(a), a).toBe(false);
  });

  it('a URL at [::7f00:1] is refused before any connection is opened', async () => {
    const connects: unknown[] = [];
    // Every connection attempt is recorded and refused: the test never reaches the network.
    const dispatcher = new Agent({ connect: (opts, cb) => (connects.push(opts), cb(new Error('no connections in tests'), null)) });
    try {
      await expect(fetchPage(new URL('http://[::7f00:1]:8080/'), { blockPrivateAddresses: true, retries: 0, dispatcher })).rejects.toMatchObject({
        code: 'E_BLOCKED',
      });
      expect(connects).toEqual([]);
    } finally {
      await dispatcher.close();
    }
  });
});

describe('WARC input', () => {
  it('a record whose gzip body inflates past --max-bytes fails with E_TOO_LARGE, and the records after it are read', async () => {
    const bomb = gzipSync(Buffer.concat([Buffer.from(article('Inflated story')), Buffer.alloc(3_000_000, 0x20)]));
    expect(bomb.length).toBeLessThan(100_000);
    const record = (url: string, body: Uint8Array, headers: Record<string, string>) =>
      WARCRecord.create({ url, type: 'response', warcVersion: 'WARC/1.1', statusline: 'HTTP/1.1 200 OK', httpHeaders: headers }, [body]);
    const parts = [
      await WARCSerializer.serialize(record('https://news.example/bomb', bomb, { 'content-type': 'text/html', 'content-encoding': 'gzip' }), { gzip: true }),
      await WARCSerializer.serialize(record('https://news.example/fine', Buffer.from(article('Fine story')), { 'content-type': 'text/html' }), { gzip: true }),
    ];
    const warc = path.join(dir, 'bomb.warc.gz');
    await writeFile(warc, Buffer.concat(parts));
    const out = path.join(dir, 'bomb-out');
    const io = fakeIO();
    expect(await main(['archive', warc, '--out-dir', out, '--workers', '1', '--max-bytes', '1000000'], io)).toBe(1);
    const lines = (await readFile(path.join(out, 'manifest.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { input: string; outcome: string; error: { code: string } | null });
    expect(lines.map((l) => [l.input, l.error?.code ?? l.outcome])).toEqual([
      ['https://news.example/bomb', 'E_TOO_LARGE'],
      ['https://news.example/fine', 'archived'],
    ]);
  });
});

describe('the page time limit counts CPU time', () => {
  const worker = { script: new URL('./support/sleep-worker.mjs', import.meta.url) };
  const job = (input: string) => ({ input, bytes: new Uint8Array(), headers: {} });

  it.runIf(process.platform === 'linux')('a worker that waits (no CPU) past the limit, within the wall backstop, finishes its page', async () => {
    const pool = new ConvertPool({ size: 1, pageTimeoutMs: 300, worker });
    try {
      await expect(pool.convert(job('sleep-700'), new Date(0))).resolves.toMatchObject({ article: { title: 'sleep-700' } });
      expect(pool.timeouts).toBe(0);
    } finally {
      await pool.close();
    }
  });

  it('a worker that uses the CPU past the limit is stopped (E_TIMEOUT), and one that waits past the backstop too', async () => {
    const pool = new ConvertPool({ size: 1, pageTimeoutMs: 200, worker });
    try {
      await expect(pool.convert(job('spin-5000'), new Date(0))).rejects.toMatchObject({ code: 'E_TIMEOUT' });
      await expect(pool.convert(job('sleep-5000'), new Date(0))).rejects.toMatchObject({ code: 'E_TIMEOUT' });
      await expect(pool.convert(job('spin-1'), new Date(0))).resolves.toMatchObject({ article: { title: 'spin-1' } });
      expect(pool.timeouts).toBe(2);
    } finally {
      await pool.close();
    }
  });
});

describe('long names', () => {
  it('a 30,000-character JSONL "name" is cut to a valid stem in linear time (it took ~50 s: a hang for a batch)', { timeout: 10_000 }, () => {
    for (const raw of ['é'.repeat(30_000), '中 '.repeat(15_000), 'a'.repeat(30_000), `${'-. '.repeat(10_000)}x`]) {
      const stem = safeStem(raw);
      expect(Buffer.byteLength(stem)).toBeLessThanOrEqual(150);
      expect(stem).toMatch(/^[^-. ]/);
      expect(stem).toMatch(/[^-. ]$/);
    }
  });

  it('archive with such a name writes the page under it', { timeout: 30_000 }, async () => {
    const src = path.join(dir, 'named.html');
    await writeFile(src, article('Named story'));
    const list = path.join(dir, 'named.jsonl');
    await writeFile(list, `${JSON.stringify({ path: src, name: 'ü'.repeat(30_000) })}\n`);
    const out = path.join(dir, 'named-out');
    await mkdir(out, { recursive: true });
    expect(await main(['archive', list, '--out-dir', out, '--workers', '1'], fakeIO())).toBe(0);
    const m = JSON.parse((await readFile(path.join(out, 'manifest.jsonl'), 'utf8')).trim()) as { outputs: string[] };
    expect(m.outputs).toEqual([`${'ü'.repeat(75)}.md`]);
  });
});

describe('convert --page-timeout', () => {
  it('stops a page past the limit with E_TIMEOUT, and converts others as in-process', { timeout: 120_000 }, async () => {
    const big = path.join(dir, 'big.html');
    await writeFile(big, `<html><body><article><h1>Big</h1>${'<p>many words in a paragraph of a long page</p>'.repeat(60_000)}</article></body></html>`);
    const io = fakeIO();
    expect(await main(['convert', big, '--page-timeout', '50'], io)).toBe(1);
    expect(io.err()).toMatch(/converting took longer than .*\[E_TIMEOUT\]/);

    const small = path.join(dir, 'small.html');
    await writeFile(small, article('Small story'));
    const inWorker = fakeIO();
    expect(await main(['convert', small, '-f', 'json', '--page-timeout', '30000'], inWorker)).toBe(0);
    const inProcess = fakeIO();
    expect(await main(['convert', small, '-f', 'json'], inProcess)).toBe(0);
    expect(inWorker.out()).toBe(inProcess.out());
  });
});
