// Preloaded (node -r) by test/render-cli.test.ts: on exit, says how many playwright-core modules the run loaded.
process.on('exit', () => {
  const loaded = Object.keys(require.cache).filter((f) => f.includes(`${require('node:path').sep}playwright-core${require('node:path').sep}`));
  process.stderr.write(`playwright-core modules loaded: ${loaded.length}\n`);
});
