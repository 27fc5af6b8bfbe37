/**
 * Markup → a jsdom Document, parsed by parse5 (the HTML parser jsdom itself uses) into plain
 * objects first, then built as jsdom nodes leaves first.
 *
 * Why: jsdom's own parser inserts every node into a tree that is already in the document, and
 * each insertion walks all the node's ancestors six or seven times (mutation records, live
 * collection versions, memoized queries, the connected check, the pre-insert validity check),
 * and every further text chunk of a text node is another mutation with another ancestor walk.
 * Built leaves first, each node goes into a parent that is not in the document yet, so those
 * walks are one step long; the whole tree joins the document once, at the end. The median parse
 * of an en-news page (bench:speed, 890 pages) went from 17.7 to 12.1 ms.
 *
 * Only public DOM calls build the tree, so jsdom does all its own bookkeeping. The tree is the
 * one jsdom's parser makes, with one difference: text that HTML moves out of a table ("foster
 * parenting") lands before the table, as in browsers and parse5, where jsdom's parser adapter
 * appends it to the table's parent, after the table. The caller may also name elements to build
 * without their content (`BuildOptions.childless`).
 *
 * DOM calls cannot make every name the parser can. An attribute whose name setAttribute rejects
 * (`<div @click=…>`; the `y""` that `<a title="x"y"">` leaves) is left out of the built tree:
 * it is debris of broken markup, no stage reads it, and no selector can name it. 14 of the 156
 * corpus pages (all Chinese: stray quotes in titles and keywords) have one, and each went to
 * jsdom's slower parser for it. An element or doctype name the DOM cannot make (a foreign
 * element `<a:b>`) still makes `buildDocument` return null, and the caller parses that page with
 * jsdom's parser instead.
 */
import { html as p5, parse as parseHtml, type DefaultTreeAdapterMap } from 'parse5';

type P5Node = DefaultTreeAdapterMap['childNode'];
type P5Element = DefaultTreeAdapterMap['element'];
type P5Mode = DefaultTreeAdapterMap['document']['mode'];

// parse5's own name for the namespace its elements carry.
const HTML_NS = p5.NS.HTML;

/**
 * Markup that gives a new document each of the parse5 modes (HTML's quirks rules: no doctype is
 * quirks, an XHTML 1.0 Transitional public id is limited-quirks). A document's mode can only be
 * set by parsing; it shows in `document.compatMode`.
 */
export const MODE_SEED: Readonly<Record<P5Mode, string>> = {
  'no-quirks': '<!DOCTYPE html>',
  'limited-quirks': '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN">',
  quirks: '',
};

export interface BuiltDocument {
  document: Document;
  /** Its HTML elements with an id or a name attribute, as built: what jsdom's window indexes (see release in parse.ts). */
  named: Element[];
}

/** An element as parse5 gives it: its namespace, tag name and attributes, for `BuildOptions.childless`. */
export type ParsedElement = Pick<P5Element, 'namespaceURI' | 'tagName' | 'attrs'>;

export interface BuildOptions {
  /** Elements built without their content (the element itself and its attributes stay). Default: none. */
  childless?: (el: ParsedElement) => boolean;
}

/**
 * Parses `markup` as a document with scripting disabled (as DOMParser does, so `<noscript>`
 * holds markup). `newDocument(seed)` returns a fresh jsdom document parsed from `seed`; it gives
 * the result its URL, options and mode, and its own children are replaced. Null when a name in
 * the page is one DOM calls may reject.
 */
export function buildDocument(markup: string, newDocument: (seed: string) => Document, options: BuildOptions = {}): BuiltDocument | null {
  const tree = parseHtml(markup, { scriptingEnabled: false });
  const childless = options.childless ?? (() => false);
  if (!namesBuildable(tree, childless)) return null;
  const document = newDocument(MODE_SEED[tree.mode]);
  const named: Element[] = [];
  const build: Builder = { doc: document, named, childless };
  const top = tree.childNodes.map((child) => ('tagName' in child ? buildTree(build, child) : leaf(document, child)));
  // One by one: replaceChildren(...top) would put the doctype into a fragment, which the DOM forbids.
  document.replaceChildren();
  for (const node of top) document.appendChild(node);
  return { document, named };
}

/**
 * A name every DOM call accepts: the ASCII part of XML's Name production (what jsdom checks
 * element, attribute and doctype names against). Narrower than the DOM's rule, so a page whose
 * element and doctype names it passes never fails halfway through the build; one it fails is
 * parsed the slow way. Attribute names are not checked against it: each is tried, and left out if the DOM rejects it.
 */
