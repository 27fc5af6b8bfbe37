/**
 * Markup → a jsdom Document, parsed by parse5 (the HTML parser jsdom itself uses) into plain
 * objects first, then built as jsdom nodes leaves first.
 *
 * Why: jsdom's own parser inserts every node into a tree that is already in the document, and
 * each insertion walks all the node's ancestors six or seven times (mutation records, live
 * collection versions, memoized queries, the connected check, the pre-insert validity check),
 * and every further text chunk of a text node is another mutation with another ancestor walk.
 * Built leaves first, each node goes into a parent that is not in the document yet, where
 * linking it in is all there is to do (jsdom-impl.ts says what is skipped, and for which parents
 * it is not); the whole tree joins the document once, at the end, by the DOM's own appendChild,
 * so jsdom does its bookkeeping for the document (connected elements, the id index) as usual.
 * Nodes are made as jsdom's parser makes them (its element and attribute helpers, no name
 * checks), so every name parse5 reads is built: the page's tree is the one jsdom's parser makes,
 * with one difference: text that HTML moves out of a table ("foster parenting") lands before the
 * table, as in browsers and parse5, where jsdom's parser adapter appends it to the table's parent,
 * after the table. The caller may also name elements to build without their content
 * (`BuildOptions.childless`).
 *
 * Measured on en-news: the median parse went from 17.7 ms (jsdom's parser) to 12.1 (leaves first,
 * by public DOM calls; bench:speed); building with jsdom's helpers instead of public calls took
 * the mean parse from 17.9 to 14.3 ms, 8% of a whole conversion (both ways in turn, one process).
 */
import { html as p5, parse as parseHtml, type DefaultTreeAdapterMap } from 'parse5';
import { jsdomImpl, type DocumentImpl, type JsdomImpl, type NodeImpl } from './jsdom-impl.js';

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

/** A page as parse5 parses it: plain objects, before any DOM is built from them. */
export type ParsedDocument = DefaultTreeAdapterMap['document'];

/** `markup` parsed as a document with scripting disabled, as DOMParser parses (so `<noscript>` holds markup). */
export function parseTree(markup: string): ParsedDocument {
  return parseHtml(markup, { scriptingEnabled: false });
}

/** An element as parse5 gives it: its namespace, tag name and attributes, for `BuildOptions.childless`. */
export type ParsedElement = Pick<P5Element, 'namespaceURI' | 'tagName' | 'attrs'>;

export interface BuildOptions {
  /** Elements built without their content (the element itself and its attributes stay). Default: none. */
  childless?: (el: ParsedElement) => boolean;
}

/**
 * `markup` (or its parse5 tree, from parseTree) as a jsdom document. `newDocument(seed)` returns
 * a fresh jsdom document parsed from `seed`; it gives the result its URL, options and mode, and
 * its own children are replaced. Null when this jsdom does not have the implementation helpers it
 * builds with (see jsdom-impl.ts).
 */
export function buildDocument(markup: string | ParsedDocument, newDocument: (seed: string) => Document, options: BuildOptions = {}): BuiltDocument | null {
  const jsdom = jsdomImpl;
  if (!jsdom) return null;
  const tree = typeof markup === 'string' ? parseTree(markup) : markup;
  const document = newDocument(MODE_SEED[tree.mode]);
  const named: Element[] = [];
  const build: Builder = { jsdom, named, childless: options.childless ?? (() => false) };
  const maker: TreeMaker<NodeImpl, DocumentImpl> = {
    open: (node, owner) => open(build, node, owner),
    text: (owner, data) => jsdom.createText(owner, data),
    comment: (owner, data) => jsdom.createComment(owner, data),
    append: (parent, child) => jsdom.appendDetached(parent, child),
  };
  const doctype = (type: ParsedDoctype) => jsdom.implOf(document.implementation.createDocumentType(type.name, type.publicId, type.systemId));
  const top = buildTopLevel(maker, tree, jsdom.implOf(document) as DocumentImpl, doctype).map((impl) => jsdom.wrapperOf(impl));
  // By the DOM's own appendChild, one by one: jsdom does what a node joining a document needs (the id index, connected
  // elements), once for the whole tree; replaceChildren(...top) would put the doctype into a fragment, which the DOM forbids.
  document.replaceChildren();
  for (const node of top) document.appendChild(node);
  return { document, named };
}

