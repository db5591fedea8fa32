import { defineProject } from 'vitest/config';

export default defineProject({ test: { name: 'example-embed-core', include: ['src/**/*.test.ts'] } });
