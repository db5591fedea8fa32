import { z } from 'zod';
import type { CaseStatus } from '../case-status/case-status.ts';
import {
  type CalendarDate,
  calendarDateSchema,
  daysInMonth,
  formatCalendarDate,
  parseCalendarDate,
} from '../shared/dates.ts';
import type { AgencyId, CaseId, PersonId } from '../shared/ids.ts';

/**
 * 保存期間: how long a closed case keeps identifying the person. After the period, the register keeps
 * the case for counting (stages, contacts by channel, age band, municipality: the indicators still
 * add up) but no longer knows who it was: the person is pseudonymised (persons/pseudonymise.ts) and
 * every free text of the case — notes, reasons, goals — is replaced. A person with any case still open,
 * or closed more recently than the period, is left alone: their other case still needs them.
 *
 * The period runs from the closure date (the status's `since`); the default is five years, as many
 * municipalities keep 相談記録 for five years after the last entry. It is a setting, not a rule of
 * the domain: `--years` on the command line.
 */
export const DEFAULT_RETENTION_YEARS = 5;

/** What replaces each free text of a pseudonymised case. */
export const ERASED_TEXT = '（保存期間経過のため削除）';

/** The display name a pseudonymised person gets. */
export const PSEUDONYMISED_LABEL = '仮名化済み';

export const retentionRunInputSchema = z.object({
  /** Years after closure; 1–100, default 5. */
  years: z.number().int().min(1).max(100).default(DEFAULT_RETENTION_YEARS),
  /** The day the run counts from; default today (Japan). */
  asOf: calendarDateSchema.optional(),
  /** Only count what would be pseudonymised; change nothing. */
  dryRun: z.boolean().default(false),
  /** Persons per transaction page (the run commits person by person). */
  batchSize: z.number().int().min(1).max(10_000).default(200),
});
export type RetentionRunInput = z.input<typeof retentionRunInputSchema>;

/** Closed on or before this day: past the period on `asOf`. 29 February falls back to the 28th. */
export function retentionCutoff(asOf: CalendarDate, years: number): CalendarDate {
  const { year, month, day } = parseCalendarDate(asOf);
  const y = year - years;
  return formatCalendarDate(y, month, Math.min(day, daysInMonth(y, month)));
}

/** A closed case whose closure is on or before the cutoff. */
export function isPastRetention(status: CaseStatus, cutoff: CalendarDate): boolean {
  return status.state === 'closed' && status.since <= cutoff;
}

/** A person due for pseudonymisation, with all their cases (every one closed before the cutoff). */
export interface RetentionCandidate {
  readonly personId: PersonId;
  readonly cases: readonly { readonly caseId: CaseId; readonly leadAgencyId: AgencyId }[];
}

export interface RetentionReport {
  readonly asOf: CalendarDate;
  readonly years: number;
  readonly cutoff: CalendarDate;
  readonly dryRun: boolean;
  /** Persons pseudonymised (or, in a dry run, that would be). */
  readonly persons: number;
  readonly cases: number;
  /** Free texts replaced (0 in a dry run). */
  readonly textsErased: number;
}
