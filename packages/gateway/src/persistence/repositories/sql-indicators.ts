import type { IndicatorCounts, IndicatorQuery } from '@hikikomori-register/core';
import type { Prisma } from '../generated/sqlite/client.ts';
import type { SqlDialect } from './sql-dialect.ts';

/**
 * Indicator counts aggregated in the database (SQL GROUP BY), never by loading every record: the
 * figures must equal the core's `countIndicators` over the same records.
 */
export async function sqlIndicatorCounts(
  _tx: Prisma.TransactionClient,
  _dialect: SqlDialect,
  _query: IndicatorQuery,
): Promise<IndicatorCounts> {
  throw new Error('sqlIndicatorCounts: being written');
}
