import { describe, expect, it } from 'vitest';
import type { Actor, StaffRole } from '../shared/actor.ts';
import { ALL_CASE_SECTIONS } from '../shared/case-section.ts';
import { ForbiddenError } from '../shared/errors.ts';
import {
  assertCanReadCase,
  canAdministerNetwork,
  canDecideForCase,
  canExportDisclosure,
  canOpenCase,
  canReadAuditLog,
  canReadCase,
  canReadCaseAuditTrail,
  canReadNote,
  canRespondToReferral,
  canWriteCase,
  caseRelation,
  noteReadableWith,
  noteVisibleTo,
  type ReferralGrant,
  readableSections,
} from './access-rules.ts';

const kase = { leadAgencyId: 'lead', supportingAgencyIds: ['support'] };
const actor = (agencyId: string, role: StaffRole = 'staff'): Actor => ({
  staffId: `${agencyId}-${role}`,
  agencyId,
  role,
});
const pending: ReferralGrant = {
  toAgencyId: 'recipient',
  status: 'sent',
  sharedSections: ['summary', 'household'],
};

describe('case access by agency and role', () => {
  it('lets lead and supporting caseworkers read every section and write', () => {
    for (const agency of ['lead', 'support'])
      for (const role of ['staff', 'supervisor'] as const) {
        expect(readableSections(actor(agency, role), kase)).toEqual(ALL_CASE_SECTIONS);
        expect(canWriteCase(actor(agency, role), kase)).toBe(true);
      }
  });

  it('hides the case from an unrelated agency entirely', () => {
    for (const role of ['staff', 'supervisor', 'agencyAdmin', 'auditor'] as const) {
      expect(canReadCase(actor('other', role), kase, [pending])).toBe(false);
      expect(canWriteCase(actor('other', role), kase)).toBe(false);
    }
    expect(() => assertCanReadCase(actor('other'), kase)).toThrow(ForbiddenError);
  });

  it('gives auditors read-only access and agency admins the summary only', () => {
    expect(readableSections(actor('lead', 'auditor'), kase)).toEqual(ALL_CASE_SECTIONS);
    expect(canWriteCase(actor('lead', 'auditor'), kase)).toBe(false);
    expect(readableSections(actor('support', 'agencyAdmin'), kase)).toEqual(['summary']);
    expect(canWriteCase(actor('lead', 'agencyAdmin'), kase)).toBe(false);
  });

  it('shows a referral recipient only the shared sections while the referral is pending', () => {
    expect(caseRelation('recipient', kase, [pending])).toBe('referralRecipient');
    expect(readableSections(actor('recipient'), kase, [pending])).toEqual(['summary', 'household']);
    expect(canWriteCase(actor('recipient'), kase)).toBe(false);
    expect(canReadNote(actor('recipient'), 'normal', kase, [pending])).toBe(false);
  });

  it('gives nothing through a declined or withdrawn referral', () => {
    for (const status of ['declined', 'withdrawn'])
      expect(canReadCase(actor('recipient'), kase, [{ ...pending, status }])).toBe(false);
  });

  it('sees the whole case once the recipient has accepted and joined as supporting agency', () => {
    const joined = { ...kase, supportingAgencyIds: ['support', 'recipient'] };
    expect(readableSections(actor('recipient'), joined, [{ ...pending, status: 'accepted' }])).toEqual(
      ALL_CASE_SECTIONS,
    );
  });

  it('reserves lead decisions for the lead agency', () => {
    expect(canDecideForCase(actor('lead'), kase)).toBe(true);
    expect(canDecideForCase(actor('support'), kase)).toBe(false);
    expect(canDecideForCase(actor('lead', 'auditor'), kase)).toBe(false);
  });

  it('lets only caseworkers open cases for their own agency and answer referrals sent to it', () => {
    expect(canOpenCase(actor('lead'), 'lead')).toBe(true);
    expect(canOpenCase(actor('lead'), 'support')).toBe(false);
    expect(canOpenCase(actor('lead', 'auditor'), 'lead')).toBe(false);
    expect(canRespondToReferral(actor('recipient'), pending)).toBe(true);
    expect(canRespondToReferral(actor('lead'), pending)).toBe(false);
  });

  it('opens the audit log to auditors and admins of the same agency only', () => {
    expect(canReadAuditLog(actor('lead', 'auditor'), 'lead')).toBe(true);
    expect(canReadAuditLog(actor('lead', 'agencyAdmin'), 'lead')).toBe(true);
    expect(canReadAuditLog(actor('lead', 'staff'), 'lead')).toBe(false);
    expect(canReadAuditLog(actor('lead', 'auditor'), 'support')).toBe(false);
  });
});

