import { createHash, randomBytes } from 'node:crypto';
import type { Actor, AgencyId, StaffId, StaffRole } from '@hikikomori-register/core';
import type { PrehashedPassword } from './passwords.ts';

/**
 * Staff accounts and their API tokens, as the gateway needs them: a small async port. The Prisma
 * implementation stores them in `StaffAccount` and `ApiToken`; `InMemoryStaffDirectory` keeps them in
 * memory for tests and embedding. Only a token's SHA-256 hash is ever stored; the plaintext is handed
 * out once by `issueToken` and never logged.
 */
export interface StaffAccount {
  readonly id: StaffId;
  readonly agencyId: AgencyId;
  readonly displayName: string;
  readonly role: StaffRole;
  /** Inactive staff (moved on, 人事異動) keep their history but cannot sign in. */
  readonly active: boolean;
  /** ログインID for the staff console; null when the account uses API tokens only. */
  readonly loginId: string | null;
  /** A console password is set. */
  readonly hasPassword: boolean;
  /** The password is a temporary one from an admin: the console asks for a new one first. */
  readonly mustChangePassword: boolean;
}

/** A token's metadata; never its hash or plaintext. */
export interface ApiTokenInfo {
  readonly id: string;
  readonly staffId: StaffId;
  readonly label: string;
  readonly createdAt: Date;
  readonly expiresAt: Date | null;
  readonly lastUsedAt: Date | null;
  readonly revokedAt: Date | null;
}

export interface IssuedToken {
  /** The bearer token, `hkr_` + 32 random bytes in base64url. Shown once; only its hash is kept. */
  readonly token: string;
  readonly info: ApiTokenInfo;
}

export interface CreateStaffInput {
  readonly agencyId: AgencyId;
  readonly displayName: string;
  readonly role: StaffRole;
  /** ログインID for the console; unique in the register. */
  readonly loginId?: string | null;
}

/** A console session as the gateway sees it on each request. */
export interface StaffSession {
  readonly actor: Actor;
  /** The absolute end of the session. */
  readonly expiresAt: Date;
  /** Only `me` and `changeMyPassword` are answered until the temporary password is replaced. */
  readonly mustChangePassword: boolean;
}

export interface StartedSession extends StaffSession {
  /** The session token for the HttpOnly cookie (`hks_…`). Only its hash is stored. */
  readonly token: string;
}

export interface SetPasswordOptions {
  /** An admin's temporary password: the staff member must replace it at the next sign-in. */
  readonly temporary: boolean;
}

/** API tokens expire after 90 days unless told otherwise: a forgotten token does not work forever. */
export const DEFAULT_TOKEN_LIFETIME_MS = 90 * 86_400_000;
/** The furthest expiry the API gives a token: long-lived integrations rotate their token yearly. */
export const MAX_TOKEN_LIFETIME_MS = 366 * 86_400_000;

export interface IssueTokenOptions {
  /**
   * When the token stops working. Omitted: DEFAULT_TOKEN_LIFETIME_MS from now. null: never — only for
   * programs embedding the gateway; the API always sets an expiry.
   */
  readonly expiresAt?: Date | null;
}

/** The expiry a token is stored with. */
export function tokenExpiry(options: IssueTokenOptions, now: Date): Date | null {
  return options.expiresAt === undefined
    ? new Date(now.getTime() + DEFAULT_TOKEN_LIFETIME_MS)
    : options.expiresAt;
}

export interface StaffDirectory {
  createStaff(input: CreateStaffInput): Promise<StaffAccount>;
  getStaff(id: StaffId): Promise<StaffAccount | null>;
  /** The agency's staff, by display name then id. */
  listStaff(agencyId: AgencyId): Promise<readonly StaffAccount[]>;
  /** 人事異動・退職: the account keeps its history but can no longer sign in with any token. */
  deactivateStaff(id: StaffId): Promise<void>;
  /** Fails (rejects) when the staff account does not exist. */
  issueToken(staffId: StaffId, label: string, options?: IssueTokenOptions): Promise<IssuedToken>;
  /** The actor a token stands for, or null when unknown, revoked, expired or the staff is inactive. Records lastUsedAt. */
  authenticate(token: string): Promise<Actor | null>;
  /** The tokens of a staff member, newest first (metadata only). */
  listTokens(staffId: StaffId): Promise<readonly ApiTokenInfo[]>;
  /** Revokes a token; revoking twice keeps the first revocation time. Returns null for an unknown token. */
  revokeToken(tokenId: string): Promise<ApiTokenInfo | null>;

