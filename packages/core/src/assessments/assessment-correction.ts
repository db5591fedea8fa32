import {
  type ContactCorrectionKind as CorrectionKind,
  voidContactInputSchema as correctionInputSchema,
} from '../contacts/contact-correction.ts';
import type { Actor } from '../shared/actor.ts';
import type { CalendarDate } from '../shared/dates.ts';
import { PreconditionError, parseInput, ValidationError, VersionConflictError } from '../shared/errors.ts';
import type { AssessmentId, CaseId } from '../shared/ids.ts';
import { type Assessment, type RecordAssessmentInput, recordAssessment } from './assessment.ts';
import type { ChecklistDefinition } from './checklist.ts';

/** The fields a correction may change, and that a correction keeps as they were before. */
export type AssessmentVersionFields = Pick<
  Assessment,
  'assessedOn' | 'rater' | 'answers' | 'scores' | 'stageHint'
>;

/**
 * 訂正・取消の履歴 of an assessment, append-only, as for contact records: `previous` is the assessment
 * as it stood before, so every earlier version stays readable; `sequence` is the version produced.
 */
export interface AssessmentCorrection {
  readonly id: string;
  readonly assessmentId: AssessmentId;
  readonly caseId: CaseId;
  readonly sequence: number;
  readonly kind: CorrectionKind;
  readonly reason: string;
  readonly previous: AssessmentVersionFields;
  readonly staffId: string;
  readonly agencyId: string;
  readonly correctedAt: Date;
}

/** 取消 input: the version read and the reason. */
export const voidAssessmentInputSchema = correctionInputSchema;
export type VoidAssessmentInput = { readonly expectedVersion: number; readonly reason: string };

/**
 * 訂正 input: the version read, the reason, and what changes. `answers` replaces the answers whole
 * (every item of the same checklist version, rescored with it); fields not given stay.
 */
export type AmendAssessmentInput = VoidAssessmentInput &
  Partial<Pick<RecordAssessmentInput, 'assessedOn' | 'rater' | 'answers'>>;

export interface CorrectAssessmentContext {
  readonly actor: Actor;
  readonly now: Date;
  readonly today?: CalendarDate;
  /** The checklist version the assessment was recorded with: an amendment is rescored with it. */
  readonly definition: ChecklistDefinition;
  readonly correctionId: string;
}

export interface CorrectedAssessment {
  readonly assessment: Assessment;
  readonly correction: AssessmentCorrection;
}

const versionFieldsOf = (a: Assessment): AssessmentVersionFields => ({
  assessedOn: a.assessedOn,
  rater: a.rater,
  answers: a.answers,
  scores: a.scores,
  stageHint: a.stageHint,
});

/** Equal fields, answers compared by item whatever the order they were given in. */
const sameVersion = (a: Assessment, b: Assessment) => {
  const key = (x: Assessment) =>
    JSON.stringify({ ...versionFieldsOf(x), answers: Object.entries(x.answers).sort() });
  return key(a) === key(b);
};

function assertCorrectable(assessment: Assessment, expectedVersion: number): void {
  if (assessment.voided)
    throw new PreconditionError(
      'assessment_voided',
      `assessment ${assessment.id} was voided; it cannot change`,
    );
  if (assessment.version !== expectedVersion)
    throw new VersionConflictError('assessment', assessment.id, expectedVersion, assessment.version);
}

function correctionOf(
  assessment: Assessment,
  kind: CorrectionKind,
  reason: string,
  ctx: Omit<CorrectAssessmentContext, 'definition'>,
): AssessmentCorrection {
  return {
    id: ctx.correctionId,
    assessmentId: assessment.id,
    caseId: assessment.caseId,
    sequence: assessment.version + 1,
    kind,
    reason,
    previous: versionFieldsOf(assessment),
    staffId: ctx.actor.staffId,
    agencyId: ctx.actor.agencyId,
    correctedAt: ctx.now,
  };
}

/**
 * 訂正: a new version of the assessment, validated and scored as a new one would be against the same
 * checklist version (same rules, same field names), with the reason; the previous version goes into
 * the correction. Refused for a voided assessment (`assessment_voided`), a stale version, and a change
 * that changes nothing (`no_change`). Who recorded it and when stay.
 */
export function amendAssessment(
  assessment: Assessment,
  input: AmendAssessmentInput,
  ctx: CorrectAssessmentContext,
): CorrectedAssessment {
  const { expectedVersion, reason } = parseInput(voidAssessmentInputSchema, input);
  assertCorrectable(assessment, expectedVersion);
  const revised = recordAssessment(
    assessment.id,
    {
      checklistId: assessment.checklistId,
      checklistVersion: assessment.checklistVersion,
      assessedOn: input.assessedOn ?? assessment.assessedOn,
      rater: input.rater ?? assessment.rater,
      answers: input.answers ?? assessment.answers,
    },
    {
      definition: ctx.definition,
      actor: ctx.actor,
      now: ctx.now,
      today: ctx.today,
      caseId: assessment.caseId,
    },
  );
  if (sameVersion(revised, assessment))
    throw new ValidationError([{ field: '', rule: 'no_change', message: 'the correction changes nothing' }]);
  return {
    assessment: {
      ...revised,
      agencyId: assessment.agencyId,
      staffId: assessment.staffId,
      recordedAt: assessment.recordedAt,
      version: assessment.version + 1,
      voided: null,
    },
    correction: correctionOf(assessment, 'amended', reason, ctx),
  };
}

/**
 * 取消: the assessment stays readable with the reason, but is compared with nothing, counts in no
 * indicator and is never the latest assessment of its case.
 */
export function voidAssessment(
  assessment: Assessment,
  input: VoidAssessmentInput,
  ctx: Omit<CorrectAssessmentContext, 'definition'>,
): CorrectedAssessment {
  const { expectedVersion, reason } = parseInput(voidAssessmentInputSchema, input);
  assertCorrectable(assessment, expectedVersion);
  return {
    assessment: {
      ...assessment,
      version: assessment.version + 1,
      voided: { reason, staffId: ctx.actor.staffId, agencyId: ctx.actor.agencyId, at: ctx.now },
    },
    correction: correctionOf(assessment, 'voided', reason, ctx),
  };
}
