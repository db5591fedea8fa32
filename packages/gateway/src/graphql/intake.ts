import {
  type CaseIntake,
  type HealthBackground,
  withdrawalDurationBand,
  withdrawalMonths,
} from '@hikikomori-register/core';
import { builder } from './builder.ts';
import { caseOf, gated } from './case.ts';
import {
  ConditionStatus,
  DisabilityCertificate,
  DiscoveryRoute,
  MedicalCare,
  NoteVisibility,
  WithdrawalDurationBand,
  WithdrawalTrigger,
} from './enums.ts';
import { localId } from './ids.ts';
import { healthDetailsOf, healthFields, intakeDetailsOf, intakeFields } from './intake-input.ts';
import { maxFormat } from './max-length.ts';
import { mutate, payloadType } from './mutations.ts';
import { CaseRef } from './refs.ts';

/** The intake with the case's opening day, from which the duration at intake is counted. */
interface IntakeAtOpening {
  readonly intake: CaseIntake;
  readonly openedOn: string;
}

const CaseIntakeRef = builder.objectRef<IntakeAtOpening>('CaseIntake').implement({
  description: '受付時の状況: onset, triggers and how the case came to light (person section).',
  fields: (t) => ({
    withdrawalOnset: t.string({
      ...maxFormat('YYYY-MM'.length),
      nullable: true,
      description: 'ひきこもり状態になった年月 (YYYY-MM).',
      resolve: ({ intake }) => intake.withdrawalOnset,
    }),
    withdrawalOnsetApproximate: t.boolean({ resolve: ({ intake }) => intake.withdrawalOnsetApproximate }),
    monthsAtOpening: t.int({
      nullable: true,
      description: 'Whole months from the onset to the month the case was opened.',
      resolve: ({ intake, openedOn }) => withdrawalMonths(intake.withdrawalOnset, openedOn),
    }),
    durationBandAtOpening: t.field({
      type: WithdrawalDurationBand,
      nullable: true,
      description: 'ひきこもり期間 when the case was opened, in the survey bands.',
      resolve: ({ intake, openedOn }) => withdrawalDurationBand(intake.withdrawalOnset, openedOn),
    }),
    triggers: t.field({ type: [WithdrawalTrigger], resolve: ({ intake }) => [...intake.triggers] }),
    discoveryRoute: t.field({
      type: DiscoveryRoute,
      nullable: true,
      resolve: ({ intake }) => intake.discoveryRoute,
    }),
    version: t.int({
      description: 'Pass it back as `expectedVersion` when recording the intake again.',
      resolve: ({ intake }) => intake.version,
    }),
    recordedAt: t.field({ type: 'DateTime', resolve: ({ intake }) => intake.recordedAt }),
  }),
});

const HealthBackgroundRef = builder.objectRef<HealthBackground>('HealthBackground').implement({
  description: '心身の状況: medical and developmental background (health section, 要配慮個人情報).',
  fields: (t) => ({
    medicalCare: t.field({ type: MedicalCare, resolve: (h) => h.medicalCare }),
    developmentalDisability: t.field({ type: ConditionStatus, resolve: (h) => h.developmentalDisability }),
    mentalIllness: t.field({ type: ConditionStatus, resolve: (h) => h.mentalIllness }),
    disabilityCertificate: t.field({ type: DisabilityCertificate, resolve: (h) => h.disabilityCertificate }),
    note: t.string({ nullable: true, resolve: (h) => h.note?.text ?? null }),
    noteVisibility: t.field({
      type: NoteVisibility,
      nullable: true,
      resolve: (h) => h.note?.visibility ?? null,
    }),
    version: t.int({
      description: 'Pass it back as `expectedVersion` when recording the background again.',
      resolve: (h) => h.version,
    }),
    recordedAt: t.field({ type: 'DateTime', resolve: (h) => h.recordedAt }),
  }),
});

builder.objectFields(CaseRef, (t) => ({
  intake: t.field({
    type: CaseIntakeRef,
    nullable: true,
    description: '受付時の状況: null without the person section, or when none is recorded. Audited.',
    resolve: (v, _a, ctx) =>
      gated(v, 'person', async () => {
        const intake = await ctx.register.intake.intake(ctx.actor, v.record.id);
        return intake ? { intake, openedOn: v.record.openedOn } : null;
      }),
  }),
  healthBackground: t.field({
    type: HealthBackgroundRef,
    nullable: true,
    description: '心身の状況: null without the health section, or when none is recorded. Audited.',
    resolve: (v, _a, ctx) => gated(v, 'health', () => ctx.register.intake.health(ctx.actor, v.record.id)),
  }),
}));

const RecordIntakeInput = builder.inputType('RecordIntakeInput', {
  fields: (t) => ({
    caseId: t.id({ required: true }),
    expectedVersion: t.int({ description: 'The intake version read; omitted for the first record.' }),
    ...intakeFields(t),
  }),
});

const RecordHealthBackgroundInput = builder.inputType('RecordHealthBackgroundInput', {
  fields: (t) => ({
    caseId: t.id({ required: true }),
    expectedVersion: t.int({ description: 'The version read; omitted for the first record.' }),
    ...healthFields(t),
  }),
});

const RecordIntakePayload = payloadType<{ intake: IntakeAtOpening; view: unknown }>(
  'RecordIntakePayload',
  'The intake as recorded.',
  { intake: { type: CaseIntakeRef, pick: (r) => r.intake }, case: { type: CaseRef, pick: (r) => r.view } },
);

const RecordHealthBackgroundPayload = payloadType<{ health: HealthBackground; view: unknown }>(
  'RecordHealthBackgroundPayload',
  'The health background as recorded.',
  {
    healthBackground: { type: HealthBackgroundRef, pick: (r) => r.health },
    case: { type: CaseRef, pick: (r) => r.view },
  },
);

builder.mutationFields((t) => ({
  recordIntake: t.field({
    type: RecordIntakePayload,
    description: '受付時の状況の記録: casework of an agency supporting the case.',
    args: { input: t.arg({ type: RecordIntakeInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      mutate(ctx, async () => {
        const { caseId: id, expectedVersion, ...details } = input;
        const caseId = localId('Case', String(id), 'caseId');
        const intake = await ctx.register.intake.recordIntake(ctx.actor, caseId, {
          ...intakeDetailsOf(details),
          expectedVersion: expectedVersion ?? null,
        });
        const view = await caseOf(ctx, caseId);
        return { intake: { intake, openedOn: view?.record.openedOn ?? '' }, view };
      }),
  }),
  recordHealthBackground: t.field({
    type: RecordHealthBackgroundPayload,
    description: '心身の状況の記録: casework of an agency supporting the case.',
    args: { input: t.arg({ type: RecordHealthBackgroundInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      mutate(ctx, async () => {
        const { caseId: id, expectedVersion, ...details } = input;
        const caseId = localId('Case', String(id), 'caseId');
        const health = await ctx.register.intake.recordHealth(ctx.actor, caseId, {
          ...healthDetailsOf(details),
          expectedVersion: expectedVersion ?? null,
        });
        return { health, view: await caseOf(ctx, caseId) };
      }),
  }),
}));
