import type { Metadata } from '../types.js';
import type { ReadabilityMeta } from './body.js';
import { parseDate } from './dates.js';
import { articleNode, names, nodeOfType, readJsonLd, str } from './jsonld.js';
import { cjkRatio, normalizeSpace } from './text.js';

/** The one validity check every candidate passes (STYLE rule 2): a non-empty, non-placeholder string of sane length. */
const MAX_FIELD_CHARS = 500;
export function firstValid(candidates: (string | null | undefined)[]): string | null {
  for (const c of candidates) {
    if (typeof c !== 'string') continue;
    const v = normalizeSpace(c);
    if (v && v.length <= MAX_FIELD_CHARS && !/^(null|undefined|none|n\/a|-)$/i.test(v)) return v;
  }
  return null;
}

export interface MetadataInput {
  doc: Document;
  url: URL | undefined;
  readability: ReadabilityMeta | null;
  /** Content-Language header, if any. */
  contentLanguage?: string;
}

export interface MetadataResult {
  metadata: Metadata;
  warnings: string[];
}

function meta(doc: Document, ...keys: string[]): string | null {
  for (const k of keys) {
    const el = doc.querySelector(`meta[property="${k}" i], meta[name="${k}" i], meta[itemprop="${k}" i]`);
    const v = el?.getAttribute('content');
    if (v && v.trim()) return v.trim();
  }
  return null;
}

/** Reads what the page declares about itself: JSON-LD, meta tags, <title>, <html lang>. */
export function extractMetadata(input: MetadataInput): MetadataResult {
  const { doc, url, readability } = input;
  const warnings: string[] = [];
  const ld = readJsonLd(doc);
  const art = articleNode(ld) ?? {};
  const org = nodeOfType(ld, 'Organization') ?? nodeOfType(ld, 'NewsMediaOrganization');

  const bodyText = doc.body?.textContent ?? '';
  const language = firstValid([doc.documentElement.getAttribute('lang'), meta(doc, 'og:locale', 'content-language', 'language'), input.contentLanguage, str(art.inLanguage)])?.replace('_', '-') ?? guessLanguage(bodyText);
  const chinese = (language ?? '').toLowerCase().startsWith('zh');

  const h1 = doc.querySelector('h1');
  const title = firstValid([str(art.headline), meta(doc, 'og:title', 'twitter:title'), h1?.textContent, readability?.title, doc.title]);

  const date = (candidates: (string | null | undefined)[]): string | null => {
    for (const c of candidates) {
      if (!c) continue;
      const p = parseDate(c, chinese ? '+08:00' : null);
      if (p) {
        if (p.zoneAssumed) warnings.push(`time zone of "${c}" assumed to be +08:00 (China Standard Time)`);
        return p.iso;
      }
    }
    return null;
  };
  const published = date([
    str(art.datePublished),
    meta(doc, 'article:published_time', 'datePublished', 'pubdate', 'publishdate', 'PubDate', 'publish-date', 'sailthru.date', 'dc.date', 'dcterms.created'),
    doc.querySelector('time[datetime]')?.getAttribute('datetime'),
    readability?.publishedTime,
  ]);
  const modified = date([str(art.dateModified), meta(doc, 'article:modified_time', 'dateModified', 'og:updated_time', 'dcterms.modified')]);

  const authors = unique(
    [...names(art.author), ...(meta(doc, 'author', 'article:author') ?? '').split(/[,;，、]/), readability?.byline ?? '']
      .map((a) => normalizeSpace(a.replace(/^by\s+/i, '')))
      .filter((a) => a && !/^https?:/.test(a) && !NO_AUTHOR.test(a)),
  ).slice(0, 1 + names(art.author).length);

  const siteName = firstValid([meta(doc, 'og:site_name', 'application-name'), names(art.publisher)[0], org ? names(org)[0] : null, readability?.siteName]);
  const site = siteName ? { name: siteName, url: url ? `${url.protocol}//${url.host}/` : null } : null;

  const imageUrl = firstValid([meta(doc, 'og:image', 'twitter:image'), str(art.image)]);
  let leadImage = null;
  if (imageUrl) {
    try {
      leadImage = { url: new URL(imageUrl, doc.baseURI).href, alt: null, caption: null };
    } catch {
      leadImage = null;
    }
  }

  return {
    metadata: {
      title,
      authors,
      editors: [],
      published,
      modified,
      language,
      site,
      description: firstValid([meta(doc, 'description', 'og:description', 'twitter:description'), str(art.description)]),
      section: [],
      leadImage,
    },
    warnings,
  };
}

/** Placeholders that mean "no known author". */
export const NO_AUTHOR = /^(佚名|匿名|未知|anonymous|admin|administrator|unknown|staff|editor)$/i;

function unique(xs: string[]): string[] {
  return [...new Set(xs)];
}

/** Language from the text alone, when the page declares none. */
export function guessLanguage(text: string): string | null {
  const sample = text.slice(0, 5000);
  if (/[\u3040-\u30ff]/.test(sample)) return 'ja';
  if (/[\uac00-\ud7af]/.test(sample)) return 'ko';
  if (cjkRatio(sample) > 0.3) return /[這們說來對會國時後為個與麼]/.test(sample) && !/[这们说来对会国时后为个与么]/.test(sample) ? 'zh-TW' : 'zh-CN';
  if (/[\u0400-\u04ff]/.test(sample)) return 'ru';
  return null;
}
