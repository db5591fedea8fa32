import { randomUUID } from 'node:crypto';
import { type Actor, staffRoleSchema, text } from '@hikikomori-register/core';
import { z } from 'zod';
import {
  assertPasswordAllowed,
  loginIdSchema,
  loginIdTaken,
  type PrehashedPassword,
  parseLoginId,
  passwordHashOf,
  plainPassword,
  UNKNOWN_ACCOUNT_HASH,
  verifyPassword,
} from './passwords.ts';
import {
  type ApiTokenInfo,
  type CreateStaffInput,
  DEFAULT_SESSION_POLICY,
  generateSessionToken,
  generateToken,
  hashToken,
  type IssuedToken,
  type IssueTokenOptions,
  looksLikeSessionToken,
  looksLikeToken,
  SESSION_TOUCH_RESOLUTION_MS,
  type SessionPolicy,
  type SetPasswordOptions,
  type StaffAccount,
  type StaffDirectory,
  type StaffSession,
  type StartedSession,
  sessionIsLive,
  staffSessionOf,
  tokenExpiry,
} from './staff-directory.ts';

export const createStaffInputSchema = z.object({
  agencyId: text('id'),
  displayName: text('personName'),
  role: staffRoleSchema,
  loginId: loginIdSchema.nullish().transform((v) => v ?? null),
});

export const tokenLabelSchema = text('name');

interface StoredToken extends ApiTokenInfo {
  readonly tokenHash: string;
}

interface StoredSession {
  readonly staffId: string;
  readonly expiresAt: Date;
  readonly lastSeenAt: Date;
  readonly endedAt: Date | null;
}

export interface InMemoryStaffDirectoryOptions {
  readonly clock?: () => Date;
  readonly newId?: () => string;
  readonly sessions?: Partial<SessionPolicy>;
}

/** Staff and tokens in memory: for tests, examples and embedding. */
export class InMemoryStaffDirectory implements StaffDirectory {
  private readonly staff = new Map<string, StaffAccount>();
  private readonly tokens = new Map<string, StoredToken>();
  private readonly byHash = new Map<string, string>();
  private readonly passwords = new Map<string, string>();
  private readonly sessions = new Map<string, StoredSession>();
  private readonly clock: () => Date;
  private readonly newId: () => string;
  private readonly sessionPolicy: SessionPolicy;

  constructor(options: InMemoryStaffDirectoryOptions = {}) {
    this.clock = options.clock ?? (() => new Date());
    this.newId = options.newId ?? randomUUID;
    this.sessionPolicy = { ...DEFAULT_SESSION_POLICY, ...options.sessions };
  }

  async createStaff(input: CreateStaffInput): Promise<StaffAccount> {
    const parsed = createStaffInputSchema.parse(input);
    if (parsed.loginId && this.byLoginId(parsed.loginId)) throw loginIdTaken();
    const account: StaffAccount = {
      id: this.newId(),
      ...parsed,
      active: true,
      hasPassword: false,
      mustChangePassword: false,
    };
    this.staff.set(account.id, account);
    return account;
  }

  private byLoginId(loginId: string): StaffAccount | undefined {
    return [...this.staff.values()].find((s) => s.loginId === loginId);
  }

  private account(staffId: string): StaffAccount {
    const account = this.staff.get(staffId);
    if (!account) throw new Error(`staff ${staffId} not found`);
    return account;
  }

  async setLoginId(staffId: string, loginId: string): Promise<StaffAccount> {
    const account = this.account(staffId);
    const parsed = parseLoginId(loginId);
    const holder = this.byLoginId(parsed);
    if (holder && holder.id !== staffId) throw loginIdTaken();
    const next = { ...account, loginId: parsed };
    this.staff.set(staffId, next);
    return next;
  }

  async setPassword(
    staffId: string,
    password: string | PrehashedPassword,
    options: SetPasswordOptions,
  ): Promise<void> {
    const account = this.account(staffId);
    assertPasswordAllowed(plainPassword(password), account.loginId);
    this.passwords.set(staffId, await passwordHashOf(password));
    this.staff.set(staffId, { ...account, hasPassword: true, mustChangePassword: options.temporary });
    const now = this.clock();
    for (const [hash, session] of this.sessions)
      if (session.staffId === staffId && !session.endedAt)
        this.sessions.set(hash, { ...session, endedAt: now });
  }

  async verifyPassword(staffId: string, password: string): Promise<boolean> {
    const stored = this.passwords.get(staffId);
    return stored ? verifyPassword(password, stored) : false;
  }

