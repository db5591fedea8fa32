import { describe, expect, it } from 'vitest';
import { duplicateLookupOf, duplicateRulesOf, findDuplicates } from './duplicates.ts';
import { createPerson, type Person } from './person.ts';

const now = new Date('2024-07-01T01:00:00Z');
const stored = (id: string, input: Parameters<typeof createPerson>[1]): Person =>
  createPerson(id, input, now);
const taro = stored('p1', {
  displayName: '架空 太郎',
  kana: 'かくう たろう',
  birthDate: '1971-05-10',
  municipalityCode: '242012',
});

describe('duplicate rules (重複の疑い)', () => {
  it('takes the same reading and birth date for the same person, whatever the script or spacing', () => {
    const probe = {
      displayName: '架空 太朗',
      kana: 'ｶｸｳﾀﾛｰ',
      birthDate: '1971-05-10',
      birthYearMonth: '1971-05',
      municipalityCode: '011002',
    };
    expect(duplicateRulesOf(probe, taro)).toEqual(['kana_birth_date', 'kana_birth_month']);
    expect(findDuplicates(probe, [taro])).toEqual([
      { personId: 'p1', score: 95, rules: ['kana_birth_date', 'kana_birth_month'] },
    ]);
  });

  it('matches the name and birth date when the reading is missing', () => {
    const probe = {
      displayName: '架空　太郎',
      kana: null,
      birthDate: '1971-05-10',
      birthYearMonth: '1971-05',
      municipalityCode: '242012',
    };
    expect(duplicateRulesOf(probe, taro)).toEqual(['name_birth_date']);
  });

  it('weighs a year-month match by the municipality, and a reading alone only when birth is unknown', () => {
    const monthOnly = {
      displayName: 'K',
      kana: 'カクウ タロウ',
      birthDate: null,
      birthYearMonth: '1971-05',
      municipalityCode: '242012',
    };
    expect(findDuplicates(monthOnly, [taro])[0]).toMatchObject({
      score: 80,
      rules: ['kana_birth_month_municipality'],
    });
    expect(findDuplicates({ ...monthOnly, municipalityCode: '011002' }, [taro])[0]?.score).toBe(60);
    const unknownBirth = { ...monthOnly, birthYearMonth: null };
    expect(findDuplicates(unknownBirth, [taro])[0]).toMatchObject({
      score: 50,
      rules: ['kana_municipality_birth_unknown'],
    });
    expect(findDuplicates({ ...unknownBirth, municipalityCode: '011002' }, [taro])).toEqual([]);
  });

  it('rules out a different birth date, pseudonymised and merged records, and ranks best first', () => {
    const probe = {
      displayName: '架空 太郎',
      kana: 'かくう たろう',
      birthDate: '1971-05-11',
      birthYearMonth: '1971-05',
      municipalityCode: '242012',
    };
    expect(findDuplicates(probe, [taro])).toEqual([]);
    const same = { ...probe, birthDate: '1971-05-10' };
    const merged = { ...taro, id: 'p0', mergedIntoId: 'p9' };
    const pseudonymised = { ...taro, id: 'p2', pseudonymisedOn: '2030-01-01' };
    const monthOnly = stored('p3', {
      displayName: '別人',
      kana: 'かくう たろう',
      birthYearMonth: '1971-05',
      municipalityCode: '242012',
    });
    expect(
      findDuplicates(same, [monthOnly, merged, pseudonymised, taro]).map((m) => [m.personId, m.score]),
    ).toEqual([
      ['p1', 95],
      ['p3', 80],
    ]);
    expect(findDuplicates(same, [taro])[0]?.rules).toEqual([
      'kana_birth_date',
      'name_birth_date',
      'kana_birth_month_municipality',
    ]);
  });

  it('asks storage for the reading or the name with the birth date, and for nothing without either', () => {
    expect(duplicateLookupOf({ ...taro, kana: 'カクウ タロウ' })).toEqual({
      kanaKey: 'かくうたろう',
      nameKey: '架空太郎',
      birthDate: '1971-05-10',
    });
    expect(duplicateLookupOf({ ...taro, kana: null, birthDate: null })).toBeNull();
  });
});
