import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'gateway',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Migration tests start child processes and hold database locks on purpose.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
