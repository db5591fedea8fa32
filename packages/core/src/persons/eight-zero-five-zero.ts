import { type AgeCutoff, ageCutoff, ageOn, type CalendarDate, parseCalendarDate } from '../shared/dates.ts';
import type { HouseholdMemberId } from '../shared/ids.ts';
import { type HouseholdMember, type HouseholdRelation, PARENT_RELATIONS } from './household.ts';
import type { Person } from './person.ts';

/**
 * 8050問題 — the whole rule lives in this file.
 *
 * A case is in an 8050 situation on a date when BOTH hold on that date:
 *  1. the person is at least {@link EIGHT_ZERO_FIVE_ZERO_PERSON_MIN_AGE} (40) years old, and
 *  2. a parent (mother, father or step-parent — {@link EIGHT_ZERO_FIVE_ZERO_PARENT_RELATIONS}) who lives
 *     with the person is at least {@link EIGHT_ZERO_FIVE_ZERO_PARENT_MIN_AGE} (75) years old.
 *
 * The thresholds are lower than the name's 80/50 on purpose: the point is to notice the household before
 * the parent's income stops or they need care, not after.
 *
 * Ages are lower bounds, so a flag is never raised on a guess:
 *  - the person's age is `ageOn` (with only a birth year-month, the birthday is taken as the month's last day);
 *  - a parent has only a birth year, so their age is the youngest they can be: the age of someone born on
 *    31 December of that year, i.e. `year(on) − birthYear − 1`, or `year(on) − birthYear` on 31 December
 *    itself (by then everyone born that year has had their birthday). A parent born in 1949 is therefore
 *    counted as 74 throughout 2024 (they might still be 74) and flagged only from 2024-12-31.
 *  - unknown ages never qualify; the result says which age was missing.
 */
export const EIGHT_ZERO_FIVE_ZERO_PERSON_MIN_AGE = 40;
export const EIGHT_ZERO_FIVE_ZERO_PARENT_MIN_AGE = 75;
export const EIGHT_ZERO_FIVE_ZERO_PARENT_RELATIONS: readonly HouseholdRelation[] = PARENT_RELATIONS;

/** How one parent in the household fared against the rule. */
export interface EightZeroFiveZeroParentCheck {
  readonly memberId: HouseholdMemberId;
  readonly relation: HouseholdRelation;
  readonly livesWithPerson: boolean;
  /** The youngest the parent can be on the date; null when no birth year is recorded. */
  readonly minimumAge: number | null;
  /** Lives with the person and is certainly at least 75. */
  readonly qualifies: boolean;
}

/** Why the rule did not apply (the first failing condition, person before parents). */
export type EightZeroFiveZeroNotApplicableReason =
  | 'personAgeUnknown' // 本人の年齢不明
  | 'personUnderAge' // 本人が40歳未満
  | 'noParentRecorded' // 世帯に親の記録なし
  | 'noParentLivingWithPerson' // 同居の親なし
  | 'parentAgeUnknown' // 同居の親の年齢不明（75歳以上の可能性あり）
  | 'parentUnderAge'; // 同居の親が75歳未満（の可能性あり）

export const EIGHT_ZERO_FIVE_ZERO_NOT_APPLICABLE_LABELS_JA: Readonly<
  Record<EightZeroFiveZeroNotApplicableReason, string>
> = {
  personAgeUnknown: '本人の年齢不明',
  personUnderAge: '本人が40歳未満',
  noParentRecorded: '世帯に親の記録なし',
  noParentLivingWithPerson: '同居の親なし',
  parentAgeUnknown: '同居の親の年齢不明（75歳以上の可能性あり）',
  parentUnderAge: '同居の親が75歳未満（の可能性あり）',
};

export type EightZeroFiveZeroResult =
  | {
      readonly applies: true;
      readonly on: CalendarDate;
      readonly personAge: number;
      readonly parents: readonly EightZeroFiveZeroParentCheck[];
      /** The qualifying parents (at least one). */
      readonly triggeredBy: readonly EightZeroFiveZeroParentCheck[];
    }
  | {
      readonly applies: false;
      readonly on: CalendarDate;
      readonly personAge: number | null;
      readonly parents: readonly EightZeroFiveZeroParentCheck[];
      readonly reason: EightZeroFiveZeroNotApplicableReason;
    };

