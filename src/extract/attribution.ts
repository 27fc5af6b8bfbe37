/**
 * Who wrote, edited and first published the article, its date as the page shows it, and its
 * disclaimer — read from the lines around the headline and the body on the original page.
 * Lifting the same lines out of the extracted body is lift.ts.
 */
import type { NamedLinkT } from '../schema.js';
import { closingAuthors, datelineAuthors, englishByline, parseMetaLine, type MetaLine } from './bylines.js';
import { findDate, findYearlessDate, type FoundDate } from './dates.js';
import { bylineFromLine } from './names.js';
import { isDisclaimer, isDisclaimerHeading, isSiteFooter } from './disclaimer.js';
import { findLine, squash, type Line } from './lines.js';

export interface Lifted {
  source: NamedLinkT | null;
  authors: string[];
  editors: string[];
  /** The date as the page shows it, parsed. */
  published: FoundDate | null;
  disclaimer: string | null;
}

/** A meta line is short; a longer line that mentions 来源 is a paragraph. */
export const MAX_META_LINE_CHARS = 160;
/** A credit line standing alone ("新京报记者 陆一夫", "编辑 刘晓阳 校对 李铭"). */
export const MAX_CREDIT_LINE_CHARS = 40;
/** How many lines after the headline the meta line may sit (subtitle, share bar, breadcrumb repeats in between). */
const HEAD_ZONE_LINES = 12;
/** How many lines after the body editor lines, sources and notices may sit, before related links and footer. */
const TAIL_ZONE_LINES = 30;
/** Lines at each end of the body where credit lines are looked for. */
export const BODY_EDGE_LINES = 6;
/** How far from the body's end a closing credit （张三） is looked for, and how long its paragraph is at least. */
const CLOSING_SEARCH_LINES = 10;
const MIN_CLOSING_PARAGRAPH_CHARS = 20;
/** A notice under a heading is at least a sentence. */
const MIN_NOTICE_CHARS = 15;

export const ORIGINAL_LINK =
  /^\s*[[【(（]?\s*(原文链接|原文地址|原文网址|阅读原文|原文出处|Originally published at|This article (?:first|originally) appeared (?:in|on|at)|Source link)\s*[\]】)）]?\s*[：:]?\s*/i;

