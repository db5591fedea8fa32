import type {
  Consent,
  SupportMeeting,
  SupportMeetingCase as SupportMeetingCaseRecord,
  SupportMeetingMember as SupportMeetingMemberRecord,
} from '@hikikomori-register/core';
import { MUNICIPALITY_CODE_LENGTH } from '@hikikomori-register/core';
import { builder } from './builder.ts';
import { caseOf, caseRecordByKey, gated } from './case.ts';
import { connectionOfList } from './connections.ts';
import { ConsentGiverInput, ConsentScopeInput, consentDetailsOf } from './consent-input.ts';
import type { GraphQLContext } from './context.ts';
import { AgencySector, ConsentGiverKind } from './enums.ts';
import { read } from './errors.ts';
import { globalId, localId, localIds, recordIdOf, scopedKey } from './ids.ts';
import { LegalBasis } from './legal-basis.ts';
import { loadPresent } from './loaders.ts';
import { maxFormat, maxText } from './max-length.ts';
import { mutate, payloadType } from './mutations.ts';
import { listedRecord } from './nodes.ts';
import { AgencyRef, CaseRef, ConsentRef, SupportMeetingRef } from './refs.ts';

const ConsentGiver = builder.objectRef<Consent['givenBy']>('ConsentGiver').implement({
  fields: (t) => ({
    kind: t.field({ type: ConsentGiverKind, resolve: (g) => g.kind }),
    householdMemberId: t.id({
      nullable: true,
      resolve: (g) => (g.kind === 'householdMember' ? g.householdMemberId : null),
    }),
  }),
});

/** `node(id)` of a consent: the case's consents, read as `Case.consents` reads them. */
export function consentByKey(ctx: GraphQLContext, key: string): Promise<Consent | null> {
  return caseRecordByKey(ctx, key, 'referrals', (v) =>
    ctx.register.sharing.consentsOfCase(ctx.actor, v.record.id),
  );
}

/** `node(id)` of a support meeting: one the actor's agency sits (or sat) in, as `supportMeetings` lists. */
export function supportMeetingById(ctx: GraphQLContext, id: string): Promise<SupportMeeting | null> {
  return listedRecord(id, () => ctx.register.sharing.meetingsOfAgency(ctx.actor));
}

builder.node(ConsentRef, {
  description: '情報共有への同意: who consented, when, for which agencies or sectors; withdrawable.',
  id: { resolve: (c) => scopedKey(c.caseId, c.id) },
  loadOne: (key, ctx) => consentByKey(ctx, key),
  fields: (t) => ({
    case: t.field({ type: CaseRef, nullable: true, resolve: (c, _a, ctx) => caseOf(ctx, c.caseId) }),
    givenBy: t.field({ type: ConsentGiver, resolve: (c) => c.givenBy }),
    agencies: t.field({
      type: [AgencyRef],
      resolve: (c, _a, ctx) => loadPresent(ctx.loaders.agencies, c.scope.agencyIds),
    }),
    sectors: t.field({ type: [AgencySector], resolve: (c) => [...c.scope.sectors] }),
    givenOn: t.field({ type: 'Date', resolve: (c) => c.givenOn }),
    withdrawnOn: t.field({ type: 'Date', nullable: true, resolve: (c) => c.withdrawnOn }),
    note: t.exposeString('note', { nullable: true }),
  }),
});

const MeetingMember = builder.objectRef<SupportMeetingMemberRecord>('SupportMeetingMember').implement({
  fields: (t) => ({
    agency: t.field({
      type: AgencyRef,
      nullable: true,
      resolve: (m, _a, ctx) => ctx.loaders.agencies.load(m.agencyId),
    }),
    joinedOn: t.field({ type: 'Date', resolve: (m) => m.joinedOn }),
    leftOn: t.field({ type: 'Date', nullable: true, resolve: (m) => m.leftOn }),
  }),
});

const MeetingCase = builder.objectRef<SupportMeetingCaseRecord>('SupportMeetingCase').implement({
  description: 'A period a case is before the meeting. `case` is null where the actor may not see the case.',
  fields: (t) => ({
    caseId: t.id({ description: 'Global id of the case.', resolve: (c) => globalId('Case', c.caseId) }),
    case: t.field({ type: CaseRef, nullable: true, resolve: (c, _a, ctx) => caseOf(ctx, c.caseId) }),
    addedOn: t.field({ type: 'Date', resolve: (c) => c.addedOn }),
    removedOn: t.field({ type: 'Date', nullable: true, resolve: (c) => c.removedOn }),
  }),
});

