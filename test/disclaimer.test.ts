import { describe, expect, it } from 'vitest';
import { isDisclaimer, isDisclaimerHeading, isSiteFooter } from '../src/extract/disclaimer.js';

describe('disclaimers versus the site footer', () => {
  it.each([
    '[免责声明] 本网所转载的文章仅用于信息交流，不代表本网观点。',
    '【免责声明】本文仅代表作者本人观点，与本网无关。',
    '版权声明：本文为原创文章，转载请注明出处。',
    '特别声明：以上内容为自媒体平台用户上传并发布，本平台仅提供信息存储服务。',
    '声明：本报力求信息真实、准确，文章提及内容仅供参考，不构成投资建议。',
    '本文仅代表作者个人观点。',
    '澎湃新闻，未经授权不得转载',
    '转载请注明出处：快科技',
    '图片来自网络，如有侵权，请联系删除。',
    'The views expressed in this article are the author’s own.',
    'This article was produced by Example Newsroom and reprinted with permission.',
  ])('notice: %s', (text) => {
    expect(isDisclaimer(text)).toBe(true);
  });

  it.each([
    '清风法治网 www.example.gov.cn 版权所有',
    '联系电话:010-12345678 客服QQ:1000000001',
    '京ICP备12345678号 京公网安备 11010102000001号',
    '声明： 未经许可，任何人不得复制、转载、或以其他方式使用本网站的内容。',
    '县水利局联合各乡镇组成十二个走访小组，带着水质检测箱翻山进村。',
  ])('not a notice: %s', (text) => {
    expect(isDisclaimer(text)).toBe(false);
  });

  it('knows footer lines and notice headings', () => {
    expect(isSiteFooter('Copyright © 2024 Example. All rights reserved.')).toBe(true);
    expect(isSiteFooter('本网核实后将立即删除。')).toBe(false);
    expect(isDisclaimerHeading('特别声明')).toBe(true);
    expect(isDisclaimerHeading('特别声明：以上内容')).toBe(false);
  });
});
