/**
 * Footnotes as GFM footnotes: a reference `[^1]` where the page shows a superscript link to its
 * note, the note as `[^1]: …` at the end. Without this a footnote is a bare numbered link into a
 * page the archive no longer is, and the note a stray list item with "↩" links.
 */

/** A reference's text: a number, perhaps in brackets, or a note mark. */
const REFERENCE_TEXT = /^(\[\s*\d{1,4}\s*\]|\(\s*\d{1,4}\s*\)|\d{1,4}|[*†‡§¶])$/;
/** Class, role or rel words that say a link is a note reference even outside a <sup>. */
const REFERENCE_NAMES = /\b(footnote|fnref|noteref|doc-noteref|footnote-ref)\b/i;
/** What a note holds that only points back: ↩ links and the like. */
const BACKLINK_TEXT = /^(?:[\s↩↑^⮐⤴]|\ufe0e)*$/u;

/** A note is a few sentences; a longer "note" is a section the link jumps to. */
const NOTE_MAX_CHARS = 2000;

export const REF_ATTR = 'data-archivist-footnote-ref';
export const NOTE_ATTR = 'data-archivist-footnote';

function fragmentOf(href: string): string | null {
  const i = href.indexOf('#');
  if (i < 0 || i === href.length - 1) return null;
  try {
    return decodeURIComponent(href.slice(i + 1));
  } catch {
    return href.slice(i + 1);
  }
}

function isReference(a: Element): boolean {
  if (!REFERENCE_TEXT.test((a.textContent ?? '').trim())) return false;
  if (a.closest('sup')) return true;
  return REFERENCE_NAMES.test(`${a.getAttribute('class') ?? ''} ${a.getAttribute('role') ?? ''} ${a.getAttribute('rel') ?? ''} ${a.id}`);
}

/** The element that is the note: the list item (or paragraph) holding the reference's target. */
function noteOf(target: Element, root: Element): Element | null {
  const note = target.closest('li, p, dd, aside, div');
  return note && note !== root && root.contains(note) && !note.querySelector('h1, h2, h3, h4, h5, h6, table') && textOf(note).length <= NOTE_MAX_CHARS
    ? note
    : null;
}

function textOf(el: Element): string {
  return (el.textContent ?? '').trim();
}

/**
 * Marks references (REF_ATTR, the label) and moves their notes to the end of `root` (NOTE_ATTR),
 * without the links back; containers the notes leave empty go.
 */
export function prepareFootnotes(root: Element): void {
  const doc = root.ownerDocument;
  const byId = new Map<string, Element>();
  for (const el of Array.from(root.querySelectorAll('[id], a[name]'))) {
    const id = el.id || el.getAttribute('name') || '';
    if (id && !byId.has(id)) byId.set(id, el);
  }
  if (byId.size === 0) return;
  const labels = new Map<Element, string>();
  for (const a of Array.from(root.querySelectorAll('a[href*="#"]'))) {
    if (!isReference(a)) continue;
    const id = fragmentOf(a.getAttribute('href') ?? '');
    const target = id ? byId.get(id) : undefined;
    if (!target) continue;
    const note = noteOf(target, root);
    // A note is never inside its own reference's paragraph: that is an anchor, not a note.
    // A note comes after its reference and is never around it (that is an anchor in the text, not a note).
    if (!note || note.contains(a) || !textOf(note) || !(a.compareDocumentPosition(note) & 4)) continue;
    let label = labels.get(note);
    if (label === undefined) {
      label = String(labels.size + 1);
      labels.set(note, label);
    }
    const ref = doc.createElement('span');
    ref.setAttribute(REF_ATTR, label);
    // Text, so that turndown does not take the marker for a blank element and drop it.
    ref.textContent = label;
    const sup = a.closest('sup');
    const replaced = sup && (sup.textContent ?? '').trim() === (a.textContent ?? '').trim() ? sup : a;
    replaced.parentNode?.replaceChild(ref, replaced);
  }
  for (const [note, label] of labels) {
    for (const back of Array.from(note.querySelectorAll('a[href*="#"]'))) {
      if (BACKLINK_TEXT.test(back.textContent ?? '') || REFERENCE_TEXT.test((back.textContent ?? '').trim())) back.parentNode?.removeChild(back);
    }
    const parent = note.parentElement;
    const def = doc.createElement('div');
    def.setAttribute(NOTE_ATTR, label);
    while (note.firstChild) def.appendChild(note.firstChild);
    note.parentNode?.removeChild(note);
    root.appendChild(def);
    for (let up: Element | null = parent; up && up !== root && !up.hasAttribute(NOTE_ATTR); ) {
      const next: Element | null = up.parentElement;
      if ((up.textContent ?? '').trim() || up.querySelector('img')) break;
      up.parentNode?.removeChild(up);
      up = next;
    }
  }
}
