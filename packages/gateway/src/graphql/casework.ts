import {
  type Assessment,
  type AssessmentComparison as AssessmentComparisonRecord,
  type ChecklistDefinition,
  daysOverdue,
  isPlanClosed,
  isReviewOverdue,
  type PlanGoal as PlanGoalRecord,
  type PlanReview as PlanReviewRecord,
  type SupportPlan,
  ValidationError,
} from '@hikikomori-register/core';
import { builder } from './builder.ts';
import { caseOf, caseRecordByKey, gated } from './case.ts';
import { asksAssessmentAnswers } from './caseload-selection.ts';
import { connectionOfList } from './connections.ts';
import type { GraphQLContext } from './context.ts';
import { GoalStatus, RaterKind, ReviewOutcome, SupportStage } from './enums.ts';
import { read } from './errors.ts';
import { caseRecordIdOf, caseRecordKey, localId, recordIdOf, scopedKey, splitKey } from './ids.ts';
import { maxText } from './max-length.ts';
import { compact, mutate, payloadType } from './mutations.ts';
import { AgencyRef, AssessmentRef, CaseRef, ChecklistDefinitionRef, SupportPlanRef } from './refs.ts';

// --- Checklists (data, versioned) ---------------------------------------------------------------

type Domain = ChecklistDefinition['domains'][number];
type Item = Domain['items'][number];

const ScaleLabel = builder
  .objectRef<{ value: number; label: string; labelJa: string }>('ChecklistScaleLabel')
  .implement({
    fields: (t) => ({
      value: t.exposeInt('value'),
      label: t.exposeString('label'),
      labelJa: t.exposeString('labelJa'),
    }),
  });

const ChecklistItem = builder.objectRef<Item>('ChecklistItem').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    text: t.exposeString('text'),
    textJa: t.exposeString('textJa'),
    min: t.int({ resolve: (i) => i.scale.min }),
    max: t.int({ resolve: (i) => i.scale.max }),
    labels: t.field({ type: [ScaleLabel], resolve: (i) => [...(i.scale.labels ?? [])] }),
    reverse: t.boolean({
      description: 'Negatively phrased: scored max + min - value.',
      resolve: (i) => i.reverse ?? false,
    }),
  }),
});

const ChecklistDomain = builder.objectRef<Domain>('ChecklistDomain').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    label: t.exposeString('label'),
    labelJa: t.exposeString('labelJa'),
    items: t.field({ type: [ChecklistItem], resolve: (d) => [...d.items] }),
  }),
});

const StageHint = builder
  .objectRef<NonNullable<ChecklistDefinition['stageHints']>[number]>('ChecklistStageHint')
  .implement({
    description: 'A band of totals that suggests a stage: a hint for the conversation, never a decision.',
    fields: (t) => ({
      minTotal: t.exposeInt('minTotal'),
      maxTotal: t.exposeInt('maxTotal'),
      stage: t.field({ type: SupportStage, resolve: (h) => h.stage }),
      label: t.exposeString('label'),
    }),
  });

builder.node(ChecklistDefinitionRef, {
  description: 'A versioned checklist definition; an assessment names the exact version it answered.',
  // One node per version: the key is `version/checklistId`; inputs taking a checklist id accept it.
  id: { resolve: (d) => scopedKey(String(d.version), d.id) },
  loadOne: (key, ctx) => checklistByKey(ctx, key),
  fields: (t) => ({
    checklistId: t.exposeID('id', { description: 'The checklist’s plain id, the same for every version.' }),
    version: t.exposeInt('version'),
    name: t.exposeString('name'),
    nameJa: t.exposeString('nameJa'),
    description: t.exposeString('description'),
    domains: t.field({ type: [ChecklistDomain], resolve: (d) => [...d.domains] }),
    stageHints: t.field({ type: [StageHint], resolve: (d) => [...(d.stageHints ?? [])] }),
  }),
});

// --- Assessments ----------------------------------------------------------------------------------

export const AssessmentRater = builder.objectRef<Assessment['rater']>('AssessmentRater').implement({
  fields: (t) => ({
    kind: t.field({ type: RaterKind, resolve: (r) => r.kind }),
    staffId: t.id({ nullable: true, resolve: (r) => (r.kind === 'staff' ? r.staffId : null) }),
    householdMemberId: t.id({
      nullable: true,
      resolve: (r) => (r.kind === 'familyMember' ? r.householdMemberId : null),
    }),
  }),
});

