import { z } from 'zod';
import type { Actor } from '../shared/actor.ts';
import { type CalendarDate, calendarDateOf, calendarDateSchema } from '../shared/dates.ts';
import { IllegalTransitionError, PreconditionError, parseInput, ValidationError } from '../shared/errors.ts';
import type { CaseId } from '../shared/ids.ts';
import { type NoteVisibilityValue, noteVisibilitySchema } from '../shared/note-visibility.ts';
import { textUpTo } from '../shared/text.ts';
import {
  assertStageHistoryConsistent,
  type FamilyStageChange,
  latestEntry,
  type StageChangeEntry,
  type SupportStageChange,
} from './stage-history.ts';
import {
  FAMILY_STAGE_TRANSITIONS,
  findStageTransition,
  type StageTransition,
  SUPPORT_STAGE_TRANSITIONS,
} from './stage-transitions.ts';
import {
  type FamilyStageChangeReason,
  familyRegressionReasonSchema,
  familyStageIndex,
  familyStageSchema,
  INITIAL_REASON,
  PROGRESS_REASON,
  regressionReasonSchema,
  type StageTrack,
  type SupportStageChangeReason,
  supportStageIndex,
  supportStageSchema,
} from './support-stage.ts';

/** Free-text note: trimmed, empty means none. */
export const stageNoteSchema = textUpTo('longText')
  .nullish()
  .transform((v) => (v ? v : null));

/** Who the note may be disclosed to (開示制限); staff who read the contacts section see it regardless. */
const noteVisibilityInput = noteVisibilitySchema.default('normal');

/** A move of the person's stage. `reason`: omit or `progress` going forward; a regression reason going back. */
export const supportStageMoveInputSchema = z.object({
  to: supportStageSchema,
  reason: z.enum([PROGRESS_REASON, ...regressionReasonSchema.options]).optional(),
  note: stageNoteSchema,
  noteVisibility: noteVisibilityInput,
  effectiveOn: calendarDateSchema,
});
export type SupportStageMoveInput = z.input<typeof supportStageMoveInputSchema>;

/** A move of the family's stage; same rules with the family's regression reasons. */
export const familyStageMoveInputSchema = z.object({
  to: familyStageSchema,
  reason: z.enum([PROGRESS_REASON, ...familyRegressionReasonSchema.options]).optional(),
  note: stageNoteSchema,
  noteVisibility: noteVisibilityInput,
  effectiveOn: calendarDateSchema,
});
export type FamilyStageMoveInput = z.input<typeof familyStageMoveInputSchema>;

export const initialSupportStageInputSchema = z.object({
  stage: supportStageSchema,
  note: stageNoteSchema,
  noteVisibility: noteVisibilityInput,
  effectiveOn: calendarDateSchema,
});
export type InitialSupportStageInput = z.input<typeof initialSupportStageInputSchema>;

export const initialFamilyStageInputSchema = z.object({
  stage: familyStageSchema,
  note: stageNoteSchema,
  noteVisibility: noteVisibilityInput,
  effectiveOn: calendarDateSchema,
});
export type InitialFamilyStageInput = z.input<typeof initialFamilyStageInputSchema>;

/** What the person's stage machine needs to know besides the history. */
export interface StageTransitionContext {
  readonly caseId: CaseId;
  /** Effective dates may not precede the case's opening. */
  readonly caseOpenedOn: CalendarDate;
  /**
   * The earliest direct contact with the person (本人との直接の接触) on record, from the contacts module;
   * null when nobody has met the person yet. Entering any stage after encounter requires one at or
   * before the effective date.
   */
  readonly firstDirectContactOn: CalendarDate | null;
  readonly actor: Actor;
  /** The instant of recording; also fixes "today" (Japan time) so no move is dated in the future. */
  readonly now: Date;
}

/** The family machine has no direct-contact precondition. */
export type FamilyStageTransitionContext = Omit<StageTransitionContext, 'firstDirectContactOn'>;

interface TrackSpec<T extends StageTrack, S extends string> {
  readonly track: T;
  readonly machine: string;
  readonly table: readonly StageTransition<S>[];
  readonly index: (stage: S) => number;
}

const PERSON: TrackSpec<'person', SupportStageChange['to']> = {
  track: 'person',
  machine: 'supportStage',
  table: SUPPORT_STAGE_TRANSITIONS,
  index: supportStageIndex,
};

const FAMILY: TrackSpec<'family', FamilyStageChange['to']> = {
  track: 'family',
  machine: 'familyStage',
  table: FAMILY_STAGE_TRANSITIONS,
  index: familyStageIndex,
};

interface ParsedMove<S extends string> {
  readonly to: S;
  readonly reason?: string | undefined;
  readonly note: string | null;
  readonly noteVisibility: NoteVisibilityValue;
  readonly effectiveOn: CalendarDate;
}

/** The first entry of the person's track (written when the case opens). */
export function initialSupportStage(
  input: InitialSupportStageInput,
  ctx: StageTransitionContext,
): SupportStageChange {
  const parsed = parseInput(initialSupportStageInputSchema, input);
  return appendMove(
    PERSON,
    [],
    { ...parsed, to: parsed.stage },
    ctx,
    ctx.firstDirectContactOn,
    true,
  ) as SupportStageChange;
}

