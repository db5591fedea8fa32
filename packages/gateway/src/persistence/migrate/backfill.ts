import { personSearchKeys } from '@hikikomori-register/core';
import type { MigrationDriver } from './driver.ts';

/** The migration that added the stored search keys: the backfill runs once it is applied. */
export const SEARCH_KEYS_MIGRATION = '0013_persons_search_merge_assessment_corrections';

/** Persons updated per transaction: short transactions keep the gateway writing meanwhile. */
export const BACKFILL_BATCH_SIZE = 500;

/**
 * 検索キーの補完: persons registered before the keys were stored have `nameKey`/`kanaKey` "" (the
 * column default), so search and the duplicate check would not find them. The keys are the core's
 * `searchKey` (kana folding is not SQL), so they are computed here and written back in batches, each
 * in a transaction holding the migration lock. Only rows whose key is "" while its source is not are
 * read, and they are read in id order after the last one seen, so a run that stops halfway resumes
 * and a second run finds nothing to do. Version and updatedAt stay: the keys are derived, not edits.
 */
export async function backfillPersonSearchKeys(
  driver: MigrationDriver,
  batchSize = BACKFILL_BATCH_SIZE,
): Promise<number> {
  const p = (n: number) => (driver.provider === 'postgresql' ? `$${n}` : '?');
  let after = '';
  let updated = 0;
  for (;;) {
    const batch = await driver.inLockedTransaction(async (tx) => {
      const found = await tx.query<{ id: string; displayName: string; kana: string | null }>(
        `SELECT "id", "displayName", "kana" FROM "Person"
         WHERE "id" > ${p(1)}
           AND (("nameKey" = '' AND "displayName" <> '') OR ("kanaKey" = '' AND "kana" IS NOT NULL AND "kana" <> ''))
         ORDER BY "id" LIMIT ${p(2)}`,
        [after, batchSize],
      );
      for (const row of found) {
        const keys = personSearchKeys(row);
        await tx.query(`UPDATE "Person" SET "nameKey" = ${p(1)}, "kanaKey" = ${p(2)} WHERE "id" = ${p(3)}`, [
          keys.nameKey,
          keys.kanaKey,
          row.id,
        ]);
      }
      return found.map((r) => r.id);
    });
    updated += batch.length;
    const last = batch.at(-1);
    if (last === undefined || batch.length < batchSize) return updated;
    after = last;
  }
}