export const Answer = builder.objectRef<{ itemId: string; value: number }>('AssessmentAnswer').implement({
  fields: (t) => ({ itemId: t.exposeID('itemId'), value: t.exposeInt('value') }),
});
export const DomainScore = builder.objectRef<{ domainId: string; score: number }>('DomainScore').implement({
  fields: (t) => ({ domainId: t.exposeID('domainId'), score: t.exposeInt('score') }),
});

/** `node(id)` of an assessment: the case's assessments, read as `Case.assessments` reads them. */
function assessmentByKey(ctx: GraphQLContext, key: string): Promise<Assessment | null> {
  return caseRecordByKey(ctx, key, 'assessments', (v) =>
    ctx.register.casework.assessmentsOfCase(ctx.actor, v.record.id),
  );
}

/** A checklist version, as `checklists` lists it. */
function checklistByKey(ctx: GraphQLContext, key: string): Promise<ChecklistDefinition | null> {
  const parts = splitKey(key);
  if (!parts) return Promise.resolve(null);
  return ctx.register.casework.checklists(ctx.actor).then(
    (all) => {
      const found = all.find((c) => c.id === parts.recordId && String(c.version) === parts.scopeId);
      return found ? { ...found } : null;
    },
    () => null,
  );
}

builder.node(AssessmentRef, {
  description: 'アセスメント: one completed checklist, scored with the version it was answered against.',
  id: { resolve: (a) => caseRecordKey(a.caseId, a.id) },
  // `nodes` resolves the abstract Node type by shape.
  isTypeOf: (v) => typeof v === 'object' && v !== null && 'checklistVersion' in v && 'scores' in v,
  loadOne: (key, ctx) => assessmentByKey(ctx, key),
  fields: (t) => ({
    case: t.field({ type: CaseRef, nullable: true, resolve: (a, _x, ctx) => caseOf(ctx, a.caseId) }),
    checklistId: t.exposeID('checklistId'),
    checklistVersion: t.exposeInt('checklistVersion'),
    checklist: t.field({
      type: ChecklistDefinitionRef,
      nullable: true,
      description: 'The checklist version answered.',
      resolve: (a, _x, ctx) => checklistByKey(ctx, scopedKey(String(a.checklistVersion), a.checklistId)),
    }),
    assessedOn: t.field({ type: 'Date', resolve: (a) => a.assessedOn }),
    rater: t.field({ type: AssessmentRater, resolve: (a) => a.rater }),
    answers: t.field({
      type: [Answer],
      resolve: async (a, _x, ctx) => {
        // A caseload reads its latest assessments without answers unless they are asked; this
        // reads them should such a summary still get here.
        const whole = 'answers' in a ? a : await assessmentByKey(ctx, caseRecordKey(a.caseId, a.id));
        return Object.entries(whole?.answers ?? {}).map(([itemId, value]) => ({ itemId, value }));
      },
    }),
    total: t.int({ resolve: (a) => a.scores.total }),
    domainScores: t.field({
      type: [DomainScore],
      resolve: (a) => Object.entries(a.scores.byDomain).map(([domainId, score]) => ({ domainId, score })),
    }),
    stageHint: t.field({ type: SupportStage, nullable: true, resolve: (a) => a.stageHint }),
    agency: t.field({
      type: AgencyRef,
      nullable: true,
      resolve: (a, _x, ctx) => ctx.loaders.agencies.load(a.agencyId),
    }),
    staffId: t.exposeID('staffId'),
    recordedAt: t.field({ type: 'DateTime', resolve: (a) => a.recordedAt }),
  }),
});

const DomainChange = builder
  .objectRef<AssessmentComparisonRecord['domains'][number]>('AssessmentDomainChange')
  .implement({
    fields: (t) => ({
      domainId: t.exposeID('domainId'),
      labelJa: t.exposeString('labelJa', { nullable: true }),
      before: t.exposeInt('before'),
      after: t.exposeInt('after'),
      delta: t.exposeInt('delta'),
    }),
  });

