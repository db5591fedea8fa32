import { z } from 'zod';
import { type MunicipalityCode, municipalityCodeSchema } from '../municipality/municipality-code.ts';
import {
  type CalendarDate,
  calendarDateOf,
  calendarDateSchema,
  type YearMonth,
  yearMonthSchema,
} from '../shared/dates.ts';
import { parseInput, ValidationError, type ValidationIssue } from '../shared/errors.ts';
import type { PersonId } from '../shared/ids.ts';
import { text, textUpTo } from '../shared/text.ts';
import { type HouseholdMember, MIN_BIRTH_YEAR } from './household.ts';

/** 性別 as recorded on the intake form. */
export const Sex = {
  Female: 'female', // 女性
  Male: 'male', // 男性
  Other: 'other', // その他
  Unknown: 'unknown', // 不明・未回答
} as const;
export type Sex = (typeof Sex)[keyof typeof Sex];
export const sexSchema = z.enum(['female', 'male', 'other', 'unknown']);

export const SEX_LABELS_JA: Readonly<Record<Sex, string>> = {
  female: '女性',
  male: '男性',
  other: 'その他',
  unknown: '不明',
};

/**
 * 当事者: the person in (or at risk of) withdrawal whom the case is about. `displayName` may be a
 * pseudonym. Birth is known to the day, to the month only (pseudonymised records), or not at all;
 * when `birthDate` is set, `birthYearMonth` is always its year-month.
 */
