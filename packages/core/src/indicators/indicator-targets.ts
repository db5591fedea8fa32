import { z } from 'zod';
import type { Actor } from '../shared/actor.ts';
import { parseInput } from '../shared/errors.ts';
import { EMPTY_INDICATOR_DATASET, type IndicatorScope } from './indicator-input.ts';
import { type IndicatorRow, indicatorRows } from './indicator-rows.ts';
import { computeIndicators, type IndicatorReport } from './indicators.ts';

/**
 * 目標値: what a plan aims at for one indicator in one fiscal year (Kochi: 新規相談件数 200/yr,
 * 居場所等の支援につながった件数 100/yr), for one scope. Recorded by an administrator; the report gives
 * it beside the actual figure and the rate (達成率).
 */
export interface IndicatorTarget {
  /** `scopeKeyOf` the scope the target is for. */
  readonly scopeKey: string;
  readonly fiscalYear: number;
  /** `section.key` of an indicator row (e.g. `consultations.newCases`). */
  readonly indicator: string;
  readonly target: number;
  readonly setBy: Actor;
  readonly setAt: Date;
}

/** `all`, `agency:<id>`, `municipality:<code>`, `area:<id>`: one key per scope a target can be for. */
export function scopeKeyOf(scope: IndicatorScope): string {
  switch (scope.kind) {
    case 'agency':
      return `agency:${scope.agencyId}`;
    case 'municipality':
      return `municipality:${scope.municipalityCode}`;
    case 'area':
      return `area:${scope.areaId}`;
    case 'all':
      return 'all';
  }
}

const rowKey = (row: Pick<IndicatorRow, 'section' | 'key'>) => `${row.section}.${row.key}`;

/**
 * Indicators a target can be set for: every fixed row of the report, in report order (the rows per
 * municipality of conferences come and go with the data, so they take none).
 */
export const TARGET_INDICATORS: readonly { readonly indicator: string; readonly labelJa: string }[] =
  indicatorRows(
    computeIndicators(EMPTY_INDICATOR_DATASET, {
      period: { kind: 'fiscalYear', fiscalYear: 2024 },
      scope: { kind: 'all' },
      publishing: false,
    }),
  )
    .filter((row) => row.section !== 'conferencesByMunicipality')
    .map((row) => ({ indicator: rowKey(row), labelJa: row.labelJa }));

const targetIndicatorKeys = new Set(TARGET_INDICATORS.map((t) => t.indicator));

/** A target above this is a typing error (no indicator of one prefecture counts ten million). */
export const TARGET_MAX = 10_000_000;

export const indicatorTargetInputSchema = z.object({
  fiscalYear: z.number().int().min(1989).max(2200),
  indicator: z.string().refine((k) => targetIndicatorKeys.has(k), {
    message: 'must be an indicator of the report (section.key, e.g. consultations.newCases)',
    params: { rule: 'known_indicator' },
  }),
  target: z.number().int().min(0).max(TARGET_MAX),
});
export type IndicatorTargetInput = z.input<typeof indicatorTargetInputSchema>;

export function setIndicatorTarget(
  scope: IndicatorScope,
  input: IndicatorTargetInput,
  actor: Actor,
  at: Date,
): IndicatorTarget {
  const parsed = parseInput(indicatorTargetInputSchema, input);
  return { scopeKey: scopeKeyOf(scope), ...parsed, setBy: actor, setAt: at };
}

/** 目標と実績: one line per target. */
export interface IndicatorTargetRow {
  readonly indicator: string;
  readonly labelJa: string;
  readonly target: number;
  /** The figure of the period; null when suppressed (publishing). */
  readonly actual: number | null;
  /**
   * 達成率 = actual ÷ target (1 = 100 %); null when the target is 0 or the actual is suppressed. For a
   * half-year, month or cut-off period it is the progress towards the fiscal year's target so far.
   */
  readonly rate: number | null;
}

/** The targets of the report's fiscal year and scope beside the actual figures, in report order. */
export function targetRows(
  report: IndicatorReport,
  targets: readonly IndicatorTarget[],
): IndicatorTargetRow[] {
  const byIndicator = new Map(targets.map((t) => [t.indicator, t]));
  return indicatorRows(report).flatMap((row) => {
    const t = byIndicator.get(rowKey(row));
    if (!t) return [];
    const actual = row.suppressed ? null : row.value;
    return [
      {
        indicator: t.indicator,
        labelJa: row.labelJa,
        target: t.target,
        actual,
        rate: actual === null || t.target === 0 ? null : actual / t.target,
      },
    ];
  });
}
