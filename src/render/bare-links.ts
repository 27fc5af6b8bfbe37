/**
 * Addresses written as text ("see https://example.com/a_b"), made links before turndown runs.
 *
 * GFM readers link such an address as it stands (autolink literals), taking the Markdown source
 * up to the next space as the address: the escapes turndown writes into text (`\_`, `\[`) became
 * part of the link, and a `\` or `)` after it too (`…/by/2.0)\`). As a link of its own, the
 * address is written `[text](address)`: the text keeps what the page shows, escaped as text, and
 * the destination is the address, percent-encoded (webUrl); link text is never linked again.
 */
import { HTML_NS } from '../common/tag-walk.js';
import { webUrl } from './url.js';

/**
 * The starts GFM links (extended autolinks): `http://`, `https://` not after a letter, `www.` at the
 * start or after a space, `(`, `*`, `_` or `~`. The run goes to the next space, `<`, `\` (no part
 * of an address: URL parsers read it as `/`), or CJK character or full-width punctuation: Chinese
 * text runs on after an address with no space (`…/apple2019/，锁定…`).
 */
const ADDRESS = /(?:(?<![A-Za-z])https?:\/\/|(?<=^|[\s(*_~])www\.)[^\s<\\\u3000-\u303f\u3400-\u9fff\uff00-\uffef]+/g;
/** Trailing characters GFM leaves out of an address. */
const TRAILING = /[?!.,:*_~'"]+$/;
/** Elements whose text is never linked: links themselves, code, and what turndown writes as it stands. */
const UNLINKED = new Set(['A', 'PRE', 'CODE', 'KBD', 'SAMP', 'SCRIPT', 'STYLE', 'TEXTAREA']);

/** `run` without what GFM's autolink leaves out at its end: punctuation, an unbalanced `)`, an entity-like `&x;`. */
function trimAddress(run: string): string {
  let s = run;
  for (;;) {
    const before = s;
    s = s.replace(TRAILING, '');
    if (s.endsWith(')')) {
      const open = s.split('(').length - 1;
      const close = s.split(')').length - 1;
      if (close > open) s = s.slice(0, -1);
    }
    s = s.replace(/&[A-Za-z0-9]+;$/, '');
    if (s === before) return s;
  }
}

function linkable(text: Text): boolean {
  for (let p = text.parentElement; p; p = p.parentElement) {
    if (UNLINKED.has(p.tagName) || p.namespaceURI !== HTML_NS) return false;
  }
  return true;
}

/** Each address in the text under `root` (outside links and code) put into an `<a href>` of its own. */
export function linkBareAddresses(root: Element): void {
  const doc = root.ownerDocument;
  const walker = doc.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
  const texts: Text[] = [];
  for (let t = walker.nextNode(); t; t = walker.nextNode()) {
    const data = (t as Text).data;
    if ((data.includes('http') || data.includes('www.')) && linkable(t as Text)) texts.push(t as Text);
  }
  for (const text of texts) {
    const data = text.data;
    const parts: Node[] = [];
    let last = 0;
    for (const m of data.matchAll(ADDRESS)) {
      const shown = trimAddress(m[0]);
      const href = webUrl(shown.startsWith('www.') ? `http://${shown}` : shown);
      // GFM needs a host with a dot (or a bare scheme is left as text); webUrl refuses what does not parse.
      if (!href || !/^https?:\/\/[^/]*\./.test(href)) continue;
      const at = m.index ?? 0;
      if (at > last) parts.push(doc.createTextNode(data.slice(last, at)));
      const a = doc.createElement('a');
      a.setAttribute('href', href);
      a.appendChild(doc.createTextNode(shown));
      parts.push(a);
      last = at + shown.length;
    }
    if (parts.length === 0) continue;
    if (last < data.length) parts.push(doc.createTextNode(data.slice(last)));
    for (const part of parts) text.parentNode?.insertBefore(part, text);
    text.parentNode?.removeChild(text);
  }
}
