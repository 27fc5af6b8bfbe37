import { isUtf8 } from 'node:buffer';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { Agent, EnvHttpProxyAgent, type Dispatcher, errors, request } from 'undici';
import { ArchivistError } from '../errors.js';
import type { Page } from '../types.js';
import { DEFAULT_USER_AGENT } from '../version.js';
import { checkHostAddresses, checkUrlAddress, guardedAgent, isPublicAddress, type AddressPolicy } from './guard.js';
import { isHtmlContentType, sniffBinary } from './sniff.js';

/** Options for fetching one URL. Every default is a limit a batch over 100,000 URLs can live with. */
export interface FetchOptions {
  /** TCP+TLS connect limit. Default 10 s. */
  connectTimeoutMs?: number;
  /** Time to the response headers. Default 20 s. */
  headersTimeoutMs?: number;
  /** Longest silence between body chunks. Default 20 s. */
  bodyTimeoutMs?: number;
  /** The whole exchange, so a server trickling a byte a second cannot hold a page forever. Default 60 s. */
  totalTimeoutMs?: number;
  /** Largest body accepted, counted after decompression. Default 32 MiB. */
  maxBytes?: number;
  /** Default 10, as browsers cap at 20 and real chains are short. */
  maxRedirects?: number;
  /** Retries after the first attempt for 408/425/429/5xx and network errors. Default 3. */
  retries?: number;
  /** First backoff; doubles each retry. Default 500 ms. */
  retryBaseMs?: number;
  /** Longest backoff between two attempts, however many retries are asked for. Default 30 s. */
  maxBackoffMs?: number;
  /** Longest Retry-After honoured; a longer one fails the page instead of stalling a batch. Default 60 s. */
  maxRetryAfterMs?: number;
  /** Default DEFAULT_USER_AGENT (archivist/<version>). */
  userAgent?: string;
  /** Extra request headers (a cookie, an authorization); they replace the defaults of the same name. */
  headers?: Record<string, string>;
  /** The Accept header. Default: HTML first. */
  accept?: string;
  /** 'html' (the default) refuses a body that is not HTML (E_NOT_HTML); 'any' takes it as it is (sitemaps, feeds). */
  expect?: 'html' | 'any';
  /** Where HTTPS_PROXY, HTTP_PROXY and NO_PROXY are read. Default process.env. */
  env?: NodeJS.ProcessEnv;
  /** Called with every URL before it is requested (first and after each redirect): may throw E_BLOCKED. */
  checkUrl?: (url: URL) => Promise<void>;
  /** Refuse loopback, private, link-local and other non-public addresses, after DNS and on every redirect (E_BLOCKED). Default false. */
  blockPrivateAddresses?: boolean;
  /** With blockPrivateAddresses: which resolved addresses are allowed. Default: public unicast only. For tests. */
  allowAddress?: AddressPolicy;
  dispatcher?: Dispatcher;
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
}

const DEFAULTS = {
  connectTimeoutMs: 10_000,
  headersTimeoutMs: 20_000,
  bodyTimeoutMs: 20_000,
  totalTimeoutMs: 60_000,
  maxBytes: 32 * 1024 * 1024,
  maxRedirects: 10,
  retries: 3,
  retryBaseMs: 500,
  maxBackoffMs: 30_000,
  maxRetryAfterMs: 60_000,
};

const RETRY_STATUSES = new Set([408, 425, 429, 500, 502, 503, 504]);
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

const inflaters: Record<string, (b: Buffer, o: zlib.ZlibOptions) => Promise<Buffer>> = {
  gzip: promisify(zlib.gunzip),
  'x-gzip': promisify(zlib.gunzip),
  deflate: promisify(zlib.inflate),
  br: promisify(zlib.brotliDecompress) as (b: Buffer, o: zlib.ZlibOptions) => Promise<Buffer>,
};

/** The proxies the environment names, as curl and wget read them (lower case first); null when there are none. */
export function proxyFromEnv(env: NodeJS.ProcessEnv = process.env): { httpProxy: string; httpsProxy: string; noProxy: string } | null {
  const httpProxy = env.http_proxy ?? env.HTTP_PROXY ?? '';
  const httpsProxy = env.https_proxy ?? env.HTTPS_PROXY ?? '';
  if (!httpProxy && !httpsProxy) return null;
  return { httpProxy, httpsProxy: httpsProxy || httpProxy, noProxy: env.no_proxy ?? env.NO_PROXY ?? '' };
}

