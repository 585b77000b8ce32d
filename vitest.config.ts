import { defineConfig } from 'vitest/config';

// tfjs prints a banner suggesting tfjs-node on every import in Node; it is noise in test output.
const isTfjsBanner = (log: string): boolean =>
  log.includes('looks like you are running TensorFlow.js in Node.js') ||
  log.includes('============================');

export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'apps/*/src/**/*.test.ts', 'tools/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // The JSON report is what .ci/run counts: CI reads only an 'N passed, N failed' line.
    reporters: ['default', ['json', { outputFile: 'tmp/vitest-report.json' }]],
    onConsoleLog: (log) => (isTfjsBanner(log) ? false : undefined),
  },
});
