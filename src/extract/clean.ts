/**
 * Chrome removal: what is never article body, removed from a clone of the document before
 * body scoring, so Readability and the fallback only weigh candidates that could be content.
 */
import { mainText, plainChars } from './density.js';
import { BOX_LABEL, CENTERED_ATTR } from './edges.js';
import { elementsNamed } from './elements.js';
import { UNSEEN_WITH_SCRIPTS, measure, type TextStats } from './measure.js';
import { cjkRatio, normalizeSpace } from './text.js';
import { squash } from './lines.js';
import { workingCopy } from '../parse/index.js';
import type { PageKind } from './page-type.js';

/** Landmark roles that mark site chrome (aria-hidden="true" does too; see isChrome). */
const CHROME_ROLE_VALUES = new Set(['navigation', 'banner', 'contentinfo', 'complementary', 'search', 'menu', 'menubar', 'dialog', 'alertdialog']);

/**
 * Class/id words of boxes of other stories ("related"; tuijian = 推荐, xgyd = 相关阅读, xgxw = 相关新闻).
 * Their teasers are prose, and under a short article they can hold more text than the article.
 */
const OTHER_STORIES_WORDS = new Set(['related', 'relate', 'recommend', 'recommended', 'xgyd', 'xgxw', 'tuijian']);

/**
 * Class/id words that mark chrome in English and on Chinese portals (pinyin abbreviations
 * included: fx = 分享, xgyd = 相关阅读, bq = 版权). Matched as whole words of the class/id split on
 * -, _ and case changes, so "share" hits "share-bar" but not "shared-story".
 */
const CHROME_WORDS = new Set([
  'share',
  'sharing',
  'social',
  'sns',
  'bshare',
  'jiathis',
  'fenxiang',
  'fx',
  ...OTHER_STORIES_WORDS,
  'hot',
  'hotnews',
  'rank',
  'ranking',
  'paihang',
  'comment',
  'comments',
  'pinglun',
  'disqus',
  'reply',
  'replies',
  'breadcrumb',
  'breadcrumbs',
  'crumb',
  'crumbs',
  'mianbao',
  'location',
  'position',
  'weizhi',
  'dqwz',
  'footer',
  'foot',
  'bottom',
  'copyright',
  'banquan',
  'bq',
  'sidebar',
  'aside',
  'side',
  'widget',
  'rightbar',
  'leftbar',
  'right',
  'left',
  'nav',
  'navbar',
  'navigation',
  'menu',
  'topbar',
  'header',
  'masthead',
  'toolbar',
  'ad',
  'ads',
  'advert',
  'advertisement',
  'banner',
  'sponsor',
  'sponsored',
  'promo',
  'guanggao',
  'gg',
  'newsletter',
  'subscribe',
  'signup',
  'paywall',
  'modal',
  'popup',
  'cookie',
  'consent',
  'print',
  'dayin',
  'font',
  'fontsize',
  'zihao',
  'close',
  'prevnext',
  'prev',
  'next',
  'pager',
  'pagination',
  'sxp',
  'tags',
  'tag',
  'keywords',
]);

/** Chrome words that name the posts themselves on a thread (page-type.ts): there every post is content. */
const THREAD_POST_WORDS = new Set(['comment', 'comments', 'reply', 'replies', 'pinglun']);
/** On a product page, what buyers say of it: reviews and ratings are not the description. */
const PRODUCT_CHROME_WORDS = new Set(['review', 'reviews', 'rating', 'ratings', 'testimonial', 'testimonials']);
const chromeWord = (w: string, kind: PageKind) =>
  (CHROME_WORDS.has(w) && !(kind === 'thread' && THREAD_POST_WORDS.has(w))) || (kind === 'product' && PRODUCT_CHROME_WORDS.has(w));

/**
 * Words that veto chrome removal: containers named for the article often also carry "left"
 * or "main-right" in a composite class. Readability's positive list plus Chinese portal names.
 */
const CONTENT_WORDS = new Set([
  'article',
  'content',
  'body',
  'main',
  'post',
  'entry',
  'story',
  'text',
  'zhengwen',
  'zw',
  'detail',
  'con',
  'news',
  'page',
  'wrapper',
  'wrap',
  'container',
]);

