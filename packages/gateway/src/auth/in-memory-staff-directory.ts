import { randomUUID } from 'node:crypto';
import { type Actor, staffRoleSchema } from '@hikikomori-register/core';
import { z } from 'zod';
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
} from './staff-directory.ts';

export const createStaffInputSchema = z.object({
  agencyId: z.string().trim().min(1).max(200),
  displayName: z.string().trim().min(1).max(100),
  role: staffRoleSchema,
});

export const tokenLabelSchema = z.string().trim().min(1).max(100);

interface StoredToken extends ApiTokenInfo {
  readonly tokenHash: string;
}

export interface InMemoryStaffDirectoryOptions {
  readonly clock?: () => Date;
  readonly newId?: () => string;
}

/** Staff and tokens in memory: for tests, examples and embedding. */
export class InMemoryStaffDirectory implements StaffDirectory {
  private readonly staff = new Map<string, StaffAccount>();
  private readonly tokens = new Map<string, StoredToken>();
  private readonly byHash = new Map<string, string>();
  private readonly clock: () => Date;
  private readonly newId: () => string;

  constructor(options: InMemoryStaffDirectoryOptions = {}) {
    this.clock = options.clock ?? (() => new Date());
    this.newId = options.newId ?? randomUUID;
  }

  async createStaff(input: CreateStaffInput): Promise<StaffAccount> {
    const parsed = createStaffInputSchema.parse(input);
    const account: StaffAccount = { id: this.newId(), ...parsed, active: true };
    this.staff.set(account.id, account);
    return account;
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
      expiresAt: options.expiresAt ?? null,
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
