import { z } from 'zod';
import type { CaseStatusChange } from '../case-status/case-status.ts';
import type { SupportPlan } from '../plans/support-plan.ts';
import type { Referral } from '../referrals/referral.ts';
import type { Actor } from '../shared/actor.ts';
import { type CalendarDate, calendarDateSchema } from '../shared/dates.ts';
import { PreconditionError, parseInput } from '../shared/errors.ts';
import type { AgencyId, CaseConferenceId, CaseId, StaffId, SupportMeetingId } from '../shared/ids.ts';
import { type TextKind, text, textUpTo } from '../shared/text.ts';
import {
  isCaseBeforeMeetingOn,
  isMeetingActiveOn,
  isMemberOn,
  type SupportMeeting,
} from '../sharing/support-meeting.ts';
import type { SupportStageChange } from '../stages/stage-history.ts';

/**
 * 会議の種類. A conference is one sitting: the day agencies met and what they decided per case.
 * Only a 支援会議 session is itself a legal basis to share (社会福祉法 第106条の6); at the others every
 * attending agency needs its own basis (working on the case, or a consent covering it).
 */
export const ConferenceKind = {
  CaseConference: 'caseConference', // ケース会議（個別ケース検討会議）
  SupportMeeting: 'supportMeeting', // 支援会議（社会福祉法第106条の6）の開催回
  MultiLayered: 'multiLayered', // 重層的支援会議（本人同意が前提）
  SupportCoordination: 'supportCoordination', // 支援調整会議（自立相談支援）
} as const;
export type ConferenceKind = (typeof ConferenceKind)[keyof typeof ConferenceKind];
export const conferenceKindSchema = z.enum([
  'caseConference',
  'supportMeeting',
  'multiLayered',
  'supportCoordination',
]);

export const CONFERENCE_KIND_LABELS_JA: Readonly<Record<ConferenceKind, string>> = {
  caseConference: 'ケース会議',
  supportMeeting: '支援会議',
  multiLayered: '重層的支援会議',
  supportCoordination: '支援調整会議',
};

/** What a conference decided for one case (協議結果). */
export const ConferenceDecisionKind = {
  ContinueSupport: 'continueSupport', // 現行方針で支援継続
  StageChange: 'stageChange', // 支援段階の変更
  Plan: 'plan', // 支援計画の策定・見直し
  Closure: 'closure', // 終結
  Referral: 'referral', // 他機関へのつなぎ
} as const;
export type ConferenceDecisionKind = (typeof ConferenceDecisionKind)[keyof typeof ConferenceDecisionKind];
export const conferenceDecisionKindSchema = z.enum([
  'continueSupport',
  'stageChange',
  'plan',
  'closure',
  'referral',
]);

export const CONFERENCE_DECISION_LABELS_JA: Readonly<Record<ConferenceDecisionKind, string>> = {
  continueSupport: '支援継続',
  stageChange: '支援段階の変更',
  plan: '支援計画',
  closure: '終結',
  referral: 'つなぎ・紹介',
};

/**
 * The record that carried a decision out, so the stage change, plan, closure or referral cites the
 * conference that decided it. Stage moves and status changes are history entries named by sequence.
 */
export type ConferenceDecisionLink =
  | { readonly kind: 'stageChange'; readonly sequence: number }
  | { readonly kind: 'plan'; readonly planId: string }
  | { readonly kind: 'closure'; readonly sequence: number }
  | { readonly kind: 'referral'; readonly referralId: string };

export interface ConferenceAttendee {
  readonly agencyId: AgencyId;
  /** A staff account of the register, when the attendee has one. */
  readonly staffId: StaffId | null;
  /** Name or role as minuted (e.g. 民生委員, 保健師): for attendees without an account. */
  readonly name: string | null;
}

export interface ConferenceDiscussion {
  readonly caseId: CaseId;
  readonly decision: ConferenceDecisionKind;
  /** null until the decision is carried out (and always for `continueSupport`). */
  readonly link: ConferenceDecisionLink | null;
}

export interface CaseConference {
  readonly id: CaseConferenceId;
  /** 主催機関: the agency that convened and minutes the conference. */
  readonly organiserAgencyId: AgencyId;
  readonly kind: ConferenceKind;
  /** The 支援会議 this is a sitting of (only for `supportMeeting`). */
  readonly supportMeetingId: SupportMeetingId | null;
  readonly heldOn: CalendarDate;
  readonly title: string;
  readonly attendees: readonly ConferenceAttendee[];
  /** In the order discussed; a case at most once per conference. */
  readonly discussions: readonly ConferenceDiscussion[];
  readonly recordedBy: Actor;
  readonly recordedAt: Date;
  readonly version: number;
}

