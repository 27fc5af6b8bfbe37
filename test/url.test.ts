import { describe, expect, it } from 'vitest';
import { webLink, webUrl } from '../src/render/url.js';

describe('webUrl', () => {
  it('absolute http(s) only, without credentials, nothing left that ends a construct', () => {
    expect(webUrl('https://u:p@x.example/a b(c)|d')).toBe('https://x.example/a%20b%28c%29%7Cd');
    expect(webUrl('/a', 'https://x.example/b/')).toBe('https://x.example/a');
    expect(webUrl('http://[::1]:8080/(x)')).toBe('http://[::1]:8080/%28x%29');
    for (const bad of ['javascript:alert(1)', 'data:image/png;base64,AA', 'mailto:a@b.example', '/relative', 'ftp://x.example/f', ''])
      expect(webUrl(bad)).toBeNull();
  });

  it('keeps the name of a named link whose URL is not a web URL', () => {
    expect(webLink({ name: 'Wire', url: 'javascript:x' })).toEqual({ name: 'Wire', url: null });
    expect(webLink(null)).toBeNull();
  });
});
