import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { liftFromBody } from '../src/extract/lift.js';
import { convertPage } from '../src/pipeline.js';

const P = '县里把供水站运行情况纳入乡镇年度考核，每季度通报一次，管水员队伍经过集中培训后持证上岗，学会了消毒设备操作、水质快检和管道抢修等基本技能。';
const body = (html: string) => {
  const doc = new JSDOM('').window.document;
  const div = doc.createElement('div'); // detached, as the pipeline's container is
  div.innerHTML = html;
  return div;
};

describe('liftFromBody', () => {
  it('lifts the headline, meta line, original link, notice and editor line, keeping the paragraphs', () => {
    const div = body(`<p>样本标题</p><p>发布时间:2024-07-13 来源: 皖南时讯网 作者:佚名</p><p>${P}</p><p>${P}</p>
      <p>原文链接:<a href="https://example.cn/1.html">https://example.cn/1.html</a></p><p>[免责声明] 本文仅代表作者观点，如有侵权请联系删除。</p><p>（责任编辑：林海峰）</p>`);
    const l = liftFromBody(div, '样本标题');
    expect(l.source).toEqual({ name: '皖南时讯网', url: 'https://example.cn/1.html' });
    expect(l.authors).toEqual([]);
    expect(l.editors).toEqual(['林海峰']);
    expect(l.published?.iso).toBe('2024-07-13');
    expect(l.disclaimer).toBe('[免责声明] 本文仅代表作者观点，如有侵权请联系删除。');
    expect(div.textContent?.replace(/\s+/g, '')).toBe((P + P).replace(/\s+/g, ''));
  });

  it('drops reader tools and counters', () => {
    const div = body(`<p>字体：大 中 小</p><p>${P}</p><p>【打印本页】【关闭窗口】</p><p>分享到：微信 微博</p><p>上一篇：旧闻</p><p>浏览次数：1234</p>`);
    liftFromBody(div, null);
    expect(div.textContent?.trim()).toBe(P);
  });

  it('ends the body at its closing credits when only chrome follows', () => {
    const div = body(
      `<p>${P}</p><p>${P}</p><p>${P}</p><p>${P}</p><p>${P}</p><p>${P}</p><p>原文链接:https://example.cn/1.html</p><p>相关新闻一</p><p>示例网 版权所有</p><p>联系电话：010-00000000</p>`,
    );
    liftFromBody(div, null);
    expect(div.textContent).not.toContain('版权所有');
    expect(div.textContent).not.toContain('相关新闻一');
  });

  it('keeps a paragraph that merely mentions a reporter or a source', () => {
    const lead = '新华社示例5月6日电（记者 顾晨阳 苏婉清）傍晚六点，海滨路的机动车道旁亮起一排黄色标线，来源于街道办的统一规划。';
    const div = body(`<p>${lead}</p><p>${P}</p>`);
    liftFromBody(div, null);
    expect(div.textContent).toContain(lead);
  });

  it('lifts a meta block of two lines split by <br>', () => {
    const div = body(`<p>来源：本站原创&nbsp;&nbsp;作者：办公室<br>时间：2019年10月31日 23:00 浏览：33</p><p>${P}</p>`);
    const l = liftFromBody(div, null);
    expect(l.authors).toEqual(['办公室']);
    expect(div.textContent?.trim()).toBe(P);
  });

  it('keeps the text when lifting would leave nothing', () => {
    const div = body('<p>测试文章</p>');
    liftFromBody(div, '测试文章');
    expect(div.textContent).toBe('测试文章');
  });
});

describe('captions', () => {
  it('moves the caption line under an image to images[].caption', () => {
    const html = `<html lang="zh-CN"><body><h1>标题</h1><div class="content"><p><img src="/a.jpg"></p><p>图为新建成的供水站。（王小明摄）</p><p>${P}</p><p>${P}</p><p>${P}</p></div></body></html>`;
    const a = convertPage({ input: 'x', bytes: new TextEncoder().encode(html), url: new URL('http://e.example.cn/a.html'), headers: {} }, () => new Date(0));
    expect(a.images).toEqual([{ url: 'http://e.example.cn/a.jpg', alt: null, caption: '图为新建成的供水站。（王小明摄）' }]);
    expect(a.text).not.toContain('王小明摄');
    expect(a.authors).toEqual([]);
  });
});
