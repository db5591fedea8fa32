import {
  type ContactVoid,
  type CorrectedContact,
  showNote,
  type VisibleContactCorrection,
  type VisibleContactNote,
} from '@hikikomori-register/core';
import { builder } from './builder.ts';
import { caseRecordByKey } from './case.ts';
import { ConsultingPartyInput, ContactNoteInput, contactDetailsOf } from './contact-input.ts';
import { correctionKindEnum, voidObjectType } from './correction-types.ts';
import { ContactChannel, ContactContent, PersonContact } from './enums.ts';
import { caseRecordIdOf, caseRecordKey } from './ids.ts';
import { maxText } from './max-length.ts';
import { mutate, payloadType } from './mutations.ts';
import { AgencyRef, ContactRef } from './refs.ts';

const ContactCorrectionKind = correctionKindEnum(
  'ContactCorrectionKind',
  'A correction of a contact record.',
);

const ContactVoidRef = voidObjectType<ContactVoid>(
  'ContactVoid',
  '取消: who voided the record, when and why. A voided record counts nowhere.',
);

const PreviousNoteRef = builder.objectRef<VisibleContactNote>('PreviousContactNote').implement({
  description: 'The note of an earlier version, under the same wall as any note (開示制限).',
  fields: (t) => ({
    text: t.exposeString('text', { nullable: true }),
    redacted: t.exposeBoolean('redacted'),
  }),
});

const ContactVersionRef = builder
  .objectRef<VisibleContactCorrection['previous']>('ContactVersion')
  .implement({
    description: 'A contact record as it stood before a correction.',
    fields: (t) => ({
      occurredOn: t.field({ type: 'Date', resolve: (v) => v.occurredOn }),
      channel: t.field({ type: ContactChannel, resolve: (v) => v.channel }),
      personContact: t.field({ type: PersonContact, resolve: (v) => v.personContact }),
      contents: t.field({ type: [ContactContent], resolve: (v) => [...v.contents] }),
      durationMinutes: t.exposeInt('durationMinutes', { nullable: true }),
      note: t.field({ type: PreviousNoteRef, nullable: true, resolve: (v) => v.note }),
    }),
  });

const ContactCorrectionRef = builder.objectRef<VisibleContactCorrection>('ContactCorrection');
builder.node(ContactCorrectionRef, {
  description: '訂正・取消: one correction of a contact record, who made it, when and why.',
  // Read with the case's contacts, as `Case.contacts` lists them with their corrections.
  id: { resolve: (c) => caseRecordKey(c.caseId, c.id) },
  loadOne: (key, ctx) =>
    caseRecordByKey(ctx, key, 'contacts', async (v) =>
      (await ctx.register.contacts.list(ctx.actor, v.record.id)).flatMap((c) => c.corrections),
    ),
  fields: (t) => ({
    kind: t.field({ type: ContactCorrectionKind, resolve: (c) => c.kind }),
    sequence: t.exposeInt('sequence', { description: 'The version the correction produced.' }),
    reason: t.exposeString('reason'),
    staffId: t.exposeID('staffId'),
    agency: t.field({
      type: AgencyRef,
      nullable: true,
      resolve: (c, _a, ctx) => ctx.loaders.agencies.load(c.agencyId),
    }),
    correctedAt: t.field({ type: 'DateTime', resolve: (c) => c.correctedAt }),
    previous: t.field({ type: ContactVersionRef, resolve: (c) => c.previous }),
  }),
});

builder.objectFields(ContactRef, (t) => ({
  version: t.int({
    description: 'Pass it back as `expectedVersion` when correcting the record.',
    resolve: (c) => c.version,
  }),
  voided: t.field({ type: ContactVoidRef, nullable: true, resolve: (c) => c.voided }),
  corrections: t.field({
    type: [ContactCorrectionRef],
    nullable: true,
    description: 'Its corrections, oldest first: listed with Case.contacts; null where not loaded with it.',
    resolve: (c) => {
      const listed = c as typeof c & { corrections?: readonly VisibleContactCorrection[] };
      return listed.corrections ? [...listed.corrections] : null;
    },
  }),
}));

const AmendContactInput = builder.inputType('AmendContactInput', {
  description: '訂正: the fields to change (others stay); null clears durationMinutes or note.',
  fields: (t) => ({
    contactId: t.id({ required: true }),
    expectedVersion: t.int({ required: true }),
    reason: t.string({ ...maxText('shortText'), required: true }),
    occurredOn: t.field({ type: 'Date' }),
    channel: t.field({ type: ContactChannel }),
    consultingParty: t.field({ type: ConsultingPartyInput }),
    personContact: t.field({ type: PersonContact }),
    contents: t.field({ type: [ContactContent] }),
    durationMinutes: t.int(),
    note: t.field({ type: ContactNoteInput }),
  }),
});

const VoidContactInput = builder.inputType('VoidContactInput', {
  fields: (t) => ({
    contactId: t.id({ required: true }),
    expectedVersion: t.int({ required: true }),
    reason: t.string({ ...maxText('shortText'), required: true }),
  }),
});

const CorrectContactPayload = payloadType<CorrectedContact>(
  'CorrectContactPayload',
  'The corrected contact and the correction.',
  {
    contact: { type: ContactRef, pick: (r) => showNote(r.contact) },
    correction: {
      type: ContactCorrectionRef,
      // The corrector wrote the record: they read its earlier note too.
      pick: (r) => ({
        ...r.correction,
        previous: {
          ...r.correction.previous,
          note: r.correction.previous.note
            ? { ...r.correction.previous.note, redacted: false as const }
            : null,
        },
      }),
    },
  },
);

/** Contacts are named by their plain id (as `Contact.id` gives it). */
const contactIdOf = (id: string | number) => caseRecordIdOf('Contact', id, 'contactId');

builder.mutationFields((t) => ({
  amendContact: t.field({
    type: CorrectContactPayload,
    description: '訂正 of a contact record, with its reason, by the agency that wrote it.',
    args: { input: t.arg({ type: AmendContactInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      mutate(ctx, () => {
        const { contactId, expectedVersion, reason, ...fields } = input;
        const cleared = {
          ...(fields.durationMinutes === null ? { durationMinutes: null } : {}),
          ...(fields.note === null ? { note: null } : {}),
        };
        return ctx.register.contacts.amend(ctx.actor, contactIdOf(contactId), {
          // Given fields only: compact drops the nulls (cleared above), as GraphQL's "not given".
          ...contactDetailsOf(fields as Parameters<typeof contactDetailsOf>[0], ''),
          ...cleared,
          expectedVersion,
          reason,
        });
      }),
  }),
  voidContact: t.field({
    type: CorrectContactPayload,
    description: '取消 of a contact record, with its reason: it stays readable and counts nowhere.',
    args: { input: t.arg({ type: VoidContactInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      mutate(ctx, () =>
        ctx.register.contacts.void(ctx.actor, contactIdOf(input.contactId), {
          expectedVersion: input.expectedVersion,
          reason: input.reason,
        }),
      ),
  }),
}));
