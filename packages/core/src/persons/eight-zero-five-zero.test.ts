import { describe, expect, it } from 'vitest';
import {
  EIGHT_ZERO_FIVE_ZERO_PARENT_MIN_AGE,
  EIGHT_ZERO_FIVE_ZERO_PERSON_MIN_AGE,
  eightZeroFiveZeroCutoffs,
  eightZeroFiveZeroOn,
  isEightZeroFiveZero,
  minimumAgeFromBirthYear,
} from './eight-zero-five-zero.ts';
import type { HouseholdMember } from './household.ts';
import type { Person } from './person.ts';

type Birth = Pick<Person, 'birthDate' | 'birthYearMonth' | 'household'>;

function member(overrides: Partial<HouseholdMember> = {}): HouseholdMember {
  return {
    id: 'm1',
    relation: 'mother',
    displayName: null,
    birthYear: 1949,
    livesWithPerson: true,
    ...overrides,
  };
}

/** A person turning 40 on 1 June 2024 with a mother born in 1949 living with them. */
function person(overrides: Partial<Birth> = {}): Birth {
  return { birthDate: '1984-06-01', birthYearMonth: '1984-06', household: [member()], ...overrides };
}

describe('8050 rule', () => {
  it('exports its thresholds', () => {
    expect(EIGHT_ZERO_FIVE_ZERO_PERSON_MIN_AGE).toBe(40);
    expect(EIGHT_ZERO_FIVE_ZERO_PARENT_MIN_AGE).toBe(75);
  });

  it('counts a parent known only by birth year at the youngest age they can be', () => {
    expect(minimumAgeFromBirthYear(1949, '2024-01-01')).toBe(74);
    expect(minimumAgeFromBirthYear(1949, '2024-12-30')).toBe(74); // born 31 Dec 1949 is still 74
    expect(minimumAgeFromBirthYear(1949, '2024-12-31')).toBe(75); // everyone born in 1949 is 75 now
    expect(minimumAgeFromBirthYear(1949, '2025-01-01')).toBe(75);
  });

  it('applies with a 75+ parent living with a 40+ person and names the parent', () => {
    const result = eightZeroFiveZeroOn(person(), '2025-01-01');
    expect(result.applies).toBe(true);
    if (!result.applies) throw new Error('unreachable');
    expect(result.personAge).toBe(40);
    expect(result.triggeredBy).toEqual([
      { memberId: 'm1', relation: 'mother', livesWithPerson: true, minimumAge: 75, qualifies: true },
    ]);
  });

  it('does not flag a parent who might still be 74 (birth year 1949 during 2024)', () => {
    const result = eightZeroFiveZeroOn(person(), '2024-12-30');
    expect(result).toMatchObject({ applies: false, reason: 'parentUnderAge', personAge: 40 });
    expect(result.parents[0]?.minimumAge).toBe(74);
    expect(isEightZeroFiveZero(person(), '2024-12-31')).toBe(true);
  });

  it('flags at 40 but not at 39 (the day before the birthday)', () => {
    const older = person({ household: [member({ birthYear: 1940 })] });
    expect(eightZeroFiveZeroOn(older, '2024-05-31')).toMatchObject({
      applies: false,
      reason: 'personUnderAge',
      personAge: 39,
    });
    expect(eightZeroFiveZeroOn(older, '2024-06-01')).toMatchObject({ applies: true, personAge: 40 });
  });

  it('uses the lower-bound age for a year-month-only person', () => {
    const p = person({
      birthDate: null,
      birthYearMonth: '1984-06',
      household: [member({ birthYear: 1940 })],
    });
    expect(isEightZeroFiveZero(p, '2024-06-29')).toBe(false);
    expect(isEightZeroFiveZero(p, '2024-06-30')).toBe(true);
  });

  it('ignores a parent who does not live with the person', () => {
    const p = person({ household: [member({ birthYear: 1940, livesWithPerson: false })] });
    const result = eightZeroFiveZeroOn(p, '2025-01-01');
    expect(result).toMatchObject({ applies: false, reason: 'noParentLivingWithPerson' });
    expect(result.parents[0]).toMatchObject({ minimumAge: 84, qualifies: false });
  });

  it('does not apply when the person age is unknown, whatever the parents', () => {
    const p = person({ birthDate: null, birthYearMonth: null, household: [member({ birthYear: 1930 })] });
    expect(eightZeroFiveZeroOn(p, '2025-01-01')).toMatchObject({
      applies: false,
      reason: 'personAgeUnknown',
      personAge: null,
    });
  });

  it('explains a missing parent, an unknown parent age, and non-parent members', () => {
    expect(eightZeroFiveZeroOn(person({ household: [] }), '2025-01-01')).toMatchObject({
      reason: 'noParentRecorded',
    });
    const grandparentOnly = person({ household: [member({ relation: 'grandparent', birthYear: 1920 })] });
    expect(eightZeroFiveZeroOn(grandparentOnly, '2025-01-01')).toMatchObject({ reason: 'noParentRecorded' });
    const unknownAge = person({
      household: [member({ birthYear: null }), member({ id: 'm2', relation: 'father', birthYear: 1960 })],
    });
    expect(eightZeroFiveZeroOn(unknownAge, '2025-01-01')).toMatchObject({ reason: 'parentAgeUnknown' });
  });

  it('counts fathers and step-parents as parents, and lists every qualifying one', () => {
    const p = person({
      household: [
        member({ id: 'f', relation: 'father', birthYear: 1945 }),
        member({ id: 's', relation: 'stepParent', birthYear: 1948 }),
        member({ id: 'm', relation: 'mother', birthYear: 1955 }),
      ],
    });
    const result = eightZeroFiveZeroOn(p, '2025-01-01');
    expect(result.applies).toBe(true);
    if (!result.applies) throw new Error('unreachable');
    expect(result.triggeredBy.map((t) => t.memberId)).toEqual(['f', 's']);
    expect(result.parents).toHaveLength(3);
  });
});

