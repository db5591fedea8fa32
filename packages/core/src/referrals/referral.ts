import { z } from 'zod';
import type { Agency } from '../agencies/agency.ts';
import type { Actor } from '../shared/actor.ts';
import { type CaseSection, caseSectionSchema } from '../shared/case-section.ts';
import { type CalendarDate, calendarDateSchema, daysBetween } from '../shared/dates.ts';
import {
  ForbiddenError,
  IllegalTransitionError,
  PreconditionError,
  parseInput,
  VersionConflictError,
} from '../shared/errors.ts';
import type { AgencyId, CaseId, ReferralId, StaffId } from '../shared/ids.ts';
import { text, textUpTo } from '../shared/text.ts';
import type { Consent } from '../sharing/consent.ts';
import { assertDisclosureAllowed, type LegalBasisRef, legalBasisRefSchema } from '../sharing/legal-basis.ts';
import type { SupportMeeting } from '../sharing/support-meeting.ts';
import {
  findReferralTransition,
  OPEN_REFERRAL_STATUSES,
  type ReferralKind,
  type ReferralOutcome,
  type ReferralStatus,
  referralKindSchema,
  referralOutcomeSchema,
} from './referral-status.ts';

/** One status change, with who made it and the date it took effect. The first entry has `from: null`. */
export interface ReferralStatusChange {
  readonly from: ReferralStatus | null;
  readonly to: ReferralStatus;
  readonly on: CalendarDate;
  readonly actor: Actor;
}

/**
 * A closed-loop referral (つなぎ・紹介・引継) of a case from one agency to another. The sender learns
 * whether it was accepted, declined (and why), and in the end whether the person got connected.
 */
export interface Referral {
  readonly id: ReferralId;
  readonly caseId: CaseId;
  readonly kind: ReferralKind;
  readonly fromAgencyId: AgencyId;
  readonly toAgencyId: AgencyId;
  /** Why the sender refers (the person's need as the sender sees it). */
  readonly reason: string;
  /** What the recipient is asked for (e.g. 訪問支援, 就労体験, 受診). */
  readonly requestedService: string;
  /** The basis that makes sending case information to the recipient lawful on `sentOn`. */
  readonly legalBasis: LegalBasisRef;
  /** What the recipient may see until it accepts; always includes 'summary'. */
  readonly sharedSections: readonly CaseSection[];
  readonly status: ReferralStatus;
  readonly sentOn: CalendarDate;
  /** Date of acceptance or decline. */
  readonly respondedOn: CalendarDate | null;
  readonly declineReason: string | null;
  readonly withdrawnOn: CalendarDate | null;
  readonly withdrawnReason: string | null;
  readonly completedOn: CalendarDate | null;
  readonly outcome: ReferralOutcome | null;
  readonly outcomeReason: string | null;
  /** The declined referral this one follows (再紹介); null for a first referral. */
  readonly previousReferralId: ReferralId | null;
  readonly sentBy: StaffId;
  /** Starts at 1, +1 on every status change (optimistic concurrency). */
  readonly version: number;
  readonly history: readonly ReferralStatusChange[];
}

const textSchema = text('longText');
const optionalTextSchema = textUpTo('longText')
  .nullish()
  .transform((v) => (v ? v : null));

export const sharedSectionsSchema = z
  .array(caseSectionSchema)
  .transform((sections) => [...new Set(sections)])
  .refine((sections) => sections.includes('summary'), {
    message: "shared sections must include 'summary'",
    params: { rule: 'summary_required' },
  });

export const sendReferralInputSchema = z.object({
  caseId: text('id'),
  kind: referralKindSchema.default('referral'),
  toAgencyId: text('id'),
  reason: textSchema,
  requestedService: textSchema,
  legalBasis: legalBasisRefSchema,
  sharedSections: sharedSectionsSchema,
  sentOn: calendarDateSchema,
});
export type SendReferralInput = z.input<typeof sendReferralInputSchema>;

