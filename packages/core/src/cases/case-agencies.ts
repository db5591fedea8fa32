import { z } from 'zod';
import type { Actor } from '../shared/actor.ts';
import { type CalendarDate, calendarDateOf, calendarDateSchema } from '../shared/dates.ts';
import { PreconditionError, parseInput } from '../shared/errors.ts';
import type { AgencyId, CaseId, ReferralId } from '../shared/ids.ts';
import { text } from '../shared/text.ts';
import type { LegalBasisRef } from '../sharing/legal-basis.ts';
import { assertNotClosed, type CaseCommandContext, type CaseRecord, nextCaseVersion } from './case-record.ts';

/**
 * Lead (主担当) and supporting (協力) agencies of a case, and the history of who took part when. A case
 * has exactly one lead and any number of supporting agencies; the lead is never also listed as
 * supporting, and no agency is listed twice.
 *
 * Every agency that comes to see a case it did not open receives the case's information: a disclosure
 * (要配慮個人情報). So each joining is recorded with the legal basis it rests on (consent or 支援会議,
 * checked by `assertDisclosureAllowed` in sharing/legal-basis.ts before these functions are called),
 * and each leaving too. The entries are append-only; `caseAgencyPeriods` turns them into membership
 * periods (joined on / left on, by whom, on what basis) for the case history.
 *
 * These functions take no expected version: the referrals module calls them inside its own use case
 * (accepting a referral adds a supporting agency, completing a lead-handover referral hands over the
 * lead). A user-facing mutation checks the version first with `assertExpectedVersion`; the repository
 * saves with a compare-and-set on `version - 1` either way.
 *
 * A closed case takes no new agencies and no handover (reopen it first); removing an agency is always
 * allowed, since it only narrows who sees the case.
 */
export type CaseAgencyRole = 'lead' | 'supporting';

/** How an agency came to take part in a case, or stopped. */
export const CaseAgencyVia = {
  /** 受付: the agency that opened the case (lead), or a supporting agency named at intake. */
  Opening: 'opening',
  /** 協力機関の追加 by the lead agency. */
  Added: 'added',
  /** 紹介の受理: the recipient of a referral took the case on. */
  Referral: 'referral',
  /** 主担当の引継: the new lead takes over; the previous one leaves the lead role (and may stay on). */
  LeadHandover: 'leadHandover',
  /** The lead agency removed a supporting agency. */
  Removed: 'removed',
  /** A supporting agency withdrew from the case itself. */
  Withdrew: 'withdrew',
  /** The consent its membership rested on was withdrawn, and no other basis covers it. */
  ConsentWithdrawn: 'consentWithdrawn',
  /** On the case before membership periods were recorded: the basis was not recorded. */
  RecordedBefore: 'recordedBefore',
} as const;
export type CaseAgencyVia = (typeof CaseAgencyVia)[keyof typeof CaseAgencyVia];

export const CASE_AGENCY_VIA_LABELS_JA: Readonly<Record<CaseAgencyVia, string>> = {
  opening: '受付時',
  added: '協力機関として追加',
  referral: '紹介の受理',
  leadHandover: '主担当の引継',
  removed: '主担当機関による終了',
  withdrew: '機関からの辞退',
  consentWithdrawn: '同意の撤回',
  recordedBefore: '記録開始前から',
};
export const caseAgencyViaSchema = z.enum([
  'opening',
  'added',
  'referral',
  'leadHandover',
  'removed',
  'withdrew',
  'consentWithdrawn',
  'recordedBefore',
]);

/** One append-only entry of a case's agency history; `sequence` counts from 1 per case. */
export interface CaseAgencyChange {
  readonly caseId: CaseId;
  readonly sequence: number;
  readonly agencyId: AgencyId;
  readonly role: CaseAgencyRole;
  readonly change: 'joined' | 'left';
  readonly via: CaseAgencyVia;
  /**
   * The basis the disclosure to the joining agency rests on. Null for the agency that opened the case
   * (its own record), for leaving, and for memberships recorded before bases were.
   */
  readonly legalBasis: LegalBasisRef | null;
  /** The referral the agency came through (accepted referral, lead-handover referral). */
  readonly referralId: ReferralId | null;
  /** The day the change took effect. */
  readonly effectiveOn: CalendarDate;
  readonly actor: Actor;
  readonly recordedAt: Date;
}

/** One period an agency took part in a case in one role: what the case history shows. */
export interface CaseAgencyPeriod {
  readonly agencyId: AgencyId;
  readonly role: CaseAgencyRole;
  readonly joinedOn: CalendarDate;
  readonly joinedVia: CaseAgencyVia;
  readonly joinedBy: Actor;
  readonly legalBasis: LegalBasisRef | null;
  readonly referralId: ReferralId | null;
  /** Null while the agency still takes part in this role. */
  readonly leftOn: CalendarDate | null;
  readonly leftVia: CaseAgencyVia | null;
  readonly leftBy: Actor | null;
}

