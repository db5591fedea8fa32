import type { ClientBase } from 'pg';
import {
  type AppliedMigration,
  type MigrationDriver,
  type MigrationTransaction,
  migrationsTable,
} from './driver.ts';
import { MigrationError } from './errors.ts';

export interface PostgresMigrationOptions {
  /** The schema to migrate (and in which `_register_migrations` lives); created if missing. */
  readonly schema?: string;
}

/**
 * Migrates a PostgreSQL schema through one `pg` connection. Each step is a transaction that first takes
 * a transaction-scoped advisory lock keyed by the schema, so runners on other connections or machines
 * wait for it and then see its commit; the lock goes with the commit or rollback, even if the process
 * dies. Statements run with `search_path` set to the schema, so migration files name no schema.
 */
export function postgresMigrationDriver(
  client: ClientBase,
  options: PostgresMigrationOptions = {},
): MigrationDriver {
  const schema = options.schema ?? 'public';
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(schema))
    throw new MigrationError(`schema name ${JSON.stringify(schema)} is not a plain identifier`);
  const quoted = `"${schema}"`;
  return {
    provider: 'postgresql',
    async inLockedTransaction<T>(work: (tx: MigrationTransaction) => Promise<T>): Promise<T> {
      await client.query('BEGIN');
      try {
        await client.query(`SELECT pg_advisory_xact_lock(hashtext('register_migrations'), hashtext($1))`, [
          schema,
        ]);
        await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoted}`);
        await client.query(`SET LOCAL search_path TO ${quoted}`);
        const result = await work(transaction(client, quoted));
        await client.query('COMMIT');
        return result;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => {});
        throw e;
      }
    },
  };
}

function transaction(client: ClientBase, schema: string): MigrationTransaction {
  const table = `${schema}."${migrationsTable}"`;
  return {
    async applied(): Promise<AppliedMigration[]> {
      await client.query(
        `CREATE TABLE IF NOT EXISTS ${table} (
          "name" TEXT NOT NULL PRIMARY KEY,
          "checksum" TEXT NOT NULL,
          "appliedAt" TIMESTAMPTZ NOT NULL,
          "durationMs" INTEGER NOT NULL
        )`,
      );
      const { rows } = await client.query<{ name: string; checksum: string; appliedAt: Date }>(
        `SELECT "name", "checksum", "appliedAt" FROM ${table} ORDER BY "name"`,
      );
      return rows;
    },
    async execute(sql: string): Promise<void> {
      // No parameters: the simple query protocol runs the whole multi-statement script.
      await client.query(sql);
    },
    async query<R extends Record<string, unknown>>(sql: string, params: readonly unknown[] = []) {
      return (await client.query<R>(sql, [...params])).rows;
    },
    async record(migration: AppliedMigration, durationMs: number): Promise<void> {
      await client.query(
        `INSERT INTO ${table} ("name", "checksum", "appliedAt", "durationMs") VALUES ($1, $2, $3, $4)`,
        [migration.name, migration.checksum, migration.appliedAt, durationMs],
      );
    },
  };
}
