import { describe, expect, it } from 'vitest';
import { indicatorsCsv } from './indicator-csv.ts';
import { EMPTY_INDICATOR_DATASET } from './indicator-input.ts';
import { computeIndicators } from './indicators.ts';

const empty = EMPTY_INDICATOR_DATASET;

describe('indicator CSV', () => {
  it('starts with a UTF-8 BOM, uses CRLF and labels the fiscal year in Reiwa', () => {
    const report = computeIndicators(empty, {
      period: { kind: 'fiscalYear', fiscalYear: 2023 },
      scope: { kind: 'all' },
      publishing: false,
    });
    const csv = indicatorsCsv(report);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv).toContain('令和5年度');
    expect(csv).toContain('\r\n');
    expect(csv.replace(/\r\n/g, '')).not.toContain('\n');
  });

  it('says in the header when the figures are for publishing', () => {
    const report = computeIndicators(empty, {
      period: { kind: 'fiscalYear', fiscalYear: 2023 },
      scope: { kind: 'all' },
      publishing: true,
    });
    const csv = indicatorsCsv(report);
    expect(csv).toContain('公表用');
  });
});