/** What sending needs besides the input: who acts, the recipient, the case's lead, and sharing records. */
export interface SendReferralContext {
  readonly actor: Actor;
  /** Today (Japan time); nothing is dated after it. */
  readonly today: CalendarDate;
  /** The agency named by `toAgencyId` (its kind gives the sector that a consent may cover). */
  readonly recipient: Pick<Agency, 'id' | 'kind' | 'active'>;
  /** The case's current lead agency: only it may hand the lead over. */
  readonly leadAgencyId: AgencyId;
  /** Consents on record for the case. */
  readonly consents: readonly Consent[];
  /** Support meetings that may hold the case. */
  readonly meetings: readonly SupportMeeting[];
  /** The case's referrals that are still open (others are ignored, so passing all of them is fine). */
  readonly openReferrals: readonly Referral[];
}

export interface ReferralActionContext {
  readonly actor: Actor;
  readonly today: CalendarDate;
}

const versionSchema = z.number().int().min(1);

export const acceptReferralInputSchema = z.object({
  on: calendarDateSchema,
  expectedVersion: versionSchema,
});
export type AcceptReferralInput = z.input<typeof acceptReferralInputSchema>;

export const declineReferralInputSchema = z.object({
  on: calendarDateSchema,
  /** Required: the sender needs to know why to choose the next agency. */
  reason: textSchema,
  expectedVersion: versionSchema,
});
export type DeclineReferralInput = z.input<typeof declineReferralInputSchema>;

export const withdrawReferralInputSchema = z.object({
  on: calendarDateSchema,
  reason: optionalTextSchema,
  expectedVersion: versionSchema,
});
export type WithdrawReferralInput = z.input<typeof withdrawReferralInputSchema>;

export const completeReferralInputSchema = z
  .object({
    on: calendarDateSchema,
    outcome: referralOutcomeSchema,
    outcomeReason: optionalTextSchema,
    expectedVersion: versionSchema,
  })
  .superRefine((v, ctx) => {
    if (v.outcome === 'notConnected' && !v.outcomeReason)
      ctx.addIssue({
        code: 'custom',
        path: ['outcomeReason'],
        message: 'say why the person was not connected',
        params: { rule: 'outcome_reason_required' },
      });
  });
export type CompleteReferralInput = z.input<typeof completeReferralInputSchema>;

/** Instruction for the use-case layer: make `newLeadAgencyId` the case's lead agency from `effectiveOn`. */
export interface LeadHandoverInstruction {
  readonly caseId: CaseId;
  readonly referralId: ReferralId;
  readonly previousLeadAgencyId: AgencyId;
  readonly newLeadAgencyId: AgencyId;
  readonly effectiveOn: CalendarDate;
}

export interface ReferralCompletion {
  readonly referral: Referral;
  /** Set only for a `leadHandover` completed `connected`; the referral module never edits the case. */
  readonly leadHandover: LeadHandoverInstruction | null;
}

export function isOpen(referral: Pick<Referral, 'status'>): boolean {
  return OPEN_REFERRAL_STATUSES.includes(referral.status);
}

/** Days the referral has waited for an answer (0 on the day sent); null once answered or withdrawn. */
export function pendingAgeDays(
  referral: Pick<Referral, 'status' | 'sentOn'>,
  today: CalendarDate,
): number | null {
  if (referral.status !== 'sent') return null;
  return Math.max(0, daysBetween(referral.sentOn, today));
}

type ParsedSend = z.output<typeof sendReferralInputSchema>;

/** 紹介・引継の送付. Checks the legal basis on `sentOn` for the recipient; returns the new referral. */
export function sendReferral(id: ReferralId, input: SendReferralInput, ctx: SendReferralContext): Referral {
  const parsed = parseInput(sendReferralInputSchema, input);
  return send(id, parsed, ctx, null);
}

/**
 * 再紹介: after a decline, the sender refers the case to ANOTHER agency; the new referral links back
 * to the declined one so the chain of attempts stays visible.
 */
