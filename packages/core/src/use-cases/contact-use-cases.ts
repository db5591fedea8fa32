import { canCorrectRecord, type NoteAudience, noteVisibleTo } from '../access/access-rules.ts';
import {
  type AnonymousConsultation,
  type AnonymousConsultationId,
  type AnonymousConsultationInput,
  recordAnonymousConsultation,
} from '../contacts/anonymous-consultation.ts';
import { type Contact, type RecordContactInput, recordContact } from '../contacts/contact.ts';
import {
  type AmendContactInput,
  amendContact,
  type CorrectContactContext,
  type CorrectedContact,
  type VoidContactInput,
  voidContact,
} from '../contacts/contact-correction.ts';
import type { ContactNoteVisibility } from '../contacts/contact-vocabulary.ts';
import {
  clearNextContact,
  comparePlannedContacts,
  currentPlannedContact,
  type PlanNextContactInput,
  type PlannedContact,
  planNextContact,
} from '../contacts/planned-contact.ts';
import {
  toVisibleContact,
  toVisibleCorrection,
  type VisibleContact,
  type VisibleContactCorrection,
} from '../contacts/redact.ts';
import type { Actor } from '../shared/actor.ts';
import type { CalendarDate } from '../shared/dates.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../shared/errors.ts';
import type { CaseId, ContactId } from '../shared/ids.ts';
import { notAccessible, readCase, writeCase } from './case-access.ts';
import { type UseCaseRunner, type UseCaseScope, underField } from './context.ts';

/**
 * Contact input as staff give it: the agency and worker are the actor's. `nextContact` sets the
 * agency's next planned contact (次回支援予定) with the record, in the same transaction.
 */
export type RecordContactRequest = Omit<RecordContactInput, 'agencyId' | 'staffId'> & {
  readonly nextContact?: PlanNextContactInput | null;
};

const CASEWORK = ['staff', 'supervisor'];

/** A contact as listed: its visible form with its corrections (訂正・取消), oldest first. */
export type ListedContact = VisibleContact & { readonly corrections: readonly VisibleContactCorrection[] };

/** The contact a correction names (its case is logged too, by the write of the case). */
const contactTarget = (contactId: ContactId) => ({ entity: 'contact', entityId: contactId, caseId: null });

/** The agency's planned-contact entry for the case (validated; a write of the case, checked by the caller). */
function plannedEntry(
  s: UseCaseScope,
  caseId: CaseId,
  input: PlanNextContactInput | null,
  sequence: number,
): PlannedContact {
  const ctx = {
    sequence,
    id: s.newId(),
    caseId,
    agencyId: s.actor.agencyId,
    staffId: s.actor.staffId,
    now: s.now,
    today: s.today,
  };
  return input ? planNextContact(input, ctx) : clearNextContact(ctx);
}

async function nextPlannedSequence(s: UseCaseScope, caseId: CaseId): Promise<number> {
  return (await s.repos.plannedContacts.ofCase(caseId)).length + 1;
}

async function savePlannedContact(s: UseCaseScope, entry: PlannedContact): Promise<PlannedContact> {
  await s.repos.plannedContacts.append(entry);
  s.touched({ entity: 'plannedContact', entityId: entry.id, caseId: entry.caseId });
  return entry;
}

/**
 * A correction of a contact: loaded for writing its case, refused unless the actor's agency wrote the
 * record, checked against the case's opening day, stored with its correction, audited.
 */
