/**
 * The parts of jsdom's implementation that its own HTML parser builds a document with
 * (jsdom/lib/jsdom/browser/parser/html.js): element creation, attribute setting, text and comment
 * nodes, and the tree that holds them. build-dom.ts builds pages with them.
 *
 * Why not the public DOM: each public call is a wrapper that checks its arguments and then runs the
 * spec's steps for a node that may be in a live document (name validation, pre-insert validity,
 * mutation records, live collection versions, memoized queries, the style cache). For a node going
 * into a parent that is itself new, detached and unobserved, none of those steps has anything to
 * do. Measured on en-news, each page parsed both ways in turn in one process: the parse stage
 * 17.9 → 14.3 ms a page, a whole conversion 47.5 → 43.7 ms (8% less).
 *
 * These are internal modules of jsdom (version pinned in package-lock.json), so each is checked
 * when this module loads: when one is missing or not of the expected shape, `jsdomImpl` is null and
 * parse.ts gives pages to jsdom's own parser (slower, the same tree). test/build-dom.test.ts fails
 * then, so a jsdom upgrade that moves them is seen.
 */
// jsdom's entry first: its implementation modules require each other in a cycle that only resolves in its own order.
import 'jsdom';
import attributes from 'jsdom/lib/jsdom/living/attributes.js';
import Comment from 'jsdom/lib/jsdom/living/generated/Comment.js';
import Text from 'jsdom/lib/jsdom/living/generated/Text.js';
import utils from 'jsdom/lib/jsdom/living/generated/utils.js';
import createElementModule from 'jsdom/lib/jsdom/living/helpers/create-element.js';
import constants from 'jsdom/lib/jsdom/living/helpers/internal-constants.js';
import nodeModule from 'jsdom/lib/jsdom/living/nodes/Node-impl.js';

/** A jsdom node implementation (what a DOM object wraps), as far as this file uses it. */
export interface NodeImpl {
  _descendantAdded(parent: NodeImpl, child: NodeImpl): void;
  _childTextContentChangeSteps(): void;
  _append(child: NodeImpl): NodeImpl;
  _attached: boolean;
  _ownerDocument: DocumentImpl;
  /** A <template>'s content (a DocumentFragment owned by the template's inert document). */
  _templateContents?: NodeImpl;
}

/** A jsdom Document implementation. */
export interface DocumentImpl extends NodeImpl {
  _globalObject: object;
}

export interface JsdomImpl {
  implOf(node: Node): NodeImpl;
  wrapperOf(impl: NodeImpl): Node;
  /** An element as jsdom's parser creates one: any name parse5 gives, no validation. */
  createElement(owner: DocumentImpl, localName: string, namespace: string, isValue: string | null): NodeImpl;
  /** An attribute as jsdom's parser sets one (attributes.setAttributeValue). */
  setAttribute(el: NodeImpl, name: string, value: string, prefix: string | null, namespace: string | null): void;
  createText(owner: DocumentImpl, data: string): NodeImpl;
  createComment(owner: DocumentImpl, data: string): NodeImpl;
  /**
   * Appends `child` to `parent`. When `parent` stands alone (no parent of its own, not a
   * document) and its class does not react to what is inserted into it, linking the child in is
   * all the DOM's insertion steps would do: no ancestor to tell, nothing connected, nothing
   * observed. Any other parent (one with ancestors, a form that adopts its controls, a select
   * that resets its options, a style or textarea that reads its text) gets the full steps.
   */
  appendDetached(parent: NodeImpl, child: NodeImpl): void;
}

interface NodeImplClass {
  prototype: NodeImpl;
}

const isFn = <T>(f: T): f is Exclude<T, undefined> => typeof f === 'function';

function load(): JsdomImpl | null {
  const implForWrapper = utils?.implForWrapper;
  const wrapperForImpl = utils?.wrapperForImpl;
  const tree = constants?.domSymbolTree;
  const link = tree?.appendChild;
  const parentOf = tree?.parent;
  const createElement = createElementModule?.createElement;
  const setAttributeValue = attributes?.setAttributeValue;
  const createText = Text?.createImpl;
  const createComment = Comment?.createImpl;
  const base = (nodeModule?.implementation as NodeImplClass | undefined)?.prototype;
  if (
    !isFn(implForWrapper) ||
    !isFn(wrapperForImpl) ||
    !isFn(link) ||
    !isFn(parentOf) ||
    !isFn(createElement) ||
    !isFn(setAttributeValue) ||
    !isFn(createText) ||
    !isFn(createComment) ||
    !isFn(base?._descendantAdded) ||
    !isFn(base._childTextContentChangeSteps) ||
    !isFn(base._append)
  ) {
    return null;
  }
  const { _descendantAdded: quietAdded, _childTextContentChangeSteps: quietText } = base;
  return {
    implOf: (node) => implForWrapper(node) as NodeImpl,
    wrapperOf: (impl) => wrapperForImpl(impl) as Node,
    // Not synchronous: no custom element is ever defined in archivist's window (jsdom's parser passes false for a fragment too).
    createElement: (owner, localName, namespace, isValue) => createElement(owner, localName, namespace, null, isValue, false) as NodeImpl,
    setAttribute: (el, name, value, prefix, namespace) => setAttributeValue(el, name, value, prefix, namespace),
    createText: (owner, data) => createText(owner._globalObject, [], { data, ownerDocument: owner }) as NodeImpl,
    createComment: (owner, data) => createComment(owner._globalObject, [], { data, ownerDocument: owner }) as NodeImpl,
    appendDetached(parent, child) {
      const alone = !parent._attached && parentOf.call(tree, parent) === null;
      if (alone && parent._descendantAdded === quietAdded && parent._childTextContentChangeSteps === quietText) link.call(tree, parent, child);
      else parent._append(child);
    },
  };
}

/** jsdom's implementation as build-dom.ts uses it; null when this jsdom does not have it in that shape. */
export const jsdomImpl: JsdomImpl | null = load();
