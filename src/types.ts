/** The contracts between pipeline stages. Each stage takes one and returns the next; none mutates its input. */
import type { Image, NamedLinkT } from './schema.js';
import type { SiteRule } from './sites/schema.js';

export type Source = { kind: 'url'; url: URL } | { kind: 'file'; path: string; url?: URL } | { kind: 'stdin'; url?: URL };

/** Raw bytes as loaded, with what the transport said about them. */
export interface Page {
  /** What the user named: the URL, the path, or '-'. */
  input: string;
  bytes: Uint8Array;
  /** The article's address: the final URL of a fetch, or --url for files and stdin. */
  url?: URL;
  requestedUrl?: URL;
  status?: number;
  /** Lower-cased header names. Empty for files and stdin. */
  headers: Record<string, string>;
  fetchedAt?: string;
  /**
   * Set when `bytes` are the DOM a browser built (--render), serialised as UTF-8, rather than the
   * server's response; `document` is that response as the browser received it (for the WARC).
   */
  rendered?: { browser: string; document?: RenderedDocument };
}

/** The main document's HTTP response as a browser received it, before its scripts ran. */
export interface RenderedDocument {
  url: URL;
  status: number;
  headers: Record<string, string>;
  bytes: Uint8Array;
}

export type CharsetSource = 'bom' | 'header' | 'meta' | 'detected' | 'default';

export interface Decoded {
  page: Page;
  text: string;
  /** WHATWG encoding name actually used to decode, e.g. 'utf-8', 'gb18030'. */
  charset: string;
  charsetSource: CharsetSource;
  /** U+FFFD characters dropped from the text: bytes invalid in the charset, or already broken in the page. */
  replaced: number;
}

export interface Parsed {
  decoded: Decoded;
  /** The page, read only by the extract stage: a domino document, or a jsdom one for a rule page (parse/index.ts). */
  document: Document;
  /** The site rule the page has, decided once, as it was read (by its address, else its saved-from one). */
  rule: SiteRule | null;
  /** What hardening cut to hold the page within the per-page limits (docs/security.md), as warnings; empty for any real page. */
  capped: string[];
  /** Lets the document be freed (see release in parse/working-copy.ts); it must not be used afterwards. */
  close(): void;
}

export interface Metadata {
  title: string | null;
  authors: string[];
  editors: string[];
  published: string | null;
  modified: string | null;
  language: string | null;
  site: NamedLinkT | null;
  description: string | null;
  section: string[];
  tags: string[];
  leadImage: Image | null;
}

export interface Attribution {
  source: NamedLinkT | null;
}

export interface Extraction {
  metadata: Metadata;
  /** A detached <div> whose children are the article body. */
  body: Element;
  attribution: Attribution;
  disclaimer: string | null;
  warnings: string[];
}
