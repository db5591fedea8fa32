import { describe, expect, it } from 'vitest';
import { harness } from '../server/test-harness.ts';
import { globalId } from './ids.ts';

const OPEN = `mutation($input: OpenCaseInput!) { openCase(input: $input) { case { id version } userErrors { field message code rule } } }`;

async function setup() {
  const h = await harness({ today: '2023-06-01' });
  const lead = await h.register.agencies.registerFirst({
    kind: 'municipalHikikomoriDesk',
    name: 'Lead',
    municipalityCode: '242012',
  });
  const other = await h.register.agencies.register(
    { staffId: 's', agencyId: lead.id, role: 'agencyAdmin' },
    { kind: 'youthSupportStation', name: 'Station', municipalityCode: '242012' },
  );
  const worker = (await h.token(lead, 'staff')).token;
  const otherWorker = (await h.token(other, 'staff')).token;
  return { h, lead, other, worker, otherWorker };
}

type Payload = {
  userErrors: { field: string[] | null; message: string; code: string; rule: string | null }[];
};

describe('userErrors mapping', () => {
  it('lists every validation issue with its field path, e.g. municipality code 242013', async () => {
    const { h, worker } = await setup();
    const r = await h.gql<{ openCase: Payload & { case: null } }>(worker, OPEN, {
      input: {
        person: { displayName: ' ', municipalityCode: '242013' },
        case: { municipalityCode: '242012', openedOn: '2023-06-01' },
      },
    });
    expect(r.errors).toBeUndefined();
    expect(r.data?.openCase.case).toBeNull();
    const errors = r.data?.openCase.userErrors ?? [];
    expect(errors.map((e) => [e.field?.join('.'), e.code, e.rule])).toEqual(
      expect.arrayContaining([
        ['input.person.municipalityCode', 'VALIDATION_FAILED', 'municipality_code_check_digit'],
        ['input.person.displayName', 'VALIDATION_FAILED', 'too_small'],
      ]),
    );
    expect(errors).toHaveLength(2);
  });

  it('reports a stale version as VERSION_CONFLICT on expectedVersion', async () => {
    const { h, worker } = await setup();
    const opened = await h.gql<{ openCase: { case: { id: string } } }>(worker, OPEN, {
      input: {
        person: { displayName: 'A', municipalityCode: '242012' },
        case: { municipalityCode: '242012', openedOn: '2023-06-01' },
      },
    });
    const caseId = opened.data?.openCase.case.id;
    const r = await h.gql<{ changeFamilyStage: Payload }>(
      worker,
      `mutation($input: ChangeFamilyStageInput!) { changeFamilyStage(input: $input) { case { id } userErrors { field message code rule } } }`,
      { input: { caseId, expectedVersion: 7, to: 'CONSULTATION', effectiveOn: '2023-06-01' } },
    );
    expect(r.data?.changeFamilyStage.userErrors).toEqual([
      expect.objectContaining({
        field: ['input', 'expectedVersion'],
        code: 'VERSION_CONFLICT',
        rule: 'version_matches',
      }),
    ]);
  });

  it('refuses a referral without a legal basis as NO_LEGAL_BASIS, and an illegal referral move', async () => {
    const { h, worker, otherWorker, other } = await setup();
    const opened = await h.gql<{ openCase: { case: { id: string } } }>(worker, OPEN, {
      input: {
        person: { displayName: 'A', municipalityCode: '242012' },
        case: { municipalityCode: '242012', openedOn: '2023-06-01' },
      },
    });
    const caseId = opened.data?.openCase.case.id;
    const consent = await h.gql<{ recordConsent: { consent: { id: string } } }>(
      worker,
      `mutation($input: RecordConsentInput!) { recordConsent(input: $input) { consent { id } userErrors { message } } }`,
      {
        input: { caseId, givenBy: { kind: 'PERSON' }, scope: { sectors: ['HEALTH'] }, givenOn: '2023-06-01' },
      },
    );
    const send = `mutation($input: SendReferralInput!) { sendReferral(input: $input) { referral { id version } userErrors { field message code rule } } }`;
    const base = {
      caseId,
      toAgencyId: globalId('Agency', other.id),
      reason: 'r',
      requestedService: 's',
      sharedSections: ['SUMMARY'],
      sentOn: '2023-06-01',
    };
    const refused = await h.gql<{ sendReferral: Payload }>(worker, send, {
      input: { ...base, legalBasis: { kind: 'CONSENT', consentId: consent.data?.recordConsent.consent.id } },
    });
    expect(refused.data?.sendReferral.userErrors).toEqual([
      expect.objectContaining({ field: ['input', 'legalBasis'], code: 'NO_LEGAL_BASIS' }),
    ]);

    // With a consent covering employment the referral goes; declined, it cannot be accepted after.
    const employment = await h.gql<{ recordConsent: { consent: { id: string } } }>(
      worker,
      `mutation($input: RecordConsentInput!) { recordConsent(input: $input) { consent { id } userErrors { message } } }`,
      {
        input: {
          caseId,
          givenBy: { kind: 'PERSON' },
          scope: { sectors: ['EMPLOYMENT'] },
          givenOn: '2023-06-01',
        },
      },
    );
    const sent = await h.gql<{ sendReferral: { referral: { id: string } } }>(worker, send, {
      input: {
        ...base,
        legalBasis: { kind: 'CONSENT', consentId: employment.data?.recordConsent.consent.id },
      },
    });
    const referralId = sent.data?.sendReferral.referral.id;
    await h.gql(
      otherWorker,
      `mutation($input: DeclineReferralInput!) { declineReferral(input: $input) { userErrors { code } } }`,
      { input: { referralId, on: '2023-06-01', reason: '遠方', expectedVersion: 1 } },
    );
    const accept = await h.gql<{ acceptReferral: Payload }>(
      otherWorker,
      `mutation($input: AcceptReferralInput!) { acceptReferral(input: $input) { referral { id } userErrors { field message code rule } } }`,
      { input: { referralId, on: '2023-06-01', expectedVersion: 2 } },
    );
    expect(accept.data?.acceptReferral.userErrors).toEqual([
      expect.objectContaining({ code: 'ILLEGAL_TRANSITION', rule: 'referral_transition', field: null }),
    ]);
  });

  it('reports a stage move the machine refuses, and a precondition, with their rules', async () => {
    const { h, worker } = await setup();
    const opened = await h.gql<{ openCase: { case: { id: string } } }>(worker, OPEN, {
      input: {
        person: { displayName: 'A', municipalityCode: '242012' },
        case: { municipalityCode: '242012', openedOn: '2023-06-01' },
      },
    });
    const caseId = opened.data?.openCase.case.id;
    const move = `mutation($input: ChangeStageInput!) { changeStage(input: $input) { case { id } userErrors { field message code rule } } }`;
    const skip = await h.gql<{ changeStage: Payload }>(worker, move, {
      input: { caseId, expectedVersion: 1, to: 'GROUP', effectiveOn: '2023-06-01' },
    });
    expect(skip.data?.changeStage.userErrors[0]?.code).toBe('ILLEGAL_TRANSITION');
    const unmet = await h.gql<{ changeStage: Payload }>(worker, move, {
      input: { caseId, expectedVersion: 1, to: 'INDIVIDUAL', effectiveOn: '2023-06-01' },
    });
    expect(unmet.data?.changeStage.userErrors[0]?.code).toBe('PRECONDITION_FAILED');
  });

  it('a malformed global id is a validation error on its field', async () => {
    const { h, worker } = await setup();
    const r = await h.gql<{ recordContact: Payload }>(
      worker,
      `mutation($input: RecordContactInput!) { recordContact(input: $input) { contact { id } userErrors { field code rule } } }`,
      {
        input: {
          caseId: globalId('Agency', 'x'),
          occurredOn: '2023-06-01',
          channel: 'PHONE',
          consultingParty: { kind: 'ANONYMOUS' },
          personContact: 'NONE',
          contents: ['OTHER'],
        },
      },
    );
    expect(r.data?.recordContact.userErrors).toEqual([
      { field: ['input', 'caseId'], code: 'VALIDATION_FAILED', rule: 'global_id' },
    ]);
  });
});
