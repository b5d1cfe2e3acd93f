import { defineConfig } from 'vitest/config';

// Browser tests drive one Chromium against the built site; on a 2-core machine
// running files one at a time is both faster and less flaky. Tests a file marks
// concurrent (the Run-all reproductions) run two at a time, one per core.
export default defineConfig({
  test: {
    root: new URL('../..', import.meta.url).pathname,
    include: ['tests/browser/**/*.test.ts'],
    fileParallelism: false,
    maxConcurrency: 2,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
