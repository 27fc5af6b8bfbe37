/**
 * Bundles the CLI (dist/cli.js and everything it imports, jsdom included) into one CommonJS file,
 * dist/cli.bundle.cjs, which bin/archivist.js loads, and then makes its V8 code cache. Node 20
 * has no compile cache, and resolving, reading and wrapping the ~1,000 CommonJS files of jsdom and
 * its dependencies one by one was a fifth of `archivist convert`'s start-up: 0.64–0.69 s
 * unbundled, 0.51–0.54 s bundled, for one small page. Compiling them was most of the rest: with
 * the code cache (src/code-cache.ts) it is 0.37–0.42 s. CommonJS, because V8 caches a script and
 * Node 20 cannot hand an ES module its cache. Archive's worker threads still load
 * dist/batch/worker.js.
 *
 * The cache is made by converting two fixture pages in a fresh Node, so it holds the code a
 * conversion runs. The build fails if that conversion fails.

 *
 * jsdom stays outside the bundle, loaded from node_modules as it is published: it finds files next
 * to its own modules at run time (its default stylesheet, its XHR worker), which a bundle has no
 * "next to" for, and reaching into its files to redirect them breaks on its next release.
 */
import { execFileSync } from 'node:child_process';
import { readdir, rm } from 'node:fs/promises';
import { build } from 'esbuild';

// Earlier builds' files: split ES module chunks, and the cache of a bundle that is about to change.
for (const f of await readdir('dist')) if (/\.bundle\.(mjs|cjs|cjs\.cache)$/.test(f)) await rm(`dist/${f}`);

await build({
  entryPoints: ['dist/cli.js'],
  // In dist/ itself: code that finds files relative to its own module (version.ts, pool.ts) sees the same folder as unbundled.
  outfile: 'dist/cli.bundle.cjs',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // jsdom as published (see above); optional native add-ons ws tries to load inside try/catch, absent, are skipped.
  // playwright-core (--render only) stays a package of its own, loaded from node_modules on first use: bundled, its
  // 14 MB would be read and compiled on every start.
  external: ['jsdom', 'canvas', 'bufferutil', 'utf-8-validate', 'playwright-core'],
  // ES modules (ours, parse5) find files from import.meta.url; in one CommonJS file that is the bundle's own address.
  define: { 'import.meta.url': '__archivistModuleUrl' },
  // Strict from the first line, as the ES modules it is made of are (esbuild's own "use strict" comes after the banner, too late to count).
  banner: { js: "'use strict';\nconst __archivistModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
  legalComments: 'none',
  logLevel: 'error',
});

// The code cache, from a fresh Node that converts two fixture pages as `archivist convert` would (output discarded).
const WARM_UP = `
  import { loadBundle } from './dist/code-cache.js';
  const bundle = loadBundle(process.cwd() + '/dist/cli.bundle.cjs');
  const sink = { write: () => true, isTTY: false };
  const io = { stdin: process.stdin, stdout: sink, stderr: process.stderr };
  const runs = [
    ['convert', 'fixtures/zh-gov--gbk-portal/input.html', '--url', 'http://www.example.gov.cn/zt/2024/0713/c1.html'],
    ['convert', 'fixtures/en-news--jsonld/input.html', '--url', 'https://news.example.com/a.html', '-f', 'json'],
  ];
  for (const argv of runs) {
    const code = await bundle.exports.main(argv, io);
    if (code !== 0) throw new Error('scripts/bundle.mjs: warming the code cache, archivist ' + argv.join(' ') + ' exited ' + code);
  }
  await bundle.writeCache();
`;
execFileSync(process.execPath, ['--input-type=module', '-e', WARM_UP], { stdio: 'inherit' });
