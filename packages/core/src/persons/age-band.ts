import { z } from 'zod';
import { type AgeCutoff, ageCutoff, ageOn, type CalendarDate } from '../shared/dates.ts';
import type { Person } from './person.ts';

/**
 * 年代: the age bands of the monitoring reports (10代 20代 30代 40代 50代 60代以上 不明). A contact is
 * counted by the PERSON's age on the contact date, even when a parent called.
 */
export const AgeBand = {
  Teens: '10s', // 10代（20歳未満を含む）
  Twenties: '20s', // 20代
  Thirties: '30s', // 30代
  Forties: '40s', // 40代
  Fifties: '50s', // 50代
  SixtiesPlus: '60plus', // 60代以上
  Unknown: 'unknown', // 不明
} as const;
export type AgeBand = (typeof AgeBand)[keyof typeof AgeBand];
export const ageBandSchema = z.enum(['10s', '20s', '30s', '40s', '50s', '60plus', 'unknown']);
/** Report column order, youngest first, 不明 last. */
export const AGE_BAND_ORDER: readonly AgeBand[] = ageBandSchema.options;

export const AGE_BAND_LABELS_JA: Readonly<Record<AgeBand, string>> = {
  '10s': '10代',
  '20s': '20代',
  '30s': '30代',
  '40s': '40代',
  '50s': '50代',
  '60plus': '60代以上',
  unknown: '不明',
};

/**
 * Band of an age in full years. Anything under 20 is 10代 (support starts around 15, younger people are
 * rare and reports have no column for them); a negative age (date before birth) is bad data → 不明.
 */
export function ageBandOf(age: number | null): AgeBand {
  if (age === null || age < 0 || !Number.isFinite(age)) return 'unknown';
  if (age < 20) return '10s';
  if (age < 30) return '20s';
  if (age < 40) return '30s';
  if (age < 50) return '40s';
  if (age < 60) return '50s';
  return '60plus';
}

/** The person's band on `date`; with only a birth year-month the age is the lower bound (see `ageOn`). */
export function ageBandOn(person: Pick<Person, 'birthDate' | 'birthYearMonth'>, date: CalendarDate): AgeBand {
  return ageBandOf(ageOn(person, date));
}

/** The full years of age each band covers: from `from` up to, not including, `below` (none for 60代以上). */
export const AGE_BAND_RANGES: Readonly<
  Record<Exclude<AgeBand, 'unknown'>, { readonly from: number; readonly below: number | null }>
> = {
  '10s': { from: 0, below: 20 },
  '20s': { from: 20, below: 30 },
  '30s': { from: 30, below: 40 },
  '40s': { from: 40, below: 50 },
  '50s': { from: 50, below: 60 },
  '60plus': { from: 60, below: null },
};

/**
 * A band on `on` as birth-date bounds (for a caseload filter a database evaluates). A known band: at
 * least `atLeast` and, when `below` is set, not at least `below`. 不明: no birth date or month on record,
 * or not at least `below` (age 0: born after `on`). The same answer as `ageBandOn`.
 */
export type AgeBandCutoffs =
  | {
      readonly band: Exclude<AgeBand, 'unknown'>;
      readonly atLeast: AgeCutoff;
      readonly below: AgeCutoff | null;
    }
  | { readonly band: 'unknown'; readonly below: AgeCutoff };

export function ageBandCutoffs(band: AgeBand, on: CalendarDate): AgeBandCutoffs {
  if (band === 'unknown') return { band, below: ageCutoff(0, on) };
  const range = AGE_BAND_RANGES[band];
  return {
    band,
    atLeast: ageCutoff(range.from, on),
    below: range.below === null ? null : ageCutoff(range.below, on),
  };
}
