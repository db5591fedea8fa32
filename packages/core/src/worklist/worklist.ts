import type { CaseRecord } from '../cases/case-record.ts';
import type { Contact } from '../contacts/contact.ts';
import { currentPlannedContact, type PlannedContact } from '../contacts/planned-contact.ts';
import { isPlanClosed, type SupportPlan } from '../plans/support-plan.ts';
import type { Referral } from '../referrals/referral.ts';
import { addDays, type CalendarDate, calendarDateOf, daysBetween } from '../shared/dates.ts';
import type { AgencyId, CaseId } from '../shared/ids.ts';

/**
 * 今日の対応一覧 (worklist): what needs a staff member on a day, from the cases they are assigned to
 * (主担当・副担当) and, for caseworkers, their agency's referral inbox. Every rule of the list is here.
 *
 * - NEXT_CONTACT_DUE: the agency's 次回支援予定日 has come (planned on or before the day) and no
 *   contact was recorded for the case since the plan was set.
 * - NO_CONTACT_FOR_LONG: an active case without a contact for `NO_CONTACT_DAYS` days (counted from
 *   its latest contact, or from its opening when it has none). Voided contacts do not count.
 * - PAUSE_REVIEW_DUE: a paused case (小休止) whose review date (見直し予定日) has come.
 * - PLAN_REVIEW_DUE: an open support plan whose review date (評価予定日) has come.
 * - REFERRAL_WAITING: a referral to the agency waiting for its answer (due the day it was sent), or a
 *   referral the agency sent that has waited `OUTGOING_REFERRAL_WAIT_DAYS` days without an answer.
 * There is no reassessment interval in the domain, so no assessment item.
 *
 * Closed cases give nothing but their waiting referrals. Items are sorted most overdue first, then by
 * due date, kind and id, so the order never depends on storage.
 */

/** Days without a contact after which an active case is listed (3 months: the accompanying-support pace). */
export const NO_CONTACT_DAYS = 90;
/** Days an outgoing referral may wait for an answer before the sender is reminded (2 weeks). */
export const OUTGOING_REFERRAL_WAIT_DAYS = 14;

export const WORKLIST_KINDS = [
  'nextContactDue',
  'noContactForLong',
  'pauseReviewDue',
  'planReviewDue',
  'referralWaiting',
] as const;
export type WorklistKind = (typeof WORKLIST_KINDS)[number];

export const WORKLIST_KIND_LABELS_JA: Readonly<Record<WorklistKind, string>> = {
  nextContactDue: '次回支援予定日',
  noContactForLong: '長期間接触なし',
  pauseReviewDue: '休止の見直し',
  planReviewDue: '支援計画の評価',
  referralWaiting: '紹介の回答待ち',
};

export interface WorklistItem {
  readonly kind: WorklistKind;
  readonly caseId: CaseId;
  /** The referral of a REFERRAL_WAITING item. */
  readonly referralId: string | null;
  /** The plan of a PLAN_REVIEW_DUE item. */
  readonly planId: string | null;
  /** The planned contact of a NEXT_CONTACT_DUE item. */
  readonly plannedContact: PlannedContact | null;
  readonly dueOn: CalendarDate;
  /** Whole days since `dueOn` (0 on the day it falls due). */
  readonly daysOverdue: number;
}

export interface Worklist {
  readonly on: CalendarDate;
  readonly items: readonly WorklistItem[];
  /** How many items of each kind, every kind listed (0 included), in `WORKLIST_KINDS` order. */
  readonly counts: readonly { readonly kind: WorklistKind; readonly count: number }[];
}

export interface WorklistSources {
  readonly on: CalendarDate;
  readonly agencyId: AgencyId;
  /** The cases the staff member is assigned to. */
  readonly cases: readonly CaseRecord[];
  /** The agency's planned-contact entries of those cases (any number per case). */
  readonly plannedContacts: readonly PlannedContact[];
  /** The latest (not voided) contact of each of those cases that has one. */
  readonly latestContacts: readonly Contact[];
  /** The support plans of those cases. */
  readonly plans: readonly SupportPlan[];
  /** Referrals sent to the agency and waiting for an answer (empty for roles that do not answer). */
  readonly incomingReferrals: readonly Referral[];
  /** Referrals the agency sent that wait for an answer. */
  readonly outgoingReferrals: readonly Referral[];
}

