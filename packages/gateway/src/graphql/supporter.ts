import {
  followUpDueOn,
  MUNICIPALITY_CODE_LENGTH,
  type Supporter,
  type SupporterActivity,
  type SupporterDispatch,
} from '@hikikomori-register/core';
import { builder } from './builder.ts';
import { caseOf, gated } from './case.ts';
import { connectionOfList } from './connections.ts';
import type { GraphQLContext } from './context.ts';
import { SupporterStatus } from './enums.ts';
import { read, userError } from './errors.ts';
import { globalId, localId, recordIdOf, scopedKey } from './ids.ts';
import { maxFormat, maxText } from './max-length.ts';
import { mutate, payloadType } from './mutations.ts';
import { lookedUpRecord, scopedRecord } from './nodes.ts';
import { CaseRef, ProgrammeRef } from './refs.ts';

const SupporterRef = builder.objectRef<Supporter>('Supporter');

/** A supporter of the actor's agency's registry, as `supporters` lists it. */
function supporterById(ctx: GraphQLContext, id: string): Promise<Supporter | null> {
  return lookedUpRecord(ctx.register.supporters.get(ctx.actor, id));
}

builder.node(SupporterRef, {
  description: 'ひきこもりサポーター: a trained volunteer of the agency; follow-up training every 3 years.',
  id: { resolve: (s) => s.id },
  loadOne: (id, ctx) => supporterById(ctx, id),
  fields: (t) => ({
    displayName: t.exposeString('displayName'),
    municipalityCode: t.exposeString('municipalityCode'),
    trainedOn: t.field({ type: 'Date', description: '養成研修修了日', resolve: (s) => s.trainedOn }),
    registeredOn: t.field({ type: 'Date', resolve: (s) => s.registeredOn }),
    followUps: t.field({
      type: ['Date'],
      description: 'フォローアップ研修の受講日',
      resolve: (s) => [...s.followUps],
    }),
    followUpDueOn: t.field({
      type: 'Date',
      description: 'フォローアップ研修の期限',
      resolve: (s) => followUpDueOn(s),
    }),
    status: t.field({ type: SupporterStatus, resolve: (s) => s.status }),
    version: t.exposeInt('version'),
  }),
});

const Activity = builder.objectRef<SupporterActivity>('SupporterActivity').implement({
  description: '活動記録: one day of activity under a dispatch.',
  fields: (t) => ({
    on: t.field({ type: 'Date', resolve: (a) => a.on }),
    minutes: t.exposeInt('minutes'),
  }),
});

const DispatchRef = builder.objectRef<SupporterDispatch>('SupporterDispatch');
builder.node(DispatchRef, {
  description: '派遣: a supporter sent to a case or to a programme, with the activity recorded.',
  // The key carries the supporter: dispatches are read through the agency's supporter registry.
  id: { resolve: (d) => scopedKey(d.supporterId, d.id) },
  loadOne: (key, ctx) =>
    scopedRecord(key, (supporterId) => ctx.register.supporters.dispatchesOfSupporter(ctx.actor, supporterId)),
  fields: (t) => ({
    supporterId: t.exposeID('supporterId', {
      deprecationReason: 'Use `supporter { id }`: this is the plain id.',
    }),
    supporter: t.field({
      type: SupporterRef,
      nullable: true,
      description: "Null where the supporter is not of the actor's agency.",
      resolve: (d, _a, ctx) => supporterById(ctx, d.supporterId),
    }),
    caseId: t.id({
      nullable: true,
      description: 'Global id of the case (a dispatch to a case).',
      resolve: (d) => (d.target.kind === 'case' ? globalId('Case', d.target.caseId) : null),
    }),
    case: t.field({
      type: CaseRef,
      nullable: true,
      resolve: (d, _a, ctx) => (d.target.kind === 'case' ? caseOf(ctx, d.target.caseId) : null),
    }),
    programmeId: t.id({
      nullable: true,
      deprecationReason: 'Use `programme { id }`: this is the plain id.',
      resolve: (d) => (d.target.kind === 'programme' ? d.target.programmeId : null),
    }),
    programme: t.field({
      type: ProgrammeRef,
      nullable: true,
      description: 'The programme (a dispatch to a programme).',
      resolve: ({ target }, _a, ctx) =>
        target.kind === 'programme'
          ? read(() => ctx.register.programmes.programme(ctx.actor, target.programmeId))
          : null,
    }),
    startsOn: t.field({ type: 'Date', resolve: (d) => d.startsOn }),
    endedOn: t.field({ type: 'Date', nullable: true, resolve: (d) => d.endedOn }),
    activities: t.field({ type: [Activity], resolve: (d) => [...d.activities] }),
    totalMinutes: t.int({ resolve: (d) => d.activities.reduce((n, a) => n + a.minutes, 0) }),
    version: t.exposeInt('version'),
  }),
});

builder.objectFields(SupporterRef, (t) => ({
  dispatches: t.field({
    type: [DispatchRef],
    resolve: (s, _a, ctx) => read(() => ctx.register.supporters.dispatchesOfSupporter(ctx.actor, s.id)),
  }),
}));

const SupporterConnection = builder.connectionObject(
  { type: SupporterRef, name: 'SupporterConnection' },
  { name: 'SupporterEdge' },
);

builder.queryField('supporters', (t) =>
  t.connection(
    {
      type: SupporterRef,
      description:
        "The agency's supporter registry; with followUpDueBy, the active supporters whose follow-up training is due by that day (overdue included).",
      args: { followUpDueBy: t.arg({ type: 'Date' }) },
      resolve: (_root, args, ctx) =>
        read(async () =>
          connectionOfList(
            await ctx.register.supporters.list(
              ctx.actor,
              args.followUpDueBy ? { followUpDueBy: args.followUpDueBy } : {},
            ),
            args,
            (s) => s.id,
          ),
        ),
    },
    SupporterConnection,
  ),
);

