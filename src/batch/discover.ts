/**
 * Inputs found rather than listed: the page URLs of a sitemap (urlset, sitemap index, .xml.gz)
 * or of an RSS/Atom feed. The XML is fetched like a page (politeness, robots.txt, the address
 * guard: the caller's `fetchXml`), parsed by fast-xml-parser, and becomes BatchInputs in document
 * order, so a rerun finds the same inputs and resumes.
 */
import { gunzipSync } from 'node:zlib';
import { XMLParser } from 'fast-xml-parser';
import { ArchivistError, toArchivistError } from '../errors.js';
import type { BatchInput } from './input.js';

export interface DiscoverOptions {
  /** The body of an XML document (gzip is undone here). Throws an ArchivistError when it cannot. */
  fetchXml: (url: URL) => Promise<Uint8Array>;
  /** Only entries dated at or after this; undated entries are kept (most sitemaps date none). */
  since?: Date;
  /** At most this many inputs, the first in document order. */
  limit?: number;
  /** Told of a child sitemap that could not be read; the others are still used. */
  onWarning?: (message: string) => void;
}

/** The sitemaps protocol caps a file at 50,000 URLs and 50 MB uncompressed; an index at 50,000 sitemaps. */
const MAX_XML_BYTES = 50 * 1024 * 1024;
/** Child sitemaps read from one index tree: a generous site has a few hundred; a loop or a trap has no end. */
const MAX_SITEMAPS = 1000;
/** Indexes of indexes: the protocol allows one level; two is what real sites nest. */
const MAX_INDEX_DEPTH = 3;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  // Entities are decoded below, by hand, for the five XML names and character references only:
  // a DOCTYPE's own entities are never expanded (no "billion laughs").
  processEntities: false,
  parseTagValue: false,
  isArray: (name) => ['url', 'sitemap', 'item', 'entry', 'link'].includes(name),
});

type Node = Record<string, unknown>;

/** The page URLs of a sitemap or sitemap index. */
export async function sitemapInputs(root: URL, o: DiscoverOptions): Promise<BatchInput[]> {
  const out = new Collector(o);
  const seen = new Set<string>();
  const visit = async (url: URL, depth: number, isRoot: boolean): Promise<void> => {
    if (out.full || seen.has(url.href) || seen.size >= MAX_SITEMAPS) return;
    seen.add(url.href);
    let doc: Node;
    try {
      doc = parseXml(await o.fetchXml(url), url);
    } catch (err) {
      if (isRoot) throw err;
      const e = toArchivistError(err);
      o.onWarning?.(`sitemap ${url.href}: ${e.message} [${e.code}]`);
      return;
    }
    const index = doc.sitemapindex as Node | undefined;
    if (index) {
      if (depth >= MAX_INDEX_DEPTH) return o.onWarning?.(`sitemap ${url.href}: index nested deeper than ${MAX_INDEX_DEPTH}, not read`);
      for (const s of asNodes(index.sitemap)) {
        const loc = absolute(text(s.loc), url);
        // A child sitemap unchanged since --since holds no page changed since either.
        if (loc && out.wanted(text(s.lastmod))) await visit(loc, depth + 1, false);
      }
      return;
    }
    const set = doc.urlset as Node | undefined;
    if (!set) throw new ArchivistError('E_INPUT', `${url.href} is not a sitemap (no <urlset> or <sitemapindex>)`);
    for (const u of asNodes(set.url)) out.add(text(u.loc), text(u.lastmod), url);
  };
  await visit(root, 0, true);
  return out.inputs;
}

/** The article URLs of an RSS 2.0, RSS 1.0 (RDF) or Atom feed. */
export async function feedInputs(url: URL, o: DiscoverOptions): Promise<BatchInput[]> {
  const doc = parseXml(await o.fetchXml(url), url);
  const out = new Collector(o);
  const rss = (doc.rss as Node | undefined)?.channel as Node | undefined;
  const rdf = doc.RDF as Node | undefined;
  const atom = doc.feed as Node | undefined;
  if (rss || rdf) {
    for (const item of asNodes((rss ?? rdf)!.item)) out.add(text((item.link as unknown[] | undefined)?.[0]), text(item.pubDate) ?? text(item.date), url);
  } else if (atom) {
    for (const entry of asNodes(atom.entry)) {
      const links = asNodes(entry.link);
      // The entry's page is its rel="alternate" link, which is also what a link without rel means.
      const page = links.find((l) => (l['@rel'] ?? 'alternate') === 'alternate') ?? links[0];
      out.add(page ? text(page['@href']) : null, text(entry.published) ?? text(entry.updated), url);
    }
  } else {
    throw new ArchivistError('E_INPUT', `${url.href} is not an RSS or Atom feed (no <rss>, <rdf:RDF> or <feed>)`);
  }
  return out.inputs;
}

/** Inputs in order, without repeats, within --since and --limit. */
class Collector {
  readonly inputs: BatchInput[] = [];
  private readonly seen = new Set<string>();
  constructor(private readonly o: DiscoverOptions) {}

  get full(): boolean {
    return this.o.limit !== undefined && this.inputs.length >= this.o.limit;
  }

  /** An entry's date against --since: undated, or a date that does not parse, is kept. */
  wanted(date: string | null): boolean {
    if (!this.o.since || !date) return true;
    const t = Date.parse(date);
    return Number.isNaN(t) || t >= this.o.since.getTime();
  }

  add(loc: string | null, date: string | null, base: URL): void {
    if (this.full || !this.wanted(date)) return;
    const url = absolute(loc, base);
    if (!url || this.seen.has(url.href)) return;
    this.seen.add(url.href);
    this.inputs.push({ input: url.href, line: this.inputs.length + 1, source: { kind: 'url', url } });
  }
}

function parseXml(bytes: Uint8Array, url: URL): Node {
  let body = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // .xml.gz: served as application/gzip (or x-gzip) without Content-Encoding, so fetch leaves it packed.
  if (body[0] === 0x1f && body[1] === 0x8b) {
    try {
      body = gunzipSync(body, { maxOutputLength: MAX_XML_BYTES });
    } catch (cause) {
      throw new ArchivistError('E_TOO_LARGE', `${url.href}: cannot gunzip (corrupt, or over ${MAX_XML_BYTES} bytes)`, { cause });
    }
  }
  try {
    return parser.parse(body.toString('utf8')) as Node;
  } catch (cause) {
    throw new ArchivistError('E_INPUT', `${url.href}: not well-formed XML: ${(cause as Error).message}`, { cause });
  }
}

function asNodes(v: unknown): Node[] {
  return (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is Node => typeof x === 'object' && x !== null);
}

/** An element's text (a plain value, or #text beside attributes), entities decoded and trimmed; null when empty. */
function text(v: unknown): string | null {
  const raw = typeof v === 'string' ? v : v && typeof v === 'object' ? (v as Node)['#text'] : undefined;
  if (typeof raw !== 'string') return null;
  const s = decodeEntities(raw).trim();
  return s || null;
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(s: string): string {
  return s
    .replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1')
    .replace(/&(?:#x([0-9a-f]+)|#(\d+)|(amp|lt|gt|quot|apos));/gi, (m, hex: string, dec: string, name: string) => {
      if (name) return NAMED[name.toLowerCase()] ?? m;
      const cp = hex ? parseInt(hex, 16) : Number(dec);
      return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : m;
    });
}

/** An http(s) URL from an entry, relative ones resolved against the document's address; null otherwise. */
function absolute(loc: string | null, base: URL): URL | null {
  if (!loc) return null;
  try {
    const url = new URL(loc, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}