type Timeouts = Required<Pick<FetchOptions, 'connectTimeoutMs' | 'headersTimeoutMs' | 'bodyTimeoutMs'>>;

/** One connection pool per proxy setting, so connections are reused across pages. */
const sharedAgents = new Map<string, Dispatcher>();
let sharedGuardedAgent: Agent | undefined;
function agentFor(o: Timeouts, env: NodeJS.ProcessEnv | undefined): Dispatcher {
  const proxy = proxyFromEnv(env);
  const key = proxy ? JSON.stringify(proxy) : '';
  let agent = sharedAgents.get(key);
  if (!agent) {
    const options = { connect: { timeout: o.connectTimeoutMs }, headersTimeout: o.headersTimeoutMs, bodyTimeout: o.bodyTimeoutMs };
    // undici's own reading of the three variables (NO_PROXY's host suffixes and ports), given the values explicitly so an injected env is obeyed.
    agent = proxy ? new EnvHttpProxyAgent({ ...options, ...proxy }) : new Agent(options);
    sharedAgents.set(key, agent);
  }
  return agent;
}

/**
 * The pool for the requests a batch makes besides pages (robots.txt, images, sitemaps): the
 * environment's proxy when one is set, else a direct one; undefined means undici's default.
 */
export function sharedDispatcher(env?: NodeJS.ProcessEnv): Dispatcher | undefined {
  return proxyFromEnv(env) ? agentFor(DEFAULTS, env) : undefined;
}

/**
 * The guarded connection pool pages are fetched through with --block-private-addresses, for the
 * requests a batch makes besides pages (robots.txt, images): one pool, fetch's default timeouts.
 */
export function sharedGuardedDispatcher(): Dispatcher {
  sharedGuardedAgent ??= guardedAgent(DEFAULTS);
  return sharedGuardedAgent;
}

class Retryable extends Error {
  constructor(
    readonly failure: ArchivistError,
    readonly retryAfterMs: number | null,
  ) {
    super(failure.message);
  }
}

/** Fetches one URL and returns its bytes. Throws ArchivistError with a stable code. */
export async function fetchPage(url: URL, options: FetchOptions = {}): Promise<Page> {
  // An option given as undefined (an unset CLI flag) keeps its default rather than erasing it.
  const given = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as FetchOptions;
  const o = { ...DEFAULTS, ...given };
  const sleep = o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const now = o.now ?? (() => new Date());
  for (let attempt = 0; ; attempt++) {
    try {
      return await fetchOnce(url, o, now);
    } catch (err) {
      if (!(err instanceof Retryable)) throw err;
      if (attempt >= o.retries) throw err.failure;
      // Capped: --retries 20 would otherwise wait 500 ms × 2^19, three days, before its last try.
      const backoff = Math.min(o.retryBaseMs * 2 ** attempt, o.maxBackoffMs);
      if (err.retryAfterMs !== null && err.retryAfterMs > o.maxRetryAfterMs) throw err.failure;
      await sleep(Math.max(backoff, err.retryAfterMs ?? 0));
    }
  }
}

/**
 * The URL without user:password. Credentials in a URL are never sent (a page URL is not a login)
 * and never recorded: outputs, manifests and logs are shared, passwords in them would leak.
 */
export function withoutCredentials(url: URL): URL {
  if (!url.username && !url.password) return url;
  const clean = new URL(url.href);
  clean.username = '';
  clean.password = '';
  return clean;
}

