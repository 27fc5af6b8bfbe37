/**
 * The CLI bundle runs with a V8 code cache made at build time (src/code-cache.ts). V8 checks a
 * cache against the source's length only, so a cache must never be used for a bundle it was not
 * made from: the code run would be the old code.
 */
import { readFile, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cacheFileOf, loadBundle } from '../src/code-cache.js';
import { tempDir } from './support/tmp.js';

/** A CommonJS bundle whose export says which build it is; every build is the same length. */
const bundleSource = (build: string) =>
  `"use strict";\nconst path = require('node:path');\nmodule.exports = { build: ${JSON.stringify(build)}, dir: path.basename(__dirname), file: path.basename(__filename) };\n`;

/** A bundle of build 'one' in a folder of its own. */
async function newBundle(): Promise<string> {
  const bundle = path.join(await tempDir('code-cache'), 'cli.bundle.cjs');
  await writeFile(bundle, bundleSource('one'));
  return bundle;
}

describe('loadBundle', () => {
  it('runs a bundle as CommonJS, and with its cache once one is written', async () => {
    const bundle = await newBundle();
    const first = loadBundle<{ build: string; file: string }>(bundle);
    expect(first.cached).toBe(false);
    expect(first.exports).toMatchObject({ build: 'one', file: 'cli.bundle.cjs', dir: path.basename(path.dirname(bundle)) });
    await first.writeCache();
    const second = loadBundle<{ build: string }>(bundle);
    expect(second.cached).toBe(true);
    expect(second.exports.build).toBe('one');
  });

  it('does not use the cache of another build of the same length', async () => {
    const bundle = await newBundle();
    await loadBundle(bundle).writeCache();
    await writeFile(bundle, bundleSource('two'));
    // A later build has a later mtime; set apart here, as two writes in one test can get the same one.
    await utimes(bundle, new Date(), new Date(Date.now() + 5000));
    const rebuilt = loadBundle<{ build: string }>(bundle);
    expect(rebuilt.cached).toBe(false);
    expect(rebuilt.exports.build).toBe('two');
  });

  it('ignores a cache that is not one', async () => {
    const bundle = await newBundle();
    await writeFile(cacheFileOf(bundle), 'not a cache');
    const loaded = loadBundle<{ build: string }>(bundle);
    expect(loaded.cached).toBe(false);
    expect(loaded.exports.build).toBe('one');
    expect(await readFile(cacheFileOf(bundle), 'utf8')).toBe('not a cache');
  });
});
