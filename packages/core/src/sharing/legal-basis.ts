import { z } from 'zod';
import type { CalendarDate } from '../shared/dates.ts';
import { NoLegalBasisError } from '../shared/errors.ts';
import type { AgencyId, CaseId, ConsentId, SupportMeetingId } from '../shared/ids.ts';
import { text } from '../shared/text.ts';
import { type Consent, consentCovers, recipientSector, type SharingRecipient } from './consent.ts';
import {
  isCaseBeforeMeetingOn,
  isMeetingActiveOn,
  isMemberOn,
  type SupportMeeting,
} from './support-meeting.ts';

/**
 * 情報共有の根拠. Every disclosure of case information to another agency names its basis: a consent
 * (of whom, when, for which agencies) or a 支援会議 both agencies sit in. Practice is to discuss a case
 * in the 支援会議 until consent is obtained, so both kinds exist side by side for the same case.
 */
export type LegalBasisRef =
  | { readonly kind: 'consent'; readonly consentId: ConsentId }
  | { readonly kind: 'supportMeeting'; readonly meetingId: SupportMeetingId };

export const legalBasisRefSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('consent'), consentId: text('id') }),
  z.object({ kind: z.literal('supportMeeting'), meetingId: text('id') }),
]);

/** A basis that was checked, with the record it rests on. */
export type ValidLegalBasis =
  | { readonly kind: 'consent'; readonly consent: Consent }
  | { readonly kind: 'supportMeeting'; readonly meeting: SupportMeeting };

/** What a disclosure is: from which agency to which, about which case, on which date. */
export interface DisclosureQuery {
  readonly caseId: CaseId;
  readonly fromAgencyId: AgencyId;
  readonly toAgency: SharingRecipient;
  readonly on: CalendarDate;
  /** The consents on record for the case (others are ignored or refused by case id). */
  readonly consents: readonly Consent[];
  /** The support meetings that could hold the case. */
  readonly meetings: readonly SupportMeeting[];
}

export interface LegalBasisCheck extends DisclosureQuery {
  readonly basis: LegalBasisRef;
}

type Outcome =
  | { readonly ok: true; readonly valid: ValidLegalBasis }
  | { readonly ok: false; readonly rule: LegalBasisRule; readonly why: string };

/** Which condition of a basis failed: the `rule` of the `NoLegalBasisError`. */
export type LegalBasisRule =
  | 'consent_on_record'
  | 'consent_of_case'
  | 'consent_given_by_share_date'
  | 'consent_not_withdrawn'
  | 'consent_covers_recipient'
  | 'meeting_on_record'
  | 'meeting_active'
  | 'sender_is_member'
  | 'recipient_is_member'
  | 'case_before_meeting'
  /** No basis was named and none on record allows the disclosure. */
  | 'legal_basis_required';

const refused = (rule: LegalBasisRule, why: string): Outcome => ({ ok: false, rule, why });

