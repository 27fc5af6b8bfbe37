import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { findLine, textLines } from '../src/extract/lines.js';
import { siteFromFooter, siteFromLogo, siteFromTitle } from '../src/extract/site.js';

const doc = (html: string, url = 'http://www.example.gov.cn/zt/a.html') => new JSDOM(html, { url }).window.document;

describe('textLines', () => {
  it('splits on blocks and <br>, keeps inline runs together, skips hidden text', () => {
    const d = doc('<div>发布时间:2024-07-13 <span>来源:</span><a href="#">某网</a><br>作者:佚名</div><p style="display:none">隐藏</p><p>正文</p>');
    expect(textLines(d.body).map((l) => l.text)).toEqual(['发布时间:2024-07-13 来源:某网', '作者:佚名', '正文']);
  });

  it('sets styled inline pieces apart', () => {
    const d = doc('<div><span class="src">金融市场</span><span class="src">棱镜</span><span class="t">2019-09-23 07:48</span></div>');
    expect(textLines(d.body)[0]?.text).toBe('金融市场 棱镜 2019-09-23 07:48');
  });

  it('counts link characters and finds lines by text', () => {
    const d = doc('<ul><li><a href="/1">相关新闻一</a></li></ul><p>正文 第一段</p>');
    const lines = textLines(d.body);
    expect(lines[0]?.linkChars).toBe(5);
    expect(findLine(lines, '正文第一段')).toBe(1);
  });
});

describe('site name', () => {
  it('reads the footer, the logo and the title suffix', () => {
    const d = doc(
      '<a href="/"><img src="/logo.png" alt="清风法治网"></a><p>正文</p><p>清风法治网 www.example.gov.cn 版权所有</p><p>版权所有：某某县人民政府</p>',
    );
    expect(siteFromFooter(textLines(d.body).slice(0, 2))).toBe('清风法治网');
    expect(siteFromFooter(textLines(d.body))).toBe('某某县人民政府');
    expect(siteFromLogo(d)).toBe('清风法治网');
    expect(siteFromTitle('临溪县：三张清单_清风法治网', '临溪县：三张清单')).toBe('清风法治网');
    expect(siteFromTitle('No suffix here', 'No suffix here')).toBeNull();
  });
});
