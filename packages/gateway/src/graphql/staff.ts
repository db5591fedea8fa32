import { type Actor, staffRoleSchema, text } from '@hikikomori-register/core';
import { z } from 'zod';
import { generateTemporaryPassword, LOGIN_ID_MAX_LENGTH, parseLoginId } from '../auth/passwords.ts';
import {
  type ApiTokenInfo,
  DEFAULT_TOKEN_LIFETIME_MS,
  MAX_TOKEN_LIFETIME_MS,
  type StaffAccount,
} from '../auth/staff-directory.ts';
import { builder } from './builder.ts';
import { connectionOfList } from './connections.ts';
import type { GraphQLContext } from './context.ts';
import { StaffRole } from './enums.ts';
import { read, userError } from './errors.ts';
import { localId, recordIdOf, scopedKey } from './ids.ts';
import { maxFormat, maxText } from './max-length.ts';
import { mutate, payloadType } from './mutations.ts';
import { orWhenRefused, scopedRecord } from './nodes.ts';
import { AgencyRef, StaffRef } from './refs.ts';

/** The agency admin of the account's agency, or the account itself: who may see its tokens. */
function seesTokensOf(ctx: GraphQLContext, account: StaffAccount): boolean {
  return (
    (ctx.actor.role === 'agencyAdmin' && ctx.actor.agencyId === account.agencyId) ||
    ctx.actor.staffId === account.id
  );
}

/** A staff account, as `staffMembers` lists it: only the agency admin of its agency sees it. */
async function staffMemberById(ctx: GraphQLContext, id: string): Promise<StaffAccount | null> {
  if (ctx.actor.role !== 'agencyAdmin') return null;
  const account = await orWhenRefused(ctx.staff.getStaff(id), null);
  return account && account.agencyId === ctx.actor.agencyId ? { ...account } : null;
}

const ApiToken = builder.objectRef<ApiTokenInfo>('ApiToken');
builder.node(ApiToken, {
  description: "A token's metadata; the token itself is shown only once, when issued.",
  // The key carries the account: tokens are read as `StaffMember.tokens` reads them.
  id: { resolve: (x) => scopedKey(x.staffId, x.id) },
  loadOne: (key, ctx) =>
    scopedRecord(key, async (staffId) => {
      const account = await ctx.staff.getStaff(staffId);
      return account && seesTokensOf(ctx, account) ? ctx.staff.listTokens(account.id) : [];
    }),
  fields: (t) => ({
    staffId: t.exposeID('staffId'),
    label: t.exposeString('label'),
    createdAt: t.field({ type: 'DateTime', resolve: (x) => x.createdAt }),
    expiresAt: t.field({ type: 'DateTime', nullable: true, resolve: (x) => x.expiresAt }),
    lastUsedAt: t.field({ type: 'DateTime', nullable: true, resolve: (x) => x.lastUsedAt }),
    revokedAt: t.field({ type: 'DateTime', nullable: true, resolve: (x) => x.revokedAt }),
  }),
});

builder.node(StaffRef, {
  description: 'A staff account of an agency.',
  id: { resolve: (s) => s.id },
  loadOne: (id, ctx) => staffMemberById(ctx, id),
  fields: (t) => ({
    displayName: t.exposeString('displayName'),
    role: t.field({ type: StaffRole, resolve: (s) => s.role }),
    active: t.exposeBoolean('active'),
    loginId: t.exposeString('loginId', {
      nullable: true,
      description: 'ログインID for the staff console; null for an account that uses API tokens only.',
    }),
    canSignIn: t.boolean({
      description: 'A console password is set (the password itself is never shown).',
      resolve: (s) => s.loginId !== null && s.hasPassword,
    }),
    tokens: t.field({
      type: [ApiToken],
      nullable: true,
      description:
        "The account's API tokens, newest first (metadata only): its agency admin or the account itself.",
      resolve: (s, _a, ctx) => (seesTokensOf(ctx, s) ? ctx.staff.listTokens(s.id) : null),
    }),
    agency: t.field({
      type: AgencyRef,
      nullable: true,
      resolve: (s, _a, ctx) => ctx.loaders.agencies.load(s.agencyId),
    }),
  }),
});

const Me = builder.objectRef<Actor>('Me').implement({
  description: 'The signed-in actor.',
  fields: (t) => ({
    staffId: t.exposeID('staffId', {
      description: 'Plain id of the account, as `staffId` on the records the actor makes.',
    }),
    staffMember: t.field({
      type: StaffRef,
      nullable: true,
      description: 'The account itself (its `id` is the global id `staffMembers` lists).',
      resolve: async (a, _x, ctx) => {
        const account = await ctx.staff.getStaff(a.staffId);
        return account ? { ...account } : null;
      },
    }),
    role: t.field({ type: StaffRole, resolve: (a) => a.role }),
    displayName: t.string({
      nullable: true,
      resolve: async (a, _x, ctx) => (await ctx.staff.getStaff(a.staffId))?.displayName ?? null,
    }),
    agency: t.field({
      type: AgencyRef,
      nullable: true,
      resolve: (a, _x, ctx) => ctx.loaders.agencies.load(a.agencyId),
    }),
  }),
});