builder.objectFields(CaseRef, (t) => ({
  supporterDispatches: t.field({
    type: [DispatchRef],
    nullable: true,
    description: 'Supporters dispatched to the case (part of its progress record).',
    resolve: (v, _a, ctx) =>
      gated(v, 'contacts', async () => [
        ...(await ctx.register.supporters.dispatchesToCase(ctx.actor, v.record.id)),
      ]),
  }),
}));

const RegisterSupporterInput = builder.inputType('RegisterSupporterInput', {
  fields: (t) => ({
    displayName: t.string({ ...maxText('personName'), required: true }),
    municipalityCode: t.string({ ...maxFormat(MUNICIPALITY_CODE_LENGTH), required: true }),
    trainedOn: t.field({ type: 'Date', required: true, description: '養成研修修了日' }),
    registeredOn: t.field({ type: 'Date', required: true }),
  }),
});
const FollowUpInput = builder.inputType('RecordSupporterFollowUpInput', {
  fields: (t) => ({
    supporterId: t.id({ required: true }),
    on: t.field({ type: 'Date', required: true }),
  }),
});
const StatusInput = builder.inputType('ChangeSupporterStatusInput', {
  fields: (t) => ({
    supporterId: t.id({ required: true }),
    status: t.field({ type: SupporterStatus, required: true }),
  }),
});
const DispatchInput = builder.inputType('DispatchSupporterInput', {
  description: 'Exactly one of caseId (a case the agency works on) and programmeId (at one of its places).',
  fields: (t) => ({
    supporterId: t.id({ required: true }),
    caseId: t.id(),
    programmeId: t.id(),
    startsOn: t.field({ type: 'Date', required: true }),
  }),
});
const ActivityInput = builder.inputType('RecordSupporterActivityInput', {
  fields: (t) => ({
    dispatchId: t.id({ required: true }),
    on: t.field({ type: 'Date', required: true }),
    minutes: t.int({ required: true }),
  }),
});
const EndInput = builder.inputType('EndSupporterDispatchInput', {
  fields: (t) => ({
    dispatchId: t.id({ required: true }),
    on: t.field({ type: 'Date', required: true }),
  }),
});

const SupporterPayload = payloadType<Supporter>('SupporterPayload', 'The supporter after the change.', {
  supporter: { type: SupporterRef, pick: (s) => s },
});
const DispatchPayload = payloadType<SupporterDispatch>(
  'SupporterDispatchPayload',
  'The dispatch after the change.',
  {
    dispatch: { type: DispatchRef, pick: (d) => d },
  },
);

function targetOf(input: { caseId?: string | number | null; programmeId?: string | number | null }) {
  if ((input.caseId == null) === (input.programmeId == null))
    throw userError(
      'VALIDATION_FAILED',
      'give exactly one of caseId and programmeId',
      'caseId',
      'one_target',
    );
  return input.caseId != null
    ? { kind: 'case' as const, caseId: localId('Case', String(input.caseId), 'caseId') }
    : {
        kind: 'programme' as const,
        programmeId: recordIdOf('Programme', input.programmeId ?? '', 'programmeId'),
      };
}

builder.mutationFields((t) => ({
  registerSupporter: t.field({
    type: SupporterPayload,
    description: 'サポーター登録, by the agency that trained the supporter.',
    args: { input: t.arg({ type: RegisterSupporterInput, required: true }) },
    resolve: (_root, { input }, ctx) => mutate(ctx, () => ctx.register.supporters.register(ctx.actor, input)),
  }),
  recordSupporterFollowUp: t.field({
    type: SupporterPayload,
    description: 'フォローアップ研修の受講: the next one is due 3 years later.',
    args: { input: t.arg({ type: FollowUpInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      mutate(ctx, () =>
        ctx.register.supporters.recordFollowUp(
          ctx.actor,
          recordIdOf('Supporter', input.supporterId, 'supporterId'),
          input.on,
        ),
      ),
  }),
  changeSupporterStatus: t.field({
    type: SupporterPayload,
    args: { input: t.arg({ type: StatusInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      mutate(ctx, () =>
        ctx.register.supporters.changeStatus(
          ctx.actor,
          recordIdOf('Supporter', input.supporterId, 'supporterId'),
          input.status,
        ),
      ),
  }),
  dispatchSupporter: t.field({
    type: DispatchPayload,
    description: '派遣: an active supporter whose follow-up training is not overdue.',
    args: { input: t.arg({ type: DispatchInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      mutate(ctx, () =>
        ctx.register.supporters.dispatch(ctx.actor, {
          supporterId: recordIdOf('Supporter', input.supporterId, 'supporterId'),
          target: targetOf(input),
          startsOn: input.startsOn,
        }),
      ),
  }),
  recordSupporterActivity: t.field({
    type: DispatchPayload,
    description: '活動記録 under a dispatch.',
    args: { input: t.arg({ type: ActivityInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      mutate(ctx, () =>
        ctx.register.supporters.recordActivity(
          ctx.actor,
          recordIdOf('SupporterDispatch', input.dispatchId, 'dispatchId'),
          {
            on: input.on,
            minutes: input.minutes,
          },
        ),
      ),
  }),
  endSupporterDispatch: t.field({
    type: DispatchPayload,
    args: { input: t.arg({ type: EndInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      mutate(ctx, () =>
        ctx.register.supporters.endDispatch(
          ctx.actor,
          recordIdOf('SupporterDispatch', input.dispatchId, 'dispatchId'),
          input.on,
        ),
      ),
  }),
}));
