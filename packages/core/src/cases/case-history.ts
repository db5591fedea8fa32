import type { CaseStatus, CaseStatusChange } from '../case-status/case-status.ts';
import { statusAt } from '../case-status/status-machine.ts';
import type { CalendarDate } from '../shared/dates.ts';
import type { NoteVisibilityValue } from '../shared/note-visibility.ts';
import { type FamilyStageChange, type SupportStageChange, stageAt } from '../stages/stage-history.ts';
import type { FamilyStage, SupportStage } from '../stages/support-stage.ts';
import type { CaseAgencyChange } from './case-agencies.ts';

/** The append-only histories of a case, each oldest first. */
export interface CaseHistory {
  readonly supportStages: readonly SupportStageChange[];
  readonly familyStages: readonly FamilyStageChange[];
  readonly statuses: readonly CaseStatusChange[];
  /** Who joined or left the case, in which role and on what basis (see `caseAgencyPeriods`). */
  readonly agencies: readonly CaseAgencyChange[];
}

interface Noted {
  readonly note: string | null;
  readonly noteVisibility: NoteVisibilityValue;
}

/** An entry whose note the reader may not see: no text, and no hint of a wall either. */
function withoutNote<E extends Noted>(entry: E): E {
  return entry.note === null ? entry : { ...entry, note: null, noteVisibility: 'normal' };
}

/**
 * The histories as a reader sees them: a note stays only where `mayRead(visibility)` allows it (the
 * access module decides; see `noteReadableWith`). The entries themselves — dates, stages, reasons —
 * are summary and stay.
 */
export function historyAsSeen(
  history: CaseHistory,
  mayRead: (visibility: NoteVisibilityValue) => boolean,
): CaseHistory {
  const seen = <E extends Noted>(e: E): E =>
    e.note !== null && mayRead(e.noteVisibility) ? e : withoutNote(e);
  return {
    supportStages: history.supportStages.map(seen),
    familyStages: history.familyStages.map(seen),
    statuses: history.statuses.map(seen),
    agencies: history.agencies,
  };
}

/** Where a case stood on one date, read from its histories (状況の時点照会). */
export interface CaseStateOnDate {
  readonly on: CalendarDate;
  readonly stage: SupportStage;
  /** null while the family track had not started. */
  readonly familyStage: FamilyStage | null;
  readonly status: CaseStatus;
}

/**
 * The stage, family stage and status in force on `on` (an entry takes effect on its `effectiveOn`;
 * among entries of one day the later sequence wins). Null before the case was opened: there was no
 * case to be anywhere. Back-dated entries count from the day they took effect, not the day recorded.
 */
export function caseStateOn(
  history: Pick<CaseHistory, 'supportStages' | 'familyStages' | 'statuses'>,
  on: CalendarDate,
): CaseStateOnDate | null {
  const stage = stageAt(history.supportStages, on);
  const status = statusAt(history.statuses, on);
  if (stage === null || status === null) return null;
  return { on, stage, familyStage: stageAt(history.familyStages, on), status };
}
