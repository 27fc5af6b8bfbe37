/**
 * Where a body went wrong, page by page: the extracted text's head and tail next to the truth's.
 *   npx tsx bench/inspect.ts <corpus-folder> [id ...] [--all] [--below X] [--type T]
 * Without ids, prints pages whose score (the corpus's own, see quality-corpora.ts) is under
 * --below (default 0.9); tf-dev pages list the snippets missed and the boilerplate kept.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { convertPage } from '../src/pipeline.js';
import type { Article } from '../src/schema.js';
import { kindOf, scoreArticle, type Truth } from './quality-corpora.js';
import { foldSpace } from '../test/support/score.js';

const args = process.argv.slice(2);
const flag = (f: string) => {
  const i = args.indexOf(f);
  return i >= 0 ? args[i + 1] : undefined;
};
const all = args.includes('--all');
const below = Number(flag('--below') ?? 0.9);
const type = flag('--type');
const [dir, ...ids] = args.filter((a, i) => !a.startsWith('--') && !['--below', '--type'].includes(args[i - 1] ?? ''));
if (!dir) throw new Error('usage: inspect <corpus-folder> [id ...]');
const truth = JSON.parse(readFileSync(path.join(dir, 'truth.json'), 'utf8')) as Record<string, Truth>;
const kind = kindOf(truth)!;
const HEAD = 160;
const flat = (s: string) => s.replace(/\n+/g, ' ¶ ');
for (const [id, t] of Object.entries(truth)) {
  if (ids.length && !ids.includes(id)) continue;
  if (type && t.page_type !== type) continue;
  const file = [`html/${id}.html.gz`, `html/${id}.html`, `${id}.html`].map((f) => path.join(dir, f)).find((f) => existsSync(f));
  if (!file) continue;
  let bytes = readFileSync(file);
  if (file.endsWith('.gz')) bytes = gunzipSync(bytes);
  let article: Article | null = null;
  let error = '';
  const t0 = performance.now();
  try {
    article = convertPage({ input: file, bytes, url: t.url ? new URL(t.url) : undefined, headers: {} }, () => new Date(0));
  } catch (err) {
    error = `!! ${(err as Error).message}`;
  }
  const ms = Math.round(performance.now() - t0);
  const s = scoreArticle(kind, t, article);
  if (!all && !ids.length && s.score >= below) continue;
  const text = article?.text ?? error;
  const extra = s.words ? ` P ${s.words.precision.toFixed(3)} R ${s.words.recall.toFixed(3)}` : '';
  console.log(`\n## ${id} ${t.page_type ?? ''} score ${s.score.toFixed(3)}${extra} ${ms} ms ${t.url ?? ''}`);
  for (const [f, v] of Object.entries(s.fields)) if (v !== 'right' && v !== 'none') console.log(`  ${f}: ${v}`);
  if (t.body !== undefined) console.log(`  want: ${flat(t.body).slice(0, HEAD)} … ${flat(t.body).slice(-HEAD)}`);
  if (t.body_first !== undefined) console.log(`  want: ${t.body_first} … ${t.body_last}`);
  console.log(`  got:  ${flat(text).slice(0, HEAD)} … ${flat(text).slice(-HEAD)}`);
  const folded = foldSpace(text);
  for (const w of t.with ?? []) if (!folded.includes(foldSpace(w))) console.log(`  missed: ${w.slice(0, 100)}`);
  for (const w of t.without ?? []) if (folded.includes(foldSpace(w))) console.log(`  kept:   ${w.slice(0, 100)}`);
}
