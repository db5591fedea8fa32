import { describe, expect, it } from 'vitest';
import { type AgeCutoff, addDays } from '../shared/dates.ts';
import {
  AGE_BAND_LABELS_JA,
  AGE_BAND_ORDER,
  type AgeBand,
  type AgeBandCutoffs,
  ageBandCutoffs,
  ageBandOf,
  ageBandOn,
} from './age-band.ts';

type Birth = { birthDate: string | null; birthYearMonth: string | null };

/** How a database applies band cutoffs (see the caseload filter): full date first, else year-month. */
function inBand(birth: Birth, c: AgeBandCutoffs): boolean {
  const atLeast = (cutoff: AgeCutoff) =>
    birth.birthDate !== null
      ? birth.birthDate <= cutoff.bornOnOrBefore
      : birth.birthYearMonth !== null && birth.birthYearMonth <= cutoff.bornInMonthOnOrBefore;
  const known = birth.birthDate !== null || birth.birthYearMonth !== null;
  if (c.band === 'unknown') return !known || !atLeast(c.below);
  return atLeast(c.atLeast) && (c.below === null || !atLeast(c.below));
}

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

describe('ageBandCutoffs: the band as a storage filter', () => {
  it('puts every birth day and month in exactly the band ageBandOn gives', () => {
    for (const on of ['2024-02-29', '2025-02-28', '2024-12-31', '2024-07-01']) {
      const cutoffs = AGE_BAND_ORDER.map((band) => ageBandCutoffs(band, on));
      const births: Birth[] = [{ birthDate: null, birthYearMonth: null }];
      for (let day = '1950-01-01'; day <= '2026-12-31'; day = addDays(day, 3))
        births.push(
          { birthDate: day, birthYearMonth: null },
          { birthDate: null, birthYearMonth: day.slice(0, 7) },
        );
      const wrong = births.filter((birth) => {
        const bands: AgeBand[] = cutoffs.filter((c) => inBand(birth, c)).map((c) => c.band);
        return bands.length !== 1 || bands[0] !== ageBandOn(birth, on);
      });
      expect(wrong, `on ${on}`).toEqual([]);
      expect(births.length).toBeGreaterThan(18000);
    }
  });
});
