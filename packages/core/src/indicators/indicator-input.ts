import { z } from 'zod';
import type { Agency } from '../agencies/agency.ts';
import { AREA_MAX_MUNICIPALITIES } from '../areas/area.ts';
import type { CaseStatusChange } from '../case-status/case-status.ts';
import type { CaseRecord } from '../cases/case-record.ts';
import type { AnonymousConsultation } from '../contacts/anonymous-consultation.ts';
import type { Contact } from '../contacts/contact.ts';
import { type MunicipalityCode, municipalityCodeSchema } from '../municipality/municipality-code.ts';
import type { Person } from '../persons/person.ts';
import type { PlaceKind } from '../programmes/place.ts';
import type { Referral } from '../referrals/referral.ts';
import type { CalendarDate } from '../shared/dates.ts';
import { type ReportingPeriod, reportingPeriodSchema } from '../shared/fiscal-year.ts';
import type { AgencyId, CaseId, PlaceId } from '../shared/ids.ts';
import { text } from '../shared/text.ts';
import type { FamilyStageChange, SupportStageChange } from '../stages/stage-history.ts';
import type { Supporter } from '../supporters/supporter.ts';

/** What the indicators read of a case. `status` is used only when the case has no status history. */
export type IndicatorCase = Pick<
  CaseRecord,
  'id' | 'personId' | 'municipalityCode' | 'leadAgencyId' | 'supportingAgencyIds' | 'openedOn' | 'status'
>;

export type IndicatorStageEntry = Pick<
  SupportStageChange,
  'caseId' | 'from' | 'to' | 'direction' | 'effectiveOn' | 'sequence'
>;

export type IndicatorFamilyStageEntry = Pick<FamilyStageChange, 'caseId' | 'to' | 'effectiveOn' | 'sequence'>;

/** `reason` is the closure reason on `closed` entries (終結理由). */
export type IndicatorStatusEntry = Pick<
  CaseStatusChange,
  'caseId' | 'to' | 'effectiveOn' | 'sequence' | 'reason'
>;

/** ひきこもりサポーター: who registered them, where they are active, when trained and registered. */
export type IndicatorSupporter = Pick<
  Supporter,
  'agencyId' | 'municipalityCode' | 'trainedOn' | 'registeredOn'
>;

export type IndicatorContact = Pick<
  Contact,
  'id' | 'caseId' | 'agencyId' | 'occurredOn' | 'channel' | 'consultingParty' | 'personContact' | 'contents'
>;

export type IndicatorPerson = Pick<Person, 'id' | 'birthDate' | 'birthYearMonth' | 'household' | 'sex'>;

export type IndicatorReferral = Pick<
  Referral,
  | 'id'
  | 'caseId'
  | 'fromAgencyId'
  | 'toAgencyId'
  | 'status'
  | 'sentOn'
  | 'outcome'
  | 'completedOn'
  | 'previousReferralId'
  | 'history'
>;

/** Receiving agencies of referrals (kind → sector) and organisers of conferences (municipality). */
export type IndicatorAgency = Pick<Agency, 'id' | 'kind'> & Partial<Pick<Agency, 'municipalityCode'>>;

export type IndicatorAnonymousConsultation = Pick<
  AnonymousConsultation,
  'agencyId' | 'municipalityCode' | 'occurredOn' | 'channel' | 'consultingParty' | 'ageBand'
>;

/** A place running group programmes: who runs it and where (the scope of its attendance). */
export interface IndicatorPlace {
  readonly id: PlaceId;
  readonly agencyId: AgencyId;
  readonly municipalityCode: string | null;
  readonly kind: PlaceKind;
}

/** 未登録参加者数 of one session, at its place and day. */
export interface IndicatorSessionHeadcount {
  readonly placeId: PlaceId;
  readonly heldOn: CalendarDate;
  readonly persons: number;
  readonly familyMembers: number;
}

/** ケース会議・支援会議: who convened it, when, and how many cases it discussed. */
export interface IndicatorConference {
  readonly organiserAgencyId: AgencyId;
  readonly heldOn: CalendarDate;
  readonly caseCount: number;
}

/** 居場所等への参加: one day a case's person (or family) took part in a place. */
export interface PlaceAttendance {
  readonly caseId: CaseId;
  readonly attendedOn: CalendarDate;
  readonly placeId: PlaceId;
}

