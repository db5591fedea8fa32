import { z } from 'zod';
import type { Actor } from '../shared/actor.ts';
import { PreconditionError, parseInput } from '../shared/errors.ts';
import type { AgencyId, StaffId } from '../shared/ids.ts';
import { text } from '../shared/text.ts';

/**
 * 参加招待: how a new agency joins the network. The network administrator (see `canAdministerNetwork`)
 * issues a one-time invitation; whoever holds its secret registers the agency and its first admin
 * with it, once, before it expires. Only a hash of the secret is stored (the gateway makes and hashes
 * it, as it does API tokens); the invitation never holds the secret itself.
 */
export interface AgencyInvitation {
  readonly id: string;
  /** SHA-256 (hex) of the invitation secret. */
  readonly tokenHash: string;
  /** Who it is for, in the issuer's words (e.g. 「架空市社会福祉協議会 ご担当 様」). No use beyond lists. */
  readonly label: string;
  readonly issuedBy: Actor;
  readonly issuedAt: Date;
  readonly expiresAt: Date;
  readonly redeemedAt: Date | null;
  /** The agency registered with it. */
  readonly agencyId: AgencyId | null;
  readonly revokedAt: Date | null;
  readonly revokedBy: StaffId | null;
  /** Starts at 1, +1 on redemption or revocation (a second redemption loses the compare-and-set). */
  readonly version: number;
}

export type InvitationStatus = 'pending' | 'redeemed' | 'revoked' | 'expired';

export const INVITATION_DEFAULT_DAYS = 7;
export const INVITATION_MAX_DAYS = 30;

export const issueInvitationInputSchema = z.object({
  label: text('name'),
  /** Days until the invitation stops working: 1–30, default 7. */
  expiresInDays: z.number().int().min(1).max(INVITATION_MAX_DAYS).default(INVITATION_DEFAULT_DAYS),
});
export type IssueInvitationInput = z.input<typeof issueInvitationInputSchema>;

export function invitationStatus(invitation: AgencyInvitation, now: Date): InvitationStatus {
  if (invitation.redeemedAt) return 'redeemed';
  if (invitation.revokedAt) return 'revoked';
  if (invitation.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'pending';
}

export function issueInvitation(
  id: string,
  tokenHash: string,
  input: IssueInvitationInput,
  ctx: { readonly actor: Actor; readonly now: Date },
): AgencyInvitation {
  if (!id) throw new PreconditionError('id_given', 'a new invitation needs an id', 'id');
  if (!/^[0-9a-f]{64}$/.test(tokenHash))
    throw new PreconditionError('token_hash_sha256', 'an invitation stores the SHA-256 hex of its secret');
  const parsed = parseInput(issueInvitationInputSchema, input);
  return {
    id,
    tokenHash,
    label: parsed.label,
    issuedBy: ctx.actor,
    issuedAt: ctx.now,
    expiresAt: new Date(ctx.now.getTime() + parsed.expiresInDays * 86_400_000),
    redeemedAt: null,
    agencyId: null,
    revokedAt: null,
    revokedBy: null,
    version: 1,
  };
}

/** Why an invitation cannot be used now, as a typed refusal naming the `token` field. */
function assertPending(invitation: AgencyInvitation, now: Date, field: string): void {
  const status = invitationStatus(invitation, now);
  if (status === 'redeemed')
    throw new PreconditionError('invitation_not_redeemed', 'this invitation has already been used', field);
  if (status === 'revoked')
    throw new PreconditionError('invitation_not_revoked', 'this invitation was revoked', field);
  if (status === 'expired')
    throw new PreconditionError(
      'invitation_not_expired',
      `this invitation expired at ${invitation.expiresAt.toISOString()}; ask for a new one`,
      field,
    );
}

/** 招待の利用: the invitation is spent on registering `agencyId`. */
export function redeemInvitation(
  invitation: AgencyInvitation,
  agencyId: AgencyId,
  now: Date,
  field = 'token',
): AgencyInvitation {
  assertPending(invitation, now, field);
  return { ...invitation, redeemedAt: now, agencyId, version: invitation.version + 1 };
}

/** 招待の取消: a pending (or expired) invitation can no longer be used. */
export function revokeInvitation(invitation: AgencyInvitation, by: Actor, now: Date): AgencyInvitation {
  if (invitation.redeemedAt)
    throw new PreconditionError(
      'invitation_not_redeemed',
      'this invitation has been used already; deactivate the agency instead',
      'invitationId',
    );
  if (invitation.revokedAt)
    throw new PreconditionError(
      'invitation_not_revoked',
      'this invitation was revoked already',
      'invitationId',
    );
  return { ...invitation, revokedAt: now, revokedBy: by.staffId, version: invitation.version + 1 };
}
