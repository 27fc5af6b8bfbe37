import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decode, isMultibyteUtf8 } from '../src/load/decode.js';
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

  // Undeclared legacy pages: detection must read each script right (jsdom alone would assume windows-1252).
  const undeclared: [string, string, string][] = [
    [
      'windows-1251',
      'PGh0bWw+PGJvZHk+PHA+wPD16OLg8u7wIPHu9fDg7f/l8iDx8uDy/Ogg6Ocg6O3y5fDt5fLgIOgg8+Ho8ODl8iDr6Pjt5eUg7vTu8Ozr5e3o5SDx8vDg7ej2+y4gze7i7vHy6CD36PLg/vIg6PHx6+Xk7uLg8uXr6CDoIObz8O3g6+jx8vsg6uDm5PvpIOTl7fwuPC9wPjwvYm9keT48L2h0bWw+',
      'Архиватор сохраняет статьи',
    ],
    [
      'euc-kr',
      'PGh0bWw+PGJvZHk+PHA+seK3zyC6uLD8ILW1sbi0wiDAzsXNs90gseK757imIMD6wOXHz7DtIMbkwMzB9sDHILrSx8q/5MfRIMDlvcTAuyDBprDFx9W0z7TZLiC/rLG4wNq/zSCx4sDatMIguMXAzyC0ur26uKYgwNC9wLTPtNkuPC9wPjwvYm9keT48L2h0bWw+',
      '기록 보관 도구는',
    ],
    [
      'shift_jis',
      'PGh0bWw+PGJvZHk+PHA+i0yYXpXbkbaDY4Fbg4uCzYNDg5ODXoFbg2yDYoNngsyLTI6WgvCV25G2grWBQYN5gVuDV4LMlXOXdoLIkZWP/ILwjuaC6I+cgquC3IK3gUKMpIuGjtKCxotMjtKCzZaIk/qDaoOFgVuDWILwk8eC3YLcgreBQjwvcD48L2JvZHk+PC9odG1sPg==',
      '記録保存ツール',
    ],
    [
      'euc-jp',
      'PGh0bWw+PGJvZHk+PHA+ta3Pv8rdwrilxKG8peukz6WkpfOlv6G8pc2lw6XIpM61rbv2pPLK3cK4pLehoqXaobyluKTOydTN16TKwfW+/qTyvOik6r38pK2k3qS5oaO4prXmvNSkyLWtvNSkz8voxvyly6XlobyluaTyxsmk36TepLmhozwvcD48L2JvZHk+PC9odG1sPg==',
      '記録保存ツール',
    ],
    [
      'big5',
      'PGh0bWw+PGJvZHk+PHA+wMmu16tPpnOkdajjt3zAeKZzuvS49KRXqrq3c7tEpOWzuaFBqMOlQrK+sKOttq2xpFeko6WyrW6qurjLuaKhQ6zjqHOkSK37u1CwT6rMqEOk0bOjvlzFqrdzu0Sz+L7JoUM8L3A+PC9ib2R5PjwvaHRtbD4=',
      '檔案保存工具',
    ],
    [
      'gb18030',
      'PGh0bWw+PGJvZHk+PHA+tbWwuLGjtOa5pL7fu+G0orTmzfjC58nPtcTQws7FzsTVwqOssqLH0tLGs/3Ss8Pmyc+yu7HY0qq1xNewys6ho9HQvr/Iy9Sx0+u8x9Xfw7/M7La81MS2wdDCzsWxqLXAoaM8L3A+PC9ib2R5PjwvaHRtbD4=',
      '档案保存工具',
    ],
  ];
  it.each(undeclared)('detects undeclared %s', (charset, b64, expected) => {
    const d = decode(page(Buffer.from(b64, 'base64')));
    expect(d.charset).toBe(new TextDecoder(charset).encoding);
    expect(d.charsetSource).toBe('detected');
    expect(d.text).toContain(expected);
    expect(d.replaced).toBe(0);
  });

  it('reads a declared Big5 page as Big5 even when detection would differ', () => {
    const bytes = Buffer.concat([Buffer.from('<meta charset="big5">'), Buffer.from(undeclared[4]![1], 'base64')]);
    expect(decode(page(bytes))).toMatchObject({ charset: 'big5', charsetSource: 'meta' });
  });

  it('drops replacement characters and counts them', () => {
    const d = decode(page(Buffer.from('<p>ok \uFFFD\uFFFD text</p>')));
    expect(d.text).toBe('<p>ok  text</p>');
    expect(d.replaced).toBe(2);
  });

  it('reads windows-1252 punctuation in 0x80–0x9F, which Node 20.20 decodes as C1 controls', () => {
    const bytes = Uint8Array.from([
      ...Buffer.from('<meta charset="windows-1252"><p>'),
      0x84,
      0x41,
      0x93,
      0x20,
      0x80,
      0x35,
      0x20,
      0x96,
      0x20,
      0x99,
      0xe4,
      ...Buffer.from('</p>'),
    ]);
    expect(decode(page(bytes)).text).toContain('<p>„A“ €5 – ™ä</p>');
  });

  it('judges bytes to be multi-byte UTF-8 exactly as a fatal TextDecoder does', () => {
    const strict = (b: Uint8Array) => {
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(b);
        return b.some((x) => x >= 0x80);
      } catch {
        return false;
      }
    };
    // Lead and continuation bytes, overlongs, surrogates, and code points past U+10FFFF come up often from this alphabet.
    const byte = fc.constantFrom(0x41, 0x80, 0xbf, 0xc0, 0xc2, 0xdf, 0xe0, 0xed, 0xa0, 0xef, 0xf0, 0xf4, 0x90, 0x8f, 0xf5, 0xff);
    fc.assert(
      fc.property(
        fc.array(byte, { maxLength: 12 }).map((a) => Uint8Array.from(a)),
        (b) => isMultibyteUtf8(b) === strict(b),
      ),
      { numRuns: 3000 },
    );
    expect(isMultibyteUtf8(new TextEncoder().encode('中文 é'))).toBe(true);
    expect(isMultibyteUtf8(Uint8Array.from([0xed, 0xa0, 0x80]))).toBe(false);
  });
});
