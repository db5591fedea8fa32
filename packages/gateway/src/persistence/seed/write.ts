import { DEFAULT_CHECKLIST } from '@hikikomori-register/core';
import { agencyDirectoryOf } from '../agency-directory.ts';
import type { Database } from '../database.ts';
import { bulkInsert, type TableName } from '../repositories/bulk-insert.ts';
import {
  casesById,
  contactTallyStatements,
  inForceStatements,
  runStatements,
} from '../repositories/contact-tallies.ts';
import type { Tx } from '../repositories/prisma-repositories.ts';
import * as rows from '../repositories/rows.ts';
import { postgresDialect, sqliteDialect } from '../repositories/sql-dialect.ts';
import type { GeneratedSeed, SeedCase } from './generate.ts';

export interface WriteSeedOptions {
  /** Cases per transaction (default 1000). */
  readonly batchSize?: number;
  /** Called after every batch with the number of cases written so far. */
  readonly onProgress?: (casesWritten: number) => void;
  /**
   * `insert` (default): multi-row INSERT statements of the same rows; `createMany`: Prisma's
   * `createMany`, about ten times slower (client CPU) but kept to check the two agree.
   */
  readonly method?: 'insert' | 'createMany';
}

export interface SeedWriteReport {
  readonly cases: number;
  /** Rows inserted per table. */
  readonly rows: Readonly<Record<string, number>>;
  readonly milliseconds: number;
}

/** A calendar day as an instant (10:00 in Japan), for the recordedAt columns the records do not carry. */
const instant = (day: string) => new Date(`${day}T10:00:00+09:00`);

/**
 * Bulk-inserts a generated seed: the shared records (agencies, places, programmes, sessions) first,
 * then the cases in batches, each batch one transaction with one bulk insert per table in
 * foreign-key order. Rows are made by the repositories' own mappers (rows.ts), so seeded data reads
 * back exactly like data written through the register. The default checklist is installed when
 * missing.
 */
