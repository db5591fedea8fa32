import { describe, expect, it } from 'vitest';
import { InMemoryStaffDirectory } from './in-memory-staff-directory.ts';
import { describeStaffCredentials } from './staff-credentials.contract.ts';
import { hashToken, looksLikeToken } from './staff-directory.ts';

/** Everything the directory holds, Maps included, as one string. */
function dump(value: unknown): string {
  return JSON.stringify(value, (_key, v) => (v instanceof Map ? [...v.entries()] : v));
}

describeStaffCredentials('memory', async () => {
  const { staff, advance, now } = directory();
  return { staff, advance, now, stored: async () => dump(staff) };
});

function directory(start = '2025-04-01T00:00:00Z') {
  let now = new Date(start);
  const staff = new InMemoryStaffDirectory({ clock: () => now });
  return {
    staff,
    now: () => now,
    advance: (ms: number) => {
      now = new Date(now.getTime() + ms);
    },
  };
}

describe('InMemoryStaffDirectory', () => {
  it('issues an hkr_ token once and authenticates it as the staff member', async () => {
    const { staff } = directory();
    const account = await staff.createStaff({ agencyId: 'a1', displayName: '佐藤', role: 'staff' });
    const issued = await staff.issueToken(account.id, 'laptop');
    expect(issued.token).toMatch(/^hkr_[A-Za-z0-9_-]{43}$/);
    expect(looksLikeToken(issued.token)).toBe(true);
    expect(JSON.stringify(issued.info)).not.toContain(issued.token);
    expect(JSON.stringify(issued.info)).not.toContain(hashToken(issued.token));
    expect(await staff.authenticate(issued.token)).toEqual({
      staffId: account.id,
      agencyId: 'a1',
      role: 'staff',
    });
  });

  it('stores only the sha256 hash: two tokens differ and each maps to its own hash', async () => {
    const { staff } = directory();
    const a = await staff.createStaff({ agencyId: 'a1', displayName: 'A', role: 'staff' });
    const t1 = await staff.issueToken(a.id, 'one');
    const t2 = await staff.issueToken(a.id, 'two');
    expect(t1.token).not.toBe(t2.token);
    expect(hashToken(t1.token)).toMatch(/^[0-9a-f]{64}$/);
    expect(await staff.listTokens(a.id)).toHaveLength(2);
  });

  it('records lastUsedAt on use', async () => {
    const { staff, advance } = directory();
    const a = await staff.createStaff({ agencyId: 'a1', displayName: 'A', role: 'staff' });
    const { token, info } = await staff.issueToken(a.id, 'x');
    expect(info.lastUsedAt).toBeNull();
    advance(60_000);
    await staff.authenticate(token);
    const [listed] = await staff.listTokens(a.id);
    expect(listed?.lastUsedAt?.toISOString()).toBe('2025-04-01T00:01:00.000Z');
  });

  it('refuses unknown, malformed, revoked and expired tokens and inactive staff', async () => {
    const { staff, advance } = directory();
    const a = await staff.createStaff({ agencyId: 'a1', displayName: 'A', role: 'staff' });
    expect(await staff.authenticate('nonsense')).toBeNull();
    expect(await staff.authenticate(`hkr_${'A'.repeat(43)}`)).toBeNull();

    const revoked = await staff.issueToken(a.id, 'r');
    const first = await staff.revokeToken(revoked.info.id);
    expect(first?.revokedAt).not.toBeNull();
    advance(1000);
    expect((await staff.revokeToken(revoked.info.id))?.revokedAt).toEqual(first?.revokedAt);
    expect(await staff.authenticate(revoked.token)).toBeNull();
    expect(await staff.revokeToken('missing')).toBeNull();

    const expiring = await staff.issueToken(a.id, 'e', { expiresAt: new Date('2025-04-01T01:00:00Z') });
    expect(await staff.authenticate(expiring.token)).not.toBeNull();
    advance(60 * 60 * 1000);
    expect(await staff.authenticate(expiring.token)).toBeNull();

    const live = await staff.issueToken(a.id, 'l');
    await staff.deactivateStaff(a.id);
    expect(await staff.authenticate(live.token)).toBeNull();
  });

  it('lists an agency’s staff only, and refuses tokens for unknown staff', async () => {
    const { staff } = directory();
    await staff.createStaff({ agencyId: 'a1', displayName: 'B', role: 'staff' });
    await staff.createStaff({ agencyId: 'a1', displayName: 'A', role: 'auditor' });
    await staff.createStaff({ agencyId: 'a2', displayName: 'C', role: 'staff' });
    expect((await staff.listStaff('a1')).map((s) => s.displayName)).toEqual(['A', 'B']);
    await expect(staff.issueToken('nobody', 'x')).rejects.toThrow();
    await expect(staff.createStaff({ agencyId: 'a1', displayName: ' ', role: 'staff' })).rejects.toThrow();
  });
});