/**
 * Text that marks a chrome block on Chinese portals whatever its markup. Editor lines are not
 * here: the attribution stage reads them out of the body, and the edge trimmer drops what is left.
 */
const CHROME_TEXT =
  /^(分享到|分享至|相关阅读|相关新闻|相关文章|推荐阅读|热门推荐|热点推荐|延伸阅读|打印本页|关闭窗口|【?打印】?|【?关闭】?|上一篇|下一篇|字体[：:])/;

/** The same for English and widget labels: whole short lines only. */
const CHROME_LINE =
  /^(like this story\?.{0,40}|advert(isement)?|iklan|continue reading( below)?|read more|this slideshow requires javascript\.?|more from\b.{0,30}|more:|related( stories| articles| content| coverage)?:?|terkait|see also:?|you (may|might) also like:?|recommended( for you)?:?|(previous|next) (post|article|story)|text size|(like this|sukai ini):|(like|suka)?\s*(loading|memuat)\.{3}|image copyright\b.{0,40}|[^.]{0,60}\bby clicking here\.?|图集|\+1)$/i;

/** Share of CJK among the letters from which a text counts as Chinese/Japanese/Korean. */
const CJK_PAGE_RATIO = 0.5;
/**
 * Class/id words of lead boxes (导读/摘要). Such a box is removed only when its text is also the
 * page's meta description: a summary shown above the story, which the story then tells in full.
 */
const LEAD_BOX_WORDS = new Set(['lead', 'summary', 'abstract', 'digest', 'intro', 'introduction', 'daodu', 'zhaiyao', 'standfirst', 'dek']);

/** Class/id words of image captions and credits: the truth of both corpora leaves captions out of the body. */
const CAPTION_WORDS = new Set(['caption', 'captions', 'figcaption', 'credit', 'credits', 'descr', 'imgtxt', 'tuzhu', 'pictext', 'imgdesc']);
/** A caption is a line or two; a longer "caption" block is prose that happens to be named so. */
const CAPTION_MAX_CHARS = 300;
/** Attribute that carries a removed caption to its image, for the images list. */
export const CAPTION_ATTR = 'data-archivist-caption';

/**
 * A block of at least this many links, nearly all of whose text is link text, is a link list
 * (related stories, tag clouds, "more from"), whatever it is called.
 */
const LINK_LIST_MIN_LINKS = 3;
const LINK_LIST_LINK_SHARE = 0.7;
const LINK_LIST_TAGS = new Set(['UL', 'OL', 'DL', 'DIV', 'TABLE', 'SECTION', 'P']);

