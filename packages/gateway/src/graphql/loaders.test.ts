import { type Actor, type CaseloadRequest, createInMemoryRegister } from '@hikikomori-register/core';
import { describe, expect, it } from 'vitest';
import { harness } from '../server/test-harness.ts';
import { caseloadBatcher, createLoaders } from './loaders.ts';

async function withCases(count: number) {
  const h = await harness({ today: '2023-06-01' });
  const agency = await h.register.agencies.registerFirst({
    kind: 'municipalHikikomoriDesk',
    name: 'Desk',
    municipalityCode: '242012',
  });
  const actor: Actor = { staffId: 'w', agencyId: agency.id, role: 'staff' };
  const caseIds: string[] = [];
  for (let i = 0; i < count; i++)
    caseIds.push(
      (
        await h.register.cases.open(actor, {
          person: { displayName: `P${i}`, municipalityCode: '242012' },
          case: { municipalityCode: '242012', openedOn: '2023-06-01' },
          firstContact: {
            occurredOn: '2023-06-01',
            channel: 'phone',
            consultingParty: { kind: 'anonymous' },
            personContact: 'none',
            contents: ['other'],
          },
        })
      ).case.id,
    );
  // Every batched read goes through `caseload`; the per-kind methods are counted to show they are not used.
  const calls: { name: string; parts: string[] }[] = [];
  const batch = h.register.batch as unknown as Record<string, (...args: unknown[]) => unknown>;
  for (const name of ['caseload', 'persons', 'lastContacts', 'latestAssessments', 'openReferrals', 'plans']) {
    const original = batch[name]?.bind(h.register.batch) as (...args: unknown[]) => unknown;
    batch[name] = (...args: unknown[]) => {
      calls.push({ name, parts: name === 'caseload' ? Object.keys(args[1] as CaseloadRequest).sort() : [] });
      return original(...args);
    };
  }
  // A `cases` page reads its per-case fields with the page itself (`cases.caseload`).
  const cases = h.register.cases as unknown as Record<string, (...args: unknown[]) => unknown>;
  for (const name of ['caseload', 'list']) {
    const original = cases[name]?.bind(h.register.cases) as (...args: unknown[]) => unknown;
    cases[name] = (...args: unknown[]) => {
      calls.push({
        name: `cases.${name}`,
        parts: name === 'caseload' ? [...(args[3] as string[])].sort() : [],
      });
      return original(...args);
    };
  }
  return { h, agency, actor, caseIds, calls };
}

describe('per-request loaders', () => {
  it('a caseload page is read with every per-case field it asks in one core call, whatever the number of cases', async () => {
    const { h, agency, calls } = await withCases(5);
    const { token } = await h.token(agency, 'staff');
    const r = await h.gql<{ cases: { edges: { node: { person: { displayName: string } } }[] } }>(
      token,
      `{ cases(first: 5) { edges { node { id person { displayName } lastContact { occurredOn }
         latestAssessment { total } openReferrals { edges { node { id } } } reviewOverdue } } } }`,
    );
    expect(r.errors).toBeUndefined();
    expect(r.data?.cases.edges.map((e) => e.node.person.displayName).sort()).toEqual([
      'P0',
      'P1',
      'P2',
      'P3',
      'P4',
    ]);
    expect(calls).toEqual([
      {
        name: 'cases.caseload',
        parts: ['lastContact', 'latestAssessmentSummary', 'openReferrals', 'personSummary', 'reviewsDue'],
      },
    ]);
  });

  it('reads the person, latest assessment and plans whole only where a page asks for their household, answers and fields', async () => {
    const { h, agency, calls } = await withCases(2);
    const { token } = await h.token(agency, 'staff');
    const r = await h.gql(
      token,
      `{ cases(first: 2) { edges { node { latestAssessment { ...Answers } reviewOverdue
         person { displayName household { relation } } plans { edges { node { reviewDueOn } } } } } } }
       fragment Answers on Assessment { total answers { itemId value } }`,
    );
    expect(r.errors).toBeUndefined();
    expect(calls).toEqual([
      { name: 'cases.caseload', parts: ['latestAssessment', 'person', 'plans', 'reviewsDue'] },
    ]);
  });

  it('reads only the parts the query asks for', async () => {
    const { h, agency, calls } = await withCases(3);
    const { token } = await h.token(agency, 'staff');
    const r = await h.gql(token, '{ cases(first: 3) { edges { node { person { displayName } } } } }');
    expect(r.errors).toBeUndefined();
    expect(calls).toEqual([{ name: 'cases.caseload', parts: ['personSummary'] }]);
  });

  it('reads the per-case fields a page asks through fragments with the page too', async () => {
    const { h, agency, calls } = await withCases(2);
    const { token } = await h.token(agency, 'staff');
    const r = await h.gql(
      token,
      `query { cases(first: 2) { edges { node { ...Row ... on Case { latestAssessment { total } } } } } }
       fragment Row on Case { lastContact { occurredOn } reviewOverdue }`,
    );
    expect(r.errors).toBeUndefined();
    expect(calls).toEqual([
      { name: 'cases.caseload', parts: ['lastContact', 'latestAssessmentSummary', 'reviewsDue'] },
    ]);
  });

  it('joins loads made a few promise steps apart, and answers each in its own order', async () => {
    const { h, actor, caseIds, calls } = await withCases(3);
    const [a, b, c] = caseIds as [string, string, string];
    const loaders = createLoaders(h.register, () => actor);
    const later = async () => {
      await Promise.resolve();
      await Promise.resolve();
      return loaders.plans.loadMany([c, a]);
    };
    const [persons, contacts, plans] = await Promise.all([
      loaders.persons.loadMany([b, 'missing', a]),
      loaders.lastContacts.load(c),
      later(),
    ]);
    expect(persons.map((p) => (p instanceof Error || p === null ? p : p.displayName))).toEqual([
      'P1',
      null,
      'P0',
    ]);
    expect(contacts?.channel).toBe('phone');
    expect(plans).toEqual([[], []]);
    expect(calls).toEqual([{ name: 'caseload', parts: ['lastContact', 'person', 'plans'] }]);
  });

  it('fails every load of a turn when the combined read fails, and reads afresh on the next', async () => {
    const { register } = await createInMemoryRegister();
    let fail = true;
    const batch = register.batch as unknown as Record<string, (...args: unknown[]) => unknown>;
    const original = batch.caseload?.bind(register.batch) as (...args: unknown[]) => unknown;
    batch.caseload = (...args: unknown[]) =>
      fail ? Promise.reject(new Error('database gone')) : original(...args);
    const load = caseloadBatcher(register, () => ({ staffId: 'w', agencyId: 'a', role: 'staff' }));
    const results = await Promise.allSettled([load('person', ['x']), load('plans', ['x'])]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    // An agency that sees no case gets nulls and empty lists, not an error.
    expect(await Promise.all([load('person', ['x']), load('plans', ['x'])])).toEqual([[null], [[]]]);
  });
});