export function reReferAfterDecline(
  declined: Referral,
  newId: ReferralId,
  input: SendReferralInput,
  ctx: SendReferralContext,
): Referral {
  const parsed = parseInput(sendReferralInputSchema, input);
  if (declined.status !== 'declined')
    throw new PreconditionError(
      'previous_declined',
      `referral ${declined.id} is ${declined.status}; only a declined referral can be followed by a re-referral`,
      'previousReferralId',
    );
  if (parsed.caseId !== declined.caseId)
    throw new PreconditionError(
      'same_case',
      `referral ${declined.id} is for case ${declined.caseId}, not case ${parsed.caseId}`,
      'caseId',
    );
  if (ctx.actor.agencyId !== declined.fromAgencyId)
    throw new ForbiddenError(
      'referral_sender_only',
      'only the agency that sent the declined referral may re-refer it',
    );
  if (parsed.toAgencyId === declined.toAgencyId)
    throw new PreconditionError(
      'declined_by_same_agency',
      `agency ${declined.toAgencyId} declined this case on ${declined.respondedOn}; re-refer it to another agency`,
      'toAgencyId',
    );
  if (declined.respondedOn !== null && parsed.sentOn < declined.respondedOn)
    throw new PreconditionError(
      'date_not_before_decline',
      `the previous referral was declined on ${declined.respondedOn}; a re-referral cannot be dated ${parsed.sentOn}`,
      'sentOn',
    );
  return send(newId, parsed, ctx, declined.id);
}

function send(
  id: ReferralId,
  parsed: ParsedSend,
  ctx: SendReferralContext,
  previousReferralId: ReferralId | null,
): Referral {
  if (!id) throw new PreconditionError('id_given', 'a new referral needs an id', 'id');
  const fromAgencyId = ctx.actor.agencyId;
  if (ctx.recipient.id !== parsed.toAgencyId)
    throw new PreconditionError(
      'recipient_matches',
      `the recipient given (${ctx.recipient.id}) is not agency ${parsed.toAgencyId}`,
      'toAgencyId',
    );
  if (parsed.toAgencyId === fromAgencyId)
    throw new PreconditionError('not_to_self', 'an agency cannot refer a case to itself', 'toAgencyId');
  if (!ctx.recipient.active)
    throw new PreconditionError(
      'recipient_active',
      `agency ${parsed.toAgencyId} is no longer active and takes no referrals`,
      'toAgencyId',
    );
  if (parsed.kind === 'leadHandover' && fromAgencyId !== ctx.leadAgencyId)
    throw new ForbiddenError(
      'lead_handover_by_lead_agency',
      `only the lead agency (${ctx.leadAgencyId}) can hand the lead of case ${parsed.caseId} over`,
    );
  if (parsed.sentOn > ctx.today)
    throw new PreconditionError(
      'date_not_in_future',
      `sent date ${parsed.sentOn} is after today (${ctx.today})`,
      'sentOn',
    );
  // One lead handover at a time: two open ones could both complete connected, and the second would
  // hand over a lead its sender no longer holds.
  const openHandover =
    parsed.kind === 'leadHandover'
      ? ctx.openReferrals.find((r) => r.caseId === parsed.caseId && r.kind === 'leadHandover' && isOpen(r))
      : undefined;
  if (openHandover)
    throw new PreconditionError(
      'lead_handover_open',
      `lead handover ${openHandover.id} of case ${parsed.caseId} to agency ${openHandover.toAgencyId} is still ${openHandover.status}`,
      'kind',
    );
  const duplicate = ctx.openReferrals.find(
    (r) => r.caseId === parsed.caseId && r.toAgencyId === parsed.toAgencyId && isOpen(r),
  );
  if (duplicate)
    throw new PreconditionError(
      'open_referral_exists',
      `referral ${duplicate.id} of this case to agency ${parsed.toAgencyId} is still ${duplicate.status}`,
      'toAgencyId',
    );
  // The one rule every disclosure goes through; a referral always names its basis.
  assertDisclosureAllowed({
    basis: parsed.legalBasis,
    caseId: parsed.caseId,
    fromAgencyId,
    toAgency: ctx.recipient,
    on: parsed.sentOn,
    consents: ctx.consents,
    meetings: ctx.meetings,
  });
  return {
    id,
    caseId: parsed.caseId,
    kind: parsed.kind,
    fromAgencyId,
    toAgencyId: parsed.toAgencyId,
    reason: parsed.reason,
    requestedService: parsed.requestedService,
    legalBasis: parsed.legalBasis,
    sharedSections: parsed.sharedSections,
    status: 'sent',
    sentOn: parsed.sentOn,
    respondedOn: null,
    declineReason: null,
    withdrawnOn: null,
    withdrawnReason: null,
    completedOn: null,
    outcome: null,
    outcomeReason: null,
    previousReferralId,
    sentBy: ctx.actor.staffId,
    version: 1,
    history: [{ from: null, to: 'sent', on: parsed.sentOn, actor: ctx.actor }],
  };
}

