import { describe, expect, it } from 'vitest';
import type { CaseStatusChange } from '../case-status/case-status.ts';
import type { Actor } from '../shared/actor.ts';
import { establishSupportMeeting } from '../sharing/support-meeting.ts';
import type { SupportStageChange } from '../stages/stage-history.ts';
import {
  attendingOutsiders,
  type ConferenceInput,
  type DecisionRecords,
  linkConferenceDecision,
  pendingDecisions,
  recordConference,
} from './case-conference.ts';

const actor: Actor = { staffId: 's1', agencyId: 'centre', role: 'staff' };
const ctx = { actor, now: new Date('2023-06-10T01:00:00Z'), today: '2023-06-10', meeting: null };
const minutes = (over: Partial<ConferenceInput> = {}): ConferenceInput => ({
  kind: 'caseConference',
  heldOn: '2023-06-05',
  title: 'ケース会議',
  attendees: [{ agencyId: 'hospital', name: '医師' }],
  discussions: [
    { caseId: 'c1', decision: 'stageChange' },
    { caseId: 'c2', decision: 'closure' },
    { caseId: 'c3', decision: 'continueSupport' },
  ],
  ...over,
});

const stage = (caseId: string, sequence: number, effectiveOn: string, from: string | null) =>
  ({ caseId, sequence, effectiveOn, from, to: 'individual' }) as unknown as SupportStageChange;
const status = (caseId: string, sequence: number, effectiveOn: string, to: string) =>
  ({ caseId, sequence, effectiveOn, to }) as unknown as CaseStatusChange;
const records: DecisionRecords = {
  supportStages: [stage('c1', 1, '2023-05-01', null), stage('c1', 2, '2023-06-05', 'assessment')],
  statuses: [status('c2', 1, '2023-05-01', 'active'), status('c2', 2, '2023-06-01', 'closed')],
  plans: [],
  referrals: [],
};

describe('recordConference', () => {
  it('minutes the conference with the organiser attending and every decision pending', () => {
    const c = recordConference('k1', minutes(), ctx);
    expect(c.attendees).toEqual([
      { agencyId: 'centre', staffId: 's1', name: null },
      { agencyId: 'hospital', staffId: null, name: '医師' },
    ]);
    expect(c.organiserAgencyId).toBe('centre');
    expect(pendingDecisions(c).map((d) => d.caseId)).toEqual(['c1', 'c2']);
    expect(attendingOutsiders(c, ['centre'])).toEqual(['hospital']);
  });

  it('names the field and rule of bad minutes', () => {
    expect(() =>
      recordConference(
        'k1',
        minutes({
          discussions: [
            { caseId: 'c1', decision: 'plan' },
            { caseId: 'c1', decision: 'plan' },
          ],
        }),
        ctx,
      ),
    ).toThrow(
      expect.objectContaining({
        issues: [
          expect.objectContaining({ field: 'discussions.1.caseId', rule: 'case_once_per_conference' }),
        ],
      }),
    );
    expect(() => recordConference('k1', minutes({ kind: 'supportMeeting' }), ctx)).toThrow(
      expect.objectContaining({
        issues: [expect.objectContaining({ field: 'supportMeetingId', rule: 'support_meeting_given' })],
      }),
    );
    expect(() => recordConference('k1', minutes({ attendees: [{ agencyId: 'hospital' }] }), ctx)).toThrow(
      expect.objectContaining({
        issues: [expect.objectContaining({ field: 'attendees.0.name', rule: 'attendee_identified' })],
      }),
    );
    expect(() => recordConference('k1', minutes({ heldOn: '2023-06-11' }), ctx)).toThrow(
      expect.objectContaining({ rule: 'held_not_in_future', field: 'heldOn' }),
    );
  });

  it('holds a 支援会議 sitting to its meeting: active, members attending, cases before it', () => {
    const meeting = establishSupportMeeting('m1', {
      municipalityCode: '242012',
      name: '支援会議',
      establishedOn: '2023-06-01',
      memberAgencyIds: ['centre', 'hospital'],
    });
    const sitting = minutes({
      kind: 'supportMeeting',
      supportMeetingId: 'm1',
      discussions: [{ caseId: 'c1', decision: 'plan' }],
    });
    expect(() => recordConference('k1', sitting, { ...ctx, meeting })).toThrow(
      expect.objectContaining({ rule: 'case_before_meeting', field: 'discussions.0.caseId' }),
    );
    const withCase = { ...meeting, caseIds: [{ caseId: 'c1', addedOn: '2023-06-01', removedOn: null }] };
    expect(recordConference('k1', sitting, { ...ctx, meeting: withCase }).supportMeetingId).toBe('m1');
    expect(() =>
      recordConference('k1', { ...sitting, heldOn: '2023-05-31' }, { ...ctx, meeting: withCase }),
    ).toThrow(expect.objectContaining({ rule: 'meeting_active' }));
    expect(() =>
      recordConference(
        'k1',
        { ...sitting, attendees: [{ agencyId: 'station', name: '相談員' }] },
        { ...ctx, meeting: withCase },
      ),
    ).toThrow(expect.objectContaining({ rule: 'attendee_is_member', field: 'attendees.0.agencyId' }));
  });
});

describe('linkConferenceDecision', () => {
  const c = recordConference('k1', minutes(), ctx);

  it('links a stage change and a closure of the same case taken on or after the conference', () => {
    const a = linkConferenceDecision(c, 'c1', { kind: 'stageChange', sequence: 2 }, records);
    expect(a.version).toBe(2);
    expect(a.discussions[0]?.link).toEqual({ kind: 'stageChange', sequence: 2 });
    expect(pendingDecisions(a).map((d) => d.caseId)).toEqual(['c2']);
  });

  it('refuses the wrong record, kind, case or date', () => {
    expect(() => linkConferenceDecision(c, 'c1', { kind: 'stageChange', sequence: 1 }, records)).toThrow(
      expect.objectContaining({ rule: 'stage_change_of_case' }),
    );
    expect(() => linkConferenceDecision(c, 'c1', { kind: 'closure', sequence: 2 }, records)).toThrow(
      expect.objectContaining({ rule: 'link_matches_decision', field: 'link.kind' }),
    );
    expect(() => linkConferenceDecision(c, 'c9', { kind: 'closure', sequence: 2 }, records)).toThrow(
      expect.objectContaining({ rule: 'case_discussed', field: 'caseId' }),
    );
    // The closure took effect on 06-01, before the conference on 06-05.
    expect(() => linkConferenceDecision(c, 'c2', { kind: 'closure', sequence: 2 }, records)).toThrow(
      expect.objectContaining({ rule: 'link_not_before_conference' }),
    );
    expect(() => linkConferenceDecision(c, 'c2', { kind: 'closure', sequence: 1 }, records)).toThrow(
      expect.objectContaining({ rule: 'closure_of_case' }),
    );
  });
});
