import { z } from 'zod';
import { ageOn, type CalendarDate } from '../shared/dates.ts';
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
