import { z } from 'zod';
import { municipalityCodeSchema } from '../municipality/municipality-code.ts';
import { yearMonthSchema } from '../shared/dates.ts';
import { parseInput, ValidationError } from '../shared/errors.ts';
import { text } from '../shared/text.ts';
import type { Person } from './person.ts';
import { searchKey } from './search-key.ts';

/**
 * 当事者検索: persons by part of their name or reading, exact birth year-month and municipality. Name
 * and kana are compared as search keys (`searchKey`), so ｶｸｳ finds かくう and ユーコ finds ゆうこ; a
 * part anywhere in the name or reading matches. Every criterion given must hold; at least one is
 * needed (`criterion_required`): the register is never listed whole by this search.
 */
export const personSearchInputSchema = z.object({
  name: text('personName').nullish(),
  kana: text('personName').nullish(),
  birthYearMonth: yearMonthSchema.nullish(),
  municipalityCode: municipalityCodeSchema.nullish(),
});
export type PersonSearchInput = z.input<typeof personSearchInputSchema>;

/** The search as storage runs it: keys, not typed text. */
export interface PersonSearchFilter {
  readonly nameKey?: string;
  readonly kanaKey?: string;
  readonly birthYearMonth?: string;
  readonly municipalityCode?: string;
}

export function personSearchFilterOf(input: PersonSearchInput): PersonSearchFilter {
  const parsed = parseInput(personSearchInputSchema, input);
  const nameKey = parsed.name ? searchKey(parsed.name) : '';
  const kanaKey = parsed.kana ? searchKey(parsed.kana) : '';
  const filter: PersonSearchFilter = {
    ...(nameKey && { nameKey }),
    ...(kanaKey && { kanaKey }),
    ...(parsed.birthYearMonth && { birthYearMonth: parsed.birthYearMonth }),
    ...(parsed.municipalityCode && { municipalityCode: parsed.municipalityCode }),
  };
  if (Object.keys(filter).length === 0)
    throw new ValidationError([
      {
        field: '',
        rule: 'criterion_required',
        message: 'give a name, a kana reading, a birth year-month or a municipality',
      },
    ]);
  return filter;
}

/** Whether a person matches (the storage-independent definition; merged records never match). */
export function matchesPersonSearch(person: Person, filter: PersonSearchFilter): boolean {
  if (person.mergedIntoId !== null) return false;
  if (filter.nameKey !== undefined && !searchKey(person.displayName).includes(filter.nameKey)) return false;
  if (filter.kanaKey !== undefined && !searchKey(person.kana ?? '').includes(filter.kanaKey)) return false;
  if (filter.birthYearMonth !== undefined && person.birthYearMonth !== filter.birthYearMonth) return false;
  if (filter.municipalityCode !== undefined && person.municipalityCode !== filter.municipalityCode)
    return false;
  return true;
}
