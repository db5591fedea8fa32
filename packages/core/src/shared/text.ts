import { z } from 'zod';

/**
 * The one rule for text typed into the register (入力文字列の共通規則), applied by every input schema:
 * - no NUL character (U+0000): PostgreSQL cannot store it, and no person types it;
 * - no unpaired UTF-16 surrogate: it is not a character and cannot be written as UTF-8;
 * - trimmed, and at most the maximum of its kind below (in characters, UTF-16 code units).
 * A refusal names the field and the rule (`noNulCharacter`, `noUnpairedSurrogate`, `too_big`).
 */
export const TEXT_MAX_LENGTH = {
  /** Ids and references to records (ID). */
  id: 200,
  /** A person's name or kana reading (氏名・ふりがな). */
  personName: 100,
  /** Names of agencies, places, programmes and meetings; labels; areas and services. */
  name: 200,
  /** Checklist items. */
  shortText: 1000,
  /** Goals and plan descriptions. */
  description: 2000,
  /** Notes, reasons and descriptions (free text). */
  longText: 4000,
  /** A contact's record (相談記録). */
  note: 10_000,
} as const;

export type TextKind = keyof typeof TEXT_MAX_LENGTH;

const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The text rule a string breaks (other than its length), or null. */
export function brokenTextRule(value: string): 'noNulCharacter' | 'noUnpairedSurrogate' | null {
  if (value.includes('\u0000')) return 'noNulCharacter';
  if (UNPAIRED_SURROGATE.test(value)) return 'noUnpairedSurrogate';
  return null;
}

const RULE_MESSAGES = {
  noNulCharacter: 'must not contain the NUL character (U+0000)',
  noUnpairedSurrogate: 'must not contain an unpaired surrogate (not a character)',
} as const;

/** Adds the character rules to a string schema (for strings with their own format, e.g. cursors). */
export function withTextRule<S extends z.ZodType<string>>(schema: S): S {
  return schema.superRefine((value, ctx) => {
    const rule = brokenTextRule(value);
    if (rule) ctx.addIssue({ code: 'custom', message: RULE_MESSAGES[rule], params: { rule } });
  }) as unknown as S;
}

/** Text of a kind that must not be empty (after trimming). */
export function text(kind: TextKind) {
  const max = TEXT_MAX_LENGTH[kind];
  return withTextRule(
    z
      .string()
      .trim()
      .min(1, { message: 'must not be empty' })
      .max(max, { message: `at most ${max} characters` }),
  );
}

/** Text of a kind that may be empty (optional notes: callers map empty to none). */
export function textUpTo(kind: TextKind) {
  const max = TEXT_MAX_LENGTH[kind];
  return withTextRule(
    z
      .string()
      .trim()
      .max(max, { message: `at most ${max} characters` }),
  );
}
