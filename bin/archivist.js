#!/usr/bin/env node
// The bundled CLI (scripts/bundle.mjs): one file to load instead of a thousand, for start-up time.
import { main } from '../dist/cli.bundle.mjs';
// A reader that stops early (`archivist convert x | head -c1`) closes the pipe: stop quietly, as cat does, not with a stack trace.
for (const stream of [process.stdout, process.stderr]) stream.on('error', (err) => {
    if (err.code !== 'EPIPE') throw err;
    process.exit();
  });
process.exitCode = await main(process.argv.slice(2));
