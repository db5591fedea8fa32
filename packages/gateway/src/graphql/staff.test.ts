import type { Agency } from '@hikikomori-register/core';
import { describe, expect, it } from 'vitest';
import { bootstrapFirstAdmin } from '../server/bootstrap.ts';
import { harness, ok } from '../server/test-harness.ts';
import { localId, splitKey } from './ids.ts';

const CREATE = `mutation($input: CreateStaffInput!) { createStaff(input: $input) {
  staffMember { id role active } userErrors { field code rule } } }`;
const ISSUE = `mutation($input: IssueTokenInput!) { issueToken(input: $input) {
  token apiToken { id label } userErrors { field code } } }`;
const DEACTIVATE = `mutation($input: DeactivateStaffInput!) { deactivateStaff(input: $input) {
  staffMember { id active } userErrors { field code rule } } }`;
const REVOKE = `mutation($input: RevokeTokenInput!) { revokeToken(input: $input) {
  apiToken { id revokedAt } userErrors { code } } }`;
const STAFF = `{ staffMembers { edges { node { id displayName active tokens { id label revokedAt } } } } }`;

async function setUp() {
  const h = await harness();
  const {
    agency,
    admin,
    token: adminToken,
  } = await bootstrapFirstAdmin({
    register: h.register,
    staff: h.staff,
    agency: { kind: 'municipalHikikomoriDesk', name: '架空市ひきこもり支援窓口', municipalityCode: '242012' },
    adminName: '架空 管理者',
  });
  const created = ok<{ staffMember: { id: string } }>(
    await h.gql(adminToken, CREATE, { input: { displayName: '架空 職員', role: 'STAFF' } }),
    'createStaff',
  ).staffMember;
  const issued = ok<{ token: string; apiToken: { id: string } }>(
    await h.gql(adminToken, ISSUE, { input: { staffId: created.id, label: 'laptop' } }),
    'issueToken',
  );
  return {
    h,
    agency,
    admin,
    adminToken,
    staffId: created.id,
    staffToken: issued.token,
    tokenId: issued.apiToken.id,
  };
}

