import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseInput } from '../shared/errors.ts';
import { matchesNameSearch, nameSearchTerms, personNameQuerySchema } from './name-search.ts';

const query = (text: string) =>
  nameSearchTerms(parseInput(z.object({ q: personNameQuerySchema }), { q: text }).q);

describe('name search (氏名検索)', () => {
  const taro = { displayName: '架空 太郎', kana: 'かくう たろう' };
  const hanako = { displayName: 'Hanako KAKUU', kana: 'ハナコ' };

  it('splits at any space, full-width included, and needs every part', () => {
    expect(query('　かくう　 たろう ').map((t) => t.spellings[0])).toEqual(['かくう', 'たろう']);
    expect(matchesNameSearch(taro, query('かくう たろう'))).toBe(true);
    expect(matchesNameSearch(taro, query('かくう じろう'))).toBe(false);
  });

  it('matches the name or the reading, kana in either script, Latin letters in either case', () => {
    expect(matchesNameSearch(taro, query('太郎'))).toBe(true);
    expect(matchesNameSearch(taro, query('タロウ'))).toBe(true);
    expect(matchesNameSearch(taro, query('ｶｸｳ'))).toBe(true);
    expect(matchesNameSearch(hanako, query('はなこ'))).toBe(true);
    expect(matchesNameSearch(hanako, query('kakuu'))).toBe(true);
    expect(matchesNameSearch({ displayName: '架空', kana: null }, query('かくう'))).toBe(false);
  });

  it('refuses an empty or overlong query, naming the rule', () => {
    expect(() => query('  ')).toThrow(expect.objectContaining({ field: 'q', rule: 'too_small' }));
    expect(() => query('あ'.repeat(101))).toThrow(expect.objectContaining({ field: 'q', rule: 'too_big' }));
  });
});
