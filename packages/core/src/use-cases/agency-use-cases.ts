import { canAdministerNetwork, canManageAgency } from '../access/access-rules.ts';
import {
  type Agency,
  type AgencyInput,
  type AgencyUpdateInput,
  createAgency,
  updateAgency,
} from '../agencies/agency.ts';
import { assertAgencyNameAvailable } from '../agencies/agency-name.ts';
import {
  type AgencyInvitation,
  type IssueInvitationInput,
  issueInvitation,
  redeemInvitation,
  revokeInvitation,
} from '../agencies/invitation.ts';
import type { AgencyListFilter } from '../ports/repositories.ts';
import type { Actor } from '../shared/actor.ts';
import { ForbiddenError, NotFoundError, PreconditionError } from '../shared/errors.ts';
import type { AgencyId } from '../shared/ids.ts';
import { type UseCaseRunner, type UseCaseScope, underField } from './context.ts';

/** An agency registered with an invitation: the gateway gives it its first admin in the same transaction. */
export interface RedeemedInvitation {
  readonly agency: Agency;
  readonly invitation: AgencyInvitation;
}

/** Agencies are a public directory (no personal data): any signed-in actor may read them. */
export function agencyUseCases(runner: UseCaseRunner) {
  /** The network administrator, or a refusal that says who may do this. */
  async function assertNetworkAdmin(s: UseCaseScope): Promise<void> {
    const own = await s.repos.agencies.get(s.actor.agencyId);
    if (!canAdministerNetwork(s.actor, own))
      throw new ForbiddenError(
        'network_admin',
        "only the coordinating agency's admin brings agencies into the network",
      );
  }

  /** A new agency of the network, its name checked against every registered one (lookalikes too). */
  async function insertAgency(
    s: UseCaseScope,
    id: AgencyId,
    input: AgencyInput,
    options: { readonly networkCoordinator?: boolean; readonly under?: string } = {},
  ): Promise<Agency> {
    const create = () => createAgency(id, input, options.networkCoordinator ?? false);
    const agency = options.under ? underField(options.under, create) : create();
    assertAgencyNameAvailable(agency.name, await s.repos.agencies.list({}), {
      field: options.under ? `${options.under}.name` : 'name',
    });
    await s.repos.agencies.insert(agency);
    return agency;
  }

  return {
    /**
     * The very first agency of an empty register (set-up). Refused once any agency exists, so it
     * cannot be used to slip in an agency later. It coordinates the network: its agency admin is the
     * network administrator.
     */
    async registerFirst(input: AgencyInput): Promise<Agency> {
      const id = runner.newId();
      return runner.run(
        { staffId: 'system', agencyId: id, role: 'agencyAdmin' },
        'agency.register.first',
        { entity: 'agency', entityId: id, caseId: null },
        async (s) => {
          if ((await s.repos.agencies.list({})).length > 0)
            throw new PreconditionError(
              'register_empty',
              'the register already has agencies; the network administrator adds more',
            );
          return insertAgency(s, id, input, { networkCoordinator: true });
        },
      );
    },

    /** The network administrator registers another agency of the network (e.g. a newly joining NPO). */
    register(actor: Actor, input: AgencyInput): Promise<Agency> {
      const id = runner.newId();
      return runner.run(
        actor,
        'agency.register',
        { entity: 'agency', entityId: id, caseId: null },
        async (s) => {
          await assertNetworkAdmin(s);
          return insertAgency(s, id, input);
        },
      );
    },

    /** An agency's own admin keeps its entry up to date; a new name may not look like another's. */
    update(actor: Actor, agencyId: AgencyId, input: AgencyUpdateInput): Promise<Agency> {
      return runner.run(
        actor,
        'agency.update',
        { entity: 'agency', entityId: agencyId, caseId: null },
        async (s) => {
          if (!canManageAgency(actor, agencyId))
            throw new ForbiddenError('agency_manage', "only the agency's own admin may change it");
          const agency = await s.repos.agencies.get(agencyId);
          if (!agency) throw new NotFoundError('agency', agencyId, 'agencyId');
          const next = updateAgency(agency, input);
          if (next.name !== agency.name)
            assertAgencyNameAvailable(next.name, await s.repos.agencies.list({}), { exceptId: agencyId });
          await s.repos.agencies.update(next);
          return next;
        },
      );
    },

    get(actor: Actor, agencyId: AgencyId): Promise<Agency | null> {
      return runner.run(actor, 'agency.read', null, (s) => s.repos.agencies.get(agencyId));
    },

    list(actor: Actor, filter: AgencyListFilter = {}): Promise<readonly Agency[]> {
      return runner.read(actor, 'agency.list', null, (s) => s.repos.agencies.list(filter));
    },

    /**
     * 参加招待の発行 by the network administrator. The caller makes the secret and passes only its
     * SHA-256 hash (hex); the secret goes to the invitee once and is never stored.
     */
    issueInvitation(actor: Actor, input: IssueInvitationInput, tokenHash: string): Promise<AgencyInvitation> {
      const id = runner.newId();
      return runner.run(
        actor,
        'agency.invitation.issue',
        { entity: 'agencyInvitation', entityId: id, caseId: null },
        async (s) => {
          await assertNetworkAdmin(s);
          const invitation = issueInvitation(id, tokenHash, input, { actor, now: s.now });
          await s.repos.invitations.insert(invitation);
          return invitation;
        },
      );
    },

    /** 招待の取消 by the network administrator. */
    revokeInvitation(actor: Actor, invitationId: string): Promise<AgencyInvitation> {
      return runner.run(
        actor,
        'agency.invitation.revoke',
        { entity: 'agencyInvitation', entityId: invitationId, caseId: null },
        async (s) => {
          await assertNetworkAdmin(s);
          const invitation = await s.repos.invitations.get(invitationId);
          if (!invitation) throw new NotFoundError('invitation', invitationId, 'invitationId');
          const next = revokeInvitation(invitation, actor, s.now);
          await s.repos.invitations.update(next);
          return next;
        },
      );
    },

    /** Every invitation, newest first, for the network administrator. */
    invitations(actor: Actor): Promise<readonly AgencyInvitation[]> {
      return runner.run(actor, 'agency.invitation.list', null, async (s) => {
        await assertNetworkAdmin(s);
        return s.repos.invitations.list();
      });
    },

    /** One invitation, for the network administrator. */
    invitation(actor: Actor, invitationId: string): Promise<AgencyInvitation> {
      return runner.run(actor, 'agency.invitation.list', null, async (s) => {
        await assertNetworkAdmin(s);
        const invitation = await s.repos.invitations.get(invitationId);
        if (!invitation) throw new NotFoundError('invitation', invitationId);
        return invitation;
      });
    },

    /**
     * 招待の利用: registers the invitee's agency with a pending invitation, found by the hash of its
     * secret. Refused when the secret is unknown, used, revoked or expired (`field` names where the
     * secret came in), and when the name is taken or looks like a registered one (`agency.name`). The
     * first admin and their credentials are the caller's to create in the same transaction.
     */
    redeemInvitation(tokenHash: string, input: AgencyInput, field = 'token'): Promise<RedeemedInvitation> {
      const id = runner.newId();
      return runner.run(
        { staffId: 'invitation', agencyId: id, role: 'agencyAdmin' },
        'agency.invitation.redeem',
        { entity: 'agency', entityId: id, caseId: null },
        async (s) => {
          const invitation = await s.repos.invitations.getByTokenHash(tokenHash);
          if (!invitation)
            throw new PreconditionError('invitation_known', 'this invitation is not known', field);
          const redeemed = redeemInvitation(invitation, id, s.now, field);
          const agency = await insertAgency(s, id, input, { under: 'agency' });
          await s.repos.invitations.update(redeemed);
          s.touched({ entity: 'agencyInvitation', entityId: invitation.id, caseId: null });
          return { agency, invitation: redeemed };
        },
      );
    },
  };
}
