import { JSDOM, VirtualConsole } from 'jsdom';
import { MODE_SEED, buildDocument, parseTree, type ParsedDocument, type ParsedElement } from './build-dom.js';
import { ArchivistError } from './errors.js';
import { SVG_NS } from './extract/elements.js';
import { harden } from './harden.js';
import { jsdomImpl } from './jsdom-impl.js';
import { useLazyStyles } from './lazy-style.js';
import { readDocument } from './read-dom.js';
import { ruleFor, ruleForPage, type SiteRule } from './sites/index.js';
import { slimHtml } from './slim.js';
import type { Decoded, Parsed } from './types.js';

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
    useLazyStyles(dom.window.document);
    host = { dom, parser: new dom.window.DOMParser() };
  }
  return host;
}

/**
 * Lets a document parsed here (or a clone of one) be freed. jsdom indexes every HTML element
 * with an id, and some with a name, on the window (for `window.foo` lookups), and a DOMParser
 * document shares the one window: until they leave the index the window keeps them, and the page,
 * alive (89 pages: 700 MB). Taking their id and name away takes them out of the index, and costs
 * less than detaching the whole tree (1.5 against 2.4 ms a page): only those elements are touched.
 * The name goes first: jsdom keeps an element indexed under its id while its name is the same.
 * test/memory.test.ts has such elements, and fails if any is kept.
 * `named`, when given, are all the elements of `document` that can be in the index (as
 * build-dom.ts lists them), so the tree need not be walked to find them (0.3 ms a page).
 * This changes the document: call it when the document is done with. What was taken out of it
 * (the body candidates are detached <div>s) is not in the index and keeps its ids.
 */
export function release(document: Document, named?: readonly Element[]): void {
  if (named) {
    for (const el of named) unname(el);
    return;
  }
  const walker = document.createTreeWalker(document, 1 /* NodeFilter.SHOW_ELEMENT */);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) unname(node as Element);
}

function unname(el: Element): void {
  if (el.hasAttribute('name')) el.removeAttribute('name');
  if (el.hasAttribute('id')) el.removeAttribute('id');
}

/**
 * Elements whose content no stage reads, so no DOM is built of it: an inline <svg> (icons, logos,
 * charts) is drawn, not read. Every stage that reads text skips it (SKIP in lines.ts, UNSEEN in
 * measure.ts), chrome removal takes it out of the working copy (clean.ts) and turndown out of the
 * body. The <svg> element itself stays, with its attributes (an aria-label, a class). Measured:
 * the 156 corpus pages convert byte for byte as they did with the content built; their share icons
 * are 4.5% of en-news nodes, about 1% of the instructions; a page with an 800 KB inline chart
 * converts in 0.6 s instead of 1.0 s, in 153 MB instead of 230.
 */
const isInlineSvg = (el: ParsedElement): boolean => el.tagName === 'svg' && el.namespaceURI === SVG_NS;

/**
 * The page built from parse5's tree (build-dom.ts), or parsed by jsdom's own parser when this
 * jsdom lacks the helpers build-dom.ts builds with (or `ParseOptions.jsdomParser` asks for it):
 * slower, the same tree. Either way without what no stage reads.
 */
function buildOrParse(markup: string, parser: DOMParser, jsdomParser: boolean, tree?: ParsedDocument): { document: Document; named?: Element[] } {
  const built = jsdomParser ? null : buildDocument(tree ?? markup, (seed) => parser.parseFromString(seed, 'text/html'), { childless: isInlineSvg });
  if (built) return built;
  const document = parser.parseFromString(markup, 'text/html');
  // An <svg> inside an emptied one is emptied with it, out of the document; no matter.
  for (const svg of Array.from(document.getElementsByTagNameNS(SVG_NS, 'svg'))) svg.replaceChildren();
  return { document };
}

export interface ParseOptions {
  /**
   * jsdom's own parser instead of the build from parse5's tree: the path every page takes when
   * this jsdom lacks the helpers build-dom.ts uses. Default false; tests set it to cover that path.
   */
  jsdomParser?: boolean;
}

/** Text → a jsdom Document. Scripts never run, no sub-resource is loaded, page console output is dropped. */
export function parse(decoded: Decoded, options: ParseOptions = {}): Parsed {
  return parsing(() => jsdomPage(decoded, harden(slimHtml(decoded.text)), options.jsdomParser ?? false));
}

/**
 * Step 3 of the pipeline: the page to read. Built from parse5's tree as a domino document
 * (read-dom.ts), which the reading stages read and clean.ts builds jsdom's working copy from; or
 * as parse() builds it, a jsdom document: for a page a site rule applies to (a rule's selectors are
 * jsdom's, as validateRules judges them, and it selects from this document), and wherever jsdom or
 * domino lacks the helpers their builders use. Both are the same tree.
 */
export function read(decoded: Decoded, rules: SiteRule[]): Parsed {
  return parsing(() => {
    // Hardening runs on the slimmed text: scripts and comments are gone, so fewer false tags to scan.
    const markup = harden(slimHtml(decoded.text));
    // Without jsdom's helpers a domino page could not be copied into jsdom (build-dom.ts copyInto): read as jsdom then.
    const tree = jsdomImpl ? parseTree(markup) : undefined;
    const { url } = decoded.page;
    // With an address the rule is known before any DOM is built: a rule page gets no domino page made for nothing.
    const document = tree && !ruleFor(url, rules) ? readDocument(tree, urlOf(decoded), { childless: isInlineSvg }) : null;
    // Without one, the page's own saved-from or canonical address may name a rule's site: extract() asks the same.
    if (document && !ruleForPage(url, document, decoded.text, rules)) {
      // Nothing of a domino page is held by the shared window: it goes with its last reference.
      return { decoded, document, close: () => undefined };
    }
    return jsdomPage(decoded, markup, false, tree);
  });
}

/**
 * A new jsdom document with `url` as its URL, in `mode` (HTML's quirks rules), its children to be
 * replaced: the working copy of a page read as a domino document (clean.ts).
 */
export function workingDocument(url: string, mode: ParsedDocument['mode']): Document {
  const { dom, parser } = parserHost();
  dom.reconfigure({ url });
  return parser.parseFromString(MODE_SEED[mode], 'text/html');
}

const urlOf = (decoded: Decoded): string => decoded.page.url?.href ?? 'about:blank';

/** The page as a jsdom document (`tree`, when given, is `markup` parsed already). */
function jsdomPage(decoded: Decoded, markup: string, jsdomParser: boolean, tree?: ParsedDocument): Parsed {
  const { dom, parser } = parserHost();
  // A DOMParser document takes its URL (links, baseURI) from the window's; both calls are synchronous, so no other page comes between.
  dom.reconfigure({ url: urlOf(decoded) });
  const { document, named } = buildOrParse(markup, parser, jsdomParser, tree);
  return { decoded, document, close: () => release(document, named) };
}

function parsing(make: () => Parsed): Parsed {
  try {
    return make();
  } catch (cause) {
    throw new ArchivistError('E_PARSE', `cannot parse HTML: ${(cause as Error).message}`, { cause });
  }
}
