import {
  type CaseView,
  type PlannedContact as PlannedContactRecord,
  type Referral,
  WORKLIST_KIND_LABELS_JA,
  WORKLIST_KINDS,
  type WorklistItem as WorklistItemRecord,
  type WorklistResult,
} from '@hikikomori-register/core';
import { builder } from './builder.ts';
import { gated } from './case.ts';
import { planByKey } from './casework.ts';
import { ContactChannel, enumFrom } from './enums.ts';
import { read } from './errors.ts';
import { localId, recordIdOf, scopedKey } from './ids.ts';
import { compact, mutate, payloadType } from './mutations.ts';
import { plannedContactFields } from './planned-contact-input.ts';
import { AgencyRef, CaseRef, ReferralRef, SupportPlanRef } from './refs.ts';

// --- 次回支援予定 (planned next contact) ----------------------------------------------------------

export const PlannedContact = builder.objectRef<PlannedContactRecord>('PlannedContact').implement({
  description:
    '次回支援予定: when an agency next means to contact the case. A newer entry replaces it; an entry without a date cleared the plan.',
  fields: (t) => ({
    plannedOn: t.field({
      type: 'Date',
      nullable: true,
      description: '次回支援予定日; null on an entry that cleared the plan.',
      resolve: (p) => p.plannedOn,
    }),
    channel: t.field({ type: ContactChannel, nullable: true, resolve: (p) => p.channel }),
    note: t.exposeString('note', { nullable: true }),
    agency: t.field({
      type: AgencyRef,
      nullable: true,
      resolve: (p, _a, ctx) => ctx.loaders.agencies.load(p.agencyId),
    }),
    staffId: t.exposeID('staffId'),
    recordedAt: t.field({ type: 'DateTime', resolve: (p) => p.recordedAt }),
  }),
});

builder.objectFields(CaseRef, (t) => ({
  nextContact: t.field({
    type: PlannedContact,
    nullable: true,
    description:
      "The signed-in staff member's agency's planned next contact (次回支援予定) in force; null without the CONTACTS section or when none is planned. Read per case: in a list, use the worklist's `plannedContact`.",
    resolve: (v, _a, ctx) =>
      gated(v, 'contacts', async () => {
        const { current } = await ctx.register.contacts.plannedOfCase(ctx.actor, v.record.id);
        return current.find((p) => p.agencyId === ctx.actor.agencyId) ?? null;
      }),
  }),
  plannedContacts: t.field({
    type: [PlannedContact],
    nullable: true,
    description:
      'Every planned-contact entry of the case by every agency, oldest first (the history); null without the CONTACTS section.',
    resolve: (v, _a, ctx) =>
      gated(v, 'contacts', async () => [
        ...(await ctx.register.contacts.plannedOfCase(ctx.actor, v.record.id)).history,
      ]),
  }),
}));

const PlanNextContactInput = builder.inputType('PlanNextContactInput', {
  fields: (t) => ({ caseId: t.id({ required: true }), ...plannedContactFields(t) }),
});

const PlanNextContactPayload = payloadType<PlannedContactRecord>(
  'PlanNextContactPayload',
  "The agency's planned next contact now in force.",
  { plannedContact: { type: PlannedContact, pick: (p) => p } },
);

const ClearNextContactInput = builder.inputType('ClearNextContactInput', {
  fields: (t) => ({ caseId: t.id({ required: true }) }),
});

const ClearNextContactPayload = payloadType<CaseView>(
  'ClearNextContactPayload',
  'The case, with no planned next contact for the agency.',
  { case: { type: CaseRef, pick: (v) => v } },
);

