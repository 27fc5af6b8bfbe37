/**
 * Article-attached notices (免责声明, 版权声明, reprint notices, "The views expressed…") versus the
 * site-wide footer (ICP numbers, phone numbers, 版权所有), which is chrome and never a disclaimer.
 */

/** A notice that opens with one of these labels is a disclaimer wherever it sits after the headline. */
const LABELLED = /^[[【(（]?\s*(免责声明|版权声明|特别声明|郑重声明|重要声明|风险提示|声明\s*[：:]|Disclaimer\b|Copyright notice)/i;

/** Unlabelled notices, recognised by what they say. */
const WORDING = [
  /(未经(授权|允许|许可|书面授权)[，,]?\s*(不得|禁止|严禁)(转载|复制|使用))/,
  /(转载请(注明|联系|保留)|如需转载)/,
  /(仅代表(作者|该作者|该机构|本人|个人)|不代表.{0,12}(观点|立场))/,
  /(如有侵权|若有侵权|涉及版权|版权归原作者|版权归.{1,12}所有[，,].{0,20}(转载|联系))/,
  /(上传并发布|仅提供信息(存储|发布)|信息存储服务)/,
  /^(本文(为|系).{0,20}原创|本文(转载|来自|来源于).{0,30}(网络|自媒体|客户端))/,
  /^(The views (and opinions )?expressed|This (article|story|post|piece) (was|is) (produced|published|reprinted|republished|written)|Views expressed|Opinions expressed)/i,
];

/** Footer lines: contact details, registration numbers, site-wide copyright. */
const FOOTER =
  /(ICP备|ICP证|公网安备|网安备|版权所有|All rights reserved|Copyright\s*©|©\s*\d{4}|联系电话|举报电话|客服QQ|通联QQ|邮箱[：:]|E-?mail[：:]|地址[：:]|主办单位|承办单位|技术支持)/i;

/** Longest text taken as one notice; a longer block is prose that happens to mention copyright. */
export const MAX_DISCLAIMER_CHARS = 400;

/** A notice about the whole site's content ("本网站的内容", "本站所有文章") is site chrome, not about this article. */
const SITE_WIDE = /(本网站|本站|本网)(的|所有|全部)?(内容|文章|信息|资料)|(本网站|本站)所有/;

export function isSiteFooter(text: string): boolean {
  return FOOTER.test(text) || SITE_WIDE.test(text);
}

/** True when `text` (one line) is an article-attached notice. */
export function isDisclaimer(text: string): boolean {
  if (text.length > MAX_DISCLAIMER_CHARS || text.length < 6) return false;
  if (LABELLED.test(text)) return !isSiteFooter(text) || /^[[【(（]?\s*(免责声明|版权声明|特别声明)/.test(text);
  if (isSiteFooter(text)) return false;
  return WORDING.some((re) => re.test(text));
}

/** A heading that introduces a notice on the next line ("特别声明" alone). */
export function isDisclaimerHeading(text: string): boolean {
  return /^[[【]?\s*(免责声明|版权声明|特别声明|郑重声明|Disclaimer)\s*[\]】:：]?$/i.test(text);
}
