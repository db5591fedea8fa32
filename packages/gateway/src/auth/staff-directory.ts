import { createHash, randomBytes } from 'node:crypto';
import type { Actor, AgencyId, StaffId, StaffRole } from '@hikikomori-register/core';

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
}

export interface IssueTokenOptions {
  /** When the token stops working; null or omitted for no expiry. */
  readonly expiresAt?: Date | null;
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
