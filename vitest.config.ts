import { defineConfig } from 'vitest/config';

// Every package's tests run against its TypeScript source: no build step is needed to test.
export default defineConfig({
  test: {
    projects: ['packages/*', 'examples/*'],
    // On CI a machine-readable report is kept so .ci/run can print one plain summary line.
    reporters: process.env.CI ? ['default', 'json'] : ['default'],
    outputFile: { json: 'test-results.json' },
  },
});
