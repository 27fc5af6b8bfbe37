/**
 * Chrome removal: what is never article body, removed from a clone of the document before
 * body scoring, so Readability and the fallback only weigh candidates that could be content.
 */

/** Elements that are never body. */
const NEVER_BODY = 'script:not([type="application/ld+json"]), style, noscript, template, iframe, object, embed, form, button, input, select, textarea, dialog, nav, svg, canvas, link, meta';

/** Landmark roles that mark site chrome. */
const CHROME_ROLES = '[role="navigation"], [role="banner"], [role="contentinfo"], [role="complementary"], [role="search"], [role="menu"], [role="menubar"], [role="dialog"], [role="alertdialog"], [aria-hidden="true"]';

/**
 * Class/id words that mark chrome in English and on Chinese portals (pinyin abbreviations
 * included: fx = 分享, xgyd = 相关阅读, bq = 版权). Matched as whole words of the class/id split on
 * -, _ and case changes, so "share" hits "share-bar" but not "shared-story".
 */
const CHROME_WORDS = new Set([
  'share', 'sharing', 'social', 'sns', 'bshare', 'jiathis', 'fenxiang', 'fx',
  'related', 'recommend', 'recommended', 'xgyd', 'xgxw', 'relate', 'tuijian', 'hot', 'hotnews', 'rank', 'ranking', 'paihang',
  'comment', 'comments', 'pinglun', 'disqus', 'reply', 'replies',
  'breadcrumb', 'breadcrumbs', 'crumb', 'crumbs', 'mianbao', 'location', 'position', 'weizhi', 'dqwz',
  'footer', 'foot', 'bottom', 'copyright', 'banquan', 'bq',
  'sidebar', 'aside', 'side', 'widget', 'rightbar', 'leftbar', 'right', 'left',
  'nav', 'navbar', 'navigation', 'menu', 'topbar', 'header', 'masthead', 'toolbar',
  'ad', 'ads', 'advert', 'advertisement', 'banner', 'sponsor', 'sponsored', 'promo', 'guanggao', 'gg',
  'newsletter', 'subscribe', 'signup', 'paywall', 'modal', 'popup', 'cookie', 'consent',
  'print', 'dayin', 'font', 'fontsize', 'zihao', 'close', 'prevnext', 'prev', 'next', 'pager', 'pagination', 'sxp',
  'tags', 'tag', 'keywords',
]);

/**
 * Words that veto chrome removal: containers named for the article often also carry "left"
 * or "main-right" in a composite class. Readability's positive list plus Chinese portal names.
 */
const CONTENT_WORDS = new Set(['article', 'content', 'body', 'main', 'post', 'entry', 'story', 'text', 'zhengwen', 'zw', 'detail', 'con', 'news', 'page', 'wrapper', 'wrap', 'container']);

/** Text that marks a chrome block on Chinese portals whatever its markup. */
const CHROME_TEXT = /^(分享到|分享至|相关阅读|相关新闻|相关文章|推荐阅读|热门推荐|热点推荐|延伸阅读|打印本页|关闭窗口|【?打印】?|【?关闭】?|上一篇|下一篇|字体[：:]|责任编辑[：:]?\s*\S{0,10}$|编辑[：:]\S{0,10}$)/;

function words(s: string): string[] {
  return s
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** True when the element's class/id names it as chrome and nothing names it as content. */
export function looksLikeChrome(el: Element): boolean {
  const names = words(`${el.getAttribute('class') ?? ''} ${el.id}`);
  if (names.length === 0) return false;
  if (names.some((w) => CONTENT_WORDS.has(w))) return false;
  return names.some((w) => CHROME_WORDS.has(w));
}

/** Elements with inline styles or attributes that hide them: a reader never sees them. */
function isHidden(el: Element): boolean {
  if (el.hasAttribute('hidden')) return true;
  const style = el.getAttribute('style');
  return style !== null && /(display\s*:\s*none|visibility\s*:\s*hidden)/i.test(style);
}

/** Lazy-loading attributes, most specific first. */
const LAZY_SRC = ['data-src', 'data-original', 'data-lazy-src', 'data-actualsrc', 'data-url', 'data-echo', 'data-lazyload', 'original', 'file'];
const PLACEHOLDER_SRC = /^(data:|about:blank)|(blank|placeholder|loading|lazy|spacer|grey|gray|pixel|transparent)[^/]*\.(gif|png|svg|jpe?g)/i;

/** Gives every <img> its real, absolute src (lazy attributes resolved) so no later stage has to know about lazy loading. */
export function resolveImages(doc: Document): void {
  for (const img of Array.from(doc.querySelectorAll('img'))) {
    const src = img.getAttribute('src') ?? '';
    const lazy = LAZY_SRC.map((a) => img.getAttribute(a)).find((v) => v && !v.startsWith('data:'));
    if (lazy && (!src || PLACEHOLDER_SRC.test(src) || src === lazy)) img.setAttribute('src', lazy);
    else if (!src) {
      const srcset = img.getAttribute('data-srcset') ?? img.getAttribute('srcset');
      const first = srcset?.split(',')[0]?.trim().split(/\s+/)[0];
      if (first) img.setAttribute('src', first);
    }
    const finalSrc = img.getAttribute('src');
    if (finalSrc) {
      try {
        img.setAttribute('src', new URL(finalSrc, doc.baseURI).href);
      } catch {
        img.removeAttribute('src');
      }
    }
  }
  for (const a of Array.from(doc.querySelectorAll('a[href]'))) {
    const href = a.getAttribute('href') ?? '';
    if (/^\s*(javascript|vbscript|data):/i.test(href)) {
      a.removeAttribute('href');
      continue;
    }
    try {
      a.setAttribute('href', new URL(href, doc.baseURI).href);
    } catch {
      a.removeAttribute('href');
    }
  }
}

/** Removes site chrome from `doc` in place. Call it on a clone. */
export function removeChrome(doc: Document): void {
  const body = doc.body;
  if (!body) return;
  for (const el of Array.from(body.querySelectorAll(`${NEVER_BODY}, ${CHROME_ROLES}`))) el.remove();
  for (const el of Array.from(body.querySelectorAll('header, footer, aside'))) {
    // An <article>'s own header holds its headline and byline, which the metadata stage reads from the original.
    el.remove();
  }
  for (const el of Array.from(body.querySelectorAll('*'))) {
    if (!el.isConnected) continue;
    if (isHidden(el) || looksLikeChrome(el)) {
      // Never drop an element that holds most of the page's paragraphs: a mislabelled wrapper is the article.
      if (el.querySelectorAll('p').length > 5) continue;
      el.remove();
    }
  }
  for (const el of Array.from(body.querySelectorAll('p, div, li, span, td, a'))) {
    if (!el.isConnected) continue;
    const text = (el.textContent ?? '').trim();
    if (text.length > 0 && text.length < 60 && CHROME_TEXT.test(text) && el.querySelectorAll('p').length === 0) el.remove();
  }
}