async function fetchOnce(givenUrl: URL, o: typeof DEFAULTS & FetchOptions, now: () => Date): Promise<Page> {
  const requestedUrl = withoutCredentials(givenUrl);
  const deadline = AbortSignal.timeout(o.totalTimeoutMs);
  const guard = o.blockPrivateAddresses ? (o.allowAddress ?? isPublicAddress) : null;
  // Through a proxy the socket goes to the proxy, which resolves the page's host itself: the guard then checks the
  // host's addresses before each request instead of at connect (a DNS answer that changes in between is not caught).
  const proxied = proxyFromEnv(o.env) !== null && !o.dispatcher;
  const dispatcher =
    o.dispatcher ?? (!guard || proxied ? agentFor(o, o.env) : o.allowAddress ? guardedAgent(o, o.allowAddress) : (sharedGuardedAgent ??= guardedAgent(o)));
  const seen = new Set<string>();
  let url = requestedUrl;
  for (let hop = 0; ; hop++) {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new ArchivistError('E_REDIRECT', `redirect to a non-http(s) address: ${url.protocol}`);
    }
    if (guard) checkUrlAddress(url, guard);
    if (guard && proxied) await checkHostAddresses(url, guard);
    await o.checkUrl?.(url);
    seen.add(url.href);
    let res: Dispatcher.ResponseData;
    try {
      res = await request(url, {
        method: 'GET',
        dispatcher,
        signal: deadline,
        headers: {
          accept: o.accept ?? 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5',
          'accept-encoding': 'gzip, deflate, br',
          ...o.headers,
          'user-agent': o.userAgent ?? o.headers?.['user-agent'] ?? DEFAULT_USER_AGENT,
        },
      });
    } catch (err) {
      throw classifyNetworkError(err, url, deadline, o.totalTimeoutMs);
    }
    const headers = flattenHeaders(res.headers);
    if (REDIRECT_STATUSES.has(res.statusCode) && headers.location) {
      await res.body.dump().catch(() => undefined);
      if (hop >= o.maxRedirects) throw new ArchivistError('E_REDIRECT', `more than ${o.maxRedirects} redirects from ${requestedUrl.href}`);
      let next: URL;
      try {
        next = new URL(locationText(headers.location), url);
      } catch (cause) {
        throw new ArchivistError('E_REDIRECT', `invalid redirect location ${JSON.stringify(headers.location)}`, { cause });
      }
      if (seen.has(next.href)) throw new ArchivistError('E_REDIRECT', `redirect loop at ${next.href}`);
      url = withoutCredentials(next);
      continue;
    }
    if (res.statusCode >= 400) {
      await res.body.dump().catch(() => undefined);
      const failure = new ArchivistError('E_HTTP_STATUS', `GET ${url.href} → ${res.statusCode}`, { status: res.statusCode });
      if (RETRY_STATUSES.has(res.statusCode)) throw new Retryable(failure, parseRetryAfter(headers['retry-after'], now));
      throw failure;
    }
    if (o.expect !== 'any' && !isHtmlContentType(headers['content-type'])) {
      await res.body.dump().catch(() => undefined);
      throw new ArchivistError('E_NOT_HTML', `content type ${headers['content-type']} is not HTML`);
    }
    const bytes = await watchOverrun(dispatcher, url, () => readBody(res, headers, o.maxBytes, url, deadline, o.totalTimeoutMs));
    const binary = o.expect === 'any' ? null : sniffBinary(bytes);
    if (binary) throw new ArchivistError('E_NOT_HTML', `response is ${binary}, not HTML`);
    return {
      input: requestedUrl.href,
      bytes,
      url,
      requestedUrl,
      status: res.statusCode,
      headers,
      fetchedAt: now().toISOString(),
    };
  }
}

/**
 * `read()`, failed with E_NETWORK when the server sent more than the Content-Length it declared.
 * undici reads exactly the declared length and ends the body there; on a kept-alive connection
 * the bytes past it are read as a response nobody asked for, and undici drops the connection
 * ('disconnect', a SocketError "bad response"), on the same or the next turn of the event loop.
 * Without this the page was archived cut at the declared length, with no word of it. (On a
 * connection the server closes, undici never reads past the length: there nothing tells.)
 */
async function watchOverrun<T>(dispatcher: Dispatcher, url: URL, read: () => Promise<T>): Promise<T> {
  let overran = false;
  const onDisconnect = (origin: unknown, _targets: unknown, err: unknown) => {
    if (String(origin).replace(/\/$/, '') === url.origin && err instanceof errors.SocketError && /bad response/i.test(err.message)) overran = true;
  };
  dispatcher.on('disconnect', onDisconnect);
  try {
    const value = await read();
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (overran) throw new ArchivistError('E_NETWORK', `${url.href} sent more than its Content-Length: the page would be cut short`);
    return value;
  } finally {
    dispatcher.off('disconnect', onDisconnect);
  }
}

