import type { HealthBackgroundInput, IntakeInput } from '@hikikomori-register/core';
import { type BuilderTypes, builder } from './builder.ts';
import {
  ConditionStatus,
  DisabilityCertificate,
  DiscoveryRoute,
  MedicalCare,
  NoteVisibility,
  WithdrawalTrigger,
} from './enums.ts';
import { maxFormat, maxText } from './max-length.ts';
import { compact } from './mutations.ts';

type Fields = PothosSchemaTypes.InputFieldBuilder<BuilderTypes, 'InputObject'>;

/** The intake form's fields, shared by openCase and recordIntake. */
export const intakeFields = (t: Fields) => ({
  withdrawalOnset: t.string({
    ...maxFormat('YYYY-MM'.length),
    description: 'ひきこもり状態になった年月, YYYY-MM.',
  }),
  withdrawalOnsetApproximate: t.boolean({ description: 'The onset is an estimate. Defaults to false.' }),
  triggers: t.field({ type: [WithdrawalTrigger], description: 'きっかけ; UNKNOWN stands alone.' }),
  discoveryRoute: t.field({ type: DiscoveryRoute }),
});

export const IntakeDetailsInput = builder.inputType('IntakeDetailsInput', {
  description: '受付時の状況, saved whole: what is not given is recorded as not known.',
  fields: intakeFields,
});

const HealthNoteInput = builder.inputType('HealthNoteInput', {
  fields: (t) => ({
    text: t.string({ ...maxText('longText'), required: true }),
    visibility: t.field({ type: NoteVisibility, description: 'Defaults to NORMAL.' }),
  }),
});

/** The health background's fields, shared by openCase and recordHealthBackground. */
export const healthFields = (t: Fields) => ({
  medicalCare: t.field({ type: MedicalCare }),
  developmentalDisability: t.field({ type: ConditionStatus, description: '発達障害' }),
  mentalIllness: t.field({ type: ConditionStatus, description: '精神疾患' }),
  disabilityCertificate: t.field({ type: DisabilityCertificate }),
  note: t.field({ type: HealthNoteInput }),
});

export const HealthBackgroundDetailsInput = builder.inputType('HealthBackgroundDetailsInput', {
  description: '心身の状況 (要配慮個人情報), saved whole: what is not given is recorded as UNKNOWN.',
  fields: healthFields,
});

export function intakeDetailsOf(input: typeof IntakeDetailsInput.$inferInput): IntakeInput {
  return compact(input);
}

export function healthDetailsOf(
  input: typeof HealthBackgroundDetailsInput.$inferInput,
): HealthBackgroundInput {
  const { note, ...rest } = input;
  return { ...compact(rest), ...(note ? { note: compact(note) } : {}) };
}
