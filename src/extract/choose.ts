/**
 * Choosing between Readability's body and the density extractor's, by measured rules. Both are
 * compared paragraph by paragraph: Readability is usually right and cleaner, but it appends
 * sibling blocks (related headlines with their dates and sources) and sometimes settles on a
 * fragment of the story; the density candidate is the single container with the most prose.
 */
import { toText } from '../common/plain-text.js';
import type { BodyCandidate } from './body.js';
import { squash } from './lines.js';

/** Below this many characters Readability's pick is doubted outright (one short CJK paragraph). */
export const MIN_BODY_CHARS = 140;
/** The density candidate counts as inside Readability's when this share of its text is found there. */
const CONTAINED_SHARE = 0.9;
/**
 * Paragraphs Readability adds around the density candidate are a list (related headlines, dates,
 * account names, bylines) when they average fewer characters than this: a headline or a date,
 * not a paragraph of the story. Measured on the corpora: related lists average 15–30, story
 * paragraphs 80+.
 */
const LIST_ITEM_MAX_CHARS = 40;
/**
 * Escalation for recall: when Readability's text is this small a share of the density
 * candidate's and lies inside it, Readability kept a fragment; take the whole container.
 */
const FRAGMENT_SHARE = 0.5;
/** Paragraphs are matched on a prefix of their whitespace-free text: enough to be unique, short enough to survive trimming. */
const KEY_CHARS = 30;

function paragraphs(body: Element): string[] {
  return toText(body).split(/\n\n+/).map(squash).filter(Boolean);
}

export interface Choice {
  body: BodyCandidate | null;
  /** Which rule decided, for debugging and the bench. */
  rule: 'readability' | 'density-only' | 'short-readability' | 'list-around-density' | 'fragment-escalated';
}

export function chooseBody(readability: BodyCandidate | null, density: BodyCandidate | null): Choice {
  if (!density) return { body: readability, rule: 'readability' };
  if (!readability) return { body: density, rule: 'density-only' };
  const R = paragraphs(readability.el);
  const D = paragraphs(density.el);
  const rLen = R.reduce((n, p) => n + p.length, 0);
  const dLen = D.reduce((n, p) => n + p.length, 0);
  if (rLen < MIN_BODY_CHARS) return dLen > rLen ? { body: density, rule: 'short-readability' } : { body: readability, rule: 'readability' };

  const dKeys = new Set(D.map((p) => p.slice(0, KEY_CHARS)));
  const rKeys = new Set(R.map((p) => p.slice(0, KEY_CHARS)));
  const shared = D.filter((p) => rKeys.has(p.slice(0, KEY_CHARS))).reduce((n, p) => n + p.length, 0);
  const extra = R.filter((p) => !dKeys.has(p.slice(0, KEY_CHARS)));

  // Density's container sits inside Readability's, and what Readability adds is list-like; a density pick
  // shorter than MIN_BODY_CHARS is a heading or a label, not the story the list sits around.
  if (dLen >= MIN_BODY_CHARS && shared >= CONTAINED_SHARE * dLen && extra.length > 0) {
    const mean = extra.reduce((n, p) => n + p.length, 0) / extra.length;
    if (mean < LIST_ITEM_MAX_CHARS) return { body: density, rule: 'list-around-density' };
  }
  // Readability kept a fragment of the container that holds the story.
  const rInD = R.filter((p) => dKeys.has(p.slice(0, KEY_CHARS))).reduce((n, p) => n + p.length, 0);
  if (rLen < FRAGMENT_SHARE * dLen && rInD >= CONTAINED_SHARE * rLen) return { body: density, rule: 'fragment-escalated' };
  return { body: readability, rule: 'readability' };
}
