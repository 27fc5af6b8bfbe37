/**
 * Pre-parse hardening: one linear pass over the markup that defuses the two shapes of hostile
 * HTML that make jsdom (and every recursive walk after it) blow up — absurd nesting and absurd
 * tags — before the parser sees them. Everything else passes through byte for byte.
 *
 * This is a tag scanner, not a parser: it tracks an approximate stack of open elements, so it
 * errs on the side of counting too deep (flattening a little early) rather than too shallow.
 */

/**
 * Deepest element nesting kept. Browsers cap it at 512 (Chromium and WebKit attach deeper
 * elements to the one at 512), but Readability's cost grows with the cube of the depth — 512
 * nested <div>s took 14–24 s, 256 take 2 s — and the deepest of the 156 real pages in the shared
 * corpus is 115 levels. jsdom's recursive clone and serialise overflow the stack a few thousand down.
 */
export const MAX_ELEMENT_DEPTH = 256;
/** Longest single tag kept with its attributes. Real tags with a JSON data-attribute reach a few KiB; a 16 KiB tag is an attack or junk. */
export const MAX_TAG_CHARS = 16 * 1024;
/**
 * Most attributes kept on one tag. jsdom checks for an existing attribute on every set, so
 * cloning an element costs the square of its attribute count (100,000 attributes: a minute).
 * Real tags carry a handful; 256 leaves room for attribute-heavy frameworks.
 */
export const MAX_ATTRIBUTES = 256;
/**
 * Most attributes kept on one page. Each is two jsdom objects, built again for every copy, and the
 * per-tag cap alone still lets 100,000 tags bring 25 million (a million took minutes and gigabytes).
 * A long news page carries 10,000 to 30,000; past the budget, tags keep their names and lose their attributes.
 */
export const MAX_PAGE_ATTRIBUTES = 250_000;

/**
 * Deepest nesting of tables kept. Readability walks every row and cell under each table it scores
 * (live collections, rebuilt per access), so its cost grows with the cube of the table depth: 64
 * nested tables — what MAX_ELEMENT_DEPTH leaves of 20,000 — took 20 s. Old table layouts nest a
 * handful; deeper tables lose their table tags, and their cells' text runs on in the cell above.
 */
export const MAX_TABLE_DEPTH = 16;
/** The tags that make up a table: inside a table past MAX_TABLE_DEPTH, all go. */
const TABLE_PARTS = new Set(['table', 'caption', 'colgroup', 'col', 'thead', 'tbody', 'tfoot', 'tr', 'td', 'th']);

/**
 * Most characters of text kept between two tags. Every stage reads text through regular
 * expressions and copies (normalising, measuring, escaping Markdown), and a 30 MB paragraph took
 * 28 s and 2.7 GB. The longest run of text in a real page — a plain-text document in a <pre> — is
 * a few hundred KiB; past the limit the run is cut (and the next tag starts a new one).
 */
export const MAX_TEXT_CHARS = 1024 * 1024;

/** Elements that never have content, so they never deepen the tree. */
const VOID = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'keygen',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
  'basefont',
  'bgsound',
  'frame',
  'image',
]);
/** Elements the parser merges into the one it already has: never a new level. */
const MERGED = new Set(['html', 'head', 'body']);
/** Raw-text elements: their content is not markup, so the scanner must jump to their end tag. */
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes']);
/**
 * A start tag of the key closes an open element of the listed names when it is the current one
 * (the optional end tags of HTML: `<li>a<li>b`, `<p>a<div>`). Only the current element is
 * closed, so the count never drops below what the parser builds. Ruby's rb/rt/rp are left out:
 * outside a <ruby> the parser nests them.
 */
