/**
 * Who wrote, edited and first published the article, its date as the page shows it, and its
 * disclaimer — read from the lines around the headline and the body on the original page, and
 * lifted out of the extracted body (meta line, 原文链接, editor lines, notices, 打印/关闭, 分享到…).
 */
import type { NamedLinkT } from '../schema.js';
import { closingAuthors, datelineAuthors, englishByline, parseMetaLine, type MetaLine } from './bylines.js';
import { findDate, findYearlessDate, type FoundDate } from './dates.js';
import { isDisclaimer, isDisclaimerHeading, isSiteFooter } from './disclaimer.js';
import { findLine, squash, textLines, type Line } from './lines.js';
import { normalizeSpace } from './text.js';
import { CAPTION_ATTR } from './clean.js';

export interface Lifted {
  source: NamedLinkT | null;
  authors: string[];
  editors: string[];
  /** The date as the page shows it, parsed. */
  published: FoundDate | null;
  disclaimer: string | null;
}

/** A note after the last paragraph: （资料来源：…）, (本文来自澎湃新闻…), （实习生…对此文亦有贡献）, 信息来源于网络. */
const TAIL_NOTE = /^([（(][^（()）]{0,12}(来源|来自|贡献|综合|整理|编译|供稿|参考)[^（()）]{0,80}[)）]|信息来源于网络|(本文|文章|图片)(来源|来自)于?网络.{0,20})$/;
/** Lines that end a story and start a list of older ones: 此前报道：…, 延伸阅读… */
const RELATED_START = /^(此前报道|相关报道|延伸阅读|推荐阅读|相关阅读|相关新闻|往期回顾|更多精彩)\s*[：:]?/;
/** "经过文刃重新编排": a WeChat account's re-editor. */
const REEDITED = /^经过?\s*(\S{1,12}?)\s*重新编排$/;
/** A photo caption line: …（刘通摄）, 沙坪坝区公安分局供图, 视频截图, 视觉中国 资料, 图为…, ▲… */
const CAPTION = /^(图为|▲|图：|图\/|上图|下图|左图|右图)|(摄|供图|截图|\s资料图?|视觉中国\s*资料|图片来[自源][:：]?.{0,20}|视觉中国|新华社发|图源[:：]?.{0,20})\s*[)）]?\s*[。.]?$/;

/** The image a caption line sits under: in the same block, or in the block just before it. */
function imageBefore(el: Element): Element | null {
  const own = el.querySelectorAll('img');
  if (own.length) return own[own.length - 1]!;
  let prev = el.previousElementSibling;
  for (let i = 0; prev && i < 2; i++, prev = prev.previousElementSibling) {
    if ((prev.textContent ?? '').trim()) break;
    const imgs = prev.tagName === 'IMG' ? [prev] : Array.from(prev.querySelectorAll('img'));
    if (imgs.length) return imgs[imgs.length - 1]!;
  }
  return null;
}

/** Longest caption line. */
const MAX_CAPTION_CHARS = 60;
/** "原创： 路闻卓立编译 人民币交易与研究": a reposted WeChat credit (writer, then the account). */
const REPOST_CREDIT = /^原创\s*[：:]\s*(\S{2,12}?)(?:编译|编辑|整理)?\s+\S{2,20}$/;

/** A meta line is short; a longer line that mentions 来源 is a paragraph. */
const MAX_META_LINE_CHARS = 160;
/** A credit line standing alone ("新京报记者 陆一夫", "编辑 刘晓阳 校对 李铭"). */
const MAX_CREDIT_LINE_CHARS = 40;
/** How many lines after the headline the meta line may sit (subtitle, share bar, breadcrumb repeats in between). */
const HEAD_ZONE_LINES = 12;
/** How many lines after the body editor lines, sources and notices may sit, before related links and footer. */
const TAIL_ZONE_LINES = 30;
/** After the closing credits, a line this long with sentence marks is still article (a postscript), not chrome. */
const MAX_TRAILING_LINE_CHARS = 100;
/** Lines at each end of the body where credit lines are looked for. */
const BODY_EDGE_LINES = 6;

