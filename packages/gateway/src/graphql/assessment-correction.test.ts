import { DEFAULT_CHECKLIST } from '@hikikomori-register/core';
import { describe, expect, it } from 'vitest';
import { harness, ok } from '../server/test-harness.ts';

const answers = (value: number) =>
  Object.fromEntries(DEFAULT_CHECKLIST.domains.flatMap((d) => d.items.map((i) => [i.id, value])));

/** 訂正・取消 of assessments through GraphQL, as for contact records. */
describe('assessment corrections through GraphQL', () => {
  it('amends and voids an assessment; the case lists every version, and the latest skips the void', async () => {
    const h = await harness({ today: '2023-04-10' });
    const centre = await h.register.agencies.registerFirst({
      kind: 'hikikomoriRegionalCentre',
      name: '架空県ひきこもり地域支援センター',
      municipalityCode: '242012',
    });
    const worker = (await h.token(centre, 'staff')).token;
    const caseId = ok<{ case: { id: string } }>(
      await h.gql(
        worker,
        `mutation($input: OpenCaseInput!) { openCase(input: $input) { case { id } userErrors { code } } }`,
        {
          input: {
            person: { displayName: '架空 四郎', municipalityCode: '242012' },
            case: { municipalityCode: '242012', openedOn: '2023-04-03' },
          },
        },
      ),
      'openCase',
    ).case.id;
    const record = async (assessedOn: string, value: number) =>
      ok<{ assessment: { id: string; version: number; total: number } }>(
        await h.gql(
          worker,
          `mutation($input: RecordAssessmentInput!) { recordAssessment(input: $input) {
            assessment { id version total } userErrors { field code } } }`,
          {
            input: {
              caseId,
              checklistId: DEFAULT_CHECKLIST.id,
              checklistVersion: DEFAULT_CHECKLIST.version,
              assessedOn,
              rater: { kind: 'PERSON' },
              answers: answers(value),
            },
          },
        ),
        'recordAssessment',
      ).assessment;
    const earlier = await record('2023-04-04', 1);
    const later = await record('2023-04-08', 2);
    expect(later.version).toBe(1);

    const amended = ok<{
      assessment: { version: number; total: number };
      correction: Record<string, unknown>;
    }>(
      await h.gql(
        worker,
        `mutation($input: AmendAssessmentInput!) { amendAssessment(input: $input) {
          assessment { version total } correction { kind sequence reason previous { total assessedOn } agency { name } }
          userErrors { field code rule } } }`,
        { input: { assessmentId: later.id, expectedVersion: 1, reason: '転記誤り', answers: answers(3) } },
      ),
      'amendAssessment',
    );
    expect(amended.assessment.version).toBe(2);
    expect(amended.assessment.total).toBeGreaterThan(later.total);
    expect(amended.correction).toEqual({
      kind: 'AMENDED',
      sequence: 2,
      reason: '転記誤り',
      previous: { total: later.total, assessedOn: '2023-04-08' },
      agency: { name: '架空県ひきこもり地域支援センター' },
    });

    const VOID = `mutation($input: VoidAssessmentInput!) { voidAssessment(input: $input) {
      assessment { voided { reason } } userErrors { field code rule } } }`;
    const stale = await h.gql<{ voidAssessment: { userErrors: unknown[] } }>(worker, VOID, {
      input: { assessmentId: later.id, expectedVersion: 1, reason: '誤登録' },
    });
    expect(stale.data?.voidAssessment.userErrors).toEqual([
      { field: ['input', 'expectedVersion'], code: 'VERSION_CONFLICT', rule: 'version_matches' },
    ]);
    ok(
      await h.gql(worker, VOID, { input: { assessmentId: later.id, expectedVersion: 2, reason: '誤登録' } }),
      'voidAssessment',
    );

    const listed = await h.gql<{ case: Record<string, unknown> }>(
      worker,
      `query($id: ID!) { case(id: $id) { latestAssessment { id }
        assessments { edges { node { id version voided { reason } corrections { kind sequence } } } } } }`,
      { id: caseId },
    );
    expect(listed.errors).toBeUndefined();
    expect(listed.data?.case).toEqual({
      latestAssessment: { id: earlier.id },
      assessments: {
        edges: [
          {
            node: {
              id: later.id,
              version: 3,
              voided: { reason: '誤登録' },
              corrections: [
                { kind: 'AMENDED', sequence: 2 },
                { kind: 'VOIDED', sequence: 3 },
              ],
            },
          },
          { node: { id: earlier.id, version: 1, voided: null, corrections: [] } },
        ],
      },
    });
    const compared = await h.gql(
      worker,
      `query($a: ID!, $b: ID!) { compareAssessments(earlierId: $a, laterId: $b) { totalDelta } }`,
      { a: earlier.id, b: later.id },
    );
    expect(compared.errors?.[0]?.extensions).toMatchObject({
      code: 'PRECONDITION_FAILED',
      rule: 'assessment_voided',
    });
  });
});
