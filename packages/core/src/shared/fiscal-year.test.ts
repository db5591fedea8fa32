import { describe, expect, it } from 'vitest';
import { fiscalYearLabel, fiscalYearOf, periodLabel, periodRange } from './fiscal-year.ts';

describe('fiscal year (年度, April–March)', () => {
  it('puts 31 March in the previous fiscal year and 1 April in the next', () => {
    expect(fiscalYearOf('2024-03-31')).toBe(2023);
    expect(fiscalYearOf('2024-04-01')).toBe(2024);
    expect(fiscalYearOf('2024-01-15')).toBe(2023);
    expect(fiscalYearOf('2023-12-31')).toBe(2023);
  });

  it('gives year and half-year ranges', () => {
    expect(periodRange({ kind: 'fiscalYear', fiscalYear: 2023 })).toEqual({
      start: '2023-04-01',
      end: '2024-03-31',
    });
    expect(periodRange({ kind: 'firstHalf', fiscalYear: 2023 })).toEqual({
      start: '2023-04-01',
      end: '2023-09-30',
    });
    expect(periodRange({ kind: 'secondHalf', fiscalYear: 2023 })).toEqual({
      start: '2023-10-01',
      end: '2024-03-31',
    });
  });

  it('labels fiscal years with Reiwa era names', () => {
    expect(fiscalYearLabel(2023)).toBe('令和5年度');
    expect(fiscalYearLabel(2019)).toBe('令和元年度');
    expect(fiscalYearLabel(2020)).toBe('令和2年度');
    expect(fiscalYearLabel(2018)).toBe('平成30年度');
    expect(periodLabel({ kind: 'firstHalf', fiscalYear: 2024 })).toBe('令和6年度上半期');
    expect(periodLabel({ kind: 'secondHalf', fiscalYear: 2024 })).toBe('令和6年度下半期');
  });
});
