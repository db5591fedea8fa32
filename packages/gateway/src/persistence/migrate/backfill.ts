import { personSearchKeys } from '@hikikomori-register/core';
import { casesById, contactTallyStatements, runStatements } from '../repositories/contact-tallies.ts';
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

/** The migration that added the maintained contact tallies: their backfill runs once it is applied. */
export const CONTACT_TALLIES_MIGRATION = '0016_contact_tallies_and_history_in_force';

/** Cases whose tallies are written per transaction. */
export const TALLY_BACKFILL_BATCH_SIZE = 1000;

/**
 * 集計の補完: the tallies of the cases recorded before they were maintained. The categories and age
 * bands are the core's (contact-tallies.ts), so the rows are written here rather than by the migration's
 * SQL, a batch of cases per transaction holding the migration lock. Only cases with a counted contact
 * and no tally are read, in id order after the last one seen, so a run that stops halfway resumes and a
 * second run finds nothing to do.
 */
export async function backfillContactTallies(
  driver: MigrationDriver,
  batchSize = TALLY_BACKFILL_BATCH_SIZE,
): Promise<number> {
  const p = (n: number) => (driver.provider === 'postgresql' ? `$${n}` : '?');
  let after = '';
  let written = 0;
  for (;;) {
    const batch = await driver.inLockedTransaction(async (tx) => {
      const found = await tx.query<{ id: string }>(
        `SELECT c."id" FROM "Case" c
         WHERE c."id" > ${p(1)}
           AND EXISTS (SELECT 1 FROM "Contact" k WHERE k."caseId" = c."id" AND k."voidedAt" IS NULL)
           AND NOT EXISTS (SELECT 1 FROM "ContactTally" t WHERE t."caseId" = c."id")
         ORDER BY c."id" LIMIT ${p(2)}`,
        [after, batchSize],
      );
      if (found.length > 0)
        await runStatements(contactTallyStatements(casesById(found.map((r) => r.id))), p, (sql, values) =>
          tx.query(sql, values),
        );
      return found.map((r) => r.id);
    });
    written += batch.length;
    const last = batch.at(-1);
    if (last === undefined || batch.length < batchSize) return written;
    after = last;
  }
}
