import { stringify } from 'yaml';
import type { Article } from '../schema.js';

/**
 * The front matter block: the article's metadata as YAML, empty fields left out. Values are
 * serialised by the yaml library, so a title holding ": " or "\n---" can never inject a key or end the block.
 */
export function frontMatter(a: Article): string {
  const fields: Record<string, unknown> = {
    title: a.title,
    authors: a.authors,
    editors: a.editors,
    published: a.published,
    modified: a.modified,
    source: a.source ? dropEmpty({ name: a.source.name, url: a.source.url }) : null,
    site: a.site ? dropEmpty({ name: a.site.name, url: a.site.url }) : null,
    section: a.section,
    tags: a.tags,
    language: a.language,
    url: a.url,
    description: a.description,
    image: a.images[0]?.url ?? null,
    disclaimer: a.disclaimer,
    archived_at: a.provenance.archivedAt,
  };
  const yaml = stringify(dropEmpty(fields), { lineWidth: 0, defaultStringType: 'PLAIN', defaultKeyType: 'PLAIN' });
  return `---\n${yaml}---\n`;
}

function dropEmpty(o: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) {
    if (v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) continue;
    out[k] = v;
  }
  return out;
}