export interface Person {
  readonly id: PersonId;
  readonly displayName: string;
  /** Reading in kana (ふりがな), normalised NFKC; null when unknown. */
  readonly kana: string | null;
  readonly birthDate: CalendarDate | null;
  readonly birthYearMonth: YearMonth | null;
  readonly sex: Sex;
  /** The municipality responsible for the person (居住地の市町村). */
  readonly municipalityCode: MunicipalityCode;
  readonly household: readonly HouseholdMember[];
  /**
   * The day the record was pseudonymised after its retention period (保存期間経過後の仮名化); null
   * while it still identifies the person.
   */
  readonly pseudonymisedOn: CalendarDate | null;
  /**
   * 名寄せ: the person this record was merged into (`mergePersons`); null while it stands on its own.
   * A merged record keeps its id so that old references resolve to the kept person.
   */
  readonly mergedIntoId: PersonId | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/**
 * A person without the household: what a caseload shows when no household is asked (names, age,
 * municipality). Read so, the household is neither handed out nor audited as read.
 */
export type PersonSummary = Omit<Person, 'household'>;

/** The summary of a person, leaving the household out even of a whole record. */
export function personSummaryOf(person: Person | PersonSummary): PersonSummary {
  if (!('household' in person)) return person;
  const { household: _household, ...summary } = person;
  return summary;
}

/** Hiragana, katakana, the prolonged sound mark, middle dot, iteration marks, and single spaces. */
const KANA_RE =
  /^[\u3041-\u3096\u309D\u309E\u30A1-\u30FA\u30FB\u30FC\u30FD\u30FE]+( [\u3041-\u3096\u309D\u309E\u30A1-\u30FA\u30FB\u30FC\u30FD\u30FE]+)*$/;

/** NFKC turns half-width katakana into full-width and the ideographic space into a plain one. */
export function normaliseKana(value: string): string {
  return value.normalize('NFKC').trim().replace(/\s+/g, ' ');
}

export function isKana(value: string): boolean {
  return KANA_RE.test(value);
}

const displayNameSchema = text('personName');

/** Keeps `undefined` (no change) apart from empty (cleared). */
const kanaSchema = textUpTo('personName')
  .nullish()
  .transform((v) => (v === undefined ? undefined : v === null ? null : normaliseKana(v) || null))
  .refine((v) => v == null || isKana(v), {
    message: 'kana must be hiragana or katakana (spaces allowed)',
    params: { rule: 'kana_only' },
  });

const birthFields = {
  birthDate: calendarDateSchema.nullish(),
  birthYearMonth: yearMonthSchema.nullish(),
};

/** Input for a new person. Household members are added one by one with `addHouseholdMember`. */
export const personInputSchema = z
  .object({
    displayName: displayNameSchema,
    kana: kanaSchema,
    ...birthFields,
    sex: sexSchema.default('unknown'),
    municipalityCode: municipalityCodeSchema,
  })
  .superRefine(birthConsistency);
export type PersonInput = z.input<typeof personInputSchema>;

/** A change to a person: omitted fields stay, `null` clears a nullable field. */
export const personUpdateInputSchema = z
  .object({
    displayName: displayNameSchema.optional(),
    kana: kanaSchema,
    ...birthFields,
    sex: sexSchema.optional(),
    municipalityCode: municipalityCodeSchema.optional(),
  })
  .superRefine(birthConsistency);
export type PersonUpdateInput = z.input<typeof personUpdateInputSchema>;

function birthConsistency(
  v: { birthDate?: string | null | undefined; birthYearMonth?: string | null | undefined },
  ctx: z.RefinementCtx,
): void {
  if (v.birthDate && v.birthYearMonth && v.birthDate.slice(0, 7) !== v.birthYearMonth)
    ctx.addIssue({
      code: 'custom',
      path: ['birthYearMonth'],
      message: 'birth year-month must be the year-month of the birth date',
      params: { rule: 'birth_year_month_matches_birth_date' },
    });
}

export function createPerson(id: PersonId, input: PersonInput, now: Date): Person {
  const parsed = parseInput(personInputSchema, input);
  const birthDate = parsed.birthDate ?? null;
  const person: Person = {
    id,
    displayName: parsed.displayName,
    kana: parsed.kana ?? null,
    birthDate,
    birthYearMonth: birthDate ? birthDate.slice(0, 7) : (parsed.birthYearMonth ?? null),
    sex: parsed.sex,
    municipalityCode: parsed.municipalityCode,
    household: [],
    pseudonymisedOn: null,
    mergedIntoId: null,
    createdAt: now,
    updatedAt: now,
  };
  assertBirthPlausible(person, now);
  return person;
}

/**
 * Applies a change. Setting `birthDate` re-derives `birthYearMonth`; clearing `birthDate` alone keeps
 * the year-month (a record may be reduced to year-month precision).
 */
export function updatePerson(person: Person, input: PersonUpdateInput, now: Date): Person {
  const parsed = parseInput(personUpdateInputSchema, input);
  const birthDate = parsed.birthDate !== undefined ? parsed.birthDate : person.birthDate;
  let birthYearMonth = parsed.birthYearMonth !== undefined ? parsed.birthYearMonth : person.birthYearMonth;
  if (parsed.birthDate && parsed.birthYearMonth === undefined) birthYearMonth = parsed.birthDate.slice(0, 7);
  if (birthDate && birthYearMonth !== birthDate.slice(0, 7))
    throw new ValidationError([
      {
        field: parsed.birthYearMonth !== undefined ? 'birthYearMonth' : 'birthDate',
        rule: 'birth_year_month_matches_birth_date',
        message: 'birth year-month must be the year-month of the birth date',
      },
    ]);
  const updated: Person = {
    ...person,
    ...(parsed.displayName !== undefined && { displayName: parsed.displayName }),
    ...(parsed.kana !== undefined && { kana: parsed.kana }),
    ...(parsed.sex !== undefined && { sex: parsed.sex }),
    ...(parsed.municipalityCode !== undefined && { municipalityCode: parsed.municipalityCode }),
    birthDate,
    birthYearMonth,
    updatedAt: now,
  };
  assertBirthPlausible(updated, now);
  return updated;
}

/** Birth may not lie in the future (Japan time) nor before 1900. */
function assertBirthPlausible(person: Person, now: Date): void {
  const today = calendarDateOf(now);
  const issues: ValidationIssue[] = [];
  if (person.birthDate) {
    if (person.birthDate > today)
      issues.push({
        field: 'birthDate',
        rule: 'not_in_future',
        message: `birth date is after today (${today})`,
      });
    else if (Number(person.birthDate.slice(0, 4)) < MIN_BIRTH_YEAR)
      issues.push({
        field: 'birthDate',
        rule: 'birth_plausible',
        message: `birth is before ${MIN_BIRTH_YEAR}`,
      });
  } else if (person.birthYearMonth) {
    if (person.birthYearMonth > today.slice(0, 7))
      issues.push({
        field: 'birthYearMonth',
        rule: 'not_in_future',
        message: `birth month is after today (${today})`,
      });
    else if (Number(person.birthYearMonth.slice(0, 4)) < MIN_BIRTH_YEAR)
      issues.push({
        field: 'birthYearMonth',
        rule: 'birth_plausible',
        message: `birth is before ${MIN_BIRTH_YEAR}`,
      });
  }
  if (issues.length > 0) throw new ValidationError(issues);
}
