import { z } from 'zod';
import { type CalendarDate, calendarDateSchema, compareDates, daysBetween } from '../shared/dates.ts';
import { PreconditionError, parseInput } from '../shared/errors.ts';
import type { CaseId, PlaceId, PlacementId } from '../shared/ids.ts';
import { text } from '../shared/text.ts';
import type { Place } from './place.ts';
import type { AllowanceRate, PlacementRules } from './placement-rules.ts';

/** 短期参加 (under the scheme's boundary, e.g. 1 day – under 2 weeks) or 通常参加 (2 weeks or more). */
export type PlacementKind = 'short' | 'regular';

/** One day actually worked at the host, with the hours done (15-minute steps). */
export interface Workday {
  readonly on: CalendarDate;
  readonly hours: number;
}

/** 職場体験: a planned period at a host employer (職親). Not employment: no wage is paid. */
export interface Placement {
  readonly id: PlacementId;
  readonly caseId: CaseId;
  readonly hostPlaceId: PlaceId;
  readonly startsOn: CalendarDate;
  /** Last planned day, inclusive. */
  readonly endsOn: CalendarDate;
  /** Derived from the planned days and the scheme's boundary; never set by hand. */
  readonly kind: PlacementKind;
  /** Days worked, in date order. */
  readonly workdays: readonly Workday[];
}

/** Planned days of a period, counting both ends (a one-day placement has `startsOn === endsOn`). */
export function plannedDays(startsOn: CalendarDate, endsOn: CalendarDate): number {
  return daysBetween(startsOn, endsOn) + 1;
}

/** `short` when the planned days are under `shortMaxDaysExclusive` (13 days short, 14 regular). */
export function placementKindOf(
  startsOn: CalendarDate,
  endsOn: CalendarDate,
  rules: Pick<PlacementRules, 'shortMaxDaysExclusive'>,
): PlacementKind {
  return plannedDays(startsOn, endsOn) < rules.shortMaxDaysExclusive ? 'short' : 'regular';
}

export const planPlacementInputSchema = z
  .object({
    caseId: text('id'),
    hostPlaceId: text('id'),
    startsOn: calendarDateSchema,
    endsOn: calendarDateSchema,
  })
  .superRefine((v, ctx) => {
    if (v.endsOn < v.startsOn)
      ctx.addIssue({
        code: 'custom',
        path: ['endsOn'],
        message: 'a placement cannot end before it starts',
        params: { rule: 'ends_on_or_after_start' },
      });
  });
export type PlanPlacementInput = z.input<typeof planPlacementInputSchema>;

export interface PlanPlacementContext {
  readonly rules: PlacementRules;
  /** The case's placements so far (others are ignored). */
  readonly existingPlacements: readonly Placement[];
  /** The host, when the caller has it: checked to be an active work experience host. */
  readonly hostPlace?: Place;
}

/** Planned days the case has used across `placements` (others' placements are not counted). */
export function plannedDaysUsed(caseId: CaseId, placements: readonly Placement[]): number {
  return placements
    .filter((p) => p.caseId === caseId)
    .reduce((sum, p) => sum + plannedDays(p.startsOn, p.endsOn), 0);
}

/**
 * Plans a placement. Rules:
 *  - `endsOn` is on or after `startsOn` (`ends_on_or_after_start`, a validation error);
 *  - at least `shortMinDays` planned days (`placement_min_days`, field `endsOn`);
 *  - no overlap with another placement of the case, at any host (`placement_overlap`, field `startsOn`):
 *    a person is at one host at a time, and overlapping days would be counted twice against the cap;
 *  - the case's planned days, this one included, stay within `totalCapDays` (`placement_total_cap`,
 *    field `endsOn`).
 *
 * The cap counts PLANNED calendar days (startsOn..endsOn inclusive), not recorded workdays: it must hold
 * when the placement is agreed, before any day is worked, and schemes word it as the participation
 * period (参加期間 ①②合わせて240日以内). This is the strict reading — a day off inside a placement still
 * counts — so the cap can never be overrun by workdays recorded later.
 */
