import {
  pendingAgeDays,
  type Referral,
  type ReferralStatusChange,
  type ReferralStatus as ReferralStatusValue,
} from '@hikikomori-register/core';
import { builder } from './builder.ts';
import { caseOf, gated, RecordedBy } from './case.ts';
import { connectionOfList } from './connections.ts';
import { CaseSection, ReferralDirection, ReferralKind, ReferralOutcome, ReferralStatus } from './enums.ts';
import { read } from './errors.ts';
import { localId, referralIds, referralKey } from './ids.ts';
import { LegalBasis, LegalBasisInput, legalBasisOf } from './legal-basis.ts';
import { maxText } from './max-length.ts';
import { compact, mutate, payloadType } from './mutations.ts';
import { orWhenRefused } from './nodes.ts';
import { AgencyRef, CaseRef, ReferralRef } from './refs.ts';

const ReferralStatusEntry = builder.objectRef<ReferralStatusChange>('ReferralStatusEntry').implement({
  fields: (t) => ({
    from: t.field({ type: ReferralStatus, nullable: true, resolve: (e) => e.from }),
    to: t.field({ type: ReferralStatus, resolve: (e) => e.to }),
    on: t.field({ type: 'Date', resolve: (e) => e.on }),
    recordedBy: t.field({ type: RecordedBy, resolve: (e) => e.actor }),
  }),
});

builder.node(ReferralRef, {
  description: 'A closed-loop referral (つなぎ・紹介・引継) of a case from one agency to another.',
  id: { resolve: (r) => referralKey(r.caseId, r.id) },
  loadOne: async (key, ctx) => {
    const slash = key.indexOf('/');
    if (slash <= 0) return null;
    const referrals = await orWhenRefused(ctx.register.referrals.ofCase(ctx.actor, key.slice(0, slash)), []);
    return referrals.find((r) => r.id === key.slice(slash + 1)) ?? null;
  },
  fields: (t) => ({
    case: t.field({ type: CaseRef, nullable: true, resolve: (r, _a, ctx) => caseOf(ctx, r.caseId) }),
    kind: t.field({ type: ReferralKind, resolve: (r) => r.kind }),
    fromAgency: t.field({
      type: AgencyRef,
      nullable: true,
      resolve: (r, _a, ctx) => ctx.loaders.agencies.load(r.fromAgencyId),
    }),
    toAgency: t.field({
      type: AgencyRef,
      nullable: true,
      resolve: (r, _a, ctx) => ctx.loaders.agencies.load(r.toAgencyId),
    }),
    reason: t.exposeString('reason'),
    requestedService: t.exposeString('requestedService'),
    legalBasis: t.field({ type: LegalBasis, resolve: (r) => ({ ...r.legalBasis, caseId: r.caseId }) }),
    sharedSections: t.field({ type: [CaseSection], resolve: (r) => [...r.sharedSections] }),
    status: t.field({ type: ReferralStatus, resolve: (r) => r.status }),
    sentOn: t.field({ type: 'Date', resolve: (r) => r.sentOn }),
    respondedOn: t.field({ type: 'Date', nullable: true, resolve: (r) => r.respondedOn }),
    declineReason: t.exposeString('declineReason', { nullable: true }),
    withdrawnOn: t.field({ type: 'Date', nullable: true, resolve: (r) => r.withdrawnOn }),
    withdrawnReason: t.exposeString('withdrawnReason', { nullable: true }),
    completedOn: t.field({ type: 'Date', nullable: true, resolve: (r) => r.completedOn }),
    outcome: t.field({ type: ReferralOutcome, nullable: true, resolve: (r) => r.outcome }),
    outcomeReason: t.exposeString('outcomeReason', { nullable: true }),
    previousReferral: t.field({
      type: ReferralRef,
      nullable: true,
      description: 'The declined referral this one follows (再紹介).',
      resolve: async (r, _a, ctx) => {
        if (!r.previousReferralId) return null;
        const list = await orWhenRefused(ctx.register.referrals.ofCase(ctx.actor, r.caseId), []);
        return list.find((p) => p.id === r.previousReferralId) ?? null;
      },
    }),
    pendingDays: t.int({
      nullable: true,
      description: 'Days waiting for an answer; null once answered.',
      resolve: (r, _a, ctx) => pendingAgeDays(r, ctx.today()),
    }),
    sentBy: t.exposeID('sentBy'),
    version: t.exposeInt('version'),
    history: t.field({ type: [ReferralStatusEntry], resolve: (r) => [...r.history] }),
  }),
});

const ReferralConnection = builder.connectionObject(
  { type: ReferralRef, name: 'ReferralConnection' },
  { name: 'ReferralEdge' },
);
builder.objectFields(CaseRef, (t) => ({
  referrals: t.connection(
    {
      type: ReferralRef,
      nullable: true,
      description:
        'The referrals of the case, by sent date (a recipient that has not accepted sees its own only).',
      resolve: (v, args, ctx) =>
        gated(v, 'referrals', async () =>
          connectionOfList(await ctx.register.referrals.ofCase(ctx.actor, v.record.id), args, (r) => r.id),
        ),
    },
    ReferralConnection,
  ),
  openReferrals: t.connection(
    {
      type: ReferralRef,
      nullable: true,
      description: 'Referrals sent or accepted and not yet completed (batched across a page of cases).',
      resolve: (v, args, ctx) =>
        gated(v, 'referrals', async () =>
          connectionOfList(await ctx.loaders.openReferrals.load(v.record.id), args, (r) => r.id),
        ),
    },
    ReferralConnection,
  ),
}));

