import type { Actor, Agency } from '@hikikomori-register/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestDatabaseProvider } from '../persistence/testing/test-databases.ts';
import { type Harness, harness, ok } from '../server/test-harness.ts';
import { globalId } from './ids.ts';

const WORKLIST = `query($on: Date, $staffId: ID) {
  worklist(on: $on, staffId: $staffId) {
    on staffId totalCount
    counts { kind count }
    items { kind dueOn daysOverdue planId plannedContact { plannedOn note } case { id status { state } } referral { id } }
  }
}`;

interface WorklistData {
  worklist: {
    on: string;
    staffId: string;
    totalCount: number;
    counts: { kind: string; count: number }[];
    items: {
      kind: string;
      dueOn: string;
      daysOverdue: number;
      planId: string | null;
      plannedContact: { plannedOn: string; note: string | null } | null;
      case: { id: string } | null;
      referral: { id: string } | null;
    }[];
  };
}

/**
 * Most statements one worklist may cost, however many cases it lists (measured: 13 on SQLite and on
 * PostgreSQL): one read per source (assignments, cases, referrals in and out, latest contacts,
 * planned contacts, plans), the agency directory and the audit INSERT.
 */
const MOST_STATEMENTS = 13;

/** 次回支援予定 and the worklist through GraphQL, with the statements one worklist costs. */
export function describeWorklistGraphQL(databases: TestDatabaseProvider): void {
  describe(`planned next contact and worklist through GraphQL on ${databases.name}`, () => {
    const statements: string[] = [];
    let counting = false;
    let h: Harness;
    let centre: Agency;
    let worker: { token: string; actor: Actor };
    let supervisor: { token: string; actor: Actor };
    let colleague: { token: string; actor: Actor };
    const cases: string[] = [];

    const account = async (role: 'staff' | 'supervisor', name: string) => {
      const { account: a, token } = await h.token(centre, role, name);
      return { token, actor: { staffId: a.id, agencyId: centre.id, role } as Actor };
    };
    const open = async () => {
      const opened = await h.register.cases.open(worker.actor, {
        person: { displayName: '架空 太郎', municipalityCode: '242012' },
        case: { municipalityCode: '242012', openedOn: '2025-04-01' },
      });
      await h.register.assignments.assign(worker.actor, opened.case.id, {
        id: worker.actor.staffId,
        agencyId: centre.id,
        active: true,
      });
      cases.push(opened.case.id);
      return opened.case.id;
    };

    beforeAll(async () => {
      h = await harness({
        today: '2025-04-01',
        backend: databases,
        onQuery: (sql) => {
          if (counting) statements.push(sql);
        },
      });
      centre = await h.register.agencies.registerFirst({
        kind: 'hikikomoriRegionalCentre',
        name: '架空県ひきこもり地域支援センター',
        municipalityCode: '242012',
      });
      worker = await account('staff', '担当 一郎');
      supervisor = await account('supervisor', '主任 花子');
      colleague = await account('staff', '同僚 次郎');
      await open();
    });
    afterAll(async () => {
      await h?.close();
      await databases.dropAll();
    });

    it('plans the next contact with a contact or on its own, refuses a past date naming the field, keeps the history', async () => {
      const caseId = globalId('Case', cases[0] as string);
      const recorded = await h.gql(
        worker.token,
        `mutation($input: RecordContactInput!) { recordContact(input: $input) { contact { id } userErrors { field rule } } }`,
        {
          input: {
            caseId,
            occurredOn: '2025-04-01',
            channel: 'PHONE',
            consultingParty: { kind: 'PERSON' },
            personContact: 'REACHED',
            contents: ['RELATIONSHIP_BUILDING'],
            nextContact: { plannedOn: '2025-04-08', channel: 'HOME_VISIT', note: '母と面談' },
          },
        },
      );
      ok(recorded, 'recordContact');
      const plan = (plannedOn: string, token = worker.token) =>
        h.gql<{ planNextContact: { plannedContact: { plannedOn: string } | null; userErrors: unknown[] } }>(
          token,
          `mutation($input: PlanNextContactInput!) { planNextContact(input: $input) { plannedContact { plannedOn } userErrors { field rule } } }`,
          { input: { caseId, plannedOn } },
        );
      expect((await plan('2025-03-31')).data?.planNextContact).toEqual({
        plannedContact: null,
        userErrors: [{ field: ['input', 'plannedOn'], rule: 'not_in_past' }],
      });
      expect((await plan('2025-04-10')).data?.planNextContact.plannedContact).toEqual({
        plannedOn: '2025-04-10',
      });
      const read = await h.gql<{
        node: {
          nextContact: { plannedOn: string };
          plannedContacts: { plannedOn: string | null; channel: string | null; note: string | null }[];
        };
      }>(
        worker.token,
        'query($id: ID!) { node(id: $id) { ... on Case { nextContact { plannedOn } plannedContacts { plannedOn channel note } } } }',
        { id: caseId },
      );
      expect(read.data?.node).toEqual({
        nextContact: { plannedOn: '2025-04-10' },
        plannedContacts: [
          { plannedOn: '2025-04-08', channel: 'HOME_VISIT', note: '母と面談' },
          { plannedOn: '2025-04-10', channel: null, note: null },
        ],
      });
    });

    it('lists the due items with their cases, lets a supervisor read a colleague’s list and refuses others', async () => {
      h.setToday('2025-04-15');
      const r = await h.gql<WorklistData>(worker.token, WORKLIST);
      expect(r.errors).toBeUndefined();
      const list = r.data?.worklist;
      expect(list?.on).toBe('2025-04-15');
      expect(list?.items.map((i) => [i.kind, i.dueOn, i.daysOverdue, i.case?.id])).toEqual([
        ['NEXT_CONTACT_DUE', '2025-04-10', 5, globalId('Case', cases[0] as string)],
      ]);
      expect(list?.items[0]?.plannedContact).toEqual({ plannedOn: '2025-04-10', note: null });
      expect(list?.counts.find((c) => c.kind === 'NEXT_CONTACT_DUE')?.count).toBe(1);
      expect(list?.totalCount).toBe(1);
      const onDay = await h.gql<WorklistData>(worker.token, WORKLIST, { on: '2025-04-09' });
      expect(onDay.data?.worklist.items).toEqual([]);
      const asSupervisor = await h.gql<WorklistData>(supervisor.token, WORKLIST, {
        staffId: worker.actor.staffId,
      });
      expect(asSupervisor.data?.worklist.items).toHaveLength(1);
      expect((await h.gql<WorklistData>(colleague.token, WORKLIST)).data?.worklist.items).toEqual([]);
      const refused = await h.gql(colleague.token, WORKLIST, { staffId: worker.actor.staffId });
      expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    });

    it('costs the same number of statements for 2 cases as for 12: no query per case', async () => {
      const measure = async () => {
        await h.gql(worker.token, WORKLIST); // the token's use is recorded once
        statements.length = 0;
        counting = true;
        const r = await h.gql<WorklistData>(worker.token, WORKLIST, { on: '2025-09-01' });
        counting = false;
        expect(r.errors).toBeUndefined();
        return { count: statements.length, items: r.data?.worklist.items.length ?? 0 };
      };
      h.setToday('2025-04-15');
      await open();
      const few = await measure();
      for (let i = 0; i < 10; i++) await open();
      const many = await measure();
      // Every case is 90+ days without contact on 2025-09-01.
      expect(few.items).toBe(3);
      expect(many.items).toBe(13);
      expect(many.count).toBe(few.count);
      expect(few.count).toBeLessThanOrEqual(MOST_STATEMENTS);
    });
  });
}
