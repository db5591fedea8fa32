import { z } from 'zod';
import type { CaseStatusChange } from '../case-status/case-status.ts';
import {
  caseStatusMoveInputSchema,
  statusFromEntry,
  transitionCaseStatus,
} from '../case-status/status-machine.ts';
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
import { familyStageIndex, supportStageIndex } from '../stages/support-stage.ts';
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

function assertActiveForForward(record: CaseRecord): void {
  if (record.status.state !== 'active')
    throw new PreconditionError(
      'stage_forward_needs_active_case',
      `case ${record.id} is ${record.status.state}: only a step back can be recorded until it is active again`,
      'to',
    );
}

/**
 * The history read does not end where the record read stands: another writer committed between the
 * two reads (PostgreSQL reads each statement at its own snapshot). That is a concurrent change.
 */
function historyMismatch(record: CaseRecord): VersionConflictError {
  return new VersionConflictError('case', record.id, record.version, null);
}
