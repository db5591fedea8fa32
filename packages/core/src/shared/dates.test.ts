import { describe, expect, it } from 'vitest';
import {
  addDays,
  ageOn,
  calendarDateOf,
  calendarDateSchema,
  daysBetween,
  isValidCalendarDate,
} from './dates.ts';

describe('calendar dates', () => {
  it('rejects impossible dates', () => {
    expect(isValidCalendarDate('2024-02-29')).toBe(true);
    expect(isValidCalendarDate('2023-02-29')).toBe(false);
    expect(isValidCalendarDate('2023-13-01')).toBe(false);
    expect(isValidCalendarDate('2023-4-1')).toBe(false);
    expect(calendarDateSchema.safeParse('2023-02-30').success).toBe(false);
  });

  it('reads an instant as a Japanese calendar date', () => {
    // 2024-03-31T15:30Z is already 1 April in Japan: the fiscal year of a late-night call depends on it.
    expect(calendarDateOf(new Date('2024-03-31T15:30:00Z'))).toBe('2024-04-01');
    expect(calendarDateOf(new Date('2024-03-31T14:59:59Z'))).toBe('2024-03-31');
  });

  it('counts days across month and leap-year boundaries', () => {
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(addDays('2024-03-31', 1)).toBe('2024-04-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
  });

  it('computes age on a date from a birth date or a birth year-month', () => {
    expect(ageOn({ birthDate: '1972-06-15' }, '2024-06-14')).toBe(51);
    expect(ageOn({ birthDate: '1972-06-15' }, '2024-06-15')).toBe(52);
    // Year-month only: the birthday is taken as the month's last day so the age is never overstated.
    expect(ageOn({ birthYearMonth: '1972-06' }, '2024-06-29')).toBe(51);
    expect(ageOn({ birthYearMonth: '1972-06' }, '2024-06-30')).toBe(52);
    expect(ageOn({}, '2024-06-30')).toBeNull();
  });
});
