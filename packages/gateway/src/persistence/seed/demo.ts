import { type Agency, type CalendarDate, calendarDateOf } from '@hikikomori-register/core';
import type { Database } from '../database.ts';
import { generateSeed } from './generate.ts';
import { type SeedWriteReport, writeSeed } from './write.ts';

export interface SeedDemoOptions {
  /** Defaults to today in Japan time. */
  readonly today?: CalendarDate;
  /** Existing agencies to attach the cases to; fictitious agencies are created when omitted. */
  readonly agencies?: readonly Agency[];
  /** The staff member recorded as acting for each agency. */
  readonly staffIds?: Readonly<Record<string, string>>;
  /** Default 60. */
  readonly cases?: number;
  /** Default 1. */
  readonly seed?: number;
}

/** A few dozen fictitious cases for a demo register (the start command's `--demo`). */
export function seedDemo(db: Database, options: SeedDemoOptions = {}): Promise<SeedWriteReport> {
  return writeSeed(
    db,
    generateSeed({
      cases: options.cases ?? 60,
      seed: options.seed ?? 1,
      today: options.today ?? calendarDateOf(new Date()),
      ...(options.agencies ? { agencies: options.agencies } : {}),
      ...(options.staffIds ? { staffIds: options.staffIds } : {}),
    }),
  );
}
