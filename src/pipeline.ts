/**
 * The one place that knows the order of the stages. Each step takes the previous step's
 * typed result and returns the next; read top to bottom to see what archivist does to a page.
 */
import { createHash } from 'node:crypto';
import { ArchivistError, toArchivistError } from './errors.js';
import { densityBody, readabilityBody, readabilityUnfit, regionBody, threadBody, type BodyCandidate, type ReadabilityRun } from './extract/body.js';
import { pageKind, type PageKind } from './extract/page-type.js';
import { pageExtent, regionElement, widerRegion } from './extract/widen.js';
import { addProductDescription } from './extract/product.js';
import { chooseBody } from './extract/choose.js';
import { CHINA_ZONE } from './extract/dates.js';
import { baseOf, declaredAddress } from './extract/base.js';
import { CAPTION_ATTR, copyWithoutChrome } from './extract/clean.js';
import { resolveImages } from './extract/resolve.js';
import { markCodeLanguages } from './extract/code.js';
import { trimEdges } from './extract/edges.js';
import { attribute, extractMetadata } from './extract/metadata.js';
import { countWords, normalizeSpace } from './extract/text.js';
import { mayBeCutShort } from './load/cut-short.js';
import { decode } from './load/decode.js';
import type { FetchOptions } from './load/fetch.js';
import { readFilePage, readStdinPage } from './load/file.js';
import { read, release } from './parse/index.js';
import { BUILTIN_RULES, applyRule, ruleFor, ruleForPage, withRemovals, type SiteRule } from './sites/index.js';
import { toMarkdown } from './render/markdown.js';
import { toText } from './common/plain-text.js';
import { elementsWithTag } from './common/tag-walk.js';
import { webLink, webUrl } from './render/url.js';
import { ArticleSchema, SCHEMA_VERSION, type Article, type Image } from './schema.js';
import type { Decoded, Extraction, Page, Parsed, Source } from './types.js';
import { TOOL } from './version.js';

export interface ConvertOptions {
  /** Options for URL inputs. */
  fetch?: FetchOptions;
  /** Where stdin is read from for a 'stdin' source. Default process.stdin. */
  stdin?: NodeJS.ReadableStream;
  /** The clock for archivedAt. Default: the real one. */
  now?: () => Date;
  /** Site rules, user rules first. Default: the built-in rules. */
  rules?: SiteRule[];
}

/** Step 1: bytes from wherever the source is. */
export async function load(source: Source, options: ConvertOptions = {}): Promise<Page> {
  switch (source.kind) {
    case 'url': {
      // undici and the address guard load only when a URL is fetched: converting a file starts faster without them.
      const { fetchPage } = await import('./load/fetch.js');
      return fetchPage(source.url, { now: options.now, ...options.fetch });
    }
    case 'file':
      return readFilePage(source.path, source.url);
    case 'stdin':
      return readStdinPage(options.stdin ?? process.stdin, source.url);
  }
}

