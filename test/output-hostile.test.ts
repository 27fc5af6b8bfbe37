import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderName } from '../src/batch/naming.js';
import { NameAllocator, outputStem, safeStem } from '../src/output.js';

describe('output names from hostile titles and inputs', () => {
  const WINDOWS_BAD = /[<>:"/\\|?*\u0000-\u001f]|[. ]$|^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i;
  const titles = [
    '../../etc/passwd',
    '..\\..\\windows\\system32',
    'CON',
    'con.txt',
    'NUL',
    'LPT1',
    'x'.repeat(300),
    '标题'.repeat(150),
    '😀🎉🔥',
    '🇨🇳🇺🇸',
    '...',
    ' . ',
    '',
    'a/b\\c:d*e?f"g<h>i|j',
    'name\u0000with\nnul',
  ];
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