function words(s: string): string[] {
  return s
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/**
 * Content words that name the article itself, as opposed to layout words (wrap, container, page)
 * that name any box: "footer-wrap" is a footer, "article-footer-links" is still chrome-ish, but
 * "content-right" holds the story.
 */
const STRONG_CONTENT_WORDS = new Set(['article', 'content', 'body', 'main', 'post', 'entry', 'story', 'text', 'zhengwen', 'zw', 'detail']);

/** Column positions: "left-side" and "main-right" name where a box sits, and the story often sits there. */
const POSITION_WORDS = new Set(['left', 'right', 'side', 'bottom', 'leftbar', 'rightbar']);

/**
 * Like looksLikeChrome, but layout words (wrap, container, page…) don't veto and column
 * positions don't count: for weighing text, not removing it.
 */
export function namedAsChrome(el: Element, kind: PageKind = 'other'): boolean {
  const names = words(`${el.getAttribute('class') ?? ''} ${el.id}`);
  if (names.length === 0) return false;
  if (names.some((w) => STRONG_CONTENT_WORDS.has(w))) return false;
  return names.some((w) => chromeWord(w, kind) && !POSITION_WORDS.has(w));
}

/** True when the element's class/id names it as a box of other stories, and nothing names it as content. */
function namedForOtherStories(el: Element): boolean {
  const names = words(`${el.getAttribute('class') ?? ''} ${el.id}`);
  return !names.some((w) => CONTENT_WORDS.has(w)) && names.some((w) => OTHER_STORIES_WORDS.has(w));
}

/** True when the element's class/id names it as chrome and nothing names it as content. */
export function looksLikeChrome(el: Element, kind: PageKind = 'other'): boolean {
  const names = words(`${el.getAttribute('class') ?? ''} ${el.id}`);
  if (names.length === 0) return false;
  if (names.some((w) => CONTENT_WORDS.has(w))) return false;
  return names.some((w) => chromeWord(w, kind));
}

const HIDING_STYLE = /(display\s*:\s*none|visibility\s*:\s*hidden)/i;
const HIDING_STYLES = new RegExp(HIDING_STYLE.source, 'gi');

/** Elements with inline styles or attributes that hide them: a reader never sees them. */
export function isHidden(el: Element): boolean {
  if (el.hasAttribute('hidden')) return true;
  const style = el.getAttribute('style');
  return style !== null && HIDING_STYLE.test(style);
}

/**
 * Inside the main text's own element, a chrome-named child is kept when it holds at least this
 * share of that element's non-link text: a `<div class="left">` wrapping the paragraphs is
 * layout, a share bar is a sliver of the article's text. Not a box named for other stories
 * (OTHER_STORIES_WORDS): its teasers are never the article, however much text they hold.
 */
const MAIN_TEXT_SHARE = 0.3;
/** Tags removed whatever their names, unless they hold the main text (ASP.NET pages wrap everything in one <form>). */
const NEVER_BODY_TAGS = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'IFRAME',
  'OBJECT',
  'EMBED',
  'FORM',
  'BUTTON',
  'INPUT',
  'SELECT',
  'TEXTAREA',
  'DIALOG',
  'NAV',
  'SVG',
  'svg',
  'CANVAS',
  'LINK',
  'META',
  'HEADER',
  'FOOTER',
  'ASIDE',
]);
/** Longest text a CHROME_TEXT block can have: a label, not a paragraph that happens to start with 编辑. */
const CHROME_TEXT_MAX_CHARS = 60;
/**
 * "Read more: <a>Another story</a>", "[Related: <a>…</a>]": a label, then a link to another story,
 * set between the article's paragraphs. Longer than a label, so judged by its link share.
 */
