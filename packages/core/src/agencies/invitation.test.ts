import { describe, expect, it } from 'vitest';
import type { Actor } from '../shared/actor.ts';
import { invitationStatus, issueInvitation, redeemInvitation, revokeInvitation } from './invitation.ts';

const admin: Actor = { staffId: 'admin', agencyId: 'centre', role: 'agencyAdmin' };
const now = new Date('2025-04-01T00:00:00Z');
const later = (days: number) => new Date(now.getTime() + days * 86_400_000);
const hash = 'a'.repeat(64);

describe('agency invitations', () => {
  it('expires after the days given (default 7), and is pending until then', () => {
    const inv = issueInvitation('i1', hash, { label: ' 架空の会 ' }, { actor: admin, now });
    expect(inv).toMatchObject({ label: '架空の会', issuedBy: admin, version: 1 });
    expect(inv.expiresAt).toEqual(later(7));
    expect(invitationStatus(inv, later(6.9))).toBe('pending');
    expect(invitationStatus(inv, later(7))).toBe('expired');
    expect(() =>
      issueInvitation('i2', hash, { label: 'x', expiresInDays: 31 }, { actor: admin, now }),
    ).toThrow(expect.objectContaining({ field: 'expiresInDays', rule: 'too_big' }));
    expect(() => issueInvitation('i3', 'plain-secret', { label: 'x' }, { actor: admin, now })).toThrow(
      expect.objectContaining({ rule: 'token_hash_sha256' }),
    );
  });

  it('is used once; a used, revoked or expired one is refused with its own rule', () => {
    const inv = issueInvitation('i1', hash, { label: 'x', expiresInDays: 1 }, { actor: admin, now });
    const used = redeemInvitation(inv, 'npo', later(0.5));
    expect(used).toMatchObject({ agencyId: 'npo', redeemedAt: later(0.5), version: 2 });
    expect(() => redeemInvitation(used, 'npo2', later(0.6))).toThrow(
      expect.objectContaining({
        field: 'token',
        rule: 'invitation_not_redeemed',
      }),
    );
    expect(() => redeemInvitation(inv, 'npo', later(1))).toThrow(
      expect.objectContaining({
        rule: 'invitation_not_expired',
      }),
    );
    const revoked = revokeInvitation(inv, admin, later(0.1));
    expect(revoked).toMatchObject({ revokedBy: 'admin', version: 2 });
    expect(() => redeemInvitation(revoked, 'npo', later(0.2))).toThrow(
      expect.objectContaining({
        rule: 'invitation_not_revoked',
      }),
    );
    expect(() => revokeInvitation(used, admin, later(0.7))).toThrow(
      expect.objectContaining({
        rule: 'invitation_not_redeemed',
      }),
    );
  });
});