const P_CLOSERS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'center',
  'details',
  'dialog',
  'dir',
  'div',
  'dl',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hgroup',
  'main',
  'menu',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'ul',
  'li',
  'dd',
  'dt',
  'listing',
]);
const IMPLIED_CLOSE = new Map<string, Set<string>>([
  ['li', new Set(['li'])],
  ['dd', new Set(['dd', 'dt'])],
  ['dt', new Set(['dd', 'dt'])],
  ['option', new Set(['option'])],
  ['optgroup', new Set(['option', 'optgroup'])],
  ['td', new Set(['td', 'th'])],
  ['th', new Set(['td', 'th'])],
  ['tr', new Set(['td', 'th', 'tr'])],
  ['tbody', new Set(['td', 'th', 'tr', 'tbody', 'thead', 'tfoot'])],
  ['thead', new Set(['td', 'th', 'tr', 'tbody', 'thead', 'tfoot'])],
  ['tfoot', new Set(['td', 'th', 'tr', 'tbody', 'thead', 'tfoot'])],
]);
/** An end tag never closes anything above these (the parser's "in scope" boundary), so the scanner must not either. */
const SCOPE = new Set(['button', 'table', 'td', 'th', 'caption', 'applet', 'marquee', 'object', 'template', 'foreignobject', 'desc', 'svg', 'math']);
/**
 * Most elements kept. jsdom spends about three kilobytes per element, so ten million three-byte
 * `<b>` tags would exhaust the heap (a crash no try/catch sees), and 100,000 sibling <div>s ran a
 * 384 MB worker (archive's default) out of it; 60,000 fit. The largest of the 2,462 corpus pages
 * has 15,797 elements, a long Wikipedia article about 40,000.
 */
export const MAX_ELEMENTS = 60_000;
/** End tags that create an element when nothing matches them (`</p>` makes an empty <p>, `</br>` a <br>). */
const CREATING_END_TAGS = new Set(['p', 'br']);
/**
 * Most formatting elements left open at once. The parser re-creates every open formatting element
 * at each new paragraph ("reconstruct the active formatting elements"), so 1,000 unclosed
 * `<font color=…>` in 1,000 paragraphs make half a million elements (1 MB of input took 3.5 GB).
 * Sloppy real pages leave two or three open; a table cell starts afresh.
 */
export const MAX_OPEN_FORMATTING = 8;
const FORMATTING = new Set(['a', 'b', 'big', 'code', 'em', 'font', 'i', 'nobr', 's', 'small', 'strike', 'strong', 'tt', 'u']);
/** Tags at which the parser's list of active formatting elements starts afresh (its "markers"). */
const FORMATTING_MARKERS = new Set(['td', 'th', 'caption', 'applet', 'object', 'marquee', 'template']);
/** In SVG and MathML `<x/>` really is self-closing; in HTML it opens an element like `<x>`. */
const FOREIGN = new Set(['svg', 'math']);

/** A doctype's name, as the tokeniser reads it. */
const DOCTYPE = /<!doctype[\t\n\f\r ]*([^\t\n\f\r >]*)/iy;
/** What jsdom accepts as a doctype name. */
const QNAME = /^[A-Za-z_][\w.-]*(:[A-Za-z_][\w.-]*)?$/;

const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d;
const isAlpha = (c: number) => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);

interface Tag {
  /** Index just past the closing '>' (or the end of the text when the tag never closes). */
  end: number;
  attributes: number;
  selfClosing: boolean;
  closed: boolean;
}

/** Scans the attributes of a tag whose name ends at i. Quotes only start a value right after '=', as in the tokenizer. */
function scanTag(html: string, i: number): Tag {
  const n = html.length;
  let attributes = 0;
  let inName = false;
  while (i < n) {
    const c = html.charCodeAt(i);
    if (c === 0x3e /* > */) return { end: i + 1, attributes, selfClosing: html.charCodeAt(i - 1) === 0x2f, closed: true };
    if (isSpace(c) || c === 0x2f /* / */) {
      inName = false;
      i++;
    } else if (c === 0x3d /* = */ && inName) {
      inName = false;
      i++;
      while (i < n && isSpace(html.charCodeAt(i))) i++;
      const q = html.charCodeAt(i);
      if (q === 0x22 || q === 0x27) {
        const close = html.indexOf(q === 0x22 ? '"' : "'", i + 1);
        i = close < 0 ? n : close + 1;
      } else {
        while (i < n && !isSpace(html.charCodeAt(i)) && html.charCodeAt(i) !== 0x3e) i++;
      }
    } else {
      if (!inName) attributes++;
      inName = true;
      i++;
    }
  }
  return { end: n, attributes, selfClosing: false, closed: false };
}

function tagNameEnd(html: string, i: number): number {
  const n = html.length;
  while (i < n) {
    const c = html.charCodeAt(i);
    if (isSpace(c) || c === 0x2f || c === 0x3e) break;
    i++;
  }
  return i;
}

/** Whether a start tag opens a level of nesting. */
function countsDepth(name: string, selfClosing: boolean, foreign: number): boolean {
  if (VOID.has(name) || MERGED.has(name) || RAW_TEXT.has(name) || name === 'plaintext') return false;
  return !(selfClosing && foreign > 0);
}

