import { codeLanguage } from '../common/code-language.js';

/**
 * Readability drops class attributes (we run it with keepClasses: false, as class soup would
 * otherwise reach the Markdown), and with them `language-python` on a code block. The language
 * is copied to `data-lang`, an attribute Readability keeps and the Markdown renderer reads.
 */
export function markCodeLanguages(doc: Document): void {
  for (const pre of Array.from(doc.getElementsByTagName('pre'))) {
    if (pre.hasAttribute('data-lang')) continue;
    const lang = codeLanguage(pre);
    if (lang) pre.setAttribute('data-lang', lang);
  }
}
