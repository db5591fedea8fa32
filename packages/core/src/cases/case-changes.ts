import { z } from 'zod';
import { canDecideForCase, canWriteCase } from '../access/access-rules.ts';
import type { CaseState, CaseStatusChange, StatusMove } from '../case-status/case-status.ts';
import {
  caseStatusMoveInputSchema,
  statusFromEntry,
  transitionCaseStatus,
} from '../case-status/status-machine.ts';
import { CASE_STATUS_TRANSITIONS, type StatusReasonKind } from '../case-status/status-transitions.ts';
import type { Actor } from '../shared/actor.ts';
import type { CalendarDate } from '../shared/dates.ts';
import { PreconditionError, parseInput, ValidationError, VersionConflictError } from '../shared/errors.ts';
import {
  currentStage,
  type FamilyStageChange,
  latestEntry,
  type SupportStageChange,
} from '../stages/stage-history.ts';
import {
  familyStageMoveInputSchema,
  initialFamilyStage,
  moveFamilyStage,
  moveSupportStage,
  supportStageMoveInputSchema,
} from '../stages/stage-machine.ts';
import {
  FAMILY_STAGE_TRANSITIONS,
  type StageTransition,
  SUPPORT_STAGE_TRANSITIONS,
} from '../stages/stage-transitions.ts';
import {
  type FamilyStage,
  familyStageIndex,
  type StageDirection,
  type SupportStage,
  supportStageIndex,
} from '../stages/support-stage.ts';
import {
  assertExpectedVersion,
  assertNotClosed,
  type CaseCommandContext,
  type CaseRecord,
  expectedVersionSchema,
  nextCaseVersion,
} from './case-record.ts';

/**
 * Stage and status changes of a case. Each validates its input, checks the version the caller read,
 * applies the machine and returns the next record (version + 1, updatedAt = now) with the ONE history
 * entry to append. The record and the entry must be saved together.
 *
 * Stage changes and case status (decision, tested in cases.test.ts):
 * - a closed case refuses every stage change (`case_closed`): reopen it first;
 * - forward moves (and starting the family track) only while the case is active
 *   (`stage_forward_needs_active_case`): nobody progresses during a pause or while contact is lost;
 * - back moves may be recorded at any non-closed status: a re-withdrawal often comes with a pause or
 *   lost contact, and the record must be able to say so.
 * - status changes never touch either stage: a paused or contact-lost case keeps its stage.
 */
export interface CaseChange<E> {
  readonly record: CaseRecord;
  readonly entry: E;
}

/** Changing the person's stage needs the earliest direct contact on record (from the contacts module). */
export interface ChangeStageContext extends CaseCommandContext {
  /** Earliest direct contact with the person on record, or null when nobody has met them yet. */
  readonly firstDirectContactOn: CalendarDate | null;
}

export const changeStageInputSchema = supportStageMoveInputSchema.extend({
  expectedVersion: expectedVersionSchema,
});
export type ChangeStageInput = z.input<typeof changeStageInputSchema>;

export const changeFamilyStageInputSchema = familyStageMoveInputSchema.extend({
  expectedVersion: expectedVersionSchema,
});
export type ChangeFamilyStageInput = z.input<typeof changeFamilyStageInputSchema>;

export const changeStatusInputSchema = z
  .object({ expectedVersion: expectedVersionSchema })
  .and(caseStatusMoveInputSchema);
export type ChangeStatusInput = z.input<typeof changeStatusInputSchema>;

/** 支援段階の変更: move the person's stage forward one step or back with a reason. */
export function changeStage(
  record: CaseRecord,
  history: readonly SupportStageChange[],
  input: ChangeStageInput,
  ctx: ChangeStageContext,
): CaseChange<SupportStageChange> {
  const { expectedVersion, ...move } = parseInput(changeStageInputSchema, input);
  assertExpectedVersion(record, expectedVersion);
  assertNotClosed(record);
  if (currentStage(history) !== record.stage) throw historyMismatch(record);
  if (supportStageIndex(move.to) > supportStageIndex(record.stage)) assertActiveForForward(record);
  const entry = moveSupportStage(history, move, machineContext(record, ctx, ctx.firstDirectContactOn));
  return { record: nextCaseVersion(record, { stage: entry.to }, ctx.now), entry };
}

/**
 * 家族支援の段階の変更. When the family track has not started (familyStage null) the move starts it:
 * any family stage, reason omitted or `progress`. Never touches the person's stage.
 */
