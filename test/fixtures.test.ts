/**
 * The golden test: every folder under fixtures/ is one test, checked by the same code as
 * `archivist check fixtures/`. `npm run test:update` rewrites the expected files; review the diff.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoverCases } from '../src/check/case.js';
import { caseText } from '../src/check/reporters/text.js';
import { runCase } from '../src/check/run.js';

const FIXTURES = path.join(import.meta.dirname, '..', 'fixtures');
/** The cases the project ships, at least: fewer means a fixture folder went missing. */
const MIN_CASES = 12;
const update = process.env.ARCHIVIST_UPDATE === '1';
const cases = await discoverCases(FIXTURES);

describe('golden fixtures (same code path as `archivist check fixtures/`)', () => {
  it(`has at least ${MIN_CASES} cases`, () => {
    expect(cases.length).toBeGreaterThanOrEqual(MIN_CASES);
  });

  for (const c of cases) {
    it(c.name, async () => {
      const result = await runCase(c, { update, updateHint: () => 'npm run test:update' });
      // The text report's block for this case is the failure message: the diff shows in vitest's output.
      if (result.status === 'fail') expect.fail(`\n${caseText(result)}`);
      expect(result.failures).toEqual([]);
    });
  }
});
