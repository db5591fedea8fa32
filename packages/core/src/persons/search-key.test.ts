import { describe, expect, it } from 'vitest';
import { personSearchKeys, searchKey } from './search-key.ts';

describe('searchKey (検索キー)', () => {
  it('folds hiragana, katakana and half-width katakana into one key', () => {
    expect(searchKey('かくう たろう')).toBe('かくうたろう');
    expect(searchKey('カクウ タロウ')).toBe('かくうたろう');
    expect(searchKey('ｶｸｳ ﾀﾛｳ')).toBe('かくうたろう');
    expect(searchKey('ヴィ')).toBe('ゔい');
  });

  it('removes every space, full-width included', () => {
    expect(searchKey('　かくう　　たろう ')).toBe('かくうたろう');
    expect(searchKey('架空\t太郎')).toBe('架空太郎');
  });

  it('writes the long-vowel mark as the vowel it lengthens, う after the お row', () => {
    expect(searchKey('ユーコ')).toBe(searchKey('ゆうこ'));
    expect(searchKey('ｼｮｰﾀ')).toBe(searchKey('しょうた'));
    expect(searchKey('ケーコ')).toBe('けえこ');
    expect(searchKey('マーヤ')).toBe('まあや');
    expect(searchKey('ミー')).toBe('みい');
    expect(searchKey('コ－ジ')).toBe(searchKey('こうじ'));
    expect(searchKey('ー')).toBe('');
  });

  it('makes small kana full-size and ぢ・づ the same as じ・ず', () => {
    expect(searchKey('ジョウ')).toBe(searchKey('じよう'));
    expect(searchKey('きっか')).toBe('きつか');
    expect(searchKey('みちづれ')).toBe(searchKey('みちずれ'));
    expect(searchKey('ちぢみ')).toBe(searchKey('ちじみ'));
  });

  it('keeps kanji and voiced marks apart, lower-cases Latin letters', () => {
    expect(searchKey('架空')).not.toBe(searchKey('仮空'));
    expect(searchKey('かとう')).not.toBe(searchKey('がとう'));
    expect(searchKey('Ｈａｎａｋｏ KAKUU')).toBe('hanakokakuu');
  });

  it('gives a person the keys of their name and of their reading', () => {
    expect(personSearchKeys({ displayName: '架空 太郎', kana: 'カクウ タロー' })).toEqual({
      nameKey: '架空太郎',
      kanaKey: 'かくうたろう',
    });
    expect(personSearchKeys({ displayName: '架空', kana: null }).kanaKey).toBe('');
  });
});
