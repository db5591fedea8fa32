import {
  type Actor,
  ALL_CASE_SECTIONS,
  type AuditEntry,
  type CaseloadPart,
  type CaseSection,
  createRegister,
  type Referral,
  type StaffRole,
  type UnitOfWork,
} from '@hikikomori-register/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../database.ts';
import { generateSeed } from '../seed/generate.ts';
import { writeSeed } from '../seed/write.ts';
import type { TestDatabaseProvider } from '../testing/test-databases.ts';
import { PrismaUnitOfWork } from '../unit-of-work.ts';
import * as rows from './rows.ts';

const today = '2025-06-15';
const ROLES: readonly StaffRole[] = ['staff', 'supervisor', 'agencyAdmin', 'operator', 'auditor'];
const PART_SETS: readonly (readonly CaseloadPart[])[] = [
  // The example caseload query's.
  ['personSummary', 'lastContact', 'latestAssessmentSummary', 'openReferrals', 'reviewsDue'],
  ['person', 'personSummary', 'lastContact', 'latestAssessment', 'plans', 'openReferrals', 'assignees'],
  [],
];

/** Sets of sections pending referrals share with the recipient agency (a referral always shares the summary). */
const SHARED: readonly (readonly CaseSection[])[] = [
  ['summary'],
  ['summary', 'person'],
  ['summary', 'person', 'household'],
  ['summary', 'contacts', 'plans'],
  ['summary', 'health', 'assessments', 'referrals'],
  ALL_CASE_SECTIONS,
];

/** Pages a store read, and how many of them it wrote the audit entries of itself. */
interface Tally {
  pages: number;
  audited: number;
}

/**
 * The database's unit of work with its store's caseload pages counted; `passAudit` false: a store that
 * cannot write a page's audit entries with the page (it is told nothing of them).
 */
function countingCaseloads(database: Database, tally: Tally, passAudit: boolean): UnitOfWork {
  const unitOfWork = new PrismaUnitOfWork(database);
  return {
    transaction: (work) => unitOfWork.transaction(work),
    read: (work) =>
      unitOfWork.read((repos) =>
        work({
          ...repos,
          cases: {
            ...repos.cases,
            listCaseload: async (query, parts, audit) => {
              const page = await repos.cases.listCaseload(query, parts, passAudit ? audit : undefined);
              tally.pages += 1;
              if (page.audited) tally.audited += 1;
              return page;
            },
          },
        }),
      ),
  };
}

/**
 * A caseload page's `case.list` entries are the core's whichever way they are written: on PostgreSQL
 * by the statement that reads the page, on SQLite through the audit writer. Compared with the entries
 * the core writes itself (the same store, told nothing of the audit), for every role, relation of the
 * agency to a case (lead, supporting, recipient of pending referrals sharing various sections) and
 * set of parts; a page whose entries were listed short would get a second, whole entry per case.
 */
export function describeCaseloadAudit(databases: TestDatabaseProvider): void {
  describe(`caseload page audit entries on ${databases.name}`, () => {
    let db: Database;
    const seed = generateSeed({ cases: 120, seed: 5, today });
    // The agency that receives the referrals below, and one that leads many cases.
    const recipient = seed.agencies[3]?.id ?? '';
    const busiest = seed.agencies[0]?.id ?? '';
    let actors = 0;

    beforeAll(async () => {
      db = await openDatabase(await databases.create());
      await writeSeed(db, seed);
      // Pending referrals to `recipient` of cases it neither leads nor supports, sharing each set
      // above; every third case gets two, whose sections add up.
      const cases = [...seed.cases()];
      const template = cases.flatMap((c) => c.referrals)[0] as Referral;
      const others = cases
        .map((c) => c.record)
        .filter((r) => r.leadAgencyId !== recipient && !r.supportingAgencyIds.includes(recipient));
      const referrals = others.slice(0, 24).flatMap((record, i) =>
        Array.from({ length: i % 3 === 0 ? 2 : 1 }, (_, j) => ({
          ...template,
          id: `audit-referral-${i}-${j}`,
          caseId: record.id,
          fromAgencyId: record.leadAgencyId,
          toAgencyId: recipient,
          previousReferralId: null,
          sharedSections: SHARED[(i + j * 2) % SHARED.length] ?? ['summary'],
          status: 'sent' as const,
          version: 1,
          history: (template.history ?? []).slice(0, 1),
        })),
      );
      await new PrismaUnitOfWork(db).transaction(async (repos) => {
        for (const r of referrals) await repos.referrals.insert(r);
      });
    }, 120_000);
    afterAll(async () => {
      await db?.close();
      await databases.dropAll();
    });

    /** Every page of the actor's caseload; then its `case.list` entries, or the error that refused it. */
    const entriesOf = async (
      unitOfWork: UnitOfWork,
      agencyId: string,
      role: StaffRole,
      parts: readonly CaseloadPart[],
    ) => {
      const register = createRegister({ unitOfWork });
      actors += 1;
      const actor = { staffId: `audit-check-${actors}`, agencyId, role } as Actor;
      const listed: string[] = [];
      try {
        let after: string | undefined;
        for (;;) {
          const page = await register.cases.caseload(actor, {}, { first: 25, after }, parts);
          listed.push(...page.page.items.map((v) => v.record.id));
          if (!page.page.hasNextPage) break;
          after = page.page.endCursor ?? undefined;
        }
      } catch (error) {
        return { refused: String(error) };
      }
      await db.audit.settled();
      const entries = (await db.prisma.auditEntry.findMany({ where: { actorStaffId: actor.staffId } })).map(
        rows.auditFromRow,
      );
      return { listed, entries };
    };
    /** Each listed case's entry: its sections, and the fields every entry of a page shares. */
    const byCase = (entries: readonly AuditEntry[]) =>
      Object.fromEntries(
        entries.map((e) => [
          e.entityId,
          { sections: e.sections, entity: e.entity, caseId: e.caseId, operation: e.operation },
        ]),
      );

    it('lists the sections the core lists, one entry per case, for every role, relation and set of parts', async () => {
      const sections = new Set<string>();
      const withPage: Tally = { pages: 0, audited: 0 };
      const apart: Tally = { pages: 0, audited: 0 };
      for (const agencyId of [recipient, busiest])
        for (const role of ROLES)
          for (const parts of PART_SETS) {
            const fused = await entriesOf(countingCaseloads(db, withPage, true), agencyId, role, parts);
            const own = await entriesOf(countingCaseloads(db, apart, false), agencyId, role, parts);
            if ('refused' in fused || 'refused' in own) {
              expect(fused).toEqual(own);
              continue;
            }
            expect(fused.listed).toEqual(own.listed);
            expect(fused.entries).toHaveLength(fused.listed.length);
            expect(new Set(fused.entries.map((e) => e.entityId))).toEqual(new Set(fused.listed));
            expect(byCase(fused.entries)).toEqual(byCase(own.entries));
            for (const e of fused.entries) {
              expect(e).toMatchObject({ agencyId, role, operation: 'case.list', outcome: 'allowed' });
              sections.add(e.sections.join(','));
            }
          }
      // The referrals above made the recipient's entries list many different sets of sections.
      expect(sections.size).toBeGreaterThanOrEqual(8);
      // PostgreSQL wrote every page's entries with the page; SQLite none (a read takes no write lock).
      expect(withPage.pages).toBeGreaterThan(20);
      expect(withPage.audited).toBe(databases.name === 'postgresql' ? withPage.pages : 0);
      expect(apart.audited).toBe(0);
    });
  });
}
