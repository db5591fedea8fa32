import { Prisma } from '../generated/sqlite/client.ts';
import type { Tx } from './prisma-repositories.ts';
import type { SqlDialect } from './sql-dialect.ts';

export type TableName = Prisma.ModelName;

/** Columns of every model, from the generated client (so a new column is never silently skipped). */
const COLUMNS: Readonly<Record<TableName, readonly string[]>> = Object.fromEntries(
  Object.values(Prisma.ModelName).map((model) => [
    model,
    Object.values(
      (Prisma as unknown as Record<string, Record<string, string>>)[`${model}ScalarFieldEnum`] ?? {},
    ),
  ]),
) as unknown as Record<TableName, readonly string[]>;

/**
 * The values Prisma's client would fill in for a column a row leaves out (`@default(now())`,
 * `@updatedAt`, `@default(1)`, …): schema.prisma keeps defaults in the client, not the database.
 */
function clientDefault(column: string, now: Date): unknown {
  switch (column) {
    case 'createdAt':
    case 'updatedAt':
    case 'recordedAt':
    case 'publishedAt':
    case 'addedAt':
      return now;
    case 'version':
      return 1;
    case 'active':
      return true;
    case 'online':
    case 'allowsOnline':
    case 'closed':
      return false;
    default:
      return null;
  }
}

/**
 * Multi-row INSERT of rows shaped as `createMany` takes them (the rows.ts mappers), through the
 * transaction's raw query path. Prisma's `createMany` costs about 0.3 ms of client CPU per row (and
 * on SQLite splits at 999 parameters); this sends the same values (dates, booleans and JSON encoded
 * by the driver adapters exactly as the client encodes them) in statements of a few thousand
 * parameters, which is what makes 100 000 seeded cases practical and keeps the audit entries of a
 * 100-case page to one statement.
 */
export async function bulkInsert(
  tx: Tx,
  dialect: SqlDialect,
  table: TableName,
  rows: readonly Readonly<Record<string, unknown>>[],
  now: Date = new Date(),
): Promise<void> {
  if (rows.length === 0) return;
  const columns = COLUMNS[table];
  if (!columns || columns.length === 0) throw new Error(`no columns known for table ${table}`);
  for (const row of rows.slice(0, 1))
    for (const key of Object.keys(row))
      if (!columns.includes(key)) throw new Error(`${table} has no column ${key}`);
  // Both databases take far more parameters per statement; smaller statements are not slower.
  const perStatement = Math.max(1, Math.floor(8000 / columns.length));
  const head = `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES `;
  for (let start = 0; start < rows.length; start += perStatement) {
    const chunk = rows.slice(start, start + perStatement);
    const values: unknown[] = [];
    const tuples = chunk.map((row) => {
      const placeholders = columns.map((column) => {
        const value = column in row ? row[column] : clientDefault(column, now);
        values.push(encode(value));
        return dialect.param(values.length);
      });
      return `(${placeholders.join(', ')})`;
    });
    await tx.$executeRawUnsafe(head + tuples.join(', '), ...values);
  }
}

/** JSON columns go as text; everything else (strings, numbers, booleans, dates, null) as it is. */
function encode(value: unknown): unknown {
  if (value === undefined) return null;
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) return JSON.stringify(value);
  return value;
}
