import { canReadAuditLog, canReadCaseAuditTrail } from '../access/access-rules.ts';
import type { AuditEntry, AuditQuery } from '../ports/audit.ts';
import {
  type Page,
  type PageRequest,
  type PageRequestInput,
  pageRequestSchema,
} from '../ports/pagination.ts';
import type { AuditLog } from '../ports/repositories.ts';
import type { Actor } from '../shared/actor.ts';
import { ForbiddenError, parseInput } from '../shared/errors.ts';
import type { CaseId } from '../shared/ids.ts';
import { notAccessible } from './case-access.ts';
import type { UseCaseRunner } from './context.ts';

/** A page of the log with how many entries the query gives over all pages, counted in the same transaction. */
export type CountedPage<T> = Page<T> & { readonly totalCount: number };

async function pageWithCount(
  log: AuditLog,
  query: AuditQuery,
  request: PageRequest,
): Promise<CountedPage<AuditEntry>> {
  const page = await log.list(query, request);
  return { ...page, totalCount: await log.count(query) };
}

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
    ): Promise<CountedPage<AuditEntry>> {
      const request = parseInput(pageRequestSchema, page);
      return runner.read(
        actor,
        'audit.list',
        { entity: 'auditLog', entityId: actor.agencyId, caseId: null },
        async (s) => {
          if (!canReadAuditLog(actor, actor.agencyId))
            throw new ForbiddenError('audit_read', 'only auditors and agency admins may read the audit log');
          return pageWithCount(s.repos.audit, { ...query, agencyId: actor.agencyId }, request);
        },
      );
    },

    /**
     * 閲覧記録 of one case: every agency's reads and writes of it (supporting agencies, referral
     * recipients, the retention job), newest first, for the lead agency (`canReadCaseAuditTrail`).
     * `agencyId` narrows it to one agency's actions. Reading it is logged as a read of the case.
     */
    async ofCase(
      actor: Actor,
      caseId: CaseId,
      query: Omit<AuditQuery, 'caseId'> = {},
      page: PageRequestInput = {},
    ): Promise<CountedPage<AuditEntry>> {
      const request = parseInput(pageRequestSchema, page);
      return runner.read(
        actor,
        'audit.case.list',
        { entity: 'case', entityId: caseId, caseId },
        async (s) => {
          const record = await s.repos.cases.get(caseId);
          if (!record || !canReadCaseAuditTrail(actor, record)) throw notAccessible('case_audit_read');
          return pageWithCount(s.repos.audit, { ...query, caseId }, request);
        },
      );
    },
  };
}