/** What hardening changed, for warnings and tests. */
export interface HardenReport {
  /** Start tags dropped (and their end tags) for nesting deeper than MAX_ELEMENT_DEPTH or past MAX_OPEN_FORMATTING. */
  flattened: number;
  /** Tags whose attributes were dropped for being longer than MAX_TAG_CHARS, having more than MAX_ATTRIBUTES, or coming past MAX_PAGE_ATTRIBUTES. */
  strippedTags: number;
  /** Tags dropped because the document already had MAX_ELEMENTS elements. */
  overBudget: number;
  /** Table tags dropped for being inside a table nested deeper than MAX_TABLE_DEPTH. */
  tablesFlattened?: number;
  /** Characters of text cut for running past MAX_TEXT_CHARS between two kept tags. */
  textCut?: number;
}

/**
 * Returns the markup with nesting beyond MAX_ELEMENT_DEPTH flattened (the over-deep tags dropped, their
 * text kept, as browsers keep it) and over-long tags reduced to their bare name. Linear in the
 * length of the markup; returns the input string itself when nothing needed changing.
 */
export function harden(html: string, report: HardenReport = { flattened: 0, strippedTags: 0, overBudget: 0 }): string {
  const n = html.length;
  const out: string[] = [];
  let copied = 0; // html[copied, i) is still to be copied to out
  const replace = (from: number, to: number, text: string) => {
    out.push(html.slice(copied, from), text);
    copied = to;
  };

  const stack: string[] = [];
  const onStack = new Map<string, number>();
  const dropped = new Map<string, number>();
  let foreign = 0;
  // An end tag blocked by a scope boundary stays blocked until the stack changes: remembering
  // that keeps a million identical stray end tags linear.
  let version = 0;
  const blocked = new Map<string, number>();
  const push = (name: string) => {
    stack.push(name);
    onStack.set(name, (onStack.get(name) ?? 0) + 1);
    if (FOREIGN.has(name)) foreign++;
    version++;
  };
  const pop = () => {
    const name = stack.pop()!;
    onStack.set(name, onStack.get(name)! - 1);
    if (FOREIGN.has(name)) foreign--;
    version++;
  };

  /** Closes the nearest open `name` in scope, with everything above it, as its end tag would. */
  const popTo = (name: string): 'closed' | 'absent' | 'blocked' => {
    if (!onStack.get(name) || blocked.get(name) === version) return 'absent';
    let k = stack.length - 1;
    while (k >= 0 && stack[k] !== name && !SCOPE.has(stack[k]!)) k--;
    if (k < 0 || stack[k] !== name) {
      blocked.set(name, version);
      return 'blocked';
    }
    while (stack.length > k) pop();
    return 'closed';
  };

  // Characters of text since the last kept tag, and the cut of any text past MAX_TEXT_CHARS in html[from, to).
  let run = 0;
  const cutText = (from: number, to: number) => {
    run += to - from;
    if (run <= MAX_TEXT_CHARS) return;
    let keep = Math.max(from, to - (run - MAX_TEXT_CHARS));
    // Never split a surrogate pair.
    if (keep > from && (html.charCodeAt(keep - 1) & 0xfc00) === 0xd800) keep--;
    if (keep < to) {
      report.textCut = (report.textCut ?? 0) + (to - keep);
      replace(keep, to, '');
    }
    run = MAX_TEXT_CHARS;
  };
  let elements = 0;
  let attributes = 0;
  // Open tables dropped for depth: while any is, every table tag goes (cells' text stays, apart).
  let deepTables = 0;
  let openFormatting = 0;
  let i = 0;
  let text = 0; // html[text, …) is text not yet counted against MAX_TEXT_CHARS
  while (i < n) {
    const lt = html.indexOf('<', i);
    if (lt < 0) break;
    const c1 = html.charCodeAt(lt + 1);
    if (c1 === 0x21 /* ! */ || c1 === 0x3f /* ? */) {
      // Comments, doctype, CDATA, processing instructions: no elements inside. An unterminated comment runs to the end.
      cutText(text, lt);
      if (html.startsWith('<!--', lt)) {
        const close = html.indexOf('-->', lt + 4);
        i = close < 0 ? n : close + 3;
      } else {
        const close = html.indexOf('>', lt + 2);
        i = close < 0 ? n : close + 1;
        // jsdom throws on a doctype whose name is not an XML name ("<!doctype<!doctype html>"); browsers shrug. Give it a plain one.
        DOCTYPE.lastIndex = lt;
        const m = DOCTYPE.exec(html);
        if (m && m.index === lt && m[1] && !QNAME.test(m[1])) replace(lt, i, '<!DOCTYPE html>');
      }
      text = i;
      continue;
    }
    const isEnd = c1 === 0x2f;
    const nameStart = lt + (isEnd ? 2 : 1);
    if (!isAlpha(html.charCodeAt(nameStart))) {
      i = lt + 1; // a literal '<' in text, or a bogus comment the parser ignores
      continue;
    }
    const nameEnd = tagNameEnd(html, nameStart);
    const name = html.slice(nameStart, nameEnd).toLowerCase();
    const tag = scanTag(html, nameEnd);
    i = tag.end;
    cutText(text, lt);
    text = i;

    if (!tag.closed) {
      // A tag cut off by the end of the file is dropped by the parser; a long one would still be tokenised first.
      if (tag.end - lt > MAX_TAG_CHARS) {
        replace(lt, n, '');
        report.strippedTags++;
      }
      break;
    }
    if (!isEnd || CREATING_END_TAGS.has(name)) elements++;
    if (elements > MAX_ELEMENTS) {
      // Past the element budget every tag goes (their text stays), and so does the raw text's special meaning.
      replace(lt, tag.end, '');
      report.overBudget++;
      continue;
    }
    const stripped = tag.end - lt > MAX_TAG_CHARS || tag.attributes > MAX_ATTRIBUTES || (!isEnd && (attributes += tag.attributes) > MAX_PAGE_ATTRIBUTES);
    if (stripped) report.strippedTags++;

    if (TABLE_PARTS.has(name) && foreign === 0 && (deepTables > 0 || (name === 'table' && !isEnd && (onStack.get('table') ?? 0) >= MAX_TABLE_DEPTH))) {
      if (name === 'table') deepTables += isEnd ? -1 : 1;
      replace(lt, tag.end, name === 'td' || name === 'th' ? ' ' : '');
      report.tablesFlattened = (report.tablesFlattened ?? 0) + 1;
      continue;
    }
    if (FORMATTING_MARKERS.has(name)) openFormatting = 0;
    if (isEnd) {
      if (FORMATTING.has(name) && openFormatting > 0) openFormatting--;
      const pending = dropped.get(name) ?? 0;
      if (pending > 0) {
        dropped.set(name, pending - 1);
        replace(lt, tag.end, '');
        continue;
      }
      if (stripped) replace(lt, tag.end, `</${name}>`);
      popTo(name);
      run = 0;
      continue;
    }

    if (FORMATTING.has(name) && foreign === 0) {
      if (openFormatting >= MAX_OPEN_FORMATTING) {
        dropped.set(name, (dropped.get(name) ?? 0) + 1);
        replace(lt, tag.end, '');
        report.flattened++;
        continue;
      }
      openFormatting++;
    }
    const counts = countsDepth(name, tag.selfClosing, foreign);
    if (counts) {
      // A block start closes an open <p> unless a scope boundary lies between (`<p><b>x<div>` closes the <b> too).
      if (P_CLOSERS.has(name)) popTo('p');
      const closes = IMPLIED_CLOSE.get(name);
      while (closes && stack.length > 0 && closes.has(stack[stack.length - 1]!)) pop();
      // The parser inserts the <tbody> and <tr> a sloppy table leaves out; count them, or tables nest 1.5 times deeper than counted.
      const top = stack[stack.length - 1];
      if ((name === 'td' || name === 'th' || name === 'tr') && top === 'table') push('tbody');
      if ((name === 'td' || name === 'th') && (stack[stack.length - 1] === 'tbody' || top === 'thead' || top === 'tfoot')) push('tr');
      if (stack.length >= MAX_ELEMENT_DEPTH) {
        dropped.set(name, (dropped.get(name) ?? 0) + 1);
        replace(lt, tag.end, '');
        report.flattened++;
        continue;
      }
    }
    // The start tag is kept; an over-long one loses its attributes.
    if (stripped) replace(lt, tag.end, `<${name}${tag.selfClosing ? '/' : ''}>`);
    run = 0;
    if (RAW_TEXT.has(name)) {
      // Its content is text up to the matching end tag.
      const endTag = new RegExp(`</${name}[\\s/>]`, 'gi');
      endTag.lastIndex = i;
      const m = endTag.exec(html);
      i = m ? m.index : n;
      continue;
    }
    if (name === 'plaintext') break; // everything after it is text
    if (counts) push(name);
  }

  cutText(text, n);
  if (out.length === 0) return html;
  out.push(html.slice(copied));
  return out.join('');
}
