import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', '.cache/', '.data/', 'dist/', 'web/dist/', 'web/src/gql/', '.test-results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly' } },
    rules: {
      // Product code logs through pino (redaction); scripts and benchmarks may print.
      'no-console': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      // Input sanitising matches control characters on purpose.
      'no-control-regex': 'off',
    },
  },
  {
    files: ['scripts/**', 'bench/**', 'bin/**', '**/*.test.ts', 'test/**'],
    rules: { 'no-console': 'off' },
  },
);
