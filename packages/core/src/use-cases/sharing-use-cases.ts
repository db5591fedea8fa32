import { caseAgencyPeriods, removeSupportingAgency } from '../cases/case-agencies.ts';
import type { Actor } from '../shared/actor.ts';
import type { CalendarDate } from '../shared/dates.ts';
import { ForbiddenError, ValidationError } from '../shared/errors.ts';
import type { AgencyId, CaseId, ConsentId, SupportMeetingId } from '../shared/ids.ts';
import { type Consent, type ConsentInput, recordConsent, withdrawConsent } from '../sharing/consent.ts';
import { findValidBases } from '../sharing/legal-basis.ts';
import {
  addMeetingCase,
  addMeetingMember,
  dissolveSupportMeeting,
  establishSupportMeeting,
  removeMeetingCase,
  removeMeetingMember,
  type SupportMeeting,
  type SupportMeetingInput,
} from '../sharing/support-meeting.ts';
import { readCase, writeCase } from './case-access.ts';
import type { UseCaseRunner, UseCaseScope } from './context.ts';
import { sharingRecordsOf } from './disclosure-basis.ts';

const CASEWORK = ['staff', 'supervisor'];

export function sharingUseCases(runner: UseCaseRunner) {
  /** A meeting the actor's agency sits in (today or ever); other agencies learn nothing of it. */
  async function memberMeeting(s: UseCaseScope, meetingId: SupportMeetingId): Promise<SupportMeeting> {
    const meeting = await s.repos.supportMeetings.get(meetingId);
    if (!meeting?.members.some((m) => m.agencyId === s.actor.agencyId))
      throw new ForbiddenError('support_meeting_member', 'support meeting not found or not accessible');
    if (!CASEWORK.includes(s.actor.role))
      throw new ForbiddenError('support_meeting_casework', 'only caseworkers may change a support meeting');
    return meeting;
  }

  function changeMeeting(
    actor: Actor,
    operation: string,
    meetingId: SupportMeetingId,
    change: (s: UseCaseScope, meeting: SupportMeeting) => Promise<SupportMeeting>,
  ): Promise<SupportMeeting> {
    return runner.run(
      actor,
      operation,
      { entity: 'supportMeeting', entityId: meetingId, caseId: null },
      async (s) => {
        const next = await change(s, await memberMeeting(s, meetingId));
        await s.repos.supportMeetings.update(next);
        return next;
      },
    );
  }

  return {
    /** 情報共有への同意の記録. */
    recordConsent(actor: Actor, input: ConsentInput): Promise<Consent> {
      const caseId = String(input.caseId ?? '');
      return runner.run(actor, 'consent.record', { entity: 'case', entityId: caseId, caseId }, async (s) => {
        const record = await writeCase(s, caseId);
        const consent = recordConsent(s.newId(), input);
        if (consent.givenBy.kind === 'householdMember') {
          const person = await s.repos.persons.get(record.personId);
          const memberId = consent.givenBy.householdMemberId;
          if (!person?.household.some((m) => m.id === memberId))
            throw new ValidationError([
              {
                field: 'givenBy.householdMemberId',
                rule: 'household_member_in_household',
                message: `household member ${memberId} is not in the person's household`,
              },
            ]);
        }
        await s.repos.consents.insert(consent);
        s.touched({ entity: 'consent', entityId: consent.id, caseId });
        return consent;
      });
    },

    /**
     * 同意の撤回: blocks new shares from `on` (inclusive). A supporting agency whose membership rests
     * on the consent, and that no other basis covers on that day, leaves the case then: what is
     * recorded from that day on is no longer shared with it.
     */
    withdrawConsent(actor: Actor, consentId: ConsentId, on: CalendarDate): Promise<Consent> {
      return runner.run(
        actor,
        'consent.withdraw',
        { entity: 'consent', entityId: consentId, caseId: null },
        async (s) => {
          const consent = await s.repos.consents.get(consentId);
          if (!consent) throw new ForbiddenError('case_write', 'consent not found or not accessible');
          let record = await writeCase(s, consent.caseId);
          const next = withdrawConsent(consent, on);
          await s.repos.consents.update(next);
          const withdrawnOn = next.withdrawnOn as CalendarDate;
          let history = await s.repos.caseHistory.agencyChanges(record.id);
          const records = await sharingRecordsOf(s, record.id);
          const resting = caseAgencyPeriods(history).filter(
            (p) =>
              p.role === 'supporting' &&
              p.leftOn === null &&
              p.legalBasis?.kind === 'consent' &&
              p.legalBasis.consentId === consent.id,
          );
          for (const period of resting) {
            const agency = await s.repos.agencies.get(period.agencyId);
            const leaveOn = withdrawnOn > period.joinedOn ? withdrawnOn : period.joinedOn;
            const other =
              agency &&
              findValidBases({
                caseId: record.id,
                fromAgencyId: record.leadAgencyId,
                toAgency: agency,
                on: leaveOn,
                ...records,
              })[0];
            if (other) continue;
            const change = removeSupportingAgency(
              record,
              history,
              period.agencyId,
              { effectiveOn: leaveOn, via: 'consentWithdrawn' },
              { actor, now: s.now },
            );
            await s.repos.cases.update(change.record);
            await s.repos.caseHistory.appendAgencyChanges(change.entries);
            record = change.record;
            history = [...history, ...change.entries];
          }
          return next;
        },
      );
    },

    consentsOfCase(actor: Actor, caseId: CaseId): Promise<readonly Consent[]> {
      return runner.run(actor, 'consent.list', { entity: 'case', entityId: caseId, caseId }, async (s) => {
        await readCase(s, caseId, 'referrals');
        return s.repos.consents.listByCase(caseId);
      });
    },

    /** 支援会議の設置: the establishing agency is always a founding member. */
    establishMeeting(actor: Actor, input: SupportMeetingInput): Promise<SupportMeeting> {
      const id = runner.newId();
      return runner.run(
        actor,
        'supportMeeting.establish',
        { entity: 'supportMeeting', entityId: id, caseId: null },
        async (s) => {
          if (!CASEWORK.includes(actor.role))
            throw new ForbiddenError(
              'support_meeting_casework',
              'only caseworkers may establish a support meeting',
            );
          const members = [...new Set([actor.agencyId, ...(input.memberAgencyIds ?? [])])];
          for (const agencyId of members)
            if (!(await s.repos.agencies.get(agencyId)))
              throw new ValidationError([
                {
                  field: `memberAgencyIds.${Math.max(0, (input.memberAgencyIds ?? []).indexOf(agencyId))}`,
                  rule: 'exists',
                  message: `agency ${agencyId} not found`,
                },
              ]);
          const meeting = establishSupportMeeting(id, { ...input, memberAgencyIds: members });
          await s.repos.supportMeetings.insert(meeting);
          return meeting;
        },
      );
    },

    meetingsOfAgency(actor: Actor): Promise<readonly SupportMeeting[]> {
      return runner.run(actor, 'supportMeeting.list', null, (s) =>
        s.repos.supportMeetings.listForAgency(actor.agencyId),
      );
    },

    addMeetingMember(actor: Actor, meetingId: SupportMeetingId, agencyId: AgencyId, joinedOn: CalendarDate) {
      return changeMeeting(actor, 'supportMeeting.member.add', meetingId, async (s, m) => {
        if (!(await s.repos.agencies.get(agencyId)))
          throw new ValidationError([
            { field: 'agencyId', rule: 'exists', message: `agency ${agencyId} not found` },
          ]);
        return addMeetingMember(m, agencyId, joinedOn);
      });
    },

    removeMeetingMember(actor: Actor, meetingId: SupportMeetingId, agencyId: AgencyId, leftOn: CalendarDate) {
      return changeMeeting(actor, 'supportMeeting.member.remove', meetingId, async (_s, m) =>
        removeMeetingMember(m, agencyId, leftOn),
      );
    },

    /** Puts a case before the meeting: only an agency working on the case may. */
    addMeetingCase(actor: Actor, meetingId: SupportMeetingId, caseId: CaseId, addedOn: CalendarDate) {
      return changeMeeting(actor, 'supportMeeting.case.add', meetingId, async (s, m) => {
        await writeCase(s, caseId);
        return addMeetingCase(m, caseId, addedOn);
      });
    },

    removeMeetingCase(actor: Actor, meetingId: SupportMeetingId, caseId: CaseId, removedOn: CalendarDate) {
      return changeMeeting(actor, 'supportMeeting.case.remove', meetingId, async (s, m) => {
        await writeCase(s, caseId);
        return removeMeetingCase(m, caseId, removedOn);
      });
    },

    dissolveMeeting(actor: Actor, meetingId: SupportMeetingId, on: CalendarDate) {
      return changeMeeting(actor, 'supportMeeting.dissolve', meetingId, async (_s, m) =>
        dissolveSupportMeeting(m, on),
      );
    },
  };
}
