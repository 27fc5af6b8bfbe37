import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // jsdom parses are CPU-bound; two cores here, so more forks only thrash.
    pool: 'forks',
    testTimeout: 30_000,
    setupFiles: ['test/support/setup.ts'],
  },
});
