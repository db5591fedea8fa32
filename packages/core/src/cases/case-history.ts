import type { CaseStatusChange } from '../case-status/case-status.ts';
import type { NoteVisibilityValue } from '../shared/note-visibility.ts';
import type { FamilyStageChange, SupportStageChange } from '../stages/stage-history.ts';
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