const optionalText = (kind: TextKind) =>
  textUpTo(kind)
    .nullish()
    .transform((v) => (v ? v : null));

export const conferenceInputSchema = z
  .object({
    kind: conferenceKindSchema,
    supportMeetingId: optionalText('id'),
    heldOn: calendarDateSchema,
    title: text('name'),
    attendees: z
      .array(
        z
          .object({
            agencyId: text('id'),
            staffId: optionalText('id'),
            name: optionalText('personName'),
          })
          .refine((a) => a.staffId !== null || a.name !== null, {
            message: 'an attendee needs a staff id or a name',
            params: { rule: 'attendee_identified' },
            path: ['name'],
          }),
      )
      .min(1)
      .max(100),
    discussions: z
      .array(z.object({ caseId: text('id'), decision: conferenceDecisionKindSchema }))
      .max(100)
      .default([]),
  })
  .superRefine((input, ctx) => {
    if (input.kind === 'supportMeeting' && !input.supportMeetingId)
      ctx.addIssue({
        code: 'custom',
        path: ['supportMeetingId'],
        message: 'a 支援会議 sitting names its support meeting',
        params: { rule: 'support_meeting_given' },
      });
    if (input.kind !== 'supportMeeting' && input.supportMeetingId)
      ctx.addIssue({
        code: 'custom',
        path: ['supportMeetingId'],
        message: 'only a 支援会議 sitting names a support meeting',
        params: { rule: 'support_meeting_only_for_sitting' },
      });
    const seen = new Set<string>();
    input.discussions.forEach((d, i) => {
      if (seen.has(d.caseId))
        ctx.addIssue({
          code: 'custom',
          path: ['discussions', i, 'caseId'],
          message: `case ${d.caseId} is already on the agenda`,
          params: { rule: 'case_once_per_conference' },
        });
      seen.add(d.caseId);
    });
  });
export type ConferenceInput = z.input<typeof conferenceInputSchema>;

export interface ConferenceContext {
  readonly actor: Actor;
  readonly now: Date;
  readonly today: CalendarDate;
  /** The support meeting named by a 支援会議 sitting. */
  readonly meeting: SupportMeeting | null;
}

/**
 * Minutes a conference held by the actor's agency (the organiser always attends). Not in the future;
 * a 支援会議 sitting must fall in the meeting's life and every attending agency must be a member that
 * day, since membership is what lets them hear the cases, and every case discussed must be before
 * the meeting that day.
 */
export function recordConference(
  id: CaseConferenceId,
  input: ConferenceInput,
  ctx: ConferenceContext,
): CaseConference {
  if (!id) throw new PreconditionError('id_given', 'a new conference needs an id', 'id');
  const parsed = parseInput(conferenceInputSchema, input);
  if (parsed.heldOn > ctx.today)
    throw new PreconditionError(
      'held_not_in_future',
      `${parsed.heldOn} is after today (${ctx.today})`,
      'heldOn',
    );
  const attendees = parsed.attendees.some((a) => a.agencyId === ctx.actor.agencyId)
    ? parsed.attendees
    : [{ agencyId: ctx.actor.agencyId, staffId: ctx.actor.staffId, name: null }, ...parsed.attendees];
  if (parsed.kind === 'supportMeeting') {
    const meeting = ctx.meeting;
    if (!meeting || meeting.id !== parsed.supportMeetingId)
      throw new PreconditionError(
        'support_meeting_matches',
        `support meeting ${parsed.supportMeetingId} is not the one given`,
        'supportMeetingId',
      );
    if (!isMeetingActiveOn(meeting, parsed.heldOn))
      throw new PreconditionError(
        'meeting_active',
        `support meeting ${meeting.id} is not active on ${parsed.heldOn}`,
        'heldOn',
      );
    attendees.forEach((a) => {
      if (!isMemberOn(meeting, a.agencyId, parsed.heldOn))
        throw new PreconditionError(
          'attendee_is_member',
          `agency ${a.agencyId} is not a member of support meeting ${meeting.id} on ${parsed.heldOn}`,
          `attendees.${Math.max(0, parsed.attendees.indexOf(a))}.agencyId`,
        );
    });
    parsed.discussions.forEach((d, i) => {
      if (!isCaseBeforeMeetingOn(meeting, d.caseId, parsed.heldOn))
        throw new PreconditionError(
          'case_before_meeting',
          `case ${d.caseId} is not before support meeting ${meeting.id} on ${parsed.heldOn}`,
          `discussions.${i}.caseId`,
        );
    });
  }
  return {
    id,
    organiserAgencyId: ctx.actor.agencyId,
    kind: parsed.kind,
    supportMeetingId: parsed.supportMeetingId,
    heldOn: parsed.heldOn,
    title: parsed.title,
    attendees,
    discussions: parsed.discussions.map((d) => ({ caseId: d.caseId, decision: d.decision, link: null })),
    recordedBy: ctx.actor,
    recordedAt: ctx.now,
    version: 1,
  };
}

