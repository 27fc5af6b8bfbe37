/**
 * The shapes of HTML that gave Markdown no renderer reads as meant, each converted and read back
 * by a CommonMark + GFM parser (bench/markdown-checks.ts): literal `**`, ragged or lost table
 * cells, raw HTML, unsafe links.
 */
import { describe, expect, it } from 'vitest';
import { checkMarkdown } from '../bench/markdown-checks.js';
import { convertPage } from '../src/pipeline.js';
import { render } from '../src/render/index.js';
import { toMarkdown } from '../src/render/markdown.js';

const clean = (html: string) => {
  const md = toMarkdown(html);
  expect(checkMarkdown(md)).toEqual([]);
  return md;
};

describe('emphasis', () => {
  it.each([
    ['adjacent <strong>s become one run', '<p>Game <b>D</b><b>ay</b> tickets</p>', 'Game **Day** tickets'],
    ['a closing run after punctuation and before a letter moves off the punctuation', '<p>the <b>offseason.</b>Next year</p>', 'the **offseason**.Next year'],
    ['Chinese quotes inside the bold move outside it', '<p>存在<strong>“重巡查、轻宣传”</strong>的问题</p>', '存在“**重巡查、轻宣传**”的问题'],
    ['a line break at the edge stays outside', '<p>x<b><br>text</b> y</p>', 'x\n**text** y'],
    ['bold inside bold is one run', '<p><b>a <strong>b</strong> c</b></p>', '**a b c**'],
    ['spaces inside italics move outside', '<p>about<em> the next race </em>and</p>', 'about *the next race* and'],
    ['emphasis of only a zero-width space is nothing', '<p>a<b>\u200b</b>b</p>', 'a\u200bb'],
    [
      'bold right after bold in another element stays plain rather than make a **** run',
      '<p><b>S</b><span><strong>pecific</strong> goals</span></p>',
      '**S**pecific goals',
    ],
    ['bold across a blank line is plain', '<p><b>a title<br><br>a paragraph</b></p>', 'a title\n\na paragraph'],
  ])('%s', (_name, html, md) => {
    expect(clean(html)).toBe(md);
  });

  it('leaves plain text where no placement of the delimiters would be read as emphasis', () => {
    // "x**[" cannot open (a letter before, punctuation after) and the link cannot move out.
    const md = clean('<p>x<b><a href="https://a.example/">link</a></b>y</p>');
    expect(md).toBe('x[link](https://a.example/)y');
  });
});

describe('tables', () => {
  it('expands rowspan and colspan into a rectangle, every cell under its column', () => {
    const md = clean(
      '<table><tr><th>A</th><th>B</th><th>C</th></tr><tr><td rowspan="2">r</td><td colspan="2">wide</td></tr><tr><td>x</td><td>y</td></tr><tr><td>short</td></tr></table>',
    );
    expect(md.split('\n')).toEqual(['| A | B | C |', '| --- | --- | --- |', '| r | wide |  |', '| r | x | y |', '| short |  |  |']);
  });

  it('writes <br> in a cell as a space and escapes a pipe', () => {
    expect(clean('<table><tr><th>k</th><th>v</th></tr><tr><td>a<br>b</td><td>x | y</td></tr></table>')).toContain('| a b | x \\| y |');
  });

  it('unwraps a layout table: the story in one cell beside a spacer becomes paragraphs', () => {
    const story = '人生如戏。一夜之间，小镇的街道变了模样，老店换了招牌，熟悉的面孔也少了许多。'.repeat(4);
    const md = clean(`<table><tr><td>&nbsp;</td><td>${story}<br><br>${story}</td></tr><tr><td></td><td>编辑：王五</td></tr></table>`);
    expect(md).not.toContain('|');
    expect(md).toContain(`${story}\n\n${story}`);
  });

  it.each([
    ['one column', '<table><tr><td>first</td></tr><tr><td>second</td></tr></table>'],
    ['one row', '<table><tr><td>left</td><td>right</td></tr></table>'],
    ['a list in a cell', '<table><tr><td>a</td><td><ul><li>x</li></ul></td></tr><tr><td>b</td><td>c</td></tr></table>'],
    ['role=presentation', '<table role="presentation"><tr><td>a</td><td>b</td></tr><tr><td>c</td><td>d</td></tr></table>'],
  ])('unwraps a table with %s', (_name, html) => {
    expect(clean(html)).not.toContain('|');
  });

  it('unwraps a table holding a table, and writes the inner one as a GFM table', () => {
    const md = clean(
      '<table><tr><td>outer</td><td><table><tr><th>k</th><th>v</th></tr><tr><td>1</td><td>2</td></tr></table></td></tr><tr><td>o2</td><td>o3</td></tr></table>',
    );
    expect(md).toContain('| k | v |\n| --- | --- |\n| 1 | 2 |');
    for (const t of ['outer', 'o2', 'o3']) expect(md).toContain(t);
  });

  it('converts a table inside <pre> as the text it shows', () => {
    expect(clean('<pre><table><tr><td>SEV1</td><td>db</td></tr><tr><td>SEV2</td><td>web</td></tr></table></pre>')).toBe('```\nSEV1 db\nSEV2 web\n```');
  });

  it('keeps every cell of a table too big for a grid (a hostile colspan), as paragraphs', () => {
    const md = clean(`<table><tr><td colspan="1000">a</td></tr>${'<tr><td>b</td><td>c</td></tr>'.repeat(60)}</table>`);
    expect(md.match(/\bc\b/g)).toHaveLength(60);
  });
});

