/**
 * Readability with two of its helpers done the cheap way for jsdom documents. Each override
 * returns exactly what Readability's own method returns there; only how it gets it differs.
 * Profiled over en-news, these two were nearly a third of Readability's time (2.8 and 1.5 of its
 * 14.2 ms a page, under the profiler; 11.7 with them replaced):
 *
 * - `_getAllNodesWithTag` asks `querySelectorAll("p,pre,td")`, and Readability asks it once per
 *   paragraph, per list and per image while it cleans. Each call goes through jsdom's selector
 *   engine (parsing, caching, matching) for what is a plain tag test; a walk of the subtree
 *   returns the same elements in the same (document) order.
 * - `_isProbablyVisible` reads `node.style.display` and `.visibility` of every node it walks.
 *   In jsdom an inline style is all a style object holds (there is no cascade), so an element with
 *   no `style` attribute is never display:none or visibility:hidden; reading `.style` would build
 *   a CSSStyleDeclaration's properties per element just to learn that.
 *
 * Both are internal methods of Readability, which its API does not offer to replace: the
 * dependency is pinned exactly (package.json), and test/readability.test.ts is the canary that
 * fails when either is no longer there to override, or when an override disagrees with the
 * original (`npm run test:latest` runs it against the newest release; docs/architecture.md).
 */
import { Readability } from '@mozilla/readability';
import { elementsWithTag } from '../common/tag-walk.js';

export { elementsWithTag };

/** Readability's helpers that are overridden here, as its own code declares them. */
export interface ReadabilityInternals {
  _getAllNodesWithTag(node: Element | Document, tagNames: string[]): ArrayLike<Element>;
  _isProbablyVisible(node: Element): boolean;
}

export const OVERRIDDEN: readonly (keyof ReadabilityInternals)[] = ['_getAllNodesWithTag', '_isProbablyVisible'];

export class FastReadability<T = string> extends Readability<T> implements ReadabilityInternals {
  _getAllNodesWithTag(node: Element | Document, tagNames: string[]): ArrayLike<Element> {
    return elementsWithTag(node, tagNames);
  }

  _isProbablyVisible(node: Element): boolean {
    if (node.getAttribute('style') !== null) return originalIsProbablyVisible.call(this, node);
    // No inline style: only the attribute tests of the original are left.
    return (
      !node.hasAttribute('hidden') &&
      (!node.hasAttribute('aria-hidden') ||
        node.getAttribute('aria-hidden') !== 'true' ||
        (typeof node.className === 'string' && node.className.includes('fallback-image')))
    );
  }
}

const originalIsProbablyVisible = (Readability.prototype as unknown as ReadabilityInternals)._isProbablyVisible;
