import type { Repositories, UnitOfWork } from '@hikikomori-register/core';
import type { Database } from './database.ts';
import { migrationsTable } from './migrate/driver.ts';
import { prismaRepositories } from './repositories/prisma-repositories.ts';
import { postgresDialect, sqliteDialect } from './repositories/sql-dialect.ts';

/**
 * The core's unit of work on Prisma: one interactive transaction per use-case call (every use-case
 * writes at least its audit entry).
 * - PostgreSQL (READ COMMITTED): a concurrent writer blocks on the row, then fails the version
 *   compare, which surfaces as `VersionConflictError`.
 * - SQLite: Prisma opens transactions DEFERRED; a transaction that read before another process
 *   committed could then not write at all (SQLITE_BUSY_SNAPSHOT). So each transaction first takes the
 *   write lock with a no-op write — the effect of BEGIN IMMEDIATE — and a second writer waits for the
 *   busy timeout instead, then sees the committed version.
 */
export class PrismaUnitOfWork implements UnitOfWork {
  constructor(private readonly database: Database) {}

  transaction<T>(work: (repositories: Repositories) => Promise<T>): Promise<T> {
    const dialect = this.database.target.provider === 'postgresql' ? postgresDialect : sqliteDialect;
    const takeWriteLock = this.database.target.provider === 'sqlite';
    return this.database.prisma.$transaction(
      async (tx) => {
        if (takeWriteLock)
          await tx.$executeRawUnsafe(`UPDATE "${migrationsTable}" SET "name" = "name" WHERE 0`);
        return work(prismaRepositories(tx, dialect));
      },
      {
        maxWait: 10_000,
        timeout: 30_000,
      },
    );
  }
}
