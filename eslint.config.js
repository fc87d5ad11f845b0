import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import tseslint from 'typescript-eslint';
import { boundaries } from './eslint.boundaries.js';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      '.cache/',
      '.data/',
      'dist/',
      'web/dist/',
      'web/src/gql/',
      '.test-results/',
      '.stryker-tmp/',
      'reports/',
    ],
  },
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
  // The Svelte app: components are linted like the server's TypeScript, with Svelte's own rules.
  ...svelte.configs.recommended,
  {
    files: ['web/**/*.svelte', 'web/**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] } },
    rules: {
      // Names are resolved by svelte-check (TypeScript); the core rule does not know browser globals or runes.
      'no-undef': 'off',
      // A SvelteKit rule (links through `resolve()` from $app/paths); this app has its own router.
      'svelte/no-navigation-without-resolve': 'off',
    },
  },
  // Import boundaries between the layers (eslint.boundaries.js).
  ...boundaries,
);
