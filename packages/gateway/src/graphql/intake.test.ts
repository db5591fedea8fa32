import { describe, expect, it } from 'vitest';
import { harness, ok } from '../server/test-harness.ts';

const INTAKE = `intake { withdrawalOnset withdrawalOnsetApproximate monthsAtOpening durationBandAtOpening
  triggers discoveryRoute version }`;
const HEALTH = `healthBackground { medicalCare developmentalDisability mentalIllness disabilityCertificate
  note noteVisibility version }`;

/** 受付時の状況 and 心身の状況 through GraphQL: recorded at opening or later, gated by section. */
describe('intake attributes through GraphQL', () => {
  async function setUp() {
    const h = await harness({ today: '2023-04-03' });
    const centre = await h.register.agencies.registerFirst({
      kind: 'hikikomoriRegionalCentre',
      name: '架空県ひきこもり地域支援センター',
      municipalityCode: '242012',
    });
    const worker = (await h.token(centre, 'staff')).token;
    const admin = (await h.token(centre, 'agencyAdmin')).token;
    const opened = ok<{ case: Record<string, unknown> & { id: string } }>(
      await h.gql(
        worker,
        `mutation($input: OpenCaseInput!) { openCase(input: $input) {
          case { id ${INTAKE} ${HEALTH} } userErrors { field code } } }`,
        {
          input: {
            person: { displayName: '架空 次郎', birthYearMonth: '1990-02', municipalityCode: '242012' },
            case: { municipalityCode: '242012', openedOn: '2023-04-03' },
            intake: {
              withdrawalOnset: '2015-06',
              withdrawalOnsetApproximate: true,
              triggers: ['WORKPLACE_MALADJUSTMENT', 'RELATIONSHIPS'],
              discoveryRoute: 'COMMUNITY_GENERAL_SUPPORT_CENTRE',
            },
            healthBackground: {
              developmentalDisability: 'SUSPECTED',
              note: { text: '幼少期に発達相談', visibility: 'NOT_FOR_PERSON' },
            },
          },
        },
      ),
      'openCase',
    );
    return { h, worker, admin, opened: opened.case };
  }

  it('records both at opening, with the duration at opening in the survey band', async () => {
    const { opened } = await setUp();
    expect(opened.intake).toEqual({
      withdrawalOnset: '2015-06',
      withdrawalOnsetApproximate: true,
      monthsAtOpening: 94,
      durationBandAtOpening: 'FIVE_TO_TEN_YEARS',
      triggers: ['WORKPLACE_MALADJUSTMENT', 'RELATIONSHIPS'],
      discoveryRoute: 'COMMUNITY_GENERAL_SUPPORT_CENTRE',
      version: 1,
    });
    expect(opened.healthBackground).toEqual({
      medicalCare: 'UNKNOWN',
      developmentalDisability: 'SUSPECTED',
      mentalIllness: 'UNKNOWN',
      disabilityCertificate: 'UNKNOWN',
      note: '幼少期に発達相談',
      noteVisibility: 'NOT_FOR_PERSON',
      version: 1,
    });
  });

  it('records them again by version, and answers a stale or bad save with user errors', async () => {
    const { h, worker, opened } = await setUp();
    const recordIntake = (input: Record<string, unknown>) =>
      h.gql<{ recordIntake: { intake: Record<string, unknown> | null; userErrors: unknown[] } }>(
        worker,
        `mutation($input: RecordIntakeInput!) { recordIntake(input: $input) {
          intake { triggers discoveryRoute version } userErrors { field code rule } } }`,
        { input: { caseId: opened.id, ...input } },
      );
    const saved = await recordIntake({ expectedVersion: 1, triggers: ['UNKNOWN'] });
    expect(saved.data?.recordIntake).toEqual({
      intake: { triggers: ['UNKNOWN'], discoveryRoute: null, version: 2 },
      userErrors: [],
    });
    const stale = await recordIntake({ expectedVersion: 1 });
    expect(stale.data?.recordIntake.userErrors).toEqual([
      { field: ['input', 'expectedVersion'], code: 'VERSION_CONFLICT', rule: 'version_matches' },
    ]);
    const bad = await recordIntake({ expectedVersion: 2, withdrawalOnset: '1989-12' });
    expect(bad.data?.recordIntake.userErrors).toEqual([
      { field: ['input', 'withdrawalOnset'], code: 'VALIDATION_FAILED', rule: 'onset_after_birth' },
    ]);

    const health = await h.gql<{ recordHealthBackground: { healthBackground: unknown } }>(
      worker,
      `mutation($input: RecordHealthBackgroundInput!) { recordHealthBackground(input: $input) {
        healthBackground { medicalCare note version } userErrors { field code } } }`,
      { input: { caseId: opened.id, expectedVersion: 1, medicalCare: 'CURRENT' } },
    );
    expect(health.data?.recordHealthBackground.healthBackground).toEqual({
      medicalCare: 'CURRENT',
      note: null,
      version: 2,
    });
  });

  it('shows neither to an agency admin, who reads the summary only', async () => {
    const { h, admin, opened } = await setUp();
    const read = await h.gql<{ case: unknown }>(
      admin,
      `query($id: ID!) { case(id: $id) { readableSections ${INTAKE} ${HEALTH} } }`,
      { id: opened.id },
    );
    expect(read.errors).toBeUndefined();
    expect(read.data?.case).toEqual({ readableSections: ['SUMMARY'], intake: null, healthBackground: null });
  });
});
