import { describe, expect, it } from 'vitest';
import { harness, ok } from '../server/test-harness.ts';

/** 担当者 through GraphQL: assigning, 自分の担当, 異動 and the assignment history. */
describe('staff assignment through GraphQL', () => {
  async function setUp() {
    const h = await harness({ today: '2024-06-01' });
    const centre = await h.register.agencies.registerFirst({
      kind: 'hikikomoriRegionalCentre',
      name: '架空県ひきこもり地域支援センター',
      municipalityCode: '242012',
    });
    const tanaka = await h.token(centre, 'staff', '田中');
    const sato = await h.token(centre, 'staff', '佐藤');
    const supervisor = await h.token(centre, 'supervisor', '主任');
    const open = async (displayName: string) =>
      ok<{ case: { id: string } }>(
        await h.gql(
          tanaka.token,
          `mutation($input: OpenCaseInput!) { openCase(input: $input) { case { id } userErrors { field code } } }`,
          {
            input: {
              person: { displayName, municipalityCode: '242012' },
              case: { municipalityCode: '242012', openedOn: '2024-04-01' },
            },
          },
        ),
        'openCase',
      ).case.id;
    const cases = [await open('架空 一'), await open('架空 二')];
    return { h, tanaka, sato, supervisor, cases };
  }

  const assign = `mutation($input: AssignStaffInput!) { assignStaff(input: $input) {
    case { id version assignees { staffId staffName role startedOn } } userErrors { field code rule } } }`;

  it('assigns staff, lists 自分の担当 with ME, and moves a caseload on rotation', async () => {
    const { h, tanaka, sato, supervisor, cases } = await setUp();
    const [one, two] = cases as [string, string];
    const first = ok<{ case: { assignees: unknown[] } }>(
      await h.gql(tanaka.token, assign, { input: { caseId: one, staffId: tanaka.account.id } }),
      'assignStaff',
    );
    expect(first.case.assignees).toEqual([
      { staffId: tanaka.account.id, staffName: '田中', role: 'PRIMARY', startedOn: '2024-06-01' },
    ]);
    ok(
      await h.gql(tanaka.token, assign, { input: { caseId: two, staffId: tanaka.account.id } }),
      'assignStaff',
    );
    ok(
      await h.gql(tanaka.token, assign, { input: { caseId: two, staffId: sato.account.id } }),
      'assignStaff',
    );
    const mine = `{ cases(filter: { assignedTo: "ME" }) { totalCount edges { node { id } } } }`;
    const tanakas = await h.gql<{ cases: { totalCount: number } }>(tanaka.token, mine);
    expect(tanakas.data?.cases.totalCount).toBe(2);
    const satos = await h.gql<{ cases: { edges: { node: { id: string } }[] } }>(sato.token, mine);
    expect(satos.data?.cases.edges.map((e) => e.node.id)).toEqual([two]);

    // A caseworker may not rotate; the supervisor moves everything of 田中 to 佐藤 at once.
    const rotate = `mutation($input: ReassignStaffCasesInput!) { reassignStaffCases(input: $input) {
      movedCount cases { id assignees { staffName role } } userErrors { code } } }`;
    const input = { fromStaffId: tanaka.account.id, toStaffId: sato.account.id, effectiveOn: '2024-07-01' };
    const refused = await h.gql<{ reassignStaffCases: { userErrors: { code: string }[] } }>(
      tanaka.token,
      rotate,
      {
        input,
      },
    );
    expect(refused.data?.reassignStaffCases.userErrors.map((e) => e.code)).toEqual(['FORBIDDEN']);
    const moved = ok<{ movedCount: number; cases: { id: string; assignees: unknown[] }[] }>(
      await h.gql(supervisor.token, rotate, { input }),
      'reassignStaffCases',
    );
    expect(moved.movedCount).toBe(2);
    const byId = Object.fromEntries(moved.cases.map((c) => [c.id, c.assignees]));
    expect(byId[one]).toEqual([{ staffName: '佐藤', role: 'PRIMARY' }]);
    // 佐藤 was already 副担当 of the second case: now its 主担当.
    expect(byId[two]).toEqual([{ staffName: '佐藤', role: 'PRIMARY' }]);
    expect((await h.gql<{ cases: { totalCount: number } }>(tanaka.token, mine)).data?.cases.totalCount).toBe(
      0,
    );

    const history = await h.gql<{ case: { assignmentHistory: unknown[] } }>(
      supervisor.token,
      `query($id: ID!) { case(id: $id) { assignmentHistory { staffName role startedOn startedVia endedOn endedVia } } }`,
      { id: two },
    );
    expect(history.data?.case.assignmentHistory).toEqual([
      {
        staffName: '田中',
        role: 'PRIMARY',
        startedOn: '2024-06-01',
        startedVia: 'ASSIGNED',
        endedOn: '2024-07-01',
        endedVia: 'ROTATION',
      },
      {
        staffName: '佐藤',
        role: 'SECONDARY',
        startedOn: '2024-06-01',
        startedVia: 'ASSIGNED',
        endedOn: '2024-07-01',
        endedVia: 'ROLE_CHANGED',
      },
      {
        staffName: '佐藤',
        role: 'PRIMARY',
        startedOn: '2024-07-01',
        startedVia: 'ROLE_CHANGED',
        endedOn: null,
        endedVia: null,
      },
    ]);
  });

  it('refuses an unknown staff id and a double assignment as user errors naming the field', async () => {
    const { h, tanaka, cases } = await setUp();
    const unknown = await h.gql<{ assignStaff: { userErrors: unknown[] } }>(tanaka.token, assign, {
      input: { caseId: cases[0], staffId: 'no-such-staff' },
    });
    expect(unknown.data?.assignStaff.userErrors).toEqual([
      { field: ['input', 'staffId'], code: 'NOT_FOUND', rule: 'exists' },
    ]);
    ok(
      await h.gql(tanaka.token, assign, { input: { caseId: cases[0], staffId: tanaka.account.id } }),
      'assignStaff',
    );
    const twice = await h.gql<{ assignStaff: { userErrors: { rule: string }[] } }>(tanaka.token, assign, {
      input: { caseId: cases[0], staffId: tanaka.account.id },
    });
    expect(twice.data?.assignStaff.userErrors.map((e) => e.rule)).toEqual(['already_assigned']);
  });

  it('holds staff ids to the text rule: NUL and unpaired surrogates are user errors naming the field', async () => {
    const { h, tanaka, supervisor, cases } = await setUp();
    const errorsOf = async (token: string, query: string, input: Record<string, unknown>, name: string) =>
      (await h.gql<Record<string, { userErrors: unknown[] }>>(token, query, { input })).data?.[name]
        ?.userErrors;
    expect(
      await errorsOf(tanaka.token, assign, { caseId: cases[0], staffId: 'a\u0000b' }, 'assignStaff'),
    ).toEqual([{ field: ['input', 'staffId'], code: 'VALIDATION_FAILED', rule: 'noNulCharacter' }]);
    const unassign = `mutation($input: UnassignStaffInput!) { unassignStaff(input: $input) { userErrors { field code rule } } }`;
    expect(
      await errorsOf(tanaka.token, unassign, { caseId: cases[0], staffId: 'a\uD800' }, 'unassignStaff'),
    ).toEqual([{ field: ['input', 'staffId'], code: 'VALIDATION_FAILED', rule: 'noUnpairedSurrogate' }]);
    const rotate = `mutation($input: ReassignStaffCasesInput!) { reassignStaffCases(input: $input) { userErrors { field code rule } } }`;
    expect(
      await errorsOf(
        supervisor.token,
        rotate,
        { fromStaffId: 'x\u0000', toStaffId: tanaka.account.id },
        'reassignStaffCases',
      ),
    ).toEqual([{ field: ['input', 'fromStaffId'], code: 'VALIDATION_FAILED', rule: 'noNulCharacter' }]);
    const filtered = await h.gql(
      tanaka.token,
      `{ cases(filter: { assignedTo: "a\u0000b" }) { totalCount } }`,
    );
    expect(filtered.errors?.[0]?.extensions?.code).toBe('VALIDATION_FAILED');
  });
});