/** Shared checks of every move: version, the transition table, the acting agency, the date. */
function move(
  referral: Referral,
  to: ReferralStatus,
  on: CalendarDate,
  expectedVersion: number,
  ctx: ReferralActionContext,
  changes: Partial<Referral>,
): Referral {
  if (referral.version !== expectedVersion)
    throw new VersionConflictError('Referral', referral.id, expectedVersion, referral.version);
  const transition = findReferralTransition(referral.status, to);
  if (!transition) throw new IllegalTransitionError('referral', referral.status, to);
  const partyAgency = transition.by === 'sender' ? referral.fromAgencyId : referral.toAgencyId;
  if (ctx.actor.agencyId !== partyAgency)
    throw new ForbiddenError(
      transition.by === 'sender' ? 'referral_sender_only' : 'referral_recipient_only',
      `only the ${transition.by === 'sender' ? 'sending' : 'receiving'} agency (${partyAgency}) can ${transition.action} referral ${referral.id}`,
    );
  if (on < referral.sentOn)
    throw new PreconditionError(
      'date_not_before_sent',
      `${on} is before the referral was sent (${referral.sentOn})`,
      'on',
    );
  const last = referral.history[referral.history.length - 1];
  if (last && on < last.on)
    throw new PreconditionError(
      'date_not_before_previous_change',
      `${on} is before the last status change (${last.to} on ${last.on})`,
      'on',
    );
  if (on > ctx.today)
    throw new PreconditionError('date_not_in_future', `${on} is after today (${ctx.today})`, 'on');
  return {
    ...referral,
    ...changes,
    status: to,
    version: referral.version + 1,
    history: [...referral.history, { from: referral.status, to, on, actor: ctx.actor }],
  };
}

/** 受理: the recipient takes the case on (it becomes a supporting agency of the case). */
export function acceptReferral(
  referral: Referral,
  input: AcceptReferralInput,
  ctx: ReferralActionContext,
): Referral {
  const p = parseInput(acceptReferralInputSchema, input);
  return move(referral, 'accepted', p.on, p.expectedVersion, ctx, { respondedOn: p.on });
}

/** 辞退: the recipient cannot take the case; the reason goes back to the sender. */
export function declineReferral(
  referral: Referral,
  input: DeclineReferralInput,
  ctx: ReferralActionContext,
): Referral {
  const p = parseInput(declineReferralInputSchema, input);
  return move(referral, 'declined', p.on, p.expectedVersion, ctx, {
    respondedOn: p.on,
    declineReason: p.reason,
  });
}

/** 取下げ: the sender takes the referral back before an answer. */
export function withdrawReferral(
  referral: Referral,
  input: WithdrawReferralInput,
  ctx: ReferralActionContext,
): Referral {
  const p = parseInput(withdrawReferralInputSchema, input);
  return move(referral, 'withdrawn', p.on, p.expectedVersion, ctx, {
    withdrawnOn: p.on,
    withdrawnReason: p.reason,
  });
}

/**
 * 完了: the recipient closes the loop. A lead handover completed `connected` yields the instruction to
 * make the recipient the case's lead; `notConnected` leaves the lead where it was.
 */
export function completeReferral(
  referral: Referral,
  input: CompleteReferralInput,
  ctx: ReferralActionContext,
): ReferralCompletion {
  const p = parseInput(completeReferralInputSchema, input);
  const next = move(referral, 'completed', p.on, p.expectedVersion, ctx, {
    completedOn: p.on,
    outcome: p.outcome,
    outcomeReason: p.outcomeReason,
  });
  const leadHandover: LeadHandoverInstruction | null =
    next.kind === 'leadHandover' && next.outcome === 'connected'
      ? {
          caseId: next.caseId,
          referralId: next.id,
          previousLeadAgencyId: next.fromAgencyId,
          newLeadAgencyId: next.toAgencyId,
          effectiveOn: p.on,
        }
      : null;
  return { referral: next, leadHandover };
}
