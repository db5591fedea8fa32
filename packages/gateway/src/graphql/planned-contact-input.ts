import { type BuilderTypes, builder } from './builder.ts';
import { ContactChannel } from './enums.ts';
import { maxText } from './max-length.ts';

/** The fields of a planned next contact (次回支援予定), shared by planNextContact and recordContact. */
export const plannedContactFields = (
  t: PothosSchemaTypes.InputFieldBuilder<BuilderTypes, 'InputObject'>,
) => ({
  plannedOn: t.field({ type: 'Date', required: true, description: 'Not before today.' }),
  channel: t.field({ type: ContactChannel }),
  note: t.string({ description: 'A short label.', ...maxText('name') }),
});

export const PlannedContactInput = builder.inputType('PlannedContactInput', {
  description: 'A planned next contact: the date, optionally how and a short note.',
  fields: plannedContactFields,
});
