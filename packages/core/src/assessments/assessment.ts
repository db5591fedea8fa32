import { z } from 'zod';
import type { Actor } from '../shared/actor.ts';
import { type CalendarDate, calendarDateOf, calendarDateSchema } from '../shared/dates.ts';
import { parseInput, ValidationError, type ValidationIssue } from '../shared/errors.ts';
import type {
  AgencyId,
  AssessmentId,
  CaseId,
  ChecklistId,
  HouseholdMemberId,
  StaffId,
} from '../shared/ids.ts';
import { text } from '../shared/text.ts';
import type { SupportStage } from '../stages/support-stage.ts';
import { type ChecklistDefinition, checklistItems } from './checklist.ts';
import { type AssessmentScores, scoreAnswers, stageHintFor } from './scoring.ts';

/** Who answered the checklist. A family member may rate when the person has not been met (55% of agencies). */
export type AssessmentRater =
  | { readonly kind: 'staff'; readonly staffId: StaffId } // 支援者による評価
  | { readonly kind: 'familyMember'; readonly householdMemberId: HouseholdMemberId } // 家族による評価
  | { readonly kind: 'person' }; // 本人による自己評価

export const assessmentRaterSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('staff'), staffId: text('id') }),
  z.object({ kind: z.literal('familyMember'), householdMemberId: text('id') }),
  z.object({ kind: z.literal('person') }),
]);

/**
 * アセスメント: one completed checklist for a case. Answers are kept as given (raw values); scores are
 * derived with the definition version named here, so a later version never rescores old records.
 */
export interface Assessment {
  readonly id: AssessmentId;
  readonly caseId: CaseId;
  readonly checklistId: ChecklistId;
  readonly checklistVersion: number;
  readonly assessedOn: CalendarDate;
  readonly rater: AssessmentRater;
  /** Raw answer per item id (before reverse scoring). Every item of the version is answered. */
  readonly answers: Readonly<Record<string, number>>;
  readonly scores: AssessmentScores;
  readonly stageHint: SupportStage | null;
  /** The agency that recorded it and owns the record. */
  readonly agencyId: AgencyId;
  /** The worker who recorded it (not necessarily the rater). */
  readonly staffId: StaffId;
  readonly recordedAt: Date;
  /** Optimistic concurrency for corrections (訂正・取消): 1 when recorded, +1 per correction. */
  readonly version: number;
  /** 取消: set when the assessment was voided; a voided assessment is compared and counted nowhere. */
  readonly voided: AssessmentVoid | null;
}

/**
 * An assessment without its raw answers: what a caseload shows of a latest assessment (date, total,
 * domain scores, stage hint). The answers are most of a record's size; the scores are as scored.
 */
export type AssessmentSummary = Omit<Assessment, 'answers'>;

/** Who voided an assessment, when and why. */
export interface AssessmentVoid {
  readonly reason: string;
  readonly staffId: StaffId;
  readonly agencyId: AgencyId;
  readonly at: Date;
}

/**
 * Input for a new assessment. Beyond shapes, `recordAssessment` checks against the definition:
 *  - `checklistId` / `checklistVersion` name the definition given (`checklist_matches`,
 *    `checklist_version_matches`);
 *  - every item answered (`answers.<itemId>`, `answer_required`): a partial checklist would make
 *    totals incomparable over time, so there is no "unanswered";
 *  - each answer an integer within the item's scale (`answer_in_scale`);
 *  - no answers for items the version does not have (`answer_unknown_item`);
 *  - `assessedOn` not after today (`not_in_future`).
 */
export const recordAssessmentInputSchema = z.object({
  checklistId: text('id'),
  checklistVersion: z.number().int().min(1),
  assessedOn: calendarDateSchema,
  rater: assessmentRaterSchema,
  answers: z.record(text('id'), z.number()),
});
export type RecordAssessmentInput = z.input<typeof recordAssessmentInputSchema>;

export interface RecordAssessmentContext {
  /** The checklist definition (exact version) the answers were given against. */
  readonly definition: ChecklistDefinition;
  /** Who records it: their agency owns the record. */
  readonly actor: Actor;
  readonly now: Date;
  readonly caseId: CaseId;
  /** Today's calendar date; defaults to `now` in Japan time. */
  readonly today?: CalendarDate;
}

/** Validates the answers against the definition, scores them and builds the record; `id` is chosen by the caller. */
export function recordAssessment(
  id: AssessmentId,
  input: RecordAssessmentInput,
  ctx: RecordAssessmentContext,
): Assessment {
  const parsed = parseInput(recordAssessmentInputSchema, input);
  const def = ctx.definition;
  if (parsed.checklistId !== def.id)
    throw new ValidationError([
      {
        field: 'checklistId',
        rule: 'checklist_matches',
        message: `answers are for checklist ${parsed.checklistId}, but the definition given is ${def.id}`,
      },
    ]);
  if (parsed.checklistVersion !== def.version)
    throw new ValidationError([
      {
        field: 'checklistVersion',
        rule: 'checklist_version_matches',
        message: `answers are for version ${parsed.checklistVersion} of ${def.id}, but the definition given is version ${def.version}`,
      },
    ]);

  const issues: ValidationIssue[] = [];
  const today = ctx.today ?? calendarDateOf(ctx.now);
  if (parsed.assessedOn > today)
    issues.push({
      field: 'assessedOn',
      rule: 'not_in_future',
      message: `assessment date is after today (${today})`,
    });
  issues.push(...answerIssues(def, parsed.answers));
  if (issues.length > 0) throw new ValidationError(issues);

  const scores = scoreAnswers(def, parsed.answers);
  return {
    id,
    caseId: ctx.caseId,
    checklistId: def.id,
    checklistVersion: def.version,
    assessedOn: parsed.assessedOn,
    rater: parsed.rater,
    answers: parsed.answers,
    scores,
    stageHint: stageHintFor(def, scores.total),
    agencyId: ctx.actor.agencyId,
    staffId: ctx.actor.staffId,
    recordedAt: ctx.now,
    version: 1,
    voided: null,
  };
}

/** Every problem of a set of answers against a definition, in item order then unknown ids. */
export function answerIssues(
  definition: ChecklistDefinition,
  answers: Readonly<Record<string, number>>,
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const known = new Set<string>();
  for (const { item } of checklistItems(definition)) {
    known.add(item.id);
    const field = `answers.${item.id}`;
    const value = Object.hasOwn(answers, item.id) ? answers[item.id] : undefined;
    if (value === undefined) {
      issues.push({ field, rule: 'answer_required', message: `item ${item.id} is not answered` });
      continue;
    }
    const { min, max } = item.scale;
    if (!Number.isInteger(value) || value < min || value > max)
      issues.push({
        field,
        rule: 'answer_in_scale',
        message: `answer ${value} to item ${item.id} must be a whole number from ${min} to ${max}`,
      });
  }
  for (const itemId of Object.keys(answers))
    if (!known.has(itemId))
      issues.push({
        field: `answers.${itemId}`,
        rule: 'answer_unknown_item',
        message: `item ${itemId} is not in ${definition.id} version ${definition.version}`,
      });
  return issues;
}
