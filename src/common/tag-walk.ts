/**
 * Elements found by tag name with a plain walk of the tree, for both DOMs. A type selector list
 * (`querySelectorAll("p,pre,td")`) goes through the DOM's selector engine, which parses and
 * matches it element by element; for names alone a walk returns the same elements in the same
 * (document) order at a fraction of the cost.
 */

/** The namespace of HTML elements. */
export const HTML_NS = 'http://www.w3.org/1999/xhtml';

/** The element after `el` in document order under `root` (never `root` itself or outside it). */
export function nextInTree(el: Element, root: Element | Document): Element | null {
  let next = el.firstElementChild;
  // Up and along until there is a next sibling, never above `root`.
  for (let at: Element | null = el; !next && at && at !== root; at = at.parentElement) {
    next = at.nextElementSibling;
    if (at.parentNode === root) break;
  }
  return next;
}

/**
 * The elements under `node` (not `node` itself) that `querySelectorAll(tagNames.join(','))`
 * returns, in the same (document) order. As a type selector in an HTML document, a name matches
 * an HTML element whatever its case, and an element of another namespace (SVG's <style>, <a>)
 * only as written.
 */
export function elementsWithTag(node: Element | Document, tagNames: Iterable<string>): Element[] {
  const found: Element[] = [];
  const exact = new Set(tagNames);
  const folded = new Set([...exact].map((t) => t.toLowerCase()));
  let el = node.firstElementChild;
  while (el) {
    const name = el.localName;
    // HTML elements' local names are lower case: the namespace is read only for a name that matched folded alone.
    if (exact.has(name) || (folded.has(name) && el.namespaceURI === HTML_NS)) found.push(el);
    // nextInTree, written out: Readability asks this hundreds of times a page.
    let next = el.firstElementChild;
    for (let at: Element | null = el; !next && at; at = at.parentElement) {
      next = at.nextElementSibling;
      if (at.parentNode === node) break;
    }
    el = next;
  }
  return found;
}

/**
 * Whether `el` has a descendant that `getElementsByTagName(name)` finds for one of `upperNames`
 * (upper-case names): an HTML element whose name it is in any case, another namespace's element
 * only when its qualified name is written so.
 */
export function hasDescendantNamed(el: Element, upperNames: ReadonlySet<string>): boolean {
  for (let d = el.firstElementChild; d; d = nextInTree(d, el)) if (upperNames.has(d.tagName)) return true;
  return false;
}

/**
 * `root.querySelector(names.join(','))` for lower-case tag names: the first such element under
 * `root`. A lower-case name matches an HTML element (whose local name is lower case) and another
 * namespace's element written so, as the selector does.
 */
export function firstWithTag(root: Element, names: ReadonlySet<string>): Element | null {
  for (let el = root.firstElementChild; el; el = nextInTree(el, root)) if (names.has(el.localName)) return el;
  return null;
}

/** `root.querySelectorAll('[attr]')` for a lower-case attribute name, in document order. */
export function elementsWithAttribute(root: Element, attr: string): Element[] {
  const found: Element[] = [];
  for (let el = root.firstElementChild; el; el = nextInTree(el, root)) if (el.hasAttribute(attr)) found.push(el);
  return found;
}

/** `root.querySelector('[attr]')` for a lower-case attribute name. */
export function firstWithAttribute(root: Element, attr: string): Element | null {
  for (let el = root.firstElementChild; el; el = nextInTree(el, root)) if (el.hasAttribute(attr)) return el;
  return null;
}