/** A forward or back move of the person's stage: returns the NEW entry to append to `history`. */
export function moveSupportStage(
  history: readonly SupportStageChange[],
  input: SupportStageMoveInput,
  ctx: StageTransitionContext,
): SupportStageChange {
  const parsed = parseInput(supportStageMoveInputSchema, input);
  return appendMove(PERSON, history, parsed, ctx, ctx.firstDirectContactOn, false) as SupportStageChange;
}

/** The first entry of the family's track (when the family first consults). */
export function initialFamilyStage(
  input: InitialFamilyStageInput,
  ctx: FamilyStageTransitionContext,
): FamilyStageChange {
  const parsed = parseInput(initialFamilyStageInputSchema, input);
  return appendMove(FAMILY, [], { ...parsed, to: parsed.stage }, ctx, null, true) as FamilyStageChange;
}

/** A forward or back move of the family's stage: returns the NEW entry to append to `history`. */
export function moveFamilyStage(
  history: readonly FamilyStageChange[],
  input: FamilyStageMoveInput,
  ctx: FamilyStageTransitionContext,
): FamilyStageChange {
  const parsed = parseInput(familyStageMoveInputSchema, input);
  return appendMove(FAMILY, history, parsed, ctx, null, false) as FamilyStageChange;
}

type AnyEntry = StageChangeEntry<StageTrack, string, SupportStageChangeReason | FamilyStageChangeReason>;

function appendMove<T extends StageTrack, S extends string>(
  spec: TrackSpec<T, S>,
  history: readonly StageChangeEntry<T, S, string>[],
  move: ParsedMove<S>,
  ctx: FamilyStageTransitionContext,
  firstDirectContactOn: CalendarDate | null,
  initial: boolean,
): AnyEntry {
  let previous: StageChangeEntry<T, S, string> | undefined;
  if (!initial) {
    if (history.length === 0)
      throw new PreconditionError(
        'stage_history_started',
        `the ${spec.track} track has not started yet`,
        'to',
      );
    for (const e of history) {
      if (e.caseId !== ctx.caseId)
        throw new PreconditionError('stage_history_of_case', `history entry belongs to case ${e.caseId}`);
    }
    assertStageHistoryConsistent(history, spec.track);
    previous = latestEntry(history);
  }
  const from = previous?.to ?? null;

  const transition = findStageTransition(spec.table, from, move.to);
  if (!transition) {
    const detail =
      from === move.to
        ? 'already in this stage'
        : from !== null && spec.index(move.to) > spec.index(from)
          ? 'forward moves go one stage at a time'
          : undefined;
    throw new IllegalTransitionError(spec.machine, from ?? 'none', move.to, detail);
  }

  const reason = reasonFor(transition.direction, move);

  const today = calendarDateOf(ctx.now);
  if (move.effectiveOn < ctx.caseOpenedOn)
    throw new PreconditionError(
      'effective_on_not_before_opening',
      `effective date ${move.effectiveOn} is before the case opened (${ctx.caseOpenedOn})`,
      'effectiveOn',
    );
  if (previous && move.effectiveOn < previous.effectiveOn)
    throw new PreconditionError(
      'effective_on_not_before_previous',
      `effective date ${move.effectiveOn} is before the previous stage change (${previous.effectiveOn})`,
      'effectiveOn',
    );
  if (move.effectiveOn > today)
    throw new PreconditionError(
      'effective_on_not_in_future',
      `effective date ${move.effectiveOn} is after today (${today})`,
      'effectiveOn',
    );

  for (const rule of transition.requires) {
    if (
      rule === 'directContact' &&
      (firstDirectContactOn === null || firstDirectContactOn > move.effectiveOn)
    )
      throw new PreconditionError(
        'direct_contact_required',
        `entering ${move.to} needs direct contact with the person on record on or before ${move.effectiveOn}`,
        'to',
      );
  }

  return {
    caseId: ctx.caseId,
    track: spec.track,
    from,
    to: move.to,
    direction: transition.direction,
    reason: reason as SupportStageChangeReason | FamilyStageChangeReason,
    note: move.note,
    noteVisibility: move.noteVisibility,
    actor: ctx.actor,
    effectiveOn: move.effectiveOn,
    recordedAt: ctx.now,
    sequence: (previous?.sequence ?? 0) + 1,
  };
}

/** Forward moves are `progress`; back moves must name a regression reason; `other` needs a note. */
function reasonFor(direction: 'initial' | 'forward' | 'back', move: ParsedMove<string>): string {
  if (direction === 'initial') return INITIAL_REASON;
  if (direction === 'forward') {
    if (move.reason !== undefined && move.reason !== PROGRESS_REASON)
      throw new ValidationError([
        {
          field: 'reason',
          rule: 'forward_reason_is_progress',
          message: 'a forward move has reason "progress"',
        },
      ]);
    return PROGRESS_REASON;
  }
  if (move.reason === undefined || move.reason === PROGRESS_REASON)
    throw new ValidationError([
      {
        field: 'reason',
        rule: 'regression_reason_required',
        message: 'a step back needs a regression reason',
      },
    ]);
  if (move.reason === 'other' && !move.note)
    throw new ValidationError([
      { field: 'note', rule: 'note_required_for_other', message: 'reason "other" needs a note saying why' },
    ]);
  return move.reason;
}
