import { z } from 'zod';
import { type MunicipalityCode, municipalityCodeSchema } from '../municipality/municipality-code.ts';
import { type AgeBand, ageBandSchema } from '../persons/age-band.ts';
import { type Sex, sexSchema } from '../persons/person.ts';
import type { Actor } from '../shared/actor.ts';
import { type CalendarDate, calendarDateSchema } from '../shared/dates.ts';
import { PreconditionError, parseInput } from '../shared/errors.ts';
import type { AgencyId } from '../shared/ids.ts';
import { type ConsultingPartyCategory, consultingPartyCategorySchema } from './consulting-party.ts';
import { CONTACT_MAX_DURATION_MINUTES } from './contact.ts';
import {
  type ContactChannel,
  type ContactContent,
  contactChannelSchema,
  contactContentSchema,
} from './contact-vocabulary.ts';

export type AnonymousConsultationId = string;

/**
 * 匿名相談: a consultation by phone, visit or mail from someone who does not (yet) want a case opened.
 * Only what the indicators count is kept (no name, no free text): it is never linked to a person, so it
 * counts in 延べ件数 and never in 実人数.
 */
export interface AnonymousConsultation {
  readonly id: AnonymousConsultationId;
  /** The agency that took it. */
  readonly agencyId: AgencyId;
  readonly occurredOn: CalendarDate;
  readonly channel: ContactChannel;
  /** Who consulted (本人・親・きょうだい・…), as they said. */
  readonly consultingParty: ConsultingPartyCategory;
  readonly contents: readonly ContactContent[];
  /** The person's age band if told (counted by the person's age even when a parent called). */
  readonly ageBand: AgeBand;
  readonly sex: Sex;
  /** Where the person lives, if told. */
  readonly municipalityCode: MunicipalityCode | null;
  readonly durationMinutes: number | null;
  readonly recordedBy: Actor;
  readonly recordedAt: Date;
}

export const anonymousConsultationInputSchema = z.object({
  occurredOn: calendarDateSchema,
  channel: contactChannelSchema,
  consultingParty: consultingPartyCategorySchema,
  contents: z
    .array(contactContentSchema)
    .min(1)
    .transform((c) => [...new Set(c)]),
  ageBand: ageBandSchema.default('unknown'),
  sex: sexSchema.default('unknown'),
  municipalityCode: municipalityCodeSchema.nullish().transform((v) => v ?? null),
  durationMinutes: z
    .number()
    .int()
    .positive()
    .max(CONTACT_MAX_DURATION_MINUTES)
    .nullish()
    .transform((v) => v ?? null),
});
export type AnonymousConsultationInput = z.input<typeof anonymousConsultationInputSchema>;

/** Records a consultation taken by the actor's agency; not dated after today. */
export function recordAnonymousConsultation(
  id: AnonymousConsultationId,
  input: AnonymousConsultationInput,
  ctx: { readonly actor: Actor; readonly now: Date; readonly today: CalendarDate },
): AnonymousConsultation {
  if (!id) throw new PreconditionError('id_given', 'a new consultation needs an id', 'id');
  const parsed = parseInput(anonymousConsultationInputSchema, input);
  if (parsed.occurredOn > ctx.today)
    throw new PreconditionError(
      'occurred_not_in_future',
      `${parsed.occurredOn} is after today (${ctx.today})`,
      'occurredOn',
    );
  return {
    id,
    agencyId: ctx.actor.agencyId,
    ...parsed,
    recordedBy: ctx.actor,
    recordedAt: ctx.now,
  };
}
