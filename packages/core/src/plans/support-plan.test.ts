import { describe, expect, it } from 'vitest';
import type { Actor } from '../shared/actor.ts';
import { NotFoundError, PreconditionError, ValidationError, VersionConflictError } from '../shared/errors.ts';
import {
  addGoal,
  type CreatePlanInput,
  createPlan,
  daysOverdue,
  isPlanClosed,
  isReviewOverdue,
  overdueReviews,
  type RecordReviewInput,
  recordReview,
  type SupportPlan,
  updateGoal,
} from './support-plan.ts';

const actor: Actor = { staffId: 'staff-1', agencyId: 'desk-tsu', role: 'staff' };
const now = new Date('2024-12-01T03:00:00Z'); // 2024-12-01 in Japan
const ctx = { actor, now };

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected a throw');
}

function issuesOf(fn: () => unknown): { field: string; rule: string }[] {
  const e = thrown(fn);
  expect(e).toBeInstanceOf(ValidationError);
  return (e as ValidationError).issues.map(({ field, rule }) => ({ field, rule }));
}

const baseInput: CreatePlanInput = {
  caseId: 'case-1',
  createdOn: '2024-06-01',
  goals: [
    { id: 'g1', description: '週に一度、支援者と電話で話す', targetDate: '2024-09-01' },
    { id: 'g2', description: '家族と夕食をとる' },
  ],
  reviewDueOn: '2024-09-01',
};

function plan(input: Partial<CreatePlanInput> = {}, id = 'plan-1'): SupportPlan {
  return createPlan(id, { ...baseInput, ...input }, ctx);
}

function review(p: SupportPlan, input: Partial<RecordReviewInput>): SupportPlan {
  return recordReview(
    p,
    { expectedVersion: p.version, reviewedOn: '2024-09-01', outcome: 'continue', ...input },
    ctx,
  );
}

describe('createPlan', () => {
  it('creates an open plan with open goals, version 1, owned by the actor agency', () => {
    const p = plan();
    expect(p).toEqual({
      id: 'plan-1',
      caseId: 'case-1',
      agencyId: 'desk-tsu',
      createdOn: '2024-06-01',
      goals: [
        {
          id: 'g1',
          description: '週に一度、支援者と電話で話す',
          targetDate: '2024-09-01',
          achievedOn: null,
          status: 'open',
        },
        { id: 'g2', description: '家族と夕食をとる', targetDate: null, achievedOn: null, status: 'open' },
      ],
      reviewDueOn: '2024-09-01',
      reviews: [],
      version: 1,
      createdAt: now,
      updatedAt: now,
    });
    expect(isPlanClosed(p)).toBe(false);
  });

  it('rejects a goal target before the plan starts, but allows the start day itself', () => {
    expect(
      issuesOf(() => plan({ goals: [{ id: 'g1', description: 'x', targetDate: '2024-05-31' }] })),
    ).toEqual([{ field: 'goals.0.targetDate', rule: 'target_after_plan_start' }]);
    expect(
      plan({ goals: [{ id: 'g1', description: 'x', targetDate: '2024-06-01' }] }).goals[0]?.targetDate,
    ).toBe('2024-06-01');
  });

  it('rejects duplicate goal ids, no goals, and an empty description', () => {
    expect(
      issuesOf(() =>
        plan({
          goals: [
            { id: 'g1', description: 'x' },
            { id: 'g1', description: 'y' },
          ],
        }),
      ),
    ).toEqual([{ field: 'goals.1.id', rule: 'goal_id_unique' }]);
    expect(issuesOf(() => plan({ goals: [] }))[0]?.field).toBe('goals');
    expect(issuesOf(() => plan({ goals: [{ id: 'g1', description: '   ' }] }))[0]?.field).toBe(
      'goals.0.description',
    );
  });

  it('needs the first review due after the plan starts', () => {
    expect(issuesOf(() => plan({ reviewDueOn: '2024-06-01' }))).toEqual([
      { field: 'reviewDueOn', rule: 'review_due_after_plan_start' },
    ]);
    expect(plan({ reviewDueOn: '2024-06-02' }).reviewDueOn).toBe('2024-06-02');
  });

  it('rejects a plan dated in the future and an invalid date', () => {
    expect(
      issuesOf(() =>
        plan({ createdOn: '2024-12-02', reviewDueOn: '2025-03-01', goals: [{ id: 'g1', description: 'x' }] }),
      ),
    ).toEqual([{ field: 'createdOn', rule: 'not_in_future' }]);
    expect(issuesOf(() => plan({ createdOn: '2024-02-30' }))[0]).toEqual({
      field: 'createdOn',
      rule: 'calendar_date',
    });
  });
});

