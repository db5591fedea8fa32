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

/**
 * Names for PostgreSQL prepared statements, so that each connection parses and plans a statement
 * once instead of on every execution (a caseload page's statement took longer to plan than to run).
 * Only reads and writes of rows are named, and at most `limit` distinct texts: every name costs
 * memory in each server connection for as long as it lives, and the texts a process sends are a
 * small fixed set (the client's queries and this package's hand-written SQL), so a text past the
 * limit is simply sent unnamed.
 */
export function preparedStatementNames(limit = 500): (query: { sql: string }) => string | undefined {
  const names = new Map<string, string>();
  return ({ sql }) => {
    const known = names.get(sql);
    if (known !== undefined) return known;
    if (names.size >= limit || !/^\s*(SELECT|INSERT|UPDATE|DELETE|WITH)\b/i.test(sql)) return undefined;
    const name = `hkr_${names.size + 1}`;
    names.set(sql, name);
    return name;
  };
}

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
      // The adapter's type says string; pg sends a statement without a name unnamed.
      { schema, statementNameGenerator: preparedStatementNames() as (query: { sql: string }) => string },
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
