import { describe, expect, it } from 'vitest';
import {
  type Cell,
  cellValue,
  isSmallCount,
  isSuppressed,
  suppressCells,
  unsuppressedCells,
} from './suppression.ts';

const shown = (cells: Record<string, Cell>) =>
  Object.fromEntries(Object.entries(cells).map(([k, c]) => [k, cellValue(c)]));

describe('primary suppression', () => {
  it('hides 1 and 2, shows 0 and 3 and more', () => {
    expect([0, 1, 2, 3, 100].map(isSmallCount)).toEqual([false, true, true, false, false]);
    const cells = suppressCells({ a: 0, b: 1, c: 2, d: 3 }, []);
    expect(shown(cells)).toEqual({ a: 0, b: null, c: null, d: 3 });
    expect(cells.b).toEqual({ suppressed: true, reason: 'small' });
  });

  it('shows everything without publishing', () => {
    expect(shown(unsuppressedCells({ a: 1, b: 2 }))).toEqual({ a: 1, b: 2 });
  });
});

describe('complementary suppression', () => {
  it('hides the next smallest non-zero part when one part of a breakdown is hidden', () => {
    // phone 1, email 0, visit 4, office 7, total 12: 1 could be recovered as 12 − 0 − 4 − 7.
    const cells = suppressCells({ phone: 1, email: 0, visit: 4, office: 7, total: 12 }, [
      { total: 'total', parts: ['phone', 'email', 'visit', 'office'] },
    ]);
    expect(shown(cells)).toEqual({ phone: null, email: 0, visit: null, office: 7, total: 12 });
    expect(cells.visit).toEqual({ suppressed: true, reason: 'complementary' });
    expect(cells.phone).toEqual({ suppressed: true, reason: 'small' });
  });

  it('adds nothing when two parts are already hidden', () => {
    const cells = suppressCells({ a: 1, b: 2, c: 5, t: 8 }, [{ total: 't', parts: ['a', 'b', 'c'] }]);
    expect(shown(cells)).toEqual({ a: null, b: null, c: 5, t: 8 });
  });

  it('adds nothing when the total is not published', () => {
    const cells = suppressCells({ a: 1, b: 4, c: 5 }, [{ total: null, parts: ['a', 'b', 'c'] }]);
    expect(shown(cells)).toEqual({ a: null, b: 4, c: 5 });
  });

  it('takes the first listed cell on a tie, never a zero', () => {
    const cells = suppressCells({ a: 2, z: 0, b: 6, c: 6, t: 14 }, [
      { total: 't', parts: ['a', 'z', 'b', 'c'] },
    ]);
    expect(shown(cells)).toEqual({ a: null, z: 0, b: null, c: 6, t: 14 });
  });

  it('keeps going across shared cells of a table until no hidden cell can be recovered', () => {
    // Rows r1, r2 and columns c1, c2 of a 2×2 table with row, column and grand totals.
    //        c1  c2 | row
    //  r1     1   5 |  6
    //  r2     4   9 | 13
    //  col    5  14 | 19
    const values = { r1c1: 1, r1c2: 5, r2c1: 4, r2c2: 9, r1: 6, r2: 13, c1: 5, c2: 14, all: 19 };
    const cells = suppressCells(values, [
      { total: 'r1', parts: ['r1c1', 'r1c2'] },
      { total: 'r2', parts: ['r2c1', 'r2c2'] },
      { total: 'c1', parts: ['r1c1', 'r2c1'] },
      { total: 'c2', parts: ['r1c2', 'r2c2'] },
      { total: 'all', parts: ['r1', 'r2'] },
      { total: 'all', parts: ['c1', 'c2'] },
    ]);
    const s = shown(cells);
    // r1c1 small; row 1 → r1c2; column 1 → r2c1; column 2 (r1c2 hidden) → r2c2; totals stay.
    expect(s).toEqual({
      r1c1: null,
      r1c2: null,
      r2c1: null,
      r2c2: null,
      r1: 6,
      r2: 13,
      c1: 5,
      c2: 14,
      all: 19,
    });
    // No relation is left with exactly one hidden figure.
    for (const [total, parts] of [
      ['r1', ['r1c1', 'r1c2']],
      ['r2', ['r2c1', 'r2c2']],
      ['c1', ['r1c1', 'r2c1']],
      ['c2', ['r1c2', 'r2c2']],
    ] as const) {
      const hidden = [total, ...parts].filter((k) => isSuppressed(cells[k] as Cell)).length;
      expect(hidden === 0 || hidden >= 2).toBe(true);
    }
  });

  it('hides the total when the only other figure of the breakdown is zero', () => {
    // 'a' is hidden by the first relation (partner of x); in the second relation a's only sibling is 0,
    // so the total would give a away and is hidden itself.
    const cells = suppressCells({ x: 1, a: 5, rowTotal: 6, b: 0, colTotal: 5 }, [
      { total: 'rowTotal', parts: ['x', 'a'] },
      { total: 'colTotal', parts: ['a', 'b'] },
    ]);
    expect(shown(cells)).toEqual({ x: null, a: null, rowTotal: 6, b: 0, colTotal: null });
  });

  it('rejects a relation naming an unknown cell', () => {
    expect(() => suppressCells({ a: 4 }, [{ total: 'a', parts: ['missing'] }])).toThrow(RangeError);
  });
});
