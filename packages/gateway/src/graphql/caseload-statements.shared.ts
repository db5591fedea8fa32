import type { Actor, Agency } from '@hikikomori-register/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../persistence/seed/index.ts';
import type { TestDatabaseProvider } from '../persistence/testing/test-databases.ts';
import { EXAMPLE_CASELOAD_QUERY } from '../server/gateway.ts';
import { type Harness, harness } from '../server/test-harness.ts';

const TODAY = '2025-06-15';
const PAGE_SIZES = [5, 20, 100] as const;

/**
 * Most statements one caseload page may cost, whatever its size: the page with every per-case field
 * in one statement, which on PostgreSQL also writes the page's audit entries (on SQLite they take an
 * INSERT into the audit journal, as a read there must not take the register's write lock); the token
 * is trusted, the agency directory kept for a few seconds once read, and how to read the agency's
 * page (`caseloadWayFor`) for a minute. No interactive transaction: reads write nothing but their
 * audit.
 * (With a transaction per field kind it was 50 statements on PostgreSQL and 57 on SQLite, in 7
 * transactions; with one transaction for all fields 24 and 27, in 3; with the directory listed per
 * page 4; with the audit INSERT apart on PostgreSQL 2.)
 */
const MOST_STATEMENTS: Readonly<Record<TestDatabaseProvider['name'], number>> = {
  postgresql: 1,
  sqlite: 2,
};
const MOST_TRANSACTIONS = 0;

/** The example caseload query of GraphiQL, with the page size as a variable. */
function caseloadQuery(): string {
  const query = EXAMPLE_CASELOAD_QUERY.replace(
    'query Caseload($after: String)',
    'query Caseload($after: String, $first: Int!)',
  ).replace('cases(first: 20,', 'cases(first: $first,');
  if (!query.includes('$first: Int!') || !query.includes('cases(first: $first,'))
    throw new Error('the example caseload query changed shape: update this test');
  return query;
}

interface Caseload {
  me: { agency: { name: string } };
  cases: { edges: { node: CaseloadNode }[]; pageInfo: { hasNextPage: boolean } };
}

interface CaseloadNode {
  person: unknown;
  lastContact: unknown;
  latestAssessment: unknown;
  openReferrals: { edges: { node: { toAgency: { name: string } | null } }[] } | null;
  reviewOverdue: boolean | null;
}

/**
 * A caseload page costs the same number of SQL statements whatever its size: every per-case field
 * (person, stage, status, last contact, latest assessment, open referrals, review overdue) is loaded
 * for the whole page at once.
 */
export function describeCaseloadStatements(databases: TestDatabaseProvider): void {
  describe(`caseload query statements on ${databases.name}`, () => {
    const statements: string[] = [];
    let counting = false;
    let h: Harness;
    let token: string;
    let admin: Actor;

    beforeAll(async () => {
      h = await harness({
        today: TODAY,
        backend: databases,
        onQuery: (sql) => {
          if (counting) statements.push(sql);
        },
      });
      const desk = await h.register.agencies.registerFirst({
        kind: 'municipalHikikomoriDesk',
        name: '架空市ひきこもり支援窓口',
        municipalityCode: '242012',
      });
      admin = { staffId: 'setup', agencyId: desk.id, role: 'agencyAdmin' };
      const others: Agency[] = [];
      for (const [kind, name] of [
        ['youthSupportStation', '架空サポートステーション'],
        ['privateSupportOrganisation', '架空NPO'],
        ['medicalInstitution', '架空病院'],
      ] as const)
        others.push(await h.register.agencies.register(admin, { kind, name, municipalityCode: '242012' }));
      const worker = await h.token(desk, 'staff');
      token = worker.token;
      // Most of 400 generated cases are led by the desk; enough of them are active to fill 100.
      await seedDemo(h.database as NonNullable<Harness['database']>, {
        today: TODAY,
        agencies: [desk, ...others],
        staffIds: { [desk.id]: worker.account.id },
        cases: 400,
        seed: 7,
      });
      // Generated plans are reviewed on time: three of the newest cases get one whose review is due.
      const actor = { staffId: worker.account.id, agencyId: desk.id, role: 'staff' as const };
      const newest = await h.register.cases.list(actor, { status: 'active' }, { first: 3 });
      for (const view of newest.items)
        await h.register.casework.createPlan(actor, {
          caseId: view.record.id,
          createdOn: '2025-01-10',
          goals: [{ id: 'g1', description: '週1回、外出する' }],
          reviewDueOn: '2025-03-31',
        });
    });
    afterAll(async () => {
      await h?.close();
      await databases.dropAll();
    });

    const caseloadAnswer = async (first: number) => {
      const r = await h.gql<Caseload>(token, caseloadQuery(), { first });
      expect(r.errors).toBeUndefined();
      return r.data;
    };
    const caseload = async (first: number) =>
      (await caseloadAnswer(first))?.cases ?? { edges: [], pageInfo: { hasNextPage: false } };

    it('is the same for pages of 5, 20 and 100 cases', async () => {
      // The first request records the token's use (a write the next minute does not repeat).
      await caseload(5);
      const counts: Record<number, number> = {};
      const transactions: Record<number, number> = {};
      for (const first of PAGE_SIZES) {
        // The agency directory was listed just before (within the seconds it is kept).
        await caseload(5);
        statements.length = 0;
        counting = true;
        const page = await caseload(first);
        counting = false;
        expect(page.edges).toHaveLength(first);
        counts[first] = statements.length;
        transactions[first] = statements.filter((sql) => sql.trim().toUpperCase() === 'COMMIT').length;
      }
      expect(counts[20]).toBe(counts[5]);
      expect(counts[100]).toBe(counts[5]);
      // Counted, wherever it is sent from: a page is read.
      expect(counts[5]).toBeGreaterThanOrEqual(1);
      expect(counts[5]).toBeLessThanOrEqual(MOST_STATEMENTS[databases.name]);
      for (const first of PAGE_SIZES) expect(transactions[first]).toBeLessThanOrEqual(MOST_TRANSACTIONS);
    });

    it('names an agency as renamed on the next page, though the directory is kept', async () => {
      const before = await caseloadAnswer(5);
      const desk = (await h.register.agencies.list(admin, {})).find(
        (a) => a.name === before?.me.agency.name,
      ) as Agency;
      await h.register.agencies.update(admin, desk.id, { name: '架空市ひきこもり地域支援センター' });
      try {
        expect((await caseloadAnswer(5))?.me.agency.name).toBe('架空市ひきこもり地域支援センター');
      } finally {
        await h.register.agencies.update(admin, desk.id, { name: desk.name });
      }
      expect((await caseloadAnswer(5))?.me.agency.name).toBe(desk.name);
    });

    it('is measured on a page where every per-case field has data', async () => {
      const page = await caseload(100);
      expect(page.pageInfo.hasNextPage).toBe(true);
      const nodes = page.edges.map((e) => e.node);
      expect(nodes.every((n) => n.person !== null)).toBe(true);
      expect(nodes.some((n) => n.lastContact !== null)).toBe(true);
      expect(nodes.some((n) => n.latestAssessment !== null)).toBe(true);
      expect(nodes.every((n) => n.reviewOverdue !== null)).toBe(true);
      expect(nodes.filter((n) => n.reviewOverdue === true).length).toBeGreaterThanOrEqual(3);
      const referrals = nodes.flatMap((n) => n.openReferrals?.edges ?? []);
      expect(referrals.length).toBeGreaterThan(0);
      expect(referrals.every((e) => e.node.toAgency?.name)).toBe(true);
    });
  });
}
