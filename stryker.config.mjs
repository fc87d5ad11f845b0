/**
 * Mutation testing of the security- and correctness-critical modules (issue 11 item 7):
 * `npm run mutate`, not part of CI. Incremental, so a second run only re-tests mutants whose code
 * or tests changed; one test process at a time, because the suite shares the machine. For one
 * module only: `npx stryker run --mutate domain/policy.ts`.
 *
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.stryker.config.ts', related: true },
  mutate: [
    'domain/**/*.ts',
    'resolvers/permissions.ts',
    'resolvers/rules.ts',
    'gateway/downloads.ts',
    'gateway/widget*.ts',
    'nextcloud/**/*.ts',
    '!**/*.test.ts',
    '!**/*.test-support.ts',
    '!nextcloud/simulator/**',
  ],
  // The sandbox copy leaves out what the tests do not read; the engine comes from the checkout's
  // .cache (test/stryker-global-setup.ts).
  ignorePatterns: ['.cache', '.data', '.test-results', '.stryker-tmp', 'reports', 'bench', 'deploy', 'web/node_modules'],
  incremental: true,
  incrementalFile: 'reports/stryker-incremental.json',
  concurrency: 1,
  timeoutMS: 30_000,
  reporters: ['clear-text', 'progress', 'html'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
};