function assertAdminOf(ctx: GraphQLContext, agencyId: string): void {
  if (ctx.actor.role !== 'agencyAdmin' || ctx.actor.agencyId !== agencyId)
    throw userError('FORBIDDEN', 'only the agency admin of that agency may manage its staff');
}

/** The account, if it belongs to the admin's own agency; anything else is not found alike. */
async function ownStaff(ctx: GraphQLContext, staffId: string): Promise<StaffAccount> {
  assertAdminOf(ctx, ctx.actor.agencyId);
  const account = await ctx.staff.getStaff(staffId);
  if (!account || account.agencyId !== ctx.actor.agencyId)
    throw userError('FORBIDDEN', 'staff not accessible');
  return account;
}

const StaffMemberConnection = builder.connectionObject(
  { type: StaffRef, name: 'StaffMemberConnection' },
  { name: 'StaffMemberEdge' },
);
builder.queryFields((t) => ({
  me: t.field({ type: Me, resolve: (_root, _args, ctx) => ctx.actor }),
  staffMembers: t.connection(
    {
      type: StaffRef,
      description: "The agency's staff accounts (agency admins).",
      resolve: (_root, args, ctx) =>
        read(async () => {
          assertAdminOf(ctx, ctx.actor.agencyId);
          return connectionOfList(await ctx.staff.listStaff(ctx.actor.agencyId), args, (s) => s.id);
        }),
    },
    StaffMemberConnection,
  ),
}));

const createStaffSchema = z.object({
  displayName: text('personName'),
  role: staffRoleSchema,
});

const CreateStaffInput = builder.inputType('CreateStaffInput', {
  fields: (t) => ({
    agencyId: t.id({ description: "Defaults to the admin's own agency; no other agency is allowed." }),
    displayName: t.string({ ...maxText('personName'), required: true }),
    role: t.field({ type: StaffRole, required: true }),
    loginId: t.string({
      ...maxFormat(LOGIN_ID_MAX_LENGTH),
      description:
        'ログインID for the staff console (3–64 of a–z 0–9 . _ -), unique in the register; give a password with resetStaffPassword.',
    }),
  }),
});

const ResetStaffPasswordInput = builder.inputType('ResetStaffPasswordInput', {
  fields: (t) => ({
    staffId: t.id({ required: true }),
    loginId: t.string({
      ...maxFormat(LOGIN_ID_MAX_LENGTH),
      description: 'Gives the account its login id first (required when it has none).',
    }),
  }),
});

/** The longest label of an API token (what device or integration holds it). */
export const TOKEN_LABEL_MAX_LENGTH = 100;

const IssueTokenInput = builder.inputType('IssueTokenInput', {
  fields: (t) => ({
    staffId: t.id({ required: true }),
    label: t.string({
      ...maxFormat(TOKEN_LABEL_MAX_LENGTH),
      required: true,
      description: 'e.g. the device or integration using it.',
    }),
    expiresAt: t.field({
      type: 'DateTime',
      description: 'Default: 90 days from now; at most 366 days ahead.',
    }),
  }),
});

const DeactivateStaffInput = builder.inputType('DeactivateStaffInput', {
  fields: (t) => ({ staffId: t.id({ required: true }) }),
});

const RevokeTokenInput = builder.inputType('RevokeTokenInput', {
  fields: (t) => ({ staffId: t.id({ required: true }), tokenId: t.id({ required: true }) }),
});

const StaffPayload = payloadType<StaffAccount>('CreateStaffPayload', 'The new staff account.', {
  staffMember: { type: StaffRef, pick: (s) => s },
});
const DeactivateStaffPayload = payloadType<StaffAccount>(
  'DeactivateStaffPayload',
  'The deactivated account: its tokens stop working, its records stay.',
  { staffMember: { type: StaffRef, pick: (s) => s } },
);
const IssueTokenPayload = payloadType<{ token: string; info: ApiTokenInfo }>(
  'IssueTokenPayload',
  'The token, shown this once: store it now. Only its hash is kept.',
  { token: { type: 'String', pick: (r) => r.token }, apiToken: { type: ApiToken, pick: (r) => r.info } },
);
const ResetStaffPasswordPayload = payloadType<{ account: StaffAccount; temporaryPassword: string }>(
  'ResetStaffPasswordPayload',
  'A temporary password, shown this once: hand it over in person. The staff member must replace it at the next sign-in; their open sessions end.',
  {
    staffMember: { type: StaffRef, pick: (r) => r.account },
    temporaryPassword: { type: 'String', pick: (r) => r.temporaryPassword },
  },
);
const RevokeTokenPayload = payloadType<ApiTokenInfo>('RevokeTokenPayload', 'The revoked token.', {
  apiToken: { type: ApiToken, pick: (r) => r },
});

