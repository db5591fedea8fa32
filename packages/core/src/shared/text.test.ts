import { describe, expect, it } from 'vitest';
import { personInputSchema } from '../persons/person.ts';
import { parseInput, ValidationError } from './errors.ts';
import { brokenTextRule, TEXT_MAX_LENGTH, text, textUpTo } from './text.ts';

function refusal(run: () => unknown) {
  try {
    run();
  } catch (error) {
    if (error instanceof ValidationError) return { field: error.field, rule: error.rule };
    throw error;
  }
  throw new Error('accepted');
}

describe('the text rule', () => {
  it('finds NUL and unpaired surrogates, and accepts any paired character', () => {
    expect(brokenTextRule('a\u0000b')).toBe('noNulCharacter');
    expect(brokenTextRule('\uD800')).toBe('noUnpairedSurrogate');
    expect(brokenTextRule('x\uDC00')).toBe('noUnpairedSurrogate');
    expect(brokenTextRule('\uDC00\uD800')).toBe('noUnpairedSurrogate');
    expect(brokenTextRule('𠮷野家 🙂 ひきこもり')).toBeNull();
  });

  it('trims, refuses empty and over-long text by kind, and counts the maximum exactly', () => {
    expect(text('name').parse('  名前  ')).toBe('名前');
    expect(text('name').safeParse('   ').success).toBe(false);
    expect(text('name').safeParse('あ'.repeat(TEXT_MAX_LENGTH.name)).success).toBe(true);
    expect(text('name').safeParse('あ'.repeat(TEXT_MAX_LENGTH.name + 1)).success).toBe(false);
    expect(textUpTo('longText').parse('')).toBe('');
    expect(textUpTo('longText').safeParse('x'.repeat(TEXT_MAX_LENGTH.longText + 1)).success).toBe(false);
  });

  it('is what input schemas refuse with, naming the field and the rule', () => {
    const person = { displayName: '架空 太郎', birthYear: 1990, sex: 'male', municipalityCode: '242012' };
    expect(
      refusal(() => parseInput(personInputSchema, { ...person, displayName: '架空\u0000太郎' })),
    ).toEqual({
      field: 'displayName',
      rule: 'noNulCharacter',
    });
    expect(refusal(() => parseInput(personInputSchema, { ...person, displayName: '架空\uD83D' }))).toEqual({
      field: 'displayName',
      rule: 'noUnpairedSurrogate',
    });
    // 300 000 kana once reached the database index; the reading is a name, so 100 at most.
    expect(refusal(() => parseInput(personInputSchema, { ...person, kana: 'あ'.repeat(300_000) }))).toEqual({
      field: 'kana',
      rule: 'too_big',
    });
  });
});