const SAFE_NAME = /^[:A-Z_a-z][-.0-9:A-Z_a-z]*$/;

function namesBuildable(tree: DefaultTreeAdapterMap['document'], childless: (el: ParsedElement) => boolean): boolean {
  const stack: P5Node[] = tree.childNodes.slice();
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (node.nodeName === '#documentType') {
      if (!SAFE_NAME.test((node as DefaultTreeAdapterMap['documentType']).name)) return false;
      continue;
    }
    if (!('tagName' in node)) continue;
    if (!SAFE_NAME.test(node.tagName)) return false;
    // createElementNS would split `a:b` into a prefix and a local name; jsdom's parser keeps `a:b` whole.
    if (node.namespaceURI !== HTML_NS && node.tagName.includes(':')) return false;
    // What is not built cannot fail to build (Inkscape's `<sodipodi:namedview>` inside an <svg>).
    if (childless(node)) continue;
    const content = (node as Partial<DefaultTreeAdapterMap['template']>).content;
    // A loop, not push(...children): an element can have more children than a call takes arguments.
    for (const child of (content ?? node).childNodes) stack.push(child);
  }
  return true;
}

/** A node without children: text, comment or doctype. */
function leaf(doc: Document, node: P5Node): Node {
  switch (node.nodeName) {
    case '#text':
      return doc.createTextNode((node as DefaultTreeAdapterMap['textNode']).value);
    case '#comment':
      return doc.createComment((node as DefaultTreeAdapterMap['commentNode']).data);
    default: {
      const type = node as DefaultTreeAdapterMap['documentType'];
      return doc.implementation.createDocumentType(type.name, type.publicId, type.systemId);
    }
  }
}

/** An element being built: its children are added one at a time, and it joins its parent when they are all in. */
interface Open {
  el: Element;
  /** Where its children go: the element, or a template's content. */
  into: Node;
  children: P5Node[];
  next: number;
}

/**
 * The element `root` and everything under it, each element put into its parent only once its own
 * children are in. Iterative, like the other tree walks here: harden.ts bounds the depth only
 * approximately (it counts tags, not what the parser builds of them).
 */
function buildTree(build: Builder, root: P5Element): Element {
  const { doc } = build;
  const stack: Open[] = [open(build, root)];
  for (;;) {
    const top = stack[stack.length - 1]!;
    const child = top.children[top.next++];
    if (child === undefined) {
      stack.pop();
      const parent = stack[stack.length - 1];
      if (!parent) return top.el;
      parent.into.appendChild(top.el);
    } else if ('tagName' in child) {
      stack.push(open(build, child));
    } else {
      top.into.appendChild(leaf(doc, child));
    }
  }
}

/** Sets the attribute if the DOM takes its name; false if it rejects it. */
function trySetAttribute(el: Element, name: string, value: string): boolean {
  try {
    el.setAttribute(name, value);
    return true;
  } catch {
    return false;
  }
}

/** What every element of one build needs: the document, the list of named elements, the childless test. */
interface Builder {
  doc: Document;
  named: Element[];
  childless: (el: ParsedElement) => boolean;
}

function open({ doc, named, childless }: Builder, node: P5Element): Open {
  const html = node.namespaceURI === HTML_NS;
  const isAttr = node.attrs.find((a) => a.name === 'is');
  const options = isAttr ? { is: isAttr.value } : undefined;
  const el = html ? doc.createElement(node.tagName, options) : doc.createElementNS(node.namespaceURI, node.tagName, options);
  let hasName = false;
  for (const attr of node.attrs) {
    if (attr.namespace) el.setAttributeNS(attr.namespace, attr.prefix ? `${attr.prefix}:${attr.name}` : attr.name, attr.value);
    else {
      // A name the DOM rejects (`@click`) is left out (see the top of this file); one outside SAFE_NAME may still be taken (标题).
      if (!trySetAttribute(el, attr.name, attr.value)) continue;
      hasName ||= attr.name === 'id' || attr.name === 'name';
    }
  }
  if (hasName && html) named.push(el);
  const content = (node as Partial<DefaultTreeAdapterMap['template']>).content;
  const children = childless(node) ? [] : (content ?? node).childNodes;
  return { el, into: content ? (el as HTMLTemplateElement).content : el, children, next: 0 };
}
