import { z } from 'zod';
import { type CalendarDate, formatCalendarDate, parseCalendarDate } from './dates.ts';

/**
 * Fiscal years (年度) run from 1 April to 31 March and are named by the calendar year they start in:
 * fiscal year 2023 is 2023-04-01 … 2024-03-31, 令和5年度. Reports are made per year or half-year
 * (上半期 April–September, 下半期 October–March).
 */
export function fiscalYearOf(date: CalendarDate): number {
  const { year, month } = parseCalendarDate(date);
  return month >= 4 ? year : year - 1;
}

export type ReportingPeriodKind = 'fiscalYear' | 'firstHalf' | 'secondHalf';

export interface ReportingPeriod {
  readonly kind: ReportingPeriodKind;
  readonly fiscalYear: number;
}

export const reportingPeriodSchema = z.object({
  kind: z.enum(['fiscalYear', 'firstHalf', 'secondHalf']),
  fiscalYear: z.number().int().min(1989).max(2200),
});

export interface DateRange {
  readonly start: CalendarDate;
  readonly end: CalendarDate;
}

export function periodRange(period: ReportingPeriod): DateRange {
  const fy = period.fiscalYear;
  switch (period.kind) {
    case 'fiscalYear':
      return { start: formatCalendarDate(fy, 4, 1), end: formatCalendarDate(fy + 1, 3, 31) };
    case 'firstHalf':
      return { start: formatCalendarDate(fy, 4, 1), end: formatCalendarDate(fy, 9, 30) };
    case 'secondHalf':
      return { start: formatCalendarDate(fy, 10, 1), end: formatCalendarDate(fy + 1, 3, 31) };
  }
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

/** `令和5年度`, `令和5年度上半期`, `令和5年度下半期`. */
export function periodLabel(period: ReportingPeriod): string {
  const base = fiscalYearLabel(period.fiscalYear);
  return period.kind === 'firstHalf'
    ? `${base}上半期`
    : period.kind === 'secondHalf'
      ? `${base}下半期`
      : base;
}