  /** Gives an account its console login id; refuses (ValidationError) a malformed or taken one. */
  setLoginId(staffId: StaffId, loginId: string): Promise<StaffAccount>;
  /**
   * Sets the console password (policy checked: ValidationError naming `password` and the rule) and
   * ends every session of the account, so a changed password locks out whoever knew the old one.
   * A `PrehashedPassword` brings its hash, computed while other work went on.
   */
  setPassword(
    staffId: StaffId,
    password: string | PrehashedPassword,
    options: SetPasswordOptions,
  ): Promise<void>;
  /** True when the password is the account's current one. */
  verifyPassword(staffId: StaffId, password: string): Promise<boolean>;
  /** A new session, or null: unknown login id, wrong password, no password set, or inactive account. */
  signIn(loginId: string, password: string): Promise<StartedSession | null>;
  /** The session a cookie stands for, or null when unknown, ended, idle too long, expired or inactive. */
  authenticateSession(token: string): Promise<StaffSession | null>;
  /** Signs out: the session token stops working at once. Unknown tokens are ignored. */
  endSession(token: string): Promise<void>;
}

/** How long console sessions last. */
export interface SessionPolicy {
  /** Signed out after this long without a request (default 30 minutes). */
  readonly idleTimeoutMs: number;
  /** Signed out this long after signing in, whatever the activity (default 12 hours: one working day). */
  readonly maxAgeMs: number;
}

export const DEFAULT_SESSION_POLICY: SessionPolicy = { idleTimeoutMs: 30 * 60_000, maxAgeMs: 12 * 3_600_000 };

/** A session is refreshed (lastSeenAt written) at most this often, so reading is not a write per request. */
export const SESSION_TOUCH_RESOLUTION_MS = 60_000;

export function staffSessionOf(
  account: Pick<StaffAccount, 'id' | 'agencyId' | 'role' | 'mustChangePassword'>,
  expiresAt: Date,
): StaffSession {
  return {
    actor: { staffId: account.id, agencyId: account.agencyId, role: account.role },
    expiresAt,
    mustChangePassword: account.mustChangePassword,
  };
}

/** Whether a stored session still stands at `now`. */
export function sessionIsLive(
  session: { readonly expiresAt: Date; readonly lastSeenAt: Date; readonly endedAt: Date | null },
  now: Date,
  policy: SessionPolicy,
): boolean {
  return (
    session.endedAt === null &&
    now.getTime() < session.expiresAt.getTime() &&
    now.getTime() - session.lastSeenAt.getTime() < policy.idleTimeoutMs
  );
}

export const TOKEN_PREFIX = 'hkr_';
const TOKEN_RE = /^hkr_[A-Za-z0-9_-]{43}$/;

/** A fresh bearer token: the prefix makes leaked tokens easy to spot by secret scanners. */
export function generateToken(): string {
  return TOKEN_PREFIX + randomBytes(32).toString('base64url');
}

/** The stored form of a token: lowercase hex SHA-256 of the whole token string. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Cheap shape check before any lookup, so junk never reaches the store. */
export function looksLikeToken(token: string): boolean {
  return TOKEN_RE.test(token);
}

export const SESSION_TOKEN_PREFIX = 'hks_';
const SESSION_TOKEN_RE = /^hks_[A-Za-z0-9_-]{43}$/;

/** A fresh console session token; hashed like API tokens (`hashToken`) before it is stored. */
export function generateSessionToken(): string {
  return SESSION_TOKEN_PREFIX + randomBytes(32).toString('base64url');
}

export function looksLikeSessionToken(token: string): boolean {
  return SESSION_TOKEN_RE.test(token);
}
