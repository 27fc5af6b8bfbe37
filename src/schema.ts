import { z } from 'zod';

/** Bumped whenever a field is renamed, removed or changes meaning. Additions keep the number. */
export const SCHEMA_VERSION = 1;

/**
 * Every URL the output gives for the article, its site, source and images: absolute http(s),
 * with nothing a Markdown link or table could end at (render/url.ts webUrl writes them so).
 */
const WebUrl = z.string().regex(/^https?:\/\/[^\s()<>"'`\\|]+$/i, 'absolute http(s) URL, Markdown-safe');

const NamedLink = z.object({
  name: z.string().min(1),
  url: WebUrl.nullable(),
});

export const ImageSchema = z.object({
  url: WebUrl,
  alt: z.string().nullable(),
  caption: z.string().nullable(),
});

/** ISO 8601: a date (2024-07-13), or a date-time with optional seconds and offset. */
const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/, 'ISO 8601 date or date-time');

export const ProvenanceSchema = z.object({
  /** What the user named: a URL, a path, or '-' for stdin. */
  input: z.string(),
  /** The address the article is known by (--url, or the requested URL). */
  url: z.string().nullable(),
  /** Where the fetch ended after redirects; null for files and stdin. */
  finalUrl: z.string().nullable(),
  status: z.number().int().nullable(),
  /** When the bytes were fetched; null for files and stdin. Volatile. */
  fetchedAt: z.string().nullable(),
  /** When archivist produced this output. Volatile. */
  archivedAt: z.string(),
  contentType: z.string().nullable(),
  charset: z.string(),
  charsetSource: z.enum(['bom', 'header', 'meta', 'detected', 'default']),
  /** sha256 of the raw bytes as loaded (before decoding). */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** archivist/<version> that produced this output. Volatile. */
  tool: z.string(),
  /** Present (true) when the bytes are a browser's rendering of the page (--render), not the server's response. */
  rendered: z.literal(true).optional(),
  /** With rendered: the browser that rendered it, e.g. Chromium/131.0.6778.204. */
  browser: z.string().optional(),
});

export const ArticleSchema = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  url: WebUrl.nullable(),
  title: z.string().nullable(),
  authors: z.array(z.string()),
  editors: z.array(z.string()),
  published: IsoDate.nullable(),
  modified: IsoDate.nullable(),
  language: z.string().nullable(),
  site: NamedLink.nullable(),
  description: z.string().nullable(),
  section: z.array(z.string()),
  /** The article's tags or keywords: JSON-LD keywords, article:tag, else the tag list the page shows. */
  tags: z.array(z.string()),
  /** The outlet the article was reprinted from, with the original article's link when given. */
  source: NamedLink.nullable(),
  /** An article-attached notice (免责声明, 版权声明, "The views expressed…"), kept out of the body. */
  disclaimer: z.string().nullable(),
  images: z.array(ImageSchema),
  /** The body only, as Markdown (no front matter). */
  markdown: z.string(),
  /** The body as plain text, paragraphs separated by blank lines. */
  text: z.string(),
  /** Words in `text`; each CJK character counts as one word. */
  wordCount: z.number().int().nonnegative(),
  /** Things the extractor assumed or could not do (e.g. an assumed time zone). */
  warnings: z.array(z.string()),
  provenance: ProvenanceSchema,
});

export type Article = z.infer<typeof ArticleSchema>;
export type Provenance = z.infer<typeof ProvenanceSchema>;
export type Image = z.infer<typeof ImageSchema>;
export type NamedLinkT = z.infer<typeof NamedLink>;
