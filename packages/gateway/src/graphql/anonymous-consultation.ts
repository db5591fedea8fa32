import type { AnonymousConsultation } from '@hikikomori-register/core';
import { MUNICIPALITY_CODE_LENGTH } from '@hikikomori-register/core';
import { builder } from './builder.ts';
import { connectionOfList, dateRangeOf } from './connections.ts';
import { AgeBand, ConsultingPartyCategory, ContactChannel, ContactContent, Sex } from './enums.ts';
import { read } from './errors.ts';
import { maxFormat } from './max-length.ts';
import { mutate, payloadType } from './mutations.ts';
import { lookedUpRecord } from './nodes.ts';

const AnonymousConsultationRef = builder.objectRef<AnonymousConsultation>('AnonymousConsultation');
builder.node(AnonymousConsultationRef, {
  description:
    '匿名相談: a consultation without a case. Counted in 延べ件数, never in 実人数; no name, no free text.',
  id: { resolve: (c) => c.id },
  // As `anonymousConsultations` lists them: the actor's agency's, over every date.
  loadOne: (id, ctx) => lookedUpRecord(ctx.register.contacts.anonymousConsultation(ctx.actor, id)),
  fields: (t) => ({
    occurredOn: t.field({ type: 'Date', resolve: (c) => c.occurredOn }),
    channel: t.field({ type: ContactChannel, resolve: (c) => c.channel }),
    consultingParty: t.field({ type: ConsultingPartyCategory, resolve: (c) => c.consultingParty }),
    contents: t.field({ type: [ContactContent], resolve: (c) => [...c.contents] }),
    ageBand: t.field({ type: AgeBand, resolve: (c) => c.ageBand }),
    sex: t.field({ type: Sex, resolve: (c) => c.sex }),
    municipalityCode: t.string({ nullable: true, resolve: (c) => c.municipalityCode }),
    durationMinutes: t.int({ nullable: true, resolve: (c) => c.durationMinutes }),
    recordedAt: t.field({ type: 'DateTime', resolve: (c) => c.recordedAt }),
  }),
});

const AnonymousConsultationConnection = builder.connectionObject(
  { type: AnonymousConsultationRef, name: 'AnonymousConsultationConnection' },
  { name: 'AnonymousConsultationEdge' },
);

builder.queryField('anonymousConsultations', (t) =>
  t.connection(
    {
      type: AnonymousConsultationRef,
      description: "The actor's agency's anonymous consultations in [from, to], newest first.",
      args: { from: t.arg({ type: 'Date' }), to: t.arg({ type: 'Date' }) },
      resolve: (_root, args, ctx) =>
        read(async () =>
          connectionOfList(
            await ctx.register.contacts.listAnonymous(ctx.actor, dateRangeOf(args)),
            args,
            (c) => c.id,
          ),
        ),
    },
    AnonymousConsultationConnection,
  ),
);

const RecordAnonymousConsultationInput = builder.inputType('RecordAnonymousConsultationInput', {
  fields: (t) => ({
    occurredOn: t.field({ type: 'Date', required: true }),
    channel: t.field({ type: ContactChannel, required: true }),
    consultingParty: t.field({ type: ConsultingPartyCategory, required: true }),
    contents: t.field({ type: [ContactContent], required: true }),
    ageBand: t.field({ type: AgeBand, description: "The person's age band if told (default UNKNOWN)." }),
    sex: t.field({ type: Sex, description: 'Default UNKNOWN.' }),
    municipalityCode: t.string({
      ...maxFormat(MUNICIPALITY_CODE_LENGTH),
      description: 'Where the person lives, if told.',
    }),
    durationMinutes: t.int(),
  }),
});

const AnonymousConsultationPayload = payloadType<AnonymousConsultation>(
  'AnonymousConsultationPayload',
  'The consultation recorded.',
  { consultation: { type: AnonymousConsultationRef, pick: (c) => c } },
);

builder.mutationField('recordAnonymousConsultation', (t) =>
  t.field({
    type: AnonymousConsultationPayload,
    description: '匿名相談の記録, by a caseworker of the agency that took it.',
    args: { input: t.arg({ type: RecordAnonymousConsultationInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      mutate(ctx, () =>
        ctx.register.contacts.recordAnonymous(ctx.actor, {
          occurredOn: input.occurredOn,
          channel: input.channel,
          consultingParty: input.consultingParty,
          contents: input.contents,
          ...(input.ageBand ? { ageBand: input.ageBand } : {}),
          ...(input.sex ? { sex: input.sex } : {}),
          municipalityCode: input.municipalityCode ?? null,
          durationMinutes: input.durationMinutes ?? null,
        }),
      ),
  }),
);
