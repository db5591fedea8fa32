import { z } from 'zod';
import type { Actor } from '../shared/actor.ts';
import { type CalendarDate, calendarDateOf, calendarDateSchema } from '../shared/dates.ts';
import { IllegalTransitionError, PreconditionError, parseInput, ValidationError } from '../shared/errors.ts';
import type { CaseId } from '../shared/ids.ts';
import { type NoteVisibilityValue, noteVisibilitySchema } from '../shared/note-visibility.ts';
import { textUpTo } from '../shared/text.ts';
import { entryInForceOn, inSequence, latestEntry } from '../stages/stage-history.ts';
import {
  type CaseStatus,
  type CaseStatusChange,
  type CaseStatusReason,
  closureReasonSchema,
  pauseReasonSchema,
  reopenReasonSchema,
} from './case-status.ts';
import { findStatusTransition } from './status-transitions.ts';

const noteSchema = textUpTo('longText')
  .nullish()
  .transform((v) => (v ? v : null));

const common = {
  effectiveOn: calendarDateSchema,
  note: noteSchema,
  noteVisibility: noteVisibilitySchema.default('normal'),
};

/**
 * A status move, by target state. Pausing needs a pause reason (optional review date, not before the
 * effective date); closing needs a closure reason; reopening a closed case needs a reopen reason
 * (checked by the machine, since only it knows the case is closed). `other` always needs a note.
 */
export const caseStatusMoveInputSchema = z
  .discriminatedUnion('to', [
    z.object({ to: z.literal('active'), reopenReason: reopenReasonSchema.optional(), ...common }),
    z.object({
      to: z.literal('paused'),
      pauseReason: pauseReasonSchema,
      reviewOn: calendarDateSchema.nullish().transform((v) => v ?? null),
      ...common,
    }),
    z.object({ to: z.literal('contactLost'), ...common }),
    z.object({ to: z.literal('closed'), closureReason: closureReasonSchema, ...common }),
  ])
  .superRefine((input, ctx) => {
    const reason =
      input.to === 'paused' ? input.pauseReason : input.to === 'closed' ? input.closureReason : undefined;
    if (reason === 'other' && !input.note)
      ctx.addIssue({
        code: 'custom',
        path: ['note'],
        message: 'reason "other" needs a note saying why',
        params: { rule: 'note_required_for_other' },
      });
    if (input.to === 'paused' && input.reviewOn !== null && input.reviewOn < input.effectiveOn)
      ctx.addIssue({
        code: 'custom',
        path: ['reviewOn'],
        message: 'the review date cannot be before the pause',
        params: { rule: 'review_on_not_before_effective_on' },
      });
  });
export type CaseStatusMoveInput = z.input<typeof caseStatusMoveInputSchema>;
type ParsedStatusMove = z.output<typeof caseStatusMoveInputSchema>;

export interface StatusTransitionContext {
  readonly caseId: CaseId;
  readonly caseOpenedOn: CalendarDate;
  readonly actor: Actor;
  /** The instant of recording; also fixes "today" (Japan time) so no change is dated in the future. */
  readonly now: Date;
}

/** The `opened` entry written when the case opens: every case starts active. */
export function initialCaseStatus(
  input: {
    readonly effectiveOn: CalendarDate;
    readonly note?: string | null;
    readonly noteVisibility?: NoteVisibilityValue;
  },
  ctx: StatusTransitionContext,
): CaseStatusChange {
  const parsed = parseInput(z.object(common), input);
  checkDates(parsed.effectiveOn, undefined, ctx);
  return {
    caseId: ctx.caseId,
    from: null,
    to: 'active',
    move: 'opened',
    reason: null,
    note: parsed.note,
    noteVisibility: parsed.noteVisibility,
    reviewOn: null,
    actor: ctx.actor,
    effectiveOn: parsed.effectiveOn,
    recordedAt: ctx.now,
    sequence: 1,
  };
}

/** Apply a status move: returns the NEW entry to append to `history`. Never touches the stage. */
export function transitionCaseStatus(
  history: readonly CaseStatusChange[],
  input: CaseStatusMoveInput,
  ctx: StatusTransitionContext,
): CaseStatusChange {
  const move = parseInput(caseStatusMoveInputSchema, input);
  if (history.length === 0)
    throw new PreconditionError('status_history_started', 'the case has no opening status entry', 'to');
  if (history.some((e) => e.caseId !== ctx.caseId))
    throw new PreconditionError('status_history_of_case', `status history contains entries of another case`);
  assertStatusHistoryConsistent(history);
  const previous = latestEntry(history) as CaseStatusChange;

  const transition = findStatusTransition(previous.to, move.to);
  if (!transition)
    throw new IllegalTransitionError(
      'caseStatus',
      previous.to,
      move.to,
      previous.to === move.to ? 'already in this state' : undefined,
    );

  const reason = reasonOf(move, transition.needs);
  checkDates(move.effectiveOn, previous, ctx);

  return {
    caseId: ctx.caseId,
    from: previous.to,
    to: move.to,
    move: transition.move,
    reason,
    note: move.note,
    noteVisibility: move.noteVisibility,
    reviewOn: move.to === 'paused' ? move.reviewOn : null,
    actor: ctx.actor,
    effectiveOn: move.effectiveOn,
    recordedAt: ctx.now,
    sequence: previous.sequence + 1,
  };
}

