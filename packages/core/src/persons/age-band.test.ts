import { describe, expect, it } from 'vitest';
import { AGE_BAND_LABELS_JA, AGE_BAND_ORDER, ageBandOf, ageBandOn } from './age-band.ts';

describe('age bands (年代)', () => {
  it('bands ages by decade with everything under 20 in 10代 and 60+ together', () => {
    expect(ageBandOf(12)).toBe('10s');
    expect(ageBandOf(19)).toBe('10s');
    expect(ageBandOf(20)).toBe('20s');
    expect(ageBandOf(39)).toBe('30s');
    expect(ageBandOf(40)).toBe('40s');
    expect(ageBandOf(52)).toBe('50s');
    expect(ageBandOf(59)).toBe('50s');
    expect(ageBandOf(60)).toBe('60plus');
    expect(ageBandOf(75)).toBe('60plus');
    expect(ageBandOf(null)).toBe('unknown');
    expect(ageBandOf(-1)).toBe('unknown');
  });

  it('uses the person age on the given date', () => {
    const p = { birthDate: '2005-04-10', birthYearMonth: '2005-04' };
    expect(ageBandOn(p, '2025-04-09')).toBe('10s'); // 19
    expect(ageBandOn(p, '2025-04-10')).toBe('20s'); // 20
    expect(ageBandOn({ birthDate: '1964-01-01', birthYearMonth: '1964-01' }, '2024-01-01')).toBe('60plus');
    expect(ageBandOn({ birthDate: '1949-01-01', birthYearMonth: '1949-01' }, '2024-06-01')).toBe('60plus');
  });

  it('is unknown without birth information, and for dates before birth', () => {
    expect(ageBandOn({ birthDate: null, birthYearMonth: null }, '2024-06-01')).toBe('unknown');
    expect(ageBandOn({ birthDate: '2000-01-01', birthYearMonth: '2000-01' }, '1999-12-31')).toBe('unknown');
  });

  it('counts a year-month-only person into the older band only from the end of the birth month', () => {
    const p = { birthDate: null, birthYearMonth: '1994-05' };
    expect(ageBandOn(p, '2024-05-30')).toBe('20s');
    expect(ageBandOn(p, '2024-05-31')).toBe('30s');
  });

  it('has Japanese labels in report order', () => {
    expect(AGE_BAND_ORDER.map((b) => AGE_BAND_LABELS_JA[b])).toEqual([
      '10代',
      '20代',
      '30代',
      '40代',
      '50代',
      '60代以上',
      '不明',
    ]);
  });
});
