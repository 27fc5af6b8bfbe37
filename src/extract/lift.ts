/**
 * Lifts what is about the article, not of it, out of the extracted body: the headline repeat, the
 * meta line, 原文链接, editor lines, notices, captions (to their image), reader tools (打印/关闭,
 * 分享到, 上一篇/下一篇, counters) and, after the closing credits, the chrome that follows.
 */
import { englishByline, parseMetaLine } from './bylines.js';
import { CAPTION_ATTR } from './clean.js';
import { CHINA_ZONE, findDate } from './dates.js';
import { isDisclaimer, isDisclaimerHeading, isSiteFooter } from './disclaimer.js';
import { squash, textLines, type Line } from './lines.js';
import { normalizeSpace } from './text.js';
import { elementsWithTag } from '../common/tag-walk.js';
import { BODY_EDGE_LINES, EDITOR_START, MAX_CREDIT_LINE_CHARS, MAX_META_LINE_CHARS, ORIGINAL_LINK, addNames, isMetaLine, type Lifted } from './attribution.js';

const ORIGINAL_TITLE = /^\s*[（(【[]?\s*(原标题|原题为?|本文原标题|原文标题)\s*[：:《]/;
/** Reader tools and counters that sit in or under articles. */
const TOOL_LINE =
  /^(您的浏览器(暂时)?(无法|不支持)播放.{0,20}|.{0,24}(>>|》》)|相关(资讯|阅读|新闻|链接|报道)请关注.{0,30})$|^(【?\s*(打印本页|打印此页|打印|关闭窗口|关闭|收藏|返回顶部|保存|纠错)\s*】?\s*)+$|^字[体号]\s*[：:]?\s*[【[]?\s*[大中小]|^分享(到|至)|^上一篇|^下一篇|^(浏览|阅读|点击|访问)(次数|数|量|人次)?\s*[：:]\s*\d+\s*次?$|^\d+\s*(次阅读|人阅读|次浏览)$/;
/** A note after the last paragraph: （资料来源：…）, (本文来自澎湃新闻…), （实习生…对此文亦有贡献）, 信息来源于网络. */
const TAIL_NOTE =
  /^([（(][^（()）]{0,12}(来源|来自|贡献|综合|整理|编译|供稿|参考)[^（()）]{0,80}[)）]|信息来源于网络|(本文|文章|图片)(来源|来自)于?网络.{0,20})$/;
/** Lines that end a story and start a list of older ones: 此前报道：…, 延伸阅读… */
const RELATED_START = /^(此前报道|相关报道|延伸阅读|推荐阅读|相关阅读|相关新闻|往期回顾|更多精彩)\s*[：:]?/;
/** "经过文刃重新编排": a WeChat account's re-editor. */
const REEDITED = /^经过?\s*(\S{1,12}?)\s*重新编排$/;
/** A photo caption line: …（刘通摄）, 沙坪坝区公安分局供图, 视频截图, 视觉中国 资料, 图为…, ▲… */
const CAPTION =
  /^(图为|▲|图：|图\/|上图|下图|左图|右图)|(摄|供图|截图|\s资料图?|视觉中国\s*资料|图片来[自源][:：]?.{0,20}|视觉中国|新华社发|图源[:：]?.{0,20})\s*[)）]?\s*[。.]?$/;

/** A line in a table cell or a list item of the body: a date there is a row's or an item's, never the article's. */
function inBodyTableOrList(el: Element, body: Element): boolean {
  for (let p: Element | null = el; p && p !== body; p = p.parentElement) if (p.localName === 'td' || p.localName === 'th' || p.localName === 'li') return true;
  return false;
}

/** The image a caption line sits under: in the same block, or in the block just before it. */
function imageBefore(el: Element): Element | null {
  const own = elementsWithTag(el, ['img']);
  if (own.length) return own[own.length - 1]!;
  let prev = el.previousElementSibling;
  for (let i = 0; prev && i < 2; i++, prev = prev.previousElementSibling) {
    if ((prev.textContent ?? '').trim()) break;
    const imgs = prev.tagName === 'IMG' ? [prev] : elementsWithTag(prev, ['img']);
    if (imgs.length) return imgs[imgs.length - 1]!;
  }
  return null;
}

/** A short line under an image ending in a picture credit: …“老年人运动场”。（BBC） */
const CREDITED = /[（(][A-Za-z\u4e00-\u9fff ]{2,10}[)）]$/;
/** Longest caption line. */
const MAX_CAPTION_CHARS = 60;
/** "原创： 路闻卓立编译 人民币交易与研究": a reposted WeChat credit (writer, then the account). */
const REPOST_CREDIT = /^原创\s*[：:]\s*(\S{2,12}?)(?:编译|编辑|整理)?\s+\S{2,20}$/;
/** After the closing credits, a line this long with sentence marks is still article (a postscript), not chrome. */
const MAX_TRAILING_LINE_CHARS = 100;

export interface BodyLift extends Lifted {
  /** Texts of the lines taken out of the body, for finding them on the original page. */
  removed: string[];
}

/**
 * Lifts attribution out of `body` (the extraction's own container, changed in place). Only
 * lines that are wholly meta, credit, notice or tool lines go; a paragraph that merely mentions
 * a source stays.
 */
export function liftFromBody(body: Element, title: string | null, imageAlts: Set<string> = new Set()): BodyLift {
  const out: BodyLift = { source: null, authors: [], editors: [], published: null, disclaimer: null, removed: [] };
  const before = body.innerHTML;
  const lines = textLines(body);
  const notices: string[] = [];
  const t = squash(title ?? '');
  let closedAt = -1;
  const liftedLines = new Set<Line>();
  lines.forEach((line, i) => {
    const text = line.text;
    const nearStart = i < BODY_EDGE_LINES;
    const nearEnd = i >= lines.length - BODY_EDGE_LINES * 2;
    let lifted = false;
    if (nearStart && t && squash(text) === t) lifted = true;
    else if ((nearStart || nearEnd) && ORIGINAL_TITLE.test(text) && text.length <= MAX_META_LINE_CHARS) lifted = true;
    else if (TOOL_LINE.test(text) && text.length <= 60) lifted = true;
    else if (nearEnd && TAIL_NOTE.test(text)) lifted = true;
    else if (nearEnd && i > 0 && RELATED_START.test(text)) {
      lifted = true;
      closedAt = Math.max(closedAt, i);
    } else if (nearEnd && REEDITED.test(text)) {
      addNames(out.editors, [REEDITED.exec(text)![1]!]);
      lifted = true;
    } else if (nearStart && REPOST_CREDIT.test(text)) {
      addNames(out.authors, [REPOST_CREDIT.exec(text)![1]!]);
      lifted = true;
    } else if (imageAlts.has(squash(text))) {
      // The text of an image's alt standing as a line of its own is that image's caption (the image itself may be gone).
      imageBefore(line.el)?.setAttribute(CAPTION_ATTR, text);
      lifted = true;
    } else if (
      text.length <= MAX_CAPTION_CHARS &&
      (((nearStart || nearEnd || imageBefore(line.el)) && CAPTION.test(text) && !/[，,]/.test(text.slice(0, -8))) ||
        (nearEnd && imageBefore(line.el) && CREDITED.test(text)))
    ) {
      // The caption moves to its image (images[].caption) instead of staying in the text.
      imageBefore(line.el)?.setAttribute(CAPTION_ATTR, text);
      lifted = true;
    } else if (
      nearStart &&
      text.length <= 24 &&
      !inBodyTableOrList(line.el, body) &&
      findDate(text) &&
      /^[\d\s\-/.:：年月日时分秒星期一二三四五六日天]+$/.test(text)
    ) {
      // a date alone above the text (press releases, notices): the meta line in its own paragraph
      out.published ??= findDate(text, CHINA_ZONE);
      lifted = true;
    } else if (ORIGINAL_LINK.test(text) && text.length <= MAX_META_LINE_CHARS) {
      const a = elementsWithTag(line.el, ['a']).find((x) => x.hasAttribute('href'));
      const href = a?.getAttribute('href') ?? text.replace(ORIGINAL_LINK, '').trim().split(/\s/)[0] ?? '';
      // "Originally published at <a>Mill Street Notes</a>": the link text names the outlet.
      const linkText = (a?.textContent ?? '').trim();
      const name = out.source?.name || (linkText && !/^https?:|^www\./i.test(linkText) ? linkText.replace(/[.。]$/, '') : '');
      out.source = { name, url: /^https?:\/\//.test(href) ? href : null };
      lifted = true;
    } else if (isDisclaimerHeading(text) && nearEnd) {
      lifted = true;
    } else if (isDisclaimer(text) && (nearEnd || /^[[【(（]?\s*(免责声明|版权声明|特别声明|声明)/.test(text))) {
      notices.push(text);
      lifted = true;
    } else {
      const meta = parseMetaLine(text);
      const credit = text.length <= MAX_CREDIT_LINE_CHARS && (meta.authors.length > 0 || meta.editors.length > 0) && (nearStart || nearEnd);
      if ((isMetaLine(text, meta) && (nearStart || nearEnd || text.length <= MAX_CREDIT_LINE_CHARS)) || credit) {
        if (meta.source && !out.source?.name) out.source = { name: meta.source, url: out.source?.url ?? null };
        addNames(out.authors, meta.authors);
        addNames(out.editors, meta.editors);
        if (!inBodyTableOrList(line.el, body)) out.published ??= findDate(text, CHINA_ZONE);
        lifted = true;
      } else if (nearStart && text.length <= 60) {
        const by = englishByline(text);
        if (by.length) {
          addNames(out.authors, by);
          lifted = true;
        }
      }
    }
    if (lifted) liftedLines.add(line);
    // An editor line can open a body (some CMSs print it first); the original link and a notice only close one.
    if (lifted && ((i >= BODY_EDGE_LINES && (ORIGINAL_LINK.test(text) || isDisclaimer(text))) || (i >= lines.length / 2 && EDITOR_START.test(text))))
      closedAt = i;
  });
  // The closing credits end the article: what follows them in the body is related links and the site footer.
  if (closedAt >= 0) {
    const rest = lines.slice(closedAt + 1).filter((l) => l.el.parentNode);
    const prose = rest.some((l) => l.text.length > MAX_TRAILING_LINE_CHARS && /[。！？]/.test(l.text) && !isSiteFooter(l.text));
    if (!prose) for (const l of rest) liftedLines.add(l);
  }
  // A block goes when every line in it was lifted (a <p> of two meta lines split by <br> included).
  const byBlock = new Map<Element, Line[]>();
  for (const l of lines) {
    // Appended in place: copying the list per line was quadratic in a block of many <br> lines (40,000: 11 s).
    const block = byBlock.get(l.el);
    if (block) block.push(l);
    else byBlock.set(l.el, [l]);
  }
  for (const [el, ls] of byBlock) {
    if (!ls.every((l) => liftedLines.has(l)) || !el.parentNode || el === body) continue;
    // Only a block whose whole text is those lines: a wrapper also holding other blocks' lines stays.
    if (squash(el.textContent ?? '') !== squash(ls.map((l) => l.text).join(''))) continue;
    el.remove();
    for (const l of ls) out.removed.push(l.text);
  }
  if (notices.length) out.disclaimer = notices.join('\n');
  // A body that is nothing but its headline or meta line is still the page's only text: keep it.
  if (!normalizeSpace(body.textContent ?? '')) {
    body.innerHTML = before;
    out.removed = [];
  }
  return out;
}