builder.node(SupportMeetingRef, {
  description: '支援会議 (社会福祉法 第106条の6): members may share case information without consent.',
  id: { resolve: (m) => m.id },
  loadOne: (id, ctx) => supportMeetingById(ctx, id),
  fields: (t) => ({
    municipalityCode: t.exposeString('municipalityCode'),
    name: t.exposeString('name'),
    establishedOn: t.field({ type: 'Date', resolve: (m) => m.establishedOn }),
    dissolvedOn: t.field({ type: 'Date', nullable: true, resolve: (m) => m.dissolvedOn }),
    members: t.field({ type: [MeetingMember], resolve: (m) => [...m.members] }),
    cases: t.field({ type: [MeetingCase], resolve: (m) => [...m.caseIds] }),
  }),
});

const ConsentConnection = builder.connectionObject(
  { type: ConsentRef, name: 'ConsentConnection' },
  { name: 'ConsentEdge' },
);
builder.objectFields(CaseRef, (t) => ({
  consents: t.connection(
    {
      type: ConsentRef,
      nullable: true,
      resolve: (v, args, ctx) =>
        gated(v, 'referrals', async () =>
          connectionOfList(
            await ctx.register.sharing.consentsOfCase(ctx.actor, v.record.id),
            args,
            (c) => c.id,
          ),
        ),
    },
    ConsentConnection,
  ),
}));

const SupportMeetingConnection = builder.connectionObject(
  { type: SupportMeetingRef, name: 'SupportMeetingConnection' },
  { name: 'SupportMeetingEdge' },
);
builder.queryField('supportMeetings', (t) =>
  t.connection(
    {
      type: SupportMeetingRef,
      description: "The support meetings the actor's agency sits (or sat) in.",
      resolve: (_root, args, ctx) =>
        read(async () =>
          connectionOfList(await ctx.register.sharing.meetingsOfAgency(ctx.actor), args, (m) => m.id),
        ),
    },
    SupportMeetingConnection,
  ),
);

const RecordConsentInput = builder.inputType('RecordConsentInput', {
  fields: (t) => ({
    caseId: t.id({ required: true }),
    givenBy: t.field({ type: ConsentGiverInput, required: true }),
    scope: t.field({ type: ConsentScopeInput, required: true }),
    givenOn: t.field({ type: 'Date', required: true }),
    note: t.string(maxText('longText')),
  }),
});

const WithdrawConsentInput = builder.inputType('WithdrawConsentInput', {
  fields: (t) => ({ consentId: t.id({ required: true }), on: t.field({ type: 'Date', required: true }) }),
});

const EstablishMeetingInput = builder.inputType('EstablishSupportMeetingInput', {
  fields: (t) => ({
    municipalityCode: t.string({ ...maxFormat(MUNICIPALITY_CODE_LENGTH), required: true }),
    name: t.string({ ...maxText('name'), required: true }),
    establishedOn: t.field({ type: 'Date', required: true }),
    memberAgencyIds: t.idList({ description: "Founding members besides the actor's agency." }),
  }),
});

const MeetingMemberInput = (name: string, dateField: string) =>
  builder.inputType(name, {
    fields: (t) => ({
      supportMeetingId: t.id({ required: true }),
      agencyId: t.id({ required: true }),
      [dateField]: t.field({ type: 'Date', required: true }),
    }),
  });
const MeetingCaseInput = (name: string, dateField: string) =>
  builder.inputType(name, {
    fields: (t) => ({
      supportMeetingId: t.id({ required: true }),
      caseId: t.id({ required: true }),
      [dateField]: t.field({ type: 'Date', required: true }),
    }),
  });

const AddMemberInput = MeetingMemberInput('AddSupportMeetingMemberInput', 'joinedOn');
const RemoveMemberInput = MeetingMemberInput('RemoveSupportMeetingMemberInput', 'leftOn');
const AddCaseInput = MeetingCaseInput('AddSupportMeetingCaseInput', 'addedOn');
const RemoveCaseInput = MeetingCaseInput('RemoveSupportMeetingCaseInput', 'removedOn');
const DissolveInput = builder.inputType('DissolveSupportMeetingInput', {
  fields: (t) => ({
    supportMeetingId: t.id({ required: true }),
    on: t.field({ type: 'Date', required: true }),
  }),
});

const ConsentPayload = payloadType<Consent>('ConsentPayload', 'The consent after the change.', {
  consent: { type: ConsentRef, pick: (c) => c },
});
const MeetingPayload = payloadType<SupportMeeting>('SupportMeetingPayload', 'The meeting after the change.', {
  supportMeeting: { type: SupportMeetingRef, pick: (m) => m },
});

