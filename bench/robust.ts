/**
 * Robustness over real pages: `npm run bench:robust -- [corpus-folder] [--json]`.
 * Every page of every corpus (default ../shared/corpus) is read as `archive` reads a page file
 * (readFilePage: gunzip, binary sniffing) and converted. Counted: failures by error code (on real
 * pages every failure is a wrong refusal), and mojibake in the output — UTF-8 read as
 * windows-1252 ('Ã¼', 'â€'), C1 control characters, U+FFFD dropped by the decoder (the Article's
 * warning), UTF-8 read as GBK ('锟斤拷') — and, for pages that are not valid UTF-8, how many
 * valid multi-byte characters there are per stray sequence (what MIN_UTF8_PER_STRAY in
 * src/load/decode.ts is set from). Each page is reported with its tune/check half.
 * Exit 1 when any page failed or shows mojibake. Skips cleanly when the folder is absent.
 */
import { isUtf8 } from 'node:buffer';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { ArchivistError } from '../src/errors.js';
import { utf8Stats } from '../src/load/decode.js';
import { readFilePage } from '../src/load/file.js';
import { convertPage } from '../src/pipeline.js';
import { halfOf } from './split.js';

const args = process.argv.slice(2);
const json = args.includes('--json');
const root = args.find((a) => !a.startsWith('--')) ?? '../shared/corpus';
if (!existsSync(root)) {
  console.log(`bench:robust: no corpus at ${root}; skipped`);
  process.exit(0);
}

/** Text that only mis-decoding produces: each is a UTF-8 sequence read in the wrong charset. */
const MOJIBAKE: { name: string; re: RegExp }[] = [
  { name: 'utf8-as-1252 letter (Ã¼, Ã©)', re: /Ã[\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u2122]/g },
  { name: 'utf8-as-1252 punctuation (â€)', re: /â€[\u0080-\u00ff\u2018-\u201e\u2020-\u2122]?/g },
  { name: 'C1 control', re: /[\u0080-\u009f]/g },
  { name: 'utf8-as-gbk (锟斤拷)', re: /锟斤拷/g },
];

const corpora = existsSync(path.join(root, 'truth.json'))
  ? [root]
  : readdirSync(root)
      .map((d) => path.join(root, d))
      .filter((d) => statSync(d).isDirectory() && existsSync(path.join(d, 'truth.json')));

function pageFiles(dir: string): { id: string; file: string }[] {
  const sub = existsSync(path.join(dir, 'html')) ? path.join(dir, 'html') : dir;
  return readdirSync(sub)
    .filter((f) => /\.html?(\.gz)?$/i.test(f))
    .sort()
    .map((f) => ({ id: f.replace(/\.html?(\.gz)?$/i, ''), file: path.join(sub, f) }));
}

const NOW = () => new Date('2026-01-01T00:00:00Z');
interface Row {
  corpus: string;
  id: string;
  half: string;
  code: string | null;
  message?: string;
  mojibake: Record<string, number>;
  replaced: number;
  charset?: string;
  /** Pages that are not valid UTF-8: valid multi-byte characters per stray sequence. */
  utf8?: { multibyte: number; stray: number };
}

const rows: Row[] = [];
let done = 0;
const total = corpora.reduce((n, c) => n + pageFiles(c).length, 0);
for (const dir of corpora) {
  const corpus = path.basename(dir);
  const truth = JSON.parse(readFileSync(path.join(dir, 'truth.json'), 'utf8')) as Record<string, { url?: string }>;
  for (const { id, file } of pageFiles(dir)) {
    const row: Row = { corpus, id, half: halfOf(id), code: null, mojibake: {}, replaced: 0 };
    const raw = readFileSync(file);
    const bytes = file.endsWith('.gz') ? gunzipSync(raw) : raw;
    if (!isUtf8(bytes)) row.utf8 = utf8Stats(bytes);
    try {
      const url = truth[id]?.url;
      const page = await readFilePage(file, url ? new URL(url) : undefined);
      const a = convertPage(page, NOW);
      row.charset = a.provenance.charset;
      const text = `${a.title ?? ''}\n${a.markdown}`;
      for (const m of MOJIBAKE) {
        const n = text.match(m.re)?.length ?? 0;
        if (n) row.mojibake[m.name] = n;
      }
      const w = a.warnings.find((x) => x.includes('(U+FFFD)'));
      row.replaced = w ? Number(/^(\d+)/.exec(w)?.[1] ?? 0) : 0;
    } catch (err) {
      row.code = err instanceof ArchivistError ? err.code : 'CRASH';
      row.message = (err as Error).message;
    }
    rows.push(row);
    done++;
    if (process.stderr.isTTY && done % 50 === 0) process.stderr.write(`\r  ${done}/${total}`);
  }
}
if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');

const failed = rows.filter((r) => r.code);
const moji = rows.filter((r) => Object.keys(r.mojibake).length > 0);
if (json) {
  console.log(JSON.stringify({ pages: rows.length, failed, mojibake: moji, notUtf8: rows.filter((r) => r.utf8) }, null, 2));
} else {
  console.log(`bench:robust: ${rows.length} pages from ${corpora.map((c) => path.basename(c)).join(', ')}`);
  console.log('\ncorpus       pages  failed  mojibake pages  U+FFFD dropped (pages / chars)');
  for (const c of corpora.map((d) => path.basename(d))) {
    const rs = rows.filter((r) => r.corpus === c);
    const rep = rs.filter((r) => r.replaced > 0);
    console.log(
      `${c.padEnd(12)} ${String(rs.length).padStart(5)}  ${String(rs.filter((r) => r.code).length).padStart(6)}  ${String(rs.filter((r) => Object.keys(r.mojibake).length).length).padStart(14)}  ${rep.length} / ${rep.reduce((n, r) => n + r.replaced, 0)}`,
    );
  }
  const byCode = new Map<string, number>();
  for (const r of failed) byCode.set(r.code!, (byCode.get(r.code!) ?? 0) + 1);
  console.log(`\nfailures by code: ${byCode.size ? [...byCode].map(([k, v]) => `${k} ${v}`).join(', ') : 'none'}`);
  for (const r of failed) console.log(`  ${r.corpus}/${r.id} (${r.half}): ${r.code} ${r.message}`);
  console.log(`mojibake: ${moji.length ? '' : 'none'}`);
  for (const r of moji) console.log(`  ${r.corpus}/${r.id} (${r.half}, ${r.charset}): ${JSON.stringify(r.mojibake)}`);
  const odd = rows.filter((r) => r.utf8);
  console.log(`\npages that are not valid UTF-8: ${odd.length}; valid multi-byte characters per stray sequence, and the charset read:`);
  for (const r of odd) {
    const ratio = r.utf8!.stray > 0 ? (r.utf8!.multibyte / r.utf8!.stray).toFixed(2) : '∞';
    console.log(`  ${r.corpus}/${r.id} (${r.half}): ${r.utf8!.multibyte} / ${r.utf8!.stray} = ${ratio} → ${r.charset ?? r.code}`);
  }
}
process.exit(failed.length || moji.length ? 1 : 0);
