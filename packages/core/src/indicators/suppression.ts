/**
 * 秘匿処理: published figures must not identify people ("個人に関する情報を含むため不掲載"). Two steps:
 *
 * 1. Primary suppression: a count of 1 or 2 is not shown. 0 is shown (nobody to identify) and so is
 *    anything from 3 up.
 * 2. Complementary suppression: figures are published with their totals, so a hidden cell could be
 *    recovered by subtraction. Every breakdown is a `SuppressionRelation` (total = sum of parts). When
 *    exactly one figure of a relation is hidden, the smallest non-zero shown part is hidden as well
 *    (the total itself when no such part is left). Relations share cells (a row of a table is also in a
 *    column), so the step repeats until nothing changes; it always ends because it only ever hides.
 *
 * Without publishing nothing is hidden: the figures stay inside the agency.
 */

/** Counts from 1 to this are hidden in published figures. */
export const SMALL_COUNT_MAX = 2;

export type SuppressionReason = 'small' | 'complementary';

/** One figure of a report: a count, or a note that it is not shown and why. */
export type Cell =
  | { readonly value: number }
  | { readonly suppressed: true; readonly reason: SuppressionReason };

/** total = parts[0] + parts[1] + …, by cell key. `total` null when the sum is not published. */
export interface SuppressionRelation {
  readonly total: string | null;
  readonly parts: readonly string[];
}

export function isSuppressed(cell: Cell): cell is Extract<Cell, { suppressed: true }> {
  return 'suppressed' in cell;
}

/** The shown count, or null when the cell is suppressed. */
export function cellValue(cell: Cell): number | null {
  return 'value' in cell ? cell.value : null;
}

export function isSmallCount(value: number): boolean {
  return value >= 1 && value <= SMALL_COUNT_MAX;
}

/**
 * Applies both steps to `values` (cell key → count). Every key named by a relation must be in
 * `values`. Returns a cell per key of `values`, in the same key order.
 */
export function suppressCells(
  values: Readonly<Record<string, number>>,
  relations: readonly SuppressionRelation[],
): Record<string, Cell> {
  const hidden = new Map<string, SuppressionReason>();
  for (const [key, value] of Object.entries(values)) if (isSmallCount(value)) hidden.set(key, 'small');

  const countOf = (key: string): number => {
    const v = values[key];
    if (v === undefined) throw new RangeError(`suppression relation names unknown cell ${key}`);
    return v;
  };
  // Check every key up front, so a bad relation fails even when nothing is hidden.
  for (const r of relations) {
    if (r.total !== null) countOf(r.total);
    for (const p of r.parts) countOf(p);
  }

  let changed = true;
  while (changed) {
    changed = false;
    for (const r of relations) {
      const figures = r.total === null ? r.parts : [...r.parts, r.total];
      const hiddenCount = figures.filter((k) => hidden.has(k)).length;
      // With the total unpublished one hidden part cannot be recovered; with it published it can.
      if (r.total === null || hiddenCount !== 1) continue;
      const partner = smallestShownNonZero(r.parts, hidden, countOf);
      const pick = partner ?? (hidden.has(r.total) || countOf(r.total) === 0 ? null : r.total);
      if (pick !== null) {
        hidden.set(pick, 'complementary');
        changed = true;
      }
    }
  }

  const cells: Record<string, Cell> = {};
  for (const [key, value] of Object.entries(values)) {
    const reason = hidden.get(key);
    cells[key] = reason ? { suppressed: true, reason } : { value };
  }
  return cells;
}

/** Every count shown as it is (internal use, no publishing). */
export function unsuppressedCells(values: Readonly<Record<string, number>>): Record<string, Cell> {
  const cells: Record<string, Cell> = {};
  for (const [key, value] of Object.entries(values)) cells[key] = { value };
  return cells;
}

/** The smallest shown non-zero part; on a tie the first listed, so the result is stable. */
function smallestShownNonZero(
  parts: readonly string[],
  hidden: ReadonlyMap<string, SuppressionReason>,
  countOf: (key: string) => number,
): string | null {
  let best: string | null = null;
  for (const p of parts) {
    if (hidden.has(p) || countOf(p) === 0) continue;
    if (best === null || countOf(p) < countOf(best)) best = p;
  }
  return best;
}
