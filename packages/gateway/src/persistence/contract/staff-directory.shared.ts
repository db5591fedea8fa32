import { createAgency } from '@hikikomori-register/core';
import { afterAll, describe, expect, it } from 'vitest';
import { describeStaffCredentials } from '../../auth/staff-credentials.contract.ts';
import { hashToken } from '../../auth/staff-directory.ts';
import { type Database, openDatabase } from '../database.ts';
import { PrismaStaffDirectory } from '../staff/prisma-staff-directory.ts';
import type { TestDatabaseProvider } from '../testing/test-databases.ts';
import { PrismaUnitOfWork } from '../unit-of-work.ts';

/** Staff accounts and hashed API tokens in the database. */
export function describeStaffDirectoryOnDatabase(databases: TestDatabaseProvider): void {
  const open: Database[] = [];
  afterAll(async () => {
    for (const db of open.splice(0)) await db.close();
    await databases.dropAll();
  });

  async function setUp() {
    const db = await openDatabase(await databases.create());
    open.push(db);
    await new PrismaUnitOfWork(db).transaction((r) =>
      r.agencies.insert(
        createAgency('agency-1', { kind: 'helloWork', name: '架空ハローワーク', municipalityCode: '242012' }),
      ),
    );
    let now = new Date('2025-04-01T00:00:00Z');
    const staff = new PrismaStaffDirectory(db, { clock: () => now });
    return {
      db,
      staff,
      now: () => now,
      advance: (ms: number) => {
        now = new Date(now.getTime() + ms);
      },
    };
  }

  describeStaffCredentials(databases.name, async () => {
    const { db, ...rest } = await setUp();
    const stored = async () =>
      JSON.stringify([
        await db.prisma.staffAccount.findMany(),
        await db.prisma.staffSession.findMany(),
        await db.prisma.apiToken.findMany(),
      ]);
    return { ...rest, stored };
  });

  describe(`staff directory (${databases.name})`, () => {
    it('stores only the hash of a token and authenticates it as the staff member', async () => {
      const { db, staff } = await setUp();
      const account = await staff.createStaff({
        agencyId: 'agency-1',
        displayName: '架空 職員',
        role: 'supervisor',
      });
      const issued = await staff.issueToken(account.id, 'laptop');
      const stored = await db.prisma.apiToken.findMany();
      expect(stored.map((t) => t.tokenHash)).toEqual([hashToken(issued.token)]);
      expect(JSON.stringify(stored)).not.toContain(issued.token);
      expect(await staff.authenticate(issued.token)).toEqual({
        staffId: account.id,
        agencyId: 'agency-1',
        role: 'supervisor',
      });
    });

    it('refuses revoked and expired tokens and inactive staff, and records lastUsedAt', async () => {
      const { staff, advance } = await setUp();
      const account = await staff.createStaff({
        agencyId: 'agency-1',
        displayName: '架空 職員',
        role: 'staff',
      });
      const revoked = await staff.issueToken(account.id, 'old');
      await staff.revokeToken(revoked.info.id);
      expect(await staff.authenticate(revoked.token)).toBeNull();
      const expiring = await staff.issueToken(account.id, 'short', {
        expiresAt: new Date('2025-04-01T01:00:00Z'),
      });
      expect(await staff.authenticate(expiring.token)).not.toBeNull();
      expect(
        (await staff.listTokens(account.id)).find((t) => t.id === expiring.info.id)?.lastUsedAt,
      ).not.toBeNull();
      advance(3_600_000);
      expect(await staff.authenticate(expiring.token)).toBeNull();
      const current = await staff.issueToken(account.id, 'current');
      await staff.deactivateStaff(account.id);
      expect(await staff.authenticate(current.token)).toBeNull();
    });

    it('refuses staff for an unknown agency and tokens for unknown staff', async () => {
      const { staff } = await setUp();
      await expect(staff.createStaff({ agencyId: 'nope', displayName: 'x', role: 'staff' })).rejects.toThrow(
        'agency nope not found',
      );
      await expect(staff.issueToken('nobody', 'x')).rejects.toThrow('staff nobody not found');
      expect(await staff.authenticate('hkr_not-a-real-token')).toBeNull();
    });
  });
}
