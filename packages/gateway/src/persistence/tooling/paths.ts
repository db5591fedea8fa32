import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The repository's root: the nearest folder up from this module that holds pnpm-workspace.yaml. Found
 * rather than counted, so the paths hold both in the sources and in the gateway's bundled build (one
 * file elsewhere), and the scripts work from any working directory.
 */
function findRepoRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return `${dir}/`;
    if (dirname(dir) === dir) throw new Error(`no pnpm-workspace.yaml above ${from}`);
  }
}

export const repoRoot = findRepoRoot(dirname(fileURLToPath(import.meta.url)));
export const prismaDir = join(repoRoot, 'prisma/');
export const sourceSchemaPath = join(repoRoot, 'prisma/schema.prisma');
export const derivedSchemaDir = join(repoRoot, 'prisma/generated/');
export const migrationsRoot = join(repoRoot, 'prisma/migrations/');
export const generatedClientRoot = join(repoRoot, 'packages/gateway/src/persistence/generated/');
