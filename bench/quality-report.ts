/** Per-half summaries of page results and their text and JSON reports. */
import { aggregate, snippetF1 } from '../test/support/score.js';
import { countFields, type CorpusKind, type FieldCounts, type PageResult } from './quality-corpora.js';
import type { Half } from './split.js';

const HALVES: readonly (Half | 'all')[] = ['tune', 'check', 'all'];
const inHalf = (pages: readonly PageResult[], h: Half | 'all') => (h === 'all' ? pages : pages.filter((p) => p.half === h));
const mean = (xs: readonly number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
const round = (x: number) => Math.round(x * 10000) / 10000;

/** The corpus's own body metrics over some pages (name → value, in print order). */
function bodyMetrics(kind: CorpusKind, pages: readonly PageResult[]): Record<string, number> {
  const m: Record<string, number> = { pages: pages.length, empty: pages.filter((p) => p.empty).length };
  const snippets = pages.flatMap((p) => (p.snippets ? [p.snippets] : []));
  const rates = () => {
    const sum = (k: keyof (typeof snippets)[number]) => snippets.reduce((a, s) => a + s[k], 0);
    m['with found'] = sum('withFound') / Math.max(1, sum('withFound') + sum('withMissed'));
    m['without found'] = sum('withoutFound') / Math.max(1, sum('withoutFound') + sum('withoutAbsent'));
  };
  if (kind === 'wcxb') {
    const w = pages.flatMap((p) => (p.words ? [p.words] : []));
    m['word F1'] = mean(w.map((x) => x.f1));
    m['word precision'] = mean(w.map((x) => x.precision));
    m['word recall'] = mean(w.map((x) => x.recall));
    rates();
  } else if (kind === 'tf') {
    const s = snippetF1(snippets);
    m['snippet F1'] = s.f1;
    m['snippet precision'] = s.precision;
    m['snippet recall'] = s.recall;
    rates();
  } else if (kind === 'news') {
    const s = aggregate(pages.flatMap((p) => (p.shingle ? [p.shingle] : [])));
    m['shingle F1'] = s.f1;
    m['shingle precision'] = s.precision;
    m['shingle recall'] = s.recall;
  }
  return m;
}

function byType(pages: readonly PageResult[]): Record<string, Record<string, { n: number; f1: number }>> {
  const types = [...new Set(pages.map((p) => p.pageType ?? 'unknown'))].sort();
  return Object.fromEntries(
    types.map((t) => [
      t,
      Object.fromEntries(
        HALVES.map((h) => {
          const ps = inHalf(pages, h).filter((p) => p.pageType === t && p.words);
          return [h, { n: ps.length, f1: round(mean(ps.map((p) => p.words!.f1))) }];
        }),
      ),
    ]),
  );
}

export interface CorpusReport {
  kind: CorpusKind;
  pages: number;
  failed: number;
  slowest: { id: string; ms: number };
  mostCpu: { id: string; ms: number | null };
  halves: Record<string, Record<string, number>>;
  fields: Record<string, Record<string, FieldCounts>>;
  byType?: Record<string, Record<string, { n: number; f1: number }>>;
  worst: { id: string; half: Half; score: number; note?: string }[];
}

export function report(kind: CorpusKind, pages: readonly PageResult[]): CorpusReport {
  const ordered = [...pages].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const halves = Object.fromEntries(
    HALVES.map((h) => [h, Object.fromEntries(Object.entries(bodyMetrics(kind, inHalf(ordered, h))).map(([k, v]) => [k, round(v)]))]),
  );
  const fields = Object.fromEntries(HALVES.map((h) => [h, countFields(inHalf(ordered, h))]));
  const worst = [...ordered]
    .sort((a, b) => a.score - b.score || (a.id < b.id ? -1 : 1))
    .filter((p) => p.score < 1)
    .slice(0, 10)
    .map((p) => ({
      id: p.id,
      half: p.half,
      score: round(p.score),
      ...(p.pageType ? { note: p.pageType } : {}),
      ...(p.note ? { note: p.note } : {}),
      ...(p.error ? { note: p.error } : {}),
    }));
  const slow = ordered.reduce((a, p) => (p.ms > a.ms ? { id: p.id, ms: p.ms } : a), { id: '', ms: 0 });
  const cpu = ordered.reduce<{ id: string; ms: number | null }>((a, p) => (p.cpuMs !== null && p.cpuMs > (a.ms ?? -1) ? { id: p.id, ms: p.cpuMs } : a), {
    id: '',
    ms: null,
  });
  return {
    kind,
    pages: ordered.length,
    failed: ordered.filter((p) => p.error).length,
    slowest: { id: slow.id, ms: Math.round(slow.ms) },
    mostCpu: cpu,
    halves,
    fields,
    ...(kind === 'wcxb' ? { byType: byType(ordered) } : {}),
    worst,
  };
}

const num = (x: number) => (Number.isInteger(x) ? String(x).padStart(8) : x.toFixed(4).padStart(8));

export function printReport(name: string, r: CorpusReport, log: (s: string) => void): void {
  log(
    `\n== ${name}: ${r.pages} pages, ${r.failed} failed, slowest ${r.slowest.id} ${r.slowest.ms} ms wall, most CPU ${r.mostCpu.id} ${r.mostCpu.ms ?? '?'} ms`,
  );
  log(`${''.padEnd(22)}${HALVES.map((h) => h.padStart(8)).join('')}`);
  for (const k of Object.keys(r.halves.all!)) log(`${k.padEnd(22)}${HALVES.map((h) => num(r.halves[h]![k]!)).join('')}`);
  if (r.byType) {
    log(`word F1 by page type${HALVES.map((h) => h.padStart(13)).join('')}`);
    for (const [t, v] of Object.entries(r.byType))
      log(`  ${t.padEnd(20)}${HALVES.map((h) => `${v[h]!.f1.toFixed(4)} (${String(v[h]!.n).padStart(3)})`.padStart(13)).join('')}`);
  }
  const fieldNames = Object.keys(r.fields.all!);
  if (fieldNames.length) {
    log(`fields: accuracy right/wrong/missing +extra =none, precision, wrong-value share   [tune | check]`);
    for (const f of fieldNames) {
      const cell = (h: Half) => {
        const c = r.fields[h]![f];
        if (!c) return '-'.padEnd(48);
        return `${c.accuracy.toFixed(3)} ${c.right}/${c.wrong}/${c.missing} +${c.extra} =${c.none} p${c.precision.toFixed(3)} w${c.wrongShare.toFixed(3)}`.padEnd(
          48,
        );
      };
      log(`  ${f.padEnd(11)} ${cell('tune')}| ${cell('check')}`);
    }
  }
  if (r.worst.length) {
    log('worst pages (score half id):');
    for (const w of r.worst) log(`  ${w.score.toFixed(3)} ${w.half.padEnd(5)} ${w.id}${w.note ? `  ${w.note}` : ''}`);
  }
}
