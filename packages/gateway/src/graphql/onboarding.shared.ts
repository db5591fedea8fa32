import { afterAll, describe, expect, it } from 'vitest';
import { bootstrapFirstAdmin } from '../server/bootstrap.ts';
import { backendName, type Harness, type HarnessBackend, harness, ok } from '../server/test-harness.ts';

const ISSUE = `mutation($input: IssueAgencyInvitationInput!) {
  issueAgencyInvitation(input: $input) { invitation { id status expiresAt } token userErrors { code field rule message } }
}`;
const REDEEM = `mutation Redeem($input: RedeemAgencyInvitationInput!) {
  redeemAgencyInvitation(input: $input) {
    agency { id name networkCoordinator }
    admin { id displayName role }
    token
    tokenExpiresAt
    userErrors { code field rule message }
  }
}`;

interface RedeemPayload {
  agency: { id: string; name: string; networkCoordinator: boolean } | null;
  admin: { id: string; displayName: string; role: string } | null;
  token: string | null;
  tokenExpiresAt: string | null;
  userErrors: { code: string; field: string[] | null; rule: string | null }[];
}

/**
 * Network onboarding through GraphQL: the network administrator invites, the invitee redeems without
 * any token and gets a working admin token; every refusal is a typed user error and writes nothing.
 */