const ORIGINAL_LINK = /^\s*[\[【(（]?\s*(原文链接|原文地址|原文网址|阅读原文|原文出处|Originally published at|This article (?:first|originally) appeared (?:in|on|at)|Source link)\s*[\]】)）]?\s*[：:]?\s*/i;
const ORIGINAL_TITLE = /^\s*[（(【\[]?\s*(原标题|原题为?|本文原标题|原文标题)\s*[：:《]/;
/** Reader tools and counters that sit in or under articles. */
const TOOL_LINE = /^(您的浏览器(暂时)?(无法|不支持)播放.{0,20}|.{0,24}(>>|》》)|相关(资讯|阅读|新闻|链接|报道)请关注.{0,30})$|^(【?\s*(打印本页|打印此页|打印|关闭窗口|关闭|收藏|返回顶部|保存|纠错)\s*】?\s*)+$|^字[体号]\s*[：:]?\s*[【\[]?\s*[大中小]|^分享(到|至)|^上一篇|^下一篇|^(浏览|阅读|点击|访问)(次数|数|量|人次)?\s*[：:]\s*\d+\s*次?$|^\d+\s*(次阅读|人阅读|次浏览)$/;

/** A line this long with sentence marks is a paragraph, unless it opens with a label. */
const MAX_UNPUNCTUATED_META_CHARS = 40;
const OPENS_WITH_LABEL = /^[\s(（\[【]*(发布|发表|更新|时间|日期|来源|信息来源|稿件来源|作者|记者|编辑|责任编辑|责编|出处|發布|來源|編輯)/;

function isMetaLine(text: string, meta: MetaLine): boolean {
  if (text.length > MAX_META_LINE_CHARS || !meta.labelled) return false;
  if (text.length > MAX_UNPUNCTUATED_META_CHARS && /[，。！？；]/.test(text) && !OPENS_WITH_LABEL.test(text)) return false;
  return Boolean(meta.dateText || findDate(text)) || meta.source !== null || meta.authors.length + meta.editors.length > 0;
}

function addNames(into: string[], names: string[]) {
  for (const n of names) if (!into.includes(n)) into.push(n);
}

export interface BodyLift extends Lifted {
  /** Texts of the lines taken out of the body, for finding them on the original page. */
  removed: string[];
}

/**
 * Lifts attribution out of `body` (the extraction's own container, changed in place). Only
 * lines that are wholly meta, credit, notice or tool lines go; a paragraph that merely mentions
 * a source stays.
 */
export function liftFromBody(body: Element, title: string | null): BodyLift {
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
    } else if ((nearStart || nearEnd || imageBefore(line.el)) && text.length <= MAX_CAPTION_CHARS && CAPTION.test(text) && !/[，,]/.test(text.slice(0, -8))) {
      // The caption moves to its image (images[].caption) instead of staying in the text.
      imageBefore(line.el)?.setAttribute(CAPTION_ATTR, text);
      lifted = true;
    } else if (nearStart && text.length <= 24 && findDate(text) && /^[\d\s\-/.:：年月日时分秒星期一二三四五六日天]+$/.test(text)) {
      // a date alone above the text (press releases, notices): the meta line in its own paragraph
      out.published ??= findDate(text, '+08:00');
      lifted = true;
    }
    else if (ORIGINAL_LINK.test(text) && text.length <= MAX_META_LINE_CHARS) {
      const a = line.el.querySelector('a[href]');
      const href = a?.getAttribute('href') ?? text.replace(ORIGINAL_LINK, '').trim().split(/\s/)[0] ?? '';
      // "Originally published at <a>Mill Street Notes</a>": the link text names the outlet.
      const linkText = (a?.textContent ?? '').trim();
      const name = out.source?.name || (linkText && !/^https?:|^www\./i.test(linkText) ? linkText.replace(/[.。]$/, '') : '');
      out.source = { name, url: /^https?:\/\//.test(href) ? href : null };
      lifted = true;
    } else if (isDisclaimerHeading(text) && nearEnd) {
      lifted = true;
    } else if (isDisclaimer(text) && (nearEnd || /^[\[【(（]?\s*(免责声明|版权声明|特别声明|声明)/.test(text))) {
      notices.push(text);
      lifted = true;
    } else {
      const meta = parseMetaLine(text);
      const credit = text.length <= MAX_CREDIT_LINE_CHARS && (meta.authors.length > 0 || meta.editors.length > 0) && (nearStart || nearEnd);
      if (isMetaLine(text, meta) && (nearStart || nearEnd || text.length <= MAX_CREDIT_LINE_CHARS) || credit) {
        if (meta.source && !out.source?.name) out.source = { name: meta.source, url: out.source?.url ?? null };
        addNames(out.authors, meta.authors);
        addNames(out.editors, meta.editors);
        out.published ??= findDate(text, '+08:00');
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
    if (lifted && ((i >= BODY_EDGE_LINES && (ORIGINAL_LINK.test(text) || isDisclaimer(text))) || (i >= lines.length / 2 && EDITOR_START.test(text)))) closedAt = i;
  });
  // The closing credits end the article: what follows them in the body is related links and the site footer.
  if (closedAt >= 0) {
    const rest = lines.slice(closedAt + 1).filter((l) => l.el.parentNode);
    const prose = rest.some((l) => l.text.length > MAX_TRAILING_LINE_CHARS && /[。！？]/.test(l.text) && !isSiteFooter(l.text));
    if (!prose) for (const l of rest) liftedLines.add(l);
  }
  // A block goes when every line in it was lifted (a <p> of two meta lines split by <br> included).
  const byBlock = new Map<Element, Line[]>();
  for (const l of lines) byBlock.set(l.el, [...(byBlock.get(l.el) ?? []), l]);
  for (const [el, ls] of byBlock) {
    if (!ls.every((l) => liftedLines.has(l)) || !el.parentNode || el === body) continue;
    // Only a block whose whole text is those lines: a wrapper also holding other blocks' lines stays.
    if (squash(el.textContent ?? '') !== squash(ls.map((l) => l.text).join(''))) continue;
    el.remove();
    out.removed.push(...ls.map((l) => l.text));
  }
  if (notices.length) out.disclaimer = notices.join('\n');
  // A body that is nothing but its headline or meta line is still the page's only text: keep it.
  if (!normalizeSpace(body.textContent ?? '')) {
    body.innerHTML = before;
    out.removed = [];
  }
  return out;
}

export interface PageInput {
  lines: Line[];
  /** Index of the headline line, or -1. */
  headline: number;
  /** First and last lines of the extracted body text. */
  bodyFirst: string | null;
  bodyLast: string | null;
  /** A date known from meta tags or the URL, to complete a date printed without its year. */
  knownDate: string | null;
  defaultZone: string | null;
}

/** Reads the page's own lines around the headline and body. */
export function readPage(input: PageInput): Lifted & { bodyStart: number; bodyEnd: number } {
  const { lines, headline: h } = input;
  const out: Lifted = { source: null, authors: [], editors: [], published: null, disclaimer: null };
  let b = input.bodyFirst ? findLine(lines, input.bodyFirst, h + 1) : -1;
  if (b < 0 && input.bodyFirst && h >= 0) b = findLine(lines, input.bodyFirst, 0);
  let e = -1;
  if (input.bodyLast) {
    const want = squash(input.bodyLast);
    for (let i = lines.length - 1; i >= Math.max(0, b); i--) {
      const s = squash(lines[i]!.text);
      if (s === want || (s.length >= 4 && s.endsWith(want.slice(-Math.min(want.length, 30))))) {
        e = i;
        break;
      }
    }
  }
  const headFrom = h >= 0 ? h + 1 : Math.max(0, b - 8);
  const headTo = b > headFrom ? Math.min(b, headFrom + HEAD_ZONE_LINES) : h >= 0 ? Math.min(lines.length, headFrom + 8) : headFrom;
  const head = lines.slice(headFrom, headTo);
  const tailFrom = e >= 0 ? e + 1 : -1;
  const tail: Line[] = [];
  if (tailFrom >= 0) {
    for (let i = tailFrom; i < Math.min(lines.length, tailFrom + TAIL_ZONE_LINES); i++) {
      const text = lines[i]!.text;
      if (isSiteFooter(text) && !isDisclaimer(text)) break;
      tail.push(lines[i]!);
    }
  }
  const bodyLines = b >= 0 && e >= b ? lines.slice(b, e + 1) : [];
  if (process.env.ARCHIVIST_DEBUG) console.error(`attribution: headline ${h} body ${b}..${e} head ${headFrom}..${headTo} tail ${tail.length}`);

  // Head zone: the meta line under the headline.
  for (const line of head) {
    const text = line.text;
    if (text.length > MAX_META_LINE_CHARS) continue;
    const meta = parseMetaLine(text);
    // A sentence that mentions a date ("2018年3月20日，…表决通过了") is prose, not a meta line.
    const prose = !meta.labelled && text.length > 30 && /[，。；！？]/.test(text);
    const date = prose ? null : (findDate(text, input.defaultZone) ?? findYearlessDate(text, input.knownDate, input.defaultZone));
    if (date && !out.published && !/(©|copyright|版权)/i.test(text)) out.published = date;
    if (meta.source && !out.source) out.source = { name: meta.source, url: null };
    if (meta.labelled || date) {
      addNames(out.authors, meta.authors);
      addNames(out.editors, meta.editors);
    }
    if (!meta.labelled && text.length <= MAX_CREDIT_LINE_CHARS) addNames(out.authors, englishByline(text));
    if (ORIGINAL_LINK.test(text)) out.source = { name: out.source?.name ?? '', url: linkOf(line, text) };
  }

  if (!out.published) {
    // A date split over several elements (<div>2019</div><div>09/07</div><div>19:02</div>).
    const joined = head.slice(0, 6).filter((l) => l.text.length <= 12).map((l) => l.text).join(' ');
    out.published = findDate(joined, input.defaultZone);
    // A meta line set just above the headline (a duplicated headline element, table layouts).
    for (const line of h > 0 ? lines.slice(Math.max(0, h - 3), h) : []) {
      if (out.published) break;
      if (line.text.length <= MAX_META_LINE_CHARS && parseMetaLine(line.text).labelled) out.published = findDate(line.text, input.defaultZone);
    }
  }
  if (out.authors.length === 0) {
    // "石佳/中国青年报": a writer and the outlet, alone under the headline.
    for (const line of head) {
      if (parseMetaLine(line.text).labelled) continue;
      const m = /^([\u4e00-\u9fff·]{2,6})\s*[/／]\s*([^\s/／]{2,16})$/.exec(line.text);
      if (m) {
        addNames(out.authors, [m[1]!]);
        out.source ??= { name: m[2]!, url: null };
        break;
      }
    }
  }

  const headSourceLabelled = Boolean(out.source?.name);
  if (!out.source) {
    const name = unlabelledSource(head, out.published);
    if (name) out.source = { name, url: null };
  }
  // The dateline and the closing credit inside the body.
  if (bodyLines.length) {
    for (const line of bodyLines.slice(0, 3)) addNames(out.authors, datelineAuthors(line.text));
    for (const line of [...bodyLines.slice(0, BODY_EDGE_LINES), ...bodyLines.slice(-BODY_EDGE_LINES)]) {
      if (line.text.length > MAX_CREDIT_LINE_CHARS) continue;
      const meta = parseMetaLine(line.text);
      if (meta.labelled) {
        addNames(out.authors, meta.authors);
        addNames(out.editors, meta.editors);
      }
    }
  }

  // Tail zone: editor lines, closing credits, a source line, the original link, notices.
  const notices: string[] = [];
  let tailSource: string | null = null;
  let tailAuthors = false;
  tail.forEach((line, i) => {
    const text = line.text;
    if (isDisclaimerHeading(text) && tail[i + 1]) {
      notices.push(tail[i + 1]!.text);
      return;
    }
    if (isDisclaimer(text)) {
      if (!notices.includes(text)) notices.push(text);
      // "版权声明 来源：当代商报 时间：…": a notice box may carry the source.
      tailSource ??= parseMetaLine(text).source;
      return;
    }
    if (ORIGINAL_LINK.test(text)) {
      out.source = { name: out.source?.name ?? '', url: linkOf(line, text) };
      return;
    }
    if (text.length > MAX_META_LINE_CHARS || line.linkChars > text.length * 0.5) return;
    const meta = parseMetaLine(text);
    if (!meta.labelled) return;
    addNames(out.editors, meta.editors);
    // The first credit line after the body names the writers; later ones repeat or pad them.
    if (text.length <= MAX_CREDIT_LINE_CHARS * 2 && !tailAuthors) {
      addNames(out.authors, meta.authors);
      tailAuthors = meta.authors.length > 0;
    }
    tailSource ??= meta.source;
    if (!out.published && meta.dateText) out.published = findDate(text, input.defaultZone);
  });
  if (tailSource && (!out.source?.name || !headSourceLabelled)) out.source = { name: tailSource, url: out.source?.url ?? null };
  // An editor line far below the article (after related links) still names the article's editor.
  if (out.editors.length === 0) {
    for (const line of lines.slice(Math.max(0, h + 1))) {
      if (line.text.length > MAX_CREDIT_LINE_CHARS * 2 || !(EDITOR_START.test(line.text) || /(责任编辑|责编)\s*[：:]/.test(line.text))) continue;
      addNames(out.editors, parseMetaLine(line.text).editors);
      if (out.editors.length) break;
    }
  }
  for (const line of bodyLines.slice(-3).reverse()) {
    if (out.authors.length) break;
    addNames(out.authors, closingAuthors(line.text));
  }
  // A notice can sit far below the body (above the footer, after related links, or past a body
  // end this page did not let us place): taken from anywhere after the headline, outside link lists.
  for (let i = Math.max(0, h + 1); i < lines.length; i++) {
    const line = lines[i]!;
    if (line.linkChars > line.text.length * 0.3 || notices.includes(line.text)) continue;
    if (isDisclaimer(line.text)) notices.push(line.text);
  }
  if (notices.length) out.disclaimer = notices.join('\n');
  return { ...out, bodyStart: b, bodyEnd: e };
}

const EDITOR_START = /^[\s(（\[【]*(责任编辑|责编|编辑)\s*[：:|｜丨/]/;
/** Words around an unlabelled outlet name in a meta line: platform badges, tools and counters. */
const META_JUNK = /^(原创|独家|企鹅号|头条号|百家号|网易号|大风号|澎湃号|搜狐号|一点号|订阅|关注|\+关注|分享|评论|举报|收藏|字号|字体|A-|A|A\+|\d+|\d+条评论|\d+次阅读|\[?整理\]?|\[?转载\]?|来自|发布|昨天|前天|今天|刚刚|\d+(分钟|小时|天)前)$/;
/** Endings of outlet names: 新华社, 北京日报, 中国网, 东方卫视… */
const OUTLET_END = /(社|报|网|台|新闻|日报|晚报|周刊|杂志|卫视|电视台|客户端|时报|频道|传媒)$/;

/**
 * The outlet printed next to the date without a label ("原创 南方都市报 2019-09-09 16:01:46",
 * "2019年09月07日 04:04 北京日报", "金融市场 棱镜 2019-09-23 07:48"), or alone under the headline ("新华社").
 */
function unlabelledSource(head: Line[], date: FoundDate | null): string | null {
  if (date) {
    const joined = head.slice(0, 6).map((l) => l.text).join(' ');
    const line = head.find((l) => l.text.includes(date.text.trim().slice(0, 10)));
    const text = line && line.text.length <= 60 && !parseMetaLine(line.text).labelled ? line.text : /^\S{1,8}(\s\S{1,8}){1,6}$/.test(joined) && !parseMetaLine(joined).labelled ? joined : null;
    if (text) {
      const dm = /\d{4}\s*[-/.年\s]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?(?:\s*\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?/.exec(text);
      const tokens = (s: string) => s.split(/[\s|｜丨]+/).map((t) => t.replace(/\[(整理|转载|原创)\]$/, '')).filter((t) => t && !META_JUNK.test(t));
      const after = dm ? tokens(text.slice(dm.index + dm[0].length)) : [];
      const before = dm ? tokens(text.slice(0, dm.index)) : [];
      // One name beside the date is the outlet; several are the writers (环球网: "2020-06-05 20:35 叨叨姐 胡一刀").
      const pick = after.length === 1 ? after[0] : after.length === 0 ? before[before.length - 1] : undefined;
      if (pick && pick.length >= 2 && pick.length <= 20 && !/^\d/.test(pick)) return pick;
    }
  }
  for (const line of head.slice(0, 3)) {
    if (line.text.length <= 12 && OUTLET_END.test(line.text) && !/\s/.test(line.text)) return line.text;
  }
  return null;
}

function linkOf(line: Line, text: string): string | null {
  const href = line.el.querySelector('a[href]')?.getAttribute('href') ?? text.replace(ORIGINAL_LINK, '').trim().split(/\s/)[0] ?? '';
  return /^https?:\/\//.test(href) ? href : null;
}