describe('goals', () => {
  it('adds an open goal and bumps the version', () => {
    const p = addGoal(plan(), { expectedVersion: 1, id: 'g3', description: '居場所を見学する' }, ctx);
    expect(p.version).toBe(2);
    expect(p.goals.at(-1)).toEqual({
      id: 'g3',
      description: '居場所を見学する',
      targetDate: null,
      achievedOn: null,
      status: 'open',
    });
  });

  it('addGoal enforces unique ids, target after plan start and the expected version', () => {
    const p = plan();
    expect(issuesOf(() => addGoal(p, { expectedVersion: 1, id: 'g1', description: 'x' }, ctx))).toEqual([
      { field: 'id', rule: 'goal_id_unique' },
    ]);
    expect(
      issuesOf(() =>
        addGoal(p, { expectedVersion: 1, id: 'g3', description: 'x', targetDate: '2024-01-01' }, ctx),
      ),
    ).toEqual([{ field: 'targetDate', rule: 'target_after_plan_start' }]);
    expect(thrown(() => addGoal(p, { expectedVersion: 2, id: 'g3', description: 'x' }, ctx))).toBeInstanceOf(
      VersionConflictError,
    );
  });

  it('marks a goal achieved with its date, then dropped clears the date', () => {
    const achieved = updateGoal(
      plan(),
      { expectedVersion: 1, goalId: 'g1', status: 'achieved', achievedOn: '2024-08-10' },
      ctx,
    );
    expect(achieved.goals[0]).toMatchObject({
      status: 'achieved',
      achievedOn: '2024-08-10',
      targetDate: '2024-09-01',
    });
    expect(achieved.goals[1]?.status).toBe('open');
    const dropped = updateGoal(achieved, { expectedVersion: 2, goalId: 'g1', status: 'dropped' }, ctx);
    expect(dropped.goals[0]).toMatchObject({ status: 'dropped', achievedOn: null });
    expect(dropped.version).toBe(3);
  });

  it('needs an achieved date exactly for achieved goals', () => {
    const p = plan();
    expect(
      issuesOf(() => updateGoal(p, { expectedVersion: 1, goalId: 'g1', status: 'achieved' }, ctx)),
    ).toEqual([{ field: 'achievedOn', rule: 'achieved_on_matches_status' }]);
    expect(
      issuesOf(() =>
        updateGoal(p, { expectedVersion: 1, goalId: 'g1', status: 'dropped', achievedOn: '2024-08-01' }, ctx),
      ),
    ).toEqual([{ field: 'achievedOn', rule: 'achieved_on_matches_status' }]);
  });

  it('rejects an achieved date before the plan or in the future, and a target moved before the plan', () => {
    const p = plan();
    expect(
      issuesOf(() =>
        updateGoal(
          p,
          { expectedVersion: 1, goalId: 'g1', status: 'achieved', achievedOn: '2024-05-01' },
          ctx,
        ),
      ),
    ).toEqual([{ field: 'achievedOn', rule: 'achieved_after_plan_start' }]);
    expect(
      issuesOf(() =>
        updateGoal(
          p,
          { expectedVersion: 1, goalId: 'g1', status: 'achieved', achievedOn: '2024-12-02' },
          ctx,
        ),
      ),
    ).toEqual([{ field: 'achievedOn', rule: 'not_in_future' }]);
    expect(
      issuesOf(() =>
        updateGoal(p, { expectedVersion: 1, goalId: 'g1', status: 'open', targetDate: '2024-05-01' }, ctx),
      ),
    ).toEqual([{ field: 'targetDate', rule: 'target_after_plan_start' }]);
  });

  it('can reword a goal or clear its target, and refuses an unknown goal', () => {
    const p = updateGoal(
      plan(),
      { expectedVersion: 1, goalId: 'g1', status: 'open', description: '月に二度話す', targetDate: null },
      ctx,
    );
    expect(p.goals[0]).toMatchObject({ description: '月に二度話す', targetDate: null });
    const e = thrown(() => updateGoal(p, { expectedVersion: 2, goalId: 'nope', status: 'dropped' }, ctx));
    expect(e).toBeInstanceOf(NotFoundError);
    expect((e as NotFoundError).field).toBe('goalId');
  });
});