builder.mutationFields((t) => ({
  createStaff: t.field({
    type: StaffPayload,
    description: 'An agency admin creates a staff account of their own agency.',
    args: { input: t.arg({ type: CreateStaffInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      mutate(ctx, async () => {
        const agencyId = input.agencyId
          ? localId('Agency', String(input.agencyId), 'agencyId')
          : ctx.actor.agencyId;
        assertAdminOf(ctx, agencyId);
        const parsed = createStaffSchema.safeParse({ displayName: input.displayName, role: input.role });
        if (!parsed.success)
          throw userError('VALIDATION_FAILED', 'displayName must be 1–100 characters', 'displayName');
        const loginId = input.loginId == null ? null : parseLoginId(input.loginId);
        return ctx.staff.createStaff({ agencyId, ...parsed.data, loginId });
      }),
  }),
  resetStaffPassword: t.field({
    type: ResetStaffPasswordPayload,
    description:
      'パスワード再発行: an agency admin gives a staff member of their agency a temporary console password.',
    args: { input: t.arg({ type: ResetStaffPasswordInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      mutate(ctx, async () => {
        let account = await ownStaff(ctx, recordIdOf('StaffMember', input.staffId, 'staffId'));
        if (!account.active)
          throw userError('PRECONDITION_FAILED', 'the account is deactivated', 'staffId', 'account_active');
        if (input.loginId != null) account = await ctx.staff.setLoginId(account.id, input.loginId);
        if (!account.loginId)
          throw userError(
            'VALIDATION_FAILED',
            'the account has no login id yet: give one',
            'loginId',
            'required',
          );
        const temporaryPassword = generateTemporaryPassword();
        await ctx.staff.setPassword(account.id, temporaryPassword, { temporary: true });
        return { account: { ...account, hasPassword: true, mustChangePassword: true }, temporaryPassword };
      }),
  }),
  deactivateStaff: t.field({
    type: DeactivateStaffPayload,
    description: 'An agency admin deactivates a staff account of their agency (not their own).',
    args: { input: t.arg({ type: DeactivateStaffInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      mutate(ctx, async () => {
        const account = await ownStaff(ctx, recordIdOf('StaffMember', input.staffId, 'staffId'));
        // An agency must not lock itself out by its only admin deactivating themself.
        if (account.id === ctx.actor.staffId)
          throw userError(
            'PRECONDITION_FAILED',
            'an admin cannot deactivate their own account',
            'staffId',
            'not_own_account',
          );
        await ctx.staff.deactivateStaff(account.id);
        return { ...account, active: false };
      }),
  }),
  issueToken: t.field({
    type: IssueTokenPayload,
    description: 'An agency admin issues an API token for a staff member of their agency.',
    args: { input: t.arg({ type: IssueTokenInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      mutate(ctx, async () => {
        const account = await ownStaff(ctx, recordIdOf('StaffMember', input.staffId, 'staffId'));
        const label = input.label.trim();
        if (!label || label.length > TOKEN_LABEL_MAX_LENGTH)
          throw userError(
            'VALIDATION_FAILED',
            `label must be 1–${TOKEN_LABEL_MAX_LENGTH} characters`,
            'label',
          );
        const now = ctx.now();
        const expiresAt = input.expiresAt ?? new Date(now.getTime() + DEFAULT_TOKEN_LIFETIME_MS);
        if (expiresAt.getTime() <= now.getTime())
          throw userError('VALIDATION_FAILED', 'expiresAt must be in the future', 'expiresAt', 'in_future');
        if (expiresAt.getTime() > now.getTime() + MAX_TOKEN_LIFETIME_MS)
          throw userError(
            'VALIDATION_FAILED',
            'expiresAt may be at most 366 days ahead: rotate long-lived tokens',
            'expiresAt',
            'max_token_lifetime',
          );
        return ctx.staff.issueToken(account.id, label, { expiresAt });
      }),
  }),
  revokeToken: t.field({
    type: RevokeTokenPayload,
    description: 'An agency admin revokes a token of a staff member of their agency.',
    args: { input: t.arg({ type: RevokeTokenInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      mutate(ctx, async () => {
        const account = await ownStaff(ctx, recordIdOf('StaffMember', input.staffId, 'staffId'));
        const tokens = await ctx.staff.listTokens(account.id);
        const tokenId = recordIdOf('ApiToken', input.tokenId, 'tokenId');
        if (!tokens.some((x) => x.id === tokenId)) throw userError('FORBIDDEN', 'token not accessible');
        const revoked = await ctx.staff.revokeToken(tokenId);
        if (!revoked) throw userError('FORBIDDEN', 'token not accessible');
        return revoked;
      }),
  }),
}));
