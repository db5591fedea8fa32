import {
  ASSIGNMENT_ROLE_LABELS_JA,
  ASSIGNMENT_VIA_LABELS_JA,
  type AssignableStaff,
  type AssignmentRole as AssignmentRoleValue,
  type AssignmentVia as AssignmentViaValue,
  type CaseView,
  NotFoundError,
  type StaffAssignment,
} from '@hikikomori-register/core';
import { builder } from './builder.ts';
import { caseOf, gated, RecordedBy } from './case.ts';
import type { GraphQLContext } from './context.ts';
import { enumFrom } from './enums.ts';
import { read } from './errors.ts';
import { localId, recordIdOf } from './ids.ts';
import { loadPresent } from './loaders.ts';
import { compact, mutate, payloadType } from './mutations.ts';
import { AgencyRef, CaseRef } from './refs.ts';

/**
 * 担当者: who carries a case for each agency, the case's assignment history, and 異動 (a rotating
 * staff member's whole caseload passed on at once). Rules: core cases/staff-assignment.ts.
 */
const AssignmentRole = enumFrom(
  'AssignmentRole',
  Object.keys(ASSIGNMENT_ROLE_LABELS_JA) as AssignmentRoleValue[],
  '主担当 (one per agency on a case) or 副担当.',
  ASSIGNMENT_ROLE_LABELS_JA,
);
const AssignmentVia = enumFrom(
  'AssignmentVia',
  Object.keys(ASSIGNMENT_VIA_LABELS_JA) as AssignmentViaValue[],
  'How an assignment period began or ended.',
  ASSIGNMENT_VIA_LABELS_JA,
);

export const StaffAssignmentRef = builder.objectRef<StaffAssignment>('StaffAssignment').implement({
  description: 'A period in which a staff member of an agency carries the case (担当者).',
  fields: (t) => ({
    staffId: t.id({
      description: 'The staff account (plain id, as `StaffMember.id`).',
      resolve: (a) => a.staffId,
    }),
    staffName: t.string({
      nullable: true,
      description: 'The staff member’s display name (null if the account is gone).',
      resolve: async (a, _args, ctx) => (await ctx.staff.getStaff(a.staffId))?.displayName ?? null,
    }),
    agency: t.field({
      type: AgencyRef,
      nullable: true,
      resolve: (a, _args, ctx) => ctx.loaders.agencies.load(a.agencyId),
    }),
    role: t.field({ type: AssignmentRole, resolve: (a) => a.role }),
    startedOn: t.field({ type: 'Date', resolve: (a) => a.startedOn }),
    startedVia: t.field({ type: AssignmentVia, resolve: (a) => a.startedVia }),
    startedBy: t.field({ type: RecordedBy, resolve: (a) => a.startedBy }),
    endedOn: t.field({ type: 'Date', nullable: true, resolve: (a) => a.endedOn }),
    endedVia: t.field({ type: AssignmentVia, nullable: true, resolve: (a) => a.endedVia }),
    endedBy: t.field({ type: RecordedBy, nullable: true, resolve: (a) => a.endedBy }),
  }),
});

builder.objectField(CaseRef, 'assignees', (t) =>
  t.field({
    type: [StaffAssignmentRef],
    nullable: true,
    description:
      '担当者 now, of every agency on the case, each agency’s 主担当 first (null without the SUMMARY section).',
    resolve: (v, _a, ctx) =>
      gated(v, 'summary', async () =>
        [...(await ctx.loaders.assignees.load(v.record.id))].sort(
          (a, b) =>
            a.agencyId.localeCompare(b.agencyId) || (a.role === b.role ? 0 : a.role === 'primary' ? -1 : 1),
        ),
      ),
  }),
);

builder.objectField(CaseRef, 'assignmentHistory', (t) =>
  t.field({
    type: [StaffAssignmentRef],
    nullable: true,
    description: 'Every assignment period, ended ones too, oldest first (null without the SUMMARY section).',
    resolve: (v, _a, ctx) =>
      gated(v, 'summary', async () => [...(await ctx.register.assignments.ofCase(ctx.actor, v.record.id))]),
  }),
);

