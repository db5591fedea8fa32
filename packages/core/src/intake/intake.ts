import { z } from 'zod';
import type { Actor } from '../shared/actor.ts';
import { type CalendarDate, calendarDateOf, type YearMonth, yearMonthSchema } from '../shared/dates.ts';
import { parseInput, ValidationError, type ValidationIssue, VersionConflictError } from '../shared/errors.ts';
import type { CaseId, StaffId } from '../shared/ids.ts';
import { type NoteVisibilityValue, noteVisibilitySchema } from '../shared/note-visibility.ts';
import { TEXT_MAX_LENGTH, text } from '../shared/text.ts';
import {
  type ConditionStatus,
  conditionStatusSchema,
  type DisabilityCertificate,
  type DiscoveryRoute,
  disabilityCertificateSchema,
  discoveryRouteSchema,
  type MedicalCare,
  medicalCareSchema,
  type WithdrawalDurationBand,
  type WithdrawalTrigger,
  withdrawalTriggerSchema,
} from './intake-vocabulary.ts';

/**
 * 受付時の状況: what the intake form records about the withdrawal itself — since when, what set it
 * off, and how the case came to light. Part of the person section (本人情報): those who read the
 * person read it. Saved whole (the form), with a version against lost updates.
 */
export interface CaseIntake {
  readonly caseId: CaseId;
  /** ひきこもり状態になった年月; null when nobody knows. */
  readonly withdrawalOnset: YearMonth | null;
  /** The onset is an estimate (「10年ほど前から」), not a known month. */
  readonly withdrawalOnsetApproximate: boolean;
  /** きっかけ: none, one or several; `unknown` stands alone. */
  readonly triggers: readonly WithdrawalTrigger[];
  /** 把握経路; null when not recorded. */
  readonly discoveryRoute: DiscoveryRoute | null;
  /** Starts at 1, +1 on every change. */
  readonly version: number;
  /** Who recorded this version. */
  readonly recordedBy: StaffId;
  readonly recordedAt: Date;
}

/** A free-text note with its disclosure wall (開示制限). */
export interface HealthNote {
  readonly text: string;
  readonly visibility: NoteVisibilityValue;
}

/**
 * 心身の状況（医療・発達の背景）: 要配慮個人情報 of its own section (`health`), so that a referral can
 * share the person's profile without it, and every read of it is audited as such.
 */
export interface HealthBackground {
  readonly caseId: CaseId;
  readonly medicalCare: MedicalCare;
  /** 発達障害（診断・疑い） */
  readonly developmentalDisability: ConditionStatus;
  /** 精神疾患（診断・疑い） */
  readonly mentalIllness: ConditionStatus;
  readonly disabilityCertificate: DisabilityCertificate;
  readonly note: HealthNote | null;
  readonly version: number;
  readonly recordedBy: StaffId;
  readonly recordedAt: Date;
}

/**
 * Optimistic concurrency for a record saved whole: none yet → `expectedVersion` omitted or null;
 * otherwise the version the caller read.
 */
const expectedVersionSchema = z.number().int().min(1).nullish();

/**
 * The intake form. Rules beyond shapes: `triggers` each at most once (`triggers_unique`) and
 * `unknown` alone (`unknown_alone`); in `recordIntake`, the onset is not after this month
 * (`not_in_future`) nor before the person's birth month (`onset_after_birth`).
 */
export const intakeInputSchema = z
  .object({
    withdrawalOnset: yearMonthSchema.nullish().transform((v) => v ?? null),
    withdrawalOnsetApproximate: z
      .boolean()
      .nullish()
      .transform((v) => v ?? false),
    triggers: z
      .array(withdrawalTriggerSchema)
      .nullish()
      .transform((v) => v ?? []),
    discoveryRoute: discoveryRouteSchema.nullish().transform((v) => v ?? null),
    expectedVersion: expectedVersionSchema,
  })
  .superRefine((v, ctx) => {
    v.triggers.forEach((trigger, i) => {
      if (v.triggers.indexOf(trigger) !== i)
        ctx.addIssue({
          code: 'custom',
          path: ['triggers', i],
          message: `trigger ${trigger} is listed twice`,
          params: { rule: 'triggers_unique' },
        });
    });
    if (v.triggers.includes('unknown') && v.triggers.length > 1)
      ctx.addIssue({
        code: 'custom',
        path: ['triggers'],
        message: 'unknown cannot be given with other triggers',
        params: { rule: 'unknown_alone' },
      });
    if (v.withdrawalOnset === null && v.withdrawalOnsetApproximate)
      ctx.addIssue({
        code: 'custom',
        path: ['withdrawalOnsetApproximate'],
        message: 'an approximate onset needs the estimated year-month',
        params: { rule: 'approximate_needs_onset' },
      });
  });
export type IntakeInput = z.input<typeof intakeInputSchema>;

export const HEALTH_NOTE_MAX_LENGTH = TEXT_MAX_LENGTH.longText;

