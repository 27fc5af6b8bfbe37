/**
 * Fields that change between two runs over the same bytes, by design: when, and by which
 * archivist version. Comparison leaves them out, and every report says so.
 */

/** JSON fields (dot paths) that never take part in a comparison. */
export const VOLATILE_JSON_PATHS = ['provenance.fetchedAt', 'provenance.archivedAt', 'provenance.tool'] as const;
/** Front matter keys that never take part in a comparison. */
export const VOLATILE_FRONT_MATTER_KEYS = ['archived_at'] as const;
/**
 * With --live the bytes themselves are new (another fetch time, status, hash, maybe charset
 * source): only what the page says is compared, not how it was obtained.
 */
export const LIVE_EXTRA_JSON_PATHS = ['provenance'] as const;

/** The ignored fields as a report lists them. */
export function ignoredFields(live: boolean): string[] {
  const json = live ? [...LIVE_EXTRA_JSON_PATHS] : [...VOLATILE_JSON_PATHS];
  return [...json, ...VOLATILE_FRONT_MATTER_KEYS.map((k) => `front matter ${k}`)];
}

/** A deep copy of a parsed JSON value without the given dot paths. */
export function withoutPaths(value: unknown, paths: readonly string[]): unknown {
  const copy = structuredClone(value);
  for (const p of paths) {
    const keys = p.split('.');
    let node: unknown = copy;
    for (const k of keys.slice(0, -1)) {
      node = node && typeof node === 'object' ? (node as Record<string, unknown>)[k] : undefined;
    }
    if (node && typeof node === 'object') delete (node as Record<string, unknown>)[keys[keys.length - 1]!];
  }
  return copy;
}

const FRONT_MATTER = /^---\n([\s\S]*?\n)---\n/;

/** The Markdown with each volatile front matter line replaced by a fixed marker (the line stays, so line numbers do too). */
export function maskFrontMatter(markdown: string): string {
  const m = FRONT_MATTER.exec(markdown);
  if (!m) return markdown;
  let block = m[1]!;
  for (const key of VOLATILE_FRONT_MATTER_KEYS) {
    block = block.replace(new RegExp(`^${key}:.*$`, 'gm'), `${key}: (ignored)`);
  }
  return `---\n${block}---\n${markdown.slice(m[0].length)}`;
}
