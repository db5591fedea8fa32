import { describe, expect, it } from 'vitest';
import type { Actor } from '../shared/actor.ts';
import { ForbiddenError, PreconditionError, ValidationError } from '../shared/errors.ts';
import { type CaseRecord, openCase } from './case-record.ts';
import {
  type AssignableStaff,
  type AssignmentChange,
  assignStaff,
  compareAssignments,
  reassignStaff,
  type StaffAssignment,
  unassignStaff,
} from './staff-assignment.ts';

const supervisor: Actor = { staffId: 'sv', agencyId: 'centre', role: 'supervisor' };
let counter = 0;
const ctx = { actor: supervisor, now: new Date('2024-06-01T00:00:00Z'), newId: () => `a${++counter}` };
const staff = (id: string, overrides: Partial<AssignableStaff> = {}): AssignableStaff => ({
  id,
  agencyId: 'centre',
  active: true,
  ...overrides,
});

function caseOf(id: string, overrides: Partial<CaseRecord> = {}): CaseRecord {
  const { record } = openCase(
    { personId: `p-${id}`, municipalityCode: '242012', leadAgencyId: 'centre', openedOn: '2024-04-01' },
    { ...ctx, caseId: id },
  );
  return { ...record, ...overrides };
}

/** Applies a change to the stored periods the way a repository does. */
function apply(all: StaffAssignment[], change: AssignmentChange): StaffAssignment[] {
  const ended = new Map(change.ended.map((a) => [a.id, a]));
  return [...all.map((a) => ended.get(a.id) ?? a), ...change.opened];
}
const openRoles = (all: StaffAssignment[], caseId: string) =>
  Object.fromEntries(
    all.filter((a) => a.caseId === caseId && a.endedOn === null).map((a) => [a.staffId, a.role]),
  );

