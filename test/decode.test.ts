import { describe, expect, it } from 'vitest';
import { decode } from '../src/load/decode.js';
import type { Page } from '../src/types.js';

const page = (bytes: Uint8Array, headers: Record<string, string> = {}): Page => ({ input: 't', bytes, headers });
const gbk = (s: string) => {
  // TextEncoder only writes UTF-8; build GBK bytes from a known table for the test text.
  const table: Record<string, number[]> = { 中: [0xd6, 0xd0], 文: [0xce, 0xc4] };
  return Uint8Array.from([...s].flatMap((c) => table[c] ?? [c.charCodeAt(0)]));
};

describe('decode', () => {
  it('honours a BOM over everything', () => {
    const d = decode(page(Uint8Array.from([0xef, 0xbb, 0xbf, ...Buffer.from('<p>é</p>')]), { 'content-type': 'text/html; charset=gbk' }));
    expect(d.charsetSource).toBe('bom');
    expect(d.text).toContain('é');
  });
  it('reads GBK declared in the header as GB18030', () => {
    const d = decode(page(gbk('<p>中文</p>'), { 'content-type': 'text/html; charset=GBK' }));
    expect(d).toMatchObject({ charset: 'gb18030', charsetSource: 'header' });
    expect(d.text).toBe('<p>中文</p>');
  });
  it('trusts valid UTF-8 bytes over a stale <meta charset=gb2312>', () => {
    const d = decode(page(Buffer.from('<meta charset="gb2312"><p>中文</p>')));
    expect(d).toMatchObject({ charset: 'utf-8', charsetSource: 'detected' });
    expect(d.text).toContain('中文');
  });
  it('uses the meta declaration when the bytes agree', () => {
    const d = decode(page(Uint8Array.from([...Buffer.from('<meta charset="gbk">'), ...gbk('中文')])));
    expect(d).toMatchObject({ charset: 'gb18030', charsetSource: 'meta' });
    expect(d.text).toContain('中文');
  });
  it('calls pure ASCII UTF-8 by default', () => {
    expect(decode(page(Buffer.from('<p>hello</p>')))).toMatchObject({ charset: 'utf-8', charsetSource: 'default' });
  });
});
