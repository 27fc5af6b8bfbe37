/** Parsers for option values, shared by the commands; a bad value is a usage error before anything runs. */
import { InvalidArgumentError, type Command } from 'commander';
import { blockPrivateFromEnv } from '../load/block-env.js';
import type { FetchOptions } from '../load/fetch.js';
import { DEFAULT_USER_AGENT } from '../version.js';

export function parseUrl(value: string): URL {
  try {
    const u = new URL(value);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error();
    return u;
  } catch {
    throw new InvalidArgumentError('expected an http(s) URL');
  }
}

export function parsePositiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('expected a positive whole number');
  return n;
}

/** A whole number that may be 0 (retries, delays). */
export function parseCount(value: string): number {
  return value === '0' ? 0 : parsePositiveInt(value);
}

/** The `Examples:` block of a command's help: [command line, what it does] pairs. */
export function examples(list: [string, string][]): string {
  return `\nExamples:\n${list.map(([cmd, what]) => `  # ${what}\n  $ ${cmd}`).join('\n')}`;
}

/** An HTTP header field name (RFC 9110 token). */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** `--header 'Name: value'`, repeatable: the fields so far, keyed by lower-case name (a later one replaces an earlier). */
export function parseHeader(value: string, previous: Record<string, string> = {}): Record<string, string> {
  const colon = value.indexOf(':');
  const name = colon > 0 ? value.slice(0, colon).trim() : '';
  if (!HEADER_NAME.test(name)) throw new InvalidArgumentError("expected 'Name: value', e.g. 'Cookie: session=abc'");
  const field = value.slice(colon + 1).trim();
  if (/[\r\n\0]/.test(field)) throw new InvalidArgumentError('a header value cannot hold a line break');
  return { ...previous, [name.toLowerCase()]: field };
}

/** The network options `convert` and `archive` share, declared once. */
export interface NetworkOptions {
  timeout?: number;
  retries?: number;
  userAgent?: string;
  header?: Record<string, string>;
  blockPrivateAddresses?: boolean;
}

export function addNetworkOptions(cmd: Command): Command {
  return cmd
    .option('--timeout <ms>', 'time limit for fetching one URL, in ms (default 60000)', parsePositiveInt)
    .option('--retries <n>', 'retries for transient HTTP failures (default 3)', parseCount)
    .option('--user-agent <string>', `the User-Agent sent (default ${DEFAULT_USER_AGENT})`)
    .option('-H, --header <field>', "an extra request header, 'Name: value'; repeatable (pages only, not images or robots.txt)", parseHeader)
    .option(
      '--block-private-addresses',
      'refuse URLs that resolve to loopback, private, link-local or metadata addresses (also ARCHIVIST_BLOCK_PRIVATE_ADDRESSES=1)',
    );
}

/** The fetch options the network options give, with the environment's switches. */
export function fetchOptionsOf(o: NetworkOptions, env: NodeJS.ProcessEnv = process.env): FetchOptions {
  return {
    totalTimeoutMs: o.timeout,
    retries: o.retries,
    userAgent: o.userAgent,
    headers: o.header,
    blockPrivateAddresses: o.blockPrivateAddresses || blockPrivateFromEnv(env),
    env,
  };
}
