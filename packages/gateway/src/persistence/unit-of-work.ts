import type { Repositories, UnitOfWork } from '@hikikomori-register/core';
import { agencyDirectoryOf, isWholeDirectory } from './agency-directory.ts';
import type { Database } from './database.ts';
import { migrationsTable } from './migrate/driver.ts';
import { prismaRepositories, type Tx } from './repositories/prisma-repositories.ts';
import { postgresDialect, type SqlDialect, sqliteDialect } from './repositories/sql-dialect.ts';
import type { SecondConnection } from './repositories/sql-indicators.ts';

/**
 * One interactive transaction on the database, as every write of the register takes it.
 * - PostgreSQL (READ COMMITTED): a concurrent writer blocks on the row, then fails the version
 *   compare, which surfaces as `VersionConflictError`.
 * - SQLite: Prisma opens transactions DEFERRED; a transaction that read before another process
 *   committed could then not write at all (SQLITE_BUSY_SNAPSHOT). So each transaction first takes the
 *   write lock with a no-op write — the effect of BEGIN IMMEDIATE — and a second writer waits for the
 *   busy timeout instead, then sees the committed version.
 * Once it ends, the agency directory kept for reads is forgotten (it may have written an agency).
 */
export async function databaseTransaction<T>(
  database: Database,
  work: (tx: Tx, dialect: SqlDialect) => Promise<T>,
): Promise<T> {
  const dialect = dialectOf(database);
  const takeWriteLock = database.target.provider === 'sqlite';
  try {
    return await database.prisma.$transaction(
      async (tx) => {
        if (takeWriteLock)
          await tx.$executeRawUnsafe(`UPDATE "${migrationsTable}" SET "name" = "name" WHERE 0`);
        return work(tx, dialect);
      },
      {
        maxWait: 10_000,
        timeout: 30_000,
      },
    );
  } finally {
    agencyDirectoryOf(database).forget();
  }
}

/** Reports that may hold a second connection at the same time (the pool has 10, see database.ts). */
const SECOND_CONNECTIONS = 2;

/**
 * A database's second connections for reports, shared by every unit of work on it. Few reports at once
 * may hold two connections: were every pooled connection a report's first, each waiting for its
 * second, none would finish. The others run their statements in turn.
 */
const secondConnections = new WeakMap<Database, SecondConnection>();
function secondConnectionOf(database: Database): SecondConnection {
  let second = secondConnections.get(database);
  if (second) return second;
  let spare = SECOND_CONNECTIONS;
  second = (work) => {
    if (spare === 0) return null;
    spare--;
    return database.prisma.$transaction(work, { maxWait: 10_000, timeout: 30_000 }).finally(() => {
      spare++;
    });
  };
  secondConnections.set(database, second);
  return second;
}

/** The core's unit of work on Prisma: one interactive transaction per use-case call. */
export class PrismaUnitOfWork implements UnitOfWork {
  /**
   * On PostgreSQL, a report runs half of its statements on a second pooled connection beside the
   * transaction (each statement counts on one core). Not on SQLite: one writer at a time.
   */
  private readonly secondConnection: SecondConnection | undefined;

  /**
   * `answersHeld`: a read hands its audit entries to the writer and returns at once, without waiting
   * for their commit; whoever answers with it must hold the answer until the writer's `committed`
   * (the gateway does, per request: see `heldReadsOf`). Off by default: a read returns only once its
   * entries are committed.
   */
  constructor(
    private readonly database: Database,
    private readonly options: { readonly answersHeld?: boolean } = {},
  ) {
    this.secondConnection =
      database.target.provider === 'postgresql' ? secondConnectionOf(database) : undefined;
  }

  transaction<T>(work: (repositories: Repositories) => Promise<T>): Promise<T> {
    return databaseTransaction(this.database, (tx, dialect) =>
      work(prismaRepositories(tx, dialect, this.secondConnection)),
    );
  }

  /**
   * Reads without an interactive transaction, on the database's reader (SQLite: its own connection,
   * so no read waits for the write lock or queues behind a write transaction). The audit entries a read
   * use-case appends at its end go to the group-commit audit writer, and the read returns only once
   * they are committed. Listing the audit log here first waits for the entries already acknowledged.
   */
  read<T>(work: (repositories: Repositories) => Promise<T>): Promise<T> {
    return work(this.readRepositories());
  }

  /**
   * The read path's repositories depend on nothing of the request: built once, not for every
   * use-case call (each build made some hundred closures, a share of every page's garbage).
   */
  private readers: Repositories | undefined;
  private readRepositories(): Repositories {
    if (this.readers) return this.readers;
    const repositories = prismaRepositories(
      this.database.reader as unknown as Tx,
      dialectOf(this.database),
      undefined,
      this.database.direct,
    );
    const writer = this.database.audit;
    const log = repositories.audit;
    const directory = agencyDirectoryOf(this.database);
    const agencies = repositories.agencies;
    this.readers = {
      ...repositories,
      agencies: {
        ...agencies,
        list: (filter) =>
          isWholeDirectory(filter) ? directory.list(() => agencies.list(filter)) : agencies.list(filter),
      },
      audit: {
        append: this.options.answersHeld
          ? (entries) => {
              // A failed commit is reported by `committed`, which holds the answer back.
              writer.append(entries).catch(() => {});
              return Promise.resolve();
            }
          : (entries) => writer.append(entries),
        // Every read answered so far is in the log before it is listed.
        list: async (query, request) => {
          await writer.settled();
          return log.list(query, request);
        },
        count: async (query) => {
          await writer.settled();
          return log.count(query);
        },
      },
    };
    return this.readers;
  }
}

const dialectOf = (database: Database): SqlDialect =>
  database.target.provider === 'postgresql' ? postgresDialect : sqliteDialect;

/**
 * A unit of work inside a transaction that is already open: the core's use-cases then write with
 * whatever else the caller writes in it (e.g. a new agency and its first admin's account).
 */
export function boundUnitOfWork(tx: Tx, dialect: SqlDialect): UnitOfWork {
  return { transaction: (work) => work(prismaRepositories(tx, dialect)) };
}
