import type {
  CaseConference,
  ConferenceAttendee as ConferenceAttendeeRecord,
  ConferenceDecisionLinkInput,
  ConferenceDecisionLink as ConferenceDecisionLinkRecord,
  ConferenceDiscussion as ConferenceDiscussionRecord,
} from '@hikikomori-register/core';
import { pendingDecisions } from '@hikikomori-register/core';
import { builder } from './builder.ts';
import { caseOf, gated } from './case.ts';
import { planByKey } from './casework.ts';
import { connectionOfList, dateRangeOf } from './connections.ts';
import { ConferenceDecisionKind, ConferenceKind } from './enums.ts';
import { read } from './errors.ts';
import {
  caseRecordIdOf,
  globalId,
  localId,
  optionalRecordIdOf,
  recordIdOf,
  referralIds,
  referralKey,
  scopedKey,
} from './ids.ts';
import { maxText } from './max-length.ts';
import { mutate, payloadType } from './mutations.ts';
import { AgencyRef, CaseRef, SupportMeetingRef, SupportPlanRef } from './refs.ts';
import { supportMeetingById } from './sharing.ts';

const CaseConferenceRef = builder.objectRef<CaseConference>('CaseConference');

const Attendee = builder.objectRef<ConferenceAttendeeRecord>('ConferenceAttendee').implement({
  description: 'An attendee as minuted: a staff account or a named person, of an agency.',
  fields: (t) => ({
    agency: t.field({
      type: AgencyRef,
      nullable: true,
      resolve: (a, _args, ctx) => ctx.loaders.agencies.load(a.agencyId),
    }),
    staffId: t.id({ nullable: true, resolve: (a) => a.staffId }),
    name: t.string({ nullable: true, resolve: (a) => a.name }),
  }),
});

type LinkOfCase = ConferenceDecisionLinkRecord & { readonly caseId: string };

const DecisionLink = builder.objectRef<LinkOfCase>('ConferenceDecisionLink').implement({
  description:
    'The record that carried a decision out: a stage change or closure (by sequence), a plan, a referral.',
  fields: (t) => ({
    kind: t.field({ type: ConferenceDecisionKind, resolve: (l) => l.kind }),
    sequence: t.int({
      nullable: true,
      description:
        'Sequence of the stage change (person track) or of the status change that closed the case.',
      resolve: (l) => ('sequence' in l ? l.sequence : null),
    }),
    planId: t.id({
      nullable: true,
      deprecationReason: 'Use `plan { id }`: this is the plain id.',
      resolve: (l) => (l.kind === 'plan' ? l.planId : null),
    }),
    plan: t.field({
      type: SupportPlanRef,
      nullable: true,
      description: 'The plan (PLAN); null where the actor may not read the plans of the case.',
      resolve: (l, _a, ctx) => (l.kind === 'plan' ? planByKey(ctx, scopedKey(l.caseId, l.planId)) : null),
    }),
    referralId: t.id({
      nullable: true,
      description: 'Global id of the referral.',
      resolve: (l) =>
        l.kind === 'referral' ? globalId('Referral', referralKey(l.caseId, l.referralId)) : null,
    }),
  }),
});

const Discussion = builder.objectRef<ConferenceDiscussionRecord>('ConferenceDiscussion').implement({
  description:
    'A case on the agenda and the decision taken. `case` is null where the actor may not see the case.',
  fields: (t) => ({
    caseId: t.id({ description: 'Global id of the case.', resolve: (d) => globalId('Case', d.caseId) }),
    case: t.field({ type: CaseRef, nullable: true, resolve: (d, _a, ctx) => caseOf(ctx, d.caseId) }),
    decision: t.field({ type: ConferenceDecisionKind, resolve: (d) => d.decision }),
    link: t.field({
      type: DecisionLink,
      nullable: true,
      description: 'Null until the decision is carried out (always for CONTINUE_SUPPORT).',
      resolve: (d) => (d.link ? { ...d.link, caseId: d.caseId } : null),
    }),
  }),
});

