/**
 * The page as the reading stages see it: a domino document (the DOM turndown already uses), built
 * from the same parse5 tree jsdom's document would be built from. The reading stages (metadata,
 * chrome planning, the meta lines and credits around the body) only read the original page; the
 * stages that change a document (Readability, lifting, trimming) work on jsdom's working copy,
 * which clean.ts builds from this document without the chrome.
 *
 * Why: chrome is four fifths of a news page's nodes (en-news), and the original was built as jsdom
 * nodes only to be read and thrown away. A jsdom node is a wrapper and an implementation object
 * with a tree record of its own, each attribute two more objects, and every read goes through the
 * wrapper; a domino node is one plain object. Measured on en-news, each page converted both ways in
 * turn in one process: 60.8 → 45.3 ms a page (bench:speed, one worker: 16–17.5 → 20–21 pages/s),
 * with the same output for every corpus page.
 *
 * Nodes are made with domino's own parser helpers (Document#_createElementNS,
 * Element#_setAttribute/_setAttributeNS, Node#_appendChild): no name checks, so every name parse5
 * reads is built, as in jsdom's document. They are internal to domino (version pinned in
 * package-lock.json) and checked once a thread, on first use: when one is missing, `readDocument`
 * returns null and the page is read as jsdom builds it (parse.ts), slower and the same.
 * test/read-dom.test.ts fails then, so an upgrade that moves them is seen.
 */
import domino from '@mixmark-io/domino';
import { html as p5, type DefaultTreeAdapterMap } from 'parse5';
import { buildTopLevel, type BuildOptions, type Open, type TreeMaker } from './build-dom.js';

type P5Document = DefaultTreeAdapterMap['document'];
type P5Element = DefaultTreeAdapterMap['element'];
type P5Mode = P5Document['mode'];

/** A domino node, as far as this file uses its internals. */
interface DominoNode {
  _appendChild(child: DominoNode): void;
}
interface DominoElement extends DominoNode {
  _setAttribute(qname: string, value: string): void;
  _setAttributeNS(namespace: string, qname: string, value: string): void;
  /** A <template>'s content: a fragment of the template's own inert document. */
  content?: DominoNode & { ownerDocument: DominoDocument };
}
interface DominoDocument extends DominoNode {
  _createElementNS(localName: string, namespace: string, prefix: string | null): DominoElement;
  createTextNode(data: string): DominoNode;
  createComment(data: string): DominoNode;
  implementation: { createDocumentType(name: string, publicId: string, systemId: string): DominoNode };
  /** The document's URL (domino's name for it). */
  _address: string;
  /** Quirks mode, as domino's parser sets it. */
  _quirks: boolean;
  /** Modification clock: 0 while domino's parser builds (no modification times kept), 1 after. */
  modclock: number;
  firstChild: unknown;
  appendChild(child: DominoNode): void;
  removeChild(child: unknown): void;
}

const modes = new WeakMap<Document, P5Mode>();

/**
 * The HTML mode (quirks rules) a page built here was parsed in, for its working copy (clean.ts):
 * domino keeps only quirks or not. Undefined for any other document.
 */
export function modeOf(doc: Document): P5Mode | undefined {
  return modes.get(doc);
}

/** Whether this domino has the internals used here: checked on the first document, once a thread. */
let usable: boolean | undefined;

/** An empty domino document; null when this domino lacks the internals used here. */
function emptyDocument(): DominoDocument | null {
  const doc = domino.createDocument('', true) as unknown as Partial<DominoDocument>;
  usable ??= shaped(doc);
  if (!usable) return null;
  const full = doc as DominoDocument;
  while (full.firstChild) full.removeChild(full.firstChild);
  return full;
}

function shaped(doc: Partial<DominoDocument>): boolean {
  const isFn = (f: unknown) => typeof f === 'function';
  if (!isFn(doc._createElementNS) || !isFn(doc._appendChild) || typeof doc._address !== 'string' || typeof doc._quirks !== 'boolean' || typeof doc.modclock !== 'number') return false;
  const probe = doc._createElementNS!('template', p5.NS.HTML, null);
  return isFn(probe._setAttribute) && isFn(probe._setAttributeNS) && isFn(probe.content?._appendChild);
}

/** Whether readDocument builds pages in this thread (false: pages are read as jsdom builds them). */
export function readDocumentUsable(): boolean {
  return emptyDocument() !== null;
}

/**
 * The parsed page as a domino document with `url` as its URL; null when this domino lacks the
 * helpers used here. Leaves first, as build-dom.ts builds jsdom's: each node goes into a parent
 * that is not in the document yet, and the tree joins the document once. Joining, domino walks the
 * tree recursively: give it hardened markup's tree (harden.ts caps the nesting), as parse.ts does.
 */
export function readDocument(tree: P5Document, url: string, options: BuildOptions = {}): Document | null {
  const doc = emptyDocument();
  if (!doc) return null;
  doc._address = url;
  doc._quirks = tree.mode === 'quirks';
  // As domino's parser does: no modification times while the tree is built.
  doc.modclock = 0;
  const childless = options.childless ?? (() => false);
  const maker: TreeMaker<DominoNode, DominoDocument> = {
    open: (node, owner) => open(owner, node, childless),
    text: (owner, data) => owner.createTextNode(data),
    comment: (owner, data) => owner.createComment(data),
    append: (parent, child) => parent._appendChild(child),
  };
  const doctype = (type: DefaultTreeAdapterMap['documentType']) => doc.implementation.createDocumentType(type.name, type.publicId, type.systemId);
  // The document's own children by the DOM's appendChild: it keeps doc.documentElement and doc.doctype.
  for (const node of buildTopLevel(maker, tree, doc, doctype)) doc.appendChild(node);
  doc.modclock = 1;
  const result = doc as unknown as Document;
  modes.set(result, tree.mode);
  return result;
}

function open(owner: DominoDocument, node: P5Element, childless: (el: P5Element) => boolean): Open<DominoNode, DominoDocument> {
  const el = owner._createElementNS(node.tagName, node.namespaceURI, null);
  for (const attr of node.attrs) {
    // As domino's parser sets them: a foreign attribute (xlink:href) by namespace and qualified name.
    if (attr.namespace) el._setAttributeNS(attr.namespace, attr.prefix ? `${attr.prefix}:${attr.name}` : attr.name, attr.value);
    else el._setAttribute(attr.name, attr.value);
  }
  const parsedContent = (node as Partial<DefaultTreeAdapterMap['template']>).content;
  const content = parsedContent ? el.content : undefined;
  const children = childless(node) ? [] : (parsedContent ?? node).childNodes;
  return { el, into: content ?? el, owner: content?.ownerDocument ?? owner, children, next: 0 };
}
