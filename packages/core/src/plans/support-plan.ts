import { z } from 'zod';
import type { Actor } from '../shared/actor.ts';
import { type CalendarDate, calendarDateOf, calendarDateSchema, daysBetween } from '../shared/dates.ts';
import {
  NotFoundError,
  PreconditionError,
  parseInput,
  ValidationError,
  type ValidationIssue,
  VersionConflictError,
} from '../shared/errors.ts';
import type { AgencyId, CaseId, PlanId, StaffId } from '../shared/ids.ts';
import { text, textUpTo } from '../shared/text.ts';

export const GoalStatus = {
  Open: 'open', // 取組中
  Achieved: 'achieved', // 達成
  Dropped: 'dropped', // 取りやめ（見直しにより中止）
} as const;
export type GoalStatus = (typeof GoalStatus)[keyof typeof GoalStatus];
export const goalStatusSchema = z.enum(['open', 'achieved', 'dropped']);

export const GOAL_STATUS_LABELS_JA: Readonly<Record<GoalStatus, string>> = {
  open: '取組中',
  achieved: '達成',
  dropped: '取りやめ',
};

export const ReviewOutcome = {
  Continue: 'continue', // 継続
  Revise: 'revise', // 計画の見直し
  GoalsMet: 'goalsMet', // 目標達成
  Ended: 'ended', // 終結
} as const;
export type ReviewOutcome = (typeof ReviewOutcome)[keyof typeof ReviewOutcome];
export const reviewOutcomeSchema = z.enum(['continue', 'revise', 'goalsMet', 'ended']);

export const REVIEW_OUTCOME_LABELS_JA: Readonly<Record<ReviewOutcome, string>> = {
  continue: '継続',
  revise: '計画の見直し',
  goalsMet: '目標達成',
  ended: '終結',
};

/** 目標: small, concrete and the person's own; the final aim is a life they choose, not employment. */
export interface PlanGoal {
  readonly id: string;
  readonly description: string;
  readonly targetDate: CalendarDate | null;
  /** Set exactly when status is `achieved`. */
  readonly achievedOn: CalendarDate | null;
  readonly status: GoalStatus;
}

/** 評価: one review of the plan. `nextReviewDueOn` null means the plan closed with this review. */
export interface PlanReview {
  readonly reviewedOn: CalendarDate;
  readonly outcome: ReviewOutcome;
  readonly note?: string;
  readonly nextReviewDueOn: CalendarDate | null;
  /** The worker who recorded the review (staff rotate; the record carries the case). */
  readonly staffId: StaffId;
}

/**
 * 支援計画（プラン）: goals and a review date for a case, evaluated at each review. Every change returns a
 * new record with version + 1. A plan closes with a review that schedules no next one: always for
 * `ended`, and for `goalsMet` when no follow-up review is set.
 */
