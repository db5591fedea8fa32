import { calendarDateOf, fiscalYearLabel, fiscalYearOf } from '@hikikomori-register/core';

/** Today in Japan, the calendar day staff record in. */
export function today(): string {
  return calendarDateOf(new Date());
}

/** 2024-04-01 → 2024年4月1日. */
export function formatDate(date: string | null | undefined): string {
  if (!date) return '';
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** The fiscal year a date falls in, with its Reiwa label: 令和6年度. */
export function fiscalYearName(fiscalYear: number): string {
  return fiscalYearLabel(fiscalYear);
}

export function currentFiscalYear(): number {
  return fiscalYearOf(today());
}
