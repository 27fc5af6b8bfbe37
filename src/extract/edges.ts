/**
 * Edge trimming: the chosen body container usually starts and ends a few lines away from the
 * article — a 原标题 line, a caption, a byline or a promo link above; editor, reporter and source
 * lines, "related" links and app promos below. Readability keeps them because they sit in the
 * same container. Runs after the attribution stage has read what it needs from those lines.
 */
import { findDate, findShortYearDate } from './dates.js';
import { normalizeSpace } from './text.js';
import { elementsWithAttribute, elementsWithTag, firstWithAttribute, firstWithTag } from '../common/tag-walk.js';

/** Attribute the cleaner sets on centred blocks (Readability drops style and align). */
export const CENTERED_ATTR = 'data-archivist-centered';

/** Lines that are never the first line of an article body. */
const LEADING_JUNK: RegExp[] = [
  /^[(（【]?\s*(本文)?原标题\s*[：:]/, // the print headline, not body
  /^[(（【]?\s*原题\s*[为：:]/,
  /^(摘要|导语|内容提要|核心提示|划重点)\s*[：:]?/, // lead boxes; their text repeats the body
  /^您的浏览器(暂时)?(无法|不支持)播放/, // video placeholders
  /^(自动播放|视频加载中|点击播放)/,
  /^(点击|扫码)(进入|查看|下载|关注)/, // promo links
  /^(安装|下载)\S{0,12}(客户端|APP)/i,
  /^(skip to (main )?content|advertisement|advert|scroll to continue)$/i,
  /^(图集|组图|高清组图|视频|专题|详细|全文)$/, // section labels and widget tabs above the story
  /^(相关新闻|相关阅读|相关报道|延伸阅读|推荐阅读)\s*[：:]?$/, // a related box above the story; its links follow
  /^(您所在的位置|您的位置|当前位置|所在位置|当前所在|位置)\s*[：:]/, // breadcrumbs
  /^(\d+\s*min(ute)?s?\s+read|(reading time|read time|lesezeit|tempo de leitura|temps de lecture|tiempo de lectura)\s*[:：]?\s*\d+\s*\S{0,12})$/i,
  /^this (post|article|page|story) (may )?contains? (affiliate|referral|sponsored)\b/i, // a blog's disclosure, above the post
];

/** App and account promos, above or below the story. */
const PROMO =
  /(【点击\S{0,6}】|下载客户端|客户端下载|扫描下方二维码|扫描二维码|扫码关注|长按(识别)?二维码|关注\S{0,12}(微信|公众号)|点【在看】|点个在看|分享给朋友|^\d+[、.]\s*回复【|^点击菜单栏|^看都看完了)/;
/** Longest promo line: app promos are one or two sentences. */
const PROMO_MAX_CHARS = 120;
/** A meta line (date, source, author, views) that the attribution stage did not lift. */
const META_LINE = /(发布时间|发布日期|发表时间|更新时间|时间|日期|来源|作者|浏览|阅读|点击)\s*[：:]/;
const META_LINE_MAX_CHARS = 80;

/** The label of a lead box whose points follow as a list. */
const SUMMARY_LABEL = /^(摘要|导语|内容提要|核心提示|划重点)\s*[：:]?$/;

/** Lines that are never the last line of an article body. */
const TRAILING_JUNK: RegExp[] = [
  /^[(（【[]?\s*(责任编辑|责编|编辑|校对|审核|审校|监制|值班编辑|实习编辑|美编|排版|策划|统筹|编审)\s*[：:|丨｜/\s]/,
  /^[(（【[]?\s*(原标题|原题为?|本文原标题)\s*[：:《]/,
  /^[(（【[]?\s*(资料来源|信息来源|文章来源|稿件来源|本文来源|来源|出处)\s*[：:|丨｜\s]/,
  /^[(（]\s*(综合整理自|综合自|本文来自|本文转自|转自|编译自)/,
  /^[(（]?\s*本文(来自|转自|系|为)\S{0,20}(客户端|APP|网|号|原创)/i,
  /^[(（]\s*实习生\S{1,20}(对此文亦有贡献|亦有贡献)[)）]$/,
  /^(采写|撰文|执笔|文字|摄影|图片|视频|文\/图|图\/文)\s*[：:|丨｜/]/,
  /^\S{0,12}(见习)?记者\s*[\u4e00-\u9fff·]{2,4}(\s+[\u4e00-\u9fff·]{2,4}){0,3}$/, // "新京报记者 陆一夫"
  /^(相关资讯|相关阅读|相关新闻|延伸阅读|推荐阅读|此前报道|点击进入专题|更多精彩|热门推荐)/,
  /[【[](详细|详情|全文)[】\]]$/, // a teaser of another story, ending in the link to it: "…提供有益启示。 【详细】"
  /^(图片|信息)(均)?来(自|源于)网络/,
  /^经过\S{1,10}重新编排$/,
  /^-?\s*THE END\s*-?$/i,
  /^(tags?|filed under|categories|topics|you may like these posts|share this story)\s*:?$/i,
  /^(tags?|filed under|categories|topics)\s*:\s*\S.{0,100}$/i, // "Filed under: Politics |": the post's categories, below it
  /^.{0,200}\bcontributed( reporting| to this (report|story|article))\b.{0,60}$/i, // "Keith Bradsher contributed reporting from Hong Kong."
  /^additional reporting by\b.{0,100}$/i,
  // Addresses as [^\s@]+@[^\s@]+: with \S+ on both sides a long run of "a@a@a@…" backtracked quadratically.
  /^write to .{1,60} at [^\s@]+@[^\s@]+$/i, // the reporter's address below a story
  /^([^\s@]+@[^\s@]+\.[a-z]{2,}|(www\.)?(twitter|x|facebook|instagram)\.com\/\S+|@\w{2,30})$/i, // an address or a handle alone on a line
  /^(follow|subscribe to|listen to|sign up for)\b.{0,100}\b(twitter|facebook|instagram|youtube|newsletter|podcast|channel|live)\b.{0,60}$/i, // promos for the outlet's channels
  /^(返回\S{1,8}首页|read more\b|related:|tell us what you think|comments?|share this( article)?)/i,
  /^[(（【[]?\s*(免责声明|版权声明|特别声明|郑重声明|声明)\s*[：:】\]]/, // when the attribution stage left it in
  /^(转载请注明|未经授权|版权所有|本文为\S{0,20}原创)/,
  /^(©|\(c\)|copyright\b)\s*(\d{4}|\S+\s+\d{4})/i, // "© 2025 Verlag · Impressum · Datenschutz", "Copyright 2024 Example Media"
  /(供稿|通讯员)[\s\S]{0,20}(摄影|编辑)\s*[/／:：]/,
  /^\S{0,12}(公众号|官方微信|官方微博)$/, // "新浪财经公众号": an account card's label
  /^[\u4e00-\u9fff·]{2,4}$/, // a name or a label alone on the last line: credits, not prose
  /^[^\p{L}\p{N}]+$/u, // "#", "▲", rules and ornaments
];

/**
 * The label of a box of other things than the story, on a line of its own: the author's card,
 * more stories. What follows it is the box's items: below the story, full sentences the line
 * rules cannot tell from the story's own (trimEdges); inside it, lists of links (clean.ts).
 */
export const BOX_LABEL =
  /^(about the author|more|more from\b.{0,30}|more (great |top )?\S{0,20}\s?stories|related( stories| articles| posts| coverage| content)?|see also|you (may|might) also like|recommended( for you| stories)?|相关新闻|相关阅读|相关文章|推荐阅读|延伸阅读|热门推荐|为你推荐|猜你喜欢)\s*[:：]?$/i;
const BOX_LABEL_MAX_CHARS = 40;

/** Caption lines: photo credits and "图为" captions, kept only when inside the body. */
const CAPTION = /(^图为|^▲|^图\s*[：:]|[（(]\S{0,12}摄[）)]$|\S摄$|供图|视频截图|资料图|资料$|图片来源|视觉中国|^\d+of\d+)/;
/** A caption or credit is one short line; longer text is a paragraph that mentions a photo. */
const CAPTION_MAX_CHARS = 80;
/** Bylines and date lines above the body: short, with a label. */
const BYLINE = /^([【[(（]?\s*(文|作者|记者|执笔|撰文|采写|编译|原创)\s*[/／:：丨|]|\S{0,12}(记者|作者)\s|by\s+[A-Z])/i;
const BYLINE_MAX_CHARS = 40;
/** A line that is only a date and time. */
const DATE_LINE = /^(published|updated|posted|发布于|发表于|更新于)?[\s:：]*[\d\s\-/:.,年月日时分秒]+(am|pm|[A-Z]{2,4})?$/i;
const SIGNATURE_DATE = /^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$/;
/** Words of an English date line: months, weekdays, times, and the labels around them. */
const MONTH = /^(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sept?(ember)?|oct(ober)?|nov(ember)?|dec(ember)?)$/i;
const DATE_WORD =
  /^(mon(day)?|tue(s(day)?)?|wed(nesday)?|thu(rs(day)?)?|fri(day)?|sat(urday)?|sun(day)?|published|updated|posted|last|by|at|on|am|pm|a\.m|p\.m|\d{1,4}(st|nd|rd|th)?|\d{1,2}:\d{2}(:\d{2})?)$/i;
/** A time zone: upper case only, or "the" and "and" would pass. */
const TIME_ZONE = /^[A-Z]{2,4}$/;
const DATE_LINE_MAX_CHARS = 80;

/**
 * "Updated 10:01 pm PST, Tuesday, November 19, 2019", "Nov. 20, 2019 5:52 AM EST", "October 06, 2018":
 * a line of nothing but date and time words, with a month or a clock time in it.
 */
function isEnglishDateLine(text: string): boolean {
  if (text.length > DATE_LINE_MAX_CHARS || !/\d/.test(text)) return false;
  let dated = false;
  for (const raw of text.split(/[\s,|/()\u2013\u2014-]+/)) {
    if (!raw) continue;
    const word = raw.replace(/\.$/, '');
    if (MONTH.test(word) || /\d:\d/.test(word)) dated = true;
    else if (!DATE_WORD.test(word) && !TIME_ZONE.test(word)) return false;
  }
  return dated;
}
/**
 * "Party, 14.07.23", "Sport | 12. März 2022", "Bonn, 11.10.2021": a short line of a date and one word (its section
 * or place) above the headline or the text. A sentence ends with a full stop and has more words.
 */
function isSectionDateLine(text: string): boolean {
  // A post header ends in the post's number ("Noah_B May 4, 2022, 3:47pm 1", "#1"): its poster is content.
  if (text.length > BYLINE_MAX_CHARS || FULL_STOP_END.test(text) || /#|\s\d{1,3}$/.test(text)) return false;
  const d = findDate(text) ?? findShortYearDate(text);
  if (!d) return false;
  const at = text.indexOf(d.text);
  // A date with a month name is given with the text after it: it ends at its year.
  const year = at < 0 ? null : /\d{4}/.exec(text.slice(at));
  const end = at < 0 ? 0 : /\p{L}/u.test(d.text) && year ? at + year.index + 4 : at + d.text.length;
  const rest = at < 0 ? text : text.slice(0, at) + text.slice(end);
  // Digits left over are a post's number or a version ("Noah_B May 4, 2022, 3:47pm 1", "2024.4.4 → 2024.5.0").
  if (/\d/.test(rest)) return false;
  // One word beside the date is its section or place; two may be a name ("11.12.2019 - Amelie Loevenich").
  return rest.split(/[\s,|·•\-–—/]+/).filter((w) => /\p{L}/u.test(w)).length <= 1;
}
/** A centred short line at the top is a caption, a date or a speaker line, not a paragraph. */
const CENTERED_MAX_CHARS = 60;
/** A short line that is mostly link text, at an edge, is navigation, a promo or a related headline. */
const LINK_LINE_SHARE = 0.6;
/** Longer linked text is a linked sentence of the article, not a menu item or a headline. */
const LINK_LINE_MAX_CHARS = 60;
/**
 * A body whose text is at least this share link lines is a list of links (search results, a
 * listing, a table of contents): its linked lines are its content, and none is trimmed as a link line.
 */
const LINK_LIST_BODY_SHARE = 0.5;
/**
 * Never trim more than this share of the body's text: trimming fixes edges, and a body that
 * would lose more than half to these rules is better left whole than emptied.
 */
const MAX_TRIM_SHARE = 0.5;
/** Two lines whose character bigrams overlap this much say the same thing (a repeated headline). */
const SAME_LINE_DICE = 0.5;
/** A site footer's legal links, left at the end of a body: "Impressum · Datenschutz", "Privacy Policy | Terms of Use". */
const FOOTER_LINKS = /\b(impressum|datenschutz|all rights reserved|privacy policy|terms of (use|service)|mentions légales|tous droits réservés)\b/i;
const FOOTER_LINE_MAX_CHARS = 120;
/** Longest top line read as a byline by the author names it holds. */
const BYLINE_LINE_MAX_CHARS = 100;
/** Words that introduce a byline, in the languages of the fixtures and corpora. */
const BYLINE_WORD = /(^|[\s·|,])(by|von|par|por|di|door|av|af|written by|text:|作者|记者|文)\s*[:：]?\s/i;
const FULL_STOP_END = /[.。]["'”’)）]?$/;
/** Rather than recursing forever into pathological nesting, a subtree this deep is one piece. */
const MAX_PIECE_DEPTH = 400;
/** What a line can show besides text: an image, a video. */
const MEDIA_TAGS = new Set(['img', 'video', 'picture']);
const IMG_TAG = new Set(['img']);
/** What keeps a wrapper without text from being removed as empty when a piece of the edge goes. */
const KEPT_EMPTY_TAGS = new Set(['img', 'video', 'picture', 'table', 'pre']);

const BLOCK = new Set([
  'P',
  'DIV',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'LI',
  'PRE',
  'BLOCKQUOTE',
  'TR',
  'TD',
  'TH',
  'TABLE',
  'TBODY',
  'THEAD',
  'FIGURE',
  'FIGCAPTION',
  'SECTION',
  'ARTICLE',
  'UL',
  'OL',
  'DL',
  'DT',
  'DD',
  'HEADER',
  'FOOTER',
  'MAIN',
  'ASIDE',
  'HR',
  'ADDRESS',
  'CENTER',
]);

/** One paragraph as the text renderer will show it: a run of inline nodes between block edges or <br>s. */
interface Piece {
  nodes: Node[];
  /** The block element the run sits in (the root for top-level runs). */
  block: Element;
}

/**
 * The elements under `root` that have a block element somewhere below them: each block marks its
 * ancestors, stopping at one already marked, so the whole set costs one pass (asking each inline
 * element in turn was quadratic in deep nesting).
 */
function blockHolders(root: Element): Set<Element> {
  const holders = new Set<Element>();
  const walker = root.ownerDocument.createTreeWalker(root, 1 /* NodeFilter.SHOW_ELEMENT */);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (!BLOCK.has((n as Element).tagName)) continue;
    for (let up = (n as Element).parentElement; up && up !== root && !holders.has(up); up = up.parentElement) holders.add(up);
  }
  return holders;
}

function pieces(root: Element): Piece[] {
  const out: Piece[] = [];
  const holders = blockHolders(root);
  const walk = (container: Element, depth: number) => {
    let run: Node[] = [];
    const flush = () => {
      if (run.length) out.push({ nodes: run, block: container });
      run = [];
    };
    for (let c = container.firstChild; c; c = c.nextSibling) {
      if (c.nodeType === 1 && (c as Element).tagName === 'BR') {
        flush();
        continue;
      }
      // An inline element around blocks (<em><p>…</p><p>…</p></em>, an unclosed <b>) shows them as lines of their own.
      if (c.nodeType === 1 && (BLOCK.has((c as Element).tagName) || holders.has(c as Element))) {
        flush();
        if (depth >= MAX_PIECE_DEPTH) out.push({ nodes: [c], block: c as Element });
        else walk(c as Element, depth + 1);
        continue;
      }
      run.push(c);
    }
    flush();
  };
  walk(root, 0);
  return out;
}

/**
 * A piece's text as a reader reads it, or "4" is not a number alone: invisible format characters (soft
 * hyphens, zero-width joiners) dropped, and private-use characters, which are icon-font glyphs
 * (`<i class="iconfont">&#xe60e;</i>` before a view counter). Only for judging edges: a rare
 * character a page puts in the private-use area stays in the body.
 */
const textOf = (p: Piece) =>
  normalizeSpace(
    p.nodes
      .map((n) => n.textContent ?? '')
      .join('')
      .replace(/[\p{Cf}\p{Co}]/gu, ''),
  );
const hasImage = (p: Piece) => p.nodes.some((n) => n.nodeType === 1 && ((n as Element).tagName === 'IMG' || firstWithTag(n as Element, MEDIA_TAGS)));
function linkShare(p: Piece, text: string): number {
  let link = 0;
  for (const n of p.nodes) {
    if (n.nodeType !== 1) continue;
    const el = n as Element;
    const links = el.tagName === 'A' ? [el] : elementsWithTag(el, ['a']);
    for (const a of links) link += normalizeSpace(a.textContent ?? '').length;
  }
  return text.length ? link / text.length : 0;
}
function isCentered(p: Piece, root: Element): boolean {
  for (let el: Element | null = p.block; el && el !== root; el = el.parentElement) if (el.hasAttribute(CENTERED_ATTR)) return true;
  return p.nodes.some((n) => n.nodeType === 1 && ((n as Element).hasAttribute(CENTERED_ATTR) || firstWithAttribute(n as Element, CENTERED_ATTR)));
}

function bigrams(s: string): Set<string> {
  const out = new Set<string>();
  const t = s.replace(/[\s\p{P}]+/gu, '');
  for (let i = 0; i + 1 < t.length; i++) out.add(t.slice(i, i + 2));
  return out;
}
function sameLine(a: string, b: string): boolean {
  const A = bigrams(a);
  const B = bigrams(b);
  if (A.size === 0 || B.size === 0) return false;
  let common = 0;
  for (const x of A) if (B.has(x)) common++;
  return (2 * common) / (A.size + B.size) >= SAME_LINE_DICE;
}

/** A heading at the top that holds the whole title is its headline element; a title this short could be a section's word. */
const MIN_KICKED_TITLE_CHARS = 12;
const HEADING_BLOCK = /^H[1-3]$/;

export interface TrimContext {
  /** The article's headline: a copy of it at the top of the body is dropped. */
  title?: string | null;
  /** The authors already found: a short line at the top naming one, with a date or a byline word, is the byline. */
  authors?: string[];
}

/** A short line in the same block as an image is its caption. */
function besideImage(p: Piece, text: string): boolean {
  return text.length <= CAPTION_MAX_CHARS && p.block.tagName !== 'BODY' && firstWithTag(p.block, IMG_TAG) !== null && !hasImage(p);
}

function leadingJunk(p: Piece, text: string, root: Element, ctx: TrimContext, linkList: boolean): boolean {
  if (LEADING_JUNK.some((re) => re.test(text))) return true;
  if (text.length <= PROMO_MAX_CHARS && PROMO.test(text)) return true;
  if (text.length <= META_LINE_MAX_CHARS && META_LINE.test(text)) return true;
  if (besideImage(p, text) && p.block !== root) return true;
  if (text.length <= CAPTION_MAX_CHARS && CAPTION.test(text)) return true;
  if (text.length <= BYLINE_MAX_CHARS && (BYLINE.test(text) || DATE_LINE.test(text))) return true;
  if (isEnglishDateLine(text) || isSectionDateLine(text)) return true;
  if (text.length <= CENTERED_MAX_CHARS && isCentered(p, root)) return true;
  if (!linkList && isLinkLine(p, text)) return true;
  // A copy of the headline; a lede that retells it ends with a full stop (or a colon: "The Latest on … (all times
  // local):"), a headline does not.
  if (ctx.title && text.length <= ctx.title.length * 2 && !FULL_STOP_END.test(text) && !/[:：]$/.test(text) && sameLine(text, ctx.title)) return true;
  // The headline element itself, with the kicker and subtitle the title leaves out.
  if (ctx.title && ctx.title.length >= MIN_KICKED_TITLE_CHARS && HEADING_BLOCK.test(p.block.tagName) && text.includes(ctx.title)) return true;
  if (isBylineLine(text, ctx.authors ?? [])) return true;
  return false;
}

/**
 * "Veröffentlicht am 21.01.2025 · Von Jürgen Köhler", "Owen Pritchard · 2 December 2023": a short
 * line, not a sentence, that names an author the metadata already holds and also carries a date
 * (a digit) or a byline word. A lede that mentions the author is a sentence, and longer.
 */
function isBylineLine(text: string, authors: string[]): boolean {
  if (text.length > BYLINE_LINE_MAX_CHARS || FULL_STOP_END.test(text)) return false;
  if (!authors.some((a) => a.length >= 2 && text.includes(a))) return false;
  return /\d/.test(text) || BYLINE_WORD.test(text);
}

/** A short line that is mostly link text (LINK_LINE_SHARE). */
function isLinkLine(p: Piece, text: string): boolean {
  return text.length <= LINK_LINE_MAX_CHARS && linkShare(p, text) >= LINK_LINE_SHARE;
}

function trailingJunk(p: Piece, text: string, root: Element, linkList: boolean): boolean {
  if (TRAILING_JUNK.some((re) => re.test(text))) return true;
  // A footer's legal links; a closing sentence that mentions a privacy policy ends with a full stop.
  if (text.length <= FOOTER_LINE_MAX_CHARS && FOOTER_LINKS.test(text) && !FULL_STOP_END.test(text)) return true;
  if (text.length <= PROMO_MAX_CHARS && PROMO.test(text)) return true;
  if (besideImage(p, text) && p.block !== root) return true;
  if (text.length <= CAPTION_MAX_CHARS && CAPTION.test(text)) return true;
  // A widget's timestamp, but not a notice's signature date ("2024年5月20日" under the issuing office).
  if (text.length <= BYLINE_MAX_CHARS && DATE_LINE.test(text) && !SIGNATURE_DATE.test(text)) return true;
  if (!linkList && isLinkLine(p, text)) return true;
  return false;
}

/** Removes a piece's nodes, then any element left with neither text nor image. */
function removePiece(p: Piece, root: Element): void {
  const parents = new Set<Element>();
  for (const n of p.nodes) {
    if (n.parentElement) parents.add(n.parentElement);
    n.parentNode?.removeChild(n);
  }
  for (let el of parents) {
    while (el !== root && el.parentElement && !normalizeSpace(el.textContent ?? '') && !firstWithTag(el, KEPT_EMPTY_TAGS)) {
      const up: Element = el.parentElement;
      el.remove();
      el = up;
    }
  }
}

/** Trims non-body lines off both ends of `root` in place. */
export function trimEdges(root: Element, ctx: TrimContext = {}): void {
  const list = pieces(root).map((p) => ({ p, text: textOf(p) }));
  const total = list.reduce((n, x) => n + x.text.length, 0);
  const linkList = list.reduce((n, x) => n + (x.text && isLinkLine(x.p, x.text) ? x.text.length : 0), 0) >= LINK_LIST_BODY_SHARE * total;
  let budget = total * MAX_TRIM_SHARE;
  const drop: Piece[] = [];
  let first = 0;
  let inSummary = false;
  for (; first < list.length; first++) {
    const { p, text } = list[first]!;
    if (!text) continue; // images and empty runs: look past them
    // A lead box's label ("划重点：") heads a list of its points: they go with it.
    const summaryPoint: boolean = inSummary && p.block.closest('li') !== null;
    if (text.length > budget || !(summaryPoint || leadingJunk(p, text, root, ctx, linkList))) break;
    inSummary = summaryPoint || SUMMARY_LABEL.test(text);
    budget -= text.length;
    drop.push(p);
  }
  let last = list.length - 1;
  for (; last > first; last--) {
    const { p, text } = list[last]!;
    if (!text) continue;
    if (text.length > budget || !trailingJunk(p, text, root, linkList)) break;
    budget -= text.length;
    drop.push(p);
  }
  // Still above: a box's label ("About the author", "More Great WIRED Stories", 为你推荐) and its items, which are
  // sentences of their own. The label and all after it go, within the budget.
  let below = 0;
  for (let i = last; i > first; i--) {
    const { text } = list[i]!;
    below += text.length;
    if (below > budget) break;
    if (text && text.length <= BOX_LABEL_MAX_CHARS && BOX_LABEL.test(text)) {
      for (let j = i; j <= last; j++) drop.push(list[j]!.p);
      break;
    }
  }
  for (const p of drop) removePiece(p, root);
  for (const el of elementsWithAttribute(root, CENTERED_ATTR)) el.removeAttribute(CENTERED_ATTR);
}
