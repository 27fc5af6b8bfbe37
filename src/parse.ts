import { JSDOM, VirtualConsole } from 'jsdom';
import { ArchivistError } from './errors.js';
import { harden } from './harden.js';
import type { Decoded, Parsed } from './types.js';

/*
 * What jsdom never needs to see. jsdom parses every <style> eagerly (its CSS parser throws on
 * some real sheets: "Cannot create property 'border-width' on string 'inherit'") and builds
 * text nodes for every script; no stage reads either, and dropping them saves about a third of
 * parse time. JSON-LD is data, not script, and the metadata stage reads it, so it stays.
 */
const SCRIPT = /<script\b([^>]*)>[\s\S]*?<\/script\s*>/gi;
const STYLE = /<style\b[^>]*>[\s\S]*?<\/style\s*>/gi;
const COMMENT = /<!--[\s\S]*?-->/g;
const LD_JSON = /type\s*=\s*["']?application\/ld\+json/i;
/** Inline data: URIs over 2 KiB are blanked: base64 images of a megabyte each are common and no stage reads them. */
const DATA_URI = /(["'])data:[^"'\s]{2048,}\1/g;

/**
 * A start tag with a style attribute, and the attribute in it (quoted, or unquoted and not
 * starting with a quote). A `>` inside an earlier quoted value ends the match early; the
 * attribute is then left as it is, never cut.
 */
const TAG_WITH_STYLE = /<[a-zA-Z][^>]*?\sstyle\s*=[^>]*>/g;
const STYLE_ATTR = /(\s)style\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>][^\s>]*))/i;
/** The only declarations a stage reads: hidden elements (ours and Readability's visibility test) and centred lines (edges.ts). */
const READ_DECLARATION = /^\s*(?:display|visibility|text-align)\s*:/i;

/**
 * Inline styles cut to the declarations some stage reads. jsdom parses every style attribute
 * into a CSSStyleDeclaration as it builds the element, and again on every clone: 7% of all
 * conversion time on en-news, for colours and margins nothing looks at.
 */
function slimStyles(html: string): string {
  return html.replace(TAG_WITH_STYLE, (tag) =>
    tag.replace(STYLE_ATTR, (_m, space: string, dq?: string, sq?: string, bare?: string) => {
      const kept = (dq ?? sq ?? bare ?? '').split(';').filter((d) => READ_DECLARATION.test(d));
      return kept.length ? `${space}style="${kept.join(';').replace(/"/g, '&quot;')}"` : space;
    }),
  );
}

/** Removes what no stage reads, before jsdom sees it. Exported for the speed benchmark. */
export function slimHtml(html: string): string {
  return slimStyles(
    html
      .replace(SCRIPT, (whole, attrs: string) => (LD_JSON.test(attrs) ? whole : ''))
      .replace(STYLE, '')
      .replace(COMMENT, '')
      .replace(DATA_URI, (_m, q: string) => `${q}data:,${q}`),
  );
}


/**
 * One jsdom window per thread, made on first use. Pages are parsed into documents of their own
 * with its DOMParser: a window costs about 9 ms to build, a third of a small page's parse, and a
 * closed window is only freed after the event loop turns (a synchronous loop of JSDOMs kept
 * every page: 2 GB after 225). A DOMParser document holds no timers or resources and goes with
 * its last reference; nothing in a page ever runs in the window.
 */
let host: { dom: JSDOM; parser: DOMParser } | null = null;

function parserHost(): { dom: JSDOM; parser: DOMParser } {
  if (!host) {
    // The default VirtualConsole forwards to ours; a fresh one with no listeners swallows the page's noise.
    const dom = new JSDOM('', { virtualConsole: new VirtualConsole() });
    // jsdom's selector engine adds focus, key and mouse listeners to the window for every document
    // it makes (each page and each clone) and never removes them, so a shared window would keep
    // every page alive. Nothing runs in this window and no event is ever dispatched to it.
    Object.defineProperty(dom.window, 'addEventListener', { value: () => undefined });
    host = { dom, parser: new dom.window.DOMParser() };
  }
  return host;
}

/**
 * Lets a document parsed here (or a clone of one) be freed. jsdom indexes every element with an
 * id or name on the window, for `window.foo` lookups, and a DOMParser document shares the one
 * window: until its elements are detached the window keeps them, and the page, alive (89 pages:
 * 700 MB). Detaching costs about 2 ms a page; a window of its own cost 9.
 */
export function release(document: Document): void {
  document.documentElement?.remove();
}

/** Text → a jsdom Document. Scripts never run, no sub-resource is loaded, page console output is dropped. */
export function parse(decoded: Decoded): Parsed {
  const { dom, parser } = parserHost();
  try {
    // A DOMParser document takes its URL (links, baseURI) from the window's; both calls are synchronous, so no other page comes between.
    dom.reconfigure({ url: decoded.page.url?.href ?? 'about:blank' });
    // Hardening runs on the slimmed text: scripts and comments are gone, so fewer false tags to scan.
    const document = parser.parseFromString(harden(slimHtml(decoded.text)), 'text/html');
    return { decoded, document, close: () => release(document) };
  } catch (cause) {
    throw new ArchivistError('E_PARSE', `cannot parse HTML: ${(cause as Error).message}`, { cause });
  }
}
