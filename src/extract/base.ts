/**
 * The document's base URL, for resolving the page's links and images; the document's own URL
 * when jsdom cannot work one out. Its selector engine takes `<base xlink:href=…>` for
 * `base[href]`, and jsdom then throws reading the missing href (found by the fuzz benchmark).
 * Read it once per use, not per link: jsdom looks for a <base> on every read.
 */
export function baseOf(doc: Document): string {
  try {
    return doc.baseURI;
  } catch {
    return doc.URL;
  }
}
