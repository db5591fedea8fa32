import { describe, expect, it } from 'vitest';
import { harness, ok } from '../server/test-harness.ts';

/** The case at a past date, the person's age band and the 8050 check, and the caseload filters on them. */
describe('case dates, age band and 8050 through GraphQL', () => {
  async function setUp() {
    const h = await harness({ today: '2024-06-01' });
    const centre = await h.register.agencies.registerFirst({
      kind: 'hikikomoriRegionalCentre',
      name: '架空県ひきこもり地域支援センター',
      municipalityCode: '242012',
    });
    const worker = (await h.token(centre, 'staff')).token;
    const admin = (await h.token(centre, 'agencyAdmin')).token;
    const open = async (displayName: string, birthDate: string, motherBirthYear: number) =>
      ok<{ case: { id: string } }>(
        await h.gql(
          worker,
          `mutation($input: OpenCaseInput!) { openCase(input: $input) { case { id } userErrors { field code } } }`,
          {
            input: {
              person: {
                displayName,
                birthDate,
                municipalityCode: '242012',
                household: [{ relation: 'MOTHER', birthYear: motherBirthYear, livesWithPerson: true }],
              },
              case: { municipalityCode: '242012', openedOn: '2024-04-01' },
            },
          },
        ),
        'openCase',
      ).case.id;
    const fifty = await open('架空 五十', '1974-05-01', 1946);
    const young = await open('架空 二十', '2003-01-15', 1975);
    return { h, worker, admin, fifty, young };
  }

  it('reads the stage and status in force on a past date, with that day’s note', async () => {
    const { h, worker, fifty } = await setUp();
    ok(
      await h.gql(
        worker,
        `mutation($input: ChangeStatusInput!) { changeStatus(input: $input) { userErrors { field code } } }`,
        {
          input: {
            caseId: fifty,
            expectedVersion: 1,
            to: 'PAUSED',
            pauseReason: 'PERSON_WISH',
            reviewOn: '2024-08-01',
            effectiveOn: '2024-05-10',
            note: '本人の希望でしばらく休む',
          },
        },
      ),
      'changeStatus',
    );
    const query = `query($id: ID!) { case(id: $id) {
      before: at(on: "2024-03-31") { stage }
      opened: at(on: "2024-04-01") { on stage familyStage status { state since note } }
      paused: at(on: "2024-05-20") { stage status { state since pauseReason reviewOn note } }
    } }`;
    const result = await h.gql<{ case: Record<string, unknown> }>(worker, query, { id: fifty });
    expect(result.errors).toBeUndefined();
    expect(result.data?.case).toEqual({
      before: null,
      opened: {
        on: '2024-04-01',
        stage: 'ENCOUNTER',
        familyStage: null,
        status: { state: 'ACTIVE', since: '2024-04-01', note: null },
      },
      paused: {
        stage: 'ENCOUNTER',
        status: {
          state: 'PAUSED',
          since: '2024-05-10',
          pauseReason: 'PERSON_WISH',
          reviewOn: '2024-08-01',
          note: '本人の希望でしばらく休む',
        },
      },
    });
  });

  it('gives the age band and the 8050 check with its reason, today or on a given date', async () => {
    const { h, worker, fifty, young } = await setUp();
    const query = `query($id: ID!) { case(id: $id) {
      ageBand person { age ageBand earlier: ageBand(on: "2024-04-30") }
      eightZeroFiveZero { applies on personAge notApplicableReason triggeredBy { relation birthYear } }
      before: eightZeroFiveZero(on: "2014-06-01") { applies personAge notApplicableReason }
    } }`;
    const a = await h.gql<{ case: Record<string, unknown> }>(worker, query, { id: fifty });
    expect(a.errors).toBeUndefined();
    expect(a.data?.case).toEqual({
      ageBand: 'AGE_50S',
      person: { age: 50, ageBand: 'AGE_50S', earlier: 'AGE_40S' },
      eightZeroFiveZero: {
        applies: true,
        on: '2024-06-01',
        personAge: 50,
        notApplicableReason: null,
        triggeredBy: [{ relation: 'MOTHER', birthYear: 1946 }],
      },
      before: { applies: false, personAge: 40, notApplicableReason: 'PARENT_UNDER_AGE' },
    });
    const b = await h.gql<{ case: Record<string, unknown> }>(worker, query, { id: young });
    expect(b.data?.case).toMatchObject({
      ageBand: 'AGE_20S',
      eightZeroFiveZero: {
        applies: false,
        personAge: 21,
        notApplicableReason: 'PERSON_UNDER_AGE',
        triggeredBy: [],
      },
    });
  });

  it('filters and counts the caseload by age band and 8050 today, and refuses false for 8050', async () => {
    const { h, worker, fifty, young } = await setUp();
    const result = await h.gql<Record<string, { totalCount: number; edges: { node: { id: string } }[] }>>(
      worker,
      `{ flagged: cases(filter: { eightZeroFiveZero: true }) { totalCount edges { node { id } } }
         twenties: cases(filter: { ageBand: AGE_20S }) { totalCount edges { node { id } } }
         sixties: cases(filter: { ageBand: AGE_60PLUS }) { totalCount } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.flagged?.edges.map((e) => e.node.id)).toEqual([fifty]);
    expect(result.data?.twenties?.edges.map((e) => e.node.id)).toEqual([young]);
    expect(result.data?.sixties?.totalCount).toBe(0);
    const counts = await h.gql(
      worker,
      '{ n: caseCount(filter: { eightZeroFiveZero: true, ageBand: AGE_50S }) }',
    );
    expect(counts.data).toEqual({ n: 1 });
    const refused = await h.gql(worker, '{ cases(filter: { eightZeroFiveZero: false }) { totalCount } }');
    expect(refused.errors?.[0]?.extensions).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'eightZeroFiveZero',
    });
  });

  it('shows an agency admin, who may not read the person, neither band nor 8050', async () => {
    const { h, admin, fifty } = await setUp();
    const result = await h.gql<{ case: Record<string, unknown> }>(
      admin,
      `query($id: ID!) { case(id: $id) { ageBand eightZeroFiveZero { applies } } }`,
      { id: fifty },
    );
    expect(result.data?.case).toEqual({ ageBand: null, eightZeroFiveZero: null });
  });
});
