import { describe, expect, it } from 'vitest';
import { NotFoundError, PreconditionError, ValidationError } from '../shared/errors.ts';
import {
  addHouseholdMember,
  householdMemberInputSchema,
  livesAlone,
  removeHouseholdMember,
  updateHouseholdMember,
} from './household.ts';
import {
  createPerson,
  isKana,
  normaliseKana,
  type Person,
  type PersonInput,
  updatePerson,
} from './person.ts';

const now = new Date('2024-06-01T03:00:00Z');
const later = new Date('2024-07-01T03:00:00Z');

const base: PersonInput = {
  displayName: '山田 太郎',
  kana: 'やまだ たろう',
  birthDate: '1984-06-15',
  sex: 'male',
  municipalityCode: '242012',
};

function validationError(fn: () => unknown): ValidationError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return e as ValidationError;
  }
  throw new Error('expected a ValidationError');
}

function expectIssue(fn: () => unknown, field: string, rule: string): void {
  const error = validationError(fn);
  expect(error.issues).toContainEqual(expect.objectContaining({ field, rule }));
}

describe('createPerson', () => {
  it('builds a person with an empty household and derives the birth year-month', () => {
    const p = createPerson('p1', base, now);
    expect(p).toEqual({
      id: 'p1',
      displayName: '山田 太郎',
      kana: 'やまだ たろう',
      birthDate: '1984-06-15',
      birthYearMonth: '1984-06',
      sex: 'male',
      municipalityCode: '242012',
      household: [],
      pseudonymisedOn: null,
      mergedIntoId: null,
      createdAt: now,
      updatedAt: now,
    });
  });

  it('keeps a year-month-only birth, defaults sex to unknown and empty kana to null', () => {
    const p = createPerson(
      'p1',
      { displayName: 'A', kana: '  ', birthYearMonth: '1990-03', municipalityCode: '242012' },
      now,
    );
    expect(p.birthDate).toBeNull();
    expect(p.birthYearMonth).toBe('1990-03');
    expect(p.sex).toBe('unknown');
    expect(p.kana).toBeNull();
  });

  it('accepts no birth information at all', () => {
    const p = createPerson('p1', { displayName: 'A', municipalityCode: '242012' }, now);
    expect(p.birthDate).toBeNull();
    expect(p.birthYearMonth).toBeNull();
    expect(p.kana).toBeNull();
  });

  it('requires a non-empty display name', () => {
    expectIssue(() => createPerson('p1', { ...base, displayName: '   ' }, now), 'displayName', 'too_small');
    expectIssue(
      () => createPerson('p1', { ...base, displayName: 'x'.repeat(101) }, now),
      'displayName',
      'too_big',
    );
  });

  it('accepts hiragana, katakana (half-width normalised) and spaces as kana, nothing else', () => {
    expect(createPerson('p1', { ...base, kana: 'ヤマダ　タロウ' }, now).kana).toBe('ヤマダ タロウ');
    expect(createPerson('p1', { ...base, kana: 'ﾔﾏﾀﾞ ﾀﾛｰ' }, now).kana).toBe('ヤマダ タロー');
    expectIssue(() => createPerson('p1', { ...base, kana: '山田' }, now), 'kana', 'kana_only');
    expectIssue(() => createPerson('p1', { ...base, kana: 'yamada' }, now), 'kana', 'kana_only');
    expect(isKana('やまだ・たろう')).toBe(true);
    expect(normaliseKana(' や  まだ ')).toBe('や まだ');
  });

  it('validates the municipality code check digit', () => {
    expectIssue(
      () => createPerson('p1', { ...base, municipalityCode: '242013' }, now),
      'municipalityCode',
      'municipality_code_check_digit',
    );
  });

  it('validates birth date, year-month format and sex', () => {
    expectIssue(
      () => createPerson('p1', { ...base, birthDate: '1984-02-30' }, now),
      'birthDate',
      'calendar_date',
    );
    expectIssue(
      () => createPerson('p1', { ...base, birthDate: null, birthYearMonth: '1984-13' }, now),
      'birthYearMonth',
      'invalid_format',
    );
    expectIssue(() => createPerson('p1', { ...base, sex: 'x' as never }, now), 'sex', 'invalid_value');
  });

  it('requires the year-month to match the birth date when both are given', () => {
    expect(createPerson('p1', { ...base, birthYearMonth: '1984-06' }, now).birthYearMonth).toBe('1984-06');
    expectIssue(
      () => createPerson('p1', { ...base, birthYearMonth: '1984-07' }, now),
      'birthYearMonth',
      'birth_year_month_matches_birth_date',
    );
  });

  it('rejects a birth in the future (Japan time) or before 1900', () => {
    // 2024-06-01T16:00Z is already 2 June in Japan.
    expect(
      createPerson('p1', { ...base, birthDate: '2024-06-02' }, new Date('2024-06-01T16:00:00Z')).birthDate,
    ).toBe('2024-06-02');
    expectIssue(
      () => createPerson('p1', { ...base, birthDate: '2024-06-02' }, now),
      'birthDate',
      'not_in_future',
    );
    expectIssue(
      () => createPerson('p1', { ...base, birthDate: null, birthYearMonth: '2024-07' }, now),
      'birthYearMonth',
      'not_in_future',
    );
    expectIssue(
      () => createPerson('p1', { ...base, birthDate: '1899-12-31' }, now),
      'birthDate',
      'birth_plausible',
    );
    expectIssue(
      () => createPerson('p1', { ...base, birthDate: null, birthYearMonth: '1899-12' }, now),
      'birthYearMonth',
      'birth_plausible',
    );
  });
});

