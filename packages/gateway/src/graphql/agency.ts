import {
  type AgencyInvitation as AgencyInvitationRecord,
  type Agency as AgencyRecord,
  agencyKindInfo,
  invitationStatus,
  MUNICIPALITY_CODE_LENGTH,
} from '@hikikomori-register/core';
import {
  generateInvitationToken,
  INVITATION_TOKEN_LENGTH,
  type OnboardedAgency,
} from '../auth/onboarding.ts';
import { LOGIN_ID_MAX_LENGTH, PASSWORD_MAX_LENGTH } from '../auth/passwords.ts';
import { hashToken } from '../auth/staff-directory.ts';
import { builder } from './builder.ts';
import { connectionOfList } from './connections.ts';
import { AgencyKind, AgencySector, enumFrom } from './enums.ts';
import { read } from './errors.ts';
import { localId, recordIdOf } from './ids.ts';
import { loadCopies } from './loaders.ts';
import { maxFormat, maxText } from './max-length.ts';
import { compact, mutate, payloadType } from './mutations.ts';
import { lookedUpRecord } from './nodes.ts';
import { AgencyRef, StaffRef } from './refs.ts';

export const Agency = AgencyRef;

builder.node(Agency, {
  description:
    'A support agency (支援機関). The directory is public to every signed-in actor: no personal data.',
  id: { resolve: (a) => a.id },
  loadMany: (ids, ctx) => loadCopies(ctx.loaders.agencies, ids),
  fields: (t) => ({
    kind: t.field({ type: AgencyKind, resolve: (a) => a.kind }),
    sector: t.field({ type: AgencySector, resolve: (a) => agencyKindInfo(a.kind).sector }),
    name: t.exposeString('name'),
    municipalityCode: t.exposeString('municipalityCode'),
    area: t.exposeString('area', { nullable: true }),
    services: t.exposeStringList('services'),
    active: t.exposeBoolean('active'),
    networkCoordinator: t.exposeBoolean('networkCoordinator', {
      description:
        "The network's coordinating agency (the one the register was set up with): its agency admin is the network administrator, who invites new agencies.",
    }),
  }),
});

const AgencyFilter = builder.inputType('AgencyFilter', {
  fields: (t) => ({
    kind: t.field({ type: AgencyKind }),
    municipalityCode: t.string(maxFormat(MUNICIPALITY_CODE_LENGTH)),
    activeOnly: t.boolean(),
  }),
});

const AgencyConnection = builder.connectionObject(
  { type: Agency, name: 'AgencyConnection' },
  { name: 'AgencyEdge' },
);
builder.queryFields((t) => ({
  agency: t.field({
    type: Agency,
    nullable: true,
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) =>
      read(async () => ctx.loaders.agencies.load(localId('Agency', String(args.id), 'id'))),
  }),
  agencies: t.connection(
    {
      type: Agency,
      description: 'The agency directory, by name then id.',
      args: { filter: t.arg({ type: AgencyFilter }) },
      resolve: (_root, args, ctx) =>
        read(async () => {
          const list = await ctx.register.agencies.list(ctx.actor, compact(args.filter ?? {}));
          return connectionOfList(list, args, (a) => a.id);
        }),
    },
    AgencyConnection,
  ),
}));

const AgencyInput = builder.inputType('RegisterAgencyInput', {
  fields: (t) => ({
    kind: t.field({ type: AgencyKind, required: true }),
    name: t.string({ ...maxText('name'), required: true }),
    municipalityCode: t.string({ ...maxFormat(MUNICIPALITY_CODE_LENGTH), required: true }),
    area: t.string(maxText('name')),
    services: t.stringList(maxText('name')),
    active: t.boolean(),
  }),
});

