import { type NoteAudience, noteVisibleTo } from '../access/access-rules.ts';
import {
  type AnonymousConsultation,
  type AnonymousConsultationInput,
  recordAnonymousConsultation,
} from '../contacts/anonymous-consultation.ts';
import { type Contact, type RecordContactInput, recordContact } from '../contacts/contact.ts';
import { toVisibleContact, type VisibleContact } from '../contacts/redact.ts';
import type { Actor } from '../shared/actor.ts';
import type { CalendarDate } from '../shared/dates.ts';
import { ForbiddenError, ValidationError } from '../shared/errors.ts';
import type { CaseId } from '../shared/ids.ts';
import { readCase, writeCase } from './case-access.ts';
import type { UseCaseRunner } from './context.ts';

/** Contact input as staff give it: the agency and worker are the actor's. */
export type RecordContactRequest = Omit<RecordContactInput, 'agencyId' | 'staffId'>;

const CASEWORK = ['staff', 'supervisor'];

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

    /** 相談・支援記録の登録. */
    record(actor: Actor, input: RecordContactRequest): Promise<Contact> {
      const caseId = String(input.caseId ?? '');
      return runner.run(actor, 'contact.record', { entity: 'case', entityId: caseId, caseId }, async (s) => {
        const record = await writeCase(s, caseId);
        const person = await s.repos.persons.get(record.personId);
        if (!person) throw new ForbiddenError('case_write', 'case not found or not accessible');
        const contact = recordContact(
          s.newId(),
          { ...input, agencyId: actor.agencyId, staffId: actor.staffId },
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
        return contact;
      });
    },

    /**
     * A case's contacts, newest first. Staff who may read contacts see every note; when the list is
     * prepared for disclosure (開示) to the family or the person, walled notes are redacted.
     */
    list(actor: Actor, caseId: CaseId, audience: NoteAudience = 'staff'): Promise<readonly VisibleContact[]> {
      return runner.run(actor, 'contact.list', { entity: 'case', entityId: caseId, caseId }, async (s) => {
        const view = await readCase(s, caseId, 'contacts');
        const contacts = await s.repos.contacts.listByCase(caseId);
        return contacts.map((c) =>
          toVisibleContact(
            c,
            (visibility) => view.readableSections.includes('contacts') && noteVisibleTo(visibility, audience),
          ),
        );
      });
    },
  };
}