export async function writeSeed(
  db: Database,
  seed: GeneratedSeed,
  options: WriteSeedOptions = {},
): Promise<SeedWriteReport> {
  const started = performance.now();
  const batchSize = options.batchSize ?? 1000;
  const dialect = db.target.provider === 'postgresql' ? postgresDialect : sqliteDialect;
  const useCreateMany = options.method === 'createMany';
  const now = new Date();
  const counts: Record<string, number> = {};
  let tx: Tx | undefined;
  const insert = async <T extends Record<string, unknown>>(
    table: TableName,
    data: readonly T[],
    createMany: (chunk: T[]) => Promise<unknown>,
  ): Promise<void> => {
    if (!tx) throw new Error('insert outside a transaction');
    if (!useCreateMany) await bulkInsert(tx, dialect, table, data, now);
    else for (let i = 0; i < data.length; i += 5000) await createMany(data.slice(i, i + 5000));
    counts[table] = (counts[table] ?? 0) + data.length;
  };
  const transaction = (work: (tx: Tx) => Promise<void>) =>
    db.prisma
      .$transaction(
        async (client) => {
          tx = client;
          try {
            await work(client);
          } finally {
            tx = undefined;
          }
        },
        { maxWait: 60_000, timeout: 10 * 60_000 },
      )
      // The seed writes agencies: reads list the directory anew.
      .finally(() => agencyDirectoryOf(db).forget());

  await transaction(async (tx) => {
    const checklist = { id: DEFAULT_CHECKLIST.id, version: DEFAULT_CHECKLIST.version };
    if (!(await tx.checklistDefinition.findUnique({ where: { id_version: checklist } })))
      await tx.checklistDefinition.create({ data: rows.checklistRow(DEFAULT_CHECKLIST) });
    await insert('Agency', seed.newAgencies.map(rows.agencyRow), (data) => tx.agency.createMany({ data }));
    await insert('Place', seed.places.map(rows.placeRow), (data) => tx.place.createMany({ data }));
    await insert('Programme', seed.programmes.map(rows.programmeRow), (data) =>
      tx.programme.createMany({ data }),
    );
    await insert('ProgrammeSession', seed.sessions.map(rows.sessionRow), (data) =>
      tx.programmeSession.createMany({ data }),
    );
  });

  let written = 0;
  let batch: SeedCase[] = [];
  const flush = async () => {
    const cases = batch;
    batch = [];
    if (cases.length === 0) return;
    await transaction(async (tx) => {
      const all = <T>(pick: (c: SeedCase) => readonly T[]) => cases.flatMap(pick);
      await insert(
        'Person',
        cases.map((c) => rows.personRow(c.person)),
        (data) => tx.person.createMany({ data }),
      );
      await insert(
        'HouseholdMember',
        cases.flatMap((c) => rows.householdRows(c.person)),
        (data) => tx.householdMember.createMany({ data }),
      );
      await insert(
        'Case',
        cases.map((c) => rows.caseRow(c.record)),
        (data) => tx.case.createMany({ data }),
      );
      await insert(
        'CaseSupportingAgency',
        cases.flatMap((c) => rows.supportingAgencyRows(c.record)),
        (data) => tx.caseSupportingAgency.createMany({ data }),
      );
      await insert('CaseAgencyChange', all((c) => c.agencyChanges).map(rows.agencyChangeRow), (data) =>
        tx.caseAgencyChange.createMany({ data }),
      );
      await insert('SupportStageChange', all((c) => c.supportStages).map(rows.stageChangeRow), (data) =>
        tx.supportStageChange.createMany({ data }),
      );
      await insert('FamilyStageChange', all((c) => c.familyStages).map(rows.stageChangeRow), (data) =>
        tx.familyStageChange.createMany({ data }),
      );
      await insert('CaseStatusChange', all((c) => c.statuses).map(rows.statusChangeRow), (data) =>
        tx.caseStatusChange.createMany({ data }),
      );
      await insert('Contact', all((c) => c.contacts).map(rows.contactRow), (data) =>
        tx.contact.createMany({ data }),
      );
      await insert('Assessment', all((c) => c.assessments).map(rows.assessmentRow), (data) =>
        tx.assessment.createMany({ data }),
      );
      const plans = all((c) => c.plans);
      await insert('SupportPlan', plans.map(rows.planRow), (data) => tx.supportPlan.createMany({ data }));
      await insert(
        'SupportPlanReview',
        plans.flatMap((p) => rows.planReviewRows(p)),
        (data) => tx.supportPlanReview.createMany({ data }),
      );
      await insert('Consent', all((c) => c.consents).map(rows.consentRow), (data) =>
        tx.consent.createMany({ data }),
      );
      // A re-referral follows the referral it points at, within its case's list.
      const referrals = all((c) => c.referrals);
      await insert('Referral', referrals.map(rows.referralRow), (data) => tx.referral.createMany({ data }));
      await insert(
        'ReferralStatusChange',
        referrals.flatMap((r) => rows.referralHistoryRows(r, 0, instant(r.sentOn))),
        (data) => tx.referralStatusChange.createMany({ data }),
      );
      await insert(
        'Attendance',
        all((c) => c.attendances).map((a) => rows.attendanceRow(a, instant(a.attendedOn))),
        (data) => tx.attendance.createMany({ data }),
      );
      // The maintained indicator tables of the batch's cases, in the batch's transaction.
      const ids = casesById(cases.map((c) => c.record.id));
      await runStatements(
        [...inForceStatements(ids), ...contactTallyStatements(ids)],
        (n) => dialect.param(n),
        (sql, values) => tx.$executeRawUnsafe(sql, ...values),
      );
    });
    written += cases.length;
    options.onProgress?.(written);
  };

  for (const c of seed.cases()) {
    batch.push(c);
    if (batch.length >= batchSize) await flush();
  }
  await flush();
  // Fresh planner statistics: a bulk load leaves the tables far larger than the planner last saw.
  if (db.target.provider === 'postgresql')
    await db.prisma.$executeRawUnsafe(
      `ANALYZE ${[...Object.keys(counts), 'ContactTally'].map((t) => `"${t}"`).join(', ')}`,
    );
  else {
    await db.prisma.$queryRawUnsafe('PRAGMA analysis_limit = 1000');
    await db.prisma.$executeRawUnsafe('ANALYZE');
  }
  return { cases: written, rows: counts, milliseconds: Math.round(performance.now() - started) };
}
