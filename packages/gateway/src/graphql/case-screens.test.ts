import { describe, expect, it } from 'vitest';
import { harness, ok } from '../server/test-harness.ts';

/** What list and case screens ask of the API: counts, name search and the moves to offer. */
describe('case screens through GraphQL', () => {
  async function setUp() {
    const h = await harness({ today: '2023-04-03' });
    const centre = await h.register.agencies.registerFirst({
      kind: 'hikikomoriRegionalCentre',
      name: '架空県ひきこもり地域支援センター',
      municipalityCode: '242012',
    });
    const worker = (await h.token(centre, 'staff')).token;
    const admin = (await h.token(centre, 'agencyAdmin')).token;
    const open = async (displayName: string, kana: string) =>
      ok<{ case: { id: string } }>(
        await h.gql(
          worker,
          `mutation($input: OpenCaseInput!) { openCase(input: $input) { case { id } userErrors { field code } } }`,
          {
            input: {
              person: { displayName, kana, municipalityCode: '242012' },
              case: { municipalityCode: '242012', openedOn: '2023-04-03' },
            },
          },
        ),
        'openCase',
      ).case.id;
    const taro = await open('架空 太郎', 'かくう たろう');
    const hanako = await open('架空 花子', 'カクウ ハナコ');
    return { h, worker, admin, taro, hanako };
  }

  it('counts the caseload per filter over all pages and finds a person by name or kana', async () => {
    const { h, worker, admin, taro } = await setUp();
    const result = await h.gql<Record<string, { totalCount: number; edges: { node: { id: string } }[] }>>(
      worker,
      `{ all: cases(first: 1) { totalCount edges { node { id } } }
         active: cases(filter: { status: ACTIVE }) { totalCount }
         paused: cases(filter: { status: PAUSED }) { totalCount }
         byKana: cases(filter: { personName: "タロウ" }) { totalCount edges { node { id } } } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.all?.totalCount).toBe(2);
    expect(result.data?.all?.edges).toHaveLength(1);
    expect(result.data?.active?.totalCount).toBe(2);
    expect(result.data?.paused?.totalCount).toBe(0);
    expect(result.data?.byKana?.edges.map((e) => e.node.id)).toEqual([taro]);
    expect(result.data?.byKana?.totalCount).toBe(1);
    const counts = await h.gql<Record<string, number>>(
      worker,
      `{ all: caseCount active: caseCount(filter: { status: ACTIVE }) closed: caseCount(filter: { status: CLOSED })
         hanako: caseCount(filter: { personName: "はなこ" }) }`,
    );
    expect(counts.data).toEqual({ all: 2, active: 2, closed: 0, hanako: 1 });
    // Counting reads no case: nothing is audited for it.
    const audit = await h.gql<{ auditLog: { edges: { node: { operation: string } }[] } }>(
      admin,
      '{ auditLog(first: 100) { edges { node { operation } } } }',
    );
    const operations = audit.data?.auditLog.edges.map((e) => e.node.operation) ?? [];
    expect(operations).toContain('case.list');
    expect(operations).not.toContain('case.count');
  });

  it('says on every list how many items it has over all pages', async () => {
    const { h, worker, admin, taro } = await setUp();
    const lists = await h.gql<{
      case: {
        history: { supportStages: { totalCount: number; edges: unknown[] } };
        contacts: { totalCount: number };
        referrals: { totalCount: number };
      };
      agencies: { totalCount: number };
    }>(
      worker,
      `query($id: ID!) { case(id: $id) {
         history { supportStages(first: 1) { totalCount edges { cursor } } }
         contacts { totalCount } referrals { totalCount } }
       agencies(first: 1) { totalCount } }`,
      { id: taro },
    );
    expect(lists.errors).toBeUndefined();
    expect(lists.data?.case.history.supportStages).toMatchObject({ totalCount: 1 });
    expect(lists.data?.case.contacts.totalCount).toBe(0);
    expect(lists.data?.case.referrals.totalCount).toBe(0);
    expect(lists.data?.agencies.totalCount).toBe(1);
    const log = await h.gql<{ auditLog: { totalCount: number; edges: unknown[] } }>(
      admin,
      '{ auditLog(first: 1) { totalCount edges { cursor } } }',
    );
    expect(log.data?.auditLog.edges).toHaveLength(1);
    // Two cases opened and the lists above read: more entries than the one page shows.
    expect(log.data?.auditLog.totalCount).toBeGreaterThan(2);
    const all = await h.gql<{ auditLog: { totalCount: number; edges: unknown[] } }>(
      admin,
      '{ auditLog(first: 100) { totalCount edges { cursor } } }',
    );
    expect(all.data?.auditLog.edges).toHaveLength(all.data?.auditLog.totalCount ?? -1);
  });

  it('holds the audit filters to the text rules: an operation name longer than a name is refused', async () => {
    const { h, admin } = await setUp();
    const query = 'query($op: String!) { auditLog(filter: { operation: $op }) { totalCount } }';
    const all = await h.gql<{ auditLog: { edges: { node: { operation: string } }[] } }>(
      admin,
      '{ auditLog(first: 1) { edges { node { operation } } } }',
    );
    const op = all.data?.auditLog.edges[0]?.node.operation;
    expect(op).toBeTruthy();
    const found = await h.gql<{ auditLog: { totalCount: number } }>(admin, query, { op });
    expect(found.errors).toBeUndefined();
    expect(found.data?.auditLog.totalCount).toBeGreaterThan(0);
    const long = await h.gql(admin, query, { op: 'x'.repeat(201) });
    expect(long.errors?.[0]?.extensions).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'filter.operation',
    });
    const nul = await h.gql(admin, query, { op: 'case\u0000list' });
    expect(nul.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', rule: 'noNulCharacter' });
  });

  it('refuses a name search to an agency admin and an empty one to anybody, with a code', async () => {
    const { h, worker, admin } = await setUp();
    const byAdmin = await h.gql(admin, '{ cases(filter: { personName: "架空" }) { totalCount } }');
    expect(byAdmin.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const empty = await h.gql(worker, '{ cases(filter: { personName: "  " }) { totalCount } }');
    expect(empty.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'personName' });
  });

  it('offers the legal moves for the case as it stands, and none to an agency admin', async () => {
    const { h, worker, admin, taro } = await setUp();
    const query = `query($id: ID!) { case(id: $id) { moveOptions {
      stage { to direction reasonRequired } familyStage { to direction }
      status { to move needs } } } }`;
    const options = await h.gql<{ case: { moveOptions: Record<string, unknown[]> } }>(worker, query, {
      id: taro,
    });
    expect(options.data?.case.moveOptions).toEqual({
      stage: [{ to: 'INDIVIDUAL', direction: 'FORWARD', reasonRequired: false }],
      familyStage: [
        { to: 'CONSULTATION', direction: 'INITIAL' },
        { to: 'LEARNING', direction: 'INITIAL' },
        { to: 'PEER_SUPPORT', direction: 'INITIAL' },
        { to: 'SELF_SUSTAINING', direction: 'INITIAL' },
      ],
      status: [
        { to: 'PAUSED', move: 'PAUSED', needs: 'PAUSE' },
        { to: 'CONTACT_LOST', move: 'CONTACT_LOST', needs: null },
        { to: 'CLOSED', move: 'CLOSED', needs: 'CLOSURE' },
      ],
    });
    const byAdmin = await h.gql<{ case: { moveOptions: Record<string, unknown[]> } }>(admin, query, {
      id: taro,
    });
    expect(byAdmin.data?.case.moveOptions).toEqual({ stage: [], familyStage: [], status: [] });
  });
});
