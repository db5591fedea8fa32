import type Database from 'better-sqlite3';
import {
  type AppliedMigration,
  type MigrationDriver,
  type MigrationTransaction,
  migrationsTable,
} from './driver.ts';
import { MigrationError } from './errors.ts';

type SqliteDatabase = Database.Database;

/**
 * Migrates a SQLite database through better-sqlite3. Each step runs in `BEGIN IMMEDIATE`, which takes
 * the database's write lock at once: a second runner waits (up to the connection's busy timeout)
 * instead of reading a history that is about to change.
 *
 * Foreign keys are switched off for the duration of a step and checked before its commit (SQLite's own
 * procedure for schema changes): the engine's table redefinitions drop and recreate tables that others
 * reference, and `PRAGMA foreign_keys` cannot change inside a transaction.
 */
export function sqliteMigrationDriver(
  db: SqliteDatabase,
  options: { busyTimeoutMs?: number } = {},
): MigrationDriver {
  return {
    provider: 'sqlite',
    async inLockedTransaction<T>(work: (tx: MigrationTransaction) => Promise<T>): Promise<T> {
      const foreignKeys = db.pragma('foreign_keys', { simple: true }) as number;
      const busyTimeout = db.pragma('busy_timeout', { simple: true }) as number;
      db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? Math.max(busyTimeout, 60_000)}`);
      db.pragma('foreign_keys = OFF');
      try {
        db.exec('BEGIN IMMEDIATE');
        try {
          const result = await work(transaction(db));
          const violations = db.pragma('foreign_key_check') as unknown[];
          if (violations.length > 0)
            throw new MigrationError(
              `foreign key violations after migration: ${JSON.stringify(violations.slice(0, 5))}`,
            );
          db.exec('COMMIT');
          return result;
        } catch (e) {
          if (db.inTransaction) db.exec('ROLLBACK');
          throw e;
        }
      } finally {
        db.pragma(`foreign_keys = ${foreignKeys ? 'ON' : 'OFF'}`);
        db.pragma(`busy_timeout = ${busyTimeout}`);
      }
    },
  };
}

function transaction(db: SqliteDatabase): MigrationTransaction {
  return {
    async applied(): Promise<AppliedMigration[]> {
      db.exec(
        `CREATE TABLE IF NOT EXISTS "${migrationsTable}" (
          "name" TEXT NOT NULL PRIMARY KEY,
          "checksum" TEXT NOT NULL,
          "appliedAt" TEXT NOT NULL,
          "durationMs" INTEGER NOT NULL
        )`,
      );
      const rows = db
        .prepare(`SELECT "name", "checksum", "appliedAt" FROM "${migrationsTable}" ORDER BY "name"`)
        .all() as { name: string; checksum: string; appliedAt: string }[];
      return rows.map((r) => ({ name: r.name, checksum: r.checksum, appliedAt: new Date(r.appliedAt) }));
    },
    async execute(sql: string): Promise<void> {
      db.exec(sql);
    },
    async query<R extends Record<string, unknown>>(sql: string, params: readonly unknown[] = []) {
      const statement = db.prepare(sql);
      if (statement.reader) return statement.all(...params) as R[];
      statement.run(...params);
      return [];
    },
    async record(migration: AppliedMigration, durationMs: number): Promise<void> {
      db.prepare(
        `INSERT INTO "${migrationsTable}" ("name", "checksum", "appliedAt", "durationMs") VALUES (?, ?, ?, ?)`,
      ).run(migration.name, migration.checksum, migration.appliedAt.toISOString(), durationMs);
    },
  };
}
