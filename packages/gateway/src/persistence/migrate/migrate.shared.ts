// The migration runner's behaviour, written once and registered against each database by a thin file
// per driver (migrate.sqlite.test.ts, migrate.postgres.test.ts).
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliResult, runCli as runCliScript } from '../../testing/run-cli.ts';
import { pendingSchemaChanges, readSnapshot } from '../tooling/migration-files.ts';
import { migrationsRoot } from '../tooling/paths.ts';
import type { Provider } from '../tooling/providers.ts';
import { diffDatamodels } from '../tooling/schema-engine.ts';
import { deriveSchema, readSourceSchema } from '../tooling/schema-variants.ts';
import type { CatalogDump } from './catalog.ts';
import type { MigrationDriver } from './driver.ts';
import {
  MigrationChecksumMismatchError,
  MigrationFailedError,
  MigrationOrderError,
  UnknownAppliedMigrationError,
} from './errors.ts';
import { loadMigrations } from './migrations.ts';
import type { MigrationReport } from './runner.ts';
import { runMigrations } from './runner.ts';

/** One empty database handed to one test, with an open connection. */
export interface TestDatabase {
  /** The URL `pnpm db:migrate --url` takes for this database (used by the child processes). */
  readonly url: string;
  readonly driver: MigrationDriver;
  catalog(): Promise<CatalogDump>;
  /** Rows of `_register_migrations`, by name. */
  appliedRows(): Promise<{ name: string; checksum: string }[]>;
  /** A single number from a query, e.g. `SELECT count(*) AS n FROM "Probe"`. */
  count(sql: string): Promise<number>;
  tableExists(name: string): Promise<boolean>;
}

export interface MigrationHarness {
  readonly provider: Provider;
  /** Run once before the suite. */
  setup(): Promise<void>;
  /**
   * A new, empty database; the harness closes and removes it in `teardown`. Throws when the database
   * is unreachable, so every test fails rather than being skipped.
   */
  fresh(): Promise<TestDatabase>;
  teardown(): Promise<void>;
  /** A statement that takes about a second, so a second runner arrives while the first holds the lock. */
  readonly slowStatement: string;
}

const migrateCli = fileURLToPath(new URL('./cli.ts', import.meta.url));

const runCli = (args: string[]): Promise<CliResult> => runCliScript(migrateCli, args);

function reportOf(result: CliResult): MigrationReport {
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  const last = result.stdout.trim().split('\n').at(-1) ?? '';
  return JSON.parse(last) as MigrationReport;
}