function item(
  kind: WorklistKind,
  caseId: CaseId,
  dueOn: CalendarDate,
  on: CalendarDate,
  ids: { referralId?: string; planId?: string; plannedContact?: PlannedContact } = {},
): WorklistItem {
  return {
    kind,
    caseId,
    referralId: ids.referralId ?? null,
    planId: ids.planId ?? null,
    plannedContact: ids.plannedContact ?? null,
    dueOn,
    daysOverdue: Math.max(0, daysBetween(dueOn, on)),
  };
}

/** The agency's plan in force for each case. */
function plannedByCase(entries: readonly PlannedContact[], agencyId: AgencyId): Map<CaseId, PlannedContact> {
  const byCase = new Map<CaseId, PlannedContact[]>();
  for (const e of entries)
    if (e.agencyId === agencyId) byCase.set(e.caseId, [...(byCase.get(e.caseId) ?? []), e]);
  const current = new Map<CaseId, PlannedContact>();
  for (const [caseId, list] of byCase) {
    const plan = currentPlannedContact(list);
    if (plan) current.set(caseId, plan);
  }
  return current;
}

/** A contact recorded after the plan was set answers it (the worker then sets the next one). */
function answered(plan: PlannedContact, contact: Contact | undefined): boolean {
  return (
    !!contact &&
    contact.recordedAt.getTime() > plan.recordedAt.getTime() &&
    contact.occurredOn >= calendarDateOf(plan.recordedAt)
  );
}

export function compareWorklistItems(a: WorklistItem, b: WorklistItem): number {
  return (
    b.daysOverdue - a.daysOverdue ||
    a.dueOn.localeCompare(b.dueOn) ||
    WORKLIST_KINDS.indexOf(a.kind) - WORKLIST_KINDS.indexOf(b.kind) ||
    a.caseId.localeCompare(b.caseId) ||
    (a.referralId ?? a.planId ?? '').localeCompare(b.referralId ?? b.planId ?? '')
  );
}

export function buildWorklist(sources: WorklistSources): Worklist {
  const { on } = sources;
  const items: WorklistItem[] = [];
  const planned = plannedByCase(sources.plannedContacts, sources.agencyId);
  const lastContact = new Map(sources.latestContacts.filter((c) => !c.voided).map((c) => [c.caseId, c]));
  for (const record of sources.cases) {
    const status = record.status;
    if (status.state === 'closed') continue;
    const plan = planned.get(record.id);
    const contact = lastContact.get(record.id);
    if (plan?.plannedOn && plan.plannedOn <= on && !answered(plan, contact))
      items.push(item('nextContactDue', record.id, plan.plannedOn, on, { plannedContact: plan }));
    if (status.state === 'active') {
      const dueOn = addDays(contact?.occurredOn ?? record.openedOn, NO_CONTACT_DAYS);
      if (dueOn <= on) items.push(item('noContactForLong', record.id, dueOn, on));
    }
    if (status.state === 'paused' && status.reviewOn !== null && status.reviewOn <= on)
      items.push(item('pauseReviewDue', record.id, status.reviewOn, on));
  }
  const open = new Set(sources.cases.filter((c) => c.status.state !== 'closed').map((c) => c.id));
  for (const plan of sources.plans)
    if (open.has(plan.caseId) && !isPlanClosed(plan) && plan.reviewDueOn <= on)
      items.push(item('planReviewDue', plan.caseId, plan.reviewDueOn, on, { planId: plan.id }));
  for (const r of sources.incomingReferrals)
    if (r.status === 'sent' && r.toAgencyId === sources.agencyId && r.sentOn <= on)
      items.push(item('referralWaiting', r.caseId, r.sentOn, on, { referralId: r.id }));
  for (const r of sources.outgoingReferrals) {
    const dueOn = addDays(r.sentOn, OUTGOING_REFERRAL_WAIT_DAYS);
    if (r.status === 'sent' && r.fromAgencyId === sources.agencyId && dueOn <= on)
      items.push(item('referralWaiting', r.caseId, dueOn, on, { referralId: r.id }));
  }
  items.sort(compareWorklistItems);
  return {
    on,
    items,
    counts: WORKLIST_KINDS.map((kind) => ({ kind, count: items.filter((i) => i.kind === kind).length })),
  };
}
