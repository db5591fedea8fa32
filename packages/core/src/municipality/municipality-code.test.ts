import { describe, expect, it } from 'vitest';
import { parseInput, ValidationError } from '../shared/errors.ts';
import {
  isPrefectureCode,
  isValidMunicipalityCode,
  municipalityCheckDigit,
  municipalityCodeProblem,
  municipalityCodeSchema,
} from './municipality-code.ts';

describe('municipality code (全国地方公共団体コード)', () => {
  it('accepts codes whose check digit matches', () => {
    for (const code of ['242012', '011002', '131016', '130001'])
      expect(isValidMunicipalityCode(code)).toBe(true);
  });

  it('rejects a wrong check digit, a wrong length and an unknown prefecture', () => {
    expect(municipalityCodeProblem('242013')).toBe('check_digit');
    expect(municipalityCodeProblem('24201')).toBe('format');
    expect(municipalityCodeProblem('24201a')).toBe('format');
    expect(municipalityCodeProblem(`48000${municipalityCheckDigit('48000')}`)).toBe('prefecture');
  });

  it('computes the check digit with the weights 6..2 mod 11', () => {
    expect(municipalityCheckDigit('24201')).toBe(2);
    expect(municipalityCheckDigit('13000')).toBe(1);
  });

  it('fails validation with a typed error naming the field and rule', () => {
    try {
      parseInput(municipalityCodeSchema, '242013');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationError);
      expect((e as ValidationError).rule).toBe('municipality_code_check_digit');
    }
  });

  it('recognises prefecture-level codes', () => {
    expect(isPrefectureCode('130001')).toBe(true);
    expect(isPrefectureCode('131016')).toBe(false);
  });
});