builder.node(CaseConferenceRef, {
  description: 'ケース会議・支援会議の開催記録: one sitting, who attended, and the decision per case.',
  id: { resolve: (c) => c.id },
  // As `conference(id)`: only agencies that attended it; any other answer is "no such node".
  loadOne: (id, ctx) =>
    ctx.register.conferences.get(ctx.actor, id).then(
      (c) => ({ ...c }),
      () => null,
    ),
  fields: (t) => ({
    kind: t.field({ type: ConferenceKind, resolve: (c) => c.kind }),
    supportMeetingId: t.id({
      nullable: true,
      description: 'The 支援会議 this is a sitting of.',
      deprecationReason: 'Use `supportMeeting { id }`: this is the plain id.',
      resolve: (c) => c.supportMeetingId,
    }),
    supportMeeting: t.field({
      type: SupportMeetingRef,
      nullable: true,
      description: "The 支援会議 this is a sitting of; null where the actor's agency does not sit in it.",
      resolve: (c, _a, ctx) => (c.supportMeetingId ? supportMeetingById(ctx, c.supportMeetingId) : null),
    }),
    heldOn: t.field({ type: 'Date', resolve: (c) => c.heldOn }),
    title: t.exposeString('title'),
    organiser: t.field({
      type: AgencyRef,
      nullable: true,
      resolve: (c, _a, ctx) => ctx.loaders.agencies.load(c.organiserAgencyId),
    }),
    attendees: t.field({ type: [Attendee], resolve: (c) => [...c.attendees] }),
    discussions: t.field({ type: [Discussion], resolve: (c) => [...c.discussions] }),
    pendingDecisionCount: t.int({
      description: 'Decisions not yet carried out (未実施).',
      resolve: (c) => pendingDecisions(c).length,
    }),
    recordedAt: t.field({ type: 'DateTime', resolve: (c) => c.recordedAt }),
    version: t.exposeInt('version'),
  }),
});

const CaseConferenceConnection = builder.connectionObject(
  { type: CaseConferenceRef, name: 'CaseConferenceConnection' },
  { name: 'CaseConferenceEdge' },
);

builder.objectFields(CaseRef, (t) => ({
  conferences: t.connection(
    {
      type: CaseConferenceRef,
      nullable: true,
      description: 'Conferences that discussed the case, newest first (part of its progress record).',
      resolve: (v, args, ctx) =>
        gated(v, 'contacts', async () =>
          connectionOfList(await ctx.register.conferences.ofCase(ctx.actor, v.record.id), args, (c) => c.id),
        ),
    },
    CaseConferenceConnection,
  ),
}));

builder.queryFields((t) => ({
  conferences: t.connection(
    {
      type: CaseConferenceRef,
      description: "Conferences the actor's agency attended, held in [from, to], newest first.",
      args: { from: t.arg({ type: 'Date' }), to: t.arg({ type: 'Date' }) },
      resolve: (_root, args, ctx) =>
        read(async () =>
          connectionOfList(
            await ctx.register.conferences.ofAgency(ctx.actor, dateRangeOf(args)),
            args,
            (c) => c.id,
          ),
        ),
    },
    CaseConferenceConnection,
  ),
  conference: t.field({
    type: CaseConferenceRef,
    description: 'One conference; only agencies that attended it may read it.',
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) =>
      read(() => ctx.register.conferences.get(ctx.actor, recordIdOf('CaseConference', args.id, 'id'))),
  }),
}));

const AttendeeInput = builder.inputType('ConferenceAttendeeInput', {
  fields: (t) => ({
    agencyId: t.id({ required: true }),
    staffId: t.id({ description: 'A staff account of the register, when the attendee has one.' }),
    name: t.string({
      ...maxText('personName'),
      description: 'Name or role as minuted, for attendees without an account.',
    }),
  }),
});

const DiscussionInput = builder.inputType('ConferenceDiscussionInput', {
  fields: (t) => ({
    caseId: t.id({ required: true }),
    decision: t.field({ type: ConferenceDecisionKind, required: true }),
  }),
});

