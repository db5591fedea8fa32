import type { Agency } from '@hikikomori-register/core';
import { describe, expect, it } from 'vitest';
import { bootstrapFirstAdmin } from '../server/bootstrap.ts';
import { harness, ok } from '../server/test-harness.ts';

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
    expect((await h.staff.getStaff(staffId))?.active).toBe(true);
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
