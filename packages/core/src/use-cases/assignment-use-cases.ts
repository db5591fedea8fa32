import { canRotateStaff } from '../access/access-rules.ts';
import { nextCaseVersion } from '../cases/case-record.ts';
import {
  type AssignableStaff,
  type AssignmentChange,
  type AssignStaffInput,
  assignStaff,
  compareAssignments,
  reassignStaff,
  type StaffAssignment,
  unassignStaff,
} from '../cases/staff-assignment.ts';
import type { Actor } from '../shared/actor.ts';
import type { CalendarDate } from '../shared/dates.ts';
import { ForbiddenError } from '../shared/errors.ts';
import type { CaseId, StaffId } from '../shared/ids.ts';
import { readCase, writeCase } from './case-access.ts';
import type { UseCaseRunner, UseCaseScope } from './context.ts';

/** 担当の割当て: `effectiveOn` defaults to today. */
export type AssignStaffRequest = Omit<AssignStaffInput, 'effectiveOn'> & {
  readonly effectiveOn?: CalendarDate | null;
};

export interface ReassignStaffRequest {
  readonly fromStaffId: StaffId;
  /** Looked up by the caller in its staff directory. */
  readonly to: AssignableStaff;
  /** Defaults to today. */
  readonly effectiveOn?: CalendarDate | null;
}

export interface ReassignedStaff {
  /** The cases whose assignment moved, each audited as a write of the case. */
  readonly caseIds: readonly CaseId[];
  readonly opened: readonly StaffAssignment[];
  readonly ended: readonly StaffAssignment[];
}

/**
 * 担当者: who carries a case for each agency (rules in cases/staff-assignment.ts). Every change is
 * saved with the case's next version, so it serialises with any other change of the case, and is
 * audited as a write of each case it touches.
 */
export function assignmentUseCases(runner: UseCaseRunner) {
  async function saveWithCases(s: UseCaseScope, change: AssignmentChange): Promise<CaseId[]> {
    const caseIds = [...new Set([...change.ended, ...change.opened].map((a) => a.caseId))];
    for (const record of await s.repos.cases.getMany(caseIds))
      await s.repos.cases.update(nextCaseVersion(record, {}, s.now));
    await s.repos.assignments.save(change);
    return caseIds;
  }
  const context = (s: UseCaseScope) => ({ actor: s.actor, now: s.now, newId: s.newId });

  return {
    /** Every assignment period of the case, oldest first: for readers of its summary. */
    ofCase(actor: Actor, caseId: CaseId): Promise<readonly StaffAssignment[]> {
      return runner.run(
        actor,
        'case.assignment.read',
        { entity: 'case', entityId: caseId, caseId },
        async (s) => {
          await readCase(s, caseId, 'summary');
          return [...(await s.repos.assignments.ofCase(caseId))].sort(compareAssignments);
        },
      );
    },

    /** Assigns a staff member of the actor's agency (or makes them 主担当); returns the case's open assignments. */
    assign(
      actor: Actor,
      caseId: CaseId,
      staff: AssignableStaff,
      request: AssignStaffRequest = {},
    ): Promise<readonly StaffAssignment[]> {
      return runner.run(
        actor,
        'case.assignment.assign',
        { entity: 'case', entityId: caseId, caseId },
        async (s) => {
          const record = await writeCase(s, caseId);
          const current = await s.repos.assignments.openOfCases([caseId]);
          const change = assignStaff(
            record,
            current,
            staff,
            { ...request, effectiveOn: request.effectiveOn ?? s.today },
            context(s),
          );
          await saveWithCases(s, change);
          return s.repos.assignments.openOfCases([caseId]);
        },
      );
    },

    /** Ends a staff member's assignment (a primary's successor is promoted); returns the open assignments. */
    unassign(
      actor: Actor,
      caseId: CaseId,
      staffId: StaffId,
      request: { readonly effectiveOn?: CalendarDate | null } = {},
    ): Promise<readonly StaffAssignment[]> {
      return runner.run(
        actor,
        'case.assignment.unassign',
        { entity: 'case', entityId: caseId, caseId },
        async (s) => {
          const record = await writeCase(s, caseId);
          const current = await s.repos.assignments.openOfCases([caseId]);
          const change = unassignStaff(
            record,
            current,
            staffId,
            { effectiveOn: request.effectiveOn ?? s.today },
            context(s),
          );
          await saveWithCases(s, change);
          return s.repos.assignments.openOfCases([caseId]);
        },
      );
    },

    /**
     * 異動: every open case of `fromStaffId` in the actor's agency passes to `to` in one transaction
     * (all or nothing), for supervisors and agency admins.
     */
    reassign(actor: Actor, request: ReassignStaffRequest): Promise<ReassignedStaff> {
      return runner.run(
        actor,
        'case.assignment.rotate',
        { entity: 'staff', entityId: request.fromStaffId, caseId: null },
        async (s) => {
          if (!canRotateStaff(actor))
            throw new ForbiddenError('staff_rotation', 'only supervisors and agency admins move caseloads');
          const leaving = await s.repos.assignments.openOfStaff(actor.agencyId, request.fromStaffId);
          const caseIds = [...new Set(leaving.map((a) => a.caseId))];
          const [cases, current] = await Promise.all([
            s.repos.cases.getMany(caseIds),
            s.repos.assignments.openOfCases(caseIds),
          ]);
          const change = reassignStaff(
            cases,
            current,
            request.fromStaffId,
            request.to,
            { effectiveOn: request.effectiveOn ?? s.today },
            context(s),
          );
          const moved = await saveWithCases(s, change);
          for (const id of moved) s.touched({ entity: 'case', entityId: id, caseId: id });
          return { caseIds: moved, opened: change.opened, ended: change.ended };
        },
      );
    },
  };
}