describe('staff administration through GraphQL', () => {
  it('lets the agency admin see token metadata, never a token or its hash', async () => {
    const { h, adminToken, staffId, staffToken, tokenId } = await setUp();
    const listed = await h.gql<{
      staffMembers: { edges: { node: { id: string; tokens: { id: string }[] } }[] };
    }>(adminToken, STAFF);
    const member = listed.data?.staffMembers.edges.find((e) => e.node.id === staffId)?.node;
    expect(member?.tokens).toEqual([{ id: tokenId, label: 'laptop', revokedAt: null }]);
    expect(JSON.stringify(listed)).not.toContain(staffToken);
    // A staff member cannot list the agency's staff at all.
    const denied = await h.gql(staffToken, STAFF);
    expect(denied.data).toBeNull();
    expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('deactivating a staff member stops every token of theirs at once', async () => {
    const { h, adminToken, staffId, staffToken } = await setUp();
    expect((await h.gql(staffToken, '{ me { staffId } }')).status).toBe(200);
    const payload = ok<{ staffMember: { active: boolean } }>(
      await h.gql(adminToken, DEACTIVATE, { input: { staffId } }),
      'deactivateStaff',
    );
    expect(payload.staffMember.active).toBe(false);
    expect((await h.gql(staffToken, '{ me { staffId } }')).status).toBe(401);
  });

  it('refuses an admin deactivating themself, and staff of another agency alike with not found', async () => {
    const { h, agency, admin, adminToken, staffId } = await setUp();
    const self = await h.gql<{ deactivateStaff: { userErrors: unknown[] } }>(adminToken, DEACTIVATE, {
      input: { staffId: admin.id },
    });
    expect(self.data?.deactivateStaff.userErrors).toEqual([
      { field: ['input', 'staffId'], code: 'PRECONDITION_FAILED', rule: 'not_own_account' },
    ]);
    const other = await otherAgencyAdmin(h, agency);
    const foreign = await h.gql<{ deactivateStaff: { userErrors: { code: string }[] } }>(other, DEACTIVATE, {
      input: { staffId },
    });
    expect(foreign.data?.deactivateStaff.userErrors.map((e) => e.code)).toEqual(['FORBIDDEN']);
    expect((await h.staff.getStaff(localId('StaffMember', staffId, 'staffId')))?.active).toBe(true);
  });

  it('revokes one token; the staff member signs in with none of the revoked ones', async () => {
    const { h, adminToken, staffId, staffToken, tokenId } = await setUp();
    const revoked = ok<{ apiToken: { revokedAt: string | null } }>(
      await h.gql(adminToken, REVOKE, { input: { staffId, tokenId } }),
      'revokeToken',
    );
    expect(revoked.apiToken.revokedAt).not.toBeNull();
    expect((await h.gql(staffToken, '{ me { staffId } }')).status).toBe(401);
  });
});

describe('console accounts through GraphQL', () => {
  const RESET = `mutation($input: ResetStaffPasswordInput!) { resetStaffPassword(input: $input) {
    temporaryPassword staffMember { id loginId canSignIn } userErrors { field code rule } } }`;

  it('gives a login id at creation and a temporary password once; the staff member then signs in', async () => {
    const { h, adminToken } = await setUp();
    const created = ok<{ staffMember: { id: string } }>(
      await h.gql(adminToken, CREATE, {
        input: { displayName: '架空 新人', role: 'STAFF', loginId: 'Kakuu.Shinjin' },
      }),
      'createStaff',
    ).staffMember;
    const listed = await h.gql<{ staffMembers: { edges: { node: Record<string, unknown> }[] } }>(
      adminToken,
      '{ staffMembers { edges { node { id loginId canSignIn } } } }',
    );
    expect(listed.data?.staffMembers.edges.map((e) => e.node)).toContainEqual({
      id: created.id,
      loginId: 'kakuu.shinjin',
      canSignIn: false,
    });
    const reset = ok<{ temporaryPassword: string; staffMember: { canSignIn: boolean } }>(
      await h.gql(adminToken, RESET, { input: { staffId: created.id } }),
      'resetStaffPassword',
    );
    expect(reset.temporaryPassword).toMatch(/^([a-z2-9]{4}-){3}[a-z2-9]{4}$/);
    expect(reset.staffMember.canSignIn).toBe(true);
    const session = await h.staff.signIn('kakuu.shinjin', reset.temporaryPassword);
    expect(session?.mustChangePassword).toBe(true);
    expect(JSON.stringify(h.logs)).not.toContain(reset.temporaryPassword);
  });

  it('asks for a login id when the account has none, refuses a taken one, and stays within the agency', async () => {
    const { h, agency, adminToken, staffId, staffToken } = await setUp();
    const missing = await h.gql<{ resetStaffPassword: { userErrors: unknown[] } }>(adminToken, RESET, {
      input: { staffId },
    });
    expect(missing.data?.resetStaffPassword.userErrors).toEqual([
      { field: ['input', 'loginId'], code: 'VALIDATION_FAILED', rule: 'required' },
    ]);
    ok(
      await h.gql(adminToken, RESET, { input: { staffId, loginId: 'kakuu.shokuin' } }),
      'resetStaffPassword',
    );
    const taken = await h.gql<{ createStaff: { userErrors: unknown[] } }>(adminToken, CREATE, {
      input: { displayName: '同名', role: 'STAFF', loginId: 'kakuu.shokuin' },
    });
    expect(taken.data?.createStaff.userErrors).toEqual([
      { field: ['input', 'loginId'], code: 'VALIDATION_FAILED', rule: 'login_id_unique' },
    ]);
    const byStaff = await h.gql<{ resetStaffPassword: { userErrors: { code: string }[] } }>(
      staffToken,
      RESET,
      {
        input: { staffId },
      },
    );
    expect(byStaff.data?.resetStaffPassword.userErrors.map((e) => e.code)).toEqual(['FORBIDDEN']);
    const foreign = await h.gql<{ resetStaffPassword: { userErrors: { code: string }[] } }>(
      await otherAgencyAdmin(h, agency),
      RESET,
      { input: { staffId } },
    );
    expect(foreign.data?.resetStaffPassword.userErrors.map((e) => e.code)).toEqual(['FORBIDDEN']);
  });

  it('issues tokens for 90 days by default and refuses more than 366', async () => {
    const { h, adminToken, staffId } = await setUp();
    const issued = ok<{ apiToken: { id: string } }>(
      await h.gql(adminToken, ISSUE, { input: { staffId, label: 'integration' } }),
      'issueToken',
    );
    const info = (await h.staff.listTokens(localId('StaffMember', staffId, 'staffId'))).find(
      (t) => t.id === splitKey(localId('ApiToken', issued.apiToken.id, 'id'))?.recordId,
    );
    expect(info?.expiresAt?.toISOString()).toBe('2023-07-02T03:00:00.000Z');
    const tooLong = await h.gql<{ issueToken: { userErrors: unknown[] } }>(adminToken, ISSUE, {
      input: { staffId, label: 'forever', expiresAt: '2030-01-01T00:00:00Z' },
    });
    expect(tooLong.data?.issueToken.userErrors).toEqual([
      { field: ['input', 'expiresAt'], code: 'VALIDATION_FAILED' },
    ]);
  });
});

/** The admin of a second agency, registered as the first agency's admin would. */
async function otherAgencyAdmin(h: Awaited<ReturnType<typeof harness>>, first: Agency): Promise<string> {
  const adminActor = { staffId: 'setup', agencyId: first.id, role: 'agencyAdmin' as const };
  const second = await h.register.agencies.register(adminActor, {
    kind: 'publicHealthCentre',
    name: '架空保健所',
    municipalityCode: '242021',
  });
  return (await h.token(second, 'agencyAdmin')).token;
}
