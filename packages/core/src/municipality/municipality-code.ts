import { z } from 'zod';

/**
 * 全国地方公共団体コード: 6 digits = prefecture (01–47) + municipality (3 digits) + check digit.
 * Check digit: S = 6·d1 + 5·d2 + 4·d3 + 3·d4 + 2·d5; r = S mod 11; digit = (11 − r) mod 10.
 * 242012 (Tsu) is valid, 242013 is not.
 */
export type MunicipalityCode = string;

/** A municipality code has exactly this many digits (the check digit included). */
export const MUNICIPALITY_CODE_LENGTH = 6 as const;
const MUNICIPALITY_CODE_FORMAT = new RegExp(`^\\d{${MUNICIPALITY_CODE_LENGTH}}$`);

export function municipalityCheckDigit(firstFive: string): number {
  if (!/^\d{5}$/.test(firstFive)) throw new RangeError(`expected 5 digits, got ${firstFive}`);
  const weights = [6, 5, 4, 3, 2];
  const sum = weights.reduce((acc, w, i) => acc + w * Number(firstFive[i]), 0);
  return (11 - (sum % 11)) % 10;
}

export type MunicipalityCodeProblem = 'format' | 'prefecture' | 'check_digit';

/** Why a code is invalid, or null when it is valid. */
export function municipalityCodeProblem(code: string): MunicipalityCodeProblem | null {
  if (!MUNICIPALITY_CODE_FORMAT.test(code)) return 'format';
  const prefecture = Number(code.slice(0, 2));
  if (prefecture < 1 || prefecture > 47) return 'prefecture';
  return municipalityCheckDigit(code.slice(0, 5)) === Number(code[5]) ? null : 'check_digit';
}

export function isValidMunicipalityCode(code: string): boolean {
  return municipalityCodeProblem(code) === null;
}

/** `13` for 131016 (Chiyoda, Tokyo). */
export function prefectureOf(code: MunicipalityCode): string {
  return code.slice(0, 2);
}

/** True for the prefecture itself (municipality part 000), e.g. 130001 Tokyo. */
export function isPrefectureCode(code: MunicipalityCode): boolean {
  return code.slice(2, 5) === '000';
}

const messages: Record<MunicipalityCodeProblem, string> = {
  format: 'municipality code must be 6 digits',
  prefecture: 'municipality code must start with a prefecture number 01–47',
  check_digit: 'municipality code check digit does not match',
};

export const municipalityCodeSchema = z.string().superRefine((code, ctx) => {
  const problem = municipalityCodeProblem(code);
  if (problem)
    ctx.addIssue({
      code: 'custom',
      message: messages[problem],
      params: { rule: `municipality_code_${problem}` },
    });
});
