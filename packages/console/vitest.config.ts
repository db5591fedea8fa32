import { createRequire } from 'node:module';
import { defineProject } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineProject({
  resolve: {
    // The browser tests start the gateway in-process: load graphql as the gateway's tests do.
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    name: 'console',
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'e2e/**/*.test.ts'],
    // The browser journeys build the console once, then drive Chromium through whole screens.
    globalSetup: ['e2e/build-once.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // A screen answers when the gateway does: on a loaded machine a search can take seconds, and a
    // poll that gives up after vitest's default second fails a journey that is merely slow.
    expect: { poll: { timeout: 20_000, interval: 100 } },
  },
});