export interface SupportPlan {
  readonly id: PlanId;
  readonly caseId: CaseId;
  /** The agency that wrote the plan and owns it. */
  readonly agencyId: AgencyId;
  readonly createdOn: CalendarDate;
  readonly goals: readonly PlanGoal[];
  /** The next review date; kept as the last due date once the plan is closed. */
  readonly reviewDueOn: CalendarDate;
  /** Oldest first. */
  readonly reviews: readonly PlanReview[];
  readonly version: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface PlanCommandContext {
  readonly actor: Actor;
  readonly now: Date;
  /** Today's calendar date; defaults to `now` in Japan time. */
  readonly today?: CalendarDate;
}

const idSchema = text('id');
const expectedVersionSchema = z.number().int().min(1);
const descriptionSchema = text('description');

export const goalInputSchema = z.object({
  /** Chosen by the caller, unique within the plan. */
  id: idSchema,
  description: descriptionSchema,
  targetDate: calendarDateSchema.nullish().transform((v) => v ?? null),
});
export type GoalInput = z.input<typeof goalInputSchema>;

/**
 * Rules: at least one goal; goal ids unique (`goal_id_unique`); no goal target before the plan starts
 * (`target_after_plan_start`); the first review after the plan starts (`review_due_after_plan_start`);
 * in `createPlan`, `createdOn` not after today (`not_in_future`).
 */
export const createPlanInputSchema = z
  .object({
    caseId: idSchema,
    createdOn: calendarDateSchema,
    goals: z.array(goalInputSchema).min(1),
    reviewDueOn: calendarDateSchema,
  })
  .superRefine((v, ctx) => {
    v.goals.forEach((goal, i) => {
      if (v.goals.findIndex((g) => g.id === goal.id) !== i)
        ctx.addIssue({
          code: 'custom',
          path: ['goals', i, 'id'],
          message: `goal id ${goal.id} is used twice`,
          params: { rule: 'goal_id_unique' },
        });
      if (goal.targetDate !== null && goal.targetDate < v.createdOn)
        ctx.addIssue({
          code: 'custom',
          path: ['goals', i, 'targetDate'],
          message: `target date ${goal.targetDate} is before the plan starts (${v.createdOn})`,
          params: { rule: 'target_after_plan_start' },
        });
    });
    if (v.reviewDueOn <= v.createdOn)
      ctx.addIssue({
        code: 'custom',
        path: ['reviewDueOn'],
        message: `the review must be due after the plan starts (${v.createdOn})`,
        params: { rule: 'review_due_after_plan_start' },
      });
  });
export type CreatePlanInput = z.input<typeof createPlanInputSchema>;

export const addGoalInputSchema = goalInputSchema.extend({ expectedVersion: expectedVersionSchema });
export type AddGoalInput = z.input<typeof addGoalInputSchema>;

/**
 * Marks a goal achieved, dropped or open again, optionally rewording it or moving its target.
 * `achievedOn` is required for `achieved` and not allowed otherwise (`achieved_on_matches_status`).
 */
export const updateGoalInputSchema = z
  .object({
    expectedVersion: expectedVersionSchema,
    goalId: idSchema,
    status: goalStatusSchema,
    achievedOn: calendarDateSchema.nullish().transform((v) => v ?? null),
    description: descriptionSchema.optional(),
    targetDate: calendarDateSchema.nullish(),
  })
  .superRefine((v, ctx) => {
    if ((v.status === 'achieved') !== (v.achievedOn !== null))
      ctx.addIssue({
        code: 'custom',
        path: ['achievedOn'],
        message:
          v.status === 'achieved'
            ? 'an achieved goal needs the date it was achieved'
            : 'only an achieved goal has an achieved date',
        params: { rule: 'achieved_on_matches_status' },
      });
  });
export type UpdateGoalInput = z.input<typeof updateGoalInputSchema>;

/**
 * Rules: `continue` and `revise` need `nextReviewDueOn` (`next_review_required`); `ended` has none
 * (`ended_has_no_next_review`); a next review is after this one (`next_review_after_review`).
 * In `recordReview`: not before the plan starts (`review_after_plan_start`), not before the last
 * review (`reviews_in_order`), not after today (`not_in_future`), and `goalsMet` needs every goal
 * resolved with at least one achieved (`goals_met_needs_achieved_goals`).
 */
export const recordReviewInputSchema = z
  .object({
    expectedVersion: expectedVersionSchema,
    reviewedOn: calendarDateSchema,
    outcome: reviewOutcomeSchema,
    note: textUpTo('longText')
      .nullish()
      .transform((v) => (v ? v : undefined)),
    nextReviewDueOn: calendarDateSchema.nullish().transform((v) => v ?? null),
  })
  .superRefine((v, ctx) => {
    if ((v.outcome === 'continue' || v.outcome === 'revise') && v.nextReviewDueOn === null)
      ctx.addIssue({
        code: 'custom',
        path: ['nextReviewDueOn'],
        message: `a review with outcome ${v.outcome} sets the next review date`,
        params: { rule: 'next_review_required' },
      });
    if (v.outcome === 'ended' && v.nextReviewDueOn !== null)
      ctx.addIssue({
        code: 'custom',
        path: ['nextReviewDueOn'],
        message: 'an ended plan has no next review',
        params: { rule: 'ended_has_no_next_review' },
      });
    if (v.nextReviewDueOn !== null && v.nextReviewDueOn <= v.reviewedOn)
      ctx.addIssue({
        code: 'custom',
        path: ['nextReviewDueOn'],
        message: `the next review must be after this one (${v.reviewedOn})`,
        params: { rule: 'next_review_after_review' },
      });
  });
export type RecordReviewInput = z.input<typeof recordReviewInputSchema>;

/** 支援計画の作成: every goal starts open. `id` is chosen by the caller. */
export function createPlan(id: PlanId, input: CreatePlanInput, ctx: PlanCommandContext): SupportPlan {
  const parsed = parseInput(createPlanInputSchema, input);
  assertNotFuture(parsed.createdOn, 'createdOn', ctx);
  return {
    id,
    caseId: parsed.caseId,
    agencyId: ctx.actor.agencyId,
    createdOn: parsed.createdOn,
    goals: parsed.goals.map((g) => ({ ...g, achievedOn: null, status: 'open' as const })),
    reviewDueOn: parsed.reviewDueOn,
    reviews: [],
    version: 1,
    createdAt: ctx.now,
    updatedAt: ctx.now,
  };
}

/** Adds an open goal (typically after a `revise` review). */
export function addGoal(plan: SupportPlan, input: AddGoalInput, ctx: PlanCommandContext): SupportPlan {
  const { expectedVersion, ...goal } = parseInput(addGoalInputSchema, input);
  assertVersion(plan, expectedVersion);
  assertOpen(plan);
  const issues: ValidationIssue[] = [];
  if (plan.goals.some((g) => g.id === goal.id))
    issues.push({
      field: 'id',
      rule: 'goal_id_unique',
      message: `goal id ${goal.id} is already in the plan`,
    });
  if (goal.targetDate !== null && goal.targetDate < plan.createdOn)
    issues.push(targetIssue('targetDate', goal.targetDate, plan));
  if (issues.length > 0) throw new ValidationError(issues);
  return next(plan, { goals: [...plan.goals, { ...goal, achievedOn: null, status: 'open' }] }, ctx);
}

/** 目標の達成・取りやめ: changes one goal's status (and optionally its wording or target). */
export function updateGoal(plan: SupportPlan, input: UpdateGoalInput, ctx: PlanCommandContext): SupportPlan {
  const parsed = parseInput(updateGoalInputSchema, input);
  assertVersion(plan, parsed.expectedVersion);
  assertOpen(plan);
  const current = plan.goals.find((g) => g.id === parsed.goalId);
  if (!current) throw new NotFoundError('goal', parsed.goalId, 'goalId');
  const targetDate = parsed.targetDate === undefined ? current.targetDate : parsed.targetDate;
  const issues: ValidationIssue[] = [];
  if (parsed.targetDate != null && parsed.targetDate < plan.createdOn)
    issues.push(targetIssue('targetDate', parsed.targetDate, plan));
  if (parsed.achievedOn !== null) {
    if (parsed.achievedOn < plan.createdOn)
      issues.push({
        field: 'achievedOn',
        rule: 'achieved_after_plan_start',
        message: `achieved date ${parsed.achievedOn} is before the plan starts (${plan.createdOn})`,
      });
    const today = todayOf(ctx);
    if (parsed.achievedOn > today)
      issues.push({
        field: 'achievedOn',
        rule: 'not_in_future',
        message: `achieved date is after today (${today})`,
      });
  }
  if (issues.length > 0) throw new ValidationError(issues);
  const updated: PlanGoal = {
    id: current.id,
    description: parsed.description ?? current.description,
    targetDate,
    achievedOn: parsed.achievedOn,
    status: parsed.status,
  };
  return next(plan, { goals: plan.goals.map((g) => (g.id === current.id ? updated : g)) }, ctx);
}

/** 評価（モニタリング）: records a review; a review without a next date closes the plan. */
export function recordReview(
  plan: SupportPlan,
  input: RecordReviewInput,
  ctx: PlanCommandContext,
): SupportPlan {
  const parsed = parseInput(recordReviewInputSchema, input);
  assertVersion(plan, parsed.expectedVersion);
  assertOpen(plan);
  const issues: ValidationIssue[] = [];
  if (parsed.reviewedOn < plan.createdOn)
    issues.push({
      field: 'reviewedOn',
      rule: 'review_after_plan_start',
      message: `review date ${parsed.reviewedOn} is before the plan starts (${plan.createdOn})`,
    });
  const last = plan.reviews.at(-1);
  if (last && parsed.reviewedOn < last.reviewedOn)
    issues.push({
      field: 'reviewedOn',
      rule: 'reviews_in_order',
      message: `review date ${parsed.reviewedOn} is before the last review (${last.reviewedOn})`,
    });
  const today = todayOf(ctx);
  if (parsed.reviewedOn > today)
    issues.push({
      field: 'reviewedOn',
      rule: 'not_in_future',
      message: `review date is after today (${today})`,
    });
  if (issues.length > 0) throw new ValidationError(issues);
  if (
    parsed.outcome === 'goalsMet' &&
    (plan.goals.some((g) => g.status === 'open') || !plan.goals.some((g) => g.status === 'achieved'))
  )
    throw new PreconditionError(
      'goals_met_needs_achieved_goals',
      'goals met needs every goal achieved or dropped, and at least one achieved',
      'outcome',
    );

  const review: PlanReview = {
    reviewedOn: parsed.reviewedOn,
    outcome: parsed.outcome,
    ...(parsed.note !== undefined ? { note: parsed.note } : {}),
    nextReviewDueOn: parsed.nextReviewDueOn,
    staffId: ctx.actor.staffId,
  };
  return next(
    plan,
    { reviews: [...plan.reviews, review], reviewDueOn: parsed.nextReviewDueOn ?? plan.reviewDueOn },
    ctx,
  );
}

/** Closed: the last review scheduled no next review (`ended`, or `goalsMet` without follow-up). */
export function isPlanClosed(plan: SupportPlan): boolean {
  const last = plan.reviews.at(-1);
  return last !== undefined && last.nextReviewDueOn === null;
}

/**
 * All that whether a plan's review is overdue depends on: what a caseload reads of each plan when it
 * shows only that flag (the goals and reviews of every plan of a page are most of its size).
 */
export interface PlanReviewDue {
  readonly planId: PlanId;
  readonly caseId: CaseId;
  readonly reviewDueOn: CalendarDate;
  /** `isPlanClosed` of the plan. */
  readonly closed: boolean;
}

export const reviewDueOf = (plan: SupportPlan): PlanReviewDue => ({
  planId: plan.id,
  caseId: plan.caseId,
  reviewDueOn: plan.reviewDueOn,
  closed: isPlanClosed(plan),
});

/** 評価期限切れ: an open plan whose review was due before today (due today is not overdue yet). */
export function isReviewOverdue(plan: SupportPlan | PlanReviewDue, today: CalendarDate): boolean {
  const due = 'planId' in plan ? plan : reviewDueOf(plan);
  return !due.closed && due.reviewDueOn < today;
}

/** Whole days past the review date; 0 when not overdue or the plan is closed. */
export function daysOverdue(plan: SupportPlan, today: CalendarDate): number {
  return isReviewOverdue(plan, today) ? daysBetween(plan.reviewDueOn, today) : 0;
}

export interface OverdueReview {
  readonly plan: SupportPlan;
  readonly daysOverdue: number;
}

/** The overdue plans, most overdue first (ties by plan id, so the list is stable). */
export function overdueReviews(plans: readonly SupportPlan[], today: CalendarDate): OverdueReview[] {
  return plans
    .filter((plan) => isReviewOverdue(plan, today))
    .map((plan) => ({ plan, daysOverdue: daysOverdue(plan, today) }))
    .sort(
      (a, b) => b.daysOverdue - a.daysOverdue || (a.plan.id < b.plan.id ? -1 : a.plan.id > b.plan.id ? 1 : 0),
    );
}

function assertVersion(plan: SupportPlan, expectedVersion: number): void {
  if (plan.version !== expectedVersion)
    throw new VersionConflictError('supportPlan', plan.id, expectedVersion, plan.version);
}

function assertOpen(plan: SupportPlan): void {
  if (isPlanClosed(plan))
    throw new PreconditionError('plan_closed', `plan ${plan.id} is closed; write a new plan instead`);
}

function todayOf(ctx: PlanCommandContext): CalendarDate {
  return ctx.today ?? calendarDateOf(ctx.now);
}

function assertNotFuture(date: CalendarDate, field: string, ctx: PlanCommandContext): void {
  const today = todayOf(ctx);
  if (date > today)
    throw new ValidationError([
      { field, rule: 'not_in_future', message: `${field} is after today (${today})` },
    ]);
}

function targetIssue(field: string, targetDate: CalendarDate, plan: SupportPlan): ValidationIssue {
  return {
    field,
    rule: 'target_after_plan_start',
    message: `target date ${targetDate} is before the plan starts (${plan.createdOn})`,
  };
}

function next(plan: SupportPlan, changes: Partial<SupportPlan>, ctx: PlanCommandContext): SupportPlan {
  return { ...plan, ...changes, version: plan.version + 1, updatedAt: ctx.now };
}
