import { describe, expect, it } from 'vitest';
import { PreconditionError, ValidationError } from '../shared/errors.ts';
import {
  addMeetingCase,
  addMeetingMember,
  dissolveSupportMeeting,
  establishSupportMeeting,
  isCaseBeforeMeetingOn,
  isMeetingActiveOn,
  isMemberOn,
  removeMeetingCase,
  removeMeetingMember,
  type SupportMeeting,
} from './support-meeting.ts';

function meeting(): SupportMeeting {
  return establishSupportMeeting('m-1', {
    municipalityCode: '242012',
    name: '津市支援会議',
    establishedOn: '2024-04-01',
    memberAgencyIds: ['desk', 'hc', 'desk'],
  });
}

function ruleOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(PreconditionError);
    return (e as PreconditionError).rule;
  }
  throw new Error('expected a PreconditionError');
}

describe('support meeting (支援会議, 社会福祉法106条の6)', () => {
  it('is established with founding members joining that day', () => {
    const m = meeting();
    expect(m.members).toEqual([
      { agencyId: 'desk', joinedOn: '2024-04-01', leftOn: null },
      { agencyId: 'hc', joinedOn: '2024-04-01', leftOn: null },
    ]);
    expect(m.caseIds).toEqual([]);
    expect(m.dissolvedOn).toBeNull();
    try {
      establishSupportMeeting('m-2', { municipalityCode: '242013', name: 'x', establishedOn: '2024-04-01' });
      expect.unreachable();
    } catch (e) {
      expect((e as ValidationError).field).toBe('municipalityCode');
    }
  });

  it('counts membership from the joining day up to the day before leaving', () => {
    let m = addMeetingMember(meeting(), 'npo', '2024-05-10');
    m = removeMeetingMember(m, 'npo', '2024-08-01');
    expect(isMemberOn(m, 'npo', '2024-05-09')).toBe(false);
    expect(isMemberOn(m, 'npo', '2024-05-10')).toBe(true);
    expect(isMemberOn(m, 'npo', '2024-07-31')).toBe(true);
    expect(isMemberOn(m, 'npo', '2024-08-01')).toBe(false);
    // Rejoining opens a second period; the first stays on record.
    m = addMeetingMember(m, 'npo', '2024-10-01');
    expect(m.members.filter((x) => x.agencyId === 'npo')).toHaveLength(2);
    expect(isMemberOn(m, 'npo', '2024-09-01')).toBe(false);
    expect(isMemberOn(m, 'npo', '2024-10-01')).toBe(true);
    expect(isMemberOn(m, 'npo', '2024-06-01')).toBe(true);
  });

  it('refuses inconsistent membership changes', () => {
    const m = meeting();
    expect(ruleOf(() => addMeetingMember(m, 'desk', '2024-05-01'))).toBe('not_already_member');
    expect(ruleOf(() => addMeetingMember(m, 'npo', '2024-03-31'))).toBe('date_not_before_establishment');
    expect(ruleOf(() => removeMeetingMember(m, 'npo', '2024-05-01'))).toBe('is_member');
    expect(ruleOf(() => removeMeetingMember(m, 'desk', '2024-03-01'))).toBe('leave_not_before_join');
    const left = removeMeetingMember(m, 'hc', '2024-06-01');
    expect(ruleOf(() => addMeetingMember(left, 'hc', '2024-05-01'))).toBe('rejoin_not_before_leaving');
    expect(() => addMeetingMember(m, 'npo', '2024-13-01')).toThrow(ValidationError);
  });

  it('holds a case from the day it is added until the day it is removed', () => {
    let m = addMeetingCase(meeting(), 'case-1', '2024-05-01');
    expect(isCaseBeforeMeetingOn(m, 'case-1', '2024-04-30')).toBe(false);
    expect(isCaseBeforeMeetingOn(m, 'case-1', '2024-05-01')).toBe(true);
    expect(isCaseBeforeMeetingOn(m, 'case-2', '2024-05-01')).toBe(false);
    expect(ruleOf(() => addMeetingCase(m, 'case-1', '2024-05-02'))).toBe('case_not_already_added');
    expect(ruleOf(() => removeMeetingCase(m, 'case-1', '2024-04-30'))).toBe('removal_not_before_added');
    expect(ruleOf(() => removeMeetingCase(m, 'case-2', '2024-06-01'))).toBe('case_before_meeting');
    m = removeMeetingCase(m, 'case-1', '2024-07-01');
    expect(isCaseBeforeMeetingOn(m, 'case-1', '2024-06-30')).toBe(true);
    expect(isCaseBeforeMeetingOn(m, 'case-1', '2024-07-01')).toBe(false);
    expect(ruleOf(() => addMeetingCase(m, 'case-1', '2024-06-15'))).toBe('readd_not_before_removal');
    m = addMeetingCase(m, 'case-1', '2024-09-01');
    expect(isCaseBeforeMeetingOn(m, 'case-1', '2024-09-01')).toBe(true);
  });

  it('is active from establishment until dissolution, which closes open periods', () => {
    let m = addMeetingCase(meeting(), 'case-1', '2024-05-01');
    expect(isMeetingActiveOn(m, '2024-03-31')).toBe(false);
    expect(isMeetingActiveOn(m, '2024-04-01')).toBe(true);
    expect(ruleOf(() => dissolveSupportMeeting(m, '2024-04-15'))).toBe('dissolution_not_before_open_periods');
    expect(ruleOf(() => dissolveSupportMeeting(m, '2024-03-01'))).toBe('date_not_before_establishment');
    m = dissolveSupportMeeting(m, '2025-03-31');
    expect(isMeetingActiveOn(m, '2025-03-30')).toBe(true);
    expect(isMeetingActiveOn(m, '2025-03-31')).toBe(false);
    expect(m.members.every((x) => x.leftOn === '2025-03-31')).toBe(true);
    expect(m.caseIds.every((c) => c.removedOn === '2025-03-31')).toBe(true);
    expect(ruleOf(() => dissolveSupportMeeting(m, '2025-04-01'))).toBe('meeting_not_dissolved');
    expect(ruleOf(() => addMeetingMember(m, 'npo', '2025-04-01'))).toBe('meeting_not_dissolved');
    expect(ruleOf(() => addMeetingCase(m, 'case-2', '2025-03-31'))).toBe('meeting_not_dissolved');
  });
});
