import { z } from 'zod';

/**
 * A calendar date (`YYYY-MM-DD`) with no time zone: the day a contact happened, a birth date, a review
 * date. Instants (when a row was written) are `Date` values in UTC; the two are never mixed.
 */
export type CalendarDate = string;
/** A birth year-month (`YYYY-MM`) for pseudonymised records that keep no day. */
export type YearMonth = string;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The number written by the ASCII digits `value[from..to)`, or -1 if any is not a digit. */
function digitsAt(value: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const digit = value.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    n = n * 10 + digit;
  }
  return n;
}

const HYPHEN = 45;

/**
 * Whether `value` is a calendar date `YYYY-MM-DD` that exists. Read character by character: every date
 * of every answer is checked on its way out (the `Date` scalar), so no match array per date.
 */
export function isValidCalendarDate(value: string): boolean {
  if (value.length !== 10 || value.charCodeAt(4) !== HYPHEN || value.charCodeAt(7) !== HYPHEN) return false;
  const y = digitsAt(value, 0, 4);
  const mo = digitsAt(value, 5, 7);
  const d = digitsAt(value, 8, 10);
  if (y < 0 || mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export const calendarDateSchema = z.string().refine(isValidCalendarDate, {
  message: 'must be a calendar date YYYY-MM-DD',
  params: { rule: 'calendar_date' },
});

export const yearMonthSchema = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'must be a year-month YYYY-MM' });

export function parseCalendarDate(value: CalendarDate): { year: number; month: number; day: number } {
  const m = DATE_RE.exec(value);
  if (!m || !isValidCalendarDate(value)) throw new RangeError(`not a calendar date: ${value}`);
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
}

export function formatCalendarDate(year: number, month: number, day: number): CalendarDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

// Building a DateTimeFormat costs far more than formatting with one; servers ask for "today" often.
const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** Japan has kept UTC+9 all year since its last summer time ended in September 1951. */
const JST_FIXED_SINCE = Date.UTC(1952, 0, 1) - 9 * 3_600_000;
const JST_OFFSET_MS = 9 * 3_600_000;

/** The calendar date of an instant as seen in a time zone (Japan by default: records are kept in JST). */
export function calendarDateOf(instant: Date, timeZone = 'Asia/Tokyo'): CalendarDate {
  // JST by arithmetic: the first time-zone format of a process loads the ICU zone data, a noticeable
  // part of the gateway's start, and the answer is the same.
  const time = instant.getTime();
  if (timeZone === 'Asia/Tokyo' && time >= JST_FIXED_SINCE) {
    const jst = new Date(time + JST_OFFSET_MS);
    return formatCalendarDate(jst.getUTCFullYear(), jst.getUTCMonth() + 1, jst.getUTCDate());
  }
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    dayFormats.set(timeZone, format);
  }
  return format.format(instant); // en-CA formats as YYYY-MM-DD
}

function toEpochDay(date: CalendarDate): number {
  const { year, month, day } = parseCalendarDate(date);
  return Date.UTC(year, month - 1, day) / 86_400_000;
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return toEpochDay(to) - toEpochDay(from);
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  const d = new Date((toEpochDay(date) + days) * 86_400_000);
  return formatCalendarDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** ISO dates compare correctly as strings; this names the intent. */
export function compareDates(a: CalendarDate, b: CalendarDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function isWithin(date: CalendarDate, range: { start: CalendarDate; end: CalendarDate }): boolean {
  return date >= range.start && date <= range.end;
}

/**
 * Full years of age on `on`. With only a birth year-month the birthday is taken as the last day of
 * that month, so the age is never overstated (a person counts into the older band only once certain).
 */
export function ageOn(
  birth: { birthDate?: CalendarDate | null; birthYearMonth?: YearMonth | null },
  on: CalendarDate,
): number | null {
  let y: number;
  let m: number;
  let d: number;
  if (birth.birthDate) {
    ({ year: y, month: m, day: d } = parseCalendarDate(birth.birthDate));
  } else if (birth.birthYearMonth) {
    y = Number(birth.birthYearMonth.slice(0, 4));
    m = Number(birth.birthYearMonth.slice(5, 7));
    d = daysInMonth(y, m);
  } else {
    return null;
  }
  const at = parseCalendarDate(on);
  let age = at.year - y;
  if (at.month < m || (at.month === m && at.day < d)) age -= 1;
  return age;
}

/**
 * The birth dates of everyone at least `age` full years old on `on`, as bounds a database compares as
 * text: the same answer as `ageOn(birth, on) >= age`, for a full birth date and for a year-month alike.
 */
export interface AgeCutoff {
  /** A full birth date on or before this one. */
  readonly bornOnOrBefore: CalendarDate;
  /** Only a year-month on record (its last day taken as the birthday): on or before this month. */
  readonly bornInMonthOnOrBefore: YearMonth;
}

export function ageCutoff(age: number, on: CalendarDate): AgeCutoff {
  const { year, month, day } = parseCalendarDate(on);
  const y = year - age;
  const monthEnd = daysInMonth(y, month);
  // A month whose last day has not come yet on `on` has birthdays still ahead: the month before.
  const [my, mm] = day >= monthEnd ? [y, month] : month === 1 ? [y - 1, 12] : [y, month - 1];
  return {
    bornOnOrBefore: formatCalendarDate(y, month, Math.min(day, monthEnd)),
    bornInMonthOnOrBefore: formatCalendarDate(my, mm, 1).slice(0, 7),
  };
}
