import type { ConsultingParty, RecordContactRequest } from '@hikikomori-register/core';
import { type BuilderTypes, builder } from './builder.ts';
import {
  ConsultingPartyKind,
  ContactChannel,
  ContactContent,
  NoteVisibility,
  PersonContact,
} from './enums.ts';
import { localId } from './ids.ts';
import { maxText } from './max-length.ts';
import { compact } from './mutations.ts';

export const ConsultingPartyInput = builder.inputType('ConsultingPartyInput', {
  description: 'PERSON / ANONYMOUS alone; HOUSEHOLD_MEMBER with householdMemberId; AGENCY with agencyId.',
  fields: (t) => ({
    kind: t.field({ type: ConsultingPartyKind, required: true }),
    householdMemberId: t.id({ description: 'A household member id (or, in openCase, a household `ref`).' }),
    agencyId: t.id(),
  }),
});

export const ContactNoteInput = builder.inputType('ContactNoteInput', {
  fields: (t) => ({
    text: t.string({ ...maxText('note'), required: true }),
    visibility: t.field({ type: NoteVisibility, description: 'Defaults to NORMAL.' }),
  }),
});

/** The fields of a contact, shared by openCase's first contact and recordContact. */
export const contactFields = (t: PothosSchemaTypes.InputFieldBuilder<BuilderTypes, 'InputObject'>) => ({
  occurredOn: t.field({ type: 'Date', required: true }),
  channel: t.field({ type: ContactChannel, required: true }),
  consultingParty: t.field({ type: ConsultingPartyInput, required: true }),
  personContact: t.field({ type: PersonContact, required: true }),
  contents: t.field({ type: [ContactContent], required: true }),
  durationMinutes: t.int(),
  note: t.field({ type: ContactNoteInput }),
});

export const ContactDetailsInput = builder.inputType('ContactDetailsInput', {
  description: 'One consultation or support activity (相談・支援記録).',
  fields: contactFields,
});

type ContactDetails = typeof ContactDetailsInput.$inferInput;

/** The core's contact input from GraphQL's: global agency ids become record ids. */
export function contactDetailsOf(
  input: Partial<ContactDetails>,
  /** Where the contact sits in the input, e.g. `firstContact.`; empty at the top. */
  prefix: string,
): Omit<RecordContactRequest, 'caseId'> {
  const party = input.consultingParty;
  const consultingParty = !party
    ? undefined
    : party.kind === 'agency' && party.agencyId
      ? {
          kind: 'agency',
          agencyId: localId('Agency', String(party.agencyId), `${prefix}consultingParty.agencyId`),
        }
      : party.kind === 'householdMember'
        ? { kind: 'householdMember', householdMemberId: party.householdMemberId ?? undefined }
        : { kind: party.kind };
  const { consultingParty: _p, note, ...rest } = input;
  return {
    ...compact(rest),
    ...(consultingParty ? { consultingParty: consultingParty as ConsultingParty } : {}),
    ...(note ? { note: compact(note) } : {}),
  } as Omit<RecordContactRequest, 'caseId'>;
}
