import { randomUUID } from 'node:crypto';
import type { Actor, StaffRole } from '@hikikomori-register/core';
import { createStaffInputSchema, tokenLabelSchema } from '../../auth/in-memory-staff-directory.ts';
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
} from '../../auth/passwords.ts';
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
} from '../../auth/staff-directory.ts';
import type { Database } from '../database.ts';
import type * as Row from '../generated/sqlite/client.ts';

/** `lastUsedAt` is refreshed at most this often, so that reading does not mean a write per request. */
const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * A verified API token is trusted this long without asking the database again: a request then costs
 * no token statements. Revoking a token or deactivating its staff member through any directory of
 * this process forgets every verified token at once; another process sees it within this time.
 */
const VERIFIED_TOKEN_TTL_MS = 5_000;
const VERIFIED_TOKEN_LIMIT = 10_000;
const verifiedTokens = new Map<
  string,
  { readonly actor: Actor; readonly until: number; readonly expiresAt: number | null }
>();

const accountFromRow = (r: Row.StaffAccount): StaffAccount => ({
  id: r.id,
  agencyId: r.agencyId,
  displayName: r.displayName,
  role: r.role as StaffRole,
  active: r.active,
  loginId: r.loginId,
  hasPassword: r.passwordHash !== null,
  mustChangePassword: r.mustChangePassword,
});

const tokenFromRow = (r: Row.ApiToken): ApiTokenInfo => ({
  id: r.id,
  staffId: r.staffId,
  label: r.label,
  createdAt: r.createdAt,
  expiresAt: r.expiresAt,
  lastUsedAt: r.lastUsedAt,
  revokedAt: r.revokedAt,
});

/** Staff accounts and API tokens in the register's database (`StaffAccount`, `ApiToken`). */
export class PrismaStaffDirectory implements StaffDirectory {
  private readonly clock: () => Date;
  private readonly sessionPolicy: SessionPolicy;

  /** On the database, or on the client of a transaction already open (`{ prisma: tx }`). */
  constructor(
    private readonly database: Pick<Database, 'prisma'>,
    options: { clock?: () => Date; sessions?: Partial<SessionPolicy> } = {},
  ) {
    this.clock = options.clock ?? (() => new Date());
    this.sessionPolicy = { ...DEFAULT_SESSION_POLICY, ...options.sessions };
  }

  private get db() {
    return this.database.prisma;
  }

  async createStaff(input: CreateStaffInput): Promise<StaffAccount> {
    const parsed = createStaffInputSchema.parse(input);
    if (!(await this.db.agency.findUnique({ where: { id: parsed.agencyId }, select: { id: true } })))
      throw new Error(`agency ${parsed.agencyId} not found`);
    if (parsed.loginId && (await this.db.staffAccount.findUnique({ where: { loginId: parsed.loginId } })))
      throw loginIdTaken();
    const now = this.clock();
    const row = await this.db.staffAccount.create({
      data: { id: randomUUID(), ...parsed, active: true, createdAt: now, updatedAt: now },
    });
    return accountFromRow(row);
  }

  private async account(staffId: string): Promise<Row.StaffAccount> {
    const row = await this.db.staffAccount.findUnique({ where: { id: staffId } });
    if (!row) throw new Error(`staff ${staffId} not found`);
    return row;
  }

  async setLoginId(staffId: string, loginId: string): Promise<StaffAccount> {
    await this.account(staffId);
    const parsed = parseLoginId(loginId);
    const holder = await this.db.staffAccount.findUnique({
      where: { loginId: parsed },
      select: { id: true },
    });
    if (holder && holder.id !== staffId) throw loginIdTaken();
    // The unique index settles a race between two admins giving out the same id at once.
    try {
      return accountFromRow(
        await this.db.staffAccount.update({
          where: { id: staffId },
          data: { loginId: parsed, updatedAt: this.clock() },
        }),
      );
    } catch (error) {
      if ((error as { code?: string }).code === 'P2002') throw loginIdTaken();
      throw error;
    }
  }

  async setPassword(
    staffId: string,
    password: string | PrehashedPassword,
    options: SetPasswordOptions,
  ): Promise<void> {
    const account = await this.account(staffId);
    assertPasswordAllowed(plainPassword(password), account.loginId);
    const passwordHash = await passwordHashOf(password);
    const now = this.clock();
    await this.db.$transaction([
      this.db.staffAccount.update({
        where: { id: staffId },
        data: { passwordHash, passwordChangedAt: now, mustChangePassword: options.temporary, updatedAt: now },
      }),
      this.db.staffSession.updateMany({ where: { staffId, endedAt: null }, data: { endedAt: now } }),
    ]);
  }

  async verifyPassword(staffId: string, password: string): Promise<boolean> {
    const row = await this.db.staffAccount.findUnique({
      where: { id: staffId },
      select: { passwordHash: true },
    });
    return row?.passwordHash ? verifyPassword(password, row.passwordHash) : false;
  }