describe('updatePerson', () => {
  const person = createPerson('p1', base, now);

  it('changes only the given fields and bumps updatedAt', () => {
    const p = updatePerson(person, { displayName: '山田 一郎', sex: 'other' }, later);
    expect(p.displayName).toBe('山田 一郎');
    expect(p.sex).toBe('other');
    expect(p.kana).toBe(person.kana);
    expect(p.birthDate).toBe(person.birthDate);
    expect(p.createdAt).toBe(now);
    expect(p.updatedAt).toBe(later);
  });

  it('clears kana with null or an empty string', () => {
    expect(updatePerson(person, { kana: null }, later).kana).toBeNull();
    expect(updatePerson(person, { kana: '' }, later).kana).toBeNull();
  });

  it('re-derives the year-month from a new birth date', () => {
    const p = updatePerson(person, { birthDate: '1985-01-02' }, later);
    expect(p.birthYearMonth).toBe('1985-01');
  });

  it('reduces a birth date to year-month precision when only the date is cleared', () => {
    const p = updatePerson(person, { birthDate: null }, later);
    expect(p.birthDate).toBeNull();
    expect(p.birthYearMonth).toBe('1984-06');
  });

  it('rejects a year-month that contradicts the kept birth date', () => {
    expectIssue(
      () => updatePerson(person, { birthYearMonth: '1990-01' }, later),
      'birthYearMonth',
      'birth_year_month_matches_birth_date',
    );
    expectIssue(
      () => updatePerson(person, { birthDate: '1990-01-05', birthYearMonth: '1990-02' }, later),
      'birthYearMonth',
      'birth_year_month_matches_birth_date',
    );
  });

  it('validates updated fields like new ones', () => {
    expectIssue(() => updatePerson(person, { kana: 'ABC' }, later), 'kana', 'kana_only');
    expectIssue(
      () => updatePerson(person, { municipalityCode: '24201' }, later),
      'municipalityCode',
      'municipality_code_format',
    );
    expectIssue(() => updatePerson(person, { birthDate: '2030-01-01' }, later), 'birthDate', 'not_in_future');
  });
});

