import { defineConfig } from 'vitest/config';

// Unit and cell tests run in Node against source files; browser tests have their
// own config (tests/browser/vitest.config.ts) because they need a built site.
export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/cells/**/*.test.ts'],
    testTimeout: 60_000,
  },
});
