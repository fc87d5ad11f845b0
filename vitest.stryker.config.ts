import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

/**
 * The test setup of `npm run mutate` (stryker.config.mjs): the usual one, without the browser
 * tests and with a global setup that works inside Stryker's sandbox copy. MUTATE_TESTS (comma-
 * separated globs) narrows the tests for a quick run on one module, e.g.
 * `MUTATE_TESTS=domain/sign-in/*.test.ts npx stryker run --mutate domain/sign-in/lockout.ts`.
 */
const only = process.env.MUTATE_TESTS?.split(',').filter(Boolean);

// Spread rather than mergeConfig, which would append to the lists instead of replacing them.
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: only?.length ? only : base.test!.include,
    exclude: [...(base.test!.exclude ?? []), 'test/e2e/**', 'bench/**'],
    globalSetup: ['test/stryker-global-setup.ts'],
  },
});