const RecordConferenceInput = builder.inputType('RecordConferenceInput', {
  fields: (t) => ({
    kind: t.field({ type: ConferenceKind, required: true }),
    supportMeetingId: t.id({ description: 'Required for a SUPPORT_MEETING sitting, refused otherwise.' }),
    heldOn: t.field({ type: 'Date', required: true }),
    title: t.string({ ...maxText('name'), required: true }),
    attendees: t.field({
      type: [AttendeeInput],
      required: true,
      description: "The organiser (the actor's agency) is added when not listed.",
    }),
    discussions: t.field({ type: [DiscussionInput], required: true }),
  }),
});

const DecisionLinkInput = builder.inputType('ConferenceDecisionLinkInput', {
  description:
    'Exactly the field the kind needs: sequence (STAGE_CHANGE, CLOSURE), planId (PLAN) or referralId (REFERRAL).',
  fields: (t) => ({
    kind: t.field({ type: ConferenceDecisionKind, required: true }),
    sequence: t.int(),
    planId: t.id(),
    referralId: t.id({ description: 'Global id of the referral.' }),
  }),
});

const LinkDecisionInput = builder.inputType('LinkConferenceDecisionInput', {
  fields: (t) => ({
    conferenceId: t.id({ required: true }),
    caseId: t.id({ required: true }),
    link: t.field({ type: DecisionLinkInput, required: true }),
  }),
});

const ConferencePayload = payloadType<CaseConference>(
  'CaseConferencePayload',
  'The conference after the change.',
  {
    conference: { type: CaseConferenceRef, pick: (c) => c },
  },
);

function linkOf(link: {
  kind: string;
  sequence?: number | null;
  planId?: string | number | null;
  referralId?: string | number | null;
}): ConferenceDecisionLinkInput {
  switch (link.kind) {
    case 'plan':
      return {
        kind: 'plan',
        planId: link.planId == null ? '' : caseRecordIdOf('SupportPlan', link.planId, 'link.planId'),
      };
    case 'referral':
      return {
        kind: 'referral',
        referralId: referralIds(String(link.referralId ?? ''), 'link.referralId').referralId,
      };
    default:
      return { kind: link.kind, sequence: link.sequence ?? 0 } as ConferenceDecisionLinkInput;
  }
}

builder.mutationFields((t) => ({
  recordConference: t.field({
    type: ConferencePayload,
    description:
      '会議録の登録. Every case on the agenda must be lawfully heard by every attending agency: as an agency of the case, by consent, or as members of the 支援会議 it sits in.',
    args: { input: t.arg({ type: RecordConferenceInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      mutate(ctx, () =>
        ctx.register.conferences.record(ctx.actor, {
          kind: input.kind,
          supportMeetingId: optionalRecordIdOf('SupportMeeting', input.supportMeetingId, 'supportMeetingId'),
          heldOn: input.heldOn,
          title: input.title,
          attendees: input.attendees.map((a, i) => ({
            agencyId: localId('Agency', String(a.agencyId), `attendees.${i}.agencyId`),
            staffId: optionalRecordIdOf('StaffMember', a.staffId, `attendees.${i}.staffId`),
            name: a.name ?? null,
          })),
          discussions: input.discussions.map((d, i) => ({
            caseId: localId('Case', String(d.caseId), `discussions.${i}.caseId`),
            decision: d.decision,
          })),
        }),
      ),
  }),
  linkConferenceDecision: t.field({
    type: ConferencePayload,
    description:
      '決定事項の実施: links a decision to the stage change, plan, closure or referral that carried it out.',
    args: { input: t.arg({ type: LinkDecisionInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      mutate(ctx, () =>
        ctx.register.conferences.linkDecision(
          ctx.actor,
          recordIdOf('CaseConference', input.conferenceId, 'conferenceId'),
          localId('Case', String(input.caseId), 'caseId'),
          linkOf(input.link),
        ),
      ),
  }),
}));
