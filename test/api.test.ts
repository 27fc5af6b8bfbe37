import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArchivistError, convert, convertFile, convertHtml, convertUrl, render, type Source } from '../src/index.js';
import { article } from './support/site.js';
import { tempDir } from './support/tmp.js';

const PAGE = article('Library story').replace('<p>', '<p><a href="/more">More</a> ');

let server: Server;
let origin = '';
beforeAll(async () => {
  server = createServer((_q, r) => r.writeHead(200, { 'content-type': 'text/html' }).end(PAGE));
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((ok) => server.close(() => ok())));

describe('convertHtml, convertUrl, convertFile', () => {
  it('convertHtml(html, { url }) returns the Article, links resolved against url', async () => {
    const a = await convertHtml(PAGE, { url: 'https://news.example.com/2026/a.html' });
    expect(a.title).toBe('Library story');
    expect(a.url).toBe('https://news.example.com/2026/a.html');
    expect(a.markdown).toContain('(https://news.example.com/more)');
    expect(render(a, 'md')).toMatch(/^---\ntitle: Library story/);
  });

  it('drops soft hyphens: the archive is searched for words, not for hyphenation hints', async () => {
    const para = '<p>Wäh&shy;rend Sie über den Markt schlen\u00addern, spielt die Ka&shy;pelle im Hof der Wehr&shy;anlage bis in den Abend.</p>';
    const a = await convertHtml(`<html><head><title>Markt&shy;tag</title></head><body><article>${para.repeat(3)}</article></body></html>`);
    expect(a.text).toContain('Während Sie über den Markt schlendern, spielt die Kapelle');
    expect(a.markdown).not.toContain('\u00ad');
    expect(a.title).toBe('Markttag');
  });

  it('convertHtml takes a string as text, whatever its meta charset says', async () => {
    const a = await convertHtml(article('Ünïcödé headline').replace('<head>', '<head><meta charset="gbk">'));
    expect(a.title).toBe('Ünïcödé headline');
  });

  it('convertUrl(url) fetches and converts, from a string or a URL', async () => {
    expect((await convertUrl(`${origin}/x`)).title).toBe('Library story');
    expect((await convertUrl(new URL(`${origin}/y`))).provenance.finalUrl).toBe(`${origin}/y`);
  });

  it('convertFile(path, { url }) reads a saved page', async () => {
    const file = path.join(await tempDir('api'), 'page.html');
    await writeFile(file, PAGE);
    const a = await convertFile(file, { url: 'https://news.example.com/b.html' });
    expect(a.provenance.input).toBe(file);
    expect(a.markdown).toContain('(https://news.example.com/more)');
  });

  it('convert(source) takes a URL source whose url is a string', async () => {
    expect((await convert({ kind: 'url', url: `${origin}/z` } as unknown as Source)).title).toBe('Library story');
  });
});

describe('argument checks', () => {
  const usage = (re: RegExp) => expect.objectContaining({ name: 'ArchivistError', code: 'E_USAGE', message: expect.stringMatching(re) });

  it('say what is wrong, with the function and the argument named', async () => {
    await expect(convert('/tmp/page.html' as unknown as Source)).rejects.toEqual(
      usage(/^convert\(source, options\): .*convertFile\(path\).*convertUrl\(url\)/),
    );
    await expect(convertHtml(42 as unknown as string)).rejects.toEqual(
      usage(/convertHtml\(html, \{ url \}\): html must be a string or a Uint8Array, not number 42/),
    );
    await expect(convertHtml('<p>x</p>', { url: 'news.example.com/a' })).rejects.toEqual(
      usage(/url must be an absolute http\(s\) address, not "news\.example\.com\/a"/),
    );
    await expect(convertUrl('ftp://example.com/a')).rejects.toEqual(usage(/convertUrl\(url, options\): url must be an absolute http\(s\) address/));
    await expect(convertUrl(undefined as unknown as string)).rejects.toEqual(usage(/url must be a string or a URL, not undefined/));
    await expect(convertFile('')).rejects.toEqual(usage(/path must be a non-empty string/));
    await expect(convertHtml('<p>x</p>', 'https://a.example/' as never)).rejects.toEqual(usage(/options must be an object, not the string/));
    await expect(convert({ kind: 'file' } as Source)).rejects.toEqual(usage(/a "file" source needs source\.path/));
    expect(await convertHtml(null as unknown as string).catch((e: unknown) => e)).toBeInstanceOf(ArchivistError);
  });
});

describe('import', () => {
  it('loads none of the pipeline (jsdom) until a conversion needs it', async () => {
    // A fresh Node, as a program importing the built package would be: jsdom is CommonJS, so require's cache shows whether it loaded.
    const script = `
      import { createRequire } from 'node:module';
      const cache = createRequire(import.meta.url).cache;
      const loaded = () => Object.keys(cache).some((f) => f.includes('/node_modules/jsdom/'));
      const api = await import(${JSON.stringify(path.resolve('dist/index.js'))});
      const before = loaded();
      await api.convertHtml('<article><h1>T</h1><p>${'word '.repeat(40)}</p></article>');
      console.log(JSON.stringify({ before, after: loaded() }));`;
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script]);
    expect(JSON.parse(stdout)).toEqual({ before: false, after: true });
  }, 90_000);
});