async function correct(
  s: UseCaseScope,
  contactId: ContactId,
  change: (contact: Contact, ctx: CorrectContactContext) => CorrectedContact,
): Promise<CorrectedContact> {
  const contact = await s.repos.contacts.get(contactId);
  if (!contact) throw notAccessible('case_write');
  const record = await writeCase(s, contact.caseId);
  if (!canCorrectRecord(s.actor, contact, record))
    throw new ForbiddenError('record_correct', 'only the agency that wrote a record corrects it');
  const person = await s.repos.persons.get(record.personId);
  const corrected = change(contact, {
    actor: s.actor,
    now: s.now,
    today: s.today,
    household: person?.household ?? [],
    correctionId: s.newId(),
  });
  if (corrected.contact.occurredOn < record.openedOn)
    throw new ValidationError([
      {
        field: 'occurredOn',
        rule: 'not_before_case_opened',
        message: `the case was opened on ${record.openedOn}`,
      },
    ]);
  await s.repos.contacts.update(corrected.contact);
  await s.repos.contacts.appendCorrection(corrected.correction);
  return corrected;
}

export function contactUseCases(runner: UseCaseRunner) {
  return {
    /** 匿名相談の記録: a consultation without a case, by a caseworker of the agency that took it. */
    recordAnonymous(actor: Actor, input: AnonymousConsultationInput): Promise<AnonymousConsultation> {
      const id = runner.newId();
      return runner.run(
        actor,
        'anonymousConsultation.record',
        { entity: 'anonymousConsultation', entityId: id, caseId: null },
        async (s) => {
          if (!CASEWORK.includes(actor.role))
            throw new ForbiddenError('consultation_casework', 'only caseworkers may record a consultation');
          const consultation = recordAnonymousConsultation(id, input, { actor, now: s.now, today: s.today });
          await s.repos.anonymousConsultations.insert(consultation);
          return consultation;
        },
      );
    },

    /** The agency's anonymous consultations in [from, to], newest first. */
    listAnonymous(
      actor: Actor,
      range: { readonly from?: CalendarDate; readonly to?: CalendarDate } = {},
    ): Promise<readonly AnonymousConsultation[]> {
      return runner.run(actor, 'anonymousConsultation.list', null, async (s) => {
        if (!CASEWORK.includes(actor.role) && actor.role !== 'auditor')
          throw new ForbiddenError('consultation_casework', 'only caseworkers may list consultations');
        return s.repos.anonymousConsultations.list(actor.agencyId, range);
      });
    },

    /** One of the agency's anonymous consultations, under the same rule as `listAnonymous`. */
    anonymousConsultation(actor: Actor, id: AnonymousConsultationId): Promise<AnonymousConsultation> {
      return runner.run(actor, 'anonymousConsultation.list', null, async (s) => {
        if (!CASEWORK.includes(actor.role) && actor.role !== 'auditor')
          throw new ForbiddenError('consultation_casework', 'only caseworkers may list consultations');
        const consultation = await s.repos.anonymousConsultations.get(id);
        if (!consultation || consultation.agencyId !== actor.agencyId)
          throw new NotFoundError('anonymousConsultation', id);
        return consultation;
      });
    },

    /** 相談・支援記録の登録. */
    record(actor: Actor, input: RecordContactRequest): Promise<Contact> {
      const caseId = String(input.caseId ?? '');
      return runner.run(actor, 'contact.record', { entity: 'case', entityId: caseId, caseId }, async (s) => {
        const record = await writeCase(s, caseId);
        const person = await s.repos.persons.get(record.personId);
        if (!person) throw new ForbiddenError('case_write', 'case not found or not accessible');
        const { nextContact, ...fields } = input;
        const contact = recordContact(
          s.newId(),
          { ...fields, agencyId: actor.agencyId, staffId: actor.staffId },
          { now: s.now, today: s.today, household: person.household },
        );
        if (contact.occurredOn < record.openedOn)
          throw new ValidationError([
            {
              field: 'occurredOn',
              rule: 'not_before_case_opened',
              message: `the case was opened on ${record.openedOn}`,
            },
          ]);
        await s.repos.contacts.insert(contact);
        s.touched({ entity: 'contact', entityId: contact.id, caseId });
        if (nextContact) {
          const sequence = await nextPlannedSequence(s, caseId);
          await savePlannedContact(
            s,
            underField('nextContact', () => plannedEntry(s, caseId, nextContact, sequence)),
          );
        }
        return contact;
      });
    },

    /** 次回支援予定の登録: replaces the agency's planned contact for the case (earlier ones stay as history). */
    planNext(actor: Actor, caseId: CaseId, input: PlanNextContactInput): Promise<PlannedContact> {
      return runner.run(
        actor,
        'contact.planNext',
        { entity: 'case', entityId: caseId, caseId },
        async (s) => {
          await writeCase(s, caseId);
          return savePlannedContact(s, plannedEntry(s, caseId, input, await nextPlannedSequence(s, caseId)));
        },
      );
    },

    /** Clears the agency's planned contact for the case (the clearing is kept in the history). */
    clearNext(actor: Actor, caseId: CaseId): Promise<void> {
      return runner.run(
        actor,
        'contact.clearNext',
        { entity: 'case', entityId: caseId, caseId },
        async (s) => {
          await writeCase(s, caseId);
          await savePlannedContact(s, plannedEntry(s, caseId, null, await nextPlannedSequence(s, caseId)));
        },
      );
    },

    /**
     * The planned contacts of the case for readers of its contacts: each agency's plan in force
     * (`current`) and every entry, oldest first (`history`).
     */
    plannedOfCase(
      actor: Actor,
      caseId: CaseId,
    ): Promise<{ readonly current: readonly PlannedContact[]; readonly history: readonly PlannedContact[] }> {
      return runner.read(
        actor,
        'contact.planned.read',
        { entity: 'case', entityId: caseId, caseId },
        async (s) => {
          await readCase(s, caseId, 'contacts');
          const history = [...(await s.repos.plannedContacts.ofCase(caseId))].sort(comparePlannedContacts);
          const agencies = [...new Set(history.map((e) => e.agencyId))];
          const current = agencies.flatMap((agencyId) => {
            const plan = currentPlannedContact(history.filter((e) => e.agencyId === agencyId));
            return plan ? [plan] : [];
          });
          return { current, history };
        },
      );
    },

    /**
     * A case's contacts, newest first. Staff who may read contacts see every note; when the list is
     * prepared for disclosure (開示) to the family or the person, walled notes are redacted.
     */
    list(actor: Actor, caseId: CaseId, audience: NoteAudience = 'staff'): Promise<readonly ListedContact[]> {
      return runner.run(actor, 'contact.list', { entity: 'case', entityId: caseId, caseId }, async (s) => {
        const view = await readCase(s, caseId, 'contacts');
        const [contacts, corrections] = await Promise.all([
          s.repos.contacts.listByCase(caseId),
          s.repos.contacts.correctionsByCase(caseId),
        ]);
        const mayRead = (visibility: ContactNoteVisibility) =>
          view.readableSections.includes('contacts') && noteVisibleTo(visibility, audience);
        return contacts.map((c) => ({
          ...toVisibleContact(c, mayRead),
          corrections: corrections
            .filter((k) => k.contactId === c.id)
            .map((k) => toVisibleCorrection(k, mayRead)),
        }));
      });
    },

    /** 訂正: a new version of the record with the reason; the earlier version stays readable. */
    amend(actor: Actor, contactId: ContactId, input: AmendContactInput): Promise<CorrectedContact> {
      return runner.run(actor, 'contact.amend', contactTarget(contactId), (s) =>
        correct(s, contactId, (contact, ctx) => amendContact(contact, input, ctx)),
      );
    },

    /** 取消: the record stays readable with the reason, and counts nowhere. */
    void(actor: Actor, contactId: ContactId, input: VoidContactInput): Promise<CorrectedContact> {
      return runner.run(actor, 'contact.void', contactTarget(contactId), (s) =>
        correct(s, contactId, (contact, ctx) => voidContact(contact, input, ctx)),
      );
    },
  };
}