export function planPlacement(
  id: PlacementId,
  input: PlanPlacementInput,
  ctx: PlanPlacementContext,
): Placement {
  if (!id) throw new PreconditionError('id_given', 'a new placement needs an id', 'id');
  const parsed = parseInput(planPlacementInputSchema, input);
  const { rules } = ctx;

  if (ctx.hostPlace) {
    if (ctx.hostPlace.id !== parsed.hostPlaceId)
      throw new PreconditionError(
        'place_matches',
        `place ${ctx.hostPlace.id} is not ${parsed.hostPlaceId}`,
        'hostPlaceId',
      );
    if (ctx.hostPlace.kind !== 'workExperienceHost')
      throw new PreconditionError(
        'host_kind',
        `${ctx.hostPlace.name} is not a work experience host`,
        'hostPlaceId',
      );
    if (!ctx.hostPlace.active)
      throw new PreconditionError('place_active', `${ctx.hostPlace.name} is inactive`, 'hostPlaceId');
  }

  const days = plannedDays(parsed.startsOn, parsed.endsOn);
  if (days < rules.shortMinDays)
    throw new PreconditionError(
      'placement_min_days',
      `a placement lasts at least ${rules.shortMinDays} days (planned ${days})`,
      'endsOn',
    );

  const own = ctx.existingPlacements.filter((p) => p.caseId === parsed.caseId);
  const clash = own.find((p) => p.startsOn <= parsed.endsOn && parsed.startsOn <= p.endsOn);
  if (clash)
    throw new PreconditionError(
      'placement_overlap',
      `overlaps placement ${clash.id} (${clash.startsOn} – ${clash.endsOn})`,
      'startsOn',
    );

  const used = plannedDaysUsed(parsed.caseId, own);
  if (used + days > rules.totalCapDays)
    throw new PreconditionError(
      'placement_total_cap',
      `${used} of ${rules.totalCapDays} days already planned; ${days} more would exceed the cap`,
      'endsOn',
    );

  return {
    id,
    caseId: parsed.caseId,
    hostPlaceId: parsed.hostPlaceId,
    startsOn: parsed.startsOn,
    endsOn: parsed.endsOn,
    kind: placementKindOf(parsed.startsOn, parsed.endsOn, rules),
    workdays: [],
  };
}

/** Hours in quarter-hour steps, so hourly allowances stay exact in integer arithmetic. */
export const workdayInputSchema = z.object({
  on: calendarDateSchema,
  hours: z
    .number()
    .positive()
    .max(24)
    .refine((h) => Number.isInteger(h * 4), {
      message: 'hours are recorded in 15-minute steps (0.25)',
      params: { rule: 'quarter_hours' },
    }),
});
export type WorkdayInput = z.input<typeof workdayInputSchema>;

/**
 * Records a day worked. The day lies within the placement (`workday_in_placement`), is not recorded
 * twice (`workday_unique`; correct a day by replacing the placement's list) and, when `today` is given,
 * is not in the future (`not_in_future`). Hours above the scheme's daily cap are kept as worked; the
 * cap applies when the allowance is reckoned.
 */
export function recordWorkday(
  placement: Placement,
  input: WorkdayInput,
  ctx: { readonly today?: CalendarDate } = {},
): Placement {
  const parsed = parseInput(workdayInputSchema, input);
  if (parsed.on < placement.startsOn || parsed.on > placement.endsOn)
    throw new PreconditionError(
      'workday_in_placement',
      `${parsed.on} is outside the placement (${placement.startsOn} – ${placement.endsOn})`,
      'on',
    );
  if (ctx.today !== undefined && parsed.on > ctx.today)
    throw new PreconditionError('not_in_future', `${parsed.on} is after today (${ctx.today})`, 'on');
  if (placement.workdays.some((w) => w.on === parsed.on))
    throw new PreconditionError('workday_unique', `${parsed.on} is already recorded`, 'on');
  const workdays = [...placement.workdays, { on: parsed.on, hours: parsed.hours }].sort((a, b) =>
    compareDates(a.on, b.on),
  );
  return { ...placement, workdays };
}

export interface AllowanceDue {
  /** 利用者向け手当 (whole yen). */
  readonly personYen: number;
  /** 事業者向け手当・協力金 (whole yen). */
  readonly hostYen: number;
  /** Workdays recorded. */
  readonly days: number;
  /** Hours recorded, as worked. */
  readonly hours: number;
  /** Hours that count for per-hour allowances: each day capped at `maxHoursPerDay`. */
  readonly payableHours: number;
}

/**
 * Allowances due for the workdays recorded. Per-day rates pay each workday once whatever its length;
 * per-hour rates pay each day's hours up to `maxHoursPerDay`. Hours are summed in quarter-hours and the
 * yen amount is rounded DOWN once on the total (端数切り捨て), so no party is paid more than the rate
 * gives and the result does not depend on how the days are split.
 */
export function allowanceDue(placement: Placement, rules: PlacementRules): AllowanceDue {
  const cap = rules.allowance.maxHoursPerDay;
  const capQuarters = cap === undefined ? Number.POSITIVE_INFINITY : Math.floor(cap * 4);
  let quarters = 0;
  let payableQuarters = 0;
  for (const w of placement.workdays) {
    const q = Math.round(w.hours * 4);
    quarters += q;
    payableQuarters += Math.min(q, capQuarters);
  }
  const days = placement.workdays.length;
  const pay = (rate: AllowanceRate): number =>
    rate.per === 'day' ? rate.amountYen * days : Math.floor((rate.amountYen * payableQuarters) / 4);
  return {
    personYen: pay(rules.allowance.person),
    hostYen: pay(rules.allowance.host),
    days,
    hours: quarters / 4,
    payableHours: payableQuarters / 4,
  };
}