export function changeFamilyStage(
  record: CaseRecord,
  history: readonly FamilyStageChange[],
  input: ChangeFamilyStageInput,
  ctx: CaseCommandContext,
): CaseChange<FamilyStageChange> {
  const { expectedVersion, ...move } = parseInput(changeFamilyStageInputSchema, input);
  assertExpectedVersion(record, expectedVersion);
  assertNotClosed(record);
  if ((latestEntry(history)?.to ?? null) !== record.familyStage) throw historyMismatch(record);
  const machineCtx = machineContext(record, ctx, null);
  let entry: FamilyStageChange;
  if (record.familyStage === null) {
    assertActiveForForward(record);
    if (move.reason !== undefined && move.reason !== 'progress')
      throw new ValidationError([
        {
          field: 'reason',
          rule: 'forward_reason_is_progress',
          message: 'starting the family track takes no regression reason',
        },
      ]);
    entry = initialFamilyStage(
      { stage: move.to, note: move.note, effectiveOn: move.effectiveOn },
      machineCtx,
    );
  } else {
    if (familyStageIndex(move.to) > familyStageIndex(record.familyStage)) assertActiveForForward(record);
    entry = moveFamilyStage(history, move, machineCtx);
  }
  return { record: nextCaseVersion(record, { familyStage: entry.to }, ctx.now), entry };
}

/** 状態の変更: pause, resume, contact lost, re-engaged, close, reopen. Never touches the stages. */
export function changeStatus(
  record: CaseRecord,
  statusHistory: readonly CaseStatusChange[],
  input: ChangeStatusInput,
  ctx: CaseCommandContext,
): CaseChange<CaseStatusChange> {
  const { expectedVersion, ...move } = parseInput(changeStatusInputSchema, input);
  assertExpectedVersion(record, expectedVersion);
  if (latestEntry(statusHistory)?.to !== record.status.state) throw historyMismatch(record);
  const entry = transitionCaseStatus(statusHistory, move, machineContext(record, ctx, null));
  return { record: nextCaseVersion(record, { status: statusFromEntry(entry) }, ctx.now), entry };
}

function machineContext(
  record: CaseRecord,
  ctx: CaseCommandContext,
  firstDirectContactOn: CalendarDate | null,
) {
  return {
    caseId: record.id,
    caseOpenedOn: record.openedOn,
    firstDirectContactOn,
    actor: ctx.actor,
    now: ctx.now,
  };
}

/** Forward moves (and starting the family track) only while the case is active. */
function forwardAllowed(record: CaseRecord): boolean {
  return record.status.state === 'active';
}

function assertActiveForForward(record: CaseRecord): void {
  if (!forwardAllowed(record))
    throw new PreconditionError(
      'stage_forward_needs_active_case',
      `case ${record.id} is ${record.status.state}: only a step back can be recorded until it is active again`,
      'to',
    );
}

export interface StageMoveOption<S extends string> {
  readonly to: S;
  readonly direction: StageDirection;
  /** Back moves need a regression reason (and `other` a note). */
  readonly reasonRequired: boolean;
}

export interface StatusMoveOption {
  readonly to: CaseState;
  readonly move: StatusMove;
  /** Which reason list the move needs, if any. */
  readonly needs: StatusReasonKind;
}

export interface CaseMoveOptions {
  readonly stage: readonly StageMoveOption<SupportStage>[];
  readonly familyStage: readonly StageMoveOption<FamilyStage>[];
  readonly status: readonly StatusMoveOption[];
}

/**
 * The moves the actor may offer for a case now (for screens that offer only legal choices): the
 * transition tables, the rules above (closed cases, forward moves only while active) and the access
 * rules (casework roles of involved agencies; closing and reopening by the lead). A forward move of
 * the person's stage can still be refused for want of a direct contact on record, which the record
 * alone does not tell.
 */
export function caseMoveOptions(actor: Actor, record: CaseRecord): CaseMoveOptions {
  if (!canWriteCase(actor, record)) return { stage: [], familyStage: [], status: [] };
  const stageOptions = <S extends string>(table: readonly StageTransition<S>[], from: S | null) =>
    record.status.state === 'closed'
      ? []
      : table
          .filter((t) => t.from === from && (t.direction === 'back' || forwardAllowed(record)))
          .map((t) => ({ to: t.to, direction: t.direction, reasonRequired: t.direction === 'back' }));
  const leadDecision = canDecideForCase(actor, record);
  return {
    stage: stageOptions(SUPPORT_STAGE_TRANSITIONS, record.stage),
    familyStage: stageOptions(FAMILY_STAGE_TRANSITIONS, record.familyStage),
    status: CASE_STATUS_TRANSITIONS.filter(
      (t) => t.from === record.status.state && (leadDecision || !isLeadDecision(record.status.state, t.to)),
    ).map((t) => ({ to: t.to, move: t.move, needs: t.needs })),
  };
}

/** Closing a case and reopening a closed one are decisions of the lead agency (終結・再開の判断). */
export function isLeadDecision(from: CaseState, to: CaseState): boolean {
  return to === 'closed' || from === 'closed';
}

/**
 * The history read does not end where the record read stands: another writer committed between the
 * two reads (PostgreSQL reads each statement at its own snapshot). That is a concurrent change.
 */
function historyMismatch(record: CaseRecord): VersionConflictError {
  return new VersionConflictError('case', record.id, record.version, null);
}
