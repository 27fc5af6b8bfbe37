import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ErrorCode } from '../src/errors.js';
import { MAX_TEXT_CHARS } from '../src/parse/harden.js';
import { convert } from '../src/pipeline.js';
import type { Article } from '../src/schema.js';
import { tempDir } from './support/tmp.js';
import { ARTICLE, GBK_DECODED, GBK_TEXT, NOW, outcome, wrap, wrapBytes } from './support/hostile.js';

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
      file: () => `${ARTICLE.slice(0, ARTICLE.indexOf('</p>'))}<a href="https://exa`,
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
      file: () =>
        wrapBytes(
          Buffer.concat([
            Buffer.from('<p>Bytes that are not UTF-8: '),
            Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0xff, 0xfe]),
            Buffer.from(' and text after them.</p>'),
          ]),
        ),
      expect: 'ok',
      check: (a) => expect(a.text).toContain('text after them'),
    },
    {
      name: 'meta says UTF-8, bytes are GBK',
      file: () =>
        Buffer.concat([
          Buffer.from('<html><head><meta charset="utf-8"><title>x</title></head><body><article><p>'),
          GBK_TEXT,
          Buffer.from('</p><p>'),
          GBK_TEXT,
          Buffer.from('</p></article></body></html>'),
        ]),
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
      // Cut to MAX_TEXT_CHARS before parsing (harden.ts), which is what keeps a 30 MB one bounded too.
      file: () => wrap(`<p>${'word '.repeat(400_000)}</p>`),
      expect: 'ok',
      check: (a) => {
        expect(a.wordCount).toBeGreaterThanOrEqual(Math.floor(MAX_TEXT_CHARS / 5) - 10);
        expect(a.wordCount).toBeLessThan(400_000);
        expect(a.warnings.join('\n')).toMatch(/characters cut/);
      },
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
