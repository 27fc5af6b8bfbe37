/**
 * How reliable each source of metadata evidence is, per corpus and tune/check half: for every
 * source (JSON-LD, microdata, rel=author, meta tags, author and date elements, <time>, the
 * address, the headline element, <title>), how many pages it gave a value on and how many of
 * those values were right. metadata.ts ranks its sources by these figures (tune halves).
 *   npm run bench:sources -- [corpus-folder] [--only NAME[,NAME]]
 * Reads the corpora of bench:quality that have metadata truth: tf-dev, wcxb-dev (article pages), dates-dev.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { findDate } from '../src/extract/dates.js';
import { collectEvidence, type Evidence } from '../src/extract/evidence.js';
import { readJsonLd } from '../src/extract/jsonld.js';
import { normalizeLanguage } from '../src/extract/language.js';
import { namesFrom } from '../src/extract/names.js';
import { monthFirstLanguage } from '../src/extract/published.js';
import { decodeEntities } from '../src/extract/title.js';
import { decode } from '../src/load/decode.js';
import { read } from '../src/parse/index.js';
import { judgeAuthors, judgeDate, judgeTitle, type Verdict } from '../test/support/score.js';
import { halfOf, type Half } from './split.js';

const args = process.argv.slice(2);
const onlyIdx = args.indexOf('--only');
const only = onlyIdx >= 0 ? new Set((args[onlyIdx + 1] ?? '').split(',')) : null;
const root = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--only') ?? '../shared/corpus';
const CORPORA = ['tf-dev', 'wcxb-dev', 'dates-dev'];

interface Truth {
  url?: string;
  page_type?: string;
  title?: string | null;
  author?: string | null;
  date?: string | null;
}

/** given / right per field, source and half. */
const tally = new Map<string, { given: number; right: number }>();
const count = (key: string, v: Verdict) => {
  if (v === 'none' || v === 'missing') return;
  const t = tally.get(key) ?? { given: 0, right: 0 };
  t.given++;
  if (v === 'right') t.right++;
  tally.set(key, t);
};

/** The first value of each source, as metadata.ts would read it. */
function bySource<S extends string>(list: Evidence<S>[]): Map<S, string[]> {
  const out = new Map<S, string[]>();
  for (const e of list) out.set(e.source, [...(out.get(e.source) ?? []), e.value]);
  return out;
}

for (const name of CORPORA) {
  const dir = path.join(root, name);
  if (only && !only.has(name)) continue;
  if (!existsSync(path.join(dir, 'truth.json'))) {
    console.log(`bench:sources: no ${name} at ${dir}; skipped`);
    continue;
  }
  const truth = JSON.parse(readFileSync(path.join(dir, 'truth.json'), 'utf8')) as Record<string, Truth>;
  for (const [id, t] of Object.entries(truth)) {
    if (t.page_type !== undefined && t.page_type !== 'article') continue;
    const file = [`html/${id}.html.gz`, `html/${id}.html`].map((f) => path.join(dir, f)).find(existsSync);
    if (!file) continue;
    let bytes: Uint8Array = readFileSync(file);
    if (file.endsWith('.gz')) bytes = gunzipSync(bytes);
    const url = t.url ? new URL(t.url) : undefined;
    const half: Half = halfOf(id);
    let parsed: ReturnType<typeof read>;
    try {
      parsed = read(decode({ input: file, bytes, url, headers: {} }));
    } catch {
      continue;
    }
    try {
      const doc = parsed.document;
      const ev = collectEvidence(doc, readJsonLd(doc), url);
      const language = normalizeLanguage(doc.documentElement.getAttribute('lang'));
      if (t.title !== undefined)
        for (const [src, values] of bySource(ev.titles)) count(`${name}|title|${src}|${half}`, judgeTitle(decodeEntities(values[0]!), t.title));
      if (t.author !== undefined) {
        for (const [src, values] of bySource(ev.authors)) {
          const names = values.flatMap((v) => namesFrom(v, { siteNames: [], host: url?.host })).map((n) => n.name);
          if (names.length) count(`${name}|authors|${src}|${half}`, judgeAuthors([...new Set(names)], t.author));
        }
      }
      if (t.date !== undefined) {
        for (const [src, values] of bySource(ev.dates)) {
          const d = values.map((v) => findDate(v, null, monthFirstLanguage(language))).find((x) => x !== null);
          if (d) count(`${name}|date|${src}|${half}`, judgeDate(d.iso, t.date));
        }
      }
    } finally {
      parsed.close();
    }
  }
}

const rows = [...tally.keys()].map((k) => k.split('|').slice(0, 3).join('|'));
console.log('corpus     field    source               tune right/given      check right/given');
for (const key of [...new Set(rows)].sort()) {
  const [corpus, field, source] = key.split('|');
  const cell = (half: Half) => {
    const t = tally.get(`${key}|${half}`);
    return t ? `${(t.right / t.given).toFixed(3)} ${String(t.right).padStart(4)}/${String(t.given).padEnd(4)}` : '-'.padEnd(15);
  };
  console.log(`${corpus!.padEnd(10)} ${field!.padEnd(8)} ${source!.padEnd(20)} ${cell('tune').padEnd(21)} ${cell('check')}`);
}
