import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { defineProject } from 'vitest/config';

const require = createRequire(import.meta.url);
// The test starts a real gateway: its source must load graphql's CommonJS build, as Yoga and Pothos do
// (see packages/gateway/vitest.config.ts).
const graphql = require.resolve('graphql', {
  paths: [fileURLToPath(new URL('../../packages/gateway', import.meta.url))],
});

export default defineProject({
  resolve: { alias: [{ find: /^graphql$/, replacement: graphql }] },
  test: {
    name: 'example-stage-tracking',
    include: ['src/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
