/**
 * What the tools people read archivist's output with make of it: the Markdown body parsed as
 * CommonMark + GFM (+ $math$) by micromark/mdast (remark's parser), the front matter read back by
 * gray-matter, js-yaml and a YAML 1.1 reader (as PyYAML reads it), the JSON validated with ajv
 * against schema/article.schema.json. Shared by the fixture tests and `npm run bench:markdown`.
 */
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import matter from 'gray-matter';
import { load as loadYaml } from 'js-yaml';
import type { Nodes, Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { mathFromMarkdown } from 'mdast-util-math';
import { gfm } from 'micromark-extension-gfm';
import { math } from 'micromark-extension-math';
import { parse as parseYaml } from 'yaml';
import type { Article } from '../src/schema.js';

export const CHECKS = [
  /** `*`/`_` delimiter runs the parser left as text: bold or italics no renderer shows. */
  'literal-emphasis',
  /** HTML nodes: shown as tags with HTML off, passed through with it on. */
  'raw-html',
  /** A link, image or written URL that is not an absolute http(s) URL (javascript:, relative, …). */
  'unsafe-url',
  /** A table whose rows differ in cell count, or table rows that did not parse as a table. */
  'ragged-table',
  /** A heading with no text, or a paragraph of only invisible characters (U+200B…). */
  'empty-block',
  /** A bullet written other than `- ` (`-   item`). */
  'list-marker',
  /** A front-matter value that a YAML reader reads back other than the JSON says. */
  'front-matter',
  /** The JSON does not validate against the exported JSON Schema. */
  'schema',
] as const;
export type Check = (typeof CHECKS)[number];
export interface Finding {
  check: Check;
  detail: string;
}

const WEB_URL = /^https?:\/\/[^\s()<>"'`\\|]+$/i;

/** True for an absolute http(s) URL that cannot end a Markdown construct it sits in. */
export function isWebUrl(url: string): boolean {
  if (!WEB_URL.test(url)) return false;
  try {
    return ['http:', 'https:'].includes(new URL(url).protocol);
  } catch {
    return false;
  }
}

function parseMarkdown(md: string): Root {
  return fromMarkdown(md, { extensions: [gfm(), math()], mdastExtensions: [gfmFromMarkdown(), mathFromMarkdown()] });
}

function textOf(node: Nodes): string {
  if ('value' in node && node.type !== 'html') return node.value;
  if ('children' in node) return (node.children as Nodes[]).map(textOf).join('');
  return '';
}

function hasImage(node: Nodes): boolean {
  return node.type === 'image' || ('children' in node && (node.children as Nodes[]).some(hasImage));
}

const INVISIBLE = /^[\s\u200b-\u200d\u2060\ufeff]*$/;
/** An unescaped emphasis delimiter in the source of a text node: an even number of backslashes before it. */
const LITERAL_DELIMITER = /(?<!\\)(?:\\\\)*([*_]+)/;
/**
 * Where a `*` or `_` delimiter run the parser left as text starts in `src`, or -1. An `_` between
 * two letters or digits is no delimiter in CommonMark (snake_case), so it is not counted.
 */
function literalDelimiter(src: string): number {
  const re = new RegExp(LITERAL_DELIMITER.source, 'g');
  for (let m = re.exec(src); m; m = re.exec(src)) {
    const run = m[1]!;
    const start = m.index + m[0].length - run.length;
    const intraword = run[0] === '_' && /[\p{L}\p{N}]/u.test(src[start - 1] ?? '') && /[\p{L}\p{N}]/u.test(src[start + run.length] ?? '');
    if (!intraword) return start;
  }
  return -1;
}

/** A line shaped like a table row: what an unparsed table leaves in a paragraph. */
const TABLE_ROW_LINE = /^\s*\|.*\|\s*$/m;

/** Findings on one Markdown body (no front matter). */
export function checkMarkdown(md: string): Finding[] {
  const findings: Finding[] = [];
  const tree = parseMarkdown(md);
  const source = (n: Nodes) => (n.position ? md.slice(n.position.start.offset, n.position.end.offset) : '');
  const walk = (node: Nodes) => {
    switch (node.type) {
      case 'text': {
        const at = literalDelimiter(source(node));
        if (at >= 0) findings.push({ check: 'literal-emphasis', detail: around(source(node), at) });
        break;
      }
      case 'html':
        findings.push({ check: 'raw-html', detail: node.value.slice(0, 80) });
        break;
      case 'link':
      case 'image':
      case 'definition':
        // An e-mail address in the text is a mailto: link to GFM readers (autolink literal): safe, and not written as a link.
        if (!isWebUrl(node.url) && !(node.type === 'link' && /^mailto:[^\s()<>]+$/i.test(node.url)))
          findings.push({ check: 'unsafe-url', detail: `${node.type} ${node.url.slice(0, 100)}` });
        break;
      case 'table': {
        const widths = new Set(node.children.map((row) => row.children.length));
        if (widths.size > 1) findings.push({ check: 'ragged-table', detail: `row widths ${[...widths].join(', ')}` });
        break;
      }
      case 'paragraph':
        if (TABLE_ROW_LINE.test(source(node))) findings.push({ check: 'ragged-table', detail: `unparsed table row: ${source(node).slice(0, 80)}` });
        if (INVISIBLE.test(textOf(node)) && !hasImage(node)) findings.push({ check: 'empty-block', detail: 'invisible paragraph' });
        break;
      case 'heading':
        if (INVISIBLE.test(textOf(node)) && !hasImage(node)) findings.push({ check: 'empty-block', detail: `empty h${node.depth}` });
        break;
      case 'listItem': {
        const line = source(node).split('\n', 1)[0] ?? '';
        if (/^[-*+] {2,}|^[*+] /.test(line)) findings.push({ check: 'list-marker', detail: line.slice(0, 40) });
        break;
      }
    }
    // An address linked as it stands (GFM autolink literal) is not text: its '_' are the address's.
    if (node.type === 'link' && !source(node).startsWith('[')) return;
    if ('children' in node) for (const c of node.children as Nodes[]) walk(c);
  };
  walk(tree);
  return findings;
}

function around(s: string, i: number): string {
  return s.slice(Math.max(0, i - 30), i + 30).replace(/\n/g, '⏎');
}

/** The JSON value each front-matter key stands for; a key not listed is the JSON field of the same name. */
const FRONT_MATTER_FIELDS: Record<string, (a: Article) => unknown> = {
  image: (a) => a.images[0]?.url,
  archived_at: (a) => a.provenance.archivedAt,
  source: (a) => a.source && dropEmpty({ name: a.source.name, url: a.source.url }),
  site: (a) => a.site && dropEmpty({ name: a.site.name, url: a.site.url }),
};

function dropEmpty(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined && v !== ''));
}

