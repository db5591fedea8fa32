import type { CalendarDate } from '../shared/dates.ts';
import type { PersonId } from '../shared/ids.ts';
import type { HouseholdMember } from './household.ts';
import type { Person } from './person.ts';
import type { PersonMergeFormer } from './person-merge.ts';

/** A person with the identifying fields gone: what may leave the agency (export, case study, 事例検討). */
export type PseudonymisedPerson = Omit<Person, 'kana' | 'birthDate' | 'household'> & {
  readonly kana: null;
  readonly birthDate: null;
  readonly household: readonly (Omit<HouseholdMember, 'displayName'> & { readonly displayName: null })[];
};

export const DEFAULT_PSEUDONYM_LABEL = 'A';

/** Case-study style labels: 0 → A, 25 → Z, 26 → AA, 27 → AB … (used as 「Aさん」). */
export function pseudonymLabel(index: number): string {
  if (!Number.isInteger(index) || index < 0)
    throw new RangeError(`pseudonym index must be a non-negative integer`);
  let n = index;
  let label = '';
  do {
    label = String.fromCharCode(65 + (n % 26)) + label;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return label;
}

export interface PseudonymiseOptions {
  /** Replaces the display name; default `A`. Callers numbering several people use `pseudonymLabel(i)`. */
  readonly label?: string;
  /** Replaces the id too when the export must not be linkable to the register. */
  readonly id?: PersonId;
  /**
   * When the register's own record is pseudonymised (retention), the day it happens: kept on the
   * record as `pseudonymisedOn`. Omitted for a copy that leaves the register.
   */
  readonly on?: CalendarDate;
}

/**
 * A copy safe to publish or export: the name becomes a code label, the kana goes, the birth date is
 * reduced to its year-month, and household members lose their names (relation, birth year and
 * living-together stay: reports and the 8050 rule need them). Sex and municipality stay.
 */
export function pseudonymise(person: Person, options: PseudonymiseOptions = {}): PseudonymisedPerson {
  return {
    id: options.id ?? person.id,
    ...pseudonymisedAttributes(person, options.label),
    pseudonymisedOn: options.on ?? person.pseudonymisedOn,
    mergedIntoId: person.mergedIntoId,
    createdAt: person.createdAt,
    updatedAt: person.updatedAt,
  };
}

/** The identifying attributes a person (or a merge record's former person) keeps once pseudonymised. */
function pseudonymisedAttributes(person: PersonMergeFormer, label = DEFAULT_PSEUDONYM_LABEL) {
  return {
    displayName: label,
    kana: null,
    birthDate: null,
    birthYearMonth: person.birthDate ? person.birthDate.slice(0, 7) : person.birthYearMonth,
    sex: person.sex,
    municipalityCode: person.municipalityCode,
    household: person.household.map((m) => ({
      id: m.id,
      relation: m.relation,
      displayName: null,
      birthYear: m.birthYear,
      livesWithPerson: m.livesWithPerson,
    })),
  } as const;
}

/**
 * A merge record's former attributes pseudonymised like the person they were merged into (retention):
 * the merged record was the same person under another registration.
 */
export function pseudonymiseMergeFormer(
  former: PersonMergeFormer,
  label = DEFAULT_PSEUDONYM_LABEL,
): PersonMergeFormer {
  return pseudonymisedAttributes(former, label);
}
