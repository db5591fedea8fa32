import { describe, expect, it } from 'vitest';
import { addHouseholdMember } from './household.ts';
import { createPerson } from './person.ts';
import { pseudonymise, pseudonymiseMergeFormer, pseudonymLabel } from './pseudonymise.ts';

const now = new Date('2024-06-01T03:00:00Z');

function person() {
  const p = createPerson(
    'p1',
    {
      displayName: '山田 太郎',
      kana: 'ヤマダ タロウ',
      birthDate: '1984-06-15',
      sex: 'male',
      municipalityCode: '242012',
    },
    now,
  );
  return addHouseholdMember(
    p,
    'm1',
    { relation: 'mother', displayName: '山田 花子', birthYear: 1950, livesWithPerson: true },
    now,
  );
}

describe('pseudonymise', () => {
  it('drops name, kana, birth day and household names; keeps what reports need', () => {
    const original = person();
    const safe = pseudonymise(original);
    expect(safe.displayName).toBe('A');
    expect(safe.kana).toBeNull();
    expect(safe.birthDate).toBeNull();
    expect(safe.birthYearMonth).toBe('1984-06');
    expect(safe.household).toEqual([
      { id: 'm1', relation: 'mother', displayName: null, birthYear: 1950, livesWithPerson: true },
    ]);
    expect(safe.sex).toBe('male');
    expect(safe.municipalityCode).toBe('242012');
    expect(JSON.stringify(safe)).not.toMatch(/山田|ヤマダ|太郎|花子|1984-06-15/);
    // the original record is not changed
    expect(original.displayName).toBe('山田 太郎');
    expect(original.household[0]?.displayName).toBe('山田 花子');
  });

  it('takes a label and a replacement id', () => {
    const safe = pseudonymise(person(), { label: pseudonymLabel(1), id: 'export-7' });
    expect(safe.displayName).toBe('B');
    expect(safe.id).toBe('export-7');
  });

  it('keeps a year-month-only birth as it is', () => {
    const p = { ...person(), birthDate: null, birthYearMonth: '1990-02' };
    expect(pseudonymise(p).birthYearMonth).toBe('1990-02');
  });

  it("pseudonymises a merge record's former attributes like the person", () => {
    const { displayName, kana, birthDate, birthYearMonth, sex, municipalityCode, household } = person();
    const former = { displayName, kana, birthDate, birthYearMonth, sex, municipalityCode, household };
    const safe = pseudonymiseMergeFormer(former, 'B');
    expect(safe).toEqual({
      displayName: 'B',
      kana: null,
      birthDate: null,
      birthYearMonth: '1984-06',
      sex: 'male',
      municipalityCode: '242012',
      household: [
        { id: 'm1', relation: 'mother', displayName: null, birthYear: 1950, livesWithPerson: true },
      ],
    });
    expect(former.displayName).toBe('山田 太郎');
  });

  it('numbers labels A..Z, AA..', () => {
    expect([0, 1, 25, 26, 27, 51, 52].map(pseudonymLabel)).toEqual(['A', 'B', 'Z', 'AA', 'AB', 'AZ', 'BA']);
    expect(() => pseudonymLabel(-1)).toThrow(RangeError);
  });
});