/** The directory's account as the core's rules need it; an unknown id is named in the error. */
async function assignable(ctx: GraphQLContext, staffId: string, field: string): Promise<AssignableStaff> {
  const staff = await ctx.staff.getStaff(recordIdOf('StaffMember', staffId, field));
  if (!staff) throw new NotFoundError('staff', staffId, field);
  return { id: staff.id, agencyId: staff.agencyId, active: staff.active };
}

const AssignStaffInput = builder.inputType('AssignStaffInput', {
  description: '担当の割当て: a staff member of the actor’s agency, or making an assignee 主担当.',
  fields: (t) => ({
    caseId: t.id({ required: true }),
    staffId: t.id({ required: true }),
    primary: t.boolean({ description: 'Defaults to true for the agency’s first assignee, else false.' }),
    effectiveOn: t.field({ type: 'Date', description: 'Defaults to today.' }),
  }),
});

const UnassignStaffInput = builder.inputType('UnassignStaffInput', {
  fields: (t) => ({
    caseId: t.id({ required: true }),
    staffId: t.id({ required: true }),
    effectiveOn: t.field({ type: 'Date', description: 'Defaults to today.' }),
  }),
});

const ReassignStaffCasesInput = builder.inputType('ReassignStaffCasesInput', {
  description: '異動: every open case of `fromStaffId` in the actor’s agency passes to `toStaffId`.',
  fields: (t) => ({
    fromStaffId: t.id({ required: true }),
    toStaffId: t.id({ required: true }),
    effectiveOn: t.field({ type: 'Date', description: 'Defaults to today.' }),
  }),
});

const AssignmentPayload = payloadType<CaseView | null>('AssignmentPayload', 'The case after the change.', {
  case: { type: CaseRef, pick: (v) => v },
});

const ReassignStaffCasesPayload = payloadType<{ cases: readonly CaseView[]; moved: number }>(
  'ReassignStaffCasesPayload',
  'The cases whose assignment moved (all or none).',
  {
    movedCount: { type: 'Int', pick: (r) => r.moved },
    cases: { type: [CaseRef], pick: (r) => [...r.cases] },
  },
);

const caseIdOf = (id: string | number) => localId('Case', String(id), 'caseId');

builder.mutationFields((t) => ({
  assignStaff: t.field({
    type: AssignmentPayload,
    description:
      '担当の割当て (casework roles of an agency taking part in the case); audited as a write of the case.',
    args: { input: t.arg({ type: AssignStaffInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      mutate(ctx, async () => {
        const caseId = caseIdOf(input.caseId);
        const staff = await assignable(ctx, String(input.staffId), 'staffId');
        await ctx.register.assignments.assign(
          ctx.actor,
          caseId,
          staff,
          compact({ primary: input.primary, effectiveOn: input.effectiveOn }),
        );
        return caseOf(ctx, caseId);
      }),
  }),
  unassignStaff: t.field({
    type: AssignmentPayload,
    description: '担当の解除; a 主担当 leaving hands the role to the longest-serving 副担当.',
    args: { input: t.arg({ type: UnassignStaffInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      mutate(ctx, async () => {
        const caseId = caseIdOf(input.caseId);
        await ctx.register.assignments.unassign(
          ctx.actor,
          caseId,
          recordIdOf('StaffMember', input.staffId, 'staffId'),
          compact({ effectiveOn: input.effectiveOn }),
        );
        return caseOf(ctx, caseId);
      }),
  }),
  reassignStaffCases: t.field({
    type: ReassignStaffCasesPayload,
    description:
      '異動: moves every open case of one staff member of the actor’s agency to another, in one transaction (supervisors and agency admins); each case is audited.',
    args: { input: t.arg({ type: ReassignStaffCasesInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      mutate(ctx, async () => {
        const to = await assignable(ctx, String(input.toStaffId), 'toStaffId');
        const moved = await ctx.register.assignments.reassign(ctx.actor, {
          fromStaffId: recordIdOf('StaffMember', input.fromStaffId, 'fromStaffId'),
          to,
          effectiveOn: input.effectiveOn ?? null,
        });
        return {
          moved: moved.caseIds.length,
          cases: await read(() => loadPresent(ctx.loaders.cases, moved.caseIds)),
        };
      }),
  }),
}));