describe('household', () => {
  const person: Person = createPerson('p1', base, now);

  it('adds members with caller-chosen ids; empty names become null', () => {
    const p = addHouseholdMember(
      person,
      'm1',
      { relation: 'mother', displayName: ' ', birthYear: 1955, livesWithPerson: true },
      later,
    );
    expect(p.household).toEqual([
      { id: 'm1', relation: 'mother', displayName: null, birthYear: 1955, livesWithPerson: true },
    ]);
    expect(p.updatedAt).toBe(later);
    expect(person.household).toEqual([]); // the original is untouched
  });

  it('validates member input', () => {
    const ok = { relation: 'father', displayName: '父', birthYear: 1950, livesWithPerson: true } as const;
    expectIssue(
      () => addHouseholdMember(person, 'm1', { ...ok, relation: 'uncle' as never }, now),
      'relation',
      'invalid_value',
    );
    expectIssue(
      () => addHouseholdMember(person, 'm1', { ...ok, birthYear: 1899 }, now),
      'birthYear',
      'too_small',
    );
    expectIssue(
      () => addHouseholdMember(person, 'm1', { ...ok, birthYear: 2101 }, now),
      'birthYear',
      'too_big',
    );
    expectIssue(
      () => addHouseholdMember(person, 'm1', { ...ok, birthYear: 1950.5 }, now),
      'birthYear',
      'invalid_type',
    );
    expectIssue(
      () => addHouseholdMember(person, 'm1', { ...ok, displayName: 'x'.repeat(101) }, now),
      'displayName',
      'too_big',
    );
    expectIssue(
      () => addHouseholdMember(person, 'm1', { ...ok, livesWithPerson: undefined as never }, now),
      'livesWithPerson',
      'invalid_type',
    );
    expect(householdMemberInputSchema.safeParse(ok).success).toBe(true);
  });

  it('refuses a duplicate member id', () => {
    const p = addHouseholdMember(person, 'm1', { relation: 'mother', livesWithPerson: true }, now);
    expect(() => addHouseholdMember(p, 'm1', { relation: 'father', livesWithPerson: true }, now)).toThrow(
      expect.objectContaining({ rule: 'household_member_id_unique', field: 'memberId' }),
    );
    expect(() => addHouseholdMember(p, 'm1', { relation: 'father', livesWithPerson: true }, now)).toThrow(
      PreconditionError,
    );
  });

  it('updates and removes members, failing on unknown ids', () => {
    let p = addHouseholdMember(
      person,
      'm1',
      { relation: 'mother', birthYear: 1950, livesWithPerson: true },
      now,
    );
    p = addHouseholdMember(p, 'm2', { relation: 'sibling', livesWithPerson: false }, now);
    p = updateHouseholdMember(p, 'm1', { livesWithPerson: false, displayName: '花子' }, later);
    expect(p.household[0]).toEqual({
      id: 'm1',
      relation: 'mother',
      displayName: '花子',
      birthYear: 1950,
      livesWithPerson: false,
    });
    expect(updateHouseholdMember(p, 'm1', { birthYear: null }, later).household[0]?.birthYear).toBeNull();
    expectIssue(() => updateHouseholdMember(p, 'm1', { birthYear: 1800 }, later), 'birthYear', 'too_small');
    expect(() => updateHouseholdMember(p, 'nope', { birthYear: 1950 }, later)).toThrow(NotFoundError);
    const removed = removeHouseholdMember(p, 'm2', later);
    expect(removed.household.map((m) => m.id)).toEqual(['m1']);
    expect(() => removeHouseholdMember(p, 'nope', later)).toThrow(NotFoundError);
  });

  it('livesAlone: no member lives with the person', () => {
    expect(livesAlone(person)).toBe(true);
    const p = addHouseholdMember(person, 'm1', { relation: 'mother', livesWithPerson: false }, now);
    expect(livesAlone(p)).toBe(true);
    const q = addHouseholdMember(p, 'm2', { relation: 'sibling', livesWithPerson: true }, now);
    expect(livesAlone(q)).toBe(false);
  });
});
