import {
  assertCanDecideForCase,
  assertCanWriteCase,
  type ReferralGrant,
  readableSections,
} from '../access/access-rules.ts';
import type { CaseRecord } from '../cases/case-record.ts';
import type { Referral } from '../referrals/referral.ts';
import type { CaseSection } from '../shared/case-section.ts';
import { ForbiddenError } from '../shared/errors.ts';
import type { CaseId } from '../shared/ids.ts';
import type { UseCaseScope } from './context.ts';

/** A case as one actor may see it: the record and the sections open to them. */
export interface CaseView {
  readonly record: CaseRecord;
  readonly readableSections: readonly CaseSection[];
}

// A case that does not exist and a case the actor may not see fail alike: existence itself is private.
export const notAccessible = (rule: string) => new ForbiddenError(rule, 'case not found or not accessible');

export function grantsOf(referrals: readonly Referral[]): readonly ReferralGrant[] {
  return referrals.map((r) => ({
    toAgencyId: r.toAgencyId,
    status: r.status,
    sharedSections: r.sharedSections,
  }));
}

/** Loads a case for reading `section` (any section when omitted) and records the read. */
export async function readCase(
  scope: UseCaseScope,
  caseId: CaseId,
  section?: CaseSection,
): Promise<CaseView> {
  const record = await scope.repos.cases.get(caseId);
  if (!record) throw notAccessible('case_read');
  const referrals = await scope.repos.referrals.list({ caseId, toAgencyId: scope.actor.agencyId });
  const sections = readableSections(scope.actor, record, grantsOf(referrals));
  if (sections.length === 0 || (section !== undefined && !sections.includes(section)))
    throw notAccessible(section ? `case_read_${section}` : 'case_read');
  scope.touched({ entity: 'case', entityId: record.id, caseId: record.id });
  return { record, readableSections: sections };
}

/** Loads a case for casework by the actor's agency (lead or supporting, staff or supervisor). */
export async function writeCase(scope: UseCaseScope, caseId: CaseId): Promise<CaseRecord> {
  const record = await scope.repos.cases.get(caseId);
  if (!record) throw notAccessible('case_write');
  await assertVisibleThen(scope, record, () => assertCanWriteCase(scope.actor, record));
  scope.touched({ entity: 'case', entityId: record.id, caseId: record.id });
  return record;
}

/** Loads a case for a decision of the lead agency (close, reopen, hand over, change supporting agencies). */
export async function decideCase(scope: UseCaseScope, caseId: CaseId): Promise<CaseRecord> {
  const record = await scope.repos.cases.get(caseId);
  if (!record) throw notAccessible('case_lead_decision');
  await assertVisibleThen(scope, record, () => assertCanDecideForCase(scope.actor, record));
  scope.touched({ entity: 'case', entityId: record.id, caseId: record.id });
  return record;
}

/** Someone who cannot even see the case learns nothing more from a write refusal than from a read. */
async function assertVisibleThen(scope: UseCaseScope, record: CaseRecord, check: () => void): Promise<void> {
  const referrals = await scope.repos.referrals.list({ caseId: record.id, toAgencyId: scope.actor.agencyId });
  if (readableSections(scope.actor, record, grantsOf(referrals)).length === 0)
    throw notAccessible('case_write');
  check();
}
