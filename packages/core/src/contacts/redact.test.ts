import { describe, expect, it } from 'vitest';
import { type NoteAudience, noteVisibleTo } from '../access/access-rules.ts';
import type { Contact } from './contact.ts';
import type { ContactNoteVisibility } from './contact-vocabulary.ts';
import { redactNote, showNote, toVisibleContact } from './redact.ts';

function contact(visibility: ContactNoteVisibility | null): Contact {
  return {
    id: 'ct-1',
    caseId: 'case-1',
    agencyId: 'desk-tsu',
    staffId: 'staff-1',
    occurredOn: '2024-06-01',
    channel: 'homeVisit',
    consultingParty: { kind: 'householdMember', householdMemberId: 'hm-mother' },
    personContact: 'attempted',
    contents: ['visit'],
    durationMinutes: 45,
    note: visibility === null ? null : { text: '本人は父の飲酒について話したがっている', visibility },
    recordedAt: new Date('2024-06-01T09:00:00Z'),
    version: 1,
    voided: null,
  };
}

const forAudience = (audience: NoteAudience) => (v: ContactNoteVisibility) => noteVisibleTo(v, audience);

describe('note redaction', () => {
  it('redactNote keeps the record and the wall, drops only the text', () => {
    const original = contact('notForFamily');
    const visible = redactNote(original);
    expect(visible.note).toEqual({ visibility: 'notForFamily', text: null, redacted: true });
    const { note: _a, ...rest } = visible;
    const { note: _b, ...originalRest } = original;
    expect(rest).toEqual(originalRest);
    expect(original.note?.text).toBe('本人は父の飲酒について話したがっている'); // not mutated
  });

  it('showNote gives the text in the same shape', () => {
    expect(showNote(contact('normal')).note).toEqual({
      visibility: 'normal',
      text: '本人は父の飲酒について話したがっている',
      redacted: false,
    });
  });

  it('a contact without a note stays without one either way', () => {
    expect(redactNote(contact(null)).note).toBeNull();
    expect(showNote(contact(null)).note).toBeNull();
    expect(toVisibleContact(contact(null), () => true).note).toBeNull();
    expect(toVisibleContact(contact(null), () => false).note).toBeNull();
  });

  it('passes the note visibility to the caller decision', () => {
    const seen: ContactNoteVisibility[] = [];
    toVisibleContact(contact('notForPerson'), (v) => {
      seen.push(v);
      return true;
    });
    expect(seen).toEqual(['notForPerson']);
  });

  describe.each([
    // visibility, staff, family, person
    ['normal', true, true, true],
    ['notForFamily', true, false, true],
    ['notForPerson', true, true, false],
  ] as const)('a %s note', (visibility, staff, family, person) => {
    it.each([
      ['staff', staff],
      ['family', family],
      ['person', person],
    ] as const)('shown to %s: %s', (audience, shown) => {
      const note = toVisibleContact(contact(visibility), forAudience(audience)).note;
      expect(note?.redacted).toBe(!shown);
      expect(note?.text).toBe(shown ? '本人は父の飲酒について話したがっている' : null);
      expect(note?.visibility).toBe(visibility);
    });
  });
});
