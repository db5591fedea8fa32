import type { Repositories, UnitOfWork } from '@hikikomori-register/core';
import type { Database } from './database.ts';
import { migrationsTable } from './migrate/driver.ts';
import { prismaRepositories, type Tx } from './repositories/prisma-repositories.ts';
import { postgresDialect, type SqlDialect, sqliteDialect } from './repositories/sql-dialect.ts';

/**
 * One interactive transaction on the database, as every write of the register takes it.
 * - PostgreSQL (READ COMMITTED): a concurrent writer blocks on the row, then fails the version
 *   compare, which surfaces as `VersionConflictError`.
 * - SQLite: Prisma opens transactions DEFERRED; a transaction that read before another process
 *   committed could then not write at all (SQLITE_BUSY_SNAPSHOT). So each transaction first takes the
 *   write lock with a no-op write — the effect of BEGIN IMMEDIATE — and a second writer waits for the
 *   busy timeout instead, then sees the committed version.
 */
export function databaseTransaction<T>(
  database: Database,
  work: (tx: Tx, dialect: SqlDialect) => Promise<T>,
): Promise<T> {
  const dialect = dialectOf(database);
  const takeWriteLock = database.target.provider === 'sqlite';
  return database.prisma.$transaction(
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
}

/** The core's unit of work on Prisma: one interactive transaction per use-case call. */
export class PrismaUnitOfWork implements UnitOfWork {
  constructor(private readonly database: Database) {}

  transaction<T>(work: (repositories: Repositories) => Promise<T>): Promise<T> {
    return databaseTransaction(this.database, (tx, dialect) => work(prismaRepositories(tx, dialect)));
  }

  /**
   * Reads straight on the client, without an interactive transaction: no BEGIN/COMMIT round trips,
   * no pinned connection and, on SQLite, no write lock for the reads (the audit entries a read use-case
   * appends at its end are one INSERT).
   */
  read<T>(work: (repositories: Repositories) => Promise<T>): Promise<T> {
    return work(prismaRepositories(this.database.prisma as unknown as Tx, dialectOf(this.database)));
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
