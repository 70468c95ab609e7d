import { defineConfig } from 'vitest/config';

// Each project writes a JSON report that scripts/test.mjs adds up into "N passed, N failed".
const report = (name: string) => ['default', ['json', { outputFile: `.test-results/${name}.json` }]] as const;

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
          environment: 'node',
          // A unit test checks results, never speed: a slow or busy machine must not fail one
          // (the lexicon tests load the whole asset, a few seconds under load).
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.e2e.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // One browser at a time: the machine has two cores.
          fileParallelism: false,
        },
      },
    ],
    reporters: [...report(process.env.WILDTRACE_REPORT ?? 'vitest')] as never,
  },
});
