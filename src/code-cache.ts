/**
 * The CLI bundle, loaded with V8's code cache. Node 20 has no compile cache
 * (`module.enableCompileCache` is Node 22), so every `archivist convert` compiled the bundle's
 * code again: the top level of jsdom's thousand modules, and each function once more the first
 * time it ran. For one small page that was most of the start-up, which this cuts from 0.54 to
 * 0.37–0.42 s (medians of ten runs, at two moments of a shared machine).
 *
 * The cache is made at build time (scripts/bundle.mjs), after converting fixture pages, so it
 * holds the functions a conversion runs and not only the top level. V8 checks a cache against its
 * own version and flags, but checks the source by its length only: the bundle's size and mtime
 * and Node's version are written at the head of the cache and checked first, so a rebuilt bundle
 * never runs stale code. A cache that does not match is not used, and the bundle compiles as it
 * would without one: slower, never different. V8 flags count too: `node --max-old-space-size=…`
 * (or the same in NODE_OPTIONS) rejects the cache, and the whole bundle compiles, 0.66–0.91 s
 * for the small page where the split ES module bundle this replaced took 0.59–0.84 s.
 *
 * The bundle is CommonJS (see scripts/bundle.mjs): V8 can cache a script, and Node 20 gives no
 * way to hand it an ES module's cache.
 */
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';

export interface LoadedBundle<T> {
  /** What the bundle exports. */
  exports: T;
  /** Whether V8 took the cache (false: there was none, or it did not match). */
  cached: boolean;
  /** Writes the cache of the bundle's code as compiled so far: call it after running what start-up should find compiled. */
  writeCache(): Promise<void>;
}

/** Where a bundle's cache is kept: next to it. */
export const cacheFileOf = (bundle: string): string => `${bundle}.cache`;

/** What the cache must have been made for: this bundle file, this Node. */
function stampOf(bundle: string): string {
  const { size, mtimeMs } = statSync(bundle);
  return `archivist-code-cache ${size} ${mtimeMs} ${process.version}\n`;
}

/** The cached code for `bundle`, or undefined when there is none or it was made for another file or Node. */
function readCache(bundle: string, stamp: string): Buffer | undefined {
  let stored: Buffer;
  try {
    stored = readFileSync(cacheFileOf(bundle));
  } catch {
    return undefined;
  }
  const head = Buffer.from(stamp);
  return stored.subarray(0, head.length).equals(head) ? stored.subarray(head.length) : undefined;
}

/** Runs the CommonJS bundle at `bundle` (an absolute path) as Node would, with its code cache when it matches. */
export function loadBundle<T>(bundle: string): LoadedBundle<T> {
  const stamp = stampOf(bundle);
  const cachedData = readCache(bundle, stamp);
  // Node's own CommonJS wrapper, so the bundle sees what a required file sees.
  const source = `(function (exports, require, module, __filename, __dirname) { ${readFileSync(bundle, 'utf8')}\n})`;
  const script = new vm.Script(source, {
    filename: bundle,
    cachedData,
    // `import()` of a built-in or external module, as from any CommonJS file.
    importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  const module = { exports: {} as T };
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, createRequire(bundle), module, bundle, path.dirname(bundle));
  return {
    exports: module.exports,
    cached: cachedData !== undefined && !script.cachedDataRejected,
    async writeCache() {
      // Whole or not at all, so a reader never sees half a cache. Loaded here: only the build writes a cache, and start-up need not load it.
      const { writeAtomic } = await import('./output.js');
      await writeAtomic(cacheFileOf(bundle), Buffer.concat([Buffer.from(stamp), script.createCachedData()]));
    },
  };
}
