import { createRequire } from 'node:module';
import { defineProject } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineProject({
  resolve: {
    // The tests start a real gateway: Yoga and Pothos load graphql's CommonJS build, so the gateway's
    // source must load the same one or its schema is "from another realm" (see the gateway's config).
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    name: 'client',
    include: ['src/**/*.test.ts'],
    typecheck: { enabled: true, include: ['src/**/*.test-d.ts'] },
    // Each suite opens and migrates a SQLite database before serving it.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