/** An element being built: its children are added one at a time, and it joins its parent when they are all in. */
export interface Open<N, O> {
  el: N;
  /** Where its children go: the element, or a template's content. */
  into: N;
  /** What makes its children: a template's content has an (inert) document of its own. */
  owner: O;
  children: P5Node[];
  next: number;
}

/** How one DOM's nodes are made from parse5's and put together (`N` a node, `O` the document that makes them). */
export interface TreeMaker<N, O> {
  /** The element with its attributes, where its children go, and which of them are built. */
  open(node: P5Element, owner: O): Open<N, O>;
  text(owner: O, data: string): N;
  comment(owner: O, data: string): N;
  append(parent: N, child: N): void;
}

type ParsedDoctype = DefaultTreeAdapterMap['documentType'];

/** A text or comment node as `make` makes it (parse5 has no other leaves below the document). */
function leaf<N, O>(make: TreeMaker<N, O>, owner: O, node: P5Node): N | null {
  switch (node.nodeName) {
    case '#text':
      return make.text(owner, (node as DefaultTreeAdapterMap['textNode']).value);
    case '#comment':
      return make.comment(owner, (node as DefaultTreeAdapterMap['commentNode']).data);
    default:
      return null;
  }
}

/**
 * The document's own children (doctype, comments, the root element and its tree) as `make` makes
 * them, in order, to be put into the document by the caller; the doctype by `doctype`.
 */
export function buildTopLevel<N, O>(make: TreeMaker<N, O>, tree: ParsedDocument, owner: O, doctype: (type: ParsedDoctype) => N): N[] {
  return tree.childNodes.flatMap((child): N[] => {
    if ('tagName' in child) return [buildLeavesFirst(make, child, owner)];
    if (child.nodeName === '#documentType') return [doctype(child as ParsedDoctype)];
    const node = leaf(make, owner, child);
    return node === null ? [] : [node];
  });
}

/**
 * The element `root` and everything under it, each element put into its parent only once its own
 * children are in (read-dom.ts builds domino's page the same way). Iterative, like the other tree
 * walks here: harden.ts bounds the depth only approximately (it counts tags, not what the parser
 * builds of them).
 */
export function buildLeavesFirst<N, O>(make: TreeMaker<N, O>, root: P5Element, owner: O): N {
  const stack: Open<N, O>[] = [make.open(root, owner)];
  for (;;) {
    const top = stack[stack.length - 1]!;
    const child = top.children[top.next++];
    if (child === undefined) {
      stack.pop();
      const parent = stack[stack.length - 1];
      if (!parent) return top.el;
      make.append(parent.into, top.el);
    } else if ('tagName' in child) {
      stack.push(make.open(child, top.owner));
    } else {
      const node = leaf(make, top.owner, child);
      if (node) make.append(top.into, node);
    }
  }
}

/** What every element of one build needs: jsdom's helpers, the list of named elements, the childless test. */
interface Builder {
  jsdom: JsdomImpl;
  named: Element[];
  childless: (el: ParsedElement) => boolean;
}

function open({ jsdom, named, childless }: Builder, node: P5Element, owner: DocumentImpl): Open<NodeImpl, DocumentImpl> {
  const isValue = node.attrs.find((a) => a.name === 'is')?.value ?? null;
  const el = jsdom.createElement(owner, node.tagName, node.namespaceURI, isValue);
  let hasName = false;
  for (const attr of node.attrs) {
    // As jsdom's parser sets them (an empty prefix is none).
    jsdom.setAttribute(el, attr.name, attr.value, attr.prefix || null, attr.namespace ?? null);
    hasName ||= !attr.namespace && (attr.name === 'id' || attr.name === 'name');
  }
  if (hasName && node.namespaceURI === HTML_NS) named.push(jsdom.wrapperOf(el) as Element);
  const parsedContent = (node as Partial<DefaultTreeAdapterMap['template']>).content;
  // A <template>'s children go into its content, a fragment of its own inert document, as jsdom's parser puts them.
  const into = parsedContent ? el._templateContents! : el;
  const children = childless(node) ? [] : (parsedContent ?? node).childNodes;
  return { el, into, owner: into._ownerDocument, children, next: 0 };
}

