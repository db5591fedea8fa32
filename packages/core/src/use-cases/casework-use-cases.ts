import { canCorrectRecord } from '../access/access-rules.ts';
import { type Assessment, type RecordAssessmentInput, recordAssessment } from '../assessments/assessment.ts';
import {
  type AmendAssessmentInput,
  type AssessmentCorrection,
  amendAssessment,
  type CorrectAssessmentContext,
  type CorrectedAssessment,
  type VoidAssessmentInput,
  voidAssessment,
} from '../assessments/assessment-correction.ts';
import { type ChecklistDefinition, defineChecklist } from '../assessments/checklist.ts';
import { type AssessmentComparison, compareAssessments } from '../assessments/compare.ts';
import {
  type AddGoalInput,
  addGoal,
  type CreatePlanInput,
  createPlan,
  type RecordReviewInput,
  recordReview,
  type SupportPlan,
  type UpdateGoalInput,
  updateGoal,
} from '../plans/support-plan.ts';
import type { Actor } from '../shared/actor.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../shared/errors.ts';
import type { AssessmentId, CaseId, PlanId } from '../shared/ids.ts';
import { notAccessible, readCase, writeCase } from './case-access.ts';
import type { UseCaseRunner, UseCaseScope } from './context.ts';

/** An assessment as listed: with its corrections (訂正・取消), oldest first. */
export type ListedAssessment = Assessment & { readonly corrections: readonly AssessmentCorrection[] };

/**
 * A correction of an assessment, as of a contact record: loaded for writing its case, refused unless
 * the actor's agency recorded it, rescored with its own checklist version, kept not before the case
 * was opened, stored with its correction, audited.
 */
async function correctAssessment(
  s: UseCaseScope,
  assessmentId: AssessmentId,
  change: (assessment: Assessment, ctx: CorrectAssessmentContext) => CorrectedAssessment,
): Promise<CorrectedAssessment> {
  const assessment = await s.repos.assessments.get(assessmentId);
  if (!assessment) throw notAccessible('case_write');
  const record = await writeCase(s, assessment.caseId);
  if (!canCorrectRecord(s.actor, assessment, record))
    throw new ForbiddenError('record_correct', 'only the agency that wrote a record corrects it');
  const definition = await s.repos.checklists.get(assessment.checklistId, assessment.checklistVersion);
  if (!definition)
    throw new NotFoundError('checklist', `${assessment.checklistId}@${assessment.checklistVersion}`);
  const corrected = change(assessment, {
    actor: s.actor,
    now: s.now,
    today: s.today,
    definition,
    correctionId: s.newId(),
  });
  if (corrected.assessment.assessedOn < record.openedOn)
    throw new ValidationError([
      {
        field: 'assessedOn',
        rule: 'not_before_case_opened',
        message: `the case was opened on ${record.openedOn}`,
      },
    ]);
  await s.repos.assessments.update(corrected.assessment);
  await s.repos.assessments.appendCorrection(corrected.correction);
  return corrected;
}

const assessmentTarget = (id: AssessmentId) => ({ entity: 'assessment', entityId: id, caseId: null });