/** Step 4: metadata, chrome removal, body, attribution — on the parsed document, which it does not change. */
export function extract(parsed: Parsed): Extraction {
  const doc = parsed.document;
  const url = parsed.decoded.page.url;
  const { rule } = parsed;

  // 4a. a working copy without site chrome (the rule's removals first), with absolute links and real image sources;
  //     the original stays as it is, for metadata.
  // A thread keeps every post: its comment and reply boxes are content (extract/page-type.ts).
  const kind = pageKind(doc);
  let work = cleanCopy(doc, rule, kind);
  try {
    const extent = pageExtent(work);

    // 4b. the density candidate first (it only reads), then Readability on the same copy (it mutates, and the copy is
    //     ours: a second clone cost as much as Readability itself); then the choice between them (extract/choose.ts).
    //     On a page too big for Readability it is not run, and the density body takes the page's own nodes.
    const unfit = readabilityUnfit(work);
    const thread = kind === 'thread' ? threadBody(work) : null;
    const dense = densityBody(work, kind, unfit === null);
    const r: ReadabilityRun = unfit === null ? readabilityBody(work) : { body: null, meta: null, skipped: unfit };
    const chosen = chooseBody(r.body, dense).body;
    let body: BodyCandidate | null = thread && thread.textLength >= (chosen?.textLength ?? 0) ? thread : chosen;
    // A pick that is a small share of the page is one piece of a page that is not one article (extract/widen.ts):
    // the page's main region is the body. Readability changed this copy, so the region comes from a fresh one.
    const region = widerRegion(body, extent, kind);
    if (region) {
      release(work);
      work = cleanCopy(doc, rule, kind);
      const el = regionElement(work, region);
      if (el) body = regionBody(el);
    }

    // 4c. what the page declares: JSON-LD, meta tags, <title>, the headline element.
    const { metadata, declared, warnings } = extractMetadata({
      doc,
      url,
      readability: r.meta,
      contentLanguage: parsed.decoded.page.headers['content-language'],
      html: parsed.decoded.text,
    });

    // 4d. what the page shows around headline and body (meta line, credits, notices, breadcrumb),
    //     lifted out of the body into their fields.
    const container = body?.el ?? work.createElement('div');
    // Kept for 4g, as markup: lifting and trimming change the container in place, and serialising it cost a tenth of a
    // clone; it is parsed again only on the rare page 4g falls back on.
    const untrimmed = container.innerHTML;
    const attributed = attribute({ doc, url, body: container, metadata, declared });
    if (r.error !== undefined) warnings.push(`Readability failed (${r.error}); the body is the densest text block`);
    if (r.skipped !== undefined) warnings.push(`Readability not run (${r.skipped}); the body is the densest text block`);
    warnings.push(...attributed.warnings);

    // 4e. a site rule, where there is one, overrides field by field.
    if (rule) applyRule(rule, doc, metadata, attributed, declared.chinese ? CHINA_ZONE : null);

    // 4f. trim what is left at the body's edges that is not article (原标题, captions, bylines, related links).
    trimEdges(container, { title: metadata.title, authors: metadata.authors });
    // A product's description and specs, when its markup hides them, are in its JSON-LD (extract/product.ts).
    if (kind === 'product') addProductDescription(doc, container);
    // 4g. lifting and trimming may never empty a body that had text (a one-line page whose line is also its headline).
    const kept = normalizeSpace(container.textContent ?? '') ? container : (withText(work, untrimmed) ?? container);

    warnings.push(...parsed.capped);
    if (mayBeCutShort(parsed.decoded.page)) {
      warnings.push(
        `the page ends before </body> or </html> at its declared Content-Length (${parsed.decoded.page.bytes.length} bytes): the server may have sent more`,
      );
    }
    if (parsed.decoded.replaced > 0) {
      warnings.push(`${parsed.decoded.replaced} undecodable or broken characters (U+FFFD) dropped from the ${parsed.decoded.charset} text`);
    }

    return {
      metadata,
      body: kept,
      attribution: { source: attributed.source },
      disclaimer: attributed.disclaimer,
      warnings,
    };
  } finally {
    // The copy is ours and done with: let it go (see release in parse/working-copy.ts).
    release(work);
  }
}

/** The page without its chrome (the site rule's removals first), with absolute links and real image sources. */
function cleanCopy(doc: Document, rule: SiteRule | null, kind: PageKind): Document {
  const ruled = withRemovals(rule, doc);
  let work: Document;
  try {
    work = copyWithoutChrome(ruled, kind);
  } finally {
    if (ruled !== doc) release(ruled);
  }
  resolveImages(work, baseOf(doc));
  markCodeLanguages(work);
  return work;
}

/** A <div> of `doc` holding `html`, when that has text. */
function withText(doc: Document, html: string): Element | null {
  const el = doc.createElement('div');
  el.innerHTML = html;
  return normalizeSpace(el.textContent ?? '') ? el : null;
}

/**
 * Step 5: the Article — rendered body, images, provenance — validated against the schema. `declared` is the address
 * the page declares for itself, the article's url when none was given (provenance still says none was).
 */
