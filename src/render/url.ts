/**
 * Every URL archivist writes (Markdown links and images, url, site.url, source.url, images[])
 * goes through webUrl: an absolute http(s) URL or nothing.
 */

/**
 * Characters percent-encoded after the host, beyond what the URL standard encodes: `(` `)` and
 * space end a Markdown link destination (`[a](https://x/s)[b](javascript:…)` would open a second
 * link), `|` splits a GFM table cell, `<` `>` `"` `'` `` ` `` `\` `[` `]` `{` `}` `^` are read as
 * markup by one renderer or another. Encoded, each means to the server what it meant before.
 */
const MARKDOWN_UNSAFE = /[()<>"'`\\|[\]{}^\s]/g;

function encodeChar(c: string): string {
  return `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`;
}

/**
 * `raw` (resolved against `base` when given) as an absolute http(s) URL that no Markdown
 * construct can end early; null for any other scheme (javascript:, data:, mailto:, …), for a
 * relative URL with no base, and for what does not parse.
 */
export function webUrl(raw: string | null | undefined, base?: string | URL): string | null {
  if (!raw) return null;
  let url: URL;
  try {
    url = base === undefined ? new URL(raw.trim()) : new URL(raw.trim(), base);
  } catch {
    return null;
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname) return null;
  // Credentials are no part of an archived address, and their characters are not encoded as a path's are.
  url.username = '';
  url.password = '';
  const href = url.href;
  // Everything after the host: the host itself may be an IPv6 literal in brackets.
  const pathStart = href.indexOf('/', url.protocol.length + 2);
  if (pathStart < 0) return href;
  return href.slice(0, pathStart) + href.slice(pathStart).replace(MARKDOWN_UNSAFE, encodeChar);
}

/** A named link (site, source) with its URL through webUrl; a URL that is not a web URL becomes null, the name stays. */
export function webLink<T extends { url: string | null }>(link: T | null): T | null {
  return link && { ...link, url: webUrl(link.url) };
}
