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