describe('eightZeroFiveZeroCutoffs: the rule as a storage filter', () => {
  /** How a database applies the cutoffs: the person's age bound, then any qualifying parent row. */
  function flagged(p: Birth, on: string): boolean {
    const c = eightZeroFiveZeroCutoffs(on);
    const personOld =
      p.birthDate !== null
        ? p.birthDate <= c.person.bornOnOrBefore
        : p.birthYearMonth !== null && p.birthYearMonth <= c.person.bornInMonthOnOrBefore;
    return (
      personOld &&
      p.household.some(
        (m) =>
          c.parentRelations.includes(m.relation) &&
          m.livesWithPerson &&
          m.birthYear !== null &&
          m.birthYear <= c.parentBornInOrBefore,
      )
    );
  }

  it('agrees with the rule for people, parents and dates around every boundary', () => {
    const ons = ['2024-05-31', '2024-06-01', '2024-12-30', '2024-12-31', '2025-01-01', '2024-02-29'];
    const relations = ['mother', 'father', 'sibling'] as const;
    let checked = 0;
    for (const on of ons)
      for (const birthDate of ['1984-05-31', '1984-06-01', '1984-06-02', '1985-01-01', null])
        for (const birthYearMonth of ['1984-05', '1984-06', null])
          for (const birthYear of [1947, 1948, 1949, 1950, null])
            for (const relation of relations)
              for (const livesWithPerson of [true, false]) {
                const p = person({
                  birthDate,
                  birthYearMonth,
                  household: [member({ relation, birthYear, livesWithPerson })],
                });
                expect(flagged(p, on), JSON.stringify({ on, p })).toBe(isEightZeroFiveZero(p, on));
                checked += 1;
              }
    expect(checked).toBe(ons.length * 5 * 3 * 5 * 3 * 2);
  });
});
