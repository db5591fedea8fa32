import { describe, expect, it } from 'vitest';
import { NoLegalBasisError } from '../shared/errors.ts';
import { type Consent, recordConsent, withdrawConsent } from './consent.ts';
import {
  assertDisclosureAllowed,
  checkLegalBasis,
  type DisclosureQuery,
  findValidBases,
  legalBasisProblem,
} from './legal-basis.ts';
import {
  addMeetingCase,
  addMeetingMember,
  dissolveSupportMeeting,
  establishSupportMeeting,
  removeMeetingMember,
  type SupportMeeting,
} from './support-meeting.ts';

const hospital = { id: 'hosp', kind: 'medicalInstitution' as const };
const station = { id: 'ysst', kind: 'youthSupportStation' as const };

const consent: Consent = recordConsent('c-1', {
  caseId: 'case-1',
  givenBy: { kind: 'person' },
  scope: { agencyIds: ['ysst'], sectors: ['health'] },
  givenOn: '2024-05-01',
});

function meeting(): SupportMeeting {
  let m = establishSupportMeeting('m-1', {
    municipalityCode: '242012',
    name: '津市支援会議',
    establishedOn: '2024-04-01',
    memberAgencyIds: ['desk'],
  });
  m = addMeetingMember(m, 'hosp', '2024-06-01');
  return addMeetingCase(m, 'case-1', '2024-06-10');
}

function query(overrides: Partial<DisclosureQuery> = {}): DisclosureQuery {
  return {
    caseId: 'case-1',
    fromAgencyId: 'desk',
    toAgency: hospital,
    on: '2024-07-01',
    consents: [consent],
    meetings: [meeting()],
    ...overrides,
  };
}

function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(NoLegalBasisError);
    expect((e as NoLegalBasisError).field).toBe('legalBasis');
    expect((e as NoLegalBasisError).code).toBe('NO_LEGAL_BASIS');
    return (e as NoLegalBasisError).message;
  }
  throw new Error('expected NoLegalBasisError');
}

const byConsent = { kind: 'consent', consentId: 'c-1' } as const;
const byMeeting = { kind: 'supportMeeting', meetingId: 'm-1' } as const;

describe('checkLegalBasis: consent', () => {
  it('allows a share to an agency in scope by sector or by id', () => {
    expect(checkLegalBasis({ ...query(), basis: byConsent })).toEqual({ kind: 'consent', consent });
    expect(checkLegalBasis({ ...query({ toAgency: station }), basis: byConsent }).kind).toBe('consent');
    expect(
      checkLegalBasis({ ...query({ toAgency: { id: 'hc', sector: 'health' } }), basis: byConsent }).kind,
    ).toBe('consent');
  });

  it('refuses an agency outside the scope', () => {
    const msg = refusal(() =>
      checkLegalBasis({ ...query({ toAgency: { id: 'hw', kind: 'helloWork' } }), basis: byConsent }),
    );
    expect(msg).toContain('does not cover agency hw');
    expect(msg).toContain('employment');
  });

  it('refuses a consent of another case, an unknown consent, and a share before the consent', () => {
    const other = { ...consent, caseId: 'case-2' };
    expect(refusal(() => checkLegalBasis({ ...query({ consents: [other] }), basis: byConsent }))).toContain(
      'belongs to case case-2',
    );
    expect(refusal(() => checkLegalBasis({ ...query({ consents: [] }), basis: byConsent }))).toContain(
      'not on record',
    );
    expect(refusal(() => checkLegalBasis({ ...query({ on: '2024-04-30' }), basis: byConsent }))).toContain(
      'was given on 2024-05-01',
    );
    expect(checkLegalBasis({ ...query({ on: '2024-05-01' }), basis: byConsent }).kind).toBe('consent');
  });

  it('blocks shares from the day of withdrawal on', () => {
    const withdrawn = withdrawConsent(consent, '2024-06-15');
    const q = (on: string) => ({ ...query({ on, consents: [withdrawn] }), basis: byConsent });
    expect(checkLegalBasis(q('2024-06-14')).kind).toBe('consent');
    expect(refusal(() => checkLegalBasis(q('2024-06-15')))).toContain('withdrawn on 2024-06-15');
    expect(refusal(() => checkLegalBasis(q('2024-09-01')))).toContain('withdrawn');
  });
});

