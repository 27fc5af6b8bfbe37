/** Parsers for option values, shared by the commands; a bad value is a usage error before anything runs. */
import { InvalidArgumentError } from 'commander';

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
  return `\nExamples:\n${list.map(([cmd, what]) => `  # ${what}\n  $ ${cmd}\n`).join('')}`;
}
