import { z } from 'zod';
import type { Actor } from '../shared/actor.ts';
import { type CalendarDate, calendarDateSchema } from '../shared/dates.ts';
import { ForbiddenError, PreconditionError, parseInput, ValidationError } from '../shared/errors.ts';
import type { AgencyId, CaseId, StaffId } from '../shared/ids.ts';
import { assertNotClosed, type CaseRecord } from './case-record.ts';

/**
 * 担当者: the staff of an agency taking part in a case (lead or supporting) who carry it. Each agency
 * assigns only its own staff; among an agency's assignees exactly one is 主担当 (primary), the others
 * 副担当. Assignments are periods: assigning opens one, unassigning or a role change ends it, so the
 * case history shows who carried the case when. 異動 (staff rotation) moves every open assignment of
 * one staff member of the agency to another in one go.
 *
 * The whole rule lives in this file; the use cases only load, call and save.
 */
export type AssignmentRole = 'primary' | 'secondary';
export const ASSIGNMENT_ROLE_LABELS_JA: Readonly<Record<AssignmentRole, string>> = {
  primary: '主担当',
  secondary: '副担当',
};

/** How an assignment period began or ended. */
export type AssignmentVia =
  | 'assigned' // 担当の割当て
  | 'unassigned' // 担当の解除
  | 'roleChanged' // 主担当・副担当の交代
  | 'rotation'; // 異動による引継
export const ASSIGNMENT_VIA_LABELS_JA: Readonly<Record<AssignmentVia, string>> = {
  assigned: '担当の割当て',
  unassigned: '担当の解除',
  roleChanged: '主担当・副担当の交代',
  rotation: '異動による引継',
};

export interface StaffAssignment {
  readonly id: string;
  readonly caseId: CaseId;
  readonly agencyId: AgencyId;
  readonly staffId: StaffId;
  readonly role: AssignmentRole;
  readonly startedOn: CalendarDate;
  readonly startedVia: AssignmentVia;
  readonly startedBy: Actor;
  /** null while the assignment is open. */
  readonly endedOn: CalendarDate | null;
  readonly endedVia: AssignmentVia | null;
  readonly endedBy: Actor | null;
  readonly recordedAt: Date;
}

/**
 * History order: by start date; on one day, the periods that ended that day before those that began
 * it (a rotation or role change reads "until today X, from today Y"); periods alike in both dates (one
 * change ends them together) 主担当 first; then by recording time and id.
 */
export function compareAssignments(a: StaffAssignment, b: StaffAssignment): number {
  return (
    a.startedOn.localeCompare(b.startedOn) ||
    (a.endedOn ?? '9999-12-31').localeCompare(b.endedOn ?? '9999-12-31') ||
    Number(a.role !== 'primary') - Number(b.role !== 'primary') ||
    a.recordedAt.getTime() - b.recordedAt.getTime() ||
    a.id.localeCompare(b.id)
  );
}

/** The staff account as the directory knows it (looked up by the caller; core has no staff storage). */
export interface AssignableStaff {
  readonly id: StaffId;
  readonly agencyId: AgencyId;
  readonly active: boolean;
}

export interface AssignmentContext {
  readonly actor: Actor;
  readonly now: Date;
  readonly newId: () => string;
}

/** What to store: periods to open and open periods to end (with their end filled in). */
export interface AssignmentChange {
  readonly opened: readonly StaffAssignment[];
  readonly ended: readonly StaffAssignment[];
}

export const assignStaffInputSchema = z.object({
  /** Defaults to true when the agency has nobody on the case yet, else false. */
  primary: z.boolean().nullish(),
  effectiveOn: calendarDateSchema,
});
export type AssignStaffInput = z.input<typeof assignStaffInputSchema>;

const effectiveOnSchema = z.object({ effectiveOn: calendarDateSchema });

function agencyTakesPart(record: CaseRecord, agencyId: AgencyId): boolean {
  return record.leadAgencyId === agencyId || record.supportingAgencyIds.includes(agencyId);
}

/** Only the agency's own active staff can be assigned. */
function assertAssignable(staff: AssignableStaff, agencyId: AgencyId, field: string): void {
  if (staff.agencyId !== agencyId)
    throw new ValidationError([
      { field, rule: 'staff_of_own_agency', message: 'an agency assigns only its own staff' },
    ]);
  if (!staff.active)
    throw new ValidationError([{ field, rule: 'staff_active', message: 'the staff account is inactive' }]);
}

function end(a: StaffAssignment, on: CalendarDate, via: AssignmentVia, actor: Actor): StaffAssignment {
  if (on < a.startedOn)
    throw new ValidationError([
      {
        field: 'effectiveOn',
        rule: 'not_before_assignment',
        message: `the assignment of ${a.staffId} began on ${a.startedOn}`,
      },
    ]);
  return { ...a, endedOn: on, endedVia: via, endedBy: actor };
}

function open(
  from: Pick<StaffAssignment, 'caseId' | 'agencyId' | 'staffId' | 'role'>,
  on: CalendarDate,
  via: AssignmentVia,
  ctx: AssignmentContext,
): StaffAssignment {
  return {
    ...from,
    id: ctx.newId(),
    startedOn: on,
    startedVia: via,
    startedBy: ctx.actor,
    endedOn: null,
    endedVia: null,
    endedBy: null,
    recordedAt: ctx.now,
  };
}

/** The agency's open assignments on the case. */
function openOf(assignments: readonly StaffAssignment[], caseId: CaseId, agencyId: AgencyId) {
  return assignments.filter((a) => a.caseId === caseId && a.agencyId === agencyId && a.endedOn === null);
}