/** A line this long with sentence marks is a paragraph, unless it opens with a label. */
const MAX_UNPUNCTUATED_META_CHARS = 40;
const OPENS_WITH_LABEL = /^[\s(（[【]*(发布|发表|更新|时间|日期|来源|信息来源|稿件来源|作者|记者|编辑|责任编辑|责编|出处|發布|來源|編輯)/;

export function isMetaLine(text: string, meta: MetaLine): boolean {
  if (text.length > MAX_META_LINE_CHARS || !meta.labelled) return false;
  if (text.length > MAX_UNPUNCTUATED_META_CHARS && /[，。！？；]/.test(text) && !OPENS_WITH_LABEL.test(text)) return false;
  return Boolean(meta.dateText || findDate(text)) || meta.source !== null || meta.authors.length + meta.editors.length > 0;
}

export function addNames(into: string[], names: string[]) {
  for (const n of names) if (!into.includes(n)) into.push(n);
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
  /** Numeric dates put the month first (07/13/2024) on this page. */
  monthFirst?: boolean;
  /**
   * Dates in table cells and list items are rows and items, not the page's date. False keeps them: Chinese
   * government portals lay the whole page out in tables, their meta line in a cell.
   */
  skipTableDates?: boolean;
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

  // Head zone: the meta line under the headline.
  for (const line of head) {
    const text = line.text;
    if (text.length > MAX_META_LINE_CHARS) continue;
    const meta = parseMetaLine(text);
    // A sentence that mentions a date ("2018年3月20日，…表决通过了") is prose, not a meta line.
    const prose = !meta.labelled && text.length > 30 && /[，。；！？]/.test(text);
    const inTable = input.skipTableDates === true && inTableOrList(line.el);
    const date = prose || inTable ? null : (findDate(text, input.defaultZone, input.monthFirst) ?? findYearlessDate(text, input.knownDate, input.defaultZone));
    if (date && !out.published && !/(©|copyright|版权)/i.test(text)) out.published = date;
    if (meta.source && !out.source) out.source = { name: meta.source, url: null };
    if (meta.labelled || date) {
      addNames(out.authors, meta.authors);
      addNames(out.editors, meta.editors);
    }
    if (!meta.labelled && text.length <= MAX_CREDIT_LINE_CHARS) addNames(out.authors, englishByline(text));
    // "Posted by …", "geschrieben von …", "Par …", "Di …", "Por …": a byline line in the corpora's languages.
    if (!meta.labelled && out.authors.length === 0) addNames(out.authors, bylineFromLine(text));
    if (ORIGINAL_LINK.test(text)) out.source = { name: out.source?.name ?? '', url: linkOf(line, text) };
  }

  if (!out.published) {
    // A date split over several elements (<div>2019</div><div>09/07</div><div>19:02</div>).
    const joined = head
      .slice(0, 6)
      .filter((l) => l.text.length <= 12 && !(input.skipTableDates === true && inTableOrList(l.el)))
      .map((l) => l.text)
      .join(' ');
    out.published = findDate(joined, input.defaultZone, input.monthFirst);
    // A meta line set just above the headline (a duplicated headline element, table layouts).
    for (const line of h > 0 ? lines.slice(Math.max(0, h - 3), h) : []) {
      if (out.published) break;
      if (line.text.length <= MAX_META_LINE_CHARS && parseMetaLine(line.text).labelled)
        out.published = findDate(line.text, input.defaultZone, input.monthFirst);
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
    // "特别声明" alone, then the notice: a heading that is a link (a footer menu's 版权声明) introduces nothing.
    const next = tail[i + 1];
    if (isDisclaimerHeading(text) && line.linkChars === 0 && next && next.text.length >= MIN_NOTICE_CHARS && next.linkChars === 0) {
      notices.push(next.text);
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
    if (!out.published && meta.dateText) out.published = findDate(text, input.defaultZone, input.monthFirst);
  });
  if (tailSource && (!out.source?.name || !headSourceLabelled)) out.source = { name: tailSource, url: out.source?.url ?? null };
  // A credit line of its own far below the headline, when the body could not be placed on the page.
  if (out.authors.length === 0 && e < 0) {
    for (const line of lines.slice(Math.max(0, h + 1))) {
      if (line.text.length > MAX_CREDIT_LINE_CHARS || line.linkChars > 0 || !AUTHOR_START.test(line.text)) continue;
      addNames(out.authors, parseMetaLine(line.text).authors);
      if (out.authors.length) break;
    }
  }
  // An editor line far below the article (after related links) still names the article's editor.
  if (out.editors.length === 0) {
    for (const line of lines.slice(Math.max(0, h + 1))) {
      if (line.text.length > MAX_CREDIT_LINE_CHARS * 2 || !(EDITOR_START.test(line.text) || /(责任编辑|责编)\s*[：:]/.test(line.text))) continue;
      addNames(out.editors, parseMetaLine(line.text).editors);
      if (out.editors.length) break;
    }
  }
  // The closing credit ends the last paragraph; chrome still in the body (收藏成功, 知道了) may follow it.
  for (const line of bodyLines.slice(-CLOSING_SEARCH_LINES).reverse()) {
    if (out.authors.length) break;
    if (line.text.length < MIN_CLOSING_PARAGRAPH_CHARS) continue;
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

function inTableOrList(el: Element): boolean {
  for (let p: Element | null = el; p; p = p.parentElement) if (p.localName === 'td' || p.localName === 'th' || p.localName === 'li') return true;
  return false;
}

const AUTHOR_START = /^[\s(（[【]*(采写|作者|撰文|执笔|記者|记者)\s*[：:|｜丨/]/;
export const EDITOR_START = /^[\s(（[【]*(责任编辑|责编|编辑)\s*[：:|｜丨/]/;
/** Words around an unlabelled outlet name in a meta line: platform badges, tools and counters. */
const META_JUNK =
  /^(原创|独家|企鹅号|头条号|百家号|网易号|大风号|澎湃号|搜狐号|一点号|订阅|关注|\+关注|分享|评论|举报|收藏|字号|字体|A-|A|A\+|\d+|\d+条评论|\d+次阅读|\[?整理\]?|\[?转载\]?|来自|发布|昨天|前天|今天|刚刚|\d+(分钟|小时|天)前)$/;
/** Endings of outlet names: 新华社, 北京日报, 中国网, 东方卫视… */
const OUTLET_END = /(社|报|网|台|新闻|日报|晚报|周刊|杂志|卫视|电视台|客户端|时报|频道|传媒)$/;

/**
 * The outlet printed next to the date without a label ("原创 南方都市报 2019-09-09 16:01:46",
 * "2019年09月07日 04:04 北京日报", "金融市场 棱镜 2019-09-23 07:48"), or alone under the headline ("新华社").
 */
function unlabelledSource(head: Line[], date: FoundDate | null): string | null {
  if (date) {
    const joined = head
      .slice(0, 6)
      .map((l) => l.text)
      .join(' ');
    const line = head.find((l) => l.text.includes(date.text.trim().slice(0, 10)));
    const text =
      line && line.text.length <= 60 && !parseMetaLine(line.text).labelled
        ? line.text
        : /^\S{1,8}(\s\S{1,8}){1,6}$/.test(joined) && !parseMetaLine(joined).labelled
          ? joined
          : null;
    if (text) {
      const dm = /\d{4}\s*[-/.年\s]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?(?:\s*\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?/.exec(text);
      const tokens = (s: string) =>
        s
          .split(/[\s|｜丨]+/)
          .map((t) => t.replace(/\[(整理|转载|原创)\]$/, ''))
          .filter((t) => t && !META_JUNK.test(t));
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