describe('recordReview', () => {
  it('continue moves the review date on and keeps the plan open', () => {
    const p = review(plan(), {
      reviewedOn: '2024-09-02',
      nextReviewDueOn: '2024-12-01',
      note: ' 電話は続いている ',
    });
    expect(p.reviewDueOn).toBe('2024-12-01');
    expect(p.reviews).toEqual([
      {
        reviewedOn: '2024-09-02',
        outcome: 'continue',
        note: '電話は続いている',
        nextReviewDueOn: '2024-12-01',
        staffId: 'staff-1',
      },
    ]);
    expect(p.version).toBe(2);
    expect(isPlanClosed(p)).toBe(false);
  });

  it('continue and revise need a next review date after the review', () => {
    for (const outcome of ['continue', 'revise'] as const) {
      expect(issuesOf(() => review(plan(), { outcome }))).toEqual([
        { field: 'nextReviewDueOn', rule: 'next_review_required' },
      ]);
      expect(issuesOf(() => review(plan(), { outcome, nextReviewDueOn: '2024-09-01' }))).toEqual([
        { field: 'nextReviewDueOn', rule: 'next_review_after_review' },
      ]);
    }
    expect(review(plan(), { outcome: 'revise', nextReviewDueOn: '2024-09-02' }).reviewDueOn).toBe(
      '2024-09-02',
    );
  });

  it('rejects a review before the plan starts, before the last review, or in the future', () => {
    expect(
      issuesOf(() => review(plan(), { reviewedOn: '2024-05-31', nextReviewDueOn: '2024-09-01' })),
    ).toEqual([{ field: 'reviewedOn', rule: 'review_after_plan_start' }]);
    const once = review(plan(), { reviewedOn: '2024-09-01', nextReviewDueOn: '2024-11-01' });
    expect(issuesOf(() => review(once, { reviewedOn: '2024-08-31', nextReviewDueOn: '2024-11-01' }))).toEqual(
      [{ field: 'reviewedOn', rule: 'reviews_in_order' }],
    );
    expect(
      issuesOf(() => review(plan(), { reviewedOn: '2024-12-02', nextReviewDueOn: '2025-03-01' })),
    ).toEqual([{ field: 'reviewedOn', rule: 'not_in_future' }]);
    // A review on the plan's start day is allowed.
    expect(review(plan(), { reviewedOn: '2024-06-01', nextReviewDueOn: '2024-07-01' }).reviews).toHaveLength(
      1,
    );
  });

  it('ended closes the plan: no next review date, no further reviews or goal changes', () => {
    expect(issuesOf(() => review(plan(), { outcome: 'ended', nextReviewDueOn: '2024-12-01' }))).toEqual([
      { field: 'nextReviewDueOn', rule: 'ended_has_no_next_review' },
    ]);
    const ended = review(plan(), { outcome: 'ended' });
    expect(isPlanClosed(ended)).toBe(true);
    expect(ended.reviewDueOn).toBe('2024-09-01');
    const again = thrown(() => review(ended, { reviewedOn: '2024-10-01', nextReviewDueOn: '2024-12-01' }));
    expect(again).toBeInstanceOf(PreconditionError);
    expect((again as PreconditionError).rule).toBe('plan_closed');
    expect(
      (
        thrown(() =>
          addGoal(ended, { expectedVersion: 2, id: 'g9', description: 'x' }, ctx),
        ) as PreconditionError
      ).rule,
    ).toBe('plan_closed');
    expect(
      (
        thrown(() =>
          updateGoal(ended, { expectedVersion: 2, goalId: 'g1', status: 'dropped' }, ctx),
        ) as PreconditionError
      ).rule,
    ).toBe('plan_closed');
  });

  it('goalsMet needs every goal resolved and one achieved; without a follow-up it closes the plan', () => {
    const p = plan();
    expect((thrown(() => review(p, { outcome: 'goalsMet' })) as PreconditionError).rule).toBe(
      'goals_met_needs_achieved_goals',
    );
    const allDropped = updateGoal(
      updateGoal(p, { expectedVersion: 1, goalId: 'g1', status: 'dropped' }, ctx),
      { expectedVersion: 2, goalId: 'g2', status: 'dropped' },
      ctx,
    );
    expect((thrown(() => review(allDropped, { outcome: 'goalsMet' })) as PreconditionError).rule).toBe(
      'goals_met_needs_achieved_goals',
    );
    const met = updateGoal(
      allDropped,
      { expectedVersion: 3, goalId: 'g1', status: 'achieved', achievedOn: '2024-08-01' },
      ctx,
    );
    expect(isPlanClosed(review(met, { outcome: 'goalsMet' }))).toBe(true);
    const followUp = review(met, { outcome: 'goalsMet', nextReviewDueOn: '2025-03-01' });
    expect(isPlanClosed(followUp)).toBe(false);
    expect(followUp.reviewDueOn).toBe('2025-03-01');
  });

  it('refuses a stale version', () => {
    const e = thrown(() =>
      recordReview(plan(), { expectedVersion: 5, reviewedOn: '2024-09-01', outcome: 'ended' }, ctx),
    );
    expect(e).toBeInstanceOf(VersionConflictError);
  });
});