function evaluate(check: LegalBasisCheck): Outcome {
  const { basis, caseId, fromAgencyId, toAgency, on } = check;
  if (basis.kind === 'consent') {
    const consent = check.consents.find((c) => c.id === basis.consentId);
    if (!consent) return refused('consent_on_record', `consent ${basis.consentId} is not on record`);
    if (consent.caseId !== caseId)
      return refused(
        'consent_of_case',
        `consent ${consent.id} belongs to case ${consent.caseId}, not case ${caseId}`,
      );
    if (consent.givenOn > on)
      return refused(
        'consent_given_by_share_date',
        `consent ${consent.id} was given on ${consent.givenOn}, after the share date ${on}`,
      );
    if (consent.withdrawnOn !== null && consent.withdrawnOn <= on)
      return refused(
        'consent_not_withdrawn',
        `consent ${consent.id} was withdrawn on ${consent.withdrawnOn}; shares from that day on need another basis`,
      );
    if (!consentCovers(consent, toAgency))
      return refused(
        'consent_covers_recipient',
        `consent ${consent.id} does not cover agency ${toAgency.id} (neither the agency nor its sector ${recipientSector(toAgency)} is in its scope)`,
      );
    return { ok: true, valid: { kind: 'consent', consent } };
  }
  const meeting = check.meetings.find((m) => m.id === basis.meetingId);
  if (!meeting) return refused('meeting_on_record', `support meeting ${basis.meetingId} is not on record`);
  if (!isMeetingActiveOn(meeting, on))
    return refused(
      'meeting_active',
      on < meeting.establishedOn
        ? `support meeting ${meeting.id} was established on ${meeting.establishedOn}, after ${on}`
        : `support meeting ${meeting.id} was dissolved on ${meeting.dissolvedOn}`,
    );
  if (!isMemberOn(meeting, fromAgencyId, on))
    return refused(
      'sender_is_member',
      `agency ${fromAgencyId} (sender) is not a member of support meeting ${meeting.id} on ${on}`,
    );
  if (!isMemberOn(meeting, toAgency.id, on))
    return refused(
      'recipient_is_member',
      `agency ${toAgency.id} (recipient) is not a member of support meeting ${meeting.id} on ${on}`,
    );
  if (!isCaseBeforeMeetingOn(meeting, caseId, on))
    return refused(
      'case_before_meeting',
      `case ${caseId} is not before support meeting ${meeting.id} on ${on}`,
    );
  return { ok: true, valid: { kind: 'supportMeeting', meeting } };
}

/** Why the basis does not allow the disclosure, or null when it does. */
export function legalBasisProblem(check: LegalBasisCheck): string | null {
  const outcome = evaluate(check);
  return outcome.ok ? null : outcome.why;
}

/**
 * Checks one named basis for a disclosure on a date. Returns the record it rests on, or throws
 * `NoLegalBasisError` saying what is missing. A consent withdrawn on the share date already blocks it.
 */
export function checkLegalBasis(check: LegalBasisCheck, field = 'legalBasis'): ValidLegalBasis {
  const outcome = evaluate(check);
  if (!outcome.ok)
    throw new NoLegalBasisError(
      `no legal basis to share case ${check.caseId}: ${outcome.why}`,
      field,
      outcome.rule,
    );
  return outcome.valid;
}

/** Every basis on record that would allow the disclosure (consents first, then meetings): for pickers. */
export function findValidBases(query: DisclosureQuery): readonly LegalBasisRef[] {
  const candidates: LegalBasisRef[] = [
    ...query.consents.map((c): LegalBasisRef => ({ kind: 'consent', consentId: c.id })),
    ...query.meetings.map((m): LegalBasisRef => ({ kind: 'supportMeeting', meetingId: m.id })),
  ];
  return candidates.filter((basis) => evaluate({ ...query, basis }).ok);
}

/**
 * THE gate for every disclosure of case information to another agency: a referral, a supporting
 * agency added or named at intake, a lead handover, an agency staying on after handing the lead over,
 * a referral accepted. With a named basis, that basis must hold; without one, any valid basis on record
 * will do (consents first). Returns the basis used so the caller records it with the disclosure.
 * Refusals are `NoLegalBasisError`s naming `field` (default `legalBasis`) and the rule that failed.
 * Use within one agency is not a disclosure and does not come through here.
 */
export function assertDisclosureAllowed(
  query: DisclosureQuery & { readonly basis?: LegalBasisRef | null },
  field = 'legalBasis',
): LegalBasisRef {
  if (query.basis) {
    checkLegalBasis({ ...query, basis: query.basis }, field);
    return query.basis;
  }
  const found = findValidBases(query)[0];
  if (!found)
    throw new NoLegalBasisError(
      `no legal basis to share case ${query.caseId} with agency ${query.toAgency.id} on ${query.on}: no consent covering it and no support meeting holding both agencies and the case`,
      field,
      'legal_basis_required',
    );
  return found;
}
