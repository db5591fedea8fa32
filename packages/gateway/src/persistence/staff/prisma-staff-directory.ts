import { randomUUID } from 'node:crypto';
import type { Actor, StaffRole } from '@hikikomori-register/core';
import { createStaffInputSchema, tokenLabelSchema } from '../../auth/in-memory-staff-directory.ts';
import {
  type ApiTokenInfo,
  type CreateStaffInput,
  generateToken,
  hashToken,
  type IssuedToken,
  type IssueTokenOptions,
  looksLikeToken,
  type StaffAccount,
  type StaffDirectory,
} from '../../auth/staff-directory.ts';
import type { Database } from '../database.ts';
import type * as Row from '../generated/sqlite/client.ts';

/** `lastUsedAt` is refreshed at most this often, so that reading does not mean a write per request. */
const LAST_USED_RESOLUTION_MS = 60_000;

const accountFromRow = (r: Row.StaffAccount): StaffAccount => ({
  id: r.id,
  agencyId: r.agencyId,
  displayName: r.displayName,
  role: r.role as StaffRole,
  active: r.active,
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

  constructor(
    private readonly database: Database,
    options: { clock?: () => Date } = {},
  ) {
    this.clock = options.clock ?? (() => new Date());
  }

  private get db() {
    return this.database.prisma;
  }

  async createStaff(input: CreateStaffInput): Promise<StaffAccount> {
    const parsed = createStaffInputSchema.parse(input);
    if (!(await this.db.agency.findUnique({ where: { id: parsed.agencyId }, select: { id: true } })))
      throw new Error(`agency ${parsed.agencyId} not found`);
    const now = this.clock();
    const row = await this.db.staffAccount.create({
      data: { id: randomUUID(), ...parsed, active: true, createdAt: now, updatedAt: now },
    });
    return accountFromRow(row);
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
        expiresAt: options.expiresAt ?? null,
      },
    });
    return { token, info: tokenFromRow(row) };
  }

  async authenticate(token: string): Promise<Actor | null> {
    if (!looksLikeToken(token)) return null;
    const row = await this.db.apiToken.findUnique({
      where: { tokenHash: hashToken(token) },
      include: { staff: true },
    });
    if (!row || row.revokedAt) return null;
    const now = this.clock();
    if (row.expiresAt && row.expiresAt.getTime() <= now.getTime()) return null;
    if (!row.staff.active) return null;
    if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS)
      await this.db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: now } });
    return { staffId: row.staff.id, agencyId: row.staff.agencyId, role: row.staff.role as StaffRole };
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
    await this.db.apiToken.updateMany({
      where: { id: tokenId, revokedAt: null },
      data: { revokedAt: this.clock() },
    });
    const row = await this.db.apiToken.findUnique({ where: { id: tokenId } });
    return row ? tokenFromRow(row) : null;
  }
}