describe('walled notes', () => {
  it('keeps a note behind its wall when disclosed to the family or the person', () => {
    expect(noteVisibleTo('normal', 'family')).toBe(true);
    expect(noteVisibleTo('notForFamily', 'family')).toBe(false);
    expect(noteVisibleTo('notForFamily', 'person')).toBe(true);
    expect(noteVisibleTo('notForPerson', 'person')).toBe(false);
    expect(noteVisibleTo('notForPerson', 'family')).toBe(true);
    expect(noteVisibleTo('notForFamily', 'staff')).toBe(true);
  });

  it('lets caseworkers read walled notes but not an agency admin', () => {
    expect(canReadNote(actor('support'), 'notForFamily', kase)).toBe(true);
    expect(canReadNote(actor('lead', 'agencyAdmin'), 'normal', kase)).toBe(false);
    expect(canReadNote(actor('lead'), 'notForFamily', kase, [], 'family')).toBe(false);
  });
});

describe('the lead agency answers for its case', () => {
  it('shows the case audit trail to every role of the lead agency, and to nobody else', () => {
    for (const role of ['staff', 'supervisor', 'agencyAdmin', 'auditor'] as const)
      expect(canReadCaseAuditTrail(actor('lead', role), kase)).toBe(true);
    for (const agency of ['support', 'recipient', 'other'])
      expect(canReadCaseAuditTrail(actor(agency, 'auditor'), kase)).toBe(false);
  });

  it('lets only the lead agency’s caseworkers prepare a disclosure (開示)', () => {
    expect(canExportDisclosure(actor('lead', 'staff'), kase)).toBe(true);
    expect(canExportDisclosure(actor('lead', 'supervisor'), kase)).toBe(true);
    expect(canExportDisclosure(actor('lead', 'auditor'), kase)).toBe(false);
    expect(canExportDisclosure(actor('lead', 'agencyAdmin'), kase)).toBe(false);
    expect(canExportDisclosure(actor('support', 'staff'), kase)).toBe(false);
  });

  it('reads notes only with the contacts section, whatever else is readable', () => {
    expect(noteReadableWith(['summary', 'person', 'household'], 'normal')).toBe(false);
    expect(noteReadableWith(['summary', 'contacts'], 'notForPerson')).toBe(true);
    expect(noteReadableWith(['summary', 'contacts'], 'notForPerson', 'person')).toBe(false);
  });
});

describe('network administration', () => {
  const coordinator = { id: 'centre', networkCoordinator: true };
  it('belongs to the agency admin of the coordinating agency only', () => {
    expect(canAdministerNetwork(actor('centre', 'agencyAdmin'), coordinator)).toBe(true);
    expect(canAdministerNetwork(actor('centre', 'staff'), coordinator)).toBe(false);
    expect(canAdministerNetwork(actor('npo', 'agencyAdmin'), { id: 'npo', networkCoordinator: false })).toBe(
      false,
    );
    // The agency given must be the actor's own.
    expect(canAdministerNetwork(actor('npo', 'agencyAdmin'), coordinator)).toBe(false);
    expect(canAdministerNetwork(actor('npo', 'agencyAdmin'), null)).toBe(false);
  });
});
