/**
 * Where a body went wrong, page by page: the extracted text's head and tail next to the truth's.
 *   npx tsx bench/inspect.ts <corpus-folder> [id ...] [--all]
 * Without ids, prints only pages whose start or end misses (or whose F1 is under 0.9 for en-news).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { convertPage } from '../src/pipeline.js';
import { endsRight, scorePage, startsRight } from '../test/support/score.js';

const args = process.argv.slice(2);
const all = args.includes('--all');
const [dir, ...ids] = args.filter((a) => !a.startsWith('--'));
if (!dir) throw new Error('usage: inspect <corpus-folder> [id ...]');
const truth = JSON.parse(readFileSync(path.join(dir, 'truth.json'), 'utf8')) as Record<string, { url?: string; body?: string; body_first?: string; body_last?: string; kind?: string }>;
const HEAD = 120;
for (const [id, t] of Object.entries(truth)) {
  if (ids.length && !ids.includes(id)) continue;
  const file = [`html/${id}.html.gz`, `html/${id}.html`, `${id}.html`].map((f) => path.join(dir, f)).find((f) => existsSync(f));
  if (!file) continue;
  let bytes = readFileSync(file);
  if (file.endsWith('.gz')) bytes = gunzipSync(bytes);
  let text = '';
  const t0 = performance.now();
  try {
    text = convertPage({ input: file, bytes, url: t.url ? new URL(t.url) : undefined, headers: {} }, () => new Date(0)).text;
  } catch (err) {
    text = `!! ${(err as Error).message}`;
  }
  const ms = Math.round(performance.now() - t0);
  const flat = text.replace(/\n+/g, ' ¶ ');
  if (t.body_first !== undefined) {
    const s = startsRight(text, t.body_first);
    const e = endsRight(text, t.body_last ?? '');
    if (!all && !ids.length && s && e) continue;
    console.log(`\n## ${id} start ${s ? 'ok' : 'MISS'} end ${e ? 'ok' : 'MISS'} ${ms} ms kind=${t.kind}`);
    if (!s) console.log(`  want start: ${t.body_first}\n  got  start: ${flat.slice(0, HEAD)}`);
    if (!e) console.log(`  want end:   ${t.body_last}\n  got  end:   ${flat.slice(-HEAD)}`);
  } else if (t.body !== undefined) {
    const sc = scorePage(t.body, text);
    if (!all && !ids.length && sc.f1 >= 0.9) continue;
    console.log(`\n## ${id} P ${sc.precision.toFixed(3)} R ${sc.recall.toFixed(3)} F1 ${sc.f1.toFixed(3)} ${ms} ms`);
    console.log(`  want: ${t.body.replace(/\n+/g, ' ¶ ').slice(0, HEAD)} … ${t.body.replace(/\n+/g, ' ¶ ').slice(-HEAD)}`);
    console.log(`  got:  ${flat.slice(0, HEAD)} … ${flat.slice(-HEAD)}`);
  }
}
