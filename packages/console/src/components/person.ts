import { formatDate } from '../app/dates.ts';

/** The API's maxima of a person's text fields (the gateway's `max-length.ts`). */
export const PERSON_FIELD_MAX = {
  name: 100,
  kana: 100,
  municipalityCode: 6,
  reason: 1000,
} as const;

/** 1990-04-12 → 1990年4月12日生; only the month known → 1990年4月生. */
export function birthOf(person: {
  readonly birthDate?: string | null;
  readonly birthYearMonth?: string | null;
}): string {
  if (person.birthDate) return `${formatDate(person.birthDate)}生`;
  if (person.birthYearMonth)
    return `${+person.birthYearMonth.slice(0, 4)}年${+person.birthYearMonth.slice(5, 7)}月生`;
  return '生年月日不明';
}
