import { z } from 'zod';
import {
  isPrefectureCode,
  type MunicipalityCode,
  municipalityCodeSchema,
  prefectureOf,
} from '../municipality/municipality-code.ts';
import { parseInput, ValidationError } from '../shared/errors.ts';
import { text } from '../shared/text.ts';

/**
 * 圏域: a prefecture's grouping of its municipalities for regional networks and reports (Mie: 北勢,
 * 中勢伊賀, 南勢志摩, 東紀州). Kept by the network administrator; a municipality belongs to at most one
 * 圏域, so area figures add up to the prefecture's.
 */
export interface Area {
  readonly id: string;
  /** The two-digit prefecture code (24 for Mie). */
  readonly prefectureCode: string;
  /** 北勢圏域 etc. */
  readonly name: string;
  /** Ascending, no repeats, all in the prefecture. */
  readonly municipalityCodes: readonly MunicipalityCode[];
  /** Starts at 1, +1 on every change. */
  readonly version: number;
}

/** At most this many municipalities in one 圏域 (the largest prefecture has fewer than 200). */
export const AREA_MAX_MUNICIPALITIES = 400;

export const areaInputSchema = z
  .object({
    name: text('name'),
    municipalityCodes: z.array(municipalityCodeSchema).min(1).max(AREA_MAX_MUNICIPALITIES),
  })
  .superRefine((input, ctx) => {
    const codes = input.municipalityCodes;
    const prefecture = codes[0] === undefined ? null : prefectureOf(codes[0]);
    codes.forEach((code, i) => {
      if (prefectureOf(code) !== prefecture)
        ctx.addIssue({
          code: 'custom',
          path: ['municipalityCodes', i],
          message: 'every municipality of a 圏域 must be in the same prefecture',
          params: { rule: 'same_prefecture' },
        });
      else if (isPrefectureCode(code))
        ctx.addIssue({
          code: 'custom',
          path: ['municipalityCodes', i],
          message: 'a 圏域 groups municipalities, not the prefecture itself',
          params: { rule: 'municipality_not_prefecture' },
        });
      else if (codes.indexOf(code) !== i)
        ctx.addIssue({
          code: 'custom',
          path: ['municipalityCodes', i],
          message: 'each municipality once',
          params: { rule: 'unique' },
        });
    });
  });
export type AreaInput = z.input<typeof areaInputSchema>;

/** A new 圏域 or a new version of one, checked against the other 圏域 (a municipality in one only). */
export function defineArea(
  id: string,
  input: AreaInput,
  others: readonly Area[],
  previous: Area | null = null,
): Area {
  const parsed = parseInput(areaInputSchema, input);
  const codes = [...parsed.municipalityCodes].sort();
  const prefectureCode = prefectureOf(codes[0] as string);
  const taken = new Map(
    others.filter((a) => a.id !== id).flatMap((a) => a.municipalityCodes.map((c) => [c, a] as const)),
  );
  const clashes = codes.flatMap((code) => {
    const other = taken.get(code);
    return other ? [{ code, other }] : [];
  });
  if (clashes.length > 0)
    throw new ValidationError(
      clashes.map(({ code, other }) => ({
        field: `municipalityCodes.${parsed.municipalityCodes.indexOf(code)}`,
        rule: 'one_area_per_municipality',
        message: `${code} is already in ${other.name}`,
      })),
    );
  const sameName = others.find(
    (a) => a.id !== id && a.prefectureCode === prefectureCode && a.name === parsed.name,
  );
  if (sameName)
    throw new ValidationError([
      { field: 'name', rule: 'unique', message: `the prefecture already has a 圏域 named ${parsed.name}` },
    ]);
  return {
    id,
    prefectureCode,
    name: parsed.name,
    municipalityCodes: codes,
    version: (previous?.version ?? 0) + 1,
  };
}