/**
 * 担当の割当て: assign a staff member of the actor's agency to the case, or make an assignee 主担当.
 * The first assignee of an agency is always primary; a new primary turns the previous one into 副担当.
 */
export function assignStaff(
  record: CaseRecord,
  assignments: readonly StaffAssignment[],
  staff: AssignableStaff,
  input: AssignStaffInput,
  ctx: AssignmentContext,
): AssignmentChange {
  const parsed = parseInput(assignStaffInputSchema, input);
  const agencyId = ctx.actor.agencyId;
  if (!agencyTakesPart(record, agencyId))
    throw new ForbiddenError('assignment', 'only an agency taking part in the case assigns staff to it');
  assertNotClosed(record);
  assertAssignable(staff, agencyId, 'staffId');
  const current = openOf(assignments, record.id, agencyId);
  const existing = current.find((a) => a.staffId === staff.id);
  const primary = current.find((a) => a.role === 'primary');
  const wantsPrimary = parsed.primary ?? current.length === 0;
  if (current.length === 0 && !wantsPrimary)
    throw new ValidationError([
      {
        field: 'primary',
        rule: 'first_assignee_is_primary',
        message: "the agency's first assignee is 主担当",
      },
    ]);
  const on = parsed.effectiveOn;
  if (existing) {
    if (existing.role === 'primary' || !wantsPrimary)
      throw new PreconditionError(
        'already_assigned',
        `${staff.id} is already assigned to the case`,
        'staffId',
      );
    // 副担当 → 主担当: both periods change role on the day.
    const ended = [end(existing, on, 'roleChanged', ctx.actor)];
    const opened = [open({ ...existing, role: 'primary' }, on, 'roleChanged', ctx)];
    if (primary) {
      ended.push(end(primary, on, 'roleChanged', ctx.actor));
      opened.push(open({ ...primary, role: 'secondary' }, on, 'roleChanged', ctx));
    }
    return { opened, ended };
  }
  const base = { caseId: record.id, agencyId, staffId: staff.id };
  if (!wantsPrimary)
    return { opened: [open({ ...base, role: 'secondary' }, on, 'assigned', ctx)], ended: [] };
  const opened = [open({ ...base, role: 'primary' }, on, 'assigned', ctx)];
  if (!primary) return { opened, ended: [] };
  return {
    opened: [...opened, open({ ...primary, role: 'secondary' }, on, 'roleChanged', ctx)],
    ended: [end(primary, on, 'roleChanged', ctx.actor)],
  };
}

/**
 * 担当の解除. Removing the 主担当 while others remain makes the longest-serving 副担当 primary, so
 * the agency is never left with assignees and no primary.
 */
export function unassignStaff(
  record: CaseRecord,
  assignments: readonly StaffAssignment[],
  staffId: StaffId,
  input: { readonly effectiveOn: CalendarDate },
  ctx: AssignmentContext,
): AssignmentChange {
  const { effectiveOn: on } = parseInput(effectiveOnSchema, input);
  const current = openOf(assignments, record.id, ctx.actor.agencyId);
  const existing = current.find((a) => a.staffId === staffId);
  if (!existing)
    throw new PreconditionError('not_assigned', `${staffId} is not assigned to the case`, 'staffId');
  const ended = [end(existing, on, 'unassigned', ctx.actor)];
  const opened: StaffAssignment[] = [];
  const successor = [...current]
    .filter((a) => a.id !== existing.id)
    .sort(
      (a, b) => a.startedOn.localeCompare(b.startedOn) || a.recordedAt.getTime() - b.recordedAt.getTime(),
    )[0];
  if (existing.role === 'primary' && successor) {
    ended.push(end(successor, on, 'roleChanged', ctx.actor));
    opened.push(open({ ...successor, role: 'primary' }, on, 'roleChanged', ctx));
  }
  return { opened, ended };
}

/**
 * 異動: every open assignment of `from` in the actor's agency passes to `to`, in the same role. Where
 * `to` already carries the case, `from`'s period simply ends (and `to` becomes primary if `from` was).
 * Closed cases keep their history as it was: their assignments are not moved.
 */
export function reassignStaff(
  cases: readonly CaseRecord[],
  assignments: readonly StaffAssignment[],
  from: StaffId,
  to: AssignableStaff,
  input: { readonly effectiveOn: CalendarDate },
  ctx: AssignmentContext,
): AssignmentChange {
  const { effectiveOn: on } = parseInput(effectiveOnSchema, input);
  const agencyId = ctx.actor.agencyId;
  assertAssignable(to, agencyId, 'toStaffId');
  if (to.id === from)
    throw new ValidationError([
      {
        field: 'toStaffId',
        rule: 'different_staff',
        message: 'a rotation moves cases to another staff member',
      },
    ]);
  const opened: StaffAssignment[] = [];
  const ended: StaffAssignment[] = [];
  for (const record of cases) {
    if (record.status.state === 'closed') continue;
    const current = openOf(assignments, record.id, agencyId);
    const leaving = current.find((a) => a.staffId === from);
    if (!leaving) continue;
    ended.push(end(leaving, on, 'rotation', ctx.actor));
    const staying = current.find((a) => a.staffId === to.id);
    if (!staying) opened.push(open({ ...leaving, staffId: to.id }, on, 'rotation', ctx));
    else if (leaving.role === 'primary') {
      ended.push(end(staying, on, 'roleChanged', ctx.actor));
      opened.push(open({ ...staying, role: 'primary' }, on, 'roleChanged', ctx));
    }
  }
  return { opened, ended };
}
