// ESLint: the recommended JavaScript and typescript-eslint rules, Prettier's formatting left to
// Prettier, and the engine kept free of browser code (the dependency rules between folders are
// dependency-cruiser's: .dependency-cruiser.cjs).
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

const BROWSER_MODULES = ['webextension-polyfill', 'wxt', 'wxt/*', 'dexie', 'preact', 'preact/*'];
const BROWSER_GLOBALS = ['browser', 'chrome', 'document', 'window', 'navigator', 'location'].map((name) => ({
  name,
  message: 'The engine runs in Node too: take what you need from the browser as a parameter.',
}));

export default tseslint.config(
  {
    ignores: ['.output/', '.wxt/', '.test-results/', '.bench-results/', 'node_modules/', 'tests/fixtures/', 'assets/'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    languageOptions: {
      globals: { console: 'readonly', process: 'readonly', performance: 'readonly' },
    },
    rules: {
      // Prettier keeps code within 120 columns; this catches the comments and strings it leaves.
      'max-len': ['error', { code: 120, ignoreUrls: true, ignoreRegExpLiterals: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // An escaped '-' or '/' in a character class reads unambiguously; removing one changes nothing.
      'no-useless-escape': 'off',
      // Control characters in a pattern are deliberate here: names and texts are checked for them.
      'no-control-regex': 'off',
    },
  },
  {
    files: ['src/engine/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: BROWSER_MODULES.map((group) => ({ group: [group], message: 'The engine has no browser code.' })) },
      ],
      'no-restricted-globals': ['error', ...BROWSER_GLOBALS],
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly' } },
  },
  {
    files: ['**/*.mjs', 'scripts/**', 'bin/**'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', Buffer: 'readonly' } },
  },
);
