import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // Without this vitest can load graphql twice (ESM and CJS), and graphql refuses to mix them.
    alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }],
  },
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', 'web/**', '.cache/**', '.data/**', 'dist/**', '.stryker-tmp/**'],
    globalSetup: ['test/global-setup.ts'],
    setupFiles: ['test/setup-file.ts'],
    pool: 'forks',
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
