import { HTML_NS, elementsNamed } from './elements.js';

const bases = new WeakMap<Document, string>();

/**
 * The page's base URL, for resolving its links and images: the href of its first HTML <base>
 * that has one, resolved against the document's URL; the document's URL when there is none or
 * it does not parse (HTML's "document base URL").
 *
 * Worked out here from the page's element list, once per document, and not read from
 * `doc.baseURI`: jsdom finds the <base> with a selector query over the whole page (1–2 ms a
 * page), and its selector engine takes `<base xlink:href=…>` for `base[href]` and then throws
 * reading the missing href (found by the fuzz benchmark). Only for a page no stage changes (see
 * elements.ts); the working copy resolves against its original's base.
 */
export function baseOf(doc: Document): string {
  let base = bases.get(doc);
  if (base === undefined) {
    const href = elementsNamed(doc, 'base')
      .find((el) => el.namespaceURI === HTML_NS && el.hasAttribute('href'))
      ?.getAttribute('href');
    base = doc.URL;
    if (href != null) {
      try {
        base = new URL(href, doc.URL).href;
      } catch {
        // an unparsable href leaves the document's URL as the base, as a browser does
      }
    }
    bases.set(doc, base);
  }
  return base;
}

/** `<link rel=canonical href=…>` and `<meta property=og:url content=…>`, attributes in either order. */
const CANONICAL = /<link\b(?=[^>]*\brel\s*=\s*["']?canonical\b)[^>]*\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i;
const OG_URL = /<meta\b(?=[^>]*\bproperty\s*=\s*["']?og:url\b)[^>]*\bcontent\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i;
/** Where in a page its head declarations sit: a canonical link after this much markup is in the body, someone else's. */
const DECLARED_ADDRESS_SCAN_CHARS = 200_000;

/**
 * The address a page declares for itself (its canonical link, else og:url) when it is an absolute
 * http(s) URL: a saved page given without --url is known by it, and its relative links and images
 * resolve against it. Read from the text, before any DOM is built, since a document's URL is fixed
 * when it is made.
 */
export function declaredAddress(html: string): URL | undefined {
  const head = html.slice(0, DECLARED_ADDRESS_SCAN_CHARS);
  for (const re of [CANONICAL, OG_URL]) {
    const m = re.exec(head);
    const u = httpUrl((m?.[1] ?? m?.[2] ?? m?.[3])?.trim().replace(/&amp;/g, '&'));
    if (u) return u;
  }
  return undefined;
}

/** `raw` as an absolute http(s) URL, or undefined for a relative, broken or other-scheme address. */
export function httpUrl(raw: string | null | undefined): URL | undefined {
  if (!raw) return undefined;
  try {
    const u = new URL(raw);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u : undefined;
  } catch {
    return undefined;
  }
}
