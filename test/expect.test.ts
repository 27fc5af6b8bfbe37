/**
 * Partial expectations (fixtures/<case>/expect.json) for the metadata and attribution fields:
 * the fields named must match exactly; `contains`/`absent` are checked against the body text
 * and Markdown. The full golden files (expected.md/json) are the golden runner's.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertPage } from '../src/pipeline.js';

const ROOT = path.resolve(import.meta.dirname, '../fixtures');
const cases = existsSync(ROOT) ? readdirSync(ROOT).filter((d) => existsSync(path.join(ROOT, d, 'expect.json'))) : [];
const FIELDS = ['title', 'published', 'modified', 'authors', 'editors', 'source', 'site', 'section', 'disclaimer', 'language'] as const;

describe.each(cases)('fixture %s', (name) => {
  const dir = path.join(ROOT, name);
  const want = JSON.parse(readFileSync(path.join(dir, 'expect.json'), 'utf8')) as Record<string, unknown> & { contains?: string[]; absent?: string[] };
  const c = JSON.parse(readFileSync(path.join(dir, 'case.json'), 'utf8')) as { url?: string };
  const article = convertPage({ input: name, bytes: readFileSync(path.join(dir, 'input.html')), url: c.url ? new URL(c.url) : undefined, headers: {} }, () => new Date(0));

  for (const field of FIELDS) {
    if (!(field in want)) continue;
    it(field, () => {
      if (field === 'site' && want.site && typeof want.site === 'object') expect(article.site).toMatchObject(want.site as object);
      else expect(article[field]).toEqual(want[field]);
    });
  }
  it('body holds what it should and none of what was lifted', () => {
    const body = `${article.text}\n${article.markdown}`;
    for (const s of want.contains ?? []) expect(body).toContain(s);
    for (const s of want.absent ?? []) expect(body).not.toContain(s);
  });
});
