/**
 * Which folder may import which (`npm run lint`, and tests/project/dependencies.test.ts).
 * The engine runs in Node for the tests, benchmarks and the CLI, so it imports no extension code
 * and no browser library; each extension context imports only what runs where it runs.
 */
const EXTENSION = '^src/(background|content|pages|browser|messaging)/';
const BROWSER_LIBRARIES = '^node_modules/(webextension-polyfill|wxt|dexie|preact|@preact)/';

module.exports = {
  forbidden: [
    {
      name: 'engine-is-browser-free',
      comment: 'The engine runs in Node: no extension code, no browser library.',
      severity: 'error',
      from: { path: '^src/engine/' },
      to: { path: [EXTENSION, '^src/cli/', BROWSER_LIBRARIES] },
    },
    {
      name: 'content-stays-in-the-page',
      comment: 'The content script reaches the worker only by messages.',
      severity: 'error',
      from: { path: '^src/content/' },
      to: { path: '^src/(background|pages)/' },
    },
    {
      name: 'background-stays-in-the-worker',
      severity: 'error',
      from: { path: '^src/background/' },
      to: { path: '^src/(content|pages)/' },
    },
    {
      name: 'pages-talk-by-messages',
      comment: 'Extension pages reach the worker and the tabs only by messages.',
      severity: 'error',
      from: { path: '^src/pages/' },
      to: { path: '^src/(background|content)/' },
    },
    {
      name: 'shared-code-serves-every-context',
      comment: 'The protocol and the shared browser glue must not depend on one context.',
      severity: 'error',
      from: { path: '^src/(messaging|browser)/' },
      to: { path: '^src/(background|content|pages|cli)/' },
    },
    {
      name: 'the-cli-is-node',
      severity: 'error',
      from: { path: '^src/cli/' },
      to: { path: [EXTENSION, BROWSER_LIBRARIES] },
    },
    {
      name: 'product-code-imports-no-tests',
      severity: 'error',
      from: { path: '^(src|entrypoints|scripts)/' },
      to: { path: '^(tests|bench)/' },
    },
    {
      name: 'benches-use-test-support-only',
      comment: 'Benchmarks share fixtures and the Chromium harness, never test files.',
      severity: 'error',
      from: { path: '^bench/' },
      to: { path: '^tests/', pathNot: '^tests/(support|fixtures)/' },
    },
    {
      name: 'no-test-imports-a-test',
      comment: 'A test file imported by another runs twice; shared code goes in tests/support.',
      severity: 'error',
      from: { path: '^tests/' },
      to: { path: '\\.(test|e2e)\\.tsx?$' },
    },
    {
      name: 'no-cycles-between-folders',
      severity: 'error',
      scope: 'folder',
      from: { path: '^src/' },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(\\.output|\\.wxt|node_modules)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
