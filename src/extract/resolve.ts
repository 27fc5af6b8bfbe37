/**
 * Links and images of the working copy made absolute, and lazy images given their real source, so
 * that no later stage has to know about base addresses or lazy loading.
 */
import { elementsWithTag } from '../common/tag-walk.js';

/** Lazy-loading attributes, most specific first. */
const LAZY_SRC = ['data-src', 'data-original', 'data-lazy-src', 'data-actualsrc', 'data-url', 'data-echo', 'data-lazyload', 'original', 'file'];
const PLACEHOLDER_SRC = /^(data:|about:blank)|(blank|placeholder|loading|lazy|spacer|grey|gray|pixel|transparent)[^/]*\.(gif|png|svg|jpe?g)/i;

/**
 * Gives every <img> its real, absolute src (lazy attributes resolved) so no later stage has to know about lazy loading.
 * `base` is the original page's (see baseOf): the working copy's is the same.
 */
export function resolveImages(doc: Document, base: string): void {
  // Tree walks, not querySelectorAll: the same elements, without jsdom's selector engine (see common/tag-walk.ts).
  for (const img of elementsWithTag(doc, ['img'])) {
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
        const abs = new URL(finalSrc, base).href;
        if (abs !== finalSrc) img.setAttribute('src', abs);
      } catch {
        img.removeAttribute('src');
      }
    }
  }
  for (const a of elementsWithTag(doc, ['a'])) {
    const href = a.getAttribute('href');
    if (href === null) continue;
    if (/^\s*(javascript|vbscript|data):/i.test(href)) {
      a.removeAttribute('href');
      continue;
    }
    try {
      const abs = new URL(href, base).href;
      if (abs !== href) a.setAttribute('href', abs);
    } catch {
      a.removeAttribute('href');
    }
  }
}
