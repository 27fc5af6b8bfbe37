/**
 * jsdom's documents: the working copy the changing stages (Readability, lifting, trimming) work on,
 * and the whole page as jsdom for a page a site rule applies to (a rule's selectors are jsdom's).
 * Built by public DOM calls only, leaves first (tree.ts says why).
 *
 * One jsdom window per thread, made on first use. Pages are made as documents of their own with
 * its DOMParser: a window costs about 9 ms to build, a third of a small page's parse, and a closed
 * window is only freed after the event loop turns (a synchronous loop of JSDOMs kept every page:
 * 2 GB after 225). A DOMParser document holds no timers or resources and goes with its last
 * reference; nothing in a page ever runs in the window.
 */
import { JSDOM, VirtualConsole } from 'jsdom';
import { elementsWithTag } from '../common/tag-walk.js';
import { modeOf } from './reading.js';
import { HTML_NS, MODE_SEED, buildInto, makeDoctype, makeElement, setAttribute, type BuildOptions, type DocumentMode, type ParsedDocument } from './tree.js';

let host: { dom: JSDOM; parser: DOMParser } | null = null;

function parserHost(): { dom: JSDOM; parser: DOMParser } {
  if (!host) {
    // The default VirtualConsole forwards to ours; a fresh one with no listeners swallows the page's noise.
    const dom = new JSDOM('', { virtualConsole: new VirtualConsole() });
    // jsdom's selector engine adds focus, key and mouse listeners to the window for every document
    // it makes (each page and each clone) and never removes them, so a shared window would keep
    // every page alive. Nothing runs in this window and no event is ever dispatched to it.
    Object.defineProperty(dom.window, 'addEventListener', { value: () => undefined });
    host = { dom, parser: new dom.window.DOMParser() };
  }
  return host;
}

/** A new, empty jsdom document with `url` as its URL, in `mode` (HTML's quirks rules), its children to be replaced. */
export function newDocument(url: string, mode: DocumentMode): Document {
  const { dom, parser } = parserHost();
  // A DOMParser document takes its URL (links, baseURI) from the window's; both calls are synchronous, so no other page comes between.
  dom.reconfigure({ url });
  return parser.parseFromString(MODE_SEED[mode], 'text/html');
}

export interface BuiltDocument {
  document: Document;
  /** Its HTML elements with an id or a name attribute, as built: what jsdom's window indexes (see release). */
  named: Element[];
}

/** `tree` as a jsdom document with `url` as its URL. */
export function buildDocument(tree: ParsedDocument, url: string, options: BuildOptions = {}): BuiltDocument {
  const document = newDocument(url, tree.mode);
  const named: Element[] = [];
  buildInto(document, tree, {
    childless: options.childless,
    made: (el, from) => {
      if (from.namespaceURI === HTML_NS && from.attrs.some((a) => !a.namespace && (a.name === 'id' || a.name === 'name'))) named.push(el);
      options.made?.(el, from);
    },
  });
  return { document, named };
}

/**
 * Lets a jsdom document made here (or a clone of one) be freed. jsdom indexes every HTML element
 * with an id, and some with a name, on the window (for `window.foo` lookups), and a DOMParser
 * document shares the one window: until they leave the index the window keeps them, and the page,
 * alive (89 pages: 700 MB). Taking their id and name away takes them out of the index, and costs
 * less than detaching the whole tree (1.5 against 2.4 ms a page): only those elements are touched.
 * The name goes first: jsdom keeps an element indexed under its id while its name is the same.
 * test/memory.test.ts has such elements, and fails if any is kept.
 * `named`, when given, are all the elements of `document` that can be in the index (as
 * buildDocument lists them), so the tree need not be walked to find them (0.3 ms a page).
 * This changes the document: call it when the document is done with. What was taken out of it
 * (the body candidates are detached <div>s) is not in the index and keeps its ids.
 */
export function release(document: Document, named?: readonly Element[]): void {
  if (named) {
    for (const el of named) unname(el);
    return;
  }
  const walker = document.createTreeWalker(document, 1 /* NodeFilter.SHOW_ELEMENT */);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) unname(node as Element);
}

function unname(el: Element): void {
  if (el.hasAttribute('name')) el.removeAttribute('name');
  if (el.hasAttribute('id')) el.removeAttribute('id');
}

/** What the working copy leaves out, and what it notes on the elements it makes. */
export interface CopyPlan {
  /** Elements left out with everything under them. */
  skip(el: Element): boolean;
  /** Called with each element of the page and its copy, before the copy joins its parent. */
  mark(from: Element, made: Element): void;
  /** Elements whose copies `mark` changes, and the ones left out: the only ones a jsdom page's copy must copy one by one. */
  touched: Iterable<Element>;
}

/**
 * The working copy of a page as the parse stage read it (index.ts read): a jsdom document without
 * what `plan` skips; the page is left as it is. Built from what stays rather than cloned whole and
 * cut down: chrome is four fifths of the nodes of a news page (en-news), and a whole-document clone
 * was the costliest step of extraction. Free it with `release` when done.
 */
export function workingCopy(page: Document, plan: CopyPlan): Document {
  const mode = modeOf(page);
  return pinBase(mode !== undefined ? copyInto(page, newDocument(page.URL, mode), plan) : cloneAround(page, plan));
}

