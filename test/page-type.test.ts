/** Page kinds from what a page declares, and the elements a thread's posts share. */
import { describe, expect, it } from 'vitest';
import { parse } from '../src/parse/index.js';
import { decode } from '../src/load/decode.js';
import { commonAncestor, pageKind, postElements } from '../src/extract/page-type.js';

const doc = (html: string) => parse(decode({ input: 't', bytes: new TextEncoder().encode(html), headers: {} })).document;

describe('pageKind', () => {
  it('reads a thread from JSON-LD or microdata', () => {
    expect(pageKind(doc('<script type="application/ld+json">{"@type":"DiscussionForumPosting"}</script><p>x</p>'))).toBe('thread');
    expect(pageKind(doc('<body itemscope itemtype="https://schema.org/QAPage"><p>x</p></body>'))).toBe('thread');
    expect(pageKind(doc('<script type="application/ld+json">{"@graph":[{"@type":["QAPage"]}]}</script>'))).toBe('thread');
  });
  it('does not take an article with comments for a thread', () => {
    expect(
      pageKind(
        doc(
          '<script type="application/ld+json">{"@type":"NewsArticle","comment":[{"@type":"Comment"}]}</script><div itemtype="http://schema.org/Comment">c</div>',
        ),
      ),
    ).toBe('article');
  });
  it('reads a declared article from any schema.org article type or og:type', () => {
    expect(pageKind(doc('<script type="application/ld+json">{"@type":"ReportageNewsArticle"}</script><p>x</p>'))).toBe('article');
    expect(pageKind(doc('<head><meta property="og:type" content="article"></head><p>x</p>'))).toBe('article');
    expect(pageKind(doc('<head><meta property="og:type" content="website"></head><p>x</p>'))).toBe('other');
  });
});

describe('product pages', () => {
  it('reads a declared product, unless the page declares an article (a review of it)', () => {
    expect(pageKind(doc('<script type="application/ld+json">{"@type":"Product","name":"Pan"}</script><p>x</p>'))).toBe('product');
    expect(pageKind(doc('<div itemscope itemtype="http://schema.org/Product"><p>x</p></div>'))).toBe('product');
    expect(pageKind(doc('<script type="application/ld+json">[{"@type":"Review"},{"@type":"Product"}]</script>'))).toBe('article');
  });
});

describe('posts', () => {
  it('finds every post and the element that holds them all', () => {
    const d = doc(
      '<main><div id="t" itemscope itemtype="http://schema.org/DiscussionForumPosting"><div id="a" itemtype="http://schema.org/Comment">a</div></div><div id="b" itemtype="https://schema.org/Answer">b</div></main>',
    );
    const posts = postElements(d.body);
    expect(posts.map((p) => p.id)).toEqual(['t', 'a', 'b']);
    expect(commonAncestor(posts, d.body).tagName).toBe('MAIN');
    expect(commonAncestor(posts.slice(0, 2), d.body).id).toBe('t');
  });
});
