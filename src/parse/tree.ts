/**
 * parse5's tree of a page, and the one way both DOMs are built from it: leaves first, by public
 * DOM calls (createElement/createElementNS, setAttribute/setAttributeNS, appendChild).
 *
 * Why leaves first: a DOM's insertion steps walk the new node's ancestors several times when the
 * parent is in a document (mutation records, live collections, the connected check). Built leaves
 * first, each node goes into a parent that is not in a document yet, where those steps have
 * nothing to do; the whole tree joins the document once, at the end, so the DOM does its
 * bookkeeping for the document (connected elements, the id index) as usual.
 *
 * Why parse5 and not the DOMs' own parsers: domino's parser builds a different tree from
 * browsers' on some markup, and jsdom's puts text that HTML moves out of a table after the table
 * instead of before it. parse5 is the HTML standard's algorithm; both DOMs hold its tree.
 *
 * A DOM rejects some names the HTML parser accepts (`<div @click="go">`, `<a title="x"y"">`):
 * such an attribute is left out, and such an element is built as a <span> with its content (a
 * browser shows an unknown element's content inline). No stage reads either.
 */
import { defaultTreeAdapter, html as p5, parse as parseHtml, parseFragment, type DefaultTreeAdapterMap } from 'parse5';

type P5Node = DefaultTreeAdapterMap['childNode'];
type P5Element = DefaultTreeAdapterMap['element'];
type ParsedDoctype = DefaultTreeAdapterMap['documentType'];

/** A page as parse5 parses it: plain objects, before any DOM is built from them. */
export type ParsedDocument = DefaultTreeAdapterMap['document'];
/** HTML's quirks rules a page is parsed in (no doctype is quirks). */
export type DocumentMode = ParsedDocument['mode'];
/** An element as parse5 gives it: its namespace, tag name and attributes, for `BuildOptions.childless`. */
export type ParsedElement = Pick<P5Element, 'namespaceURI' | 'tagName' | 'attrs'>;

// parse5's own name for the namespace its elements carry.
export const HTML_NS = p5.NS.HTML;

/**
 * Markup that gives a new document each of the parse5 modes (HTML's quirks rules: no doctype is
 * quirks, an XHTML 1.0 Transitional public id is limited-quirks). A document's mode can only be
 * set by parsing; it shows in `document.compatMode`.
 */
export const MODE_SEED: Readonly<Record<DocumentMode, string>> = {
  'no-quirks': '<!DOCTYPE html>',
  'limited-quirks': '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN">',
  quirks: '<html>',
};

/**
 * `markup` parsed as a document, each `<noscript>` holding its content as markup, parsed on its own.
 *
 * Why on its own: a browser runs scripts, so it reads a <noscript>'s content as text up to
 * `</noscript>` and shows the page; parsed as markup in place (scripting off, as DOMParser does),
 * an unclosed `<div>` in it (`<noscript><div></noscript>`) takes the rest of the page inside the
 * noscript, where no stage looks. Parsed as a fragment, what it opens ends with it, and what
 * noscript is there for stays readable: a lazy image's real `<img>` (Readability's noscript images).
 */
export function parseTree(markup: string): ParsedDocument {
  const tree = parseHtml(markup, { scriptingEnabled: true });
  if (NOSCRIPT_TAG.test(markup)) expandNoscripts(tree);
  return tree;
}

const NOSCRIPT_TAG = /<noscript/i;

/** Each <noscript>'s text (as a scripting parser leaves it) replaced by its markup, parsed in the noscript's place. */
function expandNoscripts(tree: ParsedDocument): void {
  const stack: DefaultTreeAdapterMap['parentNode'][] = [tree];
  for (let node = stack.pop(); node; node = stack.pop()) {
    for (const child of node.childNodes) {
      if (!('tagName' in child)) continue;
      const content = (child as Partial<DefaultTreeAdapterMap['template']>).content;
      if (content) stack.push(content);
      if (child.tagName === 'noscript' && child.namespaceURI === HTML_NS) expandNoscript(child);
      else stack.push(child);
    }
  }
}

function expandNoscript(noscript: P5Element): void {
  const text = noscript.childNodes.map((c) => (c.nodeName === '#text' ? (c as DefaultTreeAdapterMap['textNode']).value : '')).join('');
  if (!text) return;
  // In a <div>'s place: parse5 reads a noscript context as raw text, and a div's is the body's own markup rules.
  const fragment = parseFragment(defaultTreeAdapter.createElement('div', HTML_NS, []), text, { scriptingEnabled: false });
  for (const c of fragment.childNodes) c.parentNode = noscript;
  noscript.childNodes = fragment.childNodes;
}

export interface BuildOptions {
  /** Elements built without their content (the element itself and its attributes stay). Default: none. */
  childless?: (el: ParsedElement) => boolean;
  /** Called with each element made, before it joins its parent. Default: nothing. */
  made?: (el: Element, from: ParsedElement) => void;
}

/** An element being built: its children are added one at a time, and it joins its parent when they are all in. */
interface Open {
  el: Element;
  /** Where its children go: the element, or a template's content. */
  into: Node;
  /** What makes its children: a template's content has an (inert) document of its own. */
  owner: Document;
  children: P5Node[];
  next: number;
}

