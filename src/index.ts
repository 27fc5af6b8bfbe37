/**
 * The public API. Importing it is cheap: the pipeline (jsdom, Readability, turndown) and the
 * batch runner load on the first call that needs them, so a program that imports archivist and
 * converts later pays for them then, once.
 */
import { ArchivistError } from './errors.js';
import type { FetchOptions } from './load/fetch.js';
import type { ArchiveOptions } from './batch/runner.js';
import type { Summary } from './batch/summary.js';
import type { Article } from './schema.js';
import type { SiteRule } from './sites/schema.js';
import type { Page, Source } from './types.js';

export { render, FORMATS, type Format } from './render/index.js';
export { ArticleSchema, SCHEMA_VERSION, type Article } from './schema.js';
export { ArchivistError, ERROR_CODES, type ErrorCode } from './errors.js';
export type { Source, Page, Decoded, Extraction, Metadata } from './types.js';
export type { FetchOptions } from './load/fetch.js';
export type { ArchiveOptions } from './batch/runner.js';
export type { SiteRule } from './sites/schema.js';
export { VERSION } from './version.js';

/** Options every conversion takes. */
export interface ConvertOptions {
  /** The clock for provenance.archivedAt. Default: the real one. */
  now?: () => Date;
  /** Extra site rules, tried before the built-in ones. */
  rules?: SiteRule[];
  /** Where a 'stdin' source is read from. Default process.stdin. */
  stdin?: NodeJS.ReadableStream;
  /** Options for fetching (timeouts, retries, userAgent, headers, blockPrivateAddresses). */
  fetch?: FetchOptions;
}

export interface ConvertHtmlOptions extends ConvertOptions {
  /** The page's address: resolves relative links and images, names the site, goes into provenance. */
  url?: string | URL;
}

/**
 * Converts an HTML document you already have (a string, or bytes whose charset is detected).
 * Nothing is fetched: links stay relative unless `url` says where the page lives.
 */
export async function convertHtml(html: string | Uint8Array, options: ConvertHtmlOptions = {}): Promise<Article> {
  const fn = 'convertHtml(html, { url })';
  if (typeof html !== 'string' && !(html instanceof Uint8Array)) throw usage(fn, `html must be a string or a Uint8Array, not ${describe(html)}`);
  checkOptions(fn, options);
  const url = options.url === undefined ? undefined : httpUrl(fn, 'url', options.url);
  const page: Page = {
    input: url?.href ?? '-',
    bytes: typeof html === 'string' ? Buffer.from(html, 'utf8') : html,
    url,
    // A string is text already: its bytes here are UTF-8, whatever its <meta charset> says.
    headers: typeof html === 'string' ? { 'content-type': 'text/html; charset=utf-8' } : {},
  };
  const { convertPage } = await import('./pipeline.js');
  return convertPage(page, options.now, await rulesOf(options.rules));
}

/** Fetches a page (redirects, retries, size and time limits) and converts it. */
export async function convertUrl(url: string | URL, options: ConvertOptions = {}): Promise<Article> {
  const fn = 'convertUrl(url, options)';
  checkOptions(fn, options);
  return run({ kind: 'url', url: httpUrl(fn, 'url', url) }, options);
}

/** Reads a saved page (.html, .htm, .xhtml, optionally .gz) and converts it; `url` is where it was saved from. */
export async function convertFile(path: string, options: ConvertHtmlOptions = {}): Promise<Article> {
  const fn = 'convertFile(path, { url })';
  if (typeof path !== 'string' || path === '') throw usage(fn, `path must be a non-empty string, not ${describe(path)}`);
  checkOptions(fn, options);
  return run({ kind: 'file', path, url: options.url === undefined ? undefined : httpUrl(fn, 'url', options.url) }, options);
}

/** Converts any Source: { kind: 'url', url }, { kind: 'file', path, url? } or { kind: 'stdin', url? }. */
export async function convert(source: Source, options: ConvertOptions = {}): Promise<Article> {
  const fn = 'convert(source, options)';
  if (typeof source === 'string') {
    throw usage(fn, 'source is an object such as { kind: "file", path }; for a path call convertFile(path), for an address convertUrl(url)');
  }
  if (!source || typeof source !== 'object' || !['url', 'file', 'stdin'].includes((source as Source).kind)) {
    throw usage(fn, `source must be { kind: "url" | "file" | "stdin", … }, not ${describe(source)}`);
  }
  checkOptions(fn, options);
  const s = source as Source & { url?: unknown };
  // A URL given as a string is what callers mean; it is taken as one rather than failing deep inside the fetch.
  const url = s.url === undefined ? undefined : httpUrl(fn, 'source.url', s.url);
  if (s.kind === 'url' && !url) throw usage(fn, 'a "url" source needs source.url');
  if (s.kind === 'file' && (typeof s.path !== 'string' || !s.path)) throw usage(fn, 'a "file" source needs source.path, a string');
  return run({ ...s, url } as Source, options);
}

/** Archives a list (or WARC, folder, sitemap, feed) into a folder, as `archivist archive` does; resolves with the run's counts. */
export async function archive(options: ArchiveOptions): Promise<Summary> {
  if (!options || typeof options !== 'object' || typeof options.outDir !== 'string')
    throw usage('archive(options)', 'options.outDir, a folder path, is required');
  const { runArchive } = await import('./batch/runner.js');
  return runArchive(options);
}

async function run(source: Source, options: ConvertOptions): Promise<Article> {
  const { convert: pipelineConvert } = await import('./pipeline.js');
  return pipelineConvert(source, { ...options, rules: await rulesOf(options.rules) });
}

/** The caller's rules before the built-in ones, as the CLI's --rules. */
async function rulesOf(rules: SiteRule[] | undefined): Promise<SiteRule[]> {
  const { BUILTIN_RULES } = await import('./sites/index.js');
  return rules ? [...rules, ...BUILTIN_RULES] : BUILTIN_RULES;
}

function usage(fn: string, message: string): ArchivistError {
  return new ArchivistError('E_USAGE', `${fn}: ${message}`);
}

function checkOptions(fn: string, options: unknown): void {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) throw usage(fn, `options must be an object, not ${describe(options)}`);
  const rules = (options as ConvertOptions).rules;
  if (rules !== undefined && !Array.isArray(rules)) throw usage(fn, 'options.rules must be an array of site rules');
}

function httpUrl(fn: string, name: string, value: unknown): URL {
  let url: URL | null = null;
  if (value instanceof URL) url = value;
  else if (typeof value === 'string') url = URL.canParse(value) ? new URL(value) : null;
  else throw usage(fn, `${name} must be a string or a URL, not ${describe(value)}`);
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:'))
    throw usage(fn, `${name} must be an absolute http(s) address, not ${JSON.stringify(String(value))}`);
  return url;
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}`;
  return typeof v === 'object' ? 'an object' : `${typeof v} ${String(v)}`;
}
