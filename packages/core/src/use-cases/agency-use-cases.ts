import { canManageAgency } from '../access/access-rules.ts';
import {
  type Agency,
  type AgencyInput,
  type AgencyUpdateInput,
  createAgency,
  updateAgency,
} from '../agencies/agency.ts';
import type { AgencyListFilter } from '../ports/repositories.ts';
import type { Actor } from '../shared/actor.ts';
import { ForbiddenError, NotFoundError, PreconditionError } from '../shared/errors.ts';
import type { AgencyId } from '../shared/ids.ts';
import type { UseCaseRunner } from './context.ts';

/** Agencies are a public directory (no personal data): any signed-in actor may read them. */
export function agencyUseCases(runner: UseCaseRunner) {
  return {
    /**
     * The very first agency of an empty register (set-up). Refused once any agency exists, so it
     * cannot be used to slip in an agency later.
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
              'the register already has agencies; an agency admin adds more',
            );
          const agency = createAgency(id, input);
          await s.repos.agencies.insert(agency);
          return agency;
        },
      );
    },

    /** An agency admin registers another agency of the network (e.g. a newly joining NPO). */
    register(actor: Actor, input: AgencyInput): Promise<Agency> {
      const id = runner.newId();
      return runner.run(
        actor,
        'agency.register',
        { entity: 'agency', entityId: id, caseId: null },
        async (s) => {
          if (actor.role !== 'agencyAdmin')
            throw new ForbiddenError('agency_admin', 'only agency admins may register agencies');
          const agency = createAgency(id, input);
          await s.repos.agencies.insert(agency);
          return agency;
        },
      );
    },

    /** An agency's own admin keeps its entry up to date. */
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
          await s.repos.agencies.update(next);
          return next;
        },
      );
    },

    get(actor: Actor, agencyId: AgencyId): Promise<Agency | null> {
      return runner.run(actor, 'agency.read', null, (s) => s.repos.agencies.get(agencyId));
    },

    list(actor: Actor, filter: AgencyListFilter = {}): Promise<readonly Agency[]> {
      return runner.run(actor, 'agency.list', null, (s) => s.repos.agencies.list(filter));
    },
  };
}
