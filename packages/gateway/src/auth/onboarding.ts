import { randomBytes } from 'node:crypto';
import {
  type Agency,
  type AgencyInput,
  type AgencyInvitation,
  type Register,
  text,
  ValidationError,
} from '@hikikomori-register/core';
import { assertPasswordAllowed, parseLoginId } from './passwords.ts';
import { hashToken, type IssuedToken, type StaffAccount, type StaffDirectory } from './staff-directory.ts';

/**
 * Network onboarding: the network administrator issues an invitation (a one-time secret, stored only
 * as its SHA-256 hash, like API tokens); whoever holds it registers their agency and its first agency
 * admin, and receives that admin's first API token. Without a staff account yet, the invitee has no
 * bearer token: redemption is the one mutation the gateway runs without one.
 *
 * The first admin may also choose their staff-console sign-in there and then (a login id and their own
 * password, checked by the password policy): it is the invitee who holds the secret, so no temporary
 * password needs handing over. The agency, the invitation's redemption and the admin with their
 * credentials are written together: `databaseOnboarding` (persistence/onboarding) runs all of it in
 * one database transaction.
 */
export const INVITATION_PREFIX = 'hki_';
const INVITATION_SECRET_LENGTH = 43;
const INVITATION_RE = new RegExp(`^${INVITATION_PREFIX}[A-Za-z0-9_-]{${INVITATION_SECRET_LENGTH}}$`);
/** An invitation as handed out: the prefix and 43 base64url characters (256 random bits). */
export const INVITATION_TOKEN_LENGTH = INVITATION_PREFIX.length + INVITATION_SECRET_LENGTH;

/** A fresh invitation secret: 32 random bytes, prefixed so that leaked ones are easy to spot. */
export function generateInvitationToken(): string {
  return INVITATION_PREFIX + randomBytes(32).toString('base64url');
}

export function looksLikeInvitationToken(token: string): boolean {
  return INVITATION_RE.test(token);
}

/** How long the first admin's token works: long enough to set up the agency, not for daily use. */
export const FIRST_ADMIN_TOKEN_DAYS = 30;

export interface FirstAdminInput {
  readonly displayName: string;
  /** ログインID for the staff console; given together with `password`. */
  readonly loginId?: string | null;
  /** The admin's own console password (at least 10 characters; see the password policy). */
  readonly password?: string | null;
}

/** The first admin as checked: the name, and the console sign-in when one was asked for. */
export interface CheckedFirstAdmin {
  readonly displayName: string;
  readonly signIn: { readonly loginId: string; readonly password: string } | null;
}

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

const displayNameSchema = text('personName');

/** Re-raises a validation error of the admin's fields under `admin.` (e.g. `admin.password`). */
function underAdmin<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof ValidationError)
      throw new ValidationError(error.issues.map((i) => ({ ...i, field: `admin.${i.field}` })));
    throw error;
  }
}

/**
 * The checks that need no database, so that a refused request writes nothing: the first admin's name,
 * and the login id and password together or neither (password policy applied). Returns the hash to
 * look the invitation up by; an unknown secret is refused like an unknown invitation, naming `token`.
 */
export function checkRedeemRequest(request: RedeemInvitationRequest): {
  tokenHash: string;
  admin: CheckedFirstAdmin;
} {
  const admin = request.admin ?? ({} as FirstAdminInput);
  const name = displayNameSchema.safeParse(admin.displayName);
  if (!name.success)
    throw new ValidationError([
      {
        field: 'admin.displayName',
        rule: 'text_1_to_100',
        message: 'the admin’s name must be 1–100 characters',
      },
    ]);
  const hasLogin = admin.loginId != null && admin.loginId !== '';
  const hasPassword = admin.password != null && admin.password !== '';
  if (hasLogin !== hasPassword)
    throw new ValidationError([
      hasLogin
        ? { field: 'admin.password', rule: 'password_with_login_id', message: 'a login id needs a password' }
        : { field: 'admin.loginId', rule: 'login_id_with_password', message: 'a password needs a login id' },
    ]);
  const signIn = hasLogin
    ? underAdmin(() => {
        const loginId = parseLoginId(admin.loginId as string);
        assertPasswordAllowed(admin.password as string, loginId);
        return { loginId, password: admin.password as string };
      })
    : null;
  return {
    tokenHash: hashToken(String(request.token ?? '')),
    admin: { displayName: name.data, signIn },
  };
}

/**
 * Gives the new agency its first admin and that admin's first credentials: a token, and the console
 * sign-in when asked for (`setPassword` stores the password on the account just created). Runs on the
 * staff directory of the transaction that registered the agency.
 */
export async function firstCredential(
  staff: StaffDirectory,
  agency: Agency,
  admin: CheckedFirstAdmin,
  now: Date,
  setPassword: (account: StaffAccount, password: string) => Promise<void>,
): Promise<{ admin: StaffAccount; token: IssuedToken }> {
  const account = await underAdminAsync(() =>
    staff.createStaff({
      agencyId: agency.id,
      displayName: admin.displayName,
      role: 'agencyAdmin',
      loginId: admin.signIn?.loginId ?? null,
    }),
  );
  if (admin.signIn) await setPassword(account, admin.signIn.password);
  const token = await staff.issueToken(account.id, 'invitation', {
    expiresAt: new Date(now.getTime() + FIRST_ADMIN_TOKEN_DAYS * 86_400_000),
  });
  return { admin: (await staff.getStaff(account.id)) ?? account, token };
}

/** `underAdmin` for a write: a taken login id is refused naming `admin.loginId`. */
async function underAdminAsync<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    return underAdmin(() => {
      throw error;
    });
  }
}

/**
 * Onboarding over a register and a staff directory that share no transaction (memory): the register
 * step first, then the account. Everything that can be refused for a reason of the request is checked
 * before anything is written (a login id already taken is the one exception, found on writing).
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
      const credential = await firstCredential(staff, agency, admin, clock(), (account, password) =>
        staff.setPassword(account.id, password, { temporary: false }),
      );
      return { agency, invitation, ...credential };
    },
  };
}