/**
 * `doc` with a `<base href>` of its own address first in its head, where it has none: jsdom finds
 * a document's base URL by `querySelector("base[href]")` each time it is asked (every `img.src`,
 * every `baseURI`; Readability asks per image), and without a match that walks the whole
 * document. A base naming the document's own address gives the same base URL, found at once.
 */
function pinBase(doc: Document): Document {
  if (!doc.head || elementsWithTag(doc, ['base']).some((b) => b.hasAttribute('href'))) return doc;
  const base = doc.createElement('base');
  base.setAttribute('href', doc.URL);
  doc.head.insertBefore(base, doc.head.firstChild);
  return doc;
}

/**
 * A jsdom copy of `source`, a domino page (reading.ts), into `target` (a fresh jsdom document,
 * whose children are replaced): each node made as buildInto makes it from parse5's tree, so the
 * copy is the tree jsdom would have built, less the elements `plan` skips.
 */
export function copyInto(source: Document, target: Document, plan: Pick<CopyPlan, 'skip' | 'mark'>): Document {
  const top: Node[] = [];
  for (let child = source.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === 1) {
      if (!plan.skip(child as Element)) top.push(copyTree(child as Element, target, plan));
    } else if (child.nodeType === 10) {
      const type = child as DocumentType;
      const made = makeDoctype(target, type.name, type.publicId, type.systemId);
      if (made) top.push(made);
    } else {
      const node = copyLeaf(target, child);
      if (node) top.push(node);
    }
  }
  // As buildInto: the whole tree joins the document by the DOM's own appendChild.
  while (target.firstChild) target.removeChild(target.firstChild);
  for (const node of top) target.appendChild(node);
  return target;
}

function copyLeaf(owner: Document, node: Node): Node | null {
  switch (node.nodeType) {
    case 3:
      return owner.createTextNode((node as Text).data);
    case 8:
      return owner.createComment((node as Comment).data);
    default:
      return null;
  }
}

interface OpenCopy {
  el: Element;
  into: Node;
  owner: Document;
  /** The next child of the source element to copy. */
  next: Node | null;
}

/** `root` and what is under it but skipped, leaves first like tree.ts; iterative. */
function copyTree(root: Element, owner: Document, plan: Pick<CopyPlan, 'skip' | 'mark'>): Element {
  const stack: OpenCopy[] = [openCopy(root, owner, plan)];
  for (;;) {
    const top = stack[stack.length - 1]!;
    const child = top.next;
    if (child === null) {
      stack.pop();
      const parent = stack[stack.length - 1];
      if (!parent) return top.el;
      parent.into.appendChild(top.el);
      continue;
    }
    top.next = child.nextSibling;
    if (child.nodeType === 1) {
      if (!plan.skip(child as Element)) stack.push(openCopy(child as Element, top.owner, plan));
    } else {
      const node = copyLeaf(top.owner, child);
      if (node) top.into.appendChild(node);
    }
  }
}

function openCopy(from: Element, owner: Document, plan: Pick<CopyPlan, 'mark'>): OpenCopy {
  const el = makeElement(owner, from.localName, from.namespaceURI, from.prefix);
  const attrs = from.attributes;
  for (let i = 0; i < attrs.length; i++) {
    const a = attrs[i]!;
    setAttribute(el, a.localName, a.value, a.namespaceURI || null, a.prefix || null);
  }
  plan.mark(from, el);
  // Not `.content` alone: a <meta>'s is its attribute.
  const content = from.localName === 'template' && from.namespaceURI === HTML_NS ? (from as HTMLTemplateElement).content : null;
  // A <template>'s children are its content's, as in the source.
  const into = content && el.localName === 'template' ? (el as HTMLTemplateElement).content : el;
  return { el, into, owner: into.ownerDocument ?? owner, next: (content ?? from).firstChild };
}

/**
 * The working copy of a page read as jsdom: only elements on the way to a change (a removal, a
 * mark) are copied one by one; every other subtree is cloned whole, and the copy's root element
 * is put into its document last. jsdom's insertion walks the new node's ancestors several times
 * when the tree it joins is in a document, and much less in a detached one.
 */
function cloneAround(page: Document, plan: CopyPlan): Document {
  const onTheWay = new Set<Node>();
  for (const changed of plan.touched) {
    for (let el: Node | null = changed; el && !onTheWay.has(el); el = el.parentNode) onTheWay.add(el);
  }
  const copy = page.cloneNode(false) as Document;
  const roots: Node[] = [];
  // Iterative: a hostile page may nest deeper than the call stack.
  const stack: [Node, Node | null][] = [[page, null]];
  for (let top = stack.pop(); top; top = stack.pop()) {
    const [from, to] = top;
    for (let child = from.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 1 && plan.skip(child as Element)) continue;
      const whole = !onTheWay.has(child);
      const made = copy.importNode(child, whole);
      if (child.nodeType === 1) plan.mark(child as Element, made as Element);
      if (to) to.appendChild(made);
      else roots.push(made);
      if (!whole && child.firstChild) stack.push([child, made]);
    }
  }
  for (const root of roots) copy.appendChild(root);
  return copy;
}
