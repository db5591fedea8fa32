import type {
  AssessmentCorrection,
  AssessmentVersionFields,
  AssessmentVoid,
  CorrectedAssessment,
} from '@hikikomori-register/core';
import { builder } from './builder.ts';
import { caseRecordByKey } from './case.ts';
import { Answer, AssessmentRater, answersOf, DomainScore, RaterInput, raterOf } from './casework.ts';
import { correctionKindEnum, voidObjectType } from './correction-types.ts';
import { SupportStage } from './enums.ts';
import { caseRecordIdOf, caseRecordKey } from './ids.ts';
import { maxText } from './max-length.ts';
import { mutate, payloadType } from './mutations.ts';
import { AgencyRef, AssessmentRef } from './refs.ts';

const AssessmentCorrectionKind = correctionKindEnum(
  'AssessmentCorrectionKind',
  'A correction of an assessment.',
);

const AssessmentVoidRef = voidObjectType<AssessmentVoid>(
  'AssessmentVoid',
  '取消: who voided the assessment, when and why. It is compared and counted nowhere.',
);

const AssessmentVersionRef = builder.objectRef<AssessmentVersionFields>('AssessmentVersion').implement({
  description: 'An assessment as it stood before a correction.',
  fields: (t) => ({
    assessedOn: t.field({ type: 'Date', resolve: (v) => v.assessedOn }),
    rater: t.field({ type: AssessmentRater, resolve: (v) => v.rater }),
    answers: t.field({
      type: [Answer],
      resolve: (v) => Object.entries(v.answers).map(([itemId, value]) => ({ itemId, value })),
    }),
    total: t.int({ resolve: (v) => v.scores.total }),
    domainScores: t.field({
      type: [DomainScore],
      resolve: (v) => Object.entries(v.scores.byDomain).map(([domainId, score]) => ({ domainId, score })),
    }),
    stageHint: t.field({ type: SupportStage, nullable: true, resolve: (v) => v.stageHint }),
  }),
});

const AssessmentCorrectionRef = builder.objectRef<AssessmentCorrection>('AssessmentCorrection');
builder.node(AssessmentCorrectionRef, {
  description: '訂正・取消: one correction of an assessment, who made it, when and why.',
  // Read with the case's assessments, as `Case.assessments` lists them with their corrections.
  id: { resolve: (c) => caseRecordKey(c.caseId, c.id) },
  loadOne: (key, ctx) =>
    caseRecordByKey(ctx, key, 'assessments', async (v) =>
      (await ctx.register.casework.assessmentsOfCase(ctx.actor, v.record.id)).flatMap((a) => a.corrections),
    ),
  fields: (t) => ({
    kind: t.field({ type: AssessmentCorrectionKind, resolve: (c) => c.kind }),
    sequence: t.exposeInt('sequence', { description: 'The version the correction produced.' }),
    reason: t.exposeString('reason'),
    staffId: t.exposeID('staffId'),
    agency: t.field({
      type: AgencyRef,
      nullable: true,
      resolve: (c, _a, ctx) => ctx.loaders.agencies.load(c.agencyId),
    }),
    correctedAt: t.field({ type: 'DateTime', resolve: (c) => c.correctedAt }),
    previous: t.field({ type: AssessmentVersionRef, resolve: (c) => c.previous }),
  }),
});

builder.objectFields(AssessmentRef, (t) => ({
  version: t.int({
    description: 'Pass it back as `expectedVersion` when correcting the assessment.',
    resolve: (a) => a.version,
  }),
  voided: t.field({ type: AssessmentVoidRef, nullable: true, resolve: (a) => a.voided }),
  corrections: t.field({
    type: [AssessmentCorrectionRef],
    nullable: true,
    description:
      'Its corrections, oldest first: listed with Case.assessments; null where not loaded with it.',
    resolve: (a) => {
      const listed = a as typeof a & { corrections?: readonly AssessmentCorrection[] };
      return listed.corrections ? [...listed.corrections] : null;
    },
  }),
}));

const AmendAssessmentInput = builder.inputType('AmendAssessmentInput', {
  description: '訂正: what changes (others stay); answers replace the answers whole and are rescored.',
  fields: (t) => ({
    assessmentId: t.id({ required: true }),
    expectedVersion: t.int({ required: true }),
    reason: t.string({ ...maxText('shortText'), required: true }),
    assessedOn: t.field({ type: 'Date' }),
    rater: t.field({ type: RaterInput }),
    answers: t.field({ type: 'JSON', description: 'Every item answered, as for recordAssessment.' }),
  }),
});

const VoidAssessmentInput = builder.inputType('VoidAssessmentInput', {
  fields: (t) => ({
    assessmentId: t.id({ required: true }),
    expectedVersion: t.int({ required: true }),
    reason: t.string({ ...maxText('shortText'), required: true }),
  }),
});

const CorrectAssessmentPayload = payloadType<CorrectedAssessment>(
  'CorrectAssessmentPayload',
  'The corrected assessment and the correction.',
  {
    assessment: { type: AssessmentRef, pick: (r) => r.assessment },
    correction: { type: AssessmentCorrectionRef, pick: (r) => r.correction },
  },
);

const assessmentIdOf = (id: string | number) => caseRecordIdOf('Assessment', id, 'assessmentId');

builder.mutationFields((t) => ({
  amendAssessment: t.field({
    type: CorrectAssessmentPayload,
    description: '訂正 of an assessment, with its reason, by the agency that recorded it.',
    args: { input: t.arg({ type: AmendAssessmentInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      mutate(ctx, () =>
        ctx.register.casework.amendAssessment(ctx.actor, assessmentIdOf(input.assessmentId), {
          expectedVersion: input.expectedVersion,
          reason: input.reason,
          ...(input.assessedOn ? { assessedOn: input.assessedOn } : {}),
          ...(input.rater ? { rater: raterOf(input.rater) as never } : {}),
          ...(input.answers != null ? { answers: answersOf(input.answers) } : {}),
        }),
      ),
  }),
  voidAssessment: t.field({
    type: CorrectAssessmentPayload,
    description:
      '取消 of an assessment, with its reason: it stays readable and is compared and counted nowhere.',
    args: { input: t.arg({ type: VoidAssessmentInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      mutate(ctx, () =>
        ctx.register.casework.voidAssessment(ctx.actor, assessmentIdOf(input.assessmentId), {
          expectedVersion: input.expectedVersion,
          reason: input.reason,
        }),
      ),
  }),
}));