export function assemble(extraction: Extraction, decoded: Decoded, now: () => Date, declared?: URL): Article {
  const container = extraction.body;
  const text = toText(container);
  const wordCount = countWords(text);
  if (wordCount === 0) throw new ArchivistError('E_NO_CONTENT', 'no article text found');
  const images = collectImages(container, extraction.metadata.leadImage);
  const markdown = toMarkdown(container.innerHTML);
  const { page } = decoded;
  const m = extraction.metadata;
  const article: Article = {
    schemaVersion: SCHEMA_VERSION,
    url: webUrl(page.url?.href ?? declared?.href),
    title: m.title,
    authors: m.authors,
    editors: m.editors,
    published: m.published,
    modified: m.modified,
    language: m.language,
    site: webLink(m.site),
    description: m.description,
    section: m.section,
    tags: m.tags,
    source: webLink(extraction.attribution.source),
    disclaimer: extraction.disclaimer,
    images,
    markdown,
    text,
    wordCount,
    warnings: extraction.warnings,
    provenance: {
      input: page.input,
      url: page.url?.href ?? null,
      finalUrl: page.requestedUrl ? (page.url?.href ?? null) : null,
      status: page.status ?? null,
      fetchedAt: page.fetchedAt ?? null,
      archivedAt: now().toISOString(),
      contentType: page.headers['content-type'] ?? null,
      charset: decoded.charset,
      charsetSource: decoded.charsetSource,
      sha256: createHash('sha256').update(page.bytes).digest('hex'),
      tool: TOOL,
      ...(page.rendered ? { rendered: true as const, browser: page.rendered.browser } : {}),
    },
  };
  return ArticleSchema.parse(article);
}

function collectImages(container: Element, lead: Image | null): Image[] {
  const seen = new Set<string>();
  const images: Image[] = [];
  const add = (img: Image) => {
    if (seen.has(img.url)) return;
    seen.add(img.url);
    images.push(img);
  };
  const inBody = elementsWithTag(container, ['img'])
    .map((img) => {
      const src = webUrl(img.getAttribute('src'));
      if (!src) return null;
      const caption = normalizeSpace(img.closest('figure')?.querySelector('figcaption')?.textContent ?? img.getAttribute(CAPTION_ATTR) ?? '') || null;
      return { url: src, alt: normalizeSpace(img.getAttribute('alt') ?? '') || null, caption };
    })
    .filter((x): x is Image => x !== null);
  // The lead image first: the page's declared one if the body shows no image, else the body's first.
  // A declared image may be anything (JSON-LD "image": "javascript:…"): only a web URL is kept.
  const leadUrl = webUrl(lead?.url);
  if (lead && leadUrl && inBody.length === 0) add({ ...lead, url: leadUrl });
  for (const img of inBody) add(img);
  return images;
}

/** How the parse stage learns a page's site rule: by its address before any DOM is built, else by what the page says. */
export function siteRuleOf(decoded: Decoded, rules: SiteRule[]): (document: Document | null) => SiteRule | null {
  const { url } = decoded.page;
  return (document) => (document ? ruleForPage(url, document, decoded.text, rules) : ruleFor(url, rules));
}

/** Steps 2–5 for bytes already loaded. Synchronous, so a worker thread can run it as is. */
export function convertPage(page: Page, now: () => Date = () => new Date(), rules: SiteRule[] = BUILTIN_RULES): Article {
  // 2. bytes → text, trusting the bytes over a lying declaration.
  const decoded = decode(page);
  // 2b. without an address, the one the page declares (canonical, og:url) names it and resolves its relative links.
  const declared = page.url ? undefined : declaredAddress(decoded.text);
  const reading: Decoded = declared ? { ...decoded, page: { ...decoded.page, url: declared } } : decoded;
  // 3. text → a DOM to read (domino; jsdom where a site rule applies), with nothing executed or fetched; the site rule
  //    is decided here, once: by the address, else by the address the page says it was saved from.
  const parsed = read(reading, siteRuleOf(reading, rules));
  try {
    // 4. extraction; 5. the Article.
    const extraction = extract(parsed);
    if (declared)
      extraction.warnings.unshift(`no --url given: the page's declared address ${declared.href} is used as its url and the base for relative links`);
    return assemble(extraction, decoded, now, declared);
  } catch (err) {
    throw toArchivistError(err, 'E_PARSE');
  } finally {
    parsed.close();
  }
}

/** Steps 1–5: one source in, one validated Article out. */
export async function convert(source: Source, options: ConvertOptions = {}): Promise<Article> {
  const page = await load(source, options);
  return convertPage(page, options.now, options.rules);
}
