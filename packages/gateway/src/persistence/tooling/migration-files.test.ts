import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadMigrations } from '../migrate/migrations.ts';
import {
  datamodelSnapshotName,
  MigrationNameError,
  nextMigrationName,
  pendingSchemaChanges,
  planMigration,
  writeMigration,
} from './migration-files.ts';
import { readSourceSchema } from './schema-variants.ts';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'register-migration-files-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('pnpm db:migration', () => {
  it('writes the first migration for both providers from an empty history, offline', async () => {
    const plan = await planMigration('Init schema', root);
    expect(plan?.name).toBe('0001_init_schema');
    expect(plan?.sql.sqlite).toContain('CREATE TABLE "Case"');
    expect(plan?.sql.postgresql).toContain('CREATE TABLE "Case"');
    expect(plan?.sql.postgresql).toContain('TIMESTAMP(3)');
    // The runner chooses the PostgreSQL schema with search_path: files never name one.
    expect(plan?.sql.postgresql).not.toMatch(/CREATE SCHEMA|"public"\./);
    await writeMigration(plan as NonNullable<typeof plan>, root);
    expect(await readFile(join(root, datamodelSnapshotName), 'utf8')).toBe(await readSourceSchema());
    for (const provider of ['sqlite', 'postgresql'] as const)
      expect((await loadMigrations(provider, root)).map((m) => m.name)).toEqual(['0001_init_schema']);
    // Nothing changed since: no second migration.
    expect(await planMigration('again', root)).toBeNull();
  });

  it('writes only the difference from the last migration', async () => {
    const source = await readSourceSchema();
    const withoutAudit = source.replace(/\/\/\/[^\n]*\nmodel AuditEntry \{[^}]*\}\n?/, '');
    expect(withoutAudit).not.toContain('model AuditEntry');
    await writeFile(join(root, datamodelSnapshotName), withoutAudit);
    await mkdir(join(root, 'sqlite', '0007_earlier'), { recursive: true });
    const changes = await pendingSchemaChanges(source, root);
    for (const sql of [changes.sqlite, changes.postgresql]) {
      expect(sql).toContain('CREATE TABLE "AuditEntry"');
      expect(sql).toContain('CREATE INDEX "AuditEntry_caseId_at_idx"');
      expect(sql).not.toContain('CREATE TABLE "Case"');
    }
    const plan = await planMigration('audit', root);
    expect(plan?.name).toBe('0008_audit');
  });

  it('numbers after the highest migration of any provider and makes a safe directory name', async () => {
    await mkdir(join(root, 'postgresql', '0003_x'), { recursive: true });
    await mkdir(join(root, 'sqlite', '0002_y'), { recursive: true });
    expect(await nextMigrationName('Add contact -> index!', root)).toBe('0004_add_contact_index');
    await expect(nextMigrationName('  --  ', root)).rejects.toThrow(MigrationNameError);
    expect(existsSync(join(root, 'sqlite', '0004_add_contact_index'))).toBe(false);
  });

  it('covers every change of prisma/schema.prisma with a committed migration', async () => {
    const changes = await pendingSchemaChanges(await readSourceSchema());
    expect(changes, 'run pnpm db:migration <name>').toEqual({ sqlite: null, postgresql: null });
  });
});
