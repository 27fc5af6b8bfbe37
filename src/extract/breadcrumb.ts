/**
 * The section an article sits in, from its breadcrumb: JSON-LD BreadcrumbList, a breadcrumb
 * element, or a "当前所在:首页 > 专题专栏 > 正文" line — without the home and current-page ends.
 */
import type { Line } from './lines.js';
import { squash } from './lines.js';
import { normalizeSpace } from './text.js';
import type { JsonLdNode } from './jsonld.js';
import { elementsOf } from './elements.js';

/** Labels that open a breadcrumb line on Chinese sites. */
const TRAIL_LABEL =
  /^(当前所在|当前位置|您的位置|你的位置|您当前的位置|你当前的位置|您现在的位置|你现在的位置|当前的位置|所在位置|现在位置|目前位置|您的位置|所在位置|位置|You are here)\s*[：:]?\s*/i;
/** The separators between crumbs. */
const CRUMB_SEP = /\s*(?:>>|>|»|›|→|＞|\/|\\|》)\s*/;
/** The home end of a trail. */
const HOME = /^(首页|主页|网站首页|本站首页|返回首页|首頁|主頁|網站首頁|home|homepage|home page|index|正文首页)$/i;
/** The current-page end of a trail. */
const CURRENT = /^(正文|内容|详情|详细内容|文章|正文内容|阅读文章|浏览文章|內文|內容|詳情|article|content|details?)$/i;
export const BREADCRUMB_SELECTOR =
  'nav[aria-label*="breadcrumb" i], [class*="breadcrumb" i], [id*="breadcrumb" i], [class*="crumb" i], [itemtype*="BreadcrumbList"]';
/** Longest crumb: anything longer is a headline or prose. */
const MAX_CRUMB_CHARS = 30;

/** Splits a breadcrumb text into its crumbs and trims the home, current-page and headline ends. */
export function parseBreadcrumb(text: string, opts: { title?: string | null; siteNames?: string[] } = {}): string[] {
  const body = normalizeSpace(text).replace(TRAIL_LABEL, '');
  let crumbs = body
    .split(CRUMB_SEP)
    .map((c) => c.trim())
    .filter(Boolean);
  const title = squash(opts.title ?? '');
  const sites = (opts.siteNames ?? []).map(squash);
  while (crumbs.length && (HOME.test(crumbs[0]!) || sites.includes(squash(crumbs[0]!)))) crumbs = crumbs.slice(1);
  while (crumbs.length) {
    const last = squash(crumbs[crumbs.length - 1]!);
    if (CURRENT.test(last) || (title && (last === title || (last.length > 6 && title.startsWith(last.replace(/\.{2,}|…+$/, ''))))))
      crumbs = crumbs.slice(0, -1);
    else break;
  }
  return crumbs.filter((c) => c.length <= MAX_CRUMB_CHARS);
}

/** JSON-LD BreadcrumbList item names, in position order. */
export function jsonLdBreadcrumb(nodes: JsonLdNode[]): string[] | null {
  const list = nodes.find((n) => n['@type'] === 'BreadcrumbList');
  const items = list?.itemListElement;
  if (!Array.isArray(items)) return null;
  const names = items
    .map((it) => {
      const o = it as JsonLdNode;
      const item = o.item as JsonLdNode | string | undefined;
      const name = typeof o.name === 'string' ? o.name : typeof item === 'object' && item && typeof item.name === 'string' ? item.name : null;
      return { pos: typeof o.position === 'number' ? o.position : Number(o.position ?? 0), name };
    })
    .sort((a, b) => a.pos - b.pos)
    .map((x) => x.name)
    .filter((x): x is string => Boolean(x));
  return names.length ? names : null;
}

/**
 * The first element matching BREADCRUMB_SELECTOR, by string checks in one pass: nwsapi's case-insensitive substring
 * selectors cost 5–8% of extract time on large pages. nwsapi compares attribute values case-insensitively in HTML
 * documents, so every check lower-cases. Kept equal to the selector (test/speed-equivalence.test.ts).
 */
export function firstBreadcrumbElement(doc: Document): Element | null {
  for (const el of elementsOf(doc)) {
    if (!el.hasAttributes()) continue;
    const cls = el.getAttribute('class')?.toLowerCase();
    if (cls?.includes('crumb')) return el;
    if (el.getAttribute('id')?.toLowerCase().includes('breadcrumb')) return el;
    if (el.getAttribute('itemtype')?.toLowerCase().includes('breadcrumblist')) return el;
    if (el.localName === 'nav' && el.getAttribute('aria-label')?.toLowerCase().includes('breadcrumb')) return el;
  }
  return null;
}

/** The breadcrumb text on the page: a breadcrumb element, else a labelled line near the top. */
export function breadcrumbText(doc: Document, lines: Line[], before: number): string | null {
  const el = firstBreadcrumbElement(doc);
  const t = normalizeSpace(el?.textContent ?? '');
  if (t && CRUMB_SEP.test(t) && t.length < 200) return t;
  const limit = before >= 0 ? before : Math.min(lines.length, 80);
  for (let i = 0; i < limit; i++) {
    const text = lines[i]!.text;
    if (text.length < 200 && TRAIL_LABEL.test(text) && CRUMB_SEP.test(text)) return text;
  }
  return null;
}
