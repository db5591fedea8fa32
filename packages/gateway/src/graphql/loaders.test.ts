import { describe, expect, it } from 'vitest';
import { harness } from '../server/test-harness.ts';

describe('per-request loaders', () => {
  it('a caseload page costs one batched core call per kind, whatever the number of cases', async () => {
    const h = await harness({ today: '2023-06-01' });
    const agency = await h.register.agencies.registerFirst({
      kind: 'municipalHikikomoriDesk',
      name: 'Desk',
      municipalityCode: '242012',
    });
    const actor = { staffId: 'w', agencyId: agency.id, role: 'staff' as const };
    for (let i = 0; i < 5; i++)
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
      });
    const calls: Record<string, number> = {};
    const batch = h.register.batch as unknown as Record<string, (...args: unknown[]) => unknown>;
    for (const name of ['persons', 'lastContacts', 'latestAssessments', 'openReferrals', 'plans']) {
      const original = batch[name]?.bind(h.register.batch) as (...args: unknown[]) => unknown;
      batch[name] = (...args: unknown[]) => {
        calls[name] = (calls[name] ?? 0) + 1;
        return original(...args);
      };
    }
    const { token } = await h.token(agency, 'staff');
    const r = await h.gql<{ cases: { edges: { node: { person: { displayName: string } } }[] } }>(
      token,
      `{ cases(first: 5) { edges { node { id person { displayName } lastContact { occurredOn }
         latestAssessment { total } openReferrals { edges { node { id } } } reviewOverdue } } } }`,
    );
    expect(r.errors).toBeUndefined();
    expect(r.data?.cases.edges).toHaveLength(5);
    expect(calls).toEqual({ persons: 1, lastContacts: 1, latestAssessments: 1, openReferrals: 1, plans: 1 });
  });
});
