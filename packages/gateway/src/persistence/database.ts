import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient as PostgresClient } from './generated/postgresql/client.ts';
import { PrismaClient as SqliteClient } from './generated/sqlite/client.ts';
import {
  createPrivateSqliteFile,
  type DatabaseTarget,
  migrateDatabase,
  parseDatabaseUrl,
  postgresClientConfig,
} from './migrate/index.ts';
import type { MigrationReport } from './migrate/runner.ts';

/** The default database: an embedded SQLite file, created and migrated on first start. */
export const DEFAULT_DATABASE_URL = 'file:data/register.db';

/**
 * Both generated clients have the same model API (one schema, two providers); the repositories are
 * written against the SQLite client's types and run unchanged on PostgreSQL.
 */
export type DbClient = SqliteClient;

export interface Database {
  readonly target: DatabaseTarget;
  readonly prisma: DbClient;
  /** Readiness: one round trip to the database. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** Apply pending migrations before opening (default true). */
  readonly migrate?: boolean;
  /** Called for every SQL statement Prisma sends (statement counting in tests and benchmarks). */
  readonly onQuery?: (sql: string) => void;
  /** Reports applied migrations. */
  readonly onMigrated?: (report: MigrationReport) => void;
}

/**
 * Opens the database named by `url` (`file:` → SQLite, `postgresql://` → PostgreSQL; a `schema`
 * parameter selects a PostgreSQL schema), migrating it first.
 */
export async function openDatabase(
  url: string = DEFAULT_DATABASE_URL,
  options: OpenDatabaseOptions = {},
): Promise<Database> {
  const target = parseDatabaseUrl(url);
  if (options.migrate ?? true) {
    const report = await migrateDatabase(target);
    options.onMigrated?.(report);
  }
  const log = options.onQuery ? [{ emit: 'event' as const, level: 'query' as const }] : [];
  let prisma: DbClient;
  if (target.provider === 'sqlite') {
    createPrivateSqliteFile(target.location);
    // WAL: readers never wait for the writer; busy_timeout: a second writer waits instead of failing.
    const adapter = new PrismaBetterSqlite3({ url: target.location, timeout: 10_000 });
    prisma = new SqliteClient({ adapter, log }) as DbClient;
  } else {
    const schema = target.schema ?? 'public';
    // search_path too, so that hand-written SQL (indicators, window queries) finds the same tables.
    const adapter = new PrismaPg(
      { ...postgresClientConfig(target.location), max: 10, options: `-c search_path="${schema}"` },
      { schema },
    );
    prisma = new PostgresClient({ adapter, log }) as unknown as DbClient;
  }
  if (options.onQuery) {
    const onQuery = options.onQuery;
    (prisma as unknown as { $on(event: 'query', cb: (e: { query: string }) => void): void }).$on(
      'query',
      (e) => onQuery(e.query),
    );
  }
  if (target.provider === 'sqlite') {
    await prisma.$queryRawUnsafe('PRAGMA journal_mode = WAL');
    await prisma.$executeRawUnsafe('PRAGMA foreign_keys = ON');
    await prisma.$queryRawUnsafe('PRAGMA busy_timeout = 10000');
  }
  return {
    target,
    prisma,
    ping: async () => {
      await prisma.$queryRawUnsafe('SELECT 1');
    },
    close: () => prisma.$disconnect(),
  };
}