/** Assessments (アセスメント) and support plans (支援計画) of a case. */
export function caseworkUseCases(runner: UseCaseRunner) {
  function changePlan(
    actor: Actor,
    operation: string,
    planId: PlanId,
    change: (plan: SupportPlan, ctx: { actor: Actor; now: Date; today: string }) => SupportPlan,
  ): Promise<SupportPlan> {
    return runner.run(actor, operation, { entity: 'plan', entityId: planId, caseId: null }, async (s) => {
      const plan = await s.repos.plans.get(planId);
      if (!plan) throw new ForbiddenError('case_write', 'plan not found or not accessible');
      await writeCase(s, plan.caseId);
      const next = change(plan, { actor, now: s.now, today: s.today });
      await s.repos.plans.update(next);
      return next;
    });
  }

  return {
    /** Checklist definitions are data; a new version never changes an old one. Agency admins add them. */
    addChecklist(actor: Actor, input: unknown): Promise<ChecklistDefinition> {
      return runner.run(actor, 'checklist.add', null, async (s) => {
        if (actor.role !== 'agencyAdmin')
          throw new ForbiddenError('agency_admin', 'only agency admins may add checklists');
        const definition = defineChecklist(input);
        if (await s.repos.checklists.get(definition.id, definition.version))
          throw new ValidationError([
            {
              field: 'version',
              rule: 'checklist_version_unique',
              message: `checklist ${definition.id} v${definition.version} exists already`,
            },
          ]);
        await s.repos.checklists.insert(definition);
        return definition;
      });
    },

    checklists(actor: Actor): Promise<readonly ChecklistDefinition[]> {
      return runner.run(actor, 'checklist.list', null, (s) => s.repos.checklists.list());
    },

    /** チェックリスト評価の記録, validated against the exact checklist version named. */
    recordAssessment(actor: Actor, caseId: CaseId, input: RecordAssessmentInput): Promise<Assessment> {
      return runner.run(
        actor,
        'assessment.record',
        { entity: 'case', entityId: caseId, caseId },
        async (s) => {
          const record = await writeCase(s, caseId);
          const definition = await s.repos.checklists.get(
            String(input.checklistId),
            Number(input.checklistVersion),
          );
          if (!definition)
            throw new ValidationError([
              {
                field: 'checklistVersion',
                rule: 'checklist_exists',
                message: `checklist ${input.checklistId} version ${input.checklistVersion} is not on record`,
              },
            ]);
          if (input.rater?.kind === 'familyMember') {
            const person = await s.repos.persons.get(record.personId);
            const memberId = input.rater.householdMemberId;
            if (!person?.household.some((m) => m.id === memberId))
              throw new ValidationError([
                {
                  field: 'rater.householdMemberId',
                  rule: 'household_member_in_household',
                  message: `household member ${memberId} is not in the person's household`,
                },
              ]);
          }
          const assessment = recordAssessment(s.newId(), input, {
            definition,
            actor,
            now: s.now,
            caseId,
            today: s.today,
          });
          await s.repos.assessments.insert(assessment);
          s.touched({ entity: 'assessment', entityId: assessment.id, caseId });
          return assessment;
        },
      );
    },

    /** A case's assessments, newest first, voided ones too (marked), each with its corrections. */
    assessmentsOfCase(actor: Actor, caseId: CaseId): Promise<readonly ListedAssessment[]> {
      return runner.run(actor, 'assessment.list', { entity: 'case', entityId: caseId, caseId }, async (s) => {
        await readCase(s, caseId, 'assessments');
        const [assessments, corrections] = await Promise.all([
          s.repos.assessments.listByCase(caseId),
          s.repos.assessments.correctionsByCase(caseId),
        ]);
        return assessments.map((a) => ({
          ...a,
          corrections: corrections.filter((k) => k.assessmentId === a.id),
        }));
      });
    },

    /** 訂正: a new version of the assessment with the reason; the earlier version stays readable. */
    amendAssessment(
      actor: Actor,
      assessmentId: AssessmentId,
      input: AmendAssessmentInput,
    ): Promise<CorrectedAssessment> {
      return runner.run(actor, 'assessment.amend', assessmentTarget(assessmentId), (s) =>
        correctAssessment(s, assessmentId, (a, ctx) => amendAssessment(a, input, ctx)),
      );
    },

    /** 取消: the assessment stays readable with the reason, and is compared and counted nowhere. */
    voidAssessment(
      actor: Actor,
      assessmentId: AssessmentId,
      input: VoidAssessmentInput,
    ): Promise<CorrectedAssessment> {
      return runner.run(actor, 'assessment.void', assessmentTarget(assessmentId), (s) =>
        correctAssessment(s, assessmentId, (a, ctx) => voidAssessment(a, input, ctx)),
      );
    },

    /** Change per domain between two assessments of the same case and checklist. */
    compareAssessments(
      actor: Actor,
      earlierId: AssessmentId,
      laterId: AssessmentId,
    ): Promise<AssessmentComparison> {
      return runner.run(actor, 'assessment.compare', null, async (s) => {
        const [earlier, later] = await Promise.all([
          s.repos.assessments.get(earlierId),
          s.repos.assessments.get(laterId),
        ]);
        // A missing assessment is refused like an unreadable one: ids must not reveal existence.
        if (!earlier || !later) throw notAccessible('case_read_assessments');
        await readCase(s, earlier.caseId, 'assessments');
        if (later.caseId !== earlier.caseId) {
          await readCase(s, later.caseId, 'assessments');
          throw new ValidationError([
            { field: 'laterId', rule: 'same_case', message: 'both assessments must be of the same case' },
          ]);
        }
        const definition = await s.repos.checklists.get(later.checklistId, later.checklistVersion);
        if (!definition)
          throw new NotFoundError('checklist', `${later.checklistId}@${later.checklistVersion}`);
        return compareAssessments(earlier, later, definition);
      });
    },

    createPlan(actor: Actor, input: CreatePlanInput): Promise<SupportPlan> {
      const caseId = String(input.caseId ?? '');
      return runner.run(actor, 'plan.create', { entity: 'case', entityId: caseId, caseId }, async (s) => {
        await writeCase(s, caseId);
        const plan = createPlan(s.newId(), input, { actor, now: s.now, today: s.today });
        await s.repos.plans.insert(plan);
        s.touched({ entity: 'plan', entityId: plan.id, caseId });
        return plan;
      });
    },

    addGoal(actor: Actor, planId: PlanId, input: AddGoalInput): Promise<SupportPlan> {
      return changePlan(actor, 'plan.goal.add', planId, (plan, ctx) => addGoal(plan, input, ctx));
    },

    updateGoal(actor: Actor, planId: PlanId, input: UpdateGoalInput): Promise<SupportPlan> {
      return changePlan(actor, 'plan.goal.update', planId, (plan, ctx) => updateGoal(plan, input, ctx));
    },

    /** 支援計画の見直し. */
    recordReview(actor: Actor, planId: PlanId, input: RecordReviewInput): Promise<SupportPlan> {
      return changePlan(actor, 'plan.review', planId, (plan, ctx) => recordReview(plan, input, ctx));
    },

    plansOfCase(actor: Actor, caseId: CaseId): Promise<readonly SupportPlan[]> {
      return runner.run(actor, 'plan.list', { entity: 'case', entityId: caseId, caseId }, async (s) => {
        await readCase(s, caseId, 'plans');
        return s.repos.plans.listByCase(caseId);
      });
    },
  };
}
