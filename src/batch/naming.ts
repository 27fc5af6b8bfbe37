import { createHash } from 'node:crypto';
import { ArchivistError } from '../errors.js';
import { safeStem } from '../output.js';

/** The placeholders a --name template may use. */
export const NAME_FIELDS = ['date', 'slug', 'host', 'id', 'sha8'] as const;
export type NameField = (typeof NAME_FIELDS)[number];
export const DEFAULT_NAME_TEMPLATE = '{date}-{slug}';

/** Longest slug, in characters: long enough to tell titles apart, short enough to read in a listing (and under MAX_STEM_BYTES in CJK). */
const MAX_SLUG_CHARS = 60;

export interface NameValues {
  input: string;
  title: string | null;
  published: string | null;
  url: string | null;
  sha256: string | null;
}

/** Checks a template once, before any page is fetched, so a typo fails the command and not every page. */
export function validateTemplate(template: string): void {
  for (const m of template.matchAll(/\{([^}]*)\}/g)) {
    if (!(NAME_FIELDS as readonly string[]).includes(m[1]!)) {
      throw new ArchivistError('E_USAGE', `--name: unknown field {${m[1]}}; use ${NAME_FIELDS.map((f) => `{${f}}`).join(', ')}`);
    }
  }
}

/** A template filled in and made safe as a file-name stem (no separators, no '..', no reserved names, bounded length). */
export function renderName(template: string, v: NameValues): string {
  const fields: Record<NameField, string> = {
    date: v.published?.slice(0, 10) ?? 'undated',
    slug: slugify(v.title ?? '') || 'untitled',
    host: hostOf(v.url),
    id: createHash('sha256').update(v.input).digest('hex').slice(0, 10),
    sha8: v.sha256?.slice(0, 8) ?? '00000000',
  };
  return safeStem(template.replace(/\{(date|slug|host|id|sha8)\}/g, (_, f: NameField) => fields[f]));
}

/**
 * A stable slug that keeps every script's letters: "Hello, World!" → "hello-world",
 * "北京发布 2026 年报告" → "北京发布-2026-年报告". NFKC folds full-width forms first, so the same
 * title typed two ways gives the same slug.
 */
export function slugify(title: string): string {
  const words = title
    .normalize('NFKC')
    .toLowerCase()
    .replace(/['’]/g, '')
    .split(/[^\p{L}\p{N}\p{M}]+/u)
    .filter(Boolean);
  let slug = '';
  for (const w of words) {
    const next = slug ? `${slug}-${w}` : w;
    if (Array.from(next).length > MAX_SLUG_CHARS) {
      if (!slug) slug = Array.from(w).slice(0, MAX_SLUG_CHARS).join('');
      break;
    }
    slug = next;
  }
  return slug;
}

function hostOf(url: string | null): string {
  if (!url) return 'local';
  try {
    return new URL(url).hostname.replace(/^www\./, '') || 'local';
  } catch {
    return 'local';
  }
}