describe('overdue reviews', () => {
  const p = plan({ reviewDueOn: '2024-09-01' });

  it('due today is not overdue; due yesterday is', () => {
    expect(isReviewOverdue(p, '2024-09-01')).toBe(false);
    expect(daysOverdue(p, '2024-09-01')).toBe(0);
    expect(isReviewOverdue(p, '2024-09-02')).toBe(true);
    expect(daysOverdue(p, '2024-09-02')).toBe(1);
    expect(daysOverdue(p, '2024-08-20')).toBe(0);
  });

  it('a closed plan is never overdue', () => {
    const ended = review(p, { reviewedOn: '2024-08-01', outcome: 'ended' });
    expect(isReviewOverdue(ended, '2025-01-01')).toBe(false);
    expect(daysOverdue(ended, '2025-01-01')).toBe(0);
  });

  it('lists overdue plans most overdue first, ties by id, leaving out the rest', () => {
    const a = plan({ reviewDueOn: '2024-10-01' }, 'plan-a');
    const b = plan({ reviewDueOn: '2024-08-01' }, 'plan-b');
    const c = plan({ reviewDueOn: '2024-10-01' }, 'plan-c');
    const dueToday = plan({ reviewDueOn: '2024-11-01' }, 'plan-d');
    const ended = review(plan({ reviewDueOn: '2024-07-01' }, 'plan-e'), {
      reviewedOn: '2024-07-01',
      outcome: 'ended',
    });
    const list = overdueReviews([c, dueToday, a, ended, b], '2024-11-01');
    expect(list.map((o) => [o.plan.id, o.daysOverdue])).toEqual([
      ['plan-b', 92],
      ['plan-a', 31],
      ['plan-c', 31],
    ]);
  });
});
