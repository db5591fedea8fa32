import type { MunicipalityCode } from '../municipality/municipality-code.ts';
import type { CalendarDate, YearMonth } from '../shared/dates.ts';
import { DomainError } from '../shared/errors.ts';
import type { PersonId } from '../shared/ids.ts';
import type { Person } from './person.ts';
import { personSearchKeys } from './search-key.ts';

/**
 * 重複の疑い: the rules by which a new person is taken for one already on the register. A register
 * shared by agencies must not hold one person twice: counts of 実人数 would double and two agencies
 * would support one person without knowing of each other. Each rule compares search keys
 * (`searchKey`: kana in any script or width, spaces and ー folded) and gives a score out of 100:
 *
 * | rule                         | what matches                                                 | score |
 * | ---------------------------- | ------------------------------------------------------------ | ----- |
 * | `kana_birth_date`            | the same reading and the same birth date                     | 95    |
 * | `name_birth_date`            | the same name (kanji as written) and the same birth date     | 90    |
 * | `kana_birth_month_municipality` | the same reading, birth year-month and municipality       | 80    |
 * | `kana_birth_month`           | the same reading and birth year-month, another municipality  | 60    |
 * | `kana_municipality_birth_unknown` | the same reading and municipality, birth unknown on a side | 50 |
 *
 * A birth date known on both sides and different rules a person out whatever else matches: twins
 * aside, one person has one birthday, and two people of one name are common. Records pseudonymised
 * after retention and records merged into another are never candidates. A person matching several
 * rules is one candidate with its best score and every rule it matched.
 */
export const DuplicateRule = {
  KanaBirthDate: 'kana_birth_date',
  NameBirthDate: 'name_birth_date',
  KanaBirthMonthMunicipality: 'kana_birth_month_municipality',
  KanaBirthMonth: 'kana_birth_month',
  KanaMunicipalityBirthUnknown: 'kana_municipality_birth_unknown',
} as const;
export type DuplicateRule = (typeof DuplicateRule)[keyof typeof DuplicateRule];

export const DUPLICATE_RULE_SCORES: Readonly<Record<DuplicateRule, number>> = {
  kana_birth_date: 95,
  name_birth_date: 90,
  kana_birth_month_municipality: 80,
  kana_birth_month: 60,
  kana_municipality_birth_unknown: 50,
};

export const DUPLICATE_RULE_LABELS_JA: Readonly<Record<DuplicateRule, string>> = {
  kana_birth_date: 'ふりがなと生年月日が一致',
  name_birth_date: '氏名と生年月日が一致',
  kana_birth_month_municipality: 'ふりがな・生年月・市町村が一致',
  kana_birth_month: 'ふりがなと生年月が一致',
  kana_municipality_birth_unknown: 'ふりがなと市町村が一致（生年月日不明）',
};

/** What the rules look at, of the new person and of each stored one. */
export interface DuplicateProbe {
  readonly displayName: string;
  readonly kana: string | null;
  readonly birthDate: CalendarDate | null;
  readonly birthYearMonth: YearMonth | null;
  readonly municipalityCode: MunicipalityCode;
}

/** What storage is asked for: every person with this reading, or this name and birth date. */
export interface DuplicateLookup {
  readonly kanaKey: string | null;
  readonly nameKey: string;
  readonly birthDate: CalendarDate | null;
}

export interface DuplicateMatch {
  readonly personId: PersonId;
  /** The best score of the rules matched, out of 100. */
  readonly score: number;
  /** Every rule matched, best first. */
  readonly rules: readonly DuplicateRule[];
}

/** The lookup for a new person: null when nothing could match (no reading and no birth date). */
export function duplicateLookupOf(probe: DuplicateProbe): DuplicateLookup | null {
  const { nameKey, kanaKey } = personSearchKeys(probe);
  if (!kanaKey && !probe.birthDate) return null;
  return { kanaKey: kanaKey || null, nameKey, birthDate: probe.birthDate };
}

/** The rules a stored person matches against the new one (empty: not a candidate). */
export function duplicateRulesOf(probe: DuplicateProbe, stored: DuplicateProbe): DuplicateRule[] {
  if (probe.birthDate && stored.birthDate && probe.birthDate !== stored.birthDate) return [];
  const a = personSearchKeys(probe);
  const b = personSearchKeys(stored);
  const sameKana = a.kanaKey !== '' && a.kanaKey === b.kanaKey;
  const sameName = a.nameKey !== '' && a.nameKey === b.nameKey;
  const sameDate = probe.birthDate !== null && probe.birthDate === stored.birthDate;
  const sameMonth = probe.birthYearMonth !== null && probe.birthYearMonth === stored.birthYearMonth;
  const sameMunicipality = probe.municipalityCode === stored.municipalityCode;
  const birthUnknown = probe.birthYearMonth === null || stored.birthYearMonth === null;
  const rules: DuplicateRule[] = [];
  if (sameKana && sameDate) rules.push('kana_birth_date');
  if (sameName && sameDate) rules.push('name_birth_date');
  if (sameKana && sameMonth && sameMunicipality) rules.push('kana_birth_month_municipality');
  if (sameKana && sameMonth && !sameMunicipality) rules.push('kana_birth_month');
  if (sameKana && birthUnknown && sameMunicipality) rules.push('kana_municipality_birth_unknown');
  return rules;
}

/** The candidates among stored persons, best score first (then by id, for a stable order). */
export function findDuplicates(probe: DuplicateProbe, stored: readonly Person[]): DuplicateMatch[] {
  return stored
    .filter((p) => p.pseudonymisedOn === null && (p.mergedIntoId ?? null) === null)
    .flatMap((p) => {
      const rules = duplicateRulesOf(probe, p);
      if (rules.length === 0) return [];
      return [{ personId: p.id, score: Math.max(...rules.map((r) => DUPLICATE_RULE_SCORES[r])), rules }];
    })
    .sort((x, y) => y.score - x.score || (x.personId < y.personId ? -1 : 1));
}

/**
 * A likely duplicate as shown to the one opening a case. A person on a case the caller's agency
 * supports comes with the record; one outside its reach comes with the score and rules only — no id,
 * no name — and `outsideReach`: "a record at another agency matches", so that the worker can ask the
 * prefecture's centre or refer the case rather than register the person again.
 */
export interface DuplicateCandidate {
  readonly score: number;
  readonly rules: readonly DuplicateRule[];
  readonly person: Person | null;
  readonly outsideReach: boolean;
}

/** openCase refused: the person may be on the register already (`POSSIBLE_DUPLICATE`). */
export class PossibleDuplicateError extends DomainError {
  override readonly name = 'PossibleDuplicateError';
  constructor(readonly candidates: readonly DuplicateCandidate[]) {
    super(
      'POSSIBLE_DUPLICATE',
      `the person may be registered already (${candidates.length} candidate(s)): open the case for the existing person (personId), or confirm that this is another person (confirmNotDuplicate)`,
      'person',
      'possible_duplicate',
    );
  }
}