const date = (input: Record<string, unknown>, key: string) => String(input[key] ?? '');

builder.mutationFields((t) => ({
  recordConsent: t.field({
    type: ConsentPayload,
    args: { input: t.arg({ type: RecordConsentInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      mutate(ctx, () =>
        ctx.register.sharing.recordConsent(ctx.actor, {
          caseId: localId('Case', String(input.caseId), 'caseId'),
          ...consentDetailsOf(input, ''),
        }),
      ),
  }),
  withdrawConsent: t.field({
    type: ConsentPayload,
    description: '同意の撤回: blocks new shares from `on` (inclusive).',
    args: { input: t.arg({ type: WithdrawConsentInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      mutate(ctx, () =>
        ctx.register.sharing.withdrawConsent(
          ctx.actor,
          recordIdOf('Consent', input.consentId, 'consentId'),
          input.on,
        ),
      ),
  }),
  establishSupportMeeting: t.field({
    type: MeetingPayload,
    args: { input: t.arg({ type: EstablishMeetingInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      mutate(ctx, () =>
        ctx.register.sharing.establishMeeting(ctx.actor, {
          municipalityCode: input.municipalityCode,
          name: input.name,
          establishedOn: input.establishedOn,
          memberAgencyIds: localIds('Agency', input.memberAgencyIds, 'memberAgencyIds'),
        }),
      ),
  }),
  addSupportMeetingMember: t.field({
    type: MeetingPayload,
    args: { input: t.arg({ type: AddMemberInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      mutate(ctx, () =>
        ctx.register.sharing.addMeetingMember(
          ctx.actor,
          recordIdOf('SupportMeeting', input.supportMeetingId ?? '', 'supportMeetingId'),
          localId('Agency', String(input.agencyId), 'agencyId'),
          date(input, 'joinedOn'),
        ),
      ),
  }),
  removeSupportMeetingMember: t.field({
    type: MeetingPayload,
    args: { input: t.arg({ type: RemoveMemberInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      mutate(ctx, () =>
        ctx.register.sharing.removeMeetingMember(
          ctx.actor,
          recordIdOf('SupportMeeting', input.supportMeetingId ?? '', 'supportMeetingId'),
          localId('Agency', String(input.agencyId), 'agencyId'),
          date(input, 'leftOn'),
        ),
      ),
  }),
  addSupportMeetingCase: t.field({
    type: MeetingPayload,
    description: 'Puts a case before the meeting: only an agency working on the case may.',
    args: { input: t.arg({ type: AddCaseInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      mutate(ctx, () =>
        ctx.register.sharing.addMeetingCase(
          ctx.actor,
          recordIdOf('SupportMeeting', input.supportMeetingId ?? '', 'supportMeetingId'),
          localId('Case', String(input.caseId), 'caseId'),
          date(input, 'addedOn'),
        ),
      ),
  }),
  removeSupportMeetingCase: t.field({
    type: MeetingPayload,
    args: { input: t.arg({ type: RemoveCaseInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      mutate(ctx, () =>
        ctx.register.sharing.removeMeetingCase(
          ctx.actor,
          recordIdOf('SupportMeeting', input.supportMeetingId ?? '', 'supportMeetingId'),
          localId('Case', String(input.caseId), 'caseId'),
          date(input, 'removedOn'),
        ),
      ),
  }),
  dissolveSupportMeeting: t.field({
    type: MeetingPayload,
    description: '解散: ends every open membership and case period on the same day.',
    args: { input: t.arg({ type: DissolveInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      mutate(ctx, () =>
        ctx.register.sharing.dissolveMeeting(
          ctx.actor,
          recordIdOf('SupportMeeting', input.supportMeetingId ?? '', 'supportMeetingId'),
          input.on,
        ),
      ),
  }),
}));

builder.objectFields(LegalBasis, (t) => ({
  consent: t.field({
    type: ConsentRef,
    nullable: true,
    description: 'The consent relied on; null where the actor may not read the consents of the case.',
    resolve: (b, _a, ctx) =>
      b.kind === 'consent' ? consentByKey(ctx, scopedKey(b.caseId, b.consentId)) : null,
  }),
  supportMeeting: t.field({
    type: SupportMeetingRef,
    nullable: true,
    description: "The 支援会議 relied on; null where the actor's agency does not sit in it.",
    resolve: (b, _a, ctx) => (b.kind === 'supportMeeting' ? supportMeetingById(ctx, b.meetingId) : null),
  }),
}));
