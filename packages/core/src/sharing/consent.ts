import { z } from 'zod';
import { type AgencyKind, type AgencySector, agencySectorSchema, sectorOf } from '../agencies/agency-kind.ts';
import { type CalendarDate, calendarDateSchema } from '../shared/dates.ts';
import { PreconditionError, parseInput } from '../shared/errors.ts';
import type { AgencyId, CaseId, ConsentId, HouseholdMemberId } from '../shared/ids.ts';
import { text, textUpTo } from '../shared/text.ts';

/**
 * 情報共有への同意. Diagnoses, disabilities and treatment in a case are 要配慮個人情報: sharing them with
 * another agency needs the person's consent or another legal basis (a 支援会議, see support-meeting.ts).
 * A consent names who gave it, when, and for which agencies (by id or by whole sector); it can be
 * withdrawn, and withdrawal stops new shares from that day on (shares made before stay lawful).
 */
export type ConsentGiver =
  | { readonly kind: 'person' } // 本人
  | { readonly kind: 'householdMember'; readonly householdMemberId: HouseholdMemberId }; // 家族（世帯員）

export interface ConsentScope {
  /** Named agencies the consent covers. */
  readonly agencyIds: readonly AgencyId[];
  /** Whole sectors the consent covers (e.g. "医療機関に相談してよい"). */
  readonly sectors: readonly AgencySector[];
}

export interface Consent {
  readonly id: ConsentId;
  readonly caseId: CaseId;
  readonly givenBy: ConsentGiver;
  readonly scope: ConsentScope;
  readonly givenOn: CalendarDate;
  readonly withdrawnOn: CalendarDate | null;
  readonly note: string | null;
}

export const consentGiverSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('person') }),
  z.object({ kind: z.literal('householdMember'), householdMemberId: text('id') }),
]);

export const consentScopeSchema = z
  .object({
    agencyIds: z
      .array(text('id'))
      .default([])
      .transform((ids) => [...new Set(ids)]),
    sectors: z
      .array(agencySectorSchema)
      .default([])
      .transform((s) => [...new Set(s)]),
  })
  .refine((s) => s.agencyIds.length + s.sectors.length > 0, {
    message: 'a consent must cover at least one agency or sector',
    params: { rule: 'scope_not_empty' },
  });

export const consentInputSchema = z.object({
  caseId: text('id'),
  givenBy: consentGiverSchema,
  scope: consentScopeSchema,
  givenOn: calendarDateSchema,
  note: textUpTo('longText')
    .nullish()
    .transform((v) => (v ? v : null)),
});
export type ConsentInput = z.input<typeof consentInputSchema>;

export function recordConsent(id: ConsentId, input: ConsentInput): Consent {
  if (!id) throw new PreconditionError('id_given', 'a new consent needs an id', 'id');
  const parsed = parseInput(consentInputSchema, input);
  return { id, ...parsed, withdrawnOn: null };
}

/** 同意の撤回: effective from `on` (a share dated `on` is already blocked). */
export function withdrawConsent(consent: Consent, on: CalendarDate): Consent {
  const date = parseInput(z.object({ withdrawnOn: calendarDateSchema }), { withdrawnOn: on }).withdrawnOn;
  if (consent.withdrawnOn !== null)
    throw new PreconditionError(
      'consent_not_withdrawn',
      `consent ${consent.id} was already withdrawn on ${consent.withdrawnOn}`,
      'withdrawnOn',
    );
  if (date < consent.givenOn)
    throw new PreconditionError(
      'withdrawal_not_before_given',
      `consent ${consent.id} was given on ${consent.givenOn}; it cannot be withdrawn on ${date}`,
      'withdrawnOn',
    );
  return { ...consent, withdrawnOn: date };
}

/** In force on `on`: given on or before it and not withdrawn on or before it. */
export function isConsentInForce(consent: Consent, on: CalendarDate): boolean {
  return consent.givenOn <= on && (consent.withdrawnOn === null || on < consent.withdrawnOn);
}

/** A recipient is identified by id and either its kind or its sector (an `Agency` fits). */
export type SharingRecipient =
  | { readonly id: AgencyId; readonly kind: AgencyKind }
  | { readonly id: AgencyId; readonly sector: AgencySector };

export function recipientSector(recipient: SharingRecipient): AgencySector {
  return 'sector' in recipient ? recipient.sector : sectorOf(recipient.kind);
}

/** The consent's scope names the agency, or the agency's whole sector. */
export function consentCovers(consent: Consent, recipient: SharingRecipient): boolean {
  return (
    consent.scope.agencyIds.includes(recipient.id) ||
    consent.scope.sectors.includes(recipientSector(recipient))
  );
}