const LINK_LINE_LABEL = /^\[?\s*(read more|related( stories| articles| coverage| content)?|see also|also read|read also|also)\s*:/i;
const LINK_LINE_MAX_CHARS = 200;
const LINK_LINE_SHARE = 0.6;
/**
 * A WordPress shortcode the site left unrendered: "[button link=… type=big] Send us your review[/button]".
 * Its text is a widget's; one that wraps an image ([caption]) keeps the image.
 */
const SHORTCODE = /^\[([a-z][\w-]*)\b[^\]]*\][\s\S]*\[\/\1\]$/i;
const SHORTCODE_MAX_CHARS = 400;
/** Where a shortcode's text starts; tested on the first text node, without copying it. */
const SHORTCODE_START = /^\s*\[/;
/** A box item is a link, perhaps with a date: nearly all its text is link text. */
const BOX_ITEM_LINK_SHARE = 0.9;

/** An element of NEVER_BODY_TAGS, but not a <noscript> on a page whose content is in them (revealsNoscript). */
function isChromeTag(el: Element, revealed: boolean): boolean {
  return NEVER_BODY_TAGS.has(el.tagName) && !(revealed && el.tagName === 'NOSCRIPT');
}

function isChrome(el: Element, revealed: boolean, kind: PageKind): boolean {
  // JSON-LD too: the metadata stage reads it from the original document, and in a body it is text.
  if (NEVER_BODY_TAGS.has(el.tagName)) return isChromeTag(el, revealed);
  // Attribute checks, not el.matches(selector): selector matching per element was a hot spot on large pages.
  // Lower-cased, as nwsapi compared attribute values in HTML documents.
  return (
    CHROME_ROLE_VALUES.has(el.getAttribute('role')?.toLowerCase() ?? '') ||
    el.getAttribute('aria-hidden')?.toLowerCase() === 'true' ||
    isHidden(el) ||
    looksLikeChrome(el, kind)
  );
}

const never = (): boolean => false;

/** The next element in document order after `el`'s subtree, staying under `root`. */
function nextOutside(el: Element, root: Element): Element | null {
  let cur: Element | null = el;
  while (cur && cur !== root) {
    if (cur.nextElementSibling) return cur.nextElementSibling;
    cur = cur.parentElement;
  }
  return null;
}

/** What goes when chrome is removed from a page, decided without changing it. */
interface ChromePlan {
  removed: Set<Element>;
  /** Images given their removed caption's text (CAPTION_ATTR). */
  captions: Map<Element, string>;
  /** Elements kept and marked centred (CENTERED_ATTR). */
  centred: Set<Element>;
  /** The page's content is in its <noscript> elements (revealsNoscript): the copy unwraps them. */
  revealed: boolean;
  /** Visible characters of the page's <body>, and of what the plan leaves of it. */
  shown: number;
  kept: number;
  /** Hidden elements kept, to be shown in the copy (a `tags` plan only). */
  unhidden: Set<Element>;
}

/**
 * A plan that leaves fewer characters than this of a page showing at least EMPTIED_MIN_SHOWN has
 * emptied it: the whole page sat in one box the tests took for chrome. React streaming wraps a page
 * in `<div hidden>` until a script moves it, some sites keep theirs `visibility:hidden` until the
 * fonts load, tabbed pages hide all but one tab, and a page that is a list of links is all link list.
 * A page showing less than that (a script-built shell's loading text) stays a page of nothing.
 */
const EMPTIED_MAX_KEPT = 40;
const EMPTIED_MIN_SHOWN = 200;

/**
 * How strictly chrome is judged. `strict`: by tag, role, hidden state, name and shape.
 * `tags`: by tag alone (scripts, forms, nav, header, footer…), the main text found without
 * regard to names or hidden state; what a page gets when the strict plan would empty it.
 */
type Strictness = 'strict' | 'tags';

/**
 * A <noscript> that holds this many characters, more than the rest of the page shows, is the page
 * itself as a reader without scripts sees it: forum software (Discourse) and script-built sites
 * serve their whole content so and leave only a loading screen outside it.
 */
const NOSCRIPT_PAGE_MIN_CHARS = 500;

function revealsNoscript(body: Element, stats: Map<Element, TextStats>): boolean {
  const shown = stats.get(body)!.chars;
  return elementsNamed(body.ownerDocument, 'noscript').some((el) => {
    if (!body.contains(el)) return false;
    const chars = squash(el.textContent ?? '').length;
    return chars >= NOSCRIPT_PAGE_MIN_CHARS && chars > shown;
  });
}

/**
 * Decides what site chrome goes from `doc`, reading only.
 * The main text is found first (densest prose, on the uncleaned page); its element and every
 * ancestor are never removed, whatever they are called or however they are styled, and inside
 * it only chrome holding a small share of its text goes.
 */
function planChrome(doc: Document, kind: PageKind, strictness: Strictness = 'strict'): ChromePlan {
  const plan: ChromePlan = { removed: new Set(), captions: new Map(), centred: new Set(), revealed: false, shown: 0, kept: 0, unhidden: new Set() };
  const strict = strictness === 'strict';
  for (let el = doc.head?.firstElementChild ?? null; el; el = el.nextElementSibling) if (unreadInHead(el)) plan.removed.add(el);
  const body = doc.body;
  if (!body) return plan;
  let stats = measure(body);
  if (revealsNoscript(body, stats)) {
    plan.revealed = true;
    stats = measure(body, UNSEEN_WITH_SCRIPTS);
  }
  plan.shown = plan.kept = stats.get(body)!.chars;
  // With no paragraph anywhere, nothing is protected but <body> itself: a page of menus stays a page of nothing.
  const found = strict ? mainText(body, stats, (el) => namedAsChrome(el, kind), isHidden) : mainText(body, stats, never, never);
  const main = found ?? body;
  const protectedEls = new Set<Element>();
  for (let el: Element | null = main; el; el = el.parentElement) protectedEls.add(el);
  const mainPlain = plainChars(stats.get(main)!);

  // meta[name="description" i], meta[property="og:description"], from the page's element list (see elements.ts).
  const describing = elementsNamed(doc, 'meta').find(
    (m) => m.getAttribute('name')?.toLowerCase() === 'description' || m.getAttribute('property')?.toLowerCase() === 'og:description',
  );
  const description = squash(describing?.getAttribute('content') ?? '');

  let el: Element | null = body.firstElementChild;
  while (el) {
    const s = stats.get(el);
    const caption = strict && s !== undefined && isCaption(el, s);
    const removable = strict
      ? isChrome(el, plan.revealed, kind) || isChromeText(el, s) || caption || (s !== undefined && (isLinkList(el, s) || isLeadBox(el, description)))
      : isChromeTag(el, plan.revealed);
    // Protection is asked only of what would go: main.contains() climbs the tree.
    const keep =
      removable &&
      (protectedEls.has(el) ||
        (found !== null && s !== undefined && !namedForOtherStories(el) && plainChars(s) >= MAIN_TEXT_SHARE * mainPlain && main.contains(el)));
    if (removable && !keep) {
      if (caption) {
        // The caption's image: the first one near it that is not itself going.
        const near = Array.from((el.closest('figure') ?? el.parentElement)?.querySelectorAll('img') ?? []).find(
          (img) => !removedWithin(img, plan.removed, body),
        );
        const text = normalizeSpace(el.textContent ?? '');
        if (near && text && !plan.captions.has(near)) plan.captions.set(near, text);
      }
      plan.removed.add(el);
      plan.kept -= s?.chars ?? 0;
      // A box's label ("More:", 相关阅读) goes with the lists of links that follow it.
      let end: Element = el;
      if (strict && s !== undefined && s.chars <= CHROME_TEXT_MAX_CHARS && BOX_LABEL.test(normalizeSpace(el.textContent ?? ''))) {
        for (let sib = el.nextElementSibling; sib && !protectedEls.has(sib); sib = sib.nextElementSibling) {
          const ss = stats.get(sib);
          if (ss === undefined || ss.chars === 0) continue;
          if (ss.linkChars < BOX_ITEM_LINK_SHARE * ss.chars) break;
          plan.removed.add(sib);
          plan.kept -= ss.chars;
          end = sib;
        }
      }
      el = nextOutside(end, body);
      continue;
    }
    if (!strict && (isHidden(el) || el.getAttribute('aria-hidden')?.toLowerCase() === 'true')) plan.unhidden.add(el);
    if (el.tagName === 'CENTER' || el.getAttribute('align')?.toLowerCase() === 'center' || /text-align\s*:\s*center/i.test(el.getAttribute('style') ?? '')) {
      // Readability drops style and align; the edge trimmer needs to know a top line was centred (captions, dates, speaker lines).
      plan.centred.add(el);
    }
    el = el.firstElementChild ?? nextOutside(el, body);
  }
  return plan;
}

/** The words of the meta names and properties Readability reads (author, og:title, dc.creator, parsely-pub-date…): a superset. */
const READ_META = /author|creator|description|published_time|pub-date|title|site_name/i;

/**
 * Whether a child of <head> is one no stage reads from the working copy: a stylesheet link, a style
 * sheet, a script other than JSON-LD, a <meta> that names none of what Readability reads from
 * metas (READ_META). Readability reads the head's title, JSON-LD and those metas (its byline
 * from them decides whether it looks for one in the text); our metadata reads the page, not the copy.
 * They were a third of the copy's elements on en-news (2,055 links and 2,831 metas of 14,691),
 * and each jsdom HTML element costs a style object when it is made.
 */
function unreadInHead(el: Element): boolean {
  switch (el.localName) {
    case 'link':
    case 'style':
      return true;
    case 'script':
      return el.getAttribute('type')?.trim().toLowerCase() !== 'application/ld+json';
    case 'meta':
      return !el.hasAttribute('content') || !READ_META.test(`${el.getAttribute('name') ?? ''} ${el.getAttribute('property') ?? ''}`);
    default:
      return false;
  }
}

/** True when `el` or an ancestor below `root` is in `removed`. */
function removedWithin(el: Element, removed: Set<Element>, root: Element): boolean {
  for (let cur: Element | null = el; cur && cur !== root; cur = cur.parentElement) if (removed.has(cur)) return true;
  return false;
}

/**
 * A working copy of `doc` without its site chrome; `doc` is left as it is. The parse stage makes
 * it (parse/working-copy.ts), from what stays: this plans what goes and what is marked.
 */
export function copyWithoutChrome(doc: Document, kind: PageKind = 'other'): Document {
  let plan = planChrome(doc, kind);
  if (plan.kept < EMPTIED_MAX_KEPT && plan.shown >= EMPTIED_MIN_SHOWN) plan = planChrome(doc, kind, 'tags');
  const copy = workingCopy(doc, {
    skip: (el) => plan.removed.has(el),
    mark: (from, made) => {
      if (plan.centred.has(from)) made.setAttribute(CENTERED_ATTR, '');
      const caption = plan.captions.get(from);
      if (caption !== undefined && !made.hasAttribute(CAPTION_ATTR)) made.setAttribute(CAPTION_ATTR, caption);
      if (plan.unhidden.has(from)) show(made);
    },
    touched: [...plan.removed, ...plan.centred, ...plan.captions.keys(), ...plan.unhidden],
  });
  if (plan.revealed) unwrapNoscripts(copy);
  return copy;
}

/** Undoes what isHidden and aria-hidden test: every later stage (Readability too) then reads the element as shown. */
function show(el: Element): void {
  el.removeAttribute('hidden');
  el.removeAttribute('aria-hidden');
  const style = el.getAttribute('style');
  if (style !== null) el.setAttribute('style', style.replace(HIDING_STYLES, ''));
}

/** Each <noscript>'s content in its place, so every later stage reads it as the page it is. */
function unwrapNoscripts(doc: Document): void {
  for (const el of Array.from(doc.querySelectorAll('body noscript'))) el.replaceWith(...Array.from(el.childNodes));
}

function isLeadBox(el: Element, description: string): boolean {
  if (!description || !words(`${el.getAttribute('class') ?? ''} ${el.id}`).some((w) => LEAD_BOX_WORDS.has(w))) return false;
  // Chinese pages only: English standfirsts are part of the story in the en-news truth (an RT
  // summary box dropped this way cost that page a third of its recall), 导读 boxes are not (zh truth).
  return cjkRatio(description) >= CJK_PAGE_RATIO && squash(el.textContent ?? '') === description;
}

function isCaption(el: Element, s: TextStats): boolean {
  if (s.chars === 0 || s.chars > CAPTION_MAX_CHARS || s.paragraphs > 1) return false;
  // The subtree search for an image last: it is the costly test, and most elements fail the name test.
  if (el.tagName !== 'FIGCAPTION' && !words(`${el.getAttribute('class') ?? ''} ${el.id}`).some((w) => CAPTION_WORDS.has(w))) return false;
  return !el.querySelector('img');
}

function isLinkList(el: Element, s: TextStats): boolean {
  return LINK_LIST_TAGS.has(el.tagName) && s.links >= LINK_LIST_MIN_LINKS && s.linkChars >= LINK_LIST_LINK_SHARE * s.chars;
}

/**
 * A block that is a widget's line, not the article's: a short label (分享到, 上一篇, "Read More",
 * "Text size") or a label with a link to another story ("Read more: <a>…</a>").
 */
function isChromeText(el: Element, s: TextStats | undefined): boolean {
  // No paragraph inside: measure counts a <p> among its own paragraphs, so one alone is allowed.
  if (!s || s.chars === 0 || s.paragraphs > (el.tagName === 'P' ? 1 : 0)) return false;
  if (!/^(P|DIV|LI|SPAN|TD|A|H[2-6])$/.test(el.tagName)) return false;
  // The numbers first: most elements are longer paragraphs of plain text, whose text need not be read.
  const linkLine = s.chars <= LINK_LINE_MAX_CHARS && s.linkChars >= LINK_LINE_SHARE * s.chars;
  const shortcode = s.chars <= SHORTCODE_MAX_CHARS && SHORTCODE_START.test(el.firstChild?.nodeValue ?? '');
  if (!linkLine && !shortcode && s.chars > CHROME_TEXT_MAX_CHARS) return false;
  const text = normalizeSpace(el.textContent ?? '');
  if (linkLine && LINK_LINE_LABEL.test(text)) return true;
  if (shortcode && SHORTCODE.test(text) && !el.querySelector('img')) return true;
  return s.chars <= CHROME_TEXT_MAX_CHARS && (CHROME_TEXT.test(text) || CHROME_LINE.test(text));
}
