/**
 * --render auto: whether a statically fetched page is a script's shell, so that rendering it
 * would show an article the static HTML does not hold. Plain text tests on the HTML, no DOM: they
 * run on every page of an auto run.
 */
import type { ArchivistError } from '../errors.js';
import type { Article } from '../schema.js';

/** A mount point a framework fills, left empty in the HTML: <div id="root"></div>, <div id="__next"></div>… */
const EMPTY_MOUNT =
  /<(div|main|section|app-root)\b[^>]*\bid\s*=\s*["']?(root|app|__next|__nuxt|___gatsby|svelte|application|main-app|spa-root)\b[^>]*>\s*<\/\1>/i;
/** The fallback a script-only site shows without scripts. */
const NOSCRIPT_NOTICE = /<noscript\b[^>]*>(?:(?!<\/noscript>)[\s\S]){0,600}?(enable|turn on|activate|requires?|need)\b[^<]{0,40}javascript/i;
/** A state blob the page's scripts build from: Next's, Nuxt's, Redux's, Apollo's, or a JSON script with a state-like id. */
const STATE_BLOB =
  /<script\b[^>]*>\s*window\.__[A-Z_]*(STATE|DATA|NUXT)[A-Z_]*__\s*=|<script\b[^>]*\bid\s*=\s*["']?(__NEXT_DATA__|__NUXT_DATA__|__[A-Z_]*STATE[A-Z_]*__)/i;

/** A script that sends the reader on to another address once it runs. */
const SCRIPT_NAVIGATION = /<script\b[^>]*>[^<]*\blocation\s*(\.\s*(replace|assign)\s*\(|(\.\s*href\s*)?=[^=])/i;

/** A body shorter than this many words, on a page showing a shell's signs, counts as a shell's teaser. */
const SHORT_BODY_WORDS = 150;

/** The signs of a shell that the HTML shows. */
export function shellSigns(html: string): string[] {
  const signs: string[] = [];
  if (EMPTY_MOUNT.test(html)) signs.push('an empty mount point');
  if (NOSCRIPT_NOTICE.test(html)) signs.push('a <noscript> notice asking for JavaScript');
  if (STATE_BLOB.test(html)) signs.push('a script state blob');
  if (SCRIPT_NAVIGATION.test(html)) signs.push('a script that navigates');
  return signs;
}

/** Text carried in <script> elements, roughly (markup and JSON punctuation are counted too). */
function scriptTextLength(html: string): number {
  let n = 0;
  for (const m of html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/gi)) n += m[1]!.length;
  return n;
}

/**
 * Why the page should be rendered, or null to keep the static result. Rendered: a page with no
 * article, and a page showing a shell's signs whose body is short, or much shorter than the text
 * its scripts carry (a teaser in the HTML, the article in a JSON blob). A failure other than
 * E_NO_CONTENT is kept: a browser would meet the same status, size or address.
 */
export function renderReason(html: string, outcome: { article: Article } | { error: ArchivistError }): string | null {
  if ('error' in outcome) return outcome.error.code === 'E_NO_CONTENT' ? 'no article in the static page' : null;
  const signs = shellSigns(html);
  if (signs.length === 0) return null;
  const { wordCount, text } = outcome.article;
  if (wordCount < SHORT_BODY_WORDS) return `a short body (${wordCount} words) and ${signs.join(', ')}`;
  if (scriptTextLength(html) > 3 * text.length + 2_000) return `scripts carrying far more text than the body, and ${signs.join(', ')}`;
  return null;
}
