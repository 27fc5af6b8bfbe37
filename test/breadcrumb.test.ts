import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { breadcrumbText, jsonLdBreadcrumb, parseBreadcrumb } from '../src/extract/breadcrumb.js';
import { readJsonLd } from '../src/extract/jsonld.js';
import { textLines } from '../src/extract/lines.js';

describe('parseBreadcrumb', () => {
  it.each([
    ['当前所在:首页 > 专题专栏 > 正文', {}, ['专题专栏']],
    ['您当前的位置：首页 > 新闻中心 > 县区动态', {}, ['新闻中心', '县区动态']],
    ['当前位置：主页 » 股市消息实时播报 »', {}, ['股市消息实时播报']],
    ['和讯网 > 股票 > 股市报道 > 正文', { siteNames: ['和讯网'] }, ['股票', '股市报道']],
    ['首页 > 时政新闻 > 江门七旬阿婆被骗上百万', { title: '江门七旬阿婆被骗上百万' }, ['时政新闻']],
    ['Home / World / Europe', {}, ['World', 'Europe']],
    ['国内新闻>正文', {}, ['国内新闻']],
  ])('%s', (text, opts, want) => {
    expect(parseBreadcrumb(text, opts)).toEqual(want);
  });
});

describe('breadcrumb sources', () => {
  it('reads JSON-LD BreadcrumbList in position order', () => {
    const d = new JSDOM(`<script type="application/ld+json">{"@type":"BreadcrumbList","itemListElement":[
      {"@type":"ListItem","position":2,"name":"Science"},{"@type":"ListItem","position":1,"name":"Home"}]}</script>`).window.document;
    expect(jsonLdBreadcrumb(readJsonLd(d))).toEqual(['Home', 'Science']);
  });

  it('finds a labelled breadcrumb line and a breadcrumb element', () => {
    const d1 = new JSDOM('<div class="dqwz">当前所在:<a>首页</a> &gt; <a>专题专栏</a> &gt; 正文</div><h1>标题</h1>').window.document;
    expect(breadcrumbText(d1, textLines(d1.body), 1)).toBe('当前所在:首页 > 专题专栏 > 正文');
    const d2 = new JSDOM('<nav aria-label="breadcrumb"><a>Home</a> › <a>Tech</a></nav>').window.document;
    expect(breadcrumbText(d2, textLines(d2.body), -1)).toBe('Home › Tech');
  });
});
