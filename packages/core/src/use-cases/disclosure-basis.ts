import type { Agency } from '../agencies/agency.ts';
import type { CalendarDate } from '../shared/dates.ts';
import { NoLegalBasisError, PreconditionError, ValidationError } from '../shared/errors.ts';
import type { AgencyId, CaseId } from '../shared/ids.ts';
import type { Consent } from '../sharing/consent.ts';
import { assertDisclosureAllowed, type LegalBasisRef } from '../sharing/legal-basis.ts';
import type { SupportMeeting } from '../sharing/support-meeting.ts';
import type { UseCaseScope } from './context.ts';

/** One disclosure of a case to another agency, as a use-case asks for it. */
export interface LawfulDisclosure {
  readonly caseId: CaseId;
  readonly fromAgencyId: AgencyId;
  readonly to: Pick<Agency, 'id' | 'kind'>;
  readonly on: CalendarDate;
  /** The basis named by the user; without one, any valid basis on record is used. */
  readonly basis?: LegalBasisRef | null;
  /** The basis to try first, falling back to any other on record (e.g. a referral's own basis). */
  readonly preferred?: LegalBasisRef | null;
  /** The input field a refusal names. */
  readonly field: string;
}

export interface SharingRecords {
  readonly consents: readonly Consent[];
  readonly meetings: readonly SupportMeeting[];
}

/**
 * The case's consents and the meetings that ever held it: what the legal-basis rule looks at. A
 * meeting named as the basis is read too, so that a refusal says what is missing (e.g. the case was
 * never put before it) rather than that the meeting is unknown.
 */
export async function sharingRecordsOf(
  s: UseCaseScope,
  caseId: CaseId,
  named?: LegalBasisRef | null,
): Promise<SharingRecords> {
  const [consents, meetings] = await Promise.all([
    s.repos.consents.listByCase(caseId),
    s.repos.supportMeetings.listForCase(caseId),
  ]);
  if (named?.kind === 'supportMeeting' && !meetings.some((m) => m.id === named.meetingId)) {
    const meeting = await s.repos.supportMeetings.get(named.meetingId);
    if (meeting) return { consents, meetings: [...meetings, meeting] };
  }
  return { consents, meetings };
}

/**
 * The legal basis of a disclosure, by the one rule (`assertDisclosureAllowed`); throws
 * `NoLegalBasisError` naming `request.field` and the failed rule.
 */
export function lawfulBasis(request: LawfulDisclosure, records: SharingRecords): LegalBasisRef {
  const query = {
    caseId: request.caseId,
    fromAgencyId: request.fromAgencyId,
    toAgency: request.to,
    on: request.on,
    consents: records.consents,
    meetings: records.meetings,
  };
  if (request.basis) return assertDisclosureAllowed({ ...query, basis: request.basis }, request.field);
  if (request.preferred) {
    try {
      return assertDisclosureAllowed({ ...query, basis: request.preferred }, request.field);
    } catch (preferredFailed) {
      if (!(preferredFailed instanceof NoLegalBasisError)) throw preferredFailed;
      try {
        return assertDisclosureAllowed(query, request.field);
      } catch {
        throw preferredFailed;
      }
    }
  }
  return assertDisclosureAllowed(query, request.field);
}

/** The agency a case is disclosed to: it must exist and still be active. */
export async function recipientAgency(s: UseCaseScope, agencyId: AgencyId, field: string): Promise<Agency> {
  const agency = await s.repos.agencies.get(agencyId);
  if (!agency)
    throw new ValidationError([{ field, rule: 'exists', message: `agency ${agencyId} not found` }]);
  if (!agency.active)
    throw new PreconditionError(
      'recipient_active',
      `agency ${agencyId} is no longer active and takes on no cases`,
      field,
    );
  return agency;
}
