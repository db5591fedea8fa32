import { z } from 'zod';
import { findHouseholdMember, type HouseholdMember } from '../persons/household.ts';
import { type CalendarDate, calendarDateOf, calendarDateSchema } from '../shared/dates.ts';
import { parseInput, ValidationError, type ValidationIssue } from '../shared/errors.ts';
import type { AgencyId, CaseId, ContactId, StaffId } from '../shared/ids.ts';
import { TEXT_MAX_LENGTH, text } from '../shared/text.ts';
import { type ConsultingParty, consultingPartySchema } from './consulting-party.ts';
import {
  ATTEMPT_CHANNELS,
  type ContactChannel,
  type ContactContent,
  type ContactNoteVisibility,
  contactChannelSchema,
  contactContentSchema,
  contactNoteVisibilitySchema,
  type PersonContact,
  personContactSchema,
} from './contact-vocabulary.ts';

/** 記録本文 with its disclosure restriction. Text is never empty: no note is `null`. */
export interface ContactNote {
  readonly text: string;
  readonly visibility: ContactNoteVisibility;
}

/**
 * 相談・支援記録: one consultation or support activity in a case. `personContact` records whether the
 * person themself was reached — the stages module needs the first such day.
 */
export interface Contact {
  readonly id: ContactId;
  readonly caseId: CaseId;
  /** The agency that held the contact and owns the record. */
  readonly agencyId: AgencyId;
  /** The worker who held it. */
  readonly staffId: StaffId;
  readonly occurredOn: CalendarDate;
  readonly channel: ContactChannel;
  readonly consultingParty: ConsultingParty;
  readonly personContact: PersonContact;
  /** At least one, no duplicates, in the order given. */
  readonly contents: readonly ContactContent[];
  readonly durationMinutes: number | null;
  readonly note: ContactNote | null;
  /** When the record was first written (may be days after `occurredOn`). */
  readonly recordedAt: Date;
  /** Starts at 1; +1 on every correction (訂正・取消). */
  readonly version: number;
  /** Set when the record was voided (取消): it stays readable but counts nowhere. */
  readonly voided: ContactVoid | null;
}

/** 取消: who voided a contact record, when and why. */
export interface ContactVoid {
  readonly reason: string;
  readonly staffId: StaffId;
  readonly agencyId: AgencyId;
  readonly at: Date;
}

export const CONTACT_NOTE_MAX_LENGTH = TEXT_MAX_LENGTH.note;
export const CONTACT_MAX_DURATION_MINUTES = 24 * 60;

export const contactNoteInputSchema = z.object({
  text: text('note'),
  visibility: contactNoteVisibilitySchema.default('normal'),
});

/**
 * Input for a new contact. Rules beyond field shapes:
 *  - `contents`: at least one, each at most once (`contents_unique`, on the repeated entry);
 *  - the person as consulting party means the person was reached (`person_consulting_requires_reached`);
 *  - `attempted` only on channels where reaching out can fail unseen (`attempted_channel`, see
 *    `ATTEMPT_CHANNELS`);
 *  - in `recordContact`: a household member consulting party is in the household
 *    (`household_member_in_household`) and `occurredOn` is not after today (`not_in_future`).
 */
export const recordContactInputSchema = z
  .object({
    caseId: text('id'),
    agencyId: text('id'),
    staffId: text('id'),
    occurredOn: calendarDateSchema,
    channel: contactChannelSchema,
    consultingParty: consultingPartySchema,
    personContact: personContactSchema,
    contents: z.array(contactContentSchema).min(1),
    durationMinutes: z.number().int().positive().max(CONTACT_MAX_DURATION_MINUTES).nullish(),
    note: contactNoteInputSchema.nullish(),
  })
  .superRefine((v, ctx) => {
    const seen = new Set<ContactContent>();
    v.contents.forEach((content, i) => {
      if (seen.has(content))
        ctx.addIssue({
          code: 'custom',
          path: ['contents', i],
          message: `content ${content} is listed twice`,
          params: { rule: 'contents_unique' },
        });
      seen.add(content);
    });
    if (v.consultingParty.kind === 'person' && v.personContact !== 'reached')
      ctx.addIssue({
        code: 'custom',
        path: ['personContact'],
        message: 'when the person consulted, the person was reached',
        params: { rule: 'person_consulting_requires_reached' },
      });
    if (v.personContact === 'attempted' && !ATTEMPT_CHANNELS.includes(v.channel))
      ctx.addIssue({
        code: 'custom',
        path: ['personContact'],
        message: `an attempt to reach the person is not recorded on channel ${v.channel}`,
        params: { rule: 'attempted_channel' },
      });
  });
export type RecordContactInput = z.input<typeof recordContactInputSchema>;

export interface RecordContactContext {
  /** The instant of recording (`recordedAt`). */
  readonly now: Date;
  /** Today's calendar date; defaults to `now` in Japan time. */
  readonly today?: CalendarDate;
  /** The household of the case's person, to check a household-member consulting party. */
  readonly household: readonly HouseholdMember[];
}

/** Validates and builds a new contact record; `id` is chosen by the caller. */
export function recordContact(id: ContactId, input: RecordContactInput, ctx: RecordContactContext): Contact {
  const parsed = parseInput(recordContactInputSchema, input);
  const today = ctx.today ?? calendarDateOf(ctx.now);
  const issues: ValidationIssue[] = [];
  if (parsed.occurredOn > today)
    issues.push({
      field: 'occurredOn',
      rule: 'not_in_future',
      message: `contact date is after today (${today})`,
    });
  const party = parsed.consultingParty;
  if (party.kind === 'householdMember' && !findHouseholdMember(ctx.household, party.householdMemberId))
    issues.push({
      field: 'consultingParty.householdMemberId',
      rule: 'household_member_in_household',
      message: `household member ${party.householdMemberId} is not in the person's household`,
    });
  if (issues.length > 0) throw new ValidationError(issues);

  return {
    id,
    caseId: parsed.caseId,
    agencyId: parsed.agencyId,
    staffId: parsed.staffId,
    occurredOn: parsed.occurredOn,
    channel: parsed.channel,
    consultingParty: party,
    personContact: parsed.personContact,
    contents: parsed.contents,
    durationMinutes: parsed.durationMinutes ?? null,
    note: parsed.note ?? null,
    recordedAt: ctx.now,
    version: 1,
    voided: null,
  };
}
