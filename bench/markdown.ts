/**
 * Markdown, front matter and JSON as their readers see them, over corpus pages.
 *   npm run bench:markdown -- [corpus-folder] [--only NAME] [--examples N] [--json]
 * Converts every page of every corpus (a folder holding truth.json) and runs the checks of
 * bench/markdown-checks.ts on its outputs; prints, per corpus and check, the pages with at least
 * one finding (and the findings in all). --examples N lists the first N findings of each check.
 * Skips cleanly, exit 0, when the folder is absent.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { convertPage } from '../src/pipeline.js';
import { render } from '../src/render/index.js';
import type { Article } from '../src/schema.js';
import { CHECKS, checkOutputs, type Check } from './markdown-checks.js';
import { corpusDirs, pageFile } from './corpus.js';

const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const only = option('only');
const examples = Number(option('examples') ?? 0);
const json = args.includes('--json');
const root = args.find((a, i) => !a.startsWith('--') && !['--only', '--examples'].includes(args[i - 1] ?? '')) ?? '../shared/corpus';

if (!existsSync(root)) {
  console.log(`bench:markdown: no corpus at ${root}; skipped`);
  process.exit(0);
}

const corpora = corpusDirs(root);

const FIXED_NOW = () => new Date('2026-01-01T00:00:00Z');
type Row = { pages: number; converted: number; failed: number } & Record<Check, [pages: number, findings: number]>;
const table: Record<string, Row> = {};
const shown = new Map<Check, number>();
const progress = process.stderr.isTTY;

for (const dir of corpora) {
  const name = path.basename(dir);
  if (only && name !== only) continue;
  const truth = JSON.parse(readFileSync(path.join(dir, 'truth.json'), 'utf8')) as Record<string, { url?: string }>;
  const row = { pages: 0, converted: 0, failed: 0, ...Object.fromEntries(CHECKS.map((c) => [c, [0, 0]])) } as Row;
  table[name] = row;
  const ids = Object.keys(truth);
  for (const [n, id] of ids.entries()) {
    if (progress) process.stderr.write(`\r${name} ${n + 1}/${ids.length}`);
    const file = pageFile(dir, id);
    if (!file) continue;
    row.pages++;
    let bytes = readFileSync(file);
    if (file.endsWith('.gz')) bytes = gunzipSync(bytes);
    const url = truth[id]?.url;
    let article: Article;
    try {
      article = convertPage({ input: file, bytes, url: url ? new URL(url) : undefined, headers: {} }, FIXED_NOW);
    } catch {
      // A refusal (E_NO_CONTENT, E_NOT_HTML) writes nothing: there is nothing to check.
      row.failed++;
      continue;
    }
    row.converted++;
    const findings = checkOutputs(article, render(article, 'md'), render(article, 'json'));
    const seen = new Set<Check>();
    for (const f of findings) {
      row[f.check][1]++;
      if (!seen.has(f.check)) row[f.check][0]++;
      seen.add(f.check);
      const k = shown.get(f.check) ?? 0;
      if (k < examples) {
        shown.set(f.check, k + 1);
        console.log(`${f.check}\t${name}/${id}\t${f.detail}`);
      }
    }
  }
  if (progress) process.stderr.write('\n');
}

if (json) {
  console.log(JSON.stringify(table, null, 2));
} else {
  const header = ['corpus', 'pages', 'converted', ...CHECKS];
  console.log(`\n| ${header.join(' | ')} |\n|${header.map(() => ' --- ').join('|')}|`);
  const total = Object.fromEntries(CHECKS.map((c) => [c, [0, 0]])) as Record<Check, [number, number]>;
  let pages = 0;
  let converted = 0;
  for (const [name, row] of Object.entries(table)) {
    pages += row.pages;
    converted += row.converted;
    for (const c of CHECKS) {
      total[c][0] += row[c][0];
      total[c][1] += row[c][1];
    }
    console.log(`| ${[name, row.pages, row.converted, ...CHECKS.map((c) => `${row[c][0]} (${row[c][1]})`)].join(' | ')} |`);
  }
  console.log(`| ${['all', pages, converted, ...CHECKS.map((c) => `${total[c][0]} (${total[c][1]})`)].join(' | ')} |`);
  console.log('\nEach check: pages with at least one finding (findings in all). Pages not converted (refused) have nothing to check.');
}