/**
 * The records the indicators are computed from. Pass everything the caller may see: the scope of the
 * query picks what counts. Contacts must be complete for a case (before the period too), since a
 * new consultation is told from a continuing one by the case's first contact ever.
 */
export interface IndicatorDataset {
  readonly cases: readonly IndicatorCase[];
  /** The person's stage history (本人の支援段階) of the cases, any order. */
  readonly stageHistory: readonly IndicatorStageEntry[];
  /** The family's stage history (家族支援の段階) of the cases, any order. */
  readonly familyStageHistory: readonly IndicatorFamilyStageEntry[];
  /** Status history of the cases, to tell whether a case was open on the period's last day. */
  readonly statusHistory: readonly IndicatorStatusEntry[];
  /** The contacts that count: a voided one (取消) counts nowhere, so it is left out. */
  readonly contacts: readonly IndicatorContact[];
  readonly persons: readonly IndicatorPerson[];
  readonly referrals: readonly IndicatorReferral[];
  /** Receiving agencies of the referrals (their kind gives the sector). */
  readonly agencies: readonly IndicatorAgency[];
  readonly placeAttendances: readonly PlaceAttendance[];
  /** 匿名相談: consultations without a case. */
  readonly anonymousConsultations: readonly IndicatorAnonymousConsultation[];
  /** Every place (the scope of group attendance: the running agency, the place's municipality). */
  readonly places: readonly IndicatorPlace[];
  readonly sessionHeadcounts: readonly IndicatorSessionHeadcount[];
  /** Conferences; their organisers must be in `agencies` for the municipality scope. */
  readonly conferences: readonly IndicatorConference[];
  /** ひきこもりサポーター (scope: the registering agency, or the municipality they are active in). */
  readonly supporters: readonly IndicatorSupporter[];
}

/** No records at all: the shape of a report with every figure 0. */
export const EMPTY_INDICATOR_DATASET: IndicatorDataset = {
  cases: [],
  stageHistory: [],
  familyStageHistory: [],
  statusHistory: [],
  contacts: [],
  persons: [],
  referrals: [],
  agencies: [],
  placeAttendances: [],
  anonymousConsultations: [],
  places: [],
  sessionHeadcounts: [],
  conferences: [],
  supporters: [],
};

/**
 * Whose figures:
 * - `agency`: one agency's own work. Contact figures count the contacts the agency held (on any case);
 *   a "new consultation" is then the agency's first contact with the case. Case figures (connections,
 *   stages) count the cases the agency is now lead or supporting agency of. Referral figures count the
 *   referrals the agency sent.
 * - `municipality`: the cases of one municipality (the case's municipality code) with all their
 *   contacts and referrals, whichever agency made them.
 * - `area`: a 圏域, a prefecture's grouping of municipalities: as `municipality`, over each of them.
 * - `all`: every case given.
 *
 * Records without a case follow the same idea: 匿名相談 count for the agency that took them or the
 * municipality the person lives in; group attendance for the agency running the place or the place's
 * municipality; conferences for the organiser or the organiser's municipality.
 */
export type IndicatorScope =
  | { readonly kind: 'agency'; readonly agencyId: AgencyId }
  | { readonly kind: 'municipality'; readonly municipalityCode: MunicipalityCode }
  | {
      readonly kind: 'area';
      /** The 圏域 asked for; its municipalities come from the mapping an administrator keeps. */
      readonly areaId: string;
      readonly municipalityCodes: readonly MunicipalityCode[];
    }
  | { readonly kind: 'all' };

export interface IndicatorQuery {
  readonly period: ReportingPeriod;
  readonly scope: IndicatorScope;
  /** True for figures that leave the agency: small counts are suppressed (see suppression.ts). */
  readonly publishing: boolean;
}

export const indicatorScopeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('agency'), agencyId: text('id') }),
  z.object({ kind: z.literal('municipality'), municipalityCode: municipalityCodeSchema }),
  z.object({
    kind: z.literal('area'),
    areaId: text('id'),
    municipalityCodes: z.array(municipalityCodeSchema).min(1).max(AREA_MAX_MUNICIPALITIES).readonly(),
  }),
  z.object({ kind: z.literal('all') }),
]);

export const indicatorQuerySchema = z.object({
  period: reportingPeriodSchema,
  scope: indicatorScopeSchema,
  publishing: z.boolean(),
});
export type IndicatorQueryInput = z.input<typeof indicatorQuerySchema>;
