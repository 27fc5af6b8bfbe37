import type { NamedLinkT } from '../schema.js';
import { normalizeSpace } from './text.js';

/**
 * Lifts what is about the article, not of it, out of the body: the meta line (date, source,
 * author), the original-article link, editor lines and the article-attached disclaimer.
 * Each lifted block is removed from `body`, which must be the extraction's own container.
 */
export interface Lifted {
  source: NamedLinkT | null;
  authors: string[];
  editors: string[];
  published: string | null;
  disclaimer: string | null;
}

/** A disclaimer opens with one of these labels. */
const DISCLAIMER_START = /^[\[【(（]?\s*(免责声明|版权声明|特别声明|郑重声明|声明[：:]\s*(本文|本站|本网|凡)|Disclaimer[:：]?|The views expressed|This article was produced by|This story was produced by)/i;
/** A meta line: short, and carries at least one of these labels. */
const META_LABEL = /(发布时间|发布日期|发表时间|更新时间|时间[：:]|日期[：:]|来源[：:]|作者[：:]|浏览次数|点击[数率量]?[：:]|阅读[数量]?[：:])/;
/** Longest text that can be a meta line rather than a paragraph mentioning a source. */
const MAX_META_LINE_CHARS = 160;
const ORIGINAL_LINK = /^\s*(原文链接|原文地址|原文网址|阅读原文)\s*[：:]?\s*/;
const EDITOR_LINE = /^\s*[(（\[【]?\s*(责任编辑|责编|编辑|审核|校对|编审|监制)\s*[：:]\s*([^)）\]】]{1,40})[)）\]】]?\s*$/;
const SOURCE = /(?:信息来源|稿件来源|文章来源|本文来源|来源)\s*[：:]\s*([^\s|｜丨]+(?:\s(?![\u4e00-\u9fff]{1,6}[：:])[^\s|｜丨]+)*)/;
const AUTHOR = /(?:作者|记者|撰文|文\s*\/)\s*[：:]?\s*([^\s|｜丨]{1,30})/;
const DATE_IN_LINE = /(\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?(?:\s+\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?)/;

function blocks(root: Element): Element[] {
  // Innermost text blocks: a <p> or a <div> with no block children.
  return Array.from(root.querySelectorAll('p, div, section, td, li, span, h3, h4, h5, h6')).filter(
    (el) => !el.querySelector('p, div, section, td, li, table'),
  );
}

export function liftAttribution(body: Element): Lifted {
  const lifted: Lifted = { source: null, authors: [], editors: [], published: null, disclaimer: null };
  for (const el of blocks(body)) {
    if (!el.isConnected) continue;
    const text = normalizeSpace(el.textContent ?? '');
    if (!text) continue;
    if (DISCLAIMER_START.test(text)) {
      lifted.disclaimer = lifted.disclaimer ? `${lifted.disclaimer}\n\n${text}` : text;
      el.remove();
      continue;
    }
    if (ORIGINAL_LINK.test(text)) {
      const href = el.querySelector('a[href]')?.getAttribute('href') ?? text.replace(ORIGINAL_LINK, '').trim();
      lifted.source = { name: lifted.source?.name ?? '', url: /^https?:\/\//.test(href) ? href : null };
      el.remove();
      continue;
    }
    const editor = EDITOR_LINE.exec(text);
    if (editor?.[2]) {
      lifted.editors.push(...splitNames(editor[2]));
      el.remove();
      continue;
    }
    if (text.length <= MAX_META_LINE_CHARS && META_LABEL.test(text)) {
      const meta = parseMetaLine(text);
      if (meta.source) lifted.source = { name: meta.source, url: lifted.source?.url ?? null };
      if (meta.author) lifted.authors.push(...splitNames(meta.author));
      lifted.published ??= meta.date;
      el.remove();
    }
  }
  if (lifted.source && !lifted.source.name) lifted.source = null;
  return lifted;
}

export function parseMetaLine(text: string): { source: string | null; author: string | null; date: string | null } {
  return {
    source: SOURCE.exec(text)?.[1] ?? null,
    author: AUTHOR.exec(text)?.[1] ?? null,
    date: DATE_IN_LINE.exec(text)?.[1] ?? null,
  };
}

export function splitNames(s: string): string[] {
  return s
    .split(/[,，、;；\s]+/)
    .map((x) => x.trim())
    .filter((x) => x && !/^(佚名|匿名|本站|admin)$/i.test(x));
}