/** The youngest a person born in `birthYear` can be on `on`. */
export function minimumAgeFromBirthYear(birthYear: number, on: CalendarDate): number {
  // ageOn with a year-month takes the month's last day as birthday: December → 31 December, the latest.
  return ageOn({ birthYearMonth: `${String(birthYear).padStart(4, '0')}-12` }, on) as number;
}

function checkParent(member: HouseholdMember, on: CalendarDate): EightZeroFiveZeroParentCheck {
  const minimumAge = member.birthYear === null ? null : minimumAgeFromBirthYear(member.birthYear, on);
  return {
    memberId: member.id,
    relation: member.relation,
    livesWithPerson: member.livesWithPerson,
    minimumAge,
    qualifies:
      member.livesWithPerson && minimumAge !== null && minimumAge >= EIGHT_ZERO_FIVE_ZERO_PARENT_MIN_AGE,
  };
}

/** Evaluates the 8050 rule on `on`, explaining which parent triggered it or why it did not apply. */
export function eightZeroFiveZeroOn(
  person: Pick<Person, 'birthDate' | 'birthYearMonth' | 'household'>,
  on: CalendarDate,
): EightZeroFiveZeroResult {
  const personAge = ageOn(person, on);
  const parents = person.household
    .filter((m) => EIGHT_ZERO_FIVE_ZERO_PARENT_RELATIONS.includes(m.relation))
    .map((m) => checkParent(m, on));
  const triggeredBy = parents.filter((p) => p.qualifies);
  const notApplicable = (reason: EightZeroFiveZeroNotApplicableReason): EightZeroFiveZeroResult => ({
    applies: false,
    on,
    personAge,
    parents,
    reason,
  });

  if (personAge === null) return notApplicable('personAgeUnknown');
  if (personAge < EIGHT_ZERO_FIVE_ZERO_PERSON_MIN_AGE) return notApplicable('personUnderAge');
  if (triggeredBy.length > 0) return { applies: true, on, personAge, parents, triggeredBy };
  if (parents.length === 0) return notApplicable('noParentRecorded');
  const cohabiting = parents.filter((p) => p.livesWithPerson);
  if (cohabiting.length === 0) return notApplicable('noParentLivingWithPerson');
  // An unknown age might be 75 or more: say so rather than "under age", so staff ask.
  if (cohabiting.some((p) => p.minimumAge === null)) return notApplicable('parentAgeUnknown');
  return notApplicable('parentUnderAge');
}

export function isEightZeroFiveZero(
  person: Pick<Person, 'birthDate' | 'birthYearMonth' | 'household'>,
  on: CalendarDate,
): boolean {
  return eightZeroFiveZeroOn(person, on).applies;
}

/**
 * The rule on `on` as bounds a database can evaluate (the caseload's 8050 filter): the person is at
 * least 40 (`person`), and a parent relation living with them was born in `parentBornInOrBefore` or
 * earlier. The same answer as `isEightZeroFiveZero`.
 */
export interface EightZeroFiveZeroCutoffs {
  readonly person: AgeCutoff;
  readonly parentRelations: readonly HouseholdRelation[];
  readonly parentBornInOrBefore: number;
}

export function eightZeroFiveZeroCutoffs(on: CalendarDate): EightZeroFiveZeroCutoffs {
  const year = parseCalendarDate(on).year;
  const latest = year - EIGHT_ZERO_FIVE_ZERO_PARENT_MIN_AGE;
  return {
    person: ageCutoff(EIGHT_ZERO_FIVE_ZERO_PERSON_MIN_AGE, on),
    parentRelations: EIGHT_ZERO_FIVE_ZERO_PARENT_RELATIONS,
    // Born in year − 75 counts only once all of that year are certainly 75 (on 31 December).
    parentBornInOrBefore:
      minimumAgeFromBirthYear(latest, on) >= EIGHT_ZERO_FIVE_ZERO_PARENT_MIN_AGE ? latest : latest - 1,
  };
}
