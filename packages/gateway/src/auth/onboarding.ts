import { randomBytes } from 'node:crypto';
import {
  type Agency,
  type AgencyInput,
  type AgencyInvitation,
  type Register,
  ValidationError,
} from '@hikikomori-register/core';
import { z } from 'zod';
import { hashToken, type IssuedToken, type StaffAccount, type StaffDirectory } from './staff-directory.ts';

/**
 * Network onboarding: the network administrator issues an invitation (a one-time secret, stored only
 * as its SHA-256 hash, like API tokens); whoever holds it registers their agency and its first agency
 * admin, and receives that admin's first API token. Without a staff account yet, the invitee has no
 * bearer token: redemption is the one mutation the gateway runs without one.
 *
 * The agency, the invitation's redemption and the admin with their credential are written together:
 * `databaseOnboarding` (persistence/onboarding) runs all of it in one database transaction. The first
 * credential is a token today; once staff sign in with passwords, `FirstAdminInput` takes the
 * password and `firstCredential` sets it in the same transaction.
 */
export const INVITATION_PREFIX = 'hki_';
const INVITATION_RE = /^hki_[A-Za-z0-9_-]{43}$/;

/** A fresh invitation secret: 32 random bytes, prefixed so that leaked ones are easy to spot. */
export function generateInvitationToken(): string {
  return INVITATION_PREFIX + randomBytes(32).toString('base64url');
}

export function looksLikeInvitationToken(token: string): boolean {
  return INVITATION_RE.test(token);
}

/** How long the first admin's token works: long enough to set up the agency, not for daily use. */
export const FIRST_ADMIN_TOKEN_DAYS = 30;

export const firstAdminInputSchema = z.object({ displayName: z.string().trim().min(1).max(100) });
export type FirstAdminInput = z.input<typeof firstAdminInputSchema>;

export interface RedeemInvitationRequest {
  /** The invitation secret (`hki_…`) as the invitee received it. */
  readonly token: string;
  readonly agency: AgencyInput;
  readonly admin: FirstAdminInput;
}

export interface OnboardedAgency {
  readonly agency: Agency;
  readonly invitation: AgencyInvitation;
  readonly admin: StaffAccount;
  /** The first admin's API token: shown this once, only its hash is stored. */
  readonly token: IssuedToken;
}

export interface AgencyOnboarding {
  redeem(request: RedeemInvitationRequest): Promise<OnboardedAgency>;
}

/**
 * The checks that need no database: the secret's shape (an unknown shape is refused like an unknown
 * invitation, naming `token`) and the first admin's name. Returns the hash to look the invitation up.
 */
export function checkRedeemRequest(request: RedeemInvitationRequest): {
  tokenHash: string;
  admin: z.output<typeof firstAdminInputSchema>;
} {
  const admin = firstAdminInputSchema.safeParse(request.admin ?? {});
  if (!admin.success)
    throw new ValidationError([
      {
        field: 'admin.displayName',
        rule: 'text_1_to_100',
        message: 'the admin’s name must be 1–100 characters',
      },
    ]);
  return { tokenHash: hashToken(String(request.token ?? '')), admin: admin.data };
}

/**
 * Gives the new agency its first admin and that admin's first credential (a token, for now). Runs on
 * the staff directory of the transaction that registered the agency.
 */
export async function firstCredential(
  staff: StaffDirectory,
  agency: Agency,
  admin: z.output<typeof firstAdminInputSchema>,
  now: Date,
): Promise<{ admin: StaffAccount; token: IssuedToken }> {
  const account = await staff.createStaff({
    agencyId: agency.id,
    displayName: admin.displayName,
    role: 'agencyAdmin',
  });
  const token = await staff.issueToken(account.id, 'invitation', {
    expiresAt: new Date(now.getTime() + FIRST_ADMIN_TOKEN_DAYS * 86_400_000),
  });
  return { admin: account, token };
}

/**
 * Onboarding over a register and a staff directory that share no transaction (memory): the register
 * step first, then the account. Only the first can be refused for a reason of the request (its checks
 * run before anything is written); the account step cannot fail after the request was checked.
 */
export function sequentialOnboarding(
  register: Register,
  staff: StaffDirectory,
  clock: () => Date = () => new Date(),
): AgencyOnboarding {
  return {
    async redeem(request) {
      const { tokenHash, admin } = checkRedeemRequest(request);
      const { agency, invitation } = await register.agencies.redeemInvitation(tokenHash, request.agency);
      return { agency, invitation, ...(await firstCredential(staff, agency, admin, clock())) };
    },
  };
}
