/**
 * The parse stage: decoded text → the page to read. Slimmed (slim.ts) and hardened (harden.ts)
 * markup is parsed by parse5 (tree.ts) and built as a domino document (reading.ts), which the
 * reading stages read and working-copy.ts builds jsdom's working copy from; or, for a page a site
 * rule applies to, built as a jsdom document (a rule's selectors are jsdom's, as validateRules
 * judges them, and it selects from this document). Both are the same tree. Scripts never run, no
 * sub-resource is loaded, page console output is dropped. Public DOM APIs only.
 */
import { ArchivistError } from '../errors.js';
import type { Decoded, Parsed } from '../types.js';
import { harden, MAX_ELEMENTS, MAX_TABLE_DEPTH, MAX_TEXT_CHARS, type HardenReport } from './harden.js';
import { readDocument } from './reading.js';
import { slimHtml } from './slim.js';
import { parseTree, type ParsedDocument, type ParsedElement } from './tree.js';
import { buildDocument, release } from './working-copy.js';

export { release } from './working-copy.js';
export { workingCopy, type CopyPlan } from './working-copy.js';

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * Elements whose content no stage reads, so no DOM is built of it: an inline <svg> (icons, logos,
 * charts) is drawn, not read. Every stage that reads text skips it (SKIP in lines.ts, UNSEEN in
 * measure.ts), chrome removal takes it out of the working copy (clean.ts) and turndown out of the
 * body. The <svg> element itself stays, with its attributes (an aria-label, a class). Measured:
 * the 156 corpus pages convert byte for byte as they did with the content built; their share icons
 * are 4.5% of en-news nodes, about 1% of the instructions; a page with an 800 KB inline chart
 * converts in 0.6 s instead of 1.0 s, in 153 MB instead of 230.
 */
const isInlineSvg = (el: ParsedElement): boolean => el.tagName === 'svg' && el.namespaceURI === SVG_NS;

/**
 * Which site rule a page has, asked once per page: first with no document (by its address alone,
 * before any DOM is built), then, when that gives none, with the page as read (its saved-from or
 * canonical address). The parse stage knows no rules: the pipeline passes this.
 */
export type RuleOf = (document: Document | null) => Parsed['rule'];

interface Prepared {
  html: string;
  capped: string[];
}

/** The markup the parser sees: slimmed first, so hardening scans fewer false tags (scripts and comments are gone). */
function prepared(decoded: Decoded): Prepared {
  const report: HardenReport = { flattened: 0, strippedTags: 0, overBudget: 0 };
  const html = harden(slimHtml(decoded.text), report);
  return { html, capped: limitWarnings(report) };
}

/** The cuts that lose content, said plainly; attribute and nesting cuts keep every word and go unsaid. */
function limitWarnings(report: HardenReport): string[] {
  const capped: string[] = [];
  if (report.overBudget > 0) capped.push(`page has more than ${MAX_ELEMENTS} elements: ${report.overBudget} tags past the limit dropped (their text kept)`);
  if (report.tablesFlattened) capped.push(`tables nested deeper than ${MAX_TABLE_DEPTH}: ${report.tablesFlattened} table tags dropped (their text kept)`);
  if (report.textCut) capped.push(`text runs longer than ${MAX_TEXT_CHARS} characters: ${report.textCut} characters cut`);
  return capped;
}
const urlOf = (decoded: Decoded): string => decoded.page.url?.href ?? 'about:blank';

/**
 * Step 3 of the pipeline: the page to read, with the site rule it has. A domino document, or a
 * jsdom one when a rule applies (by `ruleOf`): a rule page gets no domino page made for nothing
 * when its address names the rule's site.
 */
export function read(decoded: Decoded, ruleOf: RuleOf = () => null): Parsed {
  return parsing(() => {
    const { html, capped } = prepared(decoded);
    const tree = parseTree(html);
    const byAddress = ruleOf(null);
    if (byAddress) return jsdomPage(decoded, tree, byAddress, capped);
    const document = readDocument(tree, urlOf(decoded), { childless: isInlineSvg });
    const rule = ruleOf(document);
    // Nothing of a domino page is held by the shared window: it goes with its last reference.
    if (!rule) return { decoded, document, rule: null, capped, close: () => undefined };
    return jsdomPage(decoded, tree, rule, capped);
  });
}

/** The page as a jsdom document whatever its rule (`rule`, default none): what read() gives a rule page. */
export function parse(decoded: Decoded, rule: Parsed['rule'] = null): Parsed {
  return parsing(() => {
    const { html, capped } = prepared(decoded);
    return jsdomPage(decoded, parseTree(html), rule, capped);
  });
}

function jsdomPage(decoded: Decoded, tree: ParsedDocument, rule: Parsed['rule'], capped: string[]): Parsed {
  const { document, named } = buildDocument(tree, urlOf(decoded), { childless: isInlineSvg });
  return { decoded, document, rule, capped, close: () => release(document, named) };
}

function parsing(make: () => Parsed): Parsed {
  try {
    return make();
  } catch (cause) {
    throw new ArchivistError('E_PARSE', `cannot parse HTML: ${(cause as Error).message}`, { cause });
  }
}