builder.mutationFields((t) => ({
  planNextContact: t.field({
    type: PlanNextContactPayload,
    description:
      "次回支援予定の登録: sets the agency's planned next contact of the case, replacing the one before (kept as history).",
    args: { input: t.arg({ type: PlanNextContactInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      mutate(ctx, () => {
        const { caseId, ...plan } = input;
        return ctx.register.contacts.planNext(
          ctx.actor,
          localId('Case', String(caseId), 'caseId'),
          compact(plan),
        );
      }),
  }),
  clearNextContact: t.field({
    type: ClearNextContactPayload,
    description: "Clears the agency's planned next contact of the case (the clearing is kept as history).",
    args: { input: t.arg({ type: ClearNextContactInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      mutate(ctx, async () => {
        const caseId = localId('Case', String(input.caseId), 'caseId');
        await ctx.register.contacts.clearNext(ctx.actor, caseId);
        return ctx.register.cases.get(ctx.actor, caseId);
      }),
  }),
}));

// --- 今日の対応一覧 (worklist) ----------------------------------------------------------------------

const WorklistKind = enumFrom(
  'WorklistKind',
  WORKLIST_KINDS,
  'Why an item is on the worklist.',
  WORKLIST_KIND_LABELS_JA,
);

interface ItemWithSources {
  readonly item: WorklistItemRecord;
  readonly cases: ReadonlyMap<string, CaseView>;
  readonly referrals: ReadonlyMap<string, Referral>;
}

const WorklistItem = builder.objectRef<ItemWithSources>('WorklistItem').implement({
  description: 'One thing that needs the staff member: what, for which case (or referral), since when.',
  fields: (t) => ({
    kind: t.field({ type: WorklistKind, resolve: ({ item }) => item.kind }),
    case: t.field({
      type: CaseRef,
      nullable: true,
      description: 'The case, as the signed-in staff member may see it.',
      resolve: ({ item, cases }) => cases.get(item.caseId) ?? null,
    }),
    referral: t.field({
      type: ReferralRef,
      nullable: true,
      description: 'The referral of a REFERRAL_WAITING item.',
      resolve: ({ item, referrals }) => (item.referralId ? (referrals.get(item.referralId) ?? null) : null),
    }),
    planId: t.id({
      nullable: true,
      description: 'The support plan of a PLAN_REVIEW_DUE item.',
      deprecationReason: 'Use `plan { id }`: this is the plain id.',
      resolve: ({ item }) => item.planId,
    }),
    plan: t.field({
      type: SupportPlanRef,
      nullable: true,
      description: 'The support plan of a PLAN_REVIEW_DUE item.',
      resolve: ({ item }, _a, ctx) =>
        item.planId ? planByKey(ctx, scopedKey(item.caseId, item.planId)) : null,
    }),
    plannedContact: t.field({
      type: PlannedContact,
      nullable: true,
      description: 'The planned contact of a NEXT_CONTACT_DUE item.',
      resolve: ({ item }) => item.plannedContact,
    }),
    dueOn: t.field({ type: 'Date', resolve: ({ item }) => item.dueOn }),
    daysOverdue: t.int({
      description: 'Whole days since `dueOn` (0 on the day it falls due).',
      resolve: ({ item }) => item.daysOverdue,
    }),
  }),
});

const WorklistCount = builder
  .objectRef<{ readonly kind: WorklistResult['counts'][number]['kind']; readonly count: number }>(
    'WorklistCount',
  )
  .implement({
    fields: (t) => ({
      kind: t.field({ type: WorklistKind, resolve: (c) => c.kind }),
      count: t.exposeInt('count'),
    }),
  });

const Worklist = builder.objectRef<WorklistResult>('Worklist').implement({
  description: '今日の対応一覧 of one staff member on a day.',
  fields: (t) => ({
    on: t.field({ type: 'Date', resolve: (w) => w.on }),
    staffId: t.exposeID('staffId'),
    items: t.field({
      type: [WorklistItem],
      description: 'Most overdue first, then by due date and kind.',
      resolve: (w) => {
        const cases = new Map(w.cases.map((v) => [v.record.id, v]));
        const referrals = new Map(w.referrals.map((r) => [r.id, r]));
        return w.items.map((item) => ({ item, cases, referrals }));
      },
    }),
    counts: t.field({
      type: [WorklistCount],
      description: 'Items of each kind (every kind listed).',
      resolve: (w) => [...w.counts],
    }),
    totalCount: t.int({ resolve: (w) => w.items.length }),
  }),
});

builder.queryField('worklist', (t) =>
  t.field({
    type: Worklist,
    description:
      "今日の対応一覧: planned contacts due, cases without contact for long, pause and plan reviews due, referrals waiting, for the signed-in staff member (a supervisor or agency admin may name another staff member of the agency). Only cases the staff member is assigned to (主・副担当), plus the agency's referral inbox for caseworkers; each case listed is audited as read.",
    args: {
      on: t.arg({ type: 'Date', description: 'Defaults to today (Asia/Tokyo).' }),
      staffId: t.arg.id({ description: 'Defaults to the signed-in staff member.' }),
    },
    resolve: (_root, args, ctx) =>
      read(async () => {
        const result = await ctx.register.worklist.worklist(ctx.actor, {
          on: args.on ?? null,
          staffId: args.staffId == null ? null : recordIdOf('StaffMember', args.staffId, 'staffId'),
        });
        for (const view of result.cases) ctx.loaders.cases.prime(view.record.id, view);
        return result;
      }),
  }),
);
