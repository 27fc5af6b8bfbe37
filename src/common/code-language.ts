/**
 * Language of a code block from data-lang or the usual class conventions (language-x, lang-x,
 * brush: x, highlight-source-x); '' when none. Extract marks it on the working copy, render puts it on the fence.
 */
export function codeLanguage(el: Element): string {
  for (const node of [el, el.firstElementChild, el.parentElement]) {
    const attr = node?.getAttribute('data-lang');
    if (attr) return attr;
    const cls = node?.getAttribute('class') ?? '';
    const m = /(?:^|\s)(?:language|lang|highlight-source|brush:?)[-\s]?([\w+#-]+)/i.exec(cls);
    if (m?.[1]) return m[1].toLowerCase();
  }
  return '';
}
