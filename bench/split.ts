/**
 * The fixed tune/check split of every corpus. A page's half depends only on its id, so every
 * benchmark and every session sees the same halves: tune on one, report both, and keep a rule
 * only when the check half moves too (a rule that helps only the half it was tuned on is fit,
 * not generalisation).
 */
import { createHash } from 'node:crypto';

export type Half = 'tune' | 'check';

/** sha256 of the page id: first byte below 128 is the tune half, the rest the check half. */
export function halfOf(id: string): Half {
  const first = createHash('sha256').update(id, 'utf8').digest()[0] ?? 0;
  return first < 128 ? 'tune' : 'check';
}
