import { describe, expect, it } from 'vitest';
import { parseInput, ValidationError } from './errors.ts';
import {
  fiscalYearLabel,
  fiscalYearOf,
  japaneseDateLabel,
  MAX_RANGE_DAYS,
  periodFiscalYear,
  periodLabel,
  periodRange,
  reportingPeriodSchema,
} from './fiscal-year.ts';

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

  it('gives calendar months and any cut-off period, both days included', () => {
    expect(periodRange({ kind: 'month', month: '2024-02' })).toEqual({
      start: '2024-02-01',
      end: '2024-02-29',
    });
    expect(periodRange({ kind: 'month', month: '2023-02' })).toEqual({
      start: '2023-02-01',
      end: '2023-02-28',
    });
    expect(periodRange({ kind: 'range', from: '2024-04-01', to: '2024-12-31' })).toEqual({
      start: '2024-04-01',
      end: '2024-12-31',
    });
    // January lies in the fiscal year that began the April before.
    expect(periodFiscalYear({ kind: 'month', month: '2025-01' })).toBe(2024);
    expect(periodFiscalYear({ kind: 'range', from: '2024-04-01', to: '2025-03-31' })).toBe(2024);
  });

  it('labels months and cut-off periods by the era of the day', () => {
    expect(periodLabel({ kind: 'month', month: '2024-04' })).toBe('令和6年4月');
    expect(periodLabel({ kind: 'month', month: '2019-04' })).toBe('平成31年4月');
    expect(periodLabel({ kind: 'month', month: '2019-05' })).toBe('令和元年5月');
    expect(periodLabel({ kind: 'range', from: '2024-04-01', to: '2024-12-31' })).toBe(
      '令和6年4月1日〜令和6年12月31日',
    );
    expect(japaneseDateLabel('2019-04-30')).toBe('平成31年4月30日');
  });

  it('refuses a cut-off period that ends before it starts or spans more than a year, naming the rule', () => {
    const issue = (input: unknown) => {
      try {
        parseInput(reportingPeriodSchema, input);
      } catch (e) {
        if (e instanceof ValidationError) return e.issues[0];
        throw e;
      }
      return undefined;
    };
    expect(issue({ kind: 'range', from: '2024-05-01', to: '2024-04-30' })).toMatchObject({
      field: 'to',
      rule: 'range_order',
    });
    expect(issue({ kind: 'range', from: '2024-04-01', to: '2025-04-02' })).toMatchObject({
      field: 'to',
      rule: 'range_max_days',
    });
    // 366 days (a leap year) is the longest allowed span.
    expect(MAX_RANGE_DAYS).toBe(366);
    expect(issue({ kind: 'range', from: '2024-01-01', to: '2024-12-31' })).toBeUndefined();
    expect(issue({ kind: 'range', from: '2024-04-01', to: '2024-02-30' })).toMatchObject({ field: 'to' });
    expect(issue({ kind: 'month', month: '2024-13' })).toMatchObject({ field: 'month' });
  });
});
