import { z } from 'zod';
import { PreconditionError, parseInput } from '../shared/errors.ts';
import type { AgencyId } from '../shared/ids.ts';
import { assertNotClosed, type CaseCommandContext, type CaseRecord, nextCaseVersion } from './case-record.ts';

/**
 * Lead (主担当) and supporting (協力) agencies of a case. A case has exactly one lead and any number of
 * supporting agencies; the lead is never also listed as supporting, and no agency is listed twice.
 *
 * These functions take no expected version: the referrals module calls them inside its own use case
 * (accepting a referral adds a supporting agency, completing a lead-handover referral hands over the
 * lead). A user-facing mutation checks the version first with `assertExpectedVersion`; the repository
 * saves with a compare-and-set on `version - 1` either way.
 *
 * A closed case takes no new agencies and no handover (reopen it first); removing an agency is always
 * allowed, since it only narrows who sees the case.
 */
const agencyIdSchema = z.string().trim().min(1).max(200);

/** Lead first, then the supporting agencies in the order they joined. */
export function involvedAgencyIds(record: CaseRecord): readonly AgencyId[] {
  return [record.leadAgencyId, ...record.supportingAgencyIds];
}

export function isInvolvedAgency(record: CaseRecord, agencyId: AgencyId): boolean {
  return involvedAgencyIds(record).includes(agencyId);
}

export function addSupportingAgency(
  record: CaseRecord,
  agencyId: AgencyId,
  ctx: CaseCommandContext,
): CaseRecord {
  const id = parseInput(agencyIdSchema, agencyId);
  assertNotClosed(record);
  if (id === record.leadAgencyId)
    throw new PreconditionError(
      'lead_not_supporting',
      'the lead agency cannot also be a supporting agency',
      'agencyId',
    );
  if (record.supportingAgencyIds.includes(id))
    throw new PreconditionError('no_duplicate_agency', `agency ${id} already supports the case`, 'agencyId');
  return nextCaseVersion(record, { supportingAgencyIds: [...record.supportingAgencyIds, id] }, ctx.now);
}

export function removeSupportingAgency(
  record: CaseRecord,
  agencyId: AgencyId,
  ctx: CaseCommandContext,
): CaseRecord {
  const id = parseInput(agencyIdSchema, agencyId);
  if (id === record.leadAgencyId)
    throw new PreconditionError(
      'lead_not_removable',
      'the lead agency cannot be removed; hand over the lead first',
      'agencyId',
    );
  if (!record.supportingAgencyIds.includes(id))
    throw new PreconditionError('agency_is_supporting', `agency ${id} does not support the case`, 'agencyId');
  return nextCaseVersion(
    record,
    { supportingAgencyIds: record.supportingAgencyIds.filter((a) => a !== id) },
    ctx.now,
  );
}

/**
 * 主担当の引継: make `newLeadAgencyId` the lead. If it was supporting it leaves that list (it is the lead
 * now); the previous lead stays on as supporting when `keepPreviousAsSupporting`, otherwise it leaves
 * the case.
 */
export function handOverLead(
  record: CaseRecord,
  newLeadAgencyId: AgencyId,
  keepPreviousAsSupporting: boolean,
  ctx: CaseCommandContext,
): CaseRecord {
  const id = parseInput(agencyIdSchema, newLeadAgencyId);
  assertNotClosed(record);
  if (id === record.leadAgencyId)
    throw new PreconditionError('new_lead_differs', `agency ${id} is already the lead`, 'newLeadAgencyId');
  const supporting = record.supportingAgencyIds.filter((a) => a !== id);
  if (keepPreviousAsSupporting) supporting.push(record.leadAgencyId);
  return nextCaseVersion(record, { leadAgencyId: id, supportingAgencyIds: supporting }, ctx.now);
}
