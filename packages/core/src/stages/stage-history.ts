import type { Actor } from '../shared/actor.ts';
import type { CalendarDate } from '../shared/dates.ts';
import { PreconditionError } from '../shared/errors.ts';
import type { CaseId } from '../shared/ids.ts';
import type { NoteVisibilityValue } from '../shared/note-visibility.ts';
import {
  FAMILY_STAGE_TRANSITIONS,
  findStageTransition,
  type StageTransition,
  SUPPORT_STAGE_TRANSITIONS,
} from './stage-transitions.ts';
import {
  type FamilyStage,
  type FamilyStageChangeReason,
  familyRegressionReasonSchema,
  INITIAL_REASON,
  PROGRESS_REASON,
  regressionReasonSchema,
  type StageDirection,
  type StageTrack,
  type SupportStage,
  type SupportStageChangeReason,
} from './support-stage.ts';

/**
 * One append-only entry of a stage history. Entries are never edited: a correction is a new move.
 * `sequence` counts from 1 per case and track; the repository should keep (caseId, track, sequence)
 * unique so that two concurrent writers cannot both append entry n.
 */
export interface StageChangeEntry<T extends StageTrack, S extends string, R extends string> {
  readonly caseId: CaseId;
  readonly track: T;
  /** null on the first entry of the track. */
  readonly from: S | null;
  readonly to: S;
  readonly direction: StageDirection;
  /** `initial`, `progress` (forward) or a regression reason (back). */
  readonly reason: R;
  /** Free text: part of the case's progress record (contacts section), never of its summary. */
  readonly note: string | null;
  /** Who the note may be disclosed to (開示制限). */
  readonly noteVisibility: NoteVisibilityValue;
  readonly actor: Actor;
  /** The day the stage took effect (may be earlier than the day it was recorded). */
  readonly effectiveOn: CalendarDate;
  /** When the entry was written. */
  readonly recordedAt: Date;
  readonly sequence: number;
}

/** An entry of the person's track (本人の支援段階). */
export type SupportStageChange = StageChangeEntry<'person', SupportStage, SupportStageChangeReason>;
/** An entry of the family's track (家族支援の段階). */
export type FamilyStageChange = StageChangeEntry<'family', FamilyStage, FamilyStageChangeReason>;
export type StageChange = SupportStageChange | FamilyStageChange;

/** Anything dated and sequenced: stage and status history entries alike. */
export interface SequencedEntry {
  readonly effectiveOn: CalendarDate;
  readonly sequence: number;
}

/** Entries in recording order (by sequence), whatever order the caller loaded them in. */
export function inSequence<E extends SequencedEntry>(history: readonly E[]): E[] {
  return [...history].sort((a, b) => a.sequence - b.sequence);
}

/** The last entry recorded, or undefined for an empty history. */
export function latestEntry<E extends SequencedEntry>(history: readonly E[]): E | undefined {
  let latest: E | undefined;
  for (const e of history) if (!latest || e.sequence > latest.sequence) latest = e;
  return latest;
}

/**
 * The entry in force on `date`: the latest effective on or before it; among entries with the same
 * effective date the later sequence wins (two moves on one day end in the second).
 */
export function entryInForceOn<E extends SequencedEntry>(
  history: readonly E[],
  date: CalendarDate,
): E | undefined {
  let best: E | undefined;
  for (const e of history) {
    if (e.effectiveOn > date) continue;
    if (
      !best ||
      e.effectiveOn > best.effectiveOn ||
      (e.effectiveOn === best.effectiveOn && e.sequence > best.sequence)
    )
      best = e;
  }
  return best;
}

/** The stage on a past (or present) date; null before the track began. Works for either track. */
export function stageAt<S extends string>(
  history: readonly (SequencedEntry & { readonly to: S })[],
  date: CalendarDate,
): S | null {
  return entryInForceOn(history, date)?.to ?? null;
}

/** The stage after the last recorded entry; null for an empty history. */
export function currentStage<S extends string>(
  history: readonly (SequencedEntry & { readonly to: S })[],
): S | null {
  return latestEntry(history)?.to ?? null;
}

export interface StageHistoryProblem {
  /** Sequence of the offending entry (0 when the problem is with the history as a whole). */
  readonly sequence: number;
  readonly rule: string;
  readonly message: string;
}

/**
 * Everything wrong with a stored history of one track; empty when it is consistent. Checks: one case
 * and one track, sequences 1..n, the first entry is initial, each `from` is the previous `to`, effective
 * dates never go backwards, every move is in the transition table with its direction, and reasons fit
 * the direction (a back move names a regression reason; `other` carries a note).
 */
export function stageHistoryProblems(
  history: readonly StageChangeEntry<StageTrack, string, string>[],
  track: StageTrack,
): StageHistoryProblem[] {
  const problems: StageHistoryProblem[] = [];
  const entries = inSequence(history);
  const caseId = entries[0]?.caseId;
  const regressionReasons: readonly string[] =
    track === 'person' ? regressionReasonSchema.options : familyRegressionReasonSchema.options;
  const table: readonly StageTransition<string>[] =
    track === 'person' ? SUPPORT_STAGE_TRANSITIONS : FAMILY_STAGE_TRANSITIONS;
  const add = (sequence: number, rule: string, message: string) => problems.push({ sequence, rule, message });

  entries.forEach((e, i) => {
    const prev = i > 0 ? entries[i - 1] : undefined;
    if (e.track !== track) add(e.sequence, 'track', `entry belongs to the ${e.track} track, not ${track}`);
    if (e.caseId !== caseId) add(e.sequence, 'case_id', `entry belongs to case ${e.caseId}, not ${caseId}`);
    if (e.sequence !== i + 1) add(e.sequence, 'sequence_contiguous', `expected sequence ${i + 1}`);
    if (!prev) {
      if (e.from !== null || e.direction !== 'initial')
        add(e.sequence, 'first_is_initial', 'the first entry must be the initial stage');
    } else {
      if (e.from !== prev.to)
        add(e.sequence, 'from_is_previous_to', `from ${e.from} but previous stage is ${prev.to}`);
      if (e.effectiveOn < prev.effectiveOn)
        add(
          e.sequence,
          'effective_on_order',
          `effective ${e.effectiveOn} is before the previous ${prev.effectiveOn}`,
        );
    }
    const t = findStageTransition(table, e.from, e.to);
    if (!t || t.direction !== e.direction)
      add(
        e.sequence,
        'transition_legal',
        `${e.from ?? 'none'} → ${e.to} (${e.direction}) is not a legal move`,
      );
    const reasonOk =
      e.direction === 'initial'
        ? e.reason === INITIAL_REASON
        : e.direction === 'forward'
          ? e.reason === PROGRESS_REASON
          : regressionReasons.includes(e.reason);
    if (!reasonOk)
      add(e.sequence, 'reason_matches_direction', `reason ${e.reason} does not fit a ${e.direction} move`);
    if (e.reason === 'other' && !e.note)
      add(e.sequence, 'note_required_for_other', 'reason "other" needs a note');
  });
  return problems;
}

export function assertStageHistoryConsistent(
  history: readonly StageChangeEntry<StageTrack, string, string>[],
  track: StageTrack,
): void {
  const [first] = stageHistoryProblems(history, track);
  if (first)
    throw new PreconditionError(
      'stage_history_consistent',
      `stage history is inconsistent at entry ${first.sequence}: ${first.message} (${first.rule})`,
    );
}
