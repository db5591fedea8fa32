// `pnpm db:generate`: derives each provider's schema from prisma/schema.prisma and generates its Prisma
// client into src/persistence/generated/<provider>, with no network. Runs on every install.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { repoRoot } from './paths.ts';
import { providers } from './providers.ts';
import { derivedSchemaPath, writeDerivedSchemas } from './schema-variants.ts';

const started = performance.now();
await writeDerivedSchemas();

const require = createRequire(import.meta.url);
const prismaCli = require.resolve('prisma/build/index.js');
// `prisma generate` needs no schema engine but first tries to download one unless this variable names
// an existing file; the CLI itself is a file that surely exists. Telemetry and update checks stay off.
const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: prismaCli,
  CHECKPOINT_DISABLE: '1',
  PRISMA_HIDE_UPDATE_MESSAGE: '1',
};

for (const provider of providers) {
  const result = spawnSync(
    process.execPath,
    [prismaCli, 'generate', '--schema', derivedSchemaPath(provider)],
    { cwd: repoRoot, env, encoding: 'utf8' },
  );
  if (result.status !== 0) {
    process.stderr.write(result.stdout + result.stderr);
    throw new Error(`prisma generate failed for ${provider} (exit ${result.status})`);
  }
}
console.log(
  `Generated the Prisma clients (${providers.join(', ')}) in ${Math.round(performance.now() - started)} ms`,
);