/** The periods, in the order they began (sequence of the joining entry). */
export function caseAgencyPeriods(history: readonly CaseAgencyChange[]): CaseAgencyPeriod[] {
  const periods: (CaseAgencyPeriod & { sequence: number })[] = [];
  for (const e of [...history].sort((a, b) => a.sequence - b.sequence)) {
    if (e.change === 'joined') {
      periods.push({
        sequence: e.sequence,
        agencyId: e.agencyId,
        role: e.role,
        joinedOn: e.effectiveOn,
        joinedVia: e.via,
        joinedBy: e.actor,
        legalBasis: e.legalBasis,
        referralId: e.referralId,
        leftOn: null,
        leftVia: null,
        leftBy: null,
      });
      continue;
    }
    const i = periods.findIndex((p) => p.agencyId === e.agencyId && p.role === e.role && p.leftOn === null);
    const open = periods[i];
    if (open) periods[i] = { ...open, leftOn: e.effectiveOn, leftVia: e.via, leftBy: e.actor };
  }
  return periods.map(({ sequence: _s, ...p }) => p);
}

/** Lead first, then the supporting agencies in the order they joined. */
export function involvedAgencyIds(record: CaseRecord): readonly AgencyId[] {
  return [record.leadAgencyId, ...record.supportingAgencyIds];
}

export function isInvolvedAgency(record: CaseRecord, agencyId: AgencyId): boolean {
  return involvedAgencyIds(record).includes(agencyId);
}

/** A change of the case's agencies: the next record and the history entries to append with it. */
export interface CaseAgencyChangeResult {
  readonly record: CaseRecord;
  readonly entries: readonly CaseAgencyChange[];
}

const agencyIdSchema = text('id');

/** What a joining needs besides the agency: the basis it rests on, when, and how it came about. */
export interface JoinDetails {
  readonly legalBasis: LegalBasisRef | null;
  readonly effectiveOn: CalendarDate;
  readonly via: CaseAgencyVia;
  readonly referralId?: ReferralId | null;
}

/** Builds entries with sequences following `history`. */
function entryMaker(record: CaseRecord, history: readonly CaseAgencyChange[], ctx: CaseCommandContext) {
  let sequence = history.reduce((max, e) => Math.max(max, e.sequence), 0);
  return (
    fields: Pick<CaseAgencyChange, 'agencyId' | 'role' | 'change' | 'via' | 'effectiveOn'> &
      Partial<Pick<CaseAgencyChange, 'legalBasis' | 'referralId'>>,
  ): CaseAgencyChange => ({
    caseId: record.id,
    sequence: ++sequence,
    legalBasis: null,
    referralId: null,
    ...fields,
    actor: ctx.actor,
    recordedAt: ctx.now,
  });
}

/**
 * The day a change takes effect: not before the case opened, not after today, and not before the
 * agency's own last change in that role (a period never ends before it began).
 */
function assertEffectiveOn(
  record: CaseRecord,
  history: readonly CaseAgencyChange[],
  agencyId: AgencyId,
  effectiveOn: CalendarDate,
  ctx: CaseCommandContext,
  field: string,
): CalendarDate {
  const date = parseInput(z.object({ [field]: calendarDateSchema }), { [field]: effectiveOn })[
    field
  ] as CalendarDate;
  if (date < record.openedOn)
    throw new PreconditionError(
      'not_before_case_opened',
      `${date} is before the case was opened (${record.openedOn})`,
      field,
    );
  const today = calendarDateOf(ctx.now);
  if (date > today)
    throw new PreconditionError('date_not_in_future', `${date} is after today (${today})`, field);
  const last = history
    .filter((e) => e.agencyId === agencyId)
    .reduce<CalendarDate | null>(
      (max, e) => (max === null || e.effectiveOn > max ? e.effectiveOn : max),
      null,
    );
  if (last !== null && date < last)
    throw new PreconditionError(
      'not_before_previous_change',
      `agency ${agencyId} last joined or left this case on ${last}; a change cannot be dated ${date}`,
      field,
    );
  return date;
}

/**
 * The agency history a new case starts with: the lead joined on the opening day (its own record, no
 * basis), then each supporting agency named at intake with the basis its disclosure rests on.
 */
export function openingAgencyEntries(
  record: CaseRecord,
  supportingBases: ReadonlyMap<AgencyId, LegalBasisRef>,
  ctx: CaseCommandContext,
): CaseAgencyChange[] {
  const make = entryMaker(record, [], ctx);
  const common = { change: 'joined', via: 'opening', effectiveOn: record.openedOn } as const;
  return [
    make({ ...common, agencyId: record.leadAgencyId, role: 'lead' }),
    ...record.supportingAgencyIds.map((agencyId) => {
      const legalBasis = supportingBases.get(agencyId);
      if (!legalBasis)
        throw new PreconditionError(
          'legal_basis_recorded',
          `supporting agency ${agencyId} has no recorded basis`,
          'supportingAgencyIds',
        );
      return make({ ...common, agencyId, role: 'supporting', legalBasis });
    }),
  ];
}