function reasonOf(
  move: ParsedStatusMove,
  needs: 'pause' | 'closure' | 'reopen' | null,
): CaseStatusReason | null {
  if (move.to === 'paused') return move.pauseReason;
  if (move.to === 'closed') return move.closureReason;
  if (move.to === 'active') {
    if (needs === 'reopen') {
      if (move.reopenReason === undefined)
        throw new ValidationError([
          {
            field: 'reopenReason',
            rule: 'reopen_reason_required',
            message: 'reopening a closed case needs a reason',
          },
        ]);
      if (move.reopenReason === 'other' && !move.note)
        throw new ValidationError([
          {
            field: 'note',
            rule: 'note_required_for_other',
            message: 'reason "other" needs a note saying why',
          },
        ]);
      return move.reopenReason;
    }
    if (move.reopenReason !== undefined)
      throw new ValidationError([
        {
          field: 'reopenReason',
          rule: 'only_when_reopening',
          message: 'a reopen reason is only for a closed case',
        },
      ]);
  }
  return null;
}

function checkDates(
  effectiveOn: CalendarDate,
  previous: CaseStatusChange | undefined,
  ctx: StatusTransitionContext,
) {
  const today = calendarDateOf(ctx.now);
  if (effectiveOn < ctx.caseOpenedOn)
    throw new PreconditionError(
      'effective_on_not_before_opening',
      `effective date ${effectiveOn} is before the case opened (${ctx.caseOpenedOn})`,
      'effectiveOn',
    );
  if (previous && effectiveOn < previous.effectiveOn)
    throw new PreconditionError(
      'effective_on_not_before_previous',
      `effective date ${effectiveOn} is before the previous status change (${previous.effectiveOn})`,
      'effectiveOn',
    );
  if (effectiveOn > today)
    throw new PreconditionError(
      'effective_on_not_in_future',
      `effective date ${effectiveOn} is after today (${today})`,
      'effectiveOn',
    );
}

/** The status a history entry leaves the case in. */
export function statusFromEntry(entry: CaseStatusChange): CaseStatus {
  switch (entry.to) {
    case 'active':
      return { state: 'active', since: entry.effectiveOn };
    case 'paused':
      return {
        state: 'paused',
        since: entry.effectiveOn,
        pauseReason: entry.reason as Extract<CaseStatus, { state: 'paused' }>['pauseReason'],
        reviewOn: entry.reviewOn,
      };
    case 'contactLost':
      return { state: 'contactLost', since: entry.effectiveOn };
    case 'closed':
      return {
        state: 'closed',
        since: entry.effectiveOn,
        closureReason: entry.reason as Extract<CaseStatus, { state: 'closed' }>['closureReason'],
      };
  }
}

/** The status on a past (or present) date; same-day entries: later sequence wins. Null before opening. */
export function statusAt(history: readonly CaseStatusChange[], date: CalendarDate): CaseStatus | null {
  const entry = entryInForceOn(history, date);
  return entry ? statusFromEntry(entry) : null;
}

/** The status after the last recorded entry. */
export function currentStatus(history: readonly CaseStatusChange[]): CaseStatus | null {
  const entry = latestEntry(history);
  return entry ? statusFromEntry(entry) : null;
}

/** A paused case whose review date has come (小休止の見直し時期). */
export function isReviewDue(status: CaseStatus, today: CalendarDate): boolean {
  return status.state === 'paused' && status.reviewOn !== null && status.reviewOn <= today;
}

export interface StatusHistoryProblem {
  readonly sequence: number;
  readonly rule: string;
  readonly message: string;
}

/** Everything wrong with a stored status history; empty when consistent. */
export function statusHistoryProblems(history: readonly CaseStatusChange[]): StatusHistoryProblem[] {
  const problems: StatusHistoryProblem[] = [];
  const entries = inSequence(history);
  const add = (sequence: number, rule: string, message: string) => problems.push({ sequence, rule, message });
  entries.forEach((e, i) => {
    const prev = i > 0 ? entries[i - 1] : undefined;
    if (e.sequence !== i + 1) add(e.sequence, 'sequence_contiguous', `expected sequence ${i + 1}`);
    if (e.caseId !== entries[0]?.caseId) add(e.sequence, 'case_id', `entry belongs to case ${e.caseId}`);
    if (!prev && e.from !== null) add(e.sequence, 'first_is_opened', 'the first entry must open the case');
    if (prev && e.from !== prev.to)
      add(e.sequence, 'from_is_previous_to', `from ${e.from} but previous is ${prev.to}`);
    if (prev && e.effectiveOn < prev.effectiveOn)
      add(
        e.sequence,
        'effective_on_order',
        `effective ${e.effectiveOn} is before the previous ${prev.effectiveOn}`,
      );
    const t = findStatusTransition(e.from, e.to);
    if (!t || t.move !== e.move)
      add(e.sequence, 'transition_legal', `${e.from ?? 'none'} → ${e.to} (${e.move}) is not a legal move`);
    if (t && (t.needs === null) !== (e.reason === null))
      add(e.sequence, 'reason_fits_move', `reason ${e.reason} does not fit ${t.move}`);
    if (e.reason === 'other' && !e.note)
      add(e.sequence, 'note_required_for_other', 'reason "other" needs a note');
  });
  return problems;
}

export function assertStatusHistoryConsistent(history: readonly CaseStatusChange[]): void {
  const [first] = statusHistoryProblems(history);
  if (first)
    throw new PreconditionError(
      'status_history_consistent',
      `status history is inconsistent at entry ${first.sequence}: ${first.message} (${first.rule})`,
    );
}
