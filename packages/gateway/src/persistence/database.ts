import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import {
  type AuditWriter,
  groupCommitAuditWriter,
  journaledAuditWriter,
} from './audit-writer/audit-writer.ts';
import {
  type PostgresAuditConnection,
  postgresAuditConnection,
} from './audit-writer/postgres-audit-connection.ts';
import { journalPathOf, openAuditJournal, openAuditMover } from './audit-writer/sqlite-audit-journal.ts';
import { PrismaClient as SqliteClient } from './generated/sqlite/client.ts';
import {
  createPrivateSqliteFile,
  type DatabaseTarget,
  migrateDatabase,
  parseDatabaseUrl,
  postgresClientConfig,
} from './migrate/index.ts';
import type { MigrationReport } from './migrate/runner.ts';
import type { RawQuery } from './repositories/caseload-sql.ts';

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
  /** The writer: every transaction, and every write outside the register's reads. */
  readonly prisma: DbClient;
  /**
   * Where the register's reads run (`runner.read`). SQLite: a second connection that may not write
   * (`query_only`), so reads neither queue behind a write transaction on the writer's connection nor
   * see its uncommitted rows; WAL lets it read while the writer writes. PostgreSQL: the writer's pool.
   */
  readonly reader: DbClient;
  /**
   * PostgreSQL: the pool Prisma's adapter uses, straight through `pg`, for the read path's hot
   * statement (a caseload page, `caseloadPageSql`). A page through the register cost the process
   * 1.2–1.3 ms of CPU with the statement on Prisma's raw-query path and 0.7 ms this way
   * (`caseload:driver`, packages/bench/README.md). Undefined on SQLite.
   */
  readonly direct?: RawQuery;
  /**
   * Commits the audit entries of reads in batches (group commit): on PostgreSQL into `AuditEntry`
   * over a connection of its own (`postgresAuditConnection`); on SQLite into the audit journal (a
   * file of its own, so no answer waits for the register's write lock), from which they move into
   * `AuditEntry` behind the answers.
   */
  readonly audit: AuditWriter;
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
  if (target.provider === 'sqlite') createPrivateSqliteFile(target.location);
  const { client: prisma, direct } = await createClient(target, options.onQuery);
  if (target.provider === 'sqlite') {
    await prisma.$queryRawUnsafe('PRAGMA journal_mode = WAL');
    await prisma.$executeRawUnsafe('PRAGMA foreign_keys = ON');
    await prisma.$queryRawUnsafe('PRAGMA busy_timeout = 10000');
    // An answered read is an audited read: its entries' commit must reach the disk, not only the WAL
    // in the OS's cache. Group commit keeps that to one sync per batch of reads.
    await prisma.$executeRawUnsafe('PRAGMA synchronous = FULL');
  }
  const reader = target.provider === 'sqlite' ? (await createClient(target, options.onQuery)).client : prisma;
  if (reader !== prisma) await reader.$queryRawUnsafe('PRAGMA query_only = ON');
  const auditConnection =
    target.provider === 'postgresql' ? await openAuditConnection(target, options.onQuery) : null;
  const audit = auditConnection
    ? // One INSERT … SELECT is atomic on its own, and PostgreSQL's row locks never hold it behind
      // another transaction's writes.
      groupCommitAuditWriter(auditConnection.commit, { gatherTurn: false })
    : journaledAuditWriter(openJournal(target.location), openAuditMover(target.location));
  // Entries of reads answered just before the process last stopped (killed) are moved in now.
  await audit.settled();
  return {
    target,
    prisma,
    reader,
    ...(direct ? { direct } : {}),
    audit,
    ping: async () => {
      await prisma.$queryRawUnsafe('SELECT 1');
    },
    close: async () => {
      await audit.close();
      await auditConnection?.close();
      if (reader !== prisma) await reader.$disconnect();
      await prisma.$disconnect();
    },
  };
}

async function createClient(
  target: DatabaseTarget,
  onQuery: ((sql: string) => void) | undefined,
): Promise<{ client: DbClient; direct?: RawQuery }> {
  const log = onQuery ? [{ emit: 'event' as const, level: 'query' as const }] : [];
  let prisma: DbClient;
  let direct: RawQuery | undefined;
  if (target.provider === 'sqlite') {
    // busy_timeout: a second writer waits instead of failing (and a reader during WAL recovery).
    const adapter = new PrismaBetterSqlite3({ url: target.location, timeout: 10_000 });
    prisma = new SqliteClient({ adapter, log }) as DbClient;
  } else {
    // Loaded only for PostgreSQL: a start on SQLite never compiles the driver or its client.
    const [{ PrismaPg }, { PrismaClient: PostgresClient }, { default: pg }] = await Promise.all([
      import('@prisma/adapter-pg'),
      import('./generated/postgresql/client.ts'),
      import('pg'),
    ]);
    const schema = target.schema ?? 'public';
    // search_path too, so that hand-written SQL (indicators, window queries) finds the same tables.
    const pool = new pg.Pool({
      ...postgresClientConfig(target.location),
      max: 10,
      options: `-c search_path="${schema}"`,
    });
    // An idle connection that breaks is dropped by the pool; without a listener the process would exit.
    pool.on('error', () => {});
    // One set of names for both ways onto the pool: a name stands for one text on every connection.
    const names = preparedStatementNames();
    const adapter = new PrismaPg(pool, {
      schema,
      // The adapter's type says string; pg sends a statement without a name unnamed.
      statementNameGenerator: names as (query: { sql: string }) => string,
      // The pool is this function's, but Prisma's `$disconnect` is how the database is closed.
      disposeExternalPool: true,
    });
    prisma = new PostgresClient({ adapter, log }) as unknown as DbClient;
    direct = async <T>(sql: string, values: readonly unknown[]) => {
      onQuery?.(sql);
      const name = names({ sql });
      return (await pool.query({ ...(name ? { name } : {}), text: sql, values: [...values] })).rows as T[];
    };
  }
  if (onQuery)
    (prisma as unknown as { $on(event: 'query', cb: (e: { query: string }) => void): void }).$on(
      'query',
      (e) => onQuery(e.query),
    );
  return direct ? { client: prisma, direct } : { client: prisma };
}

/** The PostgreSQL audit writer's own connection, on the same schema as the register's pool. */
async function openAuditConnection(
  target: DatabaseTarget,
  onQuery: ((sql: string) => void) | undefined,
): Promise<PostgresAuditConnection> {
  // Loaded only for PostgreSQL, as the driver adapter is.
  const { default: pg } = await import('pg');
  return postgresAuditConnection(
    pg.Client,
    {
      ...postgresClientConfig(target.location),
      options: `-c search_path="${target.schema ?? 'public'}"`,
      // Shown in pg_stat_activity, apart from the register's pool.
      application_name: 'hikikomori-register audit',
    },
    onQuery,
  );
}

function openJournal(registerPath: string) {
  createPrivateSqliteFile(journalPathOf(registerPath));
  return openAuditJournal(registerPath);
}
