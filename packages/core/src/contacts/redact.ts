import type { Contact } from './contact.ts';
import type { ContactCorrection, ContactVersionFields } from './contact-correction.ts';
import type { ContactNoteVisibility } from './contact-vocabulary.ts';

/**
 * A note as shown to someone: the text, or only the fact that a note exists and its restriction
 * (so a reader knows something is withheld, and why).
 */
export type VisibleContactNote =
  | { readonly visibility: ContactNoteVisibility; readonly text: string; readonly redacted: false }
  | { readonly visibility: ContactNoteVisibility; readonly text: null; readonly redacted: true };

/** A contact as shown to a reader: the same record with the note in its visible form. */
export type VisibleContact = Omit<Contact, 'note'> & { readonly note: VisibleContactNote | null };

/** The contact with its note text removed (a contact without a note stays without one). */
export function redactNote(contact: Contact): VisibleContact {
  return {
    ...contact,
    note: contact.note ? { visibility: contact.note.visibility, text: null, redacted: true } : null,
  };
}

/** The contact with its note shown in full, in the same shape as a redacted one. */
export function showNote(contact: Contact): VisibleContact {
  return {
    ...contact,
    note: contact.note
      ? { visibility: contact.note.visibility, text: contact.note.text, redacted: false }
      : null,
  };
}

/**
 * Shows or redacts the note by a decision the caller makes (the access module's rule, e.g.
 * `(v) => noteVisibleTo(v, 'family')`); this module does not decide who sees what.
 */
export function toVisibleContact(
  contact: Contact,
  mayReadNote: (visibility: ContactNoteVisibility) => boolean,
): VisibleContact {
  return contact.note && mayReadNote(contact.note.visibility) ? showNote(contact) : redactNote(contact);
}

/** A correction as shown to a reader: the earlier version's note under the same wall as any note. */
export type VisibleContactCorrection = Omit<ContactCorrection, 'previous'> & {
  readonly previous: Omit<ContactVersionFields, 'note'> & { readonly note: VisibleContactNote | null };
};

export function toVisibleCorrection(
  correction: ContactCorrection,
  mayReadNote: (visibility: ContactNoteVisibility) => boolean,
): VisibleContactCorrection {
  const note = correction.previous.note;
  return {
    ...correction,
    previous: {
      ...correction.previous,
      note: note
        ? mayReadNote(note.visibility)
          ? { visibility: note.visibility, text: note.text, redacted: false }
          : { visibility: note.visibility, text: null, redacted: true }
        : null,
    },
  };
}