export function registerMigrationSuite(harness: MigrationHarness): void {
  const { provider } = harness;
  let scratch: string;

  /** A copy of the project's migrations plus `extra` ones, so tests can add and edit files freely. */
  async function migrationsCopy(extra: Record<string, string> = {}): Promise<string> {
    const root = await mkdtemp(join(scratch, 'migrations-'));
    await cp(join(migrationsRoot, provider), join(root, provider), { recursive: true });
    for (const [name, sql] of Object.entries(extra)) {
      await mkdir(join(root, provider, name), { recursive: true });
      await writeFile(join(root, provider, name, 'migration.sql'), sql);
    }
    return root;
  }

  describe(`migration runner on ${provider}`, () => {
    beforeAll(async () => {
      scratch = await mkdtemp(join(tmpdir(), `register-migrate-${provider}-`));
      await harness.setup();
    });
    afterAll(async () => {
      await harness.teardown();
      await rm(scratch, { recursive: true, force: true });
    });

    it('applies every migration to an empty database and records name and checksum', async () => {
      const migrations = await loadMigrations(provider);
      expect(migrations.map((m) => m.name)).toContain('0001_init');
      const db = await harness.fresh();
      const report = await runMigrations(db.driver, migrations);
      expect(report.applied).toEqual(migrations.map((m) => m.name));
      expect(report.alreadyApplied).toEqual([]);
      expect(await db.appliedRows()).toEqual(migrations.map((m) => ({ name: m.name, checksum: m.checksum })));
      const { tables } = await db.catalog();
      for (const table of [
        'Agency',
        'ApiToken',
        'Case',
        'Contact',
        'Referral',
        'AuditEntry',
        'PlacementWorkday',
      ])
        expect(tables).toContain(table);
    });

    it('applies nothing on a second run and leaves the database as it was', async () => {
      const migrations = await loadMigrations(provider);
      const db = await harness.fresh();
      await runMigrations(db.driver, migrations);
      const before = await db.catalog();
      const again = await runMigrations(db.driver, migrations);
      expect(again.applied).toEqual([]);
      expect(again.alreadyApplied).toEqual(migrations.map((m) => m.name));
      expect(await db.catalog()).toEqual(before);
      expect(await db.appliedRows()).toHaveLength(migrations.length);
    });

    it('applies only the new migrations when files are added later', async () => {
      const db = await harness.fresh();
      const root = await migrationsCopy();
      await runMigrations(db.driver, await loadMigrations(provider, root));
      await mkdir(join(root, provider, '9001_probe'));
      await writeFile(
        join(root, provider, '9001_probe', 'migration.sql'),
        'CREATE TABLE "Probe" ("id" INTEGER);\n',
      );
      const report = await runMigrations(db.driver, await loadMigrations(provider, root));
      expect(report.applied).toEqual(['9001_probe']);
      expect(await db.tableExists('Probe')).toBe(true);
    });

    it('applies each file once when two processes migrate the same database at the same time', async () => {
      const root = await migrationsCopy({
        // Holds the lock for about a second, long enough for the second process to start waiting.
        '9001_slow': `${harness.slowStatement}\nCREATE TABLE "Probe" ("n" INTEGER NOT NULL);\n`,
        // Would leave two rows if it ran twice.
        '9002_insert': 'INSERT INTO "Probe" ("n") VALUES (1);\n',
      });
      const names = (await loadMigrations(provider, root)).map((m) => m.name);
      const db = await harness.fresh();
      const args = ['--url', db.url, '--migrations', root, '--json'];
      const [a, b] = (await Promise.all([runCli(args), runCli(args)])).map(reportOf) as [
        MigrationReport,
        MigrationReport,
      ];
      // Every file was applied by exactly one of the two, and each saw the other's work as done.
      expect([...a.applied, ...b.applied].sort()).toEqual(names);
      expect(a.applied.filter((n) => b.applied.includes(n))).toEqual([]);
      expect([...a.alreadyApplied].sort()).toEqual(names.filter((n) => !a.applied.includes(n)));
      expect(await db.count('SELECT count(*) AS n FROM "Probe"')).toBe(1);
      expect((await db.appliedRows()).map((r) => r.name)).toEqual(names);
    });

    it('refuses an applied migration whose file changed, naming the file, and applies nothing else', async () => {
      const root = await migrationsCopy();
      const db = await harness.fresh();
      await runMigrations(db.driver, await loadMigrations(provider, root));
      const file = join(root, provider, '0001_init', 'migration.sql');
      await writeFile(file, `${await readFile(file, 'utf8')}\n-- an edit after the fact\n`);
      await mkdir(join(root, provider, '9001_probe'));
      await writeFile(
        join(root, provider, '9001_probe', 'migration.sql'),
        'CREATE TABLE "Probe" ("id" INTEGER);\n',
      );

      const error = await runMigrations(db.driver, await loadMigrations(provider, root)).catch((e) => e);
      expect(error).toBeInstanceOf(MigrationChecksumMismatchError);
      expect(error.migration).toBe('0001_init');
      expect(error.file).toBe(file);
      expect(error.message).toContain(file);
      expect(await db.tableExists('Probe')).toBe(false);

      // The command line says the same and fails.
      const cli = await runCli(['--url', db.url, '--migrations', root]);
      expect(cli.code).toBe(1);
      expect(cli.stderr).toContain('MigrationChecksumMismatchError');
      expect(cli.stderr).toContain(file);
    });

    it('counts only line endings as no change (a CRLF checkout is the same migration)', async () => {
      const root = await migrationsCopy();
      const db = await harness.fresh();
      await runMigrations(db.driver, await loadMigrations(provider, root));
      const file = join(root, provider, '0001_init', 'migration.sql');
      await writeFile(file, (await readFile(file, 'utf8')).replace(/\n/g, '\r\n'));
      const report = await runMigrations(db.driver, await loadMigrations(provider, root));
      expect(report.applied).toEqual([]);
    });

    it('rolls a failing migration back completely and applies it once fixed', async () => {
      const root = await migrationsCopy({
        '9001_broken': 'CREATE TABLE "Probe" ("id" INTEGER);\nINSERT INTO "NoSuchTable" VALUES (1);\n',
      });
      const db = await harness.fresh();
      const error = await runMigrations(db.driver, await loadMigrations(provider, root)).catch((e) => e);
      expect(error).toBeInstanceOf(MigrationFailedError);
      expect(error.migration).toBe('9001_broken');
      expect(error.message).toContain('9001_broken');
      // Migrations before the broken one stay applied; nothing of the broken one remains.
      const before = (await loadMigrations(provider, migrationsRoot)).map((m) => m.name);
      expect((await db.appliedRows()).map((r) => r.name)).toEqual(before);
      expect(await db.tableExists('Probe')).toBe(false);

      await writeFile(
        join(root, provider, '9001_broken', 'migration.sql'),
        'CREATE TABLE "Probe" ("id" INTEGER);\n',
      );
      const report = await runMigrations(db.driver, await loadMigrations(provider, root));
      expect(report.applied).toEqual(['9001_broken']);
      expect(await db.tableExists('Probe')).toBe(true);
    });

    it('refuses a database that has a migration no file provides', async () => {
      const root = await migrationsCopy({ '9001_probe': 'CREATE TABLE "Probe" ("id" INTEGER);\n' });
      const db = await harness.fresh();
      await runMigrations(db.driver, await loadMigrations(provider, root));
      const older = (await loadMigrations(provider, root)).filter((m) => m.name !== '9001_probe');
      const error = await runMigrations(db.driver, older).catch((e) => e);
      expect(error).toBeInstanceOf(UnknownAppliedMigrationError);
      expect(error.migration).toBe('9001_probe');
    });

    it('refuses a pending migration numbered before one already applied', async () => {
      const root = await migrationsCopy({ '9002_later': 'CREATE TABLE "Later" ("id" INTEGER);\n' });
      const db = await harness.fresh();
      await runMigrations(db.driver, await loadMigrations(provider, root));
      await mkdir(join(root, provider, '9001_earlier'));
      await writeFile(
        join(root, provider, '9001_earlier', 'migration.sql'),
        'CREATE TABLE "Earlier" ("id" INTEGER);\n',
      );
      const error = await runMigrations(db.driver, await loadMigrations(provider, root)).catch((e) => e);
      expect(error).toBeInstanceOf(MigrationOrderError);
      expect(error.migration).toBe('9001_earlier');
      expect(await db.tableExists('Earlier')).toBe(false);
    });

    it('has no drift: the migrations build exactly the database that prisma/schema.prisma describes', async () => {
      const source = await readSourceSchema();
      // 1. No change to prisma/schema.prisma is missing from the migrations.
      const pending = await pendingSchemaChanges(source);
      expect(pending[provider], 'run pnpm db:migration <name>').toBeNull();
      const snapshot = await readSnapshot();
      expect(snapshot).not.toBeNull();

      // 2. The database the migration history builds equals one built straight from the current schema.
      const migrated = await harness.fresh();
      await runMigrations(migrated.driver, await loadMigrations(provider));
      const direct = await harness.fresh();
      const sql = await diffDatamodels(provider, null, deriveSchema(source, provider));
      expect(sql).not.toBeNull();
      await direct.driver.inLockedTransaction(async (tx) => {
        await tx.applied();
        await tx.execute(sql as string);
      });
      const expected = await direct.catalog();
      expect(expected.tables.length).toBeGreaterThan(20);
      expect(await migrated.catalog()).toEqual(expected);
    });
  });
}
