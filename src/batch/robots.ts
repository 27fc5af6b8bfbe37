import { createRequire } from 'node:module';
import { request, type Dispatcher } from 'undici';
import { ArchivistError } from '../errors.js';
import { checkUrlAddress } from '../load/guard.js';
import { DEFAULT_USER_AGENT } from '../version.js';

/** Google's limit: content past 500 KiB of a robots.txt is ignored. */
const MAX_ROBOTS_BYTES = 500 * 1024;
/** A robots.txt fetch must not hold a host slot as long as a page may. */
const ROBOTS_TIMEOUT_MS = 10_000;
/** Origins remembered; a list of millions of hosts keeps only the most recent. */
const MAX_ORIGINS = 10_000;
/**
 * The most a robots.txt Crawl-delay may space our requests to one host. The directive is
 * unbounded, so without a cap a hostile or mistyped `Crawl-delay: 86400` would stall a batch
 * (every page of that host waits its turn); 30 s still leaves a big site 2,880 pages a day.
 */
export const MAX_CRAWL_DELAY_MS = 30_000;

interface Robot {
  isAllowed(url: string, ua?: string): boolean | undefined;
  /** Seconds, as written in the group that matches `ua` (or `*`); undefined when absent or not a number. */
  getCrawlDelay(ua?: string): number | undefined;
}
/**
 * robots-parser is CommonJS with a default-export typing that NodeNext cannot call, so it is
 * loaded with require and given the one method used here.
 */
const robotsParser = createRequire(import.meta.url)('robots-parser') as (url: string, text: string) => Robot;
/** null: no rules (robots.txt missing or 4xx), so everything is allowed. 'deny': unreachable, so nothing is (RFC 9309 §2.3.1.4). */
type Rules = Robot | null | 'deny';

/** robots.txt per origin, fetched once and parsed with robots-parser (RFC 9309 matching, wildcards, longest match). */
export class RobotsCache {
  private readonly origins = new Map<string, Promise<Rules>>();
  constructor(
    /** The product token matched against User-agent lines. */
    private readonly userAgent: string,
    private readonly fetchText: (url: URL) => Promise<{ status: number; text: string }> = fetchRobots,
  ) {}

  /** Throws E_BLOCKED when robots.txt forbids the URL for our user agent. */
  async check(url: URL): Promise<void> {
    const r = await this.rules(url);
    if (r === 'deny') throw new ArchivistError('E_BLOCKED', `robots.txt of ${url.origin} is unreachable, so the site counts as disallowed`);
    if (r && r.isAllowed(url.href, this.userAgent) === false) throw new ArchivistError('E_BLOCKED', `robots.txt of ${url.origin} disallows ${url.pathname}`);
  }

  /**
   * The Crawl-delay robots.txt asks of our user agent for this URL's origin, in ms, capped at
   * MAX_CRAWL_DELAY_MS; 0 when there is none. An unreachable robots.txt asks none: its pages
   * are refused by `check` anyway.
   */
  async crawlDelayMs(url: URL): Promise<number> {
    const r = await this.rules(url);
    if (!r || r === 'deny') return 0;
    const seconds = r.getCrawlDelay(this.userAgent);
    if (seconds === undefined || !Number.isFinite(seconds) || seconds <= 0) return 0;
    return Math.min(Math.round(seconds * 1000), MAX_CRAWL_DELAY_MS);
  }

  /** The rules of the URL's origin, fetched once and shared by every caller. */
  private rules(url: URL): Promise<Rules> {
    let rules = this.origins.get(url.origin);
    if (!rules) {
      rules = this.load(url);
      if (this.origins.size >= MAX_ORIGINS) this.origins.delete(this.origins.keys().next().value!);
      this.origins.set(url.origin, rules);
    }
    return rules;
  }

  private async load(url: URL): Promise<Rules> {
    const robotsUrl = new URL('/robots.txt', url.origin);
    try {
      const { status, text } = await this.fetchText(robotsUrl);
      if (status >= 200 && status < 300) return robotsParser(robotsUrl.href, text);
      if (status >= 400 && status < 500) return null;
      return 'deny';
    } catch (err) {
      // A refused address is the answer for every page of the origin, said as it is; any other failure reads as "unreachable".
      // (The guarded lookup's verdict comes out of undici as the cause of its connect error.)
      const verdict = err instanceof ArchivistError ? err : (err as { cause?: unknown } | null)?.cause;
      if (verdict instanceof ArchivistError && verdict.code === 'E_BLOCKED') throw verdict;
      return 'deny';
    }
  }
}

/**
 * robots.txt over HTTP. With a guarded `dispatcher` (--block-private-addresses) every hop is
 * checked as a page's would be: robots.txt is a request like any other, and a public site must
 * not redirect it, or resolve, to a private address.
 */
export interface RobotsFetch {
  dispatcher?: Dispatcher;
  /** The dispatcher is the guarded one: check literal addresses of every hop too. */
  guarded?: boolean;
  /** Default DEFAULT_USER_AGENT. */
  userAgent?: string;
}

export async function fetchRobots(
  url: URL,
  { dispatcher, guarded = false, userAgent = DEFAULT_USER_AGENT }: RobotsFetch = {},
): Promise<{ status: number; text: string }> {
  // Redirects are followed by hand, up to five hops as RFC 9309 asks.
  let current = url;
  for (let hop = 0; hop <= 5; hop++) {
    if (guarded) checkUrlAddress(current);
    const res = await request(current, {
      method: 'GET',
      signal: AbortSignal.timeout(ROBOTS_TIMEOUT_MS),
      headers: { 'user-agent': userAgent },
      ...(dispatcher ? { dispatcher } : {}),
    });
    const location = res.headers.location;
    if (res.statusCode >= 300 && res.statusCode < 400 && typeof location === 'string') {
      await res.body.dump();
      current = new URL(location, current);
      continue;
    }
    if (res.statusCode >= 300) {
      await res.body.dump();
      return { status: res.statusCode, text: '' };
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of res.body) {
      chunks.push(chunk as Buffer);
      size += (chunk as Buffer).length;
      if (size >= MAX_ROBOTS_BYTES) {
        res.body.destroy();
        break;
      }
    }
    return { status: res.statusCode, text: Buffer.concat(chunks).subarray(0, MAX_ROBOTS_BYTES).toString('utf8') };
  }
  return { status: 404, text: '' }; // too many redirects: treat as no robots.txt, as RFC 9309 allows
}
