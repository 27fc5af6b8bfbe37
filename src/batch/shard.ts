import { createHash } from 'node:crypto';
import { ArchivistError } from '../errors.js';

export interface Shard {
  /** 0-based, like a Kubernetes JOB_COMPLETION_INDEX or a GitHub Actions strategy.job-index. */
  index: number;
  count: number;
}

/** Parses "i/n" with 0 ≤ i < n. */
export function parseShard(value: string): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(value);
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || count < 1 || index >= count) {
    throw new ArchivistError('E_USAGE', `--shard expects i/n with 0 ≤ i < n (e.g. 3/8), got ${JSON.stringify(value)}`);
  }
  return { index, count };
}

/**
 * The shard an input belongs to: a hash of the input as written, so every machine given the
 * same list and the same n agrees without talking to the others, and the split stays even
 * however the list is ordered.
 */
export function shardOf(input: string, count: number): number {
  const digest = createHash('sha256').update(input).digest();
  return digest.readUInt32BE(0) % count;
}

export function inShard(input: string, shard: Shard | undefined): boolean {
  return !shard || shardOf(input, shard.count) === shard.index;
}
