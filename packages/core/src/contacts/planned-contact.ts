import { z } from 'zod';
import { type CalendarDate, calendarDateSchema } from '../shared/dates.ts';
import { parseInput, ValidationError } from '../shared/errors.ts';
import type { AgencyId, CaseId, StaffId } from '../shared/ids.ts';
import { text } from '../shared/text.ts';
import { type ContactChannel, contactChannelSchema } from './contact-vocabulary.ts';

/**
 * 次回支援予定: when an agency next means to contact a case. Each setting is an append-only entry;
 * the agency's plan for the case is its latest entry, and an entry without a date clears it. Older
 * entries stay as the history of what was planned.
 */
export interface PlannedContact {
  readonly id: string;
  readonly caseId: CaseId;
  /** The agency whose plan it is (each supporting agency plans its own contacts). */
  readonly agencyId: AgencyId;
  /** Who set it. */
  readonly staffId: StaffId;
  /** 次回支援予定日; null clears the plan. */
  readonly plannedOn: CalendarDate | null;
  readonly channel: ContactChannel | null;
  /** A short label for the planned contact (e.g. 「母親と面談」). */
  readonly note: string | null;
  readonly recordedAt: Date;
  /** Counts from 1 per case (all agencies): (caseId, sequence) is unique, so two writers cannot both append n. */
  readonly sequence: number;
}

/**
 * A planned contact as staff give it: the date, not before today (`not_in_past`), optionally a
 * channel and a short note held to the text rule (a name-length label).
 */
export const planNextContactInputSchema = z.object({
  plannedOn: calendarDateSchema,
  channel: contactChannelSchema.nullish(),
  note: text('name').nullish(),
});
export type PlanNextContactInput = z.input<typeof planNextContactInputSchema>;

export interface PlannedContactContext {
  readonly id: string;
  readonly caseId: CaseId;
  readonly agencyId: AgencyId;
  readonly staffId: StaffId;
  readonly now: Date;
  readonly today: CalendarDate;
  /** The case's next sequence number. */
  readonly sequence: number;
}

/** Validates a new plan of the agency for the case. */
export function planNextContact(input: PlanNextContactInput, ctx: PlannedContactContext): PlannedContact {
  const parsed = parseInput(planNextContactInputSchema, input);
  if (parsed.plannedOn < ctx.today)
    throw new ValidationError([
      {
        field: 'plannedOn',
        rule: 'not_in_past',
        message: `the next contact is planned before today (${ctx.today})`,
      },
    ]);
  return {
    id: ctx.id,
    caseId: ctx.caseId,
    agencyId: ctx.agencyId,
    staffId: ctx.staffId,
    plannedOn: parsed.plannedOn,
    channel: parsed.channel ?? null,
    note: parsed.note ?? null,
    recordedAt: ctx.now,
    sequence: ctx.sequence,
  };
}

/** The entry that clears the agency's plan for the case. */
export function clearNextContact(ctx: PlannedContactContext): PlannedContact {
  const { now, today: _today, ...entry } = ctx;
  return { ...entry, plannedOn: null, channel: null, note: null, recordedAt: now };
}

/** The plan in force: the latest entry, unless it cleared the plan. */
export function currentPlannedContact(entries: readonly PlannedContact[]): PlannedContact | null {
  const latest = [...entries].sort(comparePlannedContacts).at(-1);
  return latest?.plannedOn ? latest : null;
}

/** Oldest first: by the case's sequence. */
export function comparePlannedContacts(a: PlannedContact, b: PlannedContact): number {
  return a.sequence - b.sequence;
}
