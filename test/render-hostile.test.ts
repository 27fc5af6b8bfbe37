import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { convertPage } from '../src/pipeline.js';
import { frontMatter } from '../src/render/frontmatter.js';
import { toMarkdown } from '../src/render/markdown.js';
import { ARTICLE, NOW } from './support/hostile.js';

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
    const page = (body: string) =>
      `<html><head><base href="../media/"><base href="https://other.example/"><meta property="og:image" content="lead.jpg"></head><body><article>${'<p>The council voted on Tuesday to rebuild the old stone bridge over the river, ending a long debate. <a href="more.html">More</a></p>'.repeat(5)}${body}</article></body></html>`;
    const convert = (html: string) =>
      convertPage({ input: 'x', bytes: Buffer.from(html), url: new URL('https://news.example.org/a/b.html'), headers: {} }, NOW);
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
  const titles = [
    'x\nevil: true',
    'x\n---\nevil: true\n---',
    "a: b', evil: 'c",
    '- evil',
    '{evil: true}',
    '&anchor *alias !!python/object',
    '"quoted" \'mixed\'',
    '#comment',
    'x\r\nevil: true',
    '\u2028evil: true',
  ];
  it.each(titles)('title %j', (title) => {
    const fm = frontMatter({ ...base, title, authors: [title], description: title });
    expect(fm.split('\n').filter((l) => l === '---')).toHaveLength(2);
    const data = parseYaml(fm.slice(4, fm.lastIndexOf('---\n'))) as Record<string, unknown>;
    expect(data.title).toBe(title);
    expect(data.authors).toEqual([title]);
    expect(Object.keys(data)).not.toContain('evil');
  });
});
