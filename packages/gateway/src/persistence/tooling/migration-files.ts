import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { migrationFileName, migrationNamePattern } from '../migrate/migrations.ts';
import { migrationsRoot as defaultRoot } from './paths.ts';
import { type Provider, providers } from './providers.ts';
import { diffDatamodels } from './schema-engine.ts';
import { deriveSchema, readSourceSchema } from './schema-variants.ts';

/**
 * The source schema as of the last migration. `db:migration` diffs from it to prisma/schema.prisma and
 * replaces it with the migration; it is the only memory of "what the migrations build", and git keeps
 * its earlier versions.
 */
export const datamodelSnapshotName = 'datamodel.prisma';

export class MigrationNameError extends Error {
  override name = 'MigrationNameError';
}

export interface PlannedMigration {
  /** `NNNN_name`. */
  readonly name: string;
  /** Per provider: the SQL, or null when the change needs none on that provider. */
  readonly sql: Readonly<Record<Provider, string | null>>;
  /** The source schema the migration brings the databases to. */
  readonly source: string;
}

export async function readSnapshot(root = defaultRoot): Promise<string | null> {
  const path = join(root, datamodelSnapshotName);
  return existsSync(path) ? readFile(path, 'utf8') : null;
}

/** The SQL per provider from the last migration's datamodel to `source`; null entries mean no change. */
export async function pendingSchemaChanges(
  source: string,
  root = defaultRoot,
): Promise<Record<Provider, string | null>> {
  const previous = await readSnapshot(root);
  const out = {} as Record<Provider, string | null>;
  for (const provider of providers) {
    out[provider] = await diffDatamodels(
      provider,
      previous === null ? null : deriveSchema(previous, provider),
      deriveSchema(source, provider),
    );
  }
  return out;
}

/** The next migration's name: one more than the highest number used by any provider. */
export async function nextMigrationName(label: string, root = defaultRoot): Promise<string> {
  const slug = label
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (!slug) throw new MigrationNameError(`migration name ${JSON.stringify(label)} has no letters or digits`);
  let highest = 0;
  for (const provider of providers) {
    const dir = join(root, provider);
    if (!existsSync(dir)) continue;
    for (const entry of await readdir(dir)) {
      const match = migrationNamePattern.exec(entry);
      if (match) highest = Math.max(highest, Number(match[1]));
    }
  }
  if (highest >= 9999) throw new MigrationNameError('migration numbers are exhausted (9999)');
  return `${String(highest + 1).padStart(4, '0')}_${slug}`;
}

/** Plans a migration from the last one to prisma/schema.prisma; null when nothing changed. */
export async function planMigration(label: string, root = defaultRoot): Promise<PlannedMigration | null> {
  const source = await readSourceSchema();
  const sql = await pendingSchemaChanges(source, root);
  if (providers.every((p) => sql[p] === null)) return null;
  return { name: await nextMigrationName(label, root), sql, source };
}

/** Writes <root>/<provider>/<name>/migration.sql for every provider and updates the snapshot. */
export async function writeMigration(plan: PlannedMigration, root = defaultRoot): Promise<string[]> {
  const written: string[] = [];
  for (const provider of providers) {
    const dir = join(root, provider, plan.name);
    await mkdir(dir, { recursive: true });
    const path = join(dir, migrationFileName);
    // Every provider gets the migration, so the numbering and history stay the same everywhere.
    await writeFile(path, plan.sql[provider] ?? `-- ${plan.name}: no change on ${provider}.\n`);
    written.push(path);
  }
  const snapshot = join(root, datamodelSnapshotName);
  await writeFile(snapshot, plan.source);
  written.push(snapshot);
  return written;
}
