import { canReadAuditLog } from '../access/access-rules.ts';
import type { AuditEntry, AuditQuery } from '../ports/audit.ts';
import { type Page, type PageRequestInput, pageRequestSchema } from '../ports/pagination.ts';
import type { Actor } from '../shared/actor.ts';
import { ForbiddenError, parseInput } from '../shared/errors.ts';
import type { UseCaseRunner } from './context.ts';

export function auditUseCases(runner: UseCaseRunner) {
  return {
    /**
     * 監査記録の閲覧: auditors and agency admins read what their own agency's staff did. Reading the
     * log is itself logged.
     */
    async list(
      actor: Actor,
      query: Omit<AuditQuery, 'agencyId'> = {},
      page: PageRequestInput = {},
    ): Promise<Page<AuditEntry>> {
      const request = parseInput(pageRequestSchema, page);
      return runner.run(
        actor,
        'audit.list',
        { entity: 'auditLog', entityId: actor.agencyId, caseId: null },
        async (s) => {
          if (!canReadAuditLog(actor, actor.agencyId))
            throw new ForbiddenError('audit_read', 'only auditors and agency admins may read the audit log');
          return s.repos.audit.list({ ...query, agencyId: actor.agencyId }, request);
        },
      );
    },
  };
}
