import { z } from 'zod';
import { parseInput } from '../shared/errors.ts';

/** How an allowance (手当・協力金) is reckoned: per workday or per hour worked. */
export const allowanceRateSchema = z.object({
  per: z.enum(['day', 'hour']),
  /** Whole yen per unit; 0 when the scheme pays nothing to this party. */
  amountYen: z.number().int().min(0).max(1_000_000),
});
export type AllowanceRate = z.output<typeof allowanceRateSchema>;

/**
 * The rules of a municipal work experience (職場体験・職親) scheme. Schemes differ between prefectures
 * and change with each year's budget, so they are configuration, never constants in code.
 */
export const placementRulesSchema = z
  .object({
    /** Shortest placement allowed, in planned days (短期参加は1日から). */
    shortMinDays: z.number().int().min(1),
    /** A placement of fewer planned days is `short` (短期参加); this many or more is `regular` (通常参加). */
    shortMaxDaysExclusive: z.number().int().min(2),
    /** Most planned days one case may have across all its placements (①②合わせて240日以内). */
    totalCapDays: z.number().int().min(1),
    allowance: z.object({
      /** 利用者向け手当: to the person. Not a wage — a placement is not employment. */
      person: allowanceRateSchema,
      /** 事業者向け手当・協力金: to the host. */
      host: allowanceRateSchema,
      /** Hours a day that count towards per-hour allowances; longer days are paid at this cap. */
      maxHoursPerDay: z.number().positive().max(24).optional(),
    }),
  })
  .superRefine((v, ctx) => {
    if (v.shortMaxDaysExclusive <= v.shortMinDays)
      ctx.addIssue({
        code: 'custom',
        path: ['shortMaxDaysExclusive'],
        message: 'the short/regular boundary must be above the minimum placement length',
        params: { rule: 'short_boundary_above_min' },
      });
    if (v.totalCapDays < v.shortMinDays)
      ctx.addIssue({
        code: 'custom',
        path: ['totalCapDays'],
        message: 'the total cap must allow at least one shortest placement',
        params: { rule: 'cap_at_least_min' },
      });
  });
export type PlacementRules = z.output<typeof placementRulesSchema>;
export type PlacementRulesInput = z.input<typeof placementRulesSchema>;

/** Validates scheme configuration (e.g. loaded from settings) and returns it frozen. */
export function definePlacementRules(input: PlacementRulesInput): PlacementRules {
  const parsed = parseInput(placementRulesSchema, input);
  return Object.freeze({
    ...parsed,
    allowance: Object.freeze({
      ...parsed.allowance,
      person: Object.freeze({ ...parsed.allowance.person }),
      host: Object.freeze({ ...parsed.allowance.host }),
    }),
  });
}

/**
 * Modelled on Akita Prefecture's 社会とのつながり支援（職親）事業 (the figures are the prefecture's
 * published ones; no town-specific figures, e.g. for Fujisato, are on record): 短期参加 1 day to under 2 weeks, 通常参加 2 weeks or more, combined up to 240 days;
 * not employment, so nothing is paid to the person; the prefecture pays the host (職親) 1,500 yen per
 * person per day. Daily hours are agreed case by case, so no hour cap is set.
 */
export const AKITA_FUJISATO_STYLE_RULES: PlacementRules = definePlacementRules({
  shortMinDays: 1,
  shortMaxDaysExclusive: 14,
  totalCapDays: 240,
  allowance: {
    person: { per: 'day', amountYen: 0 },
    host: { per: 'day', amountYen: 1_500 },
  },
});

/**
 * Modelled on Kochi Prefecture's incentive scheme (インセンティブ制度) for 就労体験: 500 yen/day to the
 * person (利用者向け手当) and 4,500 yen/day to the business (事業者向け手当). Kochi publishes no
 * short/regular split or day cap: the 14-day boundary and the 240-day cap here are ILLUSTRATIVE
 * figures borrowed from the Akita scheme — set the real ones before use.
 */
export const KOCHI_STYLE_RULES: PlacementRules = definePlacementRules({
  shortMinDays: 1,
  shortMaxDaysExclusive: 14,
  totalCapDays: 240,
  allowance: {
    person: { per: 'day', amountYen: 500 },
    host: { per: 'day', amountYen: 4_500 },
  },
});

/**
 * Kochi's 就労訓練 (work training) variant: 625 yen/hour to the person, 5,000 yen/day to the business.
 * The youth support station (サポステ・プラス) 職場体験 pays the same rates with the person's allowance
 * capped at 5,000 yen a day, i.e. 8 paid hours (5,000 / 625). Boundary and cap are ILLUSTRATIVE as in
 * `KOCHI_STYLE_RULES`.
 */
export const KOCHI_TRAINING_STYLE_RULES: PlacementRules = definePlacementRules({
  shortMinDays: 1,
  shortMaxDaysExclusive: 14,
  totalCapDays: 240,
  allowance: {
    person: { per: 'hour', amountYen: 625 },
    host: { per: 'day', amountYen: 5_000 },
    maxHoursPerDay: 8,
  },
});

export const PLACEMENT_RULE_PRESETS: Readonly<Record<string, PlacementRules>> = {
  akitaFujisato: AKITA_FUJISATO_STYLE_RULES,
  kochi: KOCHI_STYLE_RULES,
  kochiTraining: KOCHI_TRAINING_STYLE_RULES,
};
