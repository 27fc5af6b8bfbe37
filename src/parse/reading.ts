/**
 * The page as the reading stages see it: a domino document (the DOM turndown already uses), built
 * from the same parse5 tree jsdom's document would be built from (tree.ts). The reading stages
 * (metadata, chrome planning, the meta lines and credits around the body) only read the original
 * page; the stages that change a document (Readability, lifting, trimming) work on jsdom's
 * working copy, which working-copy.ts builds from this document without the chrome.
 *
 * Why: chrome is four fifths of a news page's nodes (en-news), and the original was built as jsdom
 * nodes only to be read and thrown away. A jsdom node is a wrapper and an implementation object
 * with a tree record of its own, each attribute two more objects, and every read goes through the
 * wrapper; a domino node is one plain object. Measured on en-news, each page converted both ways in
 * turn in one process: 60.8 → 45.3 ms a page, with the same output for every corpus page.
 */
import domino from '@mixmark-io/domino';
import { MODE_SEED, buildInto, type BuildOptions, type DocumentMode, type ParsedDocument } from './tree.js';

const modes = new WeakMap<Document, DocumentMode>();

/**
 * The HTML mode (quirks rules) a page built here was parsed in, for its working copy: domino keeps
 * only quirks or not. Undefined for any other document.
 */
export function modeOf(doc: Document): DocumentMode | undefined {
  return modes.get(doc);
}

/**
 * The parsed page as a domino document with `url` as its URL. Joining its document, domino walks
 * the tree recursively: give it hardened markup's tree (harden.ts caps the nesting).
 */
export function readDocument(tree: ParsedDocument, url: string, options: BuildOptions = {}): Document {
  // A window only for its address: domino gives a document its URL no other public way. Seeded for the page's mode.
  const doc = domino.createWindow(MODE_SEED[tree.mode], url).document as unknown as Document;
  buildInto(doc, tree, options);
  modes.set(doc, tree.mode);
  return doc;
}
