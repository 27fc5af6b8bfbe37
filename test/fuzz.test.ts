/**
 * Property test: whatever bytes come in — random HTML, raw bytes, fixture pages cut and mutated —
 * convertPage returns a schema-valid Article or throws an ArchivistError with a documented code,
 * and finishes. The benchmark (npm run bench:fuzz) runs the same generators over 10,000+ inputs
 * with a per-input time limit; this keeps a fixed-seed sample in every test run.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fuzzInput, loadSeeds, runOne } from './support/fuzz-inputs.js';

/** Fixture pages are cut to this window so a few hundred conversions take seconds, not minutes. */
const SEED_WINDOW_BYTES = 16 * 1024;
/** Fixed, so a run is repeatable; the benchmark varies it. */
const SEED = 20261125;

describe('fuzz: hostile and random input', () => {
  it('never crashes, always validates or fails with a documented code', { timeout: 300_000 }, () => {
    const seeds = loadSeeds();
    const kinds = new Map<string, number>();
    fc.assert(
      fc.property(fuzzInput(seeds, SEED_WINDOW_BYTES), (bytes) => {
        const r = runOne(bytes);
        const key = r.kind === 'error' ? r.code : r.kind;
        kinds.set(key, (kinds.get(key) ?? 0) + 1);
        expect(r.kind === 'crash' || r.kind === 'schema' ? `${r.kind}: ${r.message}` : 'fine').toBe('fine');
      }),
      { numRuns: 300, seed: SEED },
    );
    // The generators must reach both outcomes, or the property proves little.
    expect(kinds.get('ok')).toBeGreaterThan(0);
    expect([...kinds.keys()].some((k) => k.startsWith('E_'))).toBe(true);
  });
});