const AssessmentComparison = builder.objectRef<AssessmentComparisonRecord>('AssessmentComparison').implement({
  description: '経過の比較: change per domain between two assessments of the same case and checklist.',
  fields: (t) => ({
    checklistId: t.exposeID('checklistId'),
    earlierAssessmentId: t.id({
      deprecationReason: 'Use `earlierAssessment { id }`: this is the plain id.',
      resolve: (c) => c.earlier.assessmentId,
    }),
    laterAssessmentId: t.id({
      deprecationReason: 'Use `laterAssessment { id }`: this is the plain id.',
      resolve: (c) => c.later.assessmentId,
    }),
    earlierAssessment: t.field({
      type: AssessmentRef,
      nullable: true,
      resolve: (c, _a, ctx) => assessmentByKey(ctx, caseRecordKey(c.caseId, c.earlier.assessmentId)),
    }),
    laterAssessment: t.field({
      type: AssessmentRef,
      nullable: true,
      resolve: (c, _a, ctx) => assessmentByKey(ctx, caseRecordKey(c.caseId, c.later.assessmentId)),
    }),
    sameVersion: t.exposeBoolean('sameVersion'),
    raterChanged: t.exposeBoolean('raterChanged'),
    domains: t.field({ type: [DomainChange], resolve: (c) => [...c.domains] }),
    totalBefore: t.int({ resolve: (c) => c.total.before }),
    totalAfter: t.int({ resolve: (c) => c.total.after }),
    totalDelta: t.int({ resolve: (c) => c.total.delta }),
    skippedDomainIds: t.idList({ resolve: (c) => c.skippedDomains.map((d) => d.domainId) }),
  }),
});

// --- Plans ----------------------------------------------------------------------------------------

const PlanGoal = builder.objectRef<PlanGoalRecord>('PlanGoal').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    description: t.exposeString('description'),
    targetDate: t.field({ type: 'Date', nullable: true, resolve: (g) => g.targetDate }),
    achievedOn: t.field({ type: 'Date', nullable: true, resolve: (g) => g.achievedOn }),
    status: t.field({ type: GoalStatus, resolve: (g) => g.status }),
  }),
});

const PlanReview = builder.objectRef<PlanReviewRecord>('PlanReview').implement({
  fields: (t) => ({
    reviewedOn: t.field({ type: 'Date', resolve: (r) => r.reviewedOn }),
    outcome: t.field({ type: ReviewOutcome, resolve: (r) => r.outcome }),
    note: t.string({ nullable: true, resolve: (r) => r.note ?? null }),
    nextReviewDueOn: t.field({ type: 'Date', nullable: true, resolve: (r) => r.nextReviewDueOn }),
    staffId: t.exposeID('staffId'),
  }),
});

/** `node(id)` of a plan: the case's plans, read as `Case.plans` reads them. */
export function planByKey(ctx: GraphQLContext, key: string): Promise<SupportPlan | null> {
  return caseRecordByKey(ctx, key, 'plans', (v) => ctx.loaders.plans.load(v.record.id));
}

builder.node(SupportPlanRef, {
  description: '支援計画: goals and a review date, evaluated at each review.',
  id: { resolve: (p) => caseRecordKey(p.caseId, p.id) },
  // `nodes` resolves the abstract Node type by shape.
  isTypeOf: (v) => typeof v === 'object' && v !== null && 'reviewDueOn' in v && 'goals' in v,
  loadOne: (key, ctx) => planByKey(ctx, key),
  fields: (t) => ({
    case: t.field({ type: CaseRef, nullable: true, resolve: (p, _x, ctx) => caseOf(ctx, p.caseId) }),
    agency: t.field({
      type: AgencyRef,
      nullable: true,
      resolve: (p, _x, ctx) => ctx.loaders.agencies.load(p.agencyId),
    }),
    createdOn: t.field({ type: 'Date', resolve: (p) => p.createdOn }),
    goals: t.field({ type: [PlanGoal], resolve: (p) => [...p.goals] }),
    reviewDueOn: t.field({ type: 'Date', resolve: (p) => p.reviewDueOn }),
    reviews: t.field({ type: [PlanReview], description: 'Oldest first.', resolve: (p) => [...p.reviews] }),
    closed: t.boolean({ resolve: (p) => isPlanClosed(p) }),
    reviewOverdue: t.boolean({ resolve: (p, _x, ctx) => isReviewOverdue(p, ctx.today()) }),
    daysOverdue: t.int({ resolve: (p, _x, ctx) => daysOverdue(p, ctx.today()) }),
    version: t.exposeInt('version'),
    createdAt: t.field({ type: 'DateTime', resolve: (p) => p.createdAt }),
    updatedAt: t.field({ type: 'DateTime', resolve: (p) => p.updatedAt }),
  }),
});

