/**
 * The site an article was archived from: og:site_name, JSON-LD publisher, application-name,
 * the gov CMS SiteName meta, the logo's alt, the footer's "… 版权所有", the <title> suffix.
 */
import type { Line } from './lines.js';
import { normalizeSpace } from './text.js';
import { baseOf } from './base.js';
import { elementsNamed } from './elements.js';

const SEPARATOR = /\s*(?:_{1,2}|--+|—+|–|\s-\s|\s\|\s|\||｜|丨)\s*/;
/** Longest plausible site name. */
const MAX_SITE_CHARS = 40;

/** "清风法治网 www.example.gov.cn 版权所有", "版权所有：某某县人民政府", "Copyright © 2024 The Site". */
export function siteFromFooter(lines: Line[]): string | null {
  for (let i = lines.length - 1; i >= Math.max(0, lines.length - 60); i--) {
    const text = lines[i]!.text;
    let m = /(?:^|[\s|｜©])([^\s|｜©:：]{2,30}?)\s*(?:[a-z0-9.-]+\.[a-z]{2,}\s*)?(?:[（(][^)）]*[)）]\s*)?版权所有/i.exec(text);
    if (m && !/^(本站|本网|网站)$/.test(m[1]!)) return m[1]!;
    m = /版权所有\s*[：:]\s*([^\s|｜,，。;；]{2,30})/.exec(text);
    if (m) return m[1]!;
  }
  return null;
}

/** The logo's alt text, when the logo links home. */
export function siteFromLogo(doc: Document): string | null {
  const base = baseOf(doc);
  for (const img of elementsNamed(doc, 'img')
    .filter((img) => img.hasAttribute('alt') && img.parentElement?.closest('a'))
    .slice(0, 10)) {
    const a = img.closest('a');
    const href = a?.getAttribute('href') ?? '';
    let home = false;
    try {
      home = new URL(href, base).pathname.replace(/index\.\w+$/, '') === '/';
    } catch {
      home = false;
    }
    const alt = normalizeSpace(img.getAttribute('alt') ?? '');
    if (home && alt && alt.length <= MAX_SITE_CHARS && !/logo$/i.test(alt)) return alt;
  }
  return null;
}

/** The last part of a declared title, when it differs from the headline: "…_清风法治网" → 清风法治网. */
export function siteFromTitle(docTitle: string, headline: string | null): string | null {
  const parts = normalizeSpace(docTitle).split(SEPARATOR).filter(Boolean);
  if (parts.length < 2) return null;
  const last = parts[parts.length - 1]!;
  if (headline && normalizeSpace(headline).endsWith(last)) return null;
  return last.length <= MAX_SITE_CHARS ? last : null;
}