const UpdateAgencyInput = builder.inputType('UpdateAgencyInput', {
  description: 'Only the fields given change; `area: null` clears the area.',
  fields: (t) => ({
    agencyId: t.id({ required: true }),
    kind: t.field({ type: AgencyKind }),
    name: t.string(maxText('name')),
    municipalityCode: t.string(maxFormat(MUNICIPALITY_CODE_LENGTH)),
    area: t.string(maxText('name')),
    services: t.stringList(maxText('name')),
    active: t.boolean(),
  }),
});

const AgencyPayload = payloadType<AgencyRecord>('AgencyPayload', 'The agency after the change.', {
  agency: { type: Agency, pick: (a) => a },
});

builder.mutationFields((t) => ({
  registerAgency: t.field({
    type: AgencyPayload,
    description:
      'The network administrator registers another agency of the network (without an admin: prefer an invitation). Duplicate and lookalike names are refused.',
    args: { input: t.arg({ type: AgencyInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      mutate(ctx, () => ctx.register.agencies.register(ctx.actor, compact(input))),
  }),
  updateAgency: t.field({
    type: AgencyPayload,
    description: "An agency's own admin keeps its entry up to date.",
    args: { input: t.arg({ type: UpdateAgencyInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      mutate(ctx, async () => {
        const { agencyId, ...changes } = input;
        const id = localId('Agency', String(agencyId), 'agencyId');
        const { area, ...rest } = changes;
        return ctx.register.agencies.update(ctx.actor, id, {
          ...compact(rest),
          ...(area !== undefined ? { area } : {}),
        });
      }),
  }),
}));

// --- Invitations (参加招待) ----------------------------------------------------------------------------

const InvitationStatus = enumFrom(
  'InvitationStatus',
  ['pending', 'redeemed', 'revoked', 'expired'] as const,
  'Whether an invitation can still be used.',
);

const AgencyInvitation = builder.objectRef<AgencyInvitationRecord>('AgencyInvitation');
builder.node(AgencyInvitation, {
  description: 'A one-time invitation for a new agency to join the network. Its secret is never shown again.',
  id: { resolve: (i) => i.id },
  // As `agencyInvitations` lists them: the network administrator only.
  loadOne: (id, ctx) => lookedUpRecord(ctx.register.agencies.invitation(ctx.actor, id)),
  fields: (t) => ({
    label: t.exposeString('label', { description: 'Who it is for, in the issuer’s words.' }),
    status: t.field({ type: InvitationStatus, resolve: (i, _a, ctx) => invitationStatus(i, ctx.now()) }),
    issuedAt: t.field({ type: 'DateTime', resolve: (i) => i.issuedAt }),
    issuedByStaffId: t.id({ resolve: (i) => i.issuedBy.staffId }),
    expiresAt: t.field({ type: 'DateTime', resolve: (i) => i.expiresAt }),
    redeemedAt: t.field({ type: 'DateTime', nullable: true, resolve: (i) => i.redeemedAt }),
    agency: t.field({
      type: Agency,
      nullable: true,
      description: 'The agency registered with it.',
      resolve: (i, _a, ctx) => (i.agencyId ? ctx.loaders.agencies.load(i.agencyId) : null),
    }),
    revokedAt: t.field({ type: 'DateTime', nullable: true, resolve: (i) => i.revokedAt }),
  }),
});

builder.queryField('agencyInvitations', (t) =>
  t.field({
    type: [AgencyInvitation],
    description: 'Every invitation, newest first (the network administrator).',
    resolve: (_root, _args, ctx) =>
      read(async () => [...(await ctx.register.agencies.invitations(ctx.actor))]),
  }),
);

const IssueInvitationInput = builder.inputType('IssueAgencyInvitationInput', {
  fields: (t) => ({
    label: t.string({ ...maxText('name'), required: true, description: 'Who it is for.' }),
    expiresInDays: t.int({ description: '1–30; defaults to 7.' }),
  }),
});

const RevokeInvitationInput = builder.inputType('RevokeAgencyInvitationInput', {
  fields: (t) => ({ invitationId: t.id({ required: true }) }),
});

const FirstAdminInput = builder.inputType('FirstAdminInput', {
  description:
    "The new agency's first agency admin; with `loginId` and `password` (both or neither) they sign in to the staff console with their own password from the start.",
  fields: (t) => ({
    displayName: t.string({ ...maxText('personName'), required: true }),
    loginId: t.string({
      ...maxFormat(LOGIN_ID_MAX_LENGTH),
      description: 'ログインID: lowercase letters, digits, ".", "_" or "-"; 3–64 characters.',
    }),
    password: t.string({
      ...maxFormat(PASSWORD_MAX_LENGTH),
      description: 'At least 10 characters; not a well-known password, not containing the login id.',
    }),
  }),
});

const RedeemInvitationInput = builder.inputType('RedeemAgencyInvitationInput', {
  fields: (t) => ({
    token: t.string({
      ...maxFormat(INVITATION_TOKEN_LENGTH),
      required: true,
      description: 'The invitation secret (hki_…) as received.',
    }),
    agency: t.field({ type: AgencyInput, required: true }),
    admin: t.field({ type: FirstAdminInput, required: true }),
  }),
});

const IssueInvitationPayload = payloadType<{ invitation: AgencyInvitationRecord; token: string }>(
  'IssueAgencyInvitationPayload',
  'The invitation and its secret, shown this once: hand it to the invitee. Only its hash is kept.',
  {
    invitation: { type: AgencyInvitation, pick: (r) => r.invitation },
    token: { type: 'String', pick: (r) => r.token },
  },
);

const InvitationPayload = payloadType<AgencyInvitationRecord>(
  'AgencyInvitationPayload',
  'The invitation after the change.',
  { invitation: { type: AgencyInvitation, pick: (i) => i } },
);

const RedeemInvitationPayload = payloadType<OnboardedAgency>(
  'RedeemAgencyInvitationPayload',
  "The new agency, its first admin and the admin's first API token (shown this once; only its hash is kept).",
  {
    agency: { type: Agency, pick: (r) => r.agency },
    admin: { type: StaffRef, pick: (r) => r.admin },
    token: { type: 'String', pick: (r) => r.token.token },
    tokenExpiresAt: { type: 'DateTime', pick: (r) => r.token.info.expiresAt },
  },
);

builder.mutationFields((t) => ({
  issueAgencyInvitation: t.field({
    type: IssueInvitationPayload,
    description: '参加招待の発行 by the network administrator.',
    args: { input: t.arg({ type: IssueInvitationInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      mutate(ctx, async () => {
        const token = generateInvitationToken();
        const invitation = await ctx.register.agencies.issueInvitation(
          ctx.actor,
          {
            label: input.label,
            ...(input.expiresInDays != null ? { expiresInDays: input.expiresInDays } : {}),
          },
          hashToken(token),
        );
        return { invitation, token };
      }),
  }),
  revokeAgencyInvitation: t.field({
    type: InvitationPayload,
    description: '招待の取消 by the network administrator.',
    args: { input: t.arg({ type: RevokeInvitationInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      mutate(ctx, () =>
        ctx.register.agencies.revokeInvitation(
          ctx.actor,
          recordIdOf('AgencyInvitation', input.invitationId, 'invitationId'),
        ),
      ),
  }),
  redeemAgencyInvitation: t.field({
    type: RedeemInvitationPayload,
    description:
      'Registers the invitee’s agency and its first admin with an invitation, and returns that admin’s first API token. Needs no bearer token. Refused when the invitation is unknown, used, revoked or expired (field token), or the name is taken or looks like a registered one (field agency.name).',
    args: { input: t.arg({ type: RedeemInvitationInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      mutate(ctx, () =>
        ctx.onboarding.redeem({ token: input.token, agency: compact(input.agency), admin: input.admin }),
      ),
  }),
}));
