import { describe, expect, it } from 'vitest';
import {
  type AgeCutoff,
  addDays,
  ageCutoff,
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

  it('are told from anything else as the pattern YYYY-MM-DD and the calendar tell them', () => {
    const byPattern = (value: string) => {
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
      if (!m) return false;
      const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
      return mo >= 1 && mo <= 12 && d >= 1 && d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
    };
    for (const value of [
      '2024-01-31',
      '2024-04-31',
      '2100-02-29',
      '2000-02-29',
      '0000-02-29',
      '0004-02-29',
      '2024-00-10',
      '2024-01-00',
      '2024-01-32',
      '2024/01/01',
      '2024-1a-01',
      '+024-01-01',
      '２０２４-01-01',
      ' 2024-01-01',
      '2024-01-01\n',
      '20240101',
      '',
    ])
      expect(isValidCalendarDate(value), value).toBe(byPattern(value));
  });

  it('reads an instant as a Japanese calendar date', () => {
    // 2024-03-31T15:30Z is already 1 April in Japan: the fiscal year of a late-night call depends on it.
    expect(calendarDateOf(new Date('2024-03-31T15:30:00Z'))).toBe('2024-04-01');
    expect(calendarDateOf(new Date('2024-03-31T14:59:59Z'))).toBe('2024-03-31');
  });

  it("reads Japanese dates as the time-zone database does, before and after Japan's last summer time", () => {
    const tokyo = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Asia/Tokyo',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    const instants = [
      '1951-09-07T14:30:00Z', // summer time (UTC+10): already the 8th in Japan
      '1951-12-31T14:59:59Z',
      '1951-12-31T15:00:00Z',
      '2000-02-29T15:00:00Z',
      '2099-12-31T15:00:00Z',
      '9999-12-31T14:59:59Z',
    ].map((iso) => new Date(iso));
    // And one instant every 97 h 13 min 20 s over 80 years, so that every hour of the day is crossed.
    for (let t = Date.UTC(1990, 0, 1); t < Date.UTC(2070, 0, 1); t += 350_000_000) instants.push(new Date(t));
    const differing = instants.filter((instant) => calendarDateOf(instant) !== tokyo.format(instant));
    expect(differing).toEqual([]);
    expect(() => calendarDateOf(new Date(Number.NaN))).toThrow(RangeError);
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

describe('ageCutoff: age bounds a database can compare', () => {
  /** How a database applies the cutoff: a full birth date first, else the year-month, else unknown. */
  const atLeast = (birth: { birthDate?: string; birthYearMonth?: string }, cutoff: AgeCutoff) =>
    birth.birthDate
      ? birth.birthDate <= cutoff.bornOnOrBefore
      : birth.birthYearMonth !== undefined && birth.birthYearMonth <= cutoff.bornInMonthOnOrBefore;

  it('gives the same answer as ageOn for every birth day and month around the boundaries, leap days too', () => {
    const ons = [
      '2024-02-28',
      '2024-02-29',
      '2024-03-01',
      '2025-02-28',
      '2024-12-31',
      '2025-01-01',
      '2024-06-15',
    ];
    const wrong: string[] = [];
    let checked = 0;
    for (const on of ons)
      for (const age of [0, 1, 20, 40, 41, 75]) {
        const cutoff = ageCutoff(age, on);
        const year = Number(on.slice(0, 4)) - age;
        for (let day = `${year - 1}-01-01`; day <= `${year + 1}-12-31`; day = addDays(day, 1)) {
          const month = day.slice(0, 7);
          if (atLeast({ birthDate: day }, cutoff) !== (ageOn({ birthDate: day }, on) as number) >= age)
            wrong.push(`${day} on ${on} ≥ ${age}`);
          if (
            atLeast({ birthYearMonth: month }, cutoff) !==
            (ageOn({ birthYearMonth: month }, on) as number) >= age
          )
            wrong.push(`${month} on ${on} ≥ ${age}`);
          checked += 1;
        }
      }
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThan(40 * 1000);
  });

  it('names a real date even when the day does not exist in the birth year', () => {
    expect(ageCutoff(41, '2024-02-29')).toEqual({
      bornOnOrBefore: '1983-02-28',
      bornInMonthOnOrBefore: '1983-02',
    });
    expect(ageCutoff(40, '2024-02-29')).toEqual({
      bornOnOrBefore: '1984-02-29',
      bornInMonthOnOrBefore: '1984-02',
    });
    expect(ageCutoff(40, '2024-01-15')).toEqual({
      bornOnOrBefore: '1984-01-15',
      bornInMonthOnOrBefore: '1983-12',
    });
  });
});