export const healthBackgroundInputSchema = z.object({
  medicalCare: medicalCareSchema.default('unknown'),
  developmentalDisability: conditionStatusSchema.default('unknown'),
  mentalIllness: conditionStatusSchema.default('unknown'),
  disabilityCertificate: disabilityCertificateSchema.default('unknown'),
  note: z
    .object({
      text: text('longText'),
      visibility: noteVisibilitySchema.default('normal'),
    })
    .nullish()
    .transform((v) => v ?? null),
  expectedVersion: expectedVersionSchema,
});
export type HealthBackgroundInput = z.input<typeof healthBackgroundInputSchema>;

export interface IntakeContext {
  readonly caseId: CaseId;
  readonly actor: Actor;
  readonly now: Date;
  /** Today's calendar date; defaults to `now` in Japan time. */
  readonly today?: CalendarDate;
  /** The person's birth year-month when known: the onset cannot come before it. */
  readonly birthYearMonth?: YearMonth | null;
}

/** The next version of a record saved whole, or a conflict when the caller read another version. */
function nextVersion(
  entity: string,
  caseId: CaseId,
  previous: { readonly version: number } | null,
  expected: number | null | undefined,
): number {
  const current = previous?.version ?? null;
  if ((expected ?? null) !== current)
    throw new VersionConflictError(entity, caseId, expected ?? 0, current ?? 0);
  return (current ?? 0) + 1;
}

/** Validates the intake form and builds its next version; `previous` is the stored one, if any. */
export function recordIntake(
  previous: CaseIntake | null,
  input: IntakeInput,
  ctx: IntakeContext,
): CaseIntake {
  const parsed = parseInput(intakeInputSchema, input);
  const thisMonth = (ctx.today ?? calendarDateOf(ctx.now)).slice(0, 7);
  const issues: ValidationIssue[] = [];
  if (parsed.withdrawalOnset && parsed.withdrawalOnset > thisMonth)
    issues.push({
      field: 'withdrawalOnset',
      rule: 'not_in_future',
      message: `onset is after this month (${thisMonth})`,
    });
  else if (parsed.withdrawalOnset && ctx.birthYearMonth && parsed.withdrawalOnset < ctx.birthYearMonth)
    issues.push({
      field: 'withdrawalOnset',
      rule: 'onset_after_birth',
      message: `onset is before the person's birth (${ctx.birthYearMonth})`,
    });
  if (issues.length > 0) throw new ValidationError(issues);
  return {
    caseId: ctx.caseId,
    withdrawalOnset: parsed.withdrawalOnset,
    withdrawalOnsetApproximate: parsed.withdrawalOnsetApproximate,
    triggers: parsed.triggers,
    discoveryRoute: parsed.discoveryRoute,
    version: nextVersion('caseIntake', ctx.caseId, previous, parsed.expectedVersion),
    recordedBy: ctx.actor.staffId,
    recordedAt: ctx.now,
  };
}

/** Validates the health background and builds its next version. */
export function recordHealthBackground(
  previous: HealthBackground | null,
  input: HealthBackgroundInput,
  ctx: Pick<IntakeContext, 'caseId' | 'actor' | 'now'>,
): HealthBackground {
  const parsed = parseInput(healthBackgroundInputSchema, input);
  return {
    caseId: ctx.caseId,
    medicalCare: parsed.medicalCare,
    developmentalDisability: parsed.developmentalDisability,
    mentalIllness: parsed.mentalIllness,
    disabilityCertificate: parsed.disabilityCertificate,
    note: parsed.note,
    version: nextVersion('healthBackground', ctx.caseId, previous, parsed.expectedVersion),
    recordedBy: ctx.actor.staffId,
    recordedAt: ctx.now,
  };
}

/** Whole months from the onset month to the month of `on` (0 in the onset month); null without onset. */
export function withdrawalMonths(onset: YearMonth | null, on: CalendarDate): number | null {
  if (!onset) return null;
  const [y0, m0] = onset.split('-').map(Number) as [number, number];
  const [y1, m1] = on.slice(0, 7).split('-').map(Number) as [number, number];
  return Math.max(0, (y1 - y0) * 12 + (m1 - m0));
}

const BAND_LOWER_YEARS: readonly [WithdrawalDurationBand, number][] = [
  ['thirtyYearsOrMore', 30],
  ['twentyToThirtyYears', 20],
  ['fifteenToTwentyYears', 15],
  ['tenToFifteenYears', 10],
  ['fiveToTenYears', 5],
  ['twoToFiveYears', 2],
  ['oneToTwoYears', 1],
  ['underOneYear', 0],
];

/** ひきこもり期間 as the survey bands it (lower bound inclusive); null without onset. */
export function withdrawalDurationBand(
  onset: YearMonth | null,
  on: CalendarDate,
): WithdrawalDurationBand | null {
  const months = withdrawalMonths(onset, on);
  if (months === null) return null;
  const band = BAND_LOWER_YEARS.find(([, years]) => months >= years * 12);
  return band ? band[0] : 'underOneYear';
}