const AssessmentConnection = builder.connectionObject(
  { type: AssessmentRef, name: 'AssessmentConnection' },
  { name: 'AssessmentEdge' },
);
const SupportPlanConnection = builder.connectionObject(
  { type: SupportPlanRef, name: 'SupportPlanConnection' },
  { name: 'SupportPlanEdge' },
);
builder.objectFields(CaseRef, (t) => ({
  latestAssessment: t.field({
    type: AssessmentRef,
    nullable: true,
    resolve: (v, _a, ctx, info) =>
      gated(v, 'assessments', () =>
        (asksAssessmentAnswers(info)
          ? ctx.loaders.latestAssessments
          : ctx.loaders.latestAssessmentSummaries
        ).load(v.record.id),
      ),
  }),
  assessments: t.connection(
    {
      type: AssessmentRef,
      nullable: true,
      description: 'Newest first.',
      resolve: (v, args, ctx) =>
        gated(v, 'assessments', async () =>
          connectionOfList(
            await ctx.register.casework.assessmentsOfCase(ctx.actor, v.record.id),
            args,
            (a) => a.id,
          ),
        ),
    },
    AssessmentConnection,
  ),
  plans: t.connection(
    {
      type: SupportPlanRef,
      nullable: true,
      description: 'Newest first.',
      resolve: (v, args, ctx) =>
        gated(v, 'plans', async () =>
          connectionOfList(await ctx.loaders.plans.load(v.record.id), args, (p) => p.id),
        ),
    },
    SupportPlanConnection,
  ),
}));

const ChecklistDefinitionConnection = builder.connectionObject(
  { type: ChecklistDefinitionRef, name: 'ChecklistDefinitionConnection' },
  { name: 'ChecklistDefinitionEdge' },
);
builder.queryFields((t) => ({
  checklists: t.connection(
    {
      type: ChecklistDefinitionRef,
      description: 'Every version of every checklist, by id then version.',
      resolve: (_root, args, ctx) =>
        read(async () =>
          connectionOfList(
            await ctx.register.casework.checklists(ctx.actor),
            args,
            (c) => `${c.id}@${c.version}`,
          ),
        ),
    },
    ChecklistDefinitionConnection,
  ),
  compareAssessments: t.field({
    type: AssessmentComparison,
    nullable: true,
    args: { earlierId: t.arg.id({ required: true }), laterId: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) =>
      read(() =>
        ctx.register.casework.compareAssessments(
          ctx.actor,
          caseRecordIdOf('Assessment', args.earlierId, 'earlierId'),
          caseRecordIdOf('Assessment', args.laterId, 'laterId'),
        ),
      ),
  }),
}));

// --- Mutations ------------------------------------------------------------------------------------

export const RaterInput = builder.inputType('AssessmentRaterInput', {
  description: 'STAFF with staffId, FAMILY_MEMBER with householdMemberId, or PERSON.',
  fields: (t) => ({
    kind: t.field({ type: RaterKind, required: true }),
    staffId: t.id(),
    householdMemberId: t.id(),
  }),
});

const RecordAssessmentInput = builder.inputType('RecordAssessmentInput', {
  fields: (t) => ({
    caseId: t.id({ required: true }),
    checklistId: t.id({ required: true }),
    checklistVersion: t.int({ required: true }),
    assessedOn: t.field({ type: 'Date', required: true }),
    rater: t.field({ type: RaterInput, required: true }),
    answers: t.field({
      type: 'JSON',
      required: true,
      description: 'Every item answered: an object from item id to the raw answer, e.g. {"q1": 2}.',
    }),
  }),
});

const GoalInput = builder.inputType('GoalInput', {
  fields: (t) => ({
    id: t.id({ required: true, description: 'Chosen by the caller, unique within the plan.' }),
    description: t.string({ ...maxText('description'), required: true }),
    targetDate: t.field({ type: 'Date' }),
  }),
});

const CreatePlanInput = builder.inputType('CreatePlanInput', {
  fields: (t) => ({
    caseId: t.id({ required: true }),
    createdOn: t.field({ type: 'Date', required: true }),
    goals: t.field({ type: [GoalInput], required: true }),
    reviewDueOn: t.field({ type: 'Date', required: true }),
  }),
});

const AddGoalInput = builder.inputType('AddGoalInput', {
  fields: (t) => ({
    planId: t.id({ required: true }),
    expectedVersion: t.int({ required: true }),
    id: t.id({ required: true }),
    description: t.string({ ...maxText('description'), required: true }),
    targetDate: t.field({ type: 'Date' }),
  }),
});

const UpdateGoalInput = builder.inputType('UpdateGoalInput', {
  fields: (t) => ({
    planId: t.id({ required: true }),
    expectedVersion: t.int({ required: true }),
    goalId: t.id({ required: true }),
    status: t.field({ type: GoalStatus, required: true }),
    achievedOn: t.field({ type: 'Date', description: 'Required exactly when the status is ACHIEVED.' }),
    description: t.string(maxText('description')),
    targetDate: t.field({ type: 'Date' }),
  }),
});

