#!/usr/bin/env node
import { fileURLToPath } from 'node:url';

// A reader that stops early (`archivist convert x | head -c1`, `archive list 2>&1 | grep -m1 E_`) closes the pipe.
// No stack trace, and no early exit either: the reader is gone, the work is not. Later writes to that stream are
// dropped, every input is still done, and the exit code says how they went.
for (const stream of [process.stdout, process.stderr])
  stream.on('error', (err) => {
    if (err.code !== 'EPIPE' && err.code !== 'ERR_STREAM_DESTROYED') throw err;
    stream.write = (_chunk, encoding, callback) => {
      (typeof encoding === 'function' ? encoding : callback)?.();
      return true;
    };
  });

const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  // The version alone needs no CLI: loading the bundle takes twice as long as the whole answer (test/cli.test.ts checks it says what `main` says).
  const { VERSION } = await import('../dist/version.js');
  process.stdout.write(`${VERSION}\n`);
} else {
  // The bundled CLI with its code cache (scripts/bundle.mjs, src/code-cache.ts): one file to load and little to compile, for start-up time.
  const { loadBundle } = await import('../dist/code-cache.js');
  const { main } = loadBundle(fileURLToPath(new URL('../dist/cli.bundle.cjs', import.meta.url))).exports;
  process.exitCode = await main(args);
}
