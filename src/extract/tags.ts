/**
 * The article's tags: JSON-LD `keywords`, `article:tag` meta tags, and the tag list a page shows
 * (rel=tag links, a "tags" block of links). Declared tags first; the shown list only when the
 * page declares none, as a shown list is as often a site's topic menu.
 */
import { elementsOf } from './elements.js';
import type { JsonLdNode } from './jsonld.js';
import { normalizeSpace } from './text.js';

/** Class or id words of a block that lists the article's tags. */
const TAG_BLOCK =
  /(^|[\s_-])(tags|tag-list|taglist|tag-links|post-tags|entry-tags|article-tags|story-tags|tags-list|schlagworte|schlagwörter|keywords|etiquetas|mots-cles)([\s_-]|$)/i;
/** Longest tag, and most tags kept: a longer list is a menu, not tags. */
const MAX_TAG_CHARS = 60;
const MAX_TAGS = 30;

function clean(list: string[]): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const raw of list) {
    const t = normalizeSpace(raw).replace(/^#/, '');
    if (!t || t.length > MAX_TAG_CHARS || /^(tags?|schlagworte?|keywords?)\s*:?$/i.test(t)) continue;
    const k = t.toLowerCase();
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(t);
  }
  return out.slice(0, MAX_TAGS);
}

function keywords(v: unknown): string[] {
  if (typeof v === 'string') return v.split(/\s*[,;]\s*/);
  if (Array.isArray(v)) return v.flatMap(keywords);
  return [];
}

export function extractTags(doc: Document, article: JsonLdNode): string[] {
  const declared: string[] = keywords(article.keywords);
  const all = elementsOf(doc);
  for (const el of all) {
    if (el.localName === 'meta' && /^(article:tag|og:article:tag)$/i.test(el.getAttribute('property') ?? el.getAttribute('name') ?? '')) {
      declared.push(el.getAttribute('content') ?? '');
    }
  }
  const fromDeclared = clean(declared);
  if (fromDeclared.length) return fromDeclared;
  const shown: string[] = [];
  for (const el of all) {
    if (el.localName === 'a' && /(^|\s)tag(\s|$)/i.test(el.getAttribute('rel') ?? '')) shown.push(el.textContent ?? '');
  }
  if (!shown.length) {
    const block = all.find(
      (el) =>
        el.localName !== 'body' &&
        el.localName !== 'meta' &&
        TAG_BLOCK.test(`${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`) &&
        el.querySelector('a'),
    );
    if (block) for (const a of Array.from(block.querySelectorAll('a'))) shown.push(a.textContent ?? '');
  }
  return clean(shown);
}
