import type { Provider } from '../tooling/providers.ts';

/** A row of `_register_migrations`. */
export interface AppliedMigration {
  readonly name: string;
  readonly checksum: string;
  readonly appliedAt: Date;
}

/** The table in which every database records the migrations applied to it. */
export const migrationsTable = '_register_migrations';

/** What the runner may do inside one locked transaction. */
export interface MigrationTransaction {
  /** The migrations recorded so far, by name (creates the bookkeeping table on first use). */
  applied(): Promise<AppliedMigration[]>;
  /** Runs a whole migration script. */
  execute(sql: string): Promise<void>;
  /** One statement with positional parameters (`?` on SQLite, `$1…` on PostgreSQL); its rows. */
  query<R extends Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<R[]>;
  record(migration: AppliedMigration, durationMs: number): Promise<void>;
}

/**
 * A database the runner can migrate. `inLockedTransaction` runs `work` inside one transaction that
 * holds the database's migration lock, so two runners (two processes, two machines) take turns; it
 * commits when `work` resolves and rolls back when it throws.
 */
export interface MigrationDriver {
  readonly provider: Provider;
  inLockedTransaction<T>(work: (tx: MigrationTransaction) => Promise<T>): Promise<T>;
}
