import { createRequire } from 'node:module';
import { defineProject } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineProject({
  resolve: {
    // graphql 16 ships CommonJS (main) and ESM (module) builds without an exports map: Node loads the
    // CommonJS one for Yoga and Pothos, so the tests must load the same one or types stop matching.
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    name: 'gateway',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'bin/**/*.test.mjs'],
    // Migration tests start child processes and hold database locks on purpose.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