  async signIn(loginId: string, password: string): Promise<StartedSession | null> {
    const parsed = loginIdSchema.safeParse(loginId);
    const row = parsed.success
      ? await this.db.staffAccount.findUnique({ where: { loginId: parsed.data } })
      : null;
    // Unknown accounts cost one scrypt too, so timing does not tell which login ids exist.
    const matches = await verifyPassword(password, row?.passwordHash ?? UNKNOWN_ACCOUNT_HASH);
    if (!row?.passwordHash || !matches || !row.active) return null;
    const now = this.clock();
    const token = generateSessionToken();
    const expiresAt = new Date(now.getTime() + this.sessionPolicy.maxAgeMs);
    await this.db.staffSession.create({
      data: {
        id: randomUUID(),
        staffId: row.id,
        tokenHash: hashToken(token),
        createdAt: now,
        expiresAt,
        lastSeenAt: now,
      },
    });
    return { token, ...staffSessionOf(accountFromRow(row), expiresAt) };
  }

  async authenticateSession(token: string): Promise<StaffSession | null> {
    if (!looksLikeSessionToken(token)) return null;
    const row = await this.db.staffSession.findUnique({
      where: { tokenHash: hashToken(token) },
      include: { staff: true },
    });
    const now = this.clock();
    if (!row || !sessionIsLive(row, now, this.sessionPolicy) || !row.staff.active) return null;
    if (now.getTime() - row.lastSeenAt.getTime() >= SESSION_TOUCH_RESOLUTION_MS)
      await this.db.staffSession.update({ where: { id: row.id }, data: { lastSeenAt: now } });
    return staffSessionOf(accountFromRow(row.staff), row.expiresAt);
  }

  async endSession(token: string): Promise<void> {
    if (!looksLikeSessionToken(token)) return;
    await this.db.staffSession.updateMany({
      where: { tokenHash: hashToken(token), endedAt: null },
      data: { endedAt: this.clock() },
    });
  }

  async getStaff(id: string): Promise<StaffAccount | null> {
    const row = await this.db.staffAccount.findUnique({ where: { id } });
    return row ? accountFromRow(row) : null;
  }

  async listStaff(agencyId: string): Promise<readonly StaffAccount[]> {
    return (
      await this.db.staffAccount.findMany({
        where: { agencyId },
        orderBy: [{ displayName: 'asc' }, { id: 'asc' }],
      })
    ).map(accountFromRow);
  }

  /** Marks a staff member inactive (moved on): their tokens stop working. */
  async deactivateStaff(id: string): Promise<void> {
    verifiedTokens.clear();
    await this.db.staffAccount.updateMany({
      where: { id },
      data: { active: false, updatedAt: this.clock() },
    });
  }

  async issueToken(staffId: string, label: string, options: IssueTokenOptions = {}): Promise<IssuedToken> {
    if (!(await this.db.staffAccount.findUnique({ where: { id: staffId }, select: { id: true } })))
      throw new Error(`staff ${staffId} not found`);
    const token = generateToken();
    const row = await this.db.apiToken.create({
      data: {
        id: randomUUID(),
        staffId,
        tokenHash: hashToken(token),
        label: tokenLabelSchema.parse(label),
        createdAt: this.clock(),
        expiresAt: tokenExpiry(options, this.clock()),
      },
    });
    return { token, info: tokenFromRow(row) };
  }

  async authenticate(token: string): Promise<Actor | null> {
    if (!looksLikeToken(token)) return null;
    const tokenHash = hashToken(token);
    const now = this.clock();
    const verified = verifiedTokens.get(tokenHash);
    if (
      verified &&
      now.getTime() < verified.until &&
      (verified.expiresAt === null || now.getTime() < verified.expiresAt)
    )
      return verified.actor;
    const row = await this.db.apiToken.findUnique({ where: { tokenHash }, include: { staff: true } });
    if (!row || row.revokedAt) return null;
    if (row.expiresAt && row.expiresAt.getTime() <= now.getTime()) return null;
    if (!row.staff.active) return null;
    if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS)
      await this.db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: now } });
    const actor = { staffId: row.staff.id, agencyId: row.staff.agencyId, role: row.staff.role as StaffRole };
    if (verifiedTokens.size >= VERIFIED_TOKEN_LIMIT) verifiedTokens.clear();
    verifiedTokens.set(tokenHash, {
      actor,
      until: now.getTime() + VERIFIED_TOKEN_TTL_MS,
      expiresAt: row.expiresAt?.getTime() ?? null,
    });
    return actor;
  }

  async listTokens(staffId: string): Promise<readonly ApiTokenInfo[]> {
    return (
      await this.db.apiToken.findMany({
        where: { staffId },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      })
    ).map(tokenFromRow);
  }

  async revokeToken(tokenId: string): Promise<ApiTokenInfo | null> {
    verifiedTokens.clear();
    await this.db.apiToken.updateMany({
      where: { id: tokenId, revokedAt: null },
      data: { revokedAt: this.clock() },
    });
    const row = await this.db.apiToken.findUnique({ where: { id: tokenId } });
    return row ? tokenFromRow(row) : null;
  }
}
