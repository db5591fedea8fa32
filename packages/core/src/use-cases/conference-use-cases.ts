import {
  attendingOutsiders,
  type CaseConference,
  type ConferenceDecisionLinkInput,
  type ConferenceInput,
  linkConferenceDecision,
  recordConference,
} from '../conferences/case-conference.ts';
import type { Actor } from '../shared/actor.ts';
import type { CalendarDate } from '../shared/dates.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../shared/errors.ts';
import type { CaseConferenceId, CaseId } from '../shared/ids.ts';
import { readCase, writeCase } from './case-access.ts';
import type { UseCaseRunner, UseCaseScope } from './context.ts';
import { lawfulBasis, sharingRecordsOf } from './disclosure-basis.ts';

const CASEWORK = ['staff', 'supervisor'];

/**
 * ケース会議・支援会議: minutes of conferences, the decision per case, and the record that carried each
 * decision out. Every case on a conference's agenda is audited on every read and write of it.
 */
export function conferenceUseCases(runner: UseCaseRunner) {
  /** Only agencies that attended learn that a conference took place. */
  async function attended(s: UseCaseScope, id: CaseConferenceId): Promise<CaseConference> {
    const conference = await s.repos.conferences.get(id);
    if (!conference?.attendees.some((a) => a.agencyId === s.actor.agencyId))
      throw new ForbiddenError('conference_attendee', 'conference not found or not accessible');
    return conference;
  }

  /** Each case on the agenda counts as read by whoever reads the conference. */
  function touchCases(s: UseCaseScope, conferences: readonly CaseConference[]): void {
    for (const c of conferences)
      for (const d of c.discussions) s.touched({ entity: 'case', entityId: d.caseId, caseId: d.caseId });
  }

  return {
    /**
     * 会議録の登録 by a caseworker of the organising agency. Outside a 支援会議 sitting, the organiser
     * must work on every case on the agenda, and each attending agency that does not needs its own
     * legal basis (a consent covering it, or a 支援会議 holding both agencies and the case).
     */
    record(actor: Actor, input: ConferenceInput): Promise<CaseConference> {
      const id = runner.newId();
      return runner.run(
        actor,
        'conference.record',
        { entity: 'caseConference', entityId: id, caseId: null },
        async (s) => {
          if (!CASEWORK.includes(actor.role))
            throw new ForbiddenError('conference_casework', 'only caseworkers may record a conference');
          const attendees = input.attendees ?? [];
          for (const [i, a] of attendees.entries())
            if (a?.agencyId && !(await s.repos.agencies.get(a.agencyId)))
              throw new ValidationError([
                {
                  field: `attendees.${i}.agencyId`,
                  rule: 'exists',
                  message: `agency ${a.agencyId} not found`,
                },
              ]);
          const meetingId = input.kind === 'supportMeeting' ? input.supportMeetingId : null;
          const meeting = meetingId ? await s.repos.supportMeetings.get(meetingId) : null;
          if (meetingId && !meeting)
            throw new NotFoundError('support meeting', meetingId, 'supportMeetingId');
          const conference = recordConference(id, input, {
            actor,
            now: s.now,
            today: s.today,
            meeting,
          });
          for (const [i, d] of conference.discussions.entries()) {
            const field = `discussions.${i}.caseId`;
            if (conference.kind === 'supportMeeting') {
              // Membership of the meeting is the basis: recordConference checked it for every attendee.
              s.touched({ entity: 'case', entityId: d.caseId, caseId: d.caseId });
              continue;
            }
            const record = await writeCase(s, d.caseId);
            const outsiders = attendingOutsiders(conference, [
              record.leadAgencyId,
              ...record.supportingAgencyIds,
            ]);
            if (outsiders.length === 0) continue;
            const records = await sharingRecordsOf(s, d.caseId);
            for (const agencyId of outsiders) {
              const agency = await s.repos.agencies.get(agencyId);
              if (!agency) throw new NotFoundError('agency', agencyId, field);
              lawfulBasis(
                {
                  caseId: d.caseId,
                  fromAgencyId: record.leadAgencyId,
                  to: agency,
                  on: conference.heldOn,
                  field,
                },
                records,
              );
            }
          }
          await s.repos.conferences.insert(conference);
          return conference;
        },
      );
    },

    /** 決定事項の実施: the stage change, plan, closure or referral that carried out a decision. */
    linkDecision(
      actor: Actor,
      conferenceId: CaseConferenceId,
      caseId: CaseId,
      link: ConferenceDecisionLinkInput,
    ): Promise<CaseConference> {
      return runner.run(
        actor,
        'conference.decision.link',
        { entity: 'caseConference', entityId: conferenceId, caseId },
        async (s) => {
          const conference = await attended(s, conferenceId);
          await writeCase(s, caseId);
          const [supportStages, statuses, plans, referrals] = await Promise.all([
            s.repos.caseHistory.supportStages(caseId),
            s.repos.caseHistory.statuses(caseId),
            s.repos.plans.listByCase(caseId),
            s.repos.referrals.list({ caseId }),
          ]);
          const next = linkConferenceDecision(conference, caseId, link, {
            supportStages,
            statuses,
            plans,
            referrals,
          });
          await s.repos.conferences.update(next);
          return next;
        },
      );
    },

    get(actor: Actor, conferenceId: CaseConferenceId): Promise<CaseConference> {
      return runner.run(
        actor,
        'conference.read',
        { entity: 'caseConference', entityId: conferenceId, caseId: null },
        async (s) => {
          const conference = await attended(s, conferenceId);
          touchCases(s, [conference]);
          return conference;
        },
      );
    },

    /** The conferences that discussed a case: for readers of its progress record. */
    ofCase(actor: Actor, caseId: CaseId): Promise<readonly CaseConference[]> {
      return runner.run(actor, 'conference.list', { entity: 'case', entityId: caseId, caseId }, async (s) => {
        await readCase(s, caseId, 'contacts');
        return s.repos.conferences.listByCase(caseId);
      });
    },

    /** The conferences the actor's agency attended, held in [from, to]. */
    ofAgency(
      actor: Actor,
      range: { readonly from?: CalendarDate; readonly to?: CalendarDate } = {},
    ): Promise<readonly CaseConference[]> {
      return runner.run(actor, 'conference.list', null, async (s) => {
        const conferences = await s.repos.conferences.listForAgency(actor.agencyId, range);
        touchCases(s, conferences);
        return conferences;
      });
    },
  };
}
