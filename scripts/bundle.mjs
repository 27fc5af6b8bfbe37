/**
 * Bundles the CLI (dist/cli.js and everything it imports, jsdom included) into
 * dist/cli.bundle.mjs and a few dist/chunk-*.bundle.mjs, which bin/archivist.js loads. Node 20 has no compile cache, and
 * resolving, reading and wrapping the ~1,000 CommonJS files of jsdom and its dependencies
 * one by one was a fifth of `archivist convert`'s start-up: 0.64–0.69 s unbundled, 0.51–0.54 s
 * bundled, for one small page. Archive's worker threads still load dist/batch/worker.js.
 *
 * jsdom finds two files next to its own modules at run time; in a bundle there is no "next to",
 * so those two references are rewritten to resolve through the installed package (jsdom has no
 * "exports" map, so its deep paths resolve). The build fails if a rewrite no longer matches.
 */
import { readFile, readdir, rm } from 'node:fs/promises';
import { build } from 'esbuild';

/** [file pattern, text jsdom has, text the bundle gets] */
const JSDOM_REWRITES = [
  [/jsdom[\\/]lib[\\/]jsdom[\\/]living[\\/]helpers[\\/]style-rules\.js$/, 'path.resolve(__dirname, "../../browser/default-stylesheet.css")', 'require.resolve("jsdom/lib/jsdom/browser/default-stylesheet.css")'],
  [/jsdom[\\/]lib[\\/]jsdom[\\/]living[\\/]xhr[\\/]XMLHttpRequest-impl\.js$/, 'require.resolve("./xhr-sync-worker.js")', 'require.resolve("jsdom/lib/jsdom/living/xhr/xhr-sync-worker.js")'],
];

const jsdomFiles = {
  name: 'jsdom-files',
  setup(b) {
    for (const [filter, from, to] of JSDOM_REWRITES) {
      b.onLoad({ filter }, async (args) => {
        const source = await readFile(args.path, 'utf8');
        if (!source.includes(from)) throw new Error(`scripts/bundle.mjs: ${args.path} no longer contains ${from}; update JSDOM_REWRITES`);
        return { contents: source.replace(from, to), loader: 'js' };
      });
    }
  },
};

// Chunk names carry a content hash: clear the previous build's, or dist/ collects them.
for (const f of await readdir('dist')) if (f.endsWith('.bundle.mjs')) await rm(`dist/${f}`);

await build({
  entryPoints: ['dist/cli.js'],
  // Split at the CLI's dynamic imports, so `--version` or `--help` loads the small entry chunk and
  // each command loads only what it uses. Chunks sit in dist/ itself: code that finds files relative
  // to its own module (version.ts, pool.ts) sees the same folder as unbundled.
  outdir: 'dist',
  entryNames: '[name].bundle',
  chunkNames: 'chunk-[hash].bundle',
  outExtension: { '.js': '.mjs' },
  splitting: true,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // Optional native add-ons jsdom and ws try to load inside try/catch; absent, they are skipped.
  external: ['canvas', 'bufferutil', 'utf-8-validate'],
  // CommonJS modules in an ES module bundle still call require() (and require.resolve).
  banner: { js: "import { createRequire as __archivistRequire } from 'node:module'; const require = __archivistRequire(import.meta.url);" },
  plugins: [jsdomFiles],
  legalComments: 'none',
  logLevel: 'warning',
});
