/**
 * What jsdom never needs to see, removed from the markup before it is parsed. jsdom's cost is
 * per node and per character, paid again on every clone and walk, so what no stage reads is cut
 * here, in one linear pass:
 *
 * - <script> bodies (JSON-LD stays: it is data, and the metadata stage reads it), <style> sheets
 *   (jsdom parses them eagerly, and its CSS parser throws on some real sheets) and comments:
 *   about a third of parse time.
 * - inline styles, down to the declarations a stage reads. jsdom parses each style attribute
 *   into a CSSStyleDeclaration as it builds the element, and again on every clone.
 * - whitespace between two block tags (indentation, mostly): a third of the nodes jsdom builds
 *   for a news page. A reader sees nothing of it; every stage that reads text (lines, edges,
 *   render) breaks lines at blocks itself.
 * - data: URIs over 2 KiB in attributes: base64 images of a megabyte each are common, and single-file
 *   page saves hold them by the dozen.
 *
 * Everything else passes through byte for byte. This is a scanner, not a parser: where it is
 * unsure (a `>` inside a quoted value, a `<` inside a tag) it leaves the text as it is. An
 * element or comment left open runs to the end of the input, as it does for the parser, so no
 * input makes it search the same text twice.
 */

/** A comment, or a start or end tag. A tag never contains `<`: a stray one ends the match, and the text is left as is. */
const TOKEN = /<!--|<(\/?)([a-zA-Z][a-zA-Z0-9-]*)([^<>]*)>/g;
const LD_JSON = /type\s*=\s*["']?application\/ld\+json/i;

/** Elements dropped with their content. */
const DROPPED = new Set(['script', 'style']);
/** Elements whose content is kept exactly: whitespace is content there, or the content is not markup. */
const VERBATIM = new Set(['pre', 'textarea', 'listing', 'xmp', 'plaintext', 'title', 'noembed', 'noframes', 'iframe']);
/**
 * Elements between which whitespace never shows: block boxes, table parts, head and form
 * furniture. Inline elements are left out, so "<b>a</b> <i>b</i>" keeps its space.
 */
const BLOCK = new Set([
  'html',
  'head',
  'body',
  'div',
  'p',
  'ul',
  'ol',
  'li',
  'dl',
  'dt',
  'dd',
  'table',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'td',
  'th',
  'caption',
  'colgroup',
  'col',
  'section',
  'article',
  'header',
  'footer',
  'nav',
  'aside',
  'main',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'figure',
  'figcaption',
  'form',
  'fieldset',
  'legend',
  'blockquote',
  'hr',
  'meta',
  'link',
  'base',
  'address',
  'details',
  'summary',
  'select',
  'option',
  'optgroup',
  'hgroup',
  'menu',
  'center',
  'noscript',
  'picture',
  'source',
  'title',
  'pre',
  'listing',
]);

/** A style attribute: quoted, or unquoted and not starting with a quote. */
const STYLE_ATTR = /(\s)style\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>][^\s>]*))/i;
/** The only declarations a stage reads: hidden elements (ours and Readability's visibility test) and centred lines (edges.ts). */
const READ_DECLARATION = /^\s*(?:display|visibility|text-align)\s*:/i;
/** Inline data: URIs over this many characters are blanked; no stage reads them. */
const DATA_URI_MAX_CHARS = 2048;
/** What ends a quoted data: URI's text (a regular expression of one class: it never backtracks). */
const DATA_URI_END = /["'\s]/g;

/**
 * `tag` with each quoted data: URI over DATA_URI_MAX_CHARS reduced to `data:,`. A scan, not one
 * regular expression: matching a URI of millions of characters with a repeated class overflowed
 * V8's backtracking stack (a single-file page save holds images of 8 MB and more).
 */
function blankDataUris(tag: string): string {
  const out: string[] = [];
  let copied = 0;
  for (let at = tag.indexOf('data:'); at > 0; at = tag.indexOf('data:', at + 5)) {
    const quote = tag[at - 1];
    if (quote !== '"' && quote !== "'") continue;
    DATA_URI_END.lastIndex = at + 5;
    const end = DATA_URI_END.exec(tag)?.index ?? tag.length;
    if (tag[end] !== quote || end - (at + 5) < DATA_URI_MAX_CHARS) continue;
    out.push(tag.slice(copied, at + 5), ',');
    copied = end;
    at = end;
  }
  if (out.length === 0) return tag;
  out.push(tag.slice(copied));
  return out.join('');
}

const isWhitespace = (s: string) => /^[\t\n\f\r ]*$/.test(s);

function slimTag(tag: string): string {
  let out = tag;
  if (out.length > DATA_URI_MAX_CHARS + 8) out = blankDataUris(out);
  if (/style/i.test(out)) {
    out = out.replace(STYLE_ATTR, (_m, space: string, dq?: string, sq?: string, bare?: string) => {
      const kept = (dq ?? sq ?? bare ?? '').split(';').filter((d) => READ_DECLARATION.test(d));
      // The space stays: `style="x"id="y"` must not become `id="y"` glued to the tag name.
      return kept.length ? `${space}style="${kept.join(';').replace(/"/g, '&quot;')}"` : space;
    });
  }
  return out;
}

/** Index just past the end tag of `name` at or after `from`, or the input's length when there is none. */
function pastEndTag(html: string, name: string, from: number): number {
  const end = new RegExp(`</${name}[\\t\\n\\f\\r />]`, 'gi');
  end.lastIndex = from;
  const m = end.exec(html);
  if (!m) return html.length;
  const close = html.indexOf('>', m.index);
  return close < 0 ? html.length : close + 1;
}

/** Index just past the comment starting at `from`, or the input's length when it is never closed. */
function pastComment(html: string, from: number): number {
  const close = html.indexOf('-->', from + 4);
  return close < 0 ? html.length : close + 3;
}

/** The markup with what no stage reads removed (see the top of this file). */
export function slimHtml(html: string): string {
  const out: string[] = [];
  /** Start of the text not yet copied. */
  let text = 0;
  /** Whether the last tag copied was a block tag: whitespace after it, up to another block tag, is dropped. */
  let afterBlock = false;
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(html); m; m = TOKEN.exec(html)) {
    const between = html.slice(text, m.index);
    const gap = isWhitespace(between);
    const comment = m[0] === '<!--';
    const name = comment ? '' : m[2]!.toLowerCase();
    const dropped = !comment && m[1] !== '/' && DROPPED.has(name) && !(name === 'script' && LD_JSON.test(m[3]!));
    if (comment || dropped) {
      // Invisible: whitespace on both sides of it is still between the same two tags.
      out.push(afterBlock && gap ? '' : between);
      afterBlock &&= gap;
      text = TOKEN.lastIndex = comment ? pastComment(html, m.index) : pastEndTag(html, name, TOKEN.lastIndex);
      continue;
    }
    const block = BLOCK.has(name);
    out.push(afterBlock && block && gap ? '' : between);
    out.push(m[1] === '/' ? m[0] : slimTag(m[0]));
    text = TOKEN.lastIndex;
    afterBlock = block;
    if (m[1] !== '/' && (VERBATIM.has(name) || name === 'script')) {
      const end = name === 'plaintext' ? html.length : pastEndTag(html, name, TOKEN.lastIndex);
      out.push(html.slice(TOKEN.lastIndex, end));
      text = TOKEN.lastIndex = end;
    }
  }
  out.push(html.slice(text));
  return out.join('');
}