function expectedValue(key: string, article: Article): unknown {
  const pick = FRONT_MATTER_FIELDS[key];
  return pick ? pick(article) : (article as Record<string, unknown>)[key];
}

/** The three ways front matter is commonly read: gray-matter (js-yaml 3), js-yaml's default schema, YAML 1.1 (PyYAML's reading). */
const READERS: Record<string, (yaml: string) => unknown> = {
  'gray-matter': (yaml) => matter(`---\n${yaml}---\n`, {}).data,
  'js-yaml': (yaml) => loadYaml(yaml),
  'yaml-1.1': (yaml) => parseYaml(yaml, { version: '1.1' }),
};

/** Findings on a whole `.md` output: every front-matter value, read by each reader, equals the JSON's. */
export function checkFrontMatter(file: string, article: Article): Finding[] {
  const m = /^---\n([\s\S]*?\n)---\n/.exec(file);
  if (!m?.[1]) return [{ check: 'front-matter', detail: 'no front matter block' }];
  const findings: Finding[] = [];
  for (const [reader, read] of Object.entries(READERS)) {
    let data: unknown;
    try {
      data = read(m[1]);
    } catch (err) {
      findings.push({ check: 'front-matter', detail: `${reader}: ${(err as Error).message.split('\n')[0]}` });
      continue;
    }
    if (!data || typeof data !== 'object') {
      findings.push({ check: 'front-matter', detail: `${reader}: not a mapping` });
      continue;
    }
    for (const [key, value] of Object.entries(data)) {
      const expected = expectedValue(key, article);
      if (!sameValue(value, expected)) findings.push({ check: 'front-matter', detail: `${reader}: ${key} reads ${show(value)}, JSON has ${show(expected)}` });
    }
  }
  return findings;
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b) && typeof a === typeof b && !(a instanceof Date);
}

function show(v: unknown): string {
  return `${v instanceof Date ? 'Date ' : ''}${JSON.stringify(v)?.slice(0, 60)}`;
}

const SCHEMA_FILE = new URL('../schema/article.schema.json', import.meta.url);
let validate: (((data: unknown) => boolean) & { errors?: unknown }) | undefined;

/** Findings on a JSON output: it validates against the shipped schema, and every URL in it is a web URL. */
export function checkJson(json: string): Finding[] {
  validate ??= new Ajv2020({ allErrors: true, strict: false }).compile(JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')));
  const data = JSON.parse(json) as Article;
  const findings: Finding[] = [];
  if (!validate(data)) findings.push({ check: 'schema', detail: JSON.stringify(validate.errors).slice(0, 200) });
  const urls = [data.url, data.site?.url, data.source?.url, ...(data.images ?? []).map((i) => i.url)];
  for (const url of urls) if (url != null && !isWebUrl(url)) findings.push({ check: 'unsafe-url', detail: `json ${url.slice(0, 100)}` });
  return findings;
}

/** Every check on one article's outputs. */
export function checkOutputs(article: Article, md: string, json: string): Finding[] {
  return [...checkMarkdown(article.markdown), ...checkFrontMatter(md, article), ...checkJson(json)];
}
