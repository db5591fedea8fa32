import { describe, expect, it } from 'vitest';
import type { Actor, StaffRole } from '../shared/actor.ts';
import { ALL_CASE_SECTIONS } from '../shared/case-section.ts';
import { ForbiddenError } from '../shared/errors.ts';
import {
  assertCanReadCase,
  canDecideForCase,
  canOpenCase,
  canReadAuditLog,
  canReadCase,
  canReadNote,
  canRespondToReferral,
  canWriteCase,
  caseRelation,
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