/**
 * An element named `name` in `namespace`, made by `owner`'s public calls. An HTML element by
 * createElement, which takes the name whole: createElementNS would read `<o:p>` (Word's
 * paragraphs) as a `p` with a prefix, and selectors for `p` would find it.
 */
export function makeElement(owner: Document, name: string, namespace: string | null, prefix: string | null = null): Element {
  try {
    if (namespace === HTML_NS && prefix === null) return owner.createElement(name);
    return owner.createElementNS(namespace, prefix ? `${prefix}:${name}` : name);
  } catch {
    // A name the DOM rejects (see the top of this file).
    return owner.createElement('span');
  }
}

/** Sets one attribute by public calls; one whose name the DOM rejects is left out (see the top of this file). */
export function setAttribute(el: Element, name: string, value: string, namespace: string | null, prefix: string | null): void {
  try {
    if (namespace) el.setAttributeNS(namespace, prefix ? `${prefix}:${name}` : name, value);
    else el.setAttribute(name, value);
  } catch {
    // left out
  }
}

/** A doctype as `doc` makes one; null when the DOM rejects its name (harden.ts replaces most such). */
export function makeDoctype(doc: Document, name: string, publicId: string, systemId: string): DocumentType | null {
  try {
    return doc.implementation.createDocumentType(name, publicId, systemId);
  } catch {
    return null;
  }
}

function open(node: P5Element, owner: Document, options: Required<BuildOptions>): Open {
  const el = makeElement(owner, node.tagName, node.namespaceURI);
  // As the parser sets them: a foreign attribute (xlink:href) by namespace and prefix; an empty prefix is none.
  for (const attr of node.attrs) setAttribute(el, attr.name, attr.value, attr.namespace ?? null, attr.prefix || null);
  options.made(el, node);
  const parsedContent = (node as Partial<DefaultTreeAdapterMap['template']>).content;
  // A <template>'s children go into its content, a fragment of its own inert document, as the DOMs' parsers put them.
  const content = parsedContent && el.localName === 'template' ? (el as HTMLTemplateElement).content : undefined;
  const into: Node = content ?? el;
  const children = options.childless(node) ? [] : (parsedContent ?? node).childNodes;
  return { el, into, owner: content?.ownerDocument ?? owner, children, next: 0 };
}

/**
 * Soft hyphens (U+00AD, `&shy;`): hyphenation hints a browser shows only at a line break. Kept,
 * they split words for every search of the archive ("Wäh\u00adrend" is not "Während") and for
 * every comparison of text here; German sites set them in almost every long word.
 */
const SOFT_HYPHEN = /\u00ad/g;

/** A text or comment node as `owner` makes it (parse5 has no other leaves below the document). */
function leaf(owner: Document, node: P5Node): Node | null {
  switch (node.nodeName) {
    case '#text': {
      const value = (node as DefaultTreeAdapterMap['textNode']).value;
      return owner.createTextNode(value.includes('\u00ad') ? value.replace(SOFT_HYPHEN, '') : value);
    }
    case '#comment':
      return owner.createComment((node as DefaultTreeAdapterMap['commentNode']).data);
    default:
      return null;
  }
}

/**
 * The element `root` and everything under it, each element put into its parent only once its own
 * children are in. Iterative, like the other tree walks here: harden.ts bounds the depth only
 * approximately (it counts tags, not what the parser builds of them).
 */
function buildLeavesFirst(root: P5Element, owner: Document, options: Required<BuildOptions>): Element {
  const stack: Open[] = [open(root, owner, options)];
  for (;;) {
    const top = stack[stack.length - 1]!;
    const child = top.children[top.next++];
    if (child === undefined) {
      stack.pop();
      const parent = stack[stack.length - 1];
      if (!parent) return top.el;
      parent.into.appendChild(top.el);
    } else if ('tagName' in child) {
      stack.push(open(child, top.owner, options));
    } else {
      const node = leaf(top.owner, child);
      if (node) top.into.appendChild(node);
    }
  }
}

/**
 * `tree` built into `doc`, a fresh document of either DOM parsed from `MODE_SEED[tree.mode]`
 * (which gives it its mode; its own children are replaced).
 */
export function buildInto(doc: Document, tree: ParsedDocument, options: BuildOptions = {}): void {
  const full: Required<BuildOptions> = { childless: options.childless ?? (() => false), made: options.made ?? (() => undefined) };
  const top: Node[] = [];
  for (const child of tree.childNodes) {
    if ('tagName' in child) top.push(buildLeavesFirst(child, doc, full));
    else if (child.nodeName === '#documentType') {
      const type = child as ParsedDoctype;
      const made = makeDoctype(doc, type.name, type.publicId, type.systemId);
      if (made) top.push(made);
    } else {
      const node = leaf(doc, child);
      if (node) top.push(node);
    }
  }
  // One by one, by appendChild: the document keeps its documentElement and doctype; replaceChildren(...top) would put
  // the doctype into a fragment, which the DOM forbids.
  while (doc.firstChild) doc.removeChild(doc.firstChild);
  for (const node of top) doc.appendChild(node);
}