/** The agencies at the conference other than those in `working` (which already hold the case). */
export function attendingOutsiders(
  conference: Pick<CaseConference, 'attendees'>,
  working: readonly AgencyId[],
): readonly AgencyId[] {
  return [...new Set(conference.attendees.map((a) => a.agencyId))].filter((id) => !working.includes(id));
}

export const conferenceDecisionLinkSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('stageChange'), sequence: z.number().int().min(1) }),
  z.object({ kind: z.literal('plan'), planId: text('id') }),
  z.object({ kind: z.literal('closure'), sequence: z.number().int().min(1) }),
  z.object({ kind: z.literal('referral'), referralId: text('id') }),
]);
export type ConferenceDecisionLinkInput = z.input<typeof conferenceDecisionLinkSchema>;

/** The case's records a decision may point at. */
export interface DecisionRecords {
  readonly supportStages: readonly SupportStageChange[];
  readonly statuses: readonly CaseStatusChange[];
  readonly plans: readonly SupportPlan[];
  readonly referrals: readonly Referral[];
}

const linkRefused = (rule: string, message: string, field = 'link') =>
  new PreconditionError(rule, message, field);

/** The day the linked record took effect, or an error when it is not a record of the case that fits. */
function linkedRecordDate(
  caseId: CaseId,
  link: ConferenceDecisionLink,
  records: DecisionRecords,
): CalendarDate {
  switch (link.kind) {
    case 'stageChange': {
      const entry = records.supportStages.find((e) => e.caseId === caseId && e.sequence === link.sequence);
      if (!entry || entry.from === null)
        throw linkRefused(
          'stage_change_of_case',
          `case ${caseId} has no stage change ${link.sequence}`,
          'link.sequence',
        );
      return entry.effectiveOn;
    }
    case 'closure': {
      const entry = records.statuses.find((e) => e.caseId === caseId && e.sequence === link.sequence);
      if (entry?.to !== 'closed')
        throw linkRefused(
          'closure_of_case',
          `case ${caseId} has no closure ${link.sequence}`,
          'link.sequence',
        );
      return entry.effectiveOn;
    }
    case 'plan': {
      const plan = records.plans.find((p) => p.caseId === caseId && p.id === link.planId);
      if (!plan)
        throw linkRefused('plan_of_case', `case ${caseId} has no plan ${link.planId}`, 'link.planId');
      return plan.createdOn;
    }
    case 'referral': {
      const referral = records.referrals.find((r) => r.caseId === caseId && r.id === link.referralId);
      if (!referral)
        throw linkRefused(
          'referral_of_case',
          `case ${caseId} has no referral ${link.referralId}`,
          'link.referralId',
        );
      return referral.sentOn;
    }
  }
}

/**
 * 決定事項の実施記録: links a case's decision to the record that carried it out. The record must be
 * of the decided kind, of the same case, and not dated before the conference (a decision cannot be
 * carried out before it was taken). A link is written once.
 */
export function linkConferenceDecision(
  conference: CaseConference,
  caseId: CaseId,
  linkInput: ConferenceDecisionLinkInput,
  records: DecisionRecords,
): CaseConference {
  const link = parseInput(conferenceDecisionLinkSchema, linkInput) as ConferenceDecisionLink;
  const index = conference.discussions.findIndex((d) => d.caseId === caseId);
  const discussion = conference.discussions[index];
  if (!discussion)
    throw new PreconditionError(
      'case_discussed',
      `case ${caseId} was not discussed at this conference`,
      'caseId',
    );
  if (discussion.decision !== link.kind)
    throw linkRefused(
      'link_matches_decision',
      `the conference decided ${discussion.decision} for case ${caseId}, not ${link.kind}`,
      'link.kind',
    );
  if (discussion.link !== null)
    throw linkRefused('link_not_yet_recorded', `the decision for case ${caseId} is already linked`);
  const on = linkedRecordDate(caseId, link, records);
  if (on < conference.heldOn)
    throw linkRefused(
      'link_not_before_conference',
      `the ${link.kind} took effect on ${on}, before the conference on ${conference.heldOn}`,
    );
  return {
    ...conference,
    discussions: conference.discussions.map((d, i) => (i === index ? { ...d, link } : d)),
    version: conference.version + 1,
  };
}

/** Decisions still waiting to be carried out (未実施): everything but `continueSupport` without a link. */
export function pendingDecisions(conference: CaseConference): readonly ConferenceDiscussion[] {
  return conference.discussions.filter((d) => d.decision !== 'continueSupport' && d.link === null);
}