describe('links and images (a `)` in an address never ends the construct)', () => {
  it('percent-encodes ( ) and spaces so a crafted href stays one link and javascript: never becomes live', () => {
    const md = clean('<p><a href="https://news.example/s)[Read more](javascript:alert(1)">the story</a></p>');
    expect(md).toBe('[the story](https://news.example/s%29%5BRead%20more%5D%28javascript:alert%281%29)');
  });

  it('does the same for an image src', () => {
    const md = clean('<p><img src="https://img.example/a.png)![x](https://tracker.example/p.gif" alt="a"></p>');
    expect(md).toBe('![a](https://img.example/a.png%29!%5Bx%5D%28https://tracker.example/p.gif)');
  });

  it('escapes an & that would start a character reference in a destination', () => {
    expect(clean('<p><a href="https://x.example/a#:~:text=Council&amp;#x27;s">t</a></p>')).toBe('[t](https://x.example/a#:~:text=Council\\&#x27;s)');
  });

  it('makes an address in the text a link of its own, so no escape or trailing mark becomes part of it', () => {
    expect(clean('<p>see https://github.com/a/teensy_loader_cli.git and snake_case</p>')).toBe(
      'see [https://github.com/a/teensy\\_loader\\_cli.git](https://github.com/a/teensy_loader_cli.git) and snake\\_case',
    );
    // GFM leaves out a trailing unbalanced ")" and punctuation; a backslash after it is text.
    expect(clean('<p>(licence: http://example.org/by/2.0)\\.</p>')).toBe('(licence: [http://example.org/by/2.0](http://example.org/by/2.0))\\\\.');
    // A "[" in the address is escaped in the text and percent-encoded in the destination.
    expect(clean('<p>www.example.com/c/[u] now</p>')).toBe('[www.example.com/c/\\[u\\]](http://www.example.com/c/%5Bu%5D) now');
    // Chinese text after an address, with no space, is text.
    expect(clean('<p>链接：http://tech.example.cn/zt/a/，锁定</p>')).toBe('链接：[http://tech.example.cn/zt/a/](http://tech.example.cn/zt/a/)，锁定');
    // Not inside links or code, and not a bare scheme.
    expect(clean('<p><a href="https://a.example/">https://a.example/</a> <code>https://b.example/x_y</code> http://c</p>')).toBe(
      '[https://a.example/](https://a.example/) `https://b.example/x_y` http://c',
    );
  });

  it('writes javascript:, data: and relative links as their text', () => {
    expect(clean('<p><a href="javascript:alert(1)">a</a> <a href="data:text/html,x">b</a> <a href="/rel">c</a> <img src="javascript:x"></p>')).toBe('a b c');
  });

  it('drops a JSON-LD image that is not a web URL from images[] and the front matter', () => {
    const html =
      '<html><head><title>Story</title><script type="application/ld+json">{"@type":"NewsArticle","headline":"Story","image":"javascript:alert(1)"}</script></head>' +
      `<body><article><h1>Story</h1><p>${'A paragraph long enough to be the body of this story. '.repeat(5)}</p></article></body></html>`;
    const article = convertPage({ input: 'x', bytes: new TextEncoder().encode(html), headers: {} }, () => new Date(0));
    expect(article.images).toEqual([]);
    expect(render(article, 'md')).not.toContain('javascript');
  });
});

describe('images, figures, footnotes, math, lists, headings', () => {
  it('writes a figure as the image and its caption as a line under it, alt text not repeating the caption', () => {
    const md = clean('<figure><img src="https://x.example/a.jpg" alt="The quay at dawn"><figcaption>The quay at dawn</figcaption></figure>');
    expect(md).toBe('![](https://x.example/a.jpg)\n\n*The quay at dawn*');
  });

  it('shortens an alt text that is a whole caption', () => {
    const md = clean(`<p><img src="https://x.example/a.jpg" alt="${'word '.repeat(60)}"></p>`);
    expect(/!\[([^\]]*)\]/.exec(md)?.[1]?.length).toBeLessThanOrEqual(126);
  });

  it('writes footnotes as GFM footnotes without their back-links', () => {
    const md = clean(
      '<p>Text.<sup id="r1"><a href="#fn1">1</a></sup> More.<sup><a href="#fn2">[2]</a></sup></p><ol class="footnotes"><li id="fn1">First note. <a href="#r1">↩</a></li><li id="fn2">Second.</li></ol>',
    );
    expect(md).toBe('Text.[^1] More.[^2]\n\n[^1]: First note.\n\n[^2]: Second.');
  });

  it('writes math from its TeX annotation, inline and display; MathML without TeX as its text', () => {
    const tex = (t: string, block = false) =>
      `<math${block ? ' display="block"' : ''}><semantics><mi>x</mi><annotation encoding="application/x-tex">${t}</annotation></semantics></math>`;
    expect(clean(`<p>Area ${tex('\\pi r^2')} here</p>${tex('E = mc^2', true)}<p><math><mi>y</mi></math></p>`)).toBe(
      'Area $\\pi r^2$ here\n\n$$\nE = mc^2\n$$\n\ny',
    );
  });

  it('keeps a code block inside an inline element (a custom element, a span) a fenced block', () => {
    expect(clean('<p>Files</p><mail-view> Extract a component <pre>const x = a_b * c;</pre> </mail-view><span> <pre>y</pre></span>')).toBe(
      'Files\n\nExtract a component\n\n```\nconst x = a_b * c;\n```\n\n```\ny\n```',
    );
  });

  it('writes "- " bullets and numbered items with one space', () => {
    expect(clean('<ul><li>one</li><li>two</li></ul><ol start="3"><li>three</li></ol>')).toBe('- one\n- two\n\n3. three');
  });

  it('writes no empty heading and no paragraph of only zero-width spaces', () => {
    expect(clean('<h3> </h3><p>\u200b</p><h2>Real<br>heading</h2><p>text</p>')).toBe('## Real heading\n\ntext');
  });
});