  async signIn(loginId: string, password: string): Promise<StartedSession | null> {
    const parsed = loginIdSchema.safeParse(loginId);
    const account = parsed.success ? this.byLoginId(parsed.data) : undefined;
    const stored = account ? this.passwords.get(account.id) : undefined;
    // Unknown accounts cost one scrypt too, so timing does not tell which login ids exist.
    const matches = await verifyPassword(password, stored ?? UNKNOWN_ACCOUNT_HASH);
    if (!account || !stored || !matches || !account.active) return null;
    const now = this.clock();
    const token = generateSessionToken();
    const session: StoredSession = {
      staffId: account.id,
      expiresAt: new Date(now.getTime() + this.sessionPolicy.maxAgeMs),
      lastSeenAt: now,
      endedAt: null,
    };
    this.sessions.set(hashToken(token), session);
    return { token, ...staffSessionOf(account, session.expiresAt) };
  }

  async authenticateSession(token: string): Promise<StaffSession | null> {
    if (!looksLikeSessionToken(token)) return null;
    const hash = hashToken(token);
    const session = this.sessions.get(hash);
    const now = this.clock();
    if (!session || !sessionIsLive(session, now, this.sessionPolicy)) return null;
    const account = this.staff.get(session.staffId);
    if (!account?.active) return null;
    if (now.getTime() - session.lastSeenAt.getTime() >= SESSION_TOUCH_RESOLUTION_MS)
      this.sessions.set(hash, { ...session, lastSeenAt: now });
    return staffSessionOf(account, session.expiresAt);
  }

  async endSession(token: string): Promise<void> {
    const hash = hashToken(token);
    const session = this.sessions.get(hash);
    if (session && !session.endedAt) this.sessions.set(hash, { ...session, endedAt: this.clock() });
  }

  async getStaff(id: string): Promise<StaffAccount | null> {
    return this.staff.get(id) ?? null;
  }

  async listStaff(agencyId: string): Promise<readonly StaffAccount[]> {
    return [...this.staff.values()]
      .filter((s) => s.agencyId === agencyId)
      .sort((a, b) => a.displayName.localeCompare(b.displayName) || (a.id < b.id ? -1 : 1));
  }

  /** Marks a staff member inactive (moved on): their tokens stop working. */
  async deactivateStaff(id: string): Promise<void> {
    const account = this.staff.get(id);
    if (account) this.staff.set(id, { ...account, active: false });
  }

  async issueToken(staffId: string, label: string, options: IssueTokenOptions = {}): Promise<IssuedToken> {
    if (!this.staff.has(staffId)) throw new Error(`staff ${staffId} not found`);
    const token = generateToken();
    const stored: StoredToken = {
      id: this.newId(),
      staffId,
      label: tokenLabelSchema.parse(label),
      createdAt: this.clock(),
      expiresAt: tokenExpiry(options, this.clock()),
      lastUsedAt: null,
      revokedAt: null,
      tokenHash: hashToken(token),
    };
    this.tokens.set(stored.id, stored);
    this.byHash.set(stored.tokenHash, stored.id);
    return { token, info: info(stored) };
  }

  async authenticate(token: string): Promise<Actor | null> {
    if (!looksLikeToken(token)) return null;
    const id = this.byHash.get(hashToken(token));
    const stored = id ? this.tokens.get(id) : undefined;
    if (!stored || stored.revokedAt) return null;
    const now = this.clock();
    if (stored.expiresAt && stored.expiresAt.getTime() <= now.getTime()) return null;
    const account = this.staff.get(stored.staffId);
    if (!account?.active) return null;
    this.tokens.set(stored.id, { ...stored, lastUsedAt: now });
    return { staffId: account.id, agencyId: account.agencyId, role: account.role };
  }

  async listTokens(staffId: string): Promise<readonly ApiTokenInfo[]> {
    return [...this.tokens.values()]
      .filter((t) => t.staffId === staffId)
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1))
      .map(info);
  }

  async revokeToken(tokenId: string): Promise<ApiTokenInfo | null> {
    const stored = this.tokens.get(tokenId);
    if (!stored) return null;
    const next = stored.revokedAt ? stored : { ...stored, revokedAt: this.clock() };
    this.tokens.set(tokenId, next);
    return info(next);
  }
}

function info({ tokenHash: _hash, ...rest }: StoredToken): ApiTokenInfo {
  return rest;
}