const RecordPlanReviewInput = builder.inputType('RecordPlanReviewInput', {
  fields: (t) => ({
    planId: t.id({ required: true }),
    expectedVersion: t.int({ required: true }),
    reviewedOn: t.field({ type: 'Date', required: true }),
    outcome: t.field({ type: ReviewOutcome, required: true }),
    note: t.string(maxText('longText')),
    nextReviewDueOn: t.field({
      type: 'Date',
      description: 'Required for CONTINUE and REVISE; none for ENDED.',
    }),
  }),
});

const AddChecklistInput = builder.inputType('AddChecklistInput', {
  fields: (t) => ({
    definition: t.field({ type: 'JSON', required: true, description: 'A checklist definition (validated).' }),
  }),
});

const AssessmentPayload = payloadType<Assessment>('RecordAssessmentPayload', 'The recorded assessment.', {
  assessment: { type: AssessmentRef, pick: (a) => a },
});
const PlanPayload = payloadType<SupportPlan>('SupportPlanPayload', 'The plan after the change.', {
  plan: { type: SupportPlanRef, pick: (p) => p },
});
const ChecklistPayload = payloadType<ChecklistDefinition>('AddChecklistPayload', 'The stored definition.', {
  checklist: { type: ChecklistDefinitionRef, pick: (c) => c },
});

/** A rater as given: a staff rater's id may be the account's global id. */
export function raterOf<R extends { staffId?: string | number | null }>(rater: R) {
  const given = compact(rater);
  return rater.staffId == null
    ? given
    : { ...given, staffId: recordIdOf('StaffMember', rater.staffId, 'rater.staffId') };
}

export function answersOf(value: unknown): Record<string, number> {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new ValidationError([
      { field: 'answers', rule: 'answers_object', message: 'answers must be an object' },
    ]);
  return value as Record<string, number>;
}

builder.mutationFields((t) => ({
  recordAssessment: t.field({
    type: AssessmentPayload,
    description: 'チェックリスト評価の記録, validated against the exact checklist version named.',
    args: { input: t.arg({ type: RecordAssessmentInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      mutate(ctx, () =>
        ctx.register.casework.recordAssessment(ctx.actor, localId('Case', String(input.caseId), 'caseId'), {
          checklistId: recordIdOf('ChecklistDefinition', input.checklistId, 'checklistId'),
          checklistVersion: input.checklistVersion,
          assessedOn: input.assessedOn,
          rater: raterOf(input.rater) as never,
          answers: answersOf(input.answers),
        }),
      ),
  }),
  createPlan: t.field({
    type: PlanPayload,
    args: { input: t.arg({ type: CreatePlanInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      mutate(ctx, () =>
        ctx.register.casework.createPlan(ctx.actor, {
          ...input,
          caseId: localId('Case', String(input.caseId), 'caseId'),
          goals: input.goals.map((g) => ({ ...compact(g), id: String(g.id) })),
        }),
      ),
  }),
  addGoal: t.field({
    type: PlanPayload,
    args: { input: t.arg({ type: AddGoalInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      mutate(ctx, () => {
        const { planId, ...goal } = input;
        return ctx.register.casework.addGoal(ctx.actor, caseRecordIdOf('SupportPlan', planId, 'planId'), {
          ...compact(goal),
          id: String(goal.id),
        });
      }),
  }),
  updateGoal: t.field({
    type: PlanPayload,
    args: { input: t.arg({ type: UpdateGoalInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      mutate(ctx, () => {
        const { planId, goalId, ...change } = input;
        return ctx.register.casework.updateGoal(ctx.actor, caseRecordIdOf('SupportPlan', planId, 'planId'), {
          ...(change as never as object),
          goalId: String(goalId),
        } as never);
      }),
  }),
  recordPlanReview: t.field({
    type: PlanPayload,
    description: '支援計画の見直し; a review without a next date closes the plan.',
    args: { input: t.arg({ type: RecordPlanReviewInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      mutate(ctx, () => {
        const { planId, ...review } = input;
        return ctx.register.casework.recordReview(
          ctx.actor,
          caseRecordIdOf('SupportPlan', planId, 'planId'),
          review,
        );
      }),
  }),
  addChecklist: t.field({
    type: ChecklistPayload,
    description: 'Agency admins add a checklist definition (or a new version of one).',
    args: { input: t.arg({ type: AddChecklistInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      mutate(ctx, () => ctx.register.casework.addChecklist(ctx.actor, input.definition)),
  }),
}));