export function describeOnboarding(backend: HarnessBackend): void {
  describe(`network onboarding through GraphQL on ${backendName(backend)}`, () => {
    afterAll(async () => {
      if (backend !== 'memory') await backend.dropAll();
    });

    async function networkAdmin(h: Harness) {
      const { agency, token } = await bootstrapFirstAdmin({
        register: h.register,
        staff: h.staff,
        agency: {
          kind: 'hikikomoriRegionalCentre',
          name: '架空県ひきこもり地域支援センター',
          municipalityCode: '242012',
        },
        adminName: '架空 管理者',
      });
      const issue = async (expiresInDays?: number) =>
        ok<{ invitation: { id: string; status: string }; token: string }>(
          (await h.gql(token, ISSUE, {
            input: { label: '架空の居場所の会 ご担当様', expiresInDays },
          })) as never,
          'issueAgencyInvitation',
        );
      return { centre: agency, adminToken: token, issue };
    }

    const redeem = async (h: Harness, input: Record<string, unknown>, bearer: string | null = null) => {
      const r = await h.gql<{ redeemAgencyInvitation: RedeemPayload }>(bearer, REDEEM, { input });
      expect(r.errors).toBeUndefined();
      return r.data?.redeemAgencyInvitation as RedeemPayload;
    };
    const agencyInput = (name: string) => ({
      kind: 'PRIVATE_SUPPORT_ORGANISATION',
      name,
      municipalityCode: '242012',
    });

    it('registers the agency and its first admin without a token, once, and the admin’s token works', async () => {
      const h = await harness({ today: '2025-04-01', backend });
      try {
        const { adminToken, issue } = await networkAdmin(h);
        const { invitation, token } = await issue();
        expect(token).toMatch(/^hki_[A-Za-z0-9_-]{43}$/);
        expect(invitation.status).toBe('PENDING');

        const done = await redeem(h, {
          token,
          agency: agencyInput('特定非営利活動法人 架空の居場所の会'),
          admin: { displayName: '架空 代表', loginId: 'ibasho.daihyo', password: 'よるのいばしょ2025春' },
        });
        expect(done.userErrors).toEqual([]);
        expect(done).toMatchObject({
          agency: { name: '特定非営利活動法人 架空の居場所の会', networkCoordinator: false },
          admin: { displayName: '架空 代表', role: 'AGENCY_ADMIN' },
        });
        expect(new Date(done.tokenExpiresAt as string).getTime()).toBe(
          Date.parse('2025-04-01T03:00:00Z') + 30 * 86_400_000,
        );
        const me = await h.gql<{ me: { role: string; agency: { id: string } } }>(
          done.token,
          '{ me { role agency { id } } }',
        );
        expect(me.data?.me).toEqual({ role: 'AGENCY_ADMIN', agency: { id: done.agency?.id } });
        // The new admin runs their agency: a caseworker account of their own.
        const staff = await h.gql(
          done.token,
          'mutation { createStaff(input: { displayName: "架空 相談員", role: STAFF }) { staffMember { id } userErrors { code } } }',
        );
        expect(ok(staff as never, 'createStaff')).toBeTruthy();

        // The admin signs in to the staff console with the password they chose, nothing to replace.
        const signIn = await h.request('/auth/sign-in', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ loginId: 'ibasho.daihyo', password: 'よるのいばしょ2025春' }),
        });
        expect(signIn.status).toBe(200);
        expect(await signIn.json()).toMatchObject({ role: 'agencyAdmin', mustChangePassword: false });

        const again = await redeem(h, {
          token,
          agency: agencyInput('架空の二番目の会'),
          admin: { displayName: 'x' },
        });
        expect(again.userErrors).toEqual([
          expect.objectContaining({
            code: 'PRECONDITION_FAILED',
            field: ['input', 'token'],
            rule: 'invitation_not_redeemed',
          }),
        ]);
        expect(again.agency).toBeNull();
        const listed = await h.gql<{
          agencyInvitations: { status: string; agency: { id: string } | null }[];
        }>(adminToken, '{ agencyInvitations { status agency { id } } }');
        expect(listed.data?.agencyInvitations).toEqual([
          { status: 'REDEEMED', agency: { id: done.agency?.id } },
        ]);
        // The redemption is audited under the new agency.
        const log = await h.gql<{ auditLog: { edges: { node: { operation: string } }[] } }>(
          done.token,
          '{ auditLog(first: 10) { edges { node { operation } } } }',
        );
        expect(log.data?.auditLog.edges.map((e) => e.node.operation)).toContain('agency.invitation.redeem');
      } finally {
        await h.close();
      }
    });

    it('refuses a lookalike name, an unknown, expired or revoked invitation, and writes nothing', async () => {
      const h = await harness({ today: '2025-04-01', backend });
      try {
        const { adminToken, issue } = await networkAdmin(h);
        const agenciesNow = async () =>
          (
            await h.gql<{ agencies: { edges: unknown[] } }>(
              adminToken,
              '{ agencies(first: 100) { edges { node { id } } } }',
            )
          ).data?.agencies.edges.length;
        const before = await agenciesNow();
        const { token } = await issue(1);
        const lookalike = await redeem(h, {
          token,
          agency: agencyInput('架空県　ひきこもり地域支援センター'),
          admin: { displayName: '架空 代表' },
        });
        expect(lookalike.userErrors).toEqual([
          expect.objectContaining({
            code: 'VALIDATION_FAILED',
            field: ['input', 'agency', 'name'],
            rule: 'agency_name_lookalike',
          }),
        ]);
        const noName = await redeem(h, {
          token,
          agency: agencyInput('架空の会'),
          admin: { displayName: ' ' },
        });
        expect(noName.userErrors).toEqual([
          expect.objectContaining({ code: 'VALIDATION_FAILED', field: ['input', 'admin', 'displayName'] }),
        ]);
        const weak = await redeem(h, {
          token,
          agency: agencyInput('架空の会'),
          admin: { displayName: '架空 代表', loginId: 'kakuu.daihyo', password: 'short' },
        });
        expect(weak.userErrors).toEqual([
          expect.objectContaining({ field: ['input', 'admin', 'password'], rule: 'password_min_length' }),
        ]);
        const loginOnly = await redeem(h, {
          token,
          agency: agencyInput('架空の会'),
          admin: { displayName: '架空 代表', loginId: 'kakuu.daihyo' },
        });
        expect(loginOnly.userErrors).toEqual([
          expect.objectContaining({ field: ['input', 'admin', 'password'], rule: 'password_with_login_id' }),
        ]);
        const unknown = await redeem(h, {
          token: `hki_${'A'.repeat(43)}`,
          agency: agencyInput('架空の会'),
          admin: { displayName: '架空 代表' },
        });
        expect(unknown.userErrors).toEqual([
          expect.objectContaining({ field: ['input', 'token'], rule: 'invitation_known' }),
        ]);
        expect(await agenciesNow()).toBe(before);

        h.setToday('2025-04-02');
        const expired = await redeem(h, {
          token,
          agency: agencyInput('架空の会'),
          admin: { displayName: '架空 代表' },
        });
        expect(expired.userErrors).toEqual([expect.objectContaining({ rule: 'invitation_not_expired' })]);

        const second = await issue();
        const revoked = await h.gql(
          adminToken,
          'mutation($input: RevokeAgencyInvitationInput!) { revokeAgencyInvitation(input: $input) { invitation { status } userErrors { code } } }',
          { input: { invitationId: second.invitation.id } },
        );
        expect(ok(revoked as never, 'revokeAgencyInvitation')).toMatchObject({
          invitation: { status: 'REVOKED' },
        });
        const afterRevoke = await redeem(h, {
          token: second.token,
          agency: agencyInput('架空の会'),
          admin: { displayName: '架空 代表' },
        });
        expect(afterRevoke.userErrors).toEqual([expect.objectContaining({ rule: 'invitation_not_revoked' })]);
        expect(await agenciesNow()).toBe(before);
      } finally {
        await h.close();
      }
    });

    it('runs nothing else without a token: redemption is the one mutation that needs none', async () => {
      const h = await harness({ today: '2025-04-01', backend });
      try {
        await networkAdmin(h);
        const mixed = await h.gql(
          null,
          `mutation($input: RedeemAgencyInvitationInput!) {
          redeemAgencyInvitation(input: $input) { token }
          issueAgencyInvitation(input: { label: "x" }) { token }
        }`,
          { input: { token: 'x', agency: agencyInput('x'), admin: { displayName: 'x' } } },
        );
        expect(mixed.status).toBe(401);
        const query = await h.gql(null, '{ agencies(first: 1) { edges { node { id } } } }');
        expect(query.status).toBe(401);
        const issue = await h.gql(null, ISSUE, { input: { label: 'x' } });
        expect(issue.status).toBe(401);
      } finally {
        await h.close();
      }
    });
  });
}
