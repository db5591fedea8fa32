import { describe, expect, it } from 'vitest';
import { createPerson } from './person.ts';
import { matchesPersonSearch, personSearchFilterOf } from './person-search.ts';

const person = createPerson(
  'p1',
  { displayName: '架空 優子', kana: 'かくう ゆうこ', birthYearMonth: '1980-02', municipalityCode: '242012' },
  new Date('2024-07-01T01:00:00Z'),
);
const matches = (input: Parameters<typeof personSearchFilterOf>[0]) =>
  matchesPersonSearch(person, personSearchFilterOf(input));

describe('person search (当事者検索)', () => {
  it('matches part of the reading in any script, width or spelling of the long vowel', () => {
    expect(matches({ kana: 'ユーコ' })).toBe(true);
    expect(matches({ kana: 'ｶｸｳ ﾕｳ' })).toBe(true);
    expect(matches({ kana: 'ゆきこ' })).toBe(false);
  });

  it('matches part of the name with spaces ignored, and every criterion given', () => {
    expect(matches({ name: '空優' })).toBe(true);
    expect(matches({ name: '架空', birthYearMonth: '1980-02', municipalityCode: '242012' })).toBe(true);
    expect(matches({ name: '架空', birthYearMonth: '1980-03' })).toBe(false);
    expect(matches({ kana: 'かくう', municipalityCode: '011002' })).toBe(false);
  });

  it('never finds a merged record', () => {
    expect(
      matchesPersonSearch({ ...person, mergedIntoId: 'p2' }, personSearchFilterOf({ kana: 'かくう' })),
    ).toBe(false);
  });

  it('needs a criterion and refuses malformed ones, naming the field and rule', () => {
    expect(() => personSearchFilterOf({})).toThrow(expect.objectContaining({ rule: 'criterion_required' }));
    expect(() => personSearchFilterOf({ name: '  ', kana: null })).toThrow(
      expect.objectContaining({ field: 'name' }),
    );
    expect(() => personSearchFilterOf({ birthYearMonth: '1980-13' })).toThrow(
      expect.objectContaining({ field: 'birthYearMonth' }),
    );
    expect(() => personSearchFilterOf({ municipalityCode: '242013' })).toThrow(
      expect.objectContaining({ field: 'municipalityCode' }),
    );
  });
});
