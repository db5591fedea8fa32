import { z } from 'zod';
import type { HouseholdMember } from '../persons/household.ts';
import type { Actor } from '../shared/actor.ts';
import type { CalendarDate } from '../shared/dates.ts';
import { PreconditionError, parseInput, ValidationError, VersionConflictError } from '../shared/errors.ts';
import type { CaseId, ContactId } from '../shared/ids.ts';
import { TEXT_MAX_LENGTH, withTextRule } from '../shared/text.ts';
import { type Contact, type RecordContactInput, recordContact } from './contact.ts';

/** The fields a correction may change, and that a correction keeps as they were before. */
export type ContactVersionFields = Pick<
  Contact,
  'occurredOn' | 'channel' | 'consultingParty' | 'personContact' | 'contents' | 'durationMinutes' | 'note'
>;

export const ContactCorrectionKind = {
  Amended: 'amended', // 訂正
  Voided: 'voided', // 取消
} as const;
export type ContactCorrectionKind = (typeof ContactCorrectionKind)[keyof typeof ContactCorrectionKind];

export const CONTACT_CORRECTION_KIND_LABELS_JA: Readonly<Record<ContactCorrectionKind, string>> = {
  amended: '訂正',
  voided: '取消',
};

/**
 * 訂正・取消の履歴: one correction of a contact record, append-only. `previous` is the record as it
 * stood before, so every earlier version stays readable; `sequence` is the version the correction
 * produced (2 for the first).
 */
export interface ContactCorrection {
  readonly id: string;
  readonly contactId: ContactId;
  readonly caseId: CaseId;
  readonly sequence: number;
  readonly kind: ContactCorrectionKind;
  readonly reason: string;
  readonly previous: ContactVersionFields;
  readonly staffId: string;
  readonly agencyId: string;
  readonly correctedAt: Date;
}

export const CORRECTION_REASON_MAX_LENGTH = TEXT_MAX_LENGTH.shortText;

const reasonSchema = withTextRule(
  z.string().trim().min(1, { message: 'a correction needs its reason' }).max(CORRECTION_REASON_MAX_LENGTH),
);

const correctionBase = { expectedVersion: z.number().int().min(1), reason: reasonSchema };

export const voidContactInputSchema = z.object(correctionBase);
export type VoidContactInput = z.input<typeof voidContactInputSchema>;

/**
 * 訂正 input: the version read, the reason, and the fields to change. Fields not given stay as they
 * are; `durationMinutes` and `note` are cleared with null.
 */
export type AmendContactInput = VoidContactInput &
  Partial<
    Pick<
      RecordContactInput,
      'occurredOn' | 'channel' | 'consultingParty' | 'personContact' | 'contents' | 'durationMinutes' | 'note'
    >
  >;

export interface CorrectContactContext {
  readonly actor: Actor;
  readonly now: Date;
  readonly today?: CalendarDate;
  /** The household of the case's person (a household-member consulting party must be in it). */
  readonly household: readonly HouseholdMember[];
  readonly correctionId: string;
}

export interface CorrectedContact {
  readonly contact: Contact;
  readonly correction: ContactCorrection;
}

const versionFieldsOf = (c: Contact): ContactVersionFields => ({
  occurredOn: c.occurredOn,
  channel: c.channel,
  consultingParty: c.consultingParty,
  personContact: c.personContact,
  contents: c.contents,
  durationMinutes: c.durationMinutes,
  note: c.note,
});

function assertCorrectable(contact: Contact, expectedVersion: number): void {
  if (contact.voided)
    throw new PreconditionError('contact_voided', `contact ${contact.id} was voided; it cannot change`);
  if (contact.version !== expectedVersion)
    throw new VersionConflictError('contact', contact.id, expectedVersion, contact.version);
}

function correctionOf(
  contact: Contact,
  kind: ContactCorrectionKind,
  reason: string,
  ctx: CorrectContactContext,
): ContactCorrection {
  return {
    id: ctx.correctionId,
    contactId: contact.id,
    caseId: contact.caseId,
    sequence: contact.version + 1,
    kind,
    reason,
    previous: versionFieldsOf(contact),
    staffId: ctx.actor.staffId,
    agencyId: ctx.actor.agencyId,
    correctedAt: ctx.now,
  };
}

/**
 * 訂正: a new version of the record, validated as a new record would be (same rules, same field
 * names), with the reason; the previous version goes into the correction. Refused for a voided record
 * (`contact_voided`), a stale version, and a change that changes nothing (`no_change`).
 */
export function amendContact(
  contact: Contact,
  input: AmendContactInput,
  ctx: CorrectContactContext,
): CorrectedContact {
  const { expectedVersion: _v, reason: _r, ...changes } = input;
  const { expectedVersion, reason } = parseInput(voidContactInputSchema, input);
  assertCorrectable(contact, expectedVersion);
  const given = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
  const merged = {
    caseId: contact.caseId,
    agencyId: contact.agencyId,
    staffId: contact.staffId,
    ...versionFieldsOf(contact),
    ...given,
  } as RecordContactInput;
  const revised = recordContact(contact.id, merged, {
    now: ctx.now,
    today: ctx.today,
    household: ctx.household,
  });
  if (JSON.stringify(versionFieldsOf(revised)) === JSON.stringify(versionFieldsOf(contact)))
    throw new ValidationError([{ field: '', rule: 'no_change', message: 'the correction changes nothing' }]);
  return {
    contact: { ...revised, recordedAt: contact.recordedAt, version: contact.version + 1, voided: null },
    correction: correctionOf(contact, 'amended', reason, ctx),
  };
}

/** 取消: the record stays (readable, with the reason) but counts nowhere: not in indicators, not as a reach. */
export function voidContact(
  contact: Contact,
  input: VoidContactInput,
  ctx: CorrectContactContext,
): CorrectedContact {
  const { expectedVersion, reason } = parseInput(voidContactInputSchema, input);
  assertCorrectable(contact, expectedVersion);
  return {
    contact: {
      ...contact,
      version: contact.version + 1,
      voided: { reason, staffId: ctx.actor.staffId, agencyId: ctx.actor.agencyId, at: ctx.now },
    },
    correction: correctionOf(contact, 'voided', reason, ctx),
  };
}
