import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The console built from this checkout's source, for the browser journeys. */
    consoleDir: string;
  }
}

/**
 * Builds the console once per test run from the source as it is now (not dist/, which may be stale),
 * into a temporary folder the browser journeys serve.
 */
export default async function setup(project: TestProject) {
  const outDir = await mkdtemp(join(tmpdir(), 'console-e2e-'));
  // The test runner sets NODE_ENV=test, which would build React's development version.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      root: fileURLToPath(new URL('..', import.meta.url)),
      mode: 'production',
      logLevel: 'warn',
      build: { outDir, emptyOutDir: true },
    });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  project.provide('consoleDir', outDir);
  return () => rm(outDir, { recursive: true, force: true });
}