describe('checkLegalBasis: support meeting', () => {
  it('allows a share when both agencies are members and the case is before the meeting', () => {
    const m = meeting();
    expect(checkLegalBasis({ ...query(), basis: byMeeting })).toEqual({ kind: 'supportMeeting', meeting: m });
  });

  it('needs the recipient and the sender to be members on the date', () => {
    // hosp joins 2024-06-01, but the case is added 2024-06-10: check each condition on its own.
    const early = addMeetingCase(
      establishSupportMeeting('m-1', {
        municipalityCode: '242012',
        name: 'x',
        establishedOn: '2024-04-01',
        memberAgencyIds: ['desk'],
      }),
      'case-1',
      '2024-04-01',
    );
    const withHosp = addMeetingMember(early, 'hosp', '2024-06-01');
    const at = (m: SupportMeeting, on: string, from = 'desk') =>
      legalBasisProblem({ ...query({ meetings: [m], on, fromAgencyId: from }), basis: byMeeting });
    expect(at(withHosp, '2024-05-31')).toContain('hosp (recipient) is not a member');
    expect(at(withHosp, '2024-06-01')).toBeNull();
    expect(at(withHosp, '2024-06-01', 'npo')).toContain('npo (sender) is not a member');
    const hospLeft = removeMeetingMember(withHosp, 'hosp', '2024-09-01');
    expect(at(hospLeft, '2024-08-31')).toBeNull();
    expect(at(hospLeft, '2024-09-01')).toContain('not a member');
    const deskLeft = removeMeetingMember(withHosp, 'desk', '2024-09-01');
    expect(at(deskLeft, '2024-09-01')).toContain('desk (sender) is not a member');
  });

  it('needs the case before the meeting and the meeting active on the date', () => {
    expect(legalBasisProblem({ ...query({ on: '2024-06-09' }), basis: byMeeting })).toContain(
      'case case-1 is not before support meeting m-1',
    );
    expect(legalBasisProblem({ ...query({ on: '2024-06-10' }), basis: byMeeting })).toBeNull();
    expect(legalBasisProblem({ ...query({ caseId: 'case-2', consents: [] }), basis: byMeeting })).toContain(
      'case case-2 is not before',
    );
    const dissolved = dissolveSupportMeeting(meeting(), '2024-12-01');
    expect(
      legalBasisProblem({ ...query({ meetings: [dissolved], on: '2024-12-01' }), basis: byMeeting }),
    ).toContain('dissolved on 2024-12-01');
    expect(legalBasisProblem({ ...query({ on: '2024-03-01' }), basis: byMeeting })).toContain(
      'established on',
    );
    expect(refusal(() => checkLegalBasis({ ...query({ meetings: [] }), basis: byMeeting }))).toContain(
      'not on record',
    );
  });
});

describe('findValidBases and assertDisclosureAllowed', () => {
  it('lists every basis valid for the recipient on the date', () => {
    expect(findValidBases(query())).toEqual([byConsent, byMeeting]);
    expect(findValidBases(query({ on: '2024-05-15' }))).toEqual([byConsent]);
    expect(findValidBases(query({ toAgency: station }))).toEqual([byConsent]);
    expect(findValidBases(query({ consents: [withdrawConsent(consent, '2024-06-20')] }))).toEqual([
      byMeeting,
    ]);
    expect(findValidBases(query({ toAgency: { id: 'hw', kind: 'helloWork' } }))).toEqual([]);
  });

  it('checks a named basis, or picks any valid one, or refuses', () => {
    expect(assertDisclosureAllowed({ ...query(), basis: byMeeting })).toEqual(byMeeting);
    expect(assertDisclosureAllowed(query({ consents: [] }))).toEqual(byMeeting);
    expect(assertDisclosureAllowed(query())).toEqual(byConsent);
    expect(
      refusal(() => assertDisclosureAllowed({ ...query({ on: '2024-06-05' }), basis: byMeeting })),
    ).toContain('not before support meeting');
    expect(
      refusal(() => assertDisclosureAllowed(query({ toAgency: { id: 'hw', kind: 'helloWork' } }))),
    ).toContain('with agency hw on 2024-07-01');
  });
});
