import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { BREADCRUMB_SELECTOR, firstBreadcrumbElement } from '../src/extract/breadcrumb.js';
import { hiddenByMarkup, textLines } from '../src/extract/lines.js';
import { toMarkdown } from '../src/render/markdown.js';
import { toText } from '../src/common/plain-text.js';
import { slimHtml } from '../src/parse/slim.js';

/** Hand-written checks that replace selector matching for speed must pick what the selector picks. */
describe('firstBreadcrumbElement', () => {
  it.each([
    '<div class="x"><nav aria-label="Breadcrumb">a</nav><div class="crumbs">b</div></div>',
    '<div class="BreadCrumb-bar">a</div><nav aria-label="breadcrumb">b</nav>',
    '<p id="page-BREADCRUMB">a</p><div class="crumb">b</div>',
    '<ol itemtype="https://schema.org/BreadcrumbList">a</ol>',
    '<ol itemtype="https://schema.org/breadcrumblist">a</ol><div aria-label="breadcrumb">b</div>',
    '<div class="nav"><span id="crumb">id crumb alone does not count</span></div>',
    '<p>no breadcrumb at all</p>',
  ])('%s', (html) => {
    const doc = new JSDOM(`<body>${html}</body>`).window.document;
    expect(firstBreadcrumbElement(doc) === doc.querySelector(BREADCRUMB_SELECTOR)).toBe(true);
  });
});

describe('firstBreadcrumbElement, attribute case', () => {
  it('ignores case in attribute values as nwsapi does in HTML documents', () => {
    const doc = new JSDOM('<body><p>x</p><ol itemtype="https://schema.org/breadcrumblist">a</ol></body>').window.document;
    const el = firstBreadcrumbElement(doc);
    expect(el?.tagName).toBe('OL');
    expect(el === doc.querySelector(BREADCRUMB_SELECTOR)).toBe(true);
  });
});

/** Inline styles are cut to what a stage reads (parse.ts): what every stage sees of an element must not change. */
describe('slimHtml: inline styles', () => {
  const seen = (html: string) => {
    const el = new JSDOM(`<body>${html}</body>`).window.document.body.firstElementChild as HTMLElement;
    return {
      hidden: hiddenByMarkup(el),
      display: el.style.display,
      visibility: el.style.visibility,
      centred: /text-align\s*:\s*center/i.test(el.getAttribute('style') ?? ''),
      text: el.textContent,
    };
  };
  it.each([
    '<div style="color: red; display: none; margin: 0">x</div>',
    '<div style="DISPLAY:NONE !important">x</div>',
    "<p style='font-size:2px;visibility:hidden'>x</p>",
    '<p style="text-align: center; font-weight: bold">x</p>',
    '<span style=color:red>x</span>',
    '<span style=display:none>x</span>',
    '<div title="a > b" style="display:none">x</div>',
    '<div style="">x</div>',
    '<p>style="display:none" in text stays text</p>',
  ])('%s', (html) => {
    expect(seen(slimHtml(html))).toEqual(seen(html));
  });

  it('drops declarations no stage reads, and the attribute when none is left', () => {
    expect(slimHtml('<div style="color: red; display: none; margin: 0">x</div>')).toBe('<div style=" display: none">x</div>');
    expect(slimHtml('<span class="a" style="color:red" id="b">x</span>')).toBe('<span class="a"  id="b">x</span>');
  });
});

/** Whitespace between block tags is dropped before parsing (slim.ts): text as every stage reads it must not change. */
describe('slimHtml: whitespace between blocks', () => {
  const PAGE = `<html>
  <head>
    <title> A  title </title>
    <!-- a comment -->
    <script>var x = "</div>";</script>
  </head>
  <body>
    <div class="story">
      <h1>Headline</h1>
      <p>First <b>bold</b> <i>italic</i> words.</p> <!-- between -->
      <ul>
        <li>one</li>
        <li><a href="/x">two</a> three</li>
      </ul>
      <table>
        <tr> <td> a </td> <td>b</td> </tr>
      </table>
      <pre>
  line one
    <span>line two</span>
</pre>
      <textarea>  kept  </textarea>
    </div>
  </body>
</html>`;

  it('drops the gaps between block tags and nothing else', () => {
    const slim = slimHtml(PAGE);
    expect(slim).toContain('<ul><li>one</li><li><a href="/x">two</a> three</li></ul>');
    expect(slim).toContain('<b>bold</b> <i>italic</i>');
    expect(slim).toContain('<pre>\n  line one\n    <span>line two</span>\n</pre>');
    expect(slim).toContain('<textarea>  kept  </textarea>');
    expect(slim).toContain('<title> A  title </title>');
    expect(slim).not.toContain('var x');
    expect(slim).not.toContain('comment');
  });

  it('gives the same lines, rendered text and Markdown', () => {
    const view = (html: string) => {
      const doc = new JSDOM(html).window.document;
      return { lines: textLines(doc.body).map((l) => l.text), text: toText(doc.body), markdown: toMarkdown(doc.body.innerHTML), title: doc.title };
    };
    expect(view(slimHtml(PAGE))).toEqual(view(PAGE.replace(/<script>[\s\S]*?<\/script>/, '').replace(/<!--[\s\S]*?-->/g, '')));
  });
});
