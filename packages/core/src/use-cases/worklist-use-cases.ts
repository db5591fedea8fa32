import { z } from 'zod';
import { canRespondToReferral, canRotateStaff, readableSections } from '../access/access-rules.ts';
import type { Referral } from '../referrals/referral.ts';
import type { Actor } from '../shared/actor.ts';
import type { CaseSection } from '../shared/case-section.ts';
import { type CalendarDate, calendarDateSchema } from '../shared/dates.ts';
import { ForbiddenError, parseInput } from '../shared/errors.ts';
import type { CaseId, StaffId } from '../shared/ids.ts';
import { text } from '../shared/text.ts';
import { buildWorklist, type Worklist, type WorklistItem, type WorklistKind } from '../worklist/worklist.ts';
import { type CaseView, grantsOf } from './case-access.ts';
import type { UseCaseRunner } from './context.ts';

export interface WorklistRequest {
  /** Defaults to today (Asia/Tokyo). */
  readonly on?: CalendarDate | null;
  /** Another staff member of the actor's agency (supervisors and agency admins); defaults to the actor. */
  readonly staffId?: StaffId | null;
}

/** A worklist with the cases and referrals its items point at, as the actor may see them. */
export interface WorklistResult extends Worklist {
  readonly staffId: StaffId;
  readonly cases: readonly CaseView[];
  readonly referrals: readonly Referral[];
}

/** The case section an item of each kind reads: an item is listed only to readers of it. */
const SECTION_OF: Readonly<Record<WorklistKind, CaseSection>> = {
  nextContactDue: 'contacts',
  noContactForLong: 'contacts',
  pauseReviewDue: 'summary',
  planReviewDue: 'plans',
  referralWaiting: 'summary',
};

const requestSchema = z.object({ on: calendarDateSchema.nullish(), staffId: text('id').nullish() });

/**
 * 今日の対応一覧: the rules are worklist/worklist.ts's; this reads their sources in a fixed number of
 * queries (never one per case) and keeps to the access rules: a case's items are listed only to
 * readers of the section they come from, and every case listed is audited as read.
 */
export function worklistUseCases(runner: UseCaseRunner) {
  return {
    worklist(actor: Actor, request: WorklistRequest = {}): Promise<WorklistResult> {
      const parsed = parseInput(requestSchema, request);
      const staffId = parsed.staffId ?? actor.staffId;
      return runner.read(
        actor,
        'worklist.read',
        { entity: 'staff', entityId: staffId, caseId: null },
        async (s) => {
          if (staffId !== actor.staffId && !canRotateStaff(actor))
            throw new ForbiddenError(
              'worklist_other_staff',
              "only supervisors and agency admins read another staff member's worklist",
            );
          const on = parsed.on ?? s.today;
          const assigned = await s.repos.assignments.openOfStaff(actor.agencyId, staffId);
          const caseIds = [...new Set(assigned.map((a) => a.caseId))];
          const answers = canRespondToReferral(actor, { toAgencyId: actor.agencyId });
          const none = Promise.resolve([] as const);
          const [cases, incoming, outgoing, latestContacts, plannedContacts, plans] = await Promise.all([
            caseIds.length ? s.repos.cases.getMany(caseIds) : none,
            answers ? s.repos.referrals.list({ toAgencyId: actor.agencyId, statuses: ['sent'] }) : none,
            answers ? s.repos.referrals.list({ fromAgencyId: actor.agencyId, statuses: ['sent'] }) : none,
            caseIds.length ? s.repos.contacts.latestByCases(caseIds) : none,
            caseIds.length ? s.repos.plannedContacts.latestOfCases(actor.agencyId, caseIds) : none,
            caseIds.length ? s.repos.plans.listByCases(caseIds) : none,
          ]);
          // Outgoing referrals are the worker's when they carry the case or sent the referral.
          const mine = outgoing.filter((r) => caseIds.includes(r.caseId) || r.sentBy === staffId);
          const known = new Set(caseIds);
          const extraIds = [...new Set([...incoming, ...mine].map((r) => r.caseId))].filter(
            (id) => !known.has(id),
          );
          const extra = extraIds.length ? await s.repos.cases.getMany(extraIds) : [];
          const views = new Map<CaseId, CaseView>();
          for (const record of [...cases, ...extra]) {
            const grants = grantsOf(incoming.filter((r) => r.caseId === record.id));
            views.set(record.id, { record, readableSections: readableSections(actor, record, grants) });
          }
          const built = buildWorklist({
            on,
            agencyId: actor.agencyId,
            cases,
            plannedContacts,
            latestContacts,
            plans,
            incomingReferrals: incoming,
            outgoingReferrals: mine,
          });
          const visible = (i: WorklistItem) =>
            views.get(i.caseId)?.readableSections.includes(SECTION_OF[i.kind]) ?? false;
          const items = built.items.filter(visible);
          const listed = new Set(items.map((i) => i.caseId));
          for (const caseId of listed) s.touched({ entity: 'case', entityId: caseId, caseId });
          const referralIds = new Set(items.flatMap((i) => (i.referralId ? [i.referralId] : [])));
          return {
            on,
            staffId,
            items,
            counts: built.counts.map(({ kind }) => ({
              kind,
              count: items.filter((i) => i.kind === kind).length,
            })),
            cases: [...views.values()].filter((v) => listed.has(v.record.id)),
            referrals: [...incoming, ...mine].filter((r) => referralIds.has(r.id)),
          };
        },
      );
    },
  };
}
