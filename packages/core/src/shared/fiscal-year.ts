import { z } from 'zod';
import {
  type CalendarDate,
  calendarDateSchema,
  daysBetween,
  daysInMonth,
  formatCalendarDate,
  parseCalendarDate,
  type YearMonth,
  yearMonthSchema,
} from './dates.ts';

/**
 * Fiscal years (年度) run from 1 April to 31 March and are named by the calendar year they start in:
 * fiscal year 2023 is 2023-04-01 … 2024-03-31, 令和5年度. Reports are made per year or half-year
 * (上半期 April–September, 下半期 October–March).
 */
export function fiscalYearOf(date: CalendarDate): number {
  const { year, month } = parseCalendarDate(date);
  return month >= 4 ? year : year - 1;
}

export type ReportingPeriodKind = 'fiscalYear' | 'firstHalf' | 'secondHalf' | 'month' | 'range';

/**
 * A reporting period: a fiscal year or half of one, a calendar month (月報), or 任意の期間 — any
 * cut-off from one date to another (both days included), at most `MAX_RANGE_DAYS` days long.
 */
export type ReportingPeriod =
  | { readonly kind: 'fiscalYear' | 'firstHalf' | 'secondHalf'; readonly fiscalYear: number }
  | { readonly kind: 'month'; readonly month: YearMonth }
  | { readonly kind: 'range'; readonly from: CalendarDate; readonly to: CalendarDate };

/**
 * 任意の期間 spans at most this many days (from and to included): one year, a leap day included.
 * Longer spans mix fiscal years; ask per fiscal year instead.
 */
export const MAX_RANGE_DAYS = 366;

const fiscalYearSchema = z.number().int().min(1989).max(2200);

export const reportingPeriodSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.enum(['fiscalYear', 'firstHalf', 'secondHalf']), fiscalYear: fiscalYearSchema }),
  z.object({
    kind: z.literal('month'),
    month: yearMonthSchema.refine((m) => Number(m.slice(0, 4)) >= 1989 && Number(m.slice(0, 4)) <= 2200, {
      message: 'must be a month from 1989 to 2200',
    }),
  }),
  z
    .object({ kind: z.literal('range'), from: calendarDateSchema, to: calendarDateSchema })
    .superRefine((r, ctx) => {
      if (r.from > r.to)
        ctx.addIssue({
          code: 'custom',
          path: ['to'],
          message: 'must be on or after from',
          params: { rule: 'range_order' },
        });
      else if (daysBetween(r.from, r.to) + 1 > MAX_RANGE_DAYS)
        ctx.addIssue({
          code: 'custom',
          path: ['to'],
          message: `the period may span at most ${MAX_RANGE_DAYS} days`,
          params: { rule: 'range_max_days' },
        });
    }),
]);

export interface DateRange {
  readonly start: CalendarDate;
  readonly end: CalendarDate;
}

export function periodRange(period: ReportingPeriod): DateRange {
  switch (period.kind) {
    case 'fiscalYear':
      return {
        start: formatCalendarDate(period.fiscalYear, 4, 1),
        end: formatCalendarDate(period.fiscalYear + 1, 3, 31),
      };
    case 'firstHalf':
      return {
        start: formatCalendarDate(period.fiscalYear, 4, 1),
        end: formatCalendarDate(period.fiscalYear, 9, 30),
      };
    case 'secondHalf':
      return {
        start: formatCalendarDate(period.fiscalYear, 10, 1),
        end: formatCalendarDate(period.fiscalYear + 1, 3, 31),
      };
    case 'month': {
      const year = Number(period.month.slice(0, 4));
      const month = Number(period.month.slice(5, 7));
      return {
        start: formatCalendarDate(year, month, 1),
        end: formatCalendarDate(year, month, daysInMonth(year, month)),
      };
    }
    case 'range':
      return { start: period.from, end: period.to };
  }
}

/** The fiscal year a period lies in; for 任意の期間, the fiscal year of its first day. */
export function periodFiscalYear(period: ReportingPeriod): number {
  return period.kind === 'fiscalYear' || period.kind === 'firstHalf' || period.kind === 'secondHalf'
    ? period.fiscalYear
    : fiscalYearOf(periodRange(period).start);
}

/** Reiwa era began 2019-05-01; fiscal year 2019 is 令和元年度 by convention. */
const REIWA_FIRST_FISCAL_YEAR = 2019;
const HEISEI_FIRST_FISCAL_YEAR = 1989;

/** `令和5年度` for 2023, `令和元年度` for 2019, `平成30年度` for 2018. */
export function fiscalYearLabel(fiscalYear: number): string {
  if (fiscalYear >= REIWA_FIRST_FISCAL_YEAR)
    return `令和${eraYear(fiscalYear - REIWA_FIRST_FISCAL_YEAR + 1)}年度`;
  if (fiscalYear >= HEISEI_FIRST_FISCAL_YEAR)
    return `平成${eraYear(fiscalYear - HEISEI_FIRST_FISCAL_YEAR + 1)}年度`;
  return `${fiscalYear}年度`;
}

function eraYear(n: number): string {
  return n === 1 ? '元' : String(n);
}

/** First days of the eras, for calendar dates (令和 from 1 May 2019, 平成 from 8 January 1989). */
const ERAS = [
  { name: '令和', start: '2019-05-01', firstYear: 2019 },
  { name: '平成', start: '1989-01-08', firstYear: 1989 },
] as const;

/** `令和6年4月1日` (with `day`), `令和6年4月` (without): the era in force on that day. */
export function japaneseDateLabel(date: CalendarDate, withDay = true): string {
  const { year, month, day } = parseCalendarDate(date);
  const era = ERAS.find((e) => date >= e.start);
  const y = era ? `${era.name}${eraYear(year - era.firstYear + 1)}年` : `${year}年`;
  return withDay ? `${y}${month}月${day}日` : `${y}${month}月`;
}

/**
 * `令和5年度`, `令和5年度上半期`, `令和5年度下半期`; a month as `令和6年4月` (era of its first day, so
 * April 2019 is 平成31年4月); 任意の期間 as `令和6年4月1日〜令和6年12月31日`.
 */
export function periodLabel(period: ReportingPeriod): string {
  switch (period.kind) {
    case 'fiscalYear':
      return fiscalYearLabel(period.fiscalYear);
    case 'firstHalf':
      return `${fiscalYearLabel(period.fiscalYear)}上半期`;
    case 'secondHalf':
      return `${fiscalYearLabel(period.fiscalYear)}下半期`;
    case 'month':
      return japaneseDateLabel(periodRange(period).start, false);
    case 'range':
      return `${japaneseDateLabel(period.from)}〜${japaneseDateLabel(period.to)}`;
  }
}