async function readBody(
  res: Dispatcher.ResponseData,
  headers: Record<string, string>,
  maxBytes: number,
  url: URL,
  deadline: AbortSignal,
  totalMs: number,
): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of res.body) {
      size += (chunk as Buffer).length;
      if (size > maxBytes) {
        res.body.destroy();
        throw new ArchivistError('E_TOO_LARGE', `body of ${url.href} exceeds ${maxBytes} bytes`);
      }
      chunks.push(chunk as Buffer);
    }
  } catch (err) {
    if (err instanceof ArchivistError) throw err;
    throw classifyNetworkError(err, url, deadline, totalMs);
  }
  const raw = Buffer.concat(chunks);
  const encoding = (headers['content-encoding'] ?? '').trim().toLowerCase();
  const inflate = inflaters[encoding];
  if (!inflate || raw.length === 0) return raw;
  try {
    // maxOutputLength stops a gzip bomb while inflating, not after.
    return await inflate(raw, { maxOutputLength: maxBytes });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError) {
      throw new ArchivistError('E_TOO_LARGE', `body of ${url.href} exceeds ${maxBytes} bytes when decompressed`, { cause: err });
    }
    throw new ArchivistError('E_NETWORK', `cannot decompress ${encoding} body of ${url.href}`, { cause: err });
  }
}

function flattenHeaders(h: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

/**
 * A Location header as the URL parser should see it. Headers arrive as Latin-1 (one character per
 * byte), so raw UTF-8 in a Location ('/café' sent unencoded, as many servers do) would be
 * percent-encoded as Latin-1 ('/caf%C3%83%C2%A9'). Browsers read those bytes as UTF-8; bytes that are
 * not UTF-8 are percent-encoded as they are.
 */
export function locationText(value: string): string {
  if (!/[^\x00-\x7f]/.test(value) || /[^\x00-\xff]/.test(value)) return value;
  const bytes = Buffer.from(value, 'latin1');
  if (isUtf8(bytes)) return bytes.toString('utf8');
  return value.replace(/[\x80-\xff]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/** Retry-After is either delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | undefined, now: () => Date): number | null {
  if (!value) return null;
  if (/^\s*\d+\s*$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now().getTime());
}

const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);
const TLS_CODE = /CERT|SSL|TLS|SELF_SIGNED/;

function classifyNetworkError(err: unknown, url: URL, deadline: AbortSignal, totalMs: number): Error {
  const e = err as { code?: unknown; name?: string; message?: string; cause?: { code?: unknown; message?: string } };
  // The guarded lookup refuses a private address from inside the connect: its verdict passes through as is.
  if (err instanceof ArchivistError) return err;
  if (e.cause instanceof ArchivistError) return e.cause;
  const code = [e.code, e.cause?.code].find((c): c is string => typeof c === 'string') ?? '';
  if (deadline.aborted || e.name === 'TimeoutError' || TIMEOUT_CODES.has(code)) {
    // The whole-exchange deadline's DOMException carries code 23 (TIMEOUT_ERR), which says nothing to a reader.
    const what = TIMEOUT_CODES.has(code) ? ` (${code})` : deadline.aborted ? ` (the whole exchange took longer than ${totalMs} ms)` : '';
    const failure = new ArchivistError('E_TIMEOUT', `GET ${url.href} timed out${what}`, { cause: err });
    return code === 'UND_ERR_CONNECT_TIMEOUT' ? new Retryable(failure, null) : failure;
  }
  if (TLS_CODE.test(code)) {
    return new ArchivistError('E_NETWORK', `TLS failure for ${url.host}: ${e.cause?.message ?? e.message ?? code}`, { cause: err });
  }
  const failure = new ArchivistError('E_NETWORK', `GET ${url.href} failed: ${e.cause?.message ?? e.message ?? code}`, { cause: err });
  // DNS failures are permanent for a batch's purposes; resets and refusals are often transient.
  return code === 'ENOTFOUND' ? failure : new Retryable(failure, null);
}
