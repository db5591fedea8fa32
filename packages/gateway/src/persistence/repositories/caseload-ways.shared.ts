import type { CaseListQuery, CaseloadPageParts, CaseloadPageRows } from '@hikikomori-register/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../database.ts';
import { generateSeed } from '../seed/generate.ts';
import { writeSeed } from '../seed/write.ts';
import type { TestDatabaseProvider } from '../testing/test-databases.ts';
import {
  agencyCaseCount,
  type CaseloadWay,
  caseloadPageSql,
  caseloadSqlCovers,
  caseloadWayFor,
  type RawQuery,
  rawQueryOf,
} from './caseload-sql.ts';
import type { Tx } from './prisma-repositories.ts';
import { postgresDialect, sqliteDialect } from './sql-dialect.ts';

const today = '2025-06-15';
const EVERY_PART: CaseloadPageParts = {
  person: true,
  personSummary: true,
  lastContact: true,
  latestAssessment: true,
  latestAssessmentSummary: true,
  plans: true,
  reviewsDue: true,
};

/**
 * The caseload page read both ways (`newestFirst`, `agencyCasesFirst`) is the same page, for every
 * agency, filter and cursor: which way is taken may only change how long it takes.
 */
export function describeCaseloadWays(databases: TestDatabaseProvider): void {
  describe(`caseload page read both ways on ${databases.name}`, () => {
    let db: Database;
    let tx: Tx;
    let run: RawQuery;
    const dialect = databases.name === 'postgresql' ? postgresDialect : sqliteDialect;
    const seed = generateSeed({ cases: 160, seed: 11, today });
    beforeAll(async () => {
      db = await openDatabase(await databases.create());
      await writeSeed(db, seed);
      tx = db.reader as unknown as Tx;
      // As the register's reads send it: straight through the driver where the database has that way.
      run = db.direct ?? rawQueryOf(tx);
    }, 120_000);
    afterAll(async () => {
      await db?.close();
      await databases.dropAll();
    });

    /** Every page of the caseload, `first` at a time, read one way. */
    const allPages = async (query: Omit<CaseListQuery, 'page'>, way: CaseloadWay, first = 9) => {
      const pages: CaseloadPageRows[] = [];
      let after: string | undefined;
      for (;;) {
        const page = await caseloadPageSql(
          run,
          dialect,
          { ...query, page: { first, after } },
          EVERY_PART,
          way,
        );
        pages.push(page);
        if (!page.page.hasNextPage) return pages;
        after = page.page.endCursor ?? undefined;
      }
    };
    const sameBothWays = async (query: Omit<CaseListQuery, 'page'>) => {
      expect(caseloadSqlCovers({ ...query, page: { first: 9 } })).toBe(true);
      const newest = await allPages(query, 'newestFirst');
      expect(await allPages(query, 'agencyCasesFirst')).toEqual(newest);
      return newest.flatMap((p) => p.page.items);
    };

    it('is the same page for every agency, cursor after cursor', async () => {
      let seen = 0;
      for (const agency of seed.agencies) {
        const cases = await sameBothWays({ visibleToAgencyId: agency.id, filter: {} });
        seen += cases.length;
        // Newest first, none twice.
        expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
        for (let i = 1; i < cases.length; i++)
          expect((cases[i - 1]?.createdAt.getTime() ?? 0) >= (cases[i]?.createdAt.getTime() ?? 0)).toBe(true);
      }
      expect(seen).toBeGreaterThan(seed.agencies.length);
    });

    it('is the same page under every filter the statement implements', async () => {
      const busiest = await busiestAgencies(3);
      const other = seed.agencies.find((a) => !busiest.includes(a.id))?.id ?? '';
      const municipality = seed.agencies[0]?.municipalityCode ?? '';
      const filters: CaseListQuery['filter'][] = [
        { status: 'active' },
        { stage: 'individual' },
        { leadAgencyId: busiest[0] },
        { agencyId: other },
        { municipalityCode: municipality },
        { personReached: true },
        { personReached: false },
        { referralPending: true },
        { referralPending: false },
        { reviewOverdueOn: today },
        { status: 'active', personReached: true, reviewOverdueOn: today },
      ];
      let found = 0;
      for (const agency of busiest)
        for (const filter of filters)
          found += (await sameBothWays({ visibleToAgencyId: agency, filter })).length;
      expect(found).toBeGreaterThan(0);
    });

    it('reads an agency that sees few cases from its own cases, and one that sees many by walking them all', async () => {
      const [busiest = ''] = await busiestAgencies(1);
      const many = await agencyCaseCount(tx, dialect, busiest, 10_000);
      expect(many).toBeGreaterThan(5);
      // Counting stops past the limit asked.
      expect(await agencyCaseCount(tx, dialect, busiest, 3)).toBe(4);
      expect(await caseloadWayFor(tx, dialect, busiest, many)).toBe('agencyCasesFirst');
      expect(await caseloadWayFor(tx, dialect, busiest, many - 1)).toBe('newestFirst');
      expect(await agencyCaseCount(tx, dialect, 'an-agency-with-no-case', 10)).toBe(0);
      expect(await caseloadWayFor(tx, dialect, 'an-agency-with-no-case')).toBe('agencyCasesFirst');
    });

    it('writes the page size, stage and status into its statement and binds ids, dates and other text', async () => {
      const [busiest = ''] = await busiestAgencies(1);
      const municipality = seed.agencies[0]?.municipalityCode ?? '';
      const sent: { sql: string; values: unknown[] }[] = [];
      const recording: RawQuery = (sql, values) => {
        sent.push({ sql, values: [...values] });
        return run(sql, values);
      };
      const filter = { status: 'active', stage: 'individual', municipalityCode: municipality } as const;
      for (const way of ['newestFirst', 'agencyCasesFirst'] as const) {
        sent.length = 0;
        await caseloadPageSql(
          recording,
          dialect,
          { visibleToAgencyId: busiest, filter, page: { first: 9 } },
          EVERY_PART,
          way,
        );
        const [page] = sent;
        expect(page?.sql).toContain(`c."status" = 'active'`);
        expect(page?.sql).toContain(`c."stage" = 'individual'`);
        expect(page?.sql).toMatch(/LIMIT 10\)/);
        expect(page?.values).toContain(busiest);
        expect(page?.values).toContain(municipality);
        expect(page?.values).not.toContain('active');
        expect(page?.values).not.toContain(10);
      }
      // Text that is not a code is bound, as any other text: it matches no case.
      const odd = "active' OR 'a' = 'a";
      sent.length = 0;
      const none = await caseloadPageSql(
        recording,
        dialect,
        { visibleToAgencyId: busiest, filter: { status: odd as 'active' }, page: { first: 9 } },
        EVERY_PART,
      );
      expect(none.page.items).toEqual([]);
      expect(sent[0]?.sql).not.toContain(odd);
      expect(sent[0]?.values).toContain(odd);
    });

    /** The agencies that see the most cases, most first. */
    async function busiestAgencies(n: number): Promise<string[]> {
      const counted = await Promise.all(
        seed.agencies.map(async (a) => ({ id: a.id, n: await agencyCaseCount(tx, dialect, a.id, 10_000) })),
      );
      return counted
        .sort((a, b) => b.n - a.n)
        .slice(0, n)
        .map((a) => a.id);
    }
  });
}