describe('staff assignment (担当者)', () => {
  it('makes the first assignee primary, a later one secondary, and a new primary demotes the previous', () => {
    const c = caseOf('c1');
    let all = apply([], assignStaff(c, [], staff('tanaka'), { effectiveOn: '2024-04-01' }, ctx));
    expect(openRoles(all, 'c1')).toEqual({ tanaka: 'primary' });
    all = apply(all, assignStaff(c, all, staff('sato'), { effectiveOn: '2024-05-01' }, ctx));
    expect(openRoles(all, 'c1')).toEqual({ tanaka: 'primary', sato: 'secondary' });
    all = apply(all, assignStaff(c, all, staff('sato'), { primary: true, effectiveOn: '2024-06-01' }, ctx));
    expect(openRoles(all, 'c1')).toEqual({ tanaka: 'secondary', sato: 'primary' });
    // The history keeps every period: tanaka primary until 06-01, then secondary.
    expect(
      all.filter((a) => a.staffId === 'tanaka').map((a) => [a.role, a.startedOn, a.endedOn, a.endedVia]),
    ).toEqual([
      ['primary', '2024-04-01', '2024-06-01', 'roleChanged'],
      ['secondary', '2024-06-01', null, null],
    ]);
  });

  it('refuses another agency’s staff, an inactive account, a double assignment and a closed case', () => {
    const c = caseOf('c1');
    const refused = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        return e;
      }
      throw new Error('expected a refusal');
    };
    expect(
      refused(() => assignStaff(c, [], staff('x', { agencyId: 'npo' }), { effectiveOn: '2024-04-01' }, ctx)),
    ).toMatchObject({
      issues: [{ field: 'staffId', rule: 'staff_of_own_agency' }],
    });
    expect(
      refused(() => assignStaff(c, [], staff('x', { active: false }), { effectiveOn: '2024-04-01' }, ctx)),
    ).toBeInstanceOf(ValidationError);
    expect(
      refused(() => assignStaff(c, [], staff('x'), { primary: false, effectiveOn: '2024-04-01' }, ctx)),
    ).toMatchObject({ issues: [{ field: 'primary', rule: 'first_assignee_is_primary' }] });
    const all = apply([], assignStaff(c, [], staff('tanaka'), { effectiveOn: '2024-04-01' }, ctx));
    expect(
      refused(() => assignStaff(c, all, staff('tanaka'), { effectiveOn: '2024-04-02' }, ctx)),
    ).toMatchObject({
      rule: 'already_assigned',
    });
    const closed = caseOf('c2', {
      status: { state: 'closed', since: '2024-05-01', closureReason: 'work' } as CaseRecord['status'],
    });
    expect(
      refused(() => assignStaff(closed, [], staff('tanaka'), { effectiveOn: '2024-06-01' }, ctx)),
    ).toBeInstanceOf(PreconditionError);
    const elsewhere = caseOf('c3', { leadAgencyId: 'npo' });
    expect(
      refused(() => assignStaff(elsewhere, [], staff('tanaka'), { effectiveOn: '2024-06-01' }, ctx)),
    ).toBeInstanceOf(ForbiddenError);
  });

  it('promotes the longest-serving secondary when the primary is unassigned', () => {
    const c = caseOf('c1');
    let all = apply([], assignStaff(c, [], staff('tanaka'), { effectiveOn: '2024-04-01' }, ctx));
    all = apply(all, assignStaff(c, all, staff('sato'), { effectiveOn: '2024-04-10' }, ctx));
    all = apply(all, assignStaff(c, all, staff('ito'), { effectiveOn: '2024-05-01' }, ctx));
    all = apply(all, unassignStaff(c, all, 'tanaka', { effectiveOn: '2024-06-01' }, ctx));
    expect(openRoles(all, 'c1')).toEqual({ sato: 'primary', ito: 'secondary' });
    expect(() => unassignStaff(c, all, 'tanaka', { effectiveOn: '2024-06-02' }, ctx)).toThrow(
      expect.objectContaining({ rule: 'not_assigned' }),
    );
    expect(() => unassignStaff(c, all, 'ito', { effectiveOn: '2024-04-30' }, ctx)).toThrow(ValidationError);
  });

  it('moves every open case of a rotating staff member, keeping roles, skipping closed cases', () => {
    const [c1, c2, c3] = [caseOf('c1'), caseOf('c2'), caseOf('c3')];
    let all = apply([], assignStaff(c1, [], staff('tanaka'), { effectiveOn: '2024-04-01' }, ctx));
    all = apply(all, assignStaff(c2, all, staff('sato'), { effectiveOn: '2024-04-01' }, ctx));
    all = apply(all, assignStaff(c2, all, staff('tanaka'), { effectiveOn: '2024-04-01' }, ctx));
    all = apply(all, assignStaff(c3, all, staff('tanaka'), { effectiveOn: '2024-04-01' }, ctx));
    all = apply(all, assignStaff(c3, all, staff('suzuki'), { effectiveOn: '2024-04-01' }, ctx));
    const closed = {
      ...c3,
      status: { state: 'closed', since: '2024-05-01', closureReason: 'work' },
    } as CaseRecord;
    const change = reassignStaff(
      [c1, c2, closed],
      all,
      'tanaka',
      staff('suzuki'),
      { effectiveOn: '2024-07-01' },
      ctx,
    );
    all = apply(all, change);
    expect(openRoles(all, 'c1')).toEqual({ suzuki: 'primary' });
    expect(openRoles(all, 'c2')).toEqual({ sato: 'primary', suzuki: 'secondary' });
    expect(openRoles(all, 'c3')).toEqual({ tanaka: 'primary', suzuki: 'secondary' });
    expect(change.ended.every((a) => a.endedOn === '2024-07-01')).toBe(true);
    expect(change.opened.map((a) => a.startedVia)).toEqual(['rotation', 'rotation']);
    expect(() =>
      reassignStaff([c1], all, 'suzuki', staff('suzuki'), { effectiveOn: '2024-07-01' }, ctx),
    ).toThrow(ValidationError);
  });

  it('orders periods that one change ended together 主担当 first, whatever their ids', () => {
    const period = (id: string, role: StaffAssignment['role']): StaffAssignment => ({
      id,
      caseId: 'c1',
      agencyId: 'centre',
      staffId: `staff-${id}`,
      role,
      startedOn: '2024-06-01',
      startedVia: 'assigned',
      startedBy: supervisor,
      endedOn: '2024-07-01',
      endedVia: role === 'primary' ? 'rotation' : 'roleChanged',
      endedBy: supervisor,
      recordedAt: new Date('2024-07-01T00:00:00Z'),
    });
    const primary = period('b', 'primary');
    const secondary = period('a', 'secondary');
    expect([secondary, primary].sort(compareAssignments)).toEqual([primary, secondary]);
    expect([primary, secondary].sort(compareAssignments)).toEqual([primary, secondary]);
  });
});
