import {
  type ConsultingParty as ConsultingPartyRecord,
  showNote,
  type VisibleContactNote,
} from '@hikikomori-register/core';
import { builder } from './builder.ts';
import { caseOf, caseRecordByKey, gated } from './case.ts';
import { connectionOfList } from './connections.ts';
import { contactDetailsOf, contactFields } from './contact-input.ts';
import {
  ConsultingPartyKind,
  ContactChannel,
  ContactContent,
  NoteAudience,
  NoteVisibility,
  PersonContact,
} from './enums.ts';
import { caseRecordKey, localId } from './ids.ts';
import { compact, mutate, payloadType } from './mutations.ts';
import { PlannedContactInput } from './planned-contact-input.ts';
import { AgencyRef, CaseRef, ContactRef } from './refs.ts';

const ConsultingParty = builder.objectRef<ConsultingPartyRecord>('ConsultingParty').implement({
  description: 'Who consulted (相談者).',
  fields: (t) => ({
    kind: t.field({ type: ConsultingPartyKind, resolve: (p) => p.kind }),
    householdMemberId: t.id({
      nullable: true,
      resolve: (p) => (p.kind === 'householdMember' ? p.householdMemberId : null),
    }),
    agency: t.field({
      type: AgencyRef,
      nullable: true,
      resolve: (p, _a, ctx) => (p.kind === 'agency' ? ctx.loaders.agencies.load(p.agencyId) : null),
    }),
  }),
});

const ContactNote = builder.objectRef<VisibleContactNote>('ContactNote').implement({
  description: 'A note, or only the fact that one exists and why it is withheld (開示制限).',
  fields: (t) => ({
    visibility: t.field({ type: NoteVisibility, resolve: (n) => n.visibility }),
    text: t.exposeString('text', { nullable: true }),
    redacted: t.exposeBoolean('redacted'),
  }),
});

builder.node(ContactRef, {
  description: '相談・支援記録: one consultation or support activity.',
  id: { resolve: (c) => caseRecordKey(c.caseId, c.id) },
  // `nodes` resolves the abstract Node type by shape.
  isTypeOf: (v) => typeof v === 'object' && v !== null && 'consultingParty' in v && 'personContact' in v,
  loadOne: (key, ctx) =>
    caseRecordByKey(ctx, key, 'contacts', (v) => ctx.register.contacts.list(ctx.actor, v.record.id)),
  fields: (t) => ({
    case: t.field({ type: CaseRef, nullable: true, resolve: (c, _a, ctx) => caseOf(ctx, c.caseId) }),
    agency: t.field({
      type: AgencyRef,
      nullable: true,
      resolve: (c, _a, ctx) => ctx.loaders.agencies.load(c.agencyId),
    }),
    staffId: t.exposeID('staffId'),
    occurredOn: t.field({ type: 'Date', resolve: (c) => c.occurredOn }),
    channel: t.field({ type: ContactChannel, resolve: (c) => c.channel }),
    consultingParty: t.field({ type: ConsultingParty, resolve: (c) => c.consultingParty }),
    personContact: t.field({ type: PersonContact, resolve: (c) => c.personContact }),
    contents: t.field({ type: [ContactContent], resolve: (c) => [...c.contents] }),
    durationMinutes: t.exposeInt('durationMinutes', { nullable: true }),
    note: t.field({ type: ContactNote, nullable: true, resolve: (c) => c.note }),
    recordedAt: t.field({ type: 'DateTime', resolve: (c) => c.recordedAt }),
  }),
});

const ContactConnection = builder.connectionObject(
  { type: ContactRef, name: 'ContactConnection' },
  { name: 'ContactEdge' },
);
builder.objectFields(CaseRef, (t) => ({
  contacts: t.connection(
    {
      type: ContactRef,
      nullable: true,
      description:
        'Contacts, newest first. FAMILY or PERSON audience redacts walled notes for disclosure (開示).',
      args: { audience: t.arg({ type: NoteAudience, defaultValue: 'staff' }) },
      resolve: (v, args, ctx) =>
        gated(v, 'contacts', async () =>
          connectionOfList(
            await ctx.register.contacts.list(ctx.actor, v.record.id, args.audience ?? 'staff'),
            args,
            (c) => c.id,
          ),
        ),
    },
    ContactConnection,
  ),
  lastContact: t.field({
    type: ContactRef,
    nullable: true,
    resolve: (v, _a, ctx) => gated(v, 'contacts', () => ctx.loaders.lastContacts.load(v.record.id)),
  }),
}));

const RecordContactInput = builder.inputType('RecordContactInput', {
  fields: (t) => ({
    caseId: t.id({ required: true }),
    ...contactFields(t),
    nextContact: t.field({
      type: PlannedContactInput,
      description:
        "Sets the agency's planned next contact (次回支援予定) with the record, replacing the one before.",
    }),
  }),
});

const ContactPayload = payloadType<ReturnType<typeof showNote>>(
  'RecordContactPayload',
  'The recorded contact.',
  {
    contact: { type: ContactRef, pick: (c) => c },
  },
);

builder.mutationField('recordContact', (t) =>
  t.field({
    type: ContactPayload,
    description: '相談・支援記録の登録 by staff of an agency working on the case.',
    args: { input: t.arg({ type: RecordContactInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      mutate(ctx, async () => {
        const caseId = localId('Case', String(input.caseId), 'caseId');
        const { caseId: _c, nextContact, ...contact } = input;
        const details = contactDetailsOf(contact, '');
        return showNote(
          await ctx.register.contacts.record(ctx.actor, {
            ...details,
            caseId,
            ...(nextContact ? { nextContact: compact(nextContact) } : {}),
          }),
        );
      }),
  }),
);
