import { Document, Scalar, parse, visit } from 'yaml';
import type { Article } from '../schema.js';

/** Fields whose values are dates: always written as quoted strings, never as YAML timestamps. */
const DATE_FIELDS = new Set(['published', 'modified', 'archived_at']);
/** Longer strings with whitespace cannot be read as a number, boolean, null or date. */
const SHORT = 64;

/**
 * The front matter block: the article's metadata as YAML, empty fields left out. Values are
 * serialised by the yaml library, so a title holding ": " or "\n---" can never inject a key or end the block.
 *
 * Every value reads back as the string the JSON has, in YAML 1.1 readers (PyYAML, gray-matter's
 * js-yaml 3: `No` is false, `12:30` is 750, `2019-11-19` a Date) as in YAML 1.2 ones (`0o17` is 15):
 * the document is written as YAML 1.1, which quotes what 1.1 would read as another type, and a
 * string that 1.2 would read so is quoted too. Dates are quoted strings always.
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
  const doc = new Document(dropEmpty(fields), { version: '1.1' });
  visit(doc, {
    Pair(_, pair) {
      const key = pair.key instanceof Scalar ? pair.key.value : pair.key;
      if (typeof key === 'string' && DATE_FIELDS.has(key) && pair.value instanceof Scalar) pair.value.type = 'QUOTE_DOUBLE';
    },
    Scalar(_, node) {
      if (typeof node.value === 'string' && node.type !== 'QUOTE_DOUBLE' && readsAsOther(node.value)) node.type = 'QUOTE_DOUBLE';
    },
  });
  return `---\n${doc.toString({ lineWidth: 0, defaultStringType: 'PLAIN', defaultKeyType: 'PLAIN' })}---\n`;
}

/**
 * Text of letters, digits, single inner spaces and word punctuation, starting with a letter: no
 * YAML indicator, comment, number or special float (.inf) can be read in it. Parsing each value
 * to find out cost more than the rest of the front matter.
 */
const WORDS = /^[\p{L}\p{M}][\p{L}\p{M}\p{N}\-.,'’]*(?: [\p{L}\p{M}\p{N}\-.,'’]+)*$/u;
/** An http(s) address without whitespace, not ending in ":" (which would make it a key): a plain string to YAML. */
const WEB_ADDRESS = /^https?:\/\/[^\s]*[^\s:]$/;
/** The plain words YAML 1.2's core schema reads as null or a boolean. */
const CORE_WORDS = new Set(['null', 'Null', 'NULL', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE']);

/** True when YAML 1.2 (core schema) reads the plain text `s` as something other than that string. */
function readsAsOther(s: string): boolean {
  if (s.length > SHORT && /\s/.test(s)) return false;
  // Words alone (a name, a Chinese title): YAML 1.2 reads them as themselves unless they are a null or a boolean.
  if (WORDS.test(s)) return CORE_WORDS.has(s);
  if (WEB_ADDRESS.test(s)) return false;
  try {
    return parse(s) !== s;
  } catch {
    return false;
  }
}

function dropEmpty(o: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) {
    if (v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) continue;
    out[k] = v;
  }
  return out;
}
