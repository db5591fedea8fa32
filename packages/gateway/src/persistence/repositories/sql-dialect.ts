import type { Prisma } from '../generated/sqlite/client.ts';

type Tx = Prisma.TransactionClient;

/**
 * The few places where the repositories write SQL by hand (window queries, indicator aggregation)
 * differ between SQLite and PostgreSQL only in how parameters are written. Table and column names are
 * the Prisma model names, quoted, so the same text runs on both.
 */
export interface SqlDialect {
  readonly provider: 'sqlite' | 'postgresql';
  /** Placeholder for the n-th parameter (1-based). */
  param(n: number): string;
  /** Ids of the newest row per case among `caseIds`, ordered by `orderBy` descending (one statement). */
  latestPerCase(
    tx: Tx,
    table: 'Contact' | 'Assessment',
    caseIds: string[],
    orderBy: readonly string[],
    /** A fixed SQL condition the rows must meet too (never user input). */
    only?: string,
  ): Promise<string[]>;
}

function dialect(provider: SqlDialect['provider']): SqlDialect {
  const param = provider === 'postgresql' ? (n: number) => `$${n}` : (_n: number) => '?';
  return {
    provider,
    param,
    async latestPerCase(tx, table, caseIds, orderBy, only) {
      const placeholders = caseIds.map((_, i) => param(i + 1)).join(', ');
      const order = [...orderBy.map((c) => `"${c}" DESC`), '"id" DESC'].join(', ');
      const sql = `SELECT "id" FROM (SELECT "id", ROW_NUMBER() OVER (PARTITION BY "caseId" ORDER BY ${order}) AS "rank" FROM "${table}" WHERE "caseId" IN (${placeholders})${only ? ` AND ${only}` : ''}) AS "ranked" WHERE "rank" = 1`;
      const found = await tx.$queryRawUnsafe<{ id: string }[]>(sql, ...caseIds);
      return found.map((r) => r.id);
    },
  };
}

export const sqliteDialect: SqlDialect = dialect('sqlite');
export const postgresDialect: SqlDialect = dialect('postgresql');