builder.queryField('referrals', (t) =>
  t.connection(
    {
      type: ReferralRef,
      description: "受信・送信した紹介: the agency's referral inbox or outbox.",
      args: {
        direction: t.arg({ type: ReferralDirection, required: true }),
        statuses: t.arg({ type: [ReferralStatus] }),
      },
      resolve: (_root, args, ctx) =>
        read(async () => {
          const list = await ctx.register.referrals.list(ctx.actor, {
            direction: args.direction,
            ...(args.statuses ? { statuses: args.statuses as ReferralStatusValue[] } : {}),
          });
          return connectionOfList(list, args, (r) => r.id);
        }),
    },
    ReferralConnection,
  ),
);

const SendReferralInput = builder.inputType('SendReferralInput', {
  fields: (t) => ({
    caseId: t.id({ required: true }),
    kind: t.field({ type: ReferralKind, description: 'Defaults to REFERRAL.' }),
    toAgencyId: t.id({ required: true }),
    reason: t.string({ ...maxText('longText'), required: true }),
    requestedService: t.string({ ...maxText('longText'), required: true }),
    legalBasis: t.field({ type: LegalBasisInput, required: true }),
    sharedSections: t.field({ type: [CaseSection], required: true, description: 'Must include SUMMARY.' }),
    sentOn: t.field({ type: 'Date', required: true }),
    previousReferralId: t.id({ description: 'The declined referral this one follows (再紹介).' }),
  }),
});

const RespondInput = (name: string, extra: 'decline' | 'withdraw' | 'complete' | null) =>
  builder.inputType(name, {
    fields: (t) => ({
      referralId: t.id({ required: true }),
      on: t.field({ type: 'Date', required: true }),
      expectedVersion: t.int({ required: true }),
      ...(extra === 'decline' ? { reason: t.string({ ...maxText('longText'), required: true }) } : {}),
      ...(extra === 'withdraw' ? { reason: t.string(maxText('longText')) } : {}),
      ...(extra === 'complete'
        ? {
            outcome: t.field({ type: ReferralOutcome, required: true }),
            outcomeReason: t.string(maxText('longText')),
          }
        : {}),
    }),
  });

const AcceptInput = RespondInput('AcceptReferralInput', null);
const DeclineInput = RespondInput('DeclineReferralInput', 'decline');
const WithdrawInput = RespondInput('WithdrawReferralInput', 'withdraw');
const CompleteInput = RespondInput('CompleteReferralInput', 'complete');

const ReferralPayload = payloadType<Referral>('ReferralPayload', 'The referral after the change.', {
  referral: { type: ReferralRef, pick: (r) => r },
});

builder.mutationFields((t) => ({
  sendReferral: t.field({
    type: ReferralPayload,
    description:
      '紹介・引継の送付, citing its legal basis; with previousReferralId a re-referral after a decline.',
    args: { input: t.arg({ type: SendReferralInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      mutate(ctx, () =>
        ctx.register.referrals.send(ctx.actor, {
          caseId: localId('Case', String(input.caseId), 'caseId'),
          toAgencyId: localId('Agency', String(input.toAgencyId), 'toAgencyId'),
          ...compact({ kind: input.kind }),
          reason: input.reason,
          requestedService: input.requestedService,
          legalBasis: legalBasisOf(input.legalBasis),
          sharedSections: input.sharedSections,
          sentOn: input.sentOn,
          ...(input.previousReferralId
            ? {
                previousReferralId: referralIds(String(input.previousReferralId), 'previousReferralId')
                  .referralId,
              }
            : {}),
        }),
      ),
  }),
  acceptReferral: t.field({
    type: ReferralPayload,
    description: '受理: the recipient becomes a supporting agency of the case.',
    args: { input: t.arg({ type: AcceptInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      mutate(ctx, () => {
        const { referralId, ...rest } = input;
        return ctx.register.referrals.accept(
          ctx.actor,
          referralIds(String(referralId), 'referralId').referralId,
          rest,
        );
      }),
  }),
  declineReferral: t.field({
    type: ReferralPayload,
    description: '辞退, with the reason the sender needs to choose the next agency.',
    args: { input: t.arg({ type: DeclineInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      mutate(ctx, () => {
        const { referralId, ...rest } = input;
        return ctx.register.referrals.decline(
          ctx.actor,
          referralIds(String(referralId), 'referralId').referralId,
          rest as never,
        );
      }),
  }),
  withdrawReferral: t.field({
    type: ReferralPayload,
    description: '取下げ by the sender before an answer.',
    args: { input: t.arg({ type: WithdrawInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      mutate(ctx, () => {
        const { referralId, ...rest } = input;
        return ctx.register.referrals.withdraw(
          ctx.actor,
          referralIds(String(referralId), 'referralId').referralId,
          rest as never,
        );
      }),
  }),
  completeReferral: t.field({
    type: ReferralPayload,
    description: '完了: closes the loop; a lead handover completed CONNECTED makes the recipient the lead.',
    args: { input: t.arg({ type: CompleteInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      mutate(ctx, () => {
        const { referralId, ...rest } = input;
        return ctx.register.referrals.complete(
          ctx.actor,
          referralIds(String(referralId), 'referralId').referralId,
          rest as never,
        );
      }),
  }),
}));