/** 協力機関の追加 (also what accepting a referral does): the agency joins on `details.effectiveOn`. */
export function addSupportingAgency(
  record: CaseRecord,
  history: readonly CaseAgencyChange[],
  agencyId: AgencyId,
  details: JoinDetails,
  ctx: CaseCommandContext,
): CaseAgencyChangeResult {
  const id = parseInput(agencyIdSchema, agencyId);
  assertNotClosed(record);
  if (id === record.leadAgencyId)
    throw new PreconditionError(
      'lead_not_supporting',
      'the lead agency cannot also be a supporting agency',
      'agencyId',
    );
  if (record.supportingAgencyIds.includes(id))
    throw new PreconditionError('no_duplicate_agency', `agency ${id} already supports the case`, 'agencyId');
  const effectiveOn = assertEffectiveOn(record, history, id, details.effectiveOn, ctx, 'joinedOn');
  const make = entryMaker(record, history, ctx);
  return {
    record: nextCaseVersion(record, { supportingAgencyIds: [...record.supportingAgencyIds, id] }, ctx.now),
    entries: [
      make({
        agencyId: id,
        role: 'supporting',
        change: 'joined',
        via: details.via,
        effectiveOn,
        legalBasis: details.legalBasis,
        referralId: details.referralId ?? null,
      }),
    ],
  };
}

/** A supporting agency leaves: removed by the lead, or withdrawing itself. */
export function removeSupportingAgency(
  record: CaseRecord,
  history: readonly CaseAgencyChange[],
  agencyId: AgencyId,
  details: { readonly effectiveOn: CalendarDate; readonly via: 'removed' | 'withdrew' | 'consentWithdrawn' },
  ctx: CaseCommandContext,
): CaseAgencyChangeResult {
  const id = parseInput(agencyIdSchema, agencyId);
  if (id === record.leadAgencyId)
    throw new PreconditionError(
      'lead_not_removable',
      'the lead agency cannot be removed; hand over the lead first',
      'agencyId',
    );
  if (!record.supportingAgencyIds.includes(id))
    throw new PreconditionError('agency_is_supporting', `agency ${id} does not support the case`, 'agencyId');
  const effectiveOn = assertEffectiveOn(record, history, id, details.effectiveOn, ctx, 'leftOn');
  const make = entryMaker(record, history, ctx);
  return {
    record: nextCaseVersion(
      record,
      { supportingAgencyIds: record.supportingAgencyIds.filter((a) => a !== id) },
      ctx.now,
    ),
    entries: [make({ agencyId: id, role: 'supporting', change: 'left', via: details.via, effectiveOn })],
  };
}

export interface HandOverDetails {
  /** The basis of the disclosure to the new lead. */
  readonly legalBasis: LegalBasisRef;
  readonly effectiveOn: CalendarDate;
  /** The lead-handover referral completed, when the handover came through one. */
  readonly referralId?: ReferralId | null;
  /**
   * The previous lead stays on as supporting agency, on this basis (what the new lead records from
   * then on is disclosed to it); null: it leaves the case.
   */
  readonly previousLeadStaysOn: LegalBasisRef | null;
}

/**
 * 主担当の引継: make `newLeadAgencyId` the lead on `details.effectiveOn`. If it was supporting it leaves
 * that role (it is the lead now); the previous lead stays on as supporting when a basis for that is
 * given, otherwise it leaves the case.
 */
export function handOverLead(
  record: CaseRecord,
  history: readonly CaseAgencyChange[],
  newLeadAgencyId: AgencyId,
  details: HandOverDetails,
  ctx: CaseCommandContext,
): CaseAgencyChangeResult {
  const id = parseInput(agencyIdSchema, newLeadAgencyId);
  assertNotClosed(record);
  if (id === record.leadAgencyId)
    throw new PreconditionError('new_lead_differs', `agency ${id} is already the lead`, 'newLeadAgencyId');
  const previous = record.leadAgencyId;
  const effectiveOn = assertEffectiveOn(record, history, id, details.effectiveOn, ctx, 'effectiveOn');
  assertEffectiveOn(record, history, previous, effectiveOn, ctx, 'effectiveOn');
  const make = entryMaker(record, history, ctx);
  const via = 'leadHandover' as const;
  const referralId = details.referralId ?? null;
  const entries: CaseAgencyChange[] = [];
  if (record.supportingAgencyIds.includes(id))
    entries.push(make({ agencyId: id, role: 'supporting', change: 'left', via, effectiveOn, referralId }));
  entries.push(
    make({
      agencyId: id,
      role: 'lead',
      change: 'joined',
      via,
      effectiveOn,
      legalBasis: details.legalBasis,
      referralId,
    }),
  );
  entries.push(make({ agencyId: previous, role: 'lead', change: 'left', via, effectiveOn, referralId }));
  const supporting = record.supportingAgencyIds.filter((a) => a !== id);
  if (details.previousLeadStaysOn) {
    supporting.push(previous);
    entries.push(
      make({
        agencyId: previous,
        role: 'supporting',
        change: 'joined',
        via,
        effectiveOn,
        legalBasis: details.previousLeadStaysOn,
        referralId,
      }),
    );
  }
  return {
    record: nextCaseVersion(record, { leadAgencyId: id, supportingAgencyIds: supporting }, ctx.now),
    entries,
  };
}