/**
 * A jsdom copy of `source`, a document of another DOM (the domino page of read-dom.ts), into
 * `target` (a fresh jsdom document, whose children are replaced): each node made as buildDocument
 * makes it from parse5's tree, so the copy is the tree jsdom would have built, less the elements
 * `skip` leaves out with everything under them. `mark(from, made)` is called for each element made,
 * before it joins its parent. False, and `target` untouched, when this jsdom lacks the helpers.
 */
export function copyInto(source: Document, target: Document, skip: (el: Element) => boolean, mark: (from: Element, made: Element) => void): boolean {
  const jsdom = jsdomImpl;
  if (!jsdom) return false;
  const owner = jsdom.implOf(target) as DocumentImpl;
  const top: Node[] = [];
  for (let child = source.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === 1) {
      if (!skip(child as Element)) top.push(jsdom.wrapperOf(copyTree(jsdom, child as Element, owner, skip, mark)));
    } else if (child.nodeType === 10) {
      const type = child as DocumentType;
      top.push(target.implementation.createDocumentType(type.name, type.publicId, type.systemId));
    } else {
      const node = copyLeaf(jsdom, owner, child);
      if (node) top.push(jsdom.wrapperOf(node));
    }
  }
  // As buildDocument: the whole tree joins the document by the DOM's own appendChild.
  target.replaceChildren();
  for (const node of top) target.appendChild(node);
  return true;
}

function copyLeaf(jsdom: JsdomImpl, owner: DocumentImpl, node: Node): NodeImpl | null {
  switch (node.nodeType) {
    case 3:
      return jsdom.createText(owner, (node as Text).data);
    case 8:
      return jsdom.createComment(owner, (node as Comment).data);
    default:
      return null;
  }
}

interface OpenCopy {
  el: NodeImpl;
  into: NodeImpl;
  owner: DocumentImpl;
  /** The next child of the source element to copy. */
  next: Node | null;
}

/** `root` and what is under it but skipped, leaves first like buildLeavesFirst; iterative. */
function copyTree(jsdom: JsdomImpl, root: Element, owner: DocumentImpl, skip: (el: Element) => boolean, mark: (from: Element, made: Element) => void): NodeImpl {
  const stack: OpenCopy[] = [openCopy(jsdom, root, owner, mark)];
  for (;;) {
    const top = stack[stack.length - 1]!;
    const child = top.next;
    if (child === null) {
      stack.pop();
      const parent = stack[stack.length - 1];
      if (!parent) return top.el;
      jsdom.appendDetached(parent.into, top.el);
      continue;
    }
    top.next = child.nextSibling;
    if (child.nodeType === 1) {
      if (!skip(child as Element)) stack.push(openCopy(jsdom, child as Element, top.owner, mark));
    } else {
      const node = copyLeaf(jsdom, top.owner, child);
      if (node) jsdom.appendDetached(top.into, node);
    }
  }
}

function openCopy(jsdom: JsdomImpl, from: Element, owner: DocumentImpl, mark: (from: Element, made: Element) => void): OpenCopy {
  const attrs = from.attributes;
  let isValue: string | null = null;
  for (let i = 0; i < attrs.length; i++) if (attrs[i]!.name === 'is' && !attrs[i]!.namespaceURI) isValue = attrs[i]!.value;
  const el = jsdom.createElement(owner, from.localName, from.namespaceURI ?? HTML_NS, isValue);
  for (let i = 0; i < attrs.length; i++) {
    const a = attrs[i]!;
    jsdom.setAttribute(el, a.localName, a.value, a.prefix || null, a.namespaceURI || null);
  }
  mark(from, jsdom.wrapperOf(el) as Element);
  // Not `.content` alone: a <meta>'s is its attribute.
  const content = from.localName === 'template' && from.namespaceURI === HTML_NS ? (from as HTMLTemplateElement).content : null;
  // A <template>'s children are its content's, as in the source.
  const into = content ? el._templateContents! : el;
  return { el, into, owner: into._ownerDocument, next: (content ?? from).firstChild };
}
