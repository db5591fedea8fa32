import { describe, expect, it } from 'vitest';
import type { Actor } from '../shared/actor.ts';
import { PreconditionError, ValidationError, VersionConflictError } from '../shared/errors.ts';
import { recordContact } from './contact.ts';
import { amendContact, voidContact } from './contact-correction.ts';

const actor: Actor = { staffId: 'w2', agencyId: 'desk', role: 'staff' };
const now = new Date('2024-07-01T01:00:00Z');
const ctx = { actor, now, household: [], correctionId: 'k1' };
const contact = recordContact(
  'ct-1',
  {
    caseId: 'case-1',
    agencyId: 'desk',
    staffId: 'w1',
    occurredOn: '2024-06-28',
    channel: 'phone',
    consultingParty: { kind: 'anonymous' },
    personContact: 'none',
    contents: ['relationshipBuilding'],
    durationMinutes: 20,
    note: { text: '匿名相談' },
  },
  { now: new Date('2024-06-28T05:00:00Z'), household: [] },
);

describe('amendContact', () => {
  it('makes the next version, keeps who wrote it and when, and the earlier version in the correction', () => {
    const { contact: amended, correction } = amendContact(
      contact,
      { expectedVersion: 1, reason: ' 時間の誤記 ', durationMinutes: null, channel: 'officeVisit' },
      ctx,
    );
    expect(amended).toMatchObject({
      version: 2,
      channel: 'officeVisit',
      durationMinutes: null,
      staffId: 'w1',
      recordedAt: contact.recordedAt,
      note: contact.note,
    });
    expect(correction).toEqual({
      id: 'k1',
      contactId: 'ct-1',
      caseId: 'case-1',
      sequence: 2,
      kind: 'amended',
      reason: '時間の誤記',
      previous: {
        occurredOn: '2024-06-28',
        channel: 'phone',
        consultingParty: { kind: 'anonymous' },
        personContact: 'none',
        contents: ['relationshipBuilding'],
        durationMinutes: 20,
        note: { text: '匿名相談', visibility: 'normal' },
      },
      staffId: 'w2',
      agencyId: 'desk',
      correctedAt: now,
    });
  });

  it('applies the rules of a new record, and refuses no change, no reason or a stale version', () => {
    expect(() =>
      amendContact(contact, { expectedVersion: 1, reason: '日付', occurredOn: '2024-07-02' }, ctx),
    ).toThrow(expect.objectContaining({ field: 'occurredOn', rule: 'not_in_future' }));
    expect(() =>
      amendContact(contact, { expectedVersion: 1, reason: '同じ', durationMinutes: 20 }, ctx),
    ).toThrow(expect.objectContaining({ rule: 'no_change' }));
    expect(() => amendContact(contact, { expectedVersion: 1, reason: '', durationMinutes: 30 }, ctx)).toThrow(
      ValidationError,
    );
    expect(() =>
      amendContact(contact, { expectedVersion: 2, reason: '古い', durationMinutes: 30 }, ctx),
    ).toThrow(VersionConflictError);
  });
});

describe('voidContact', () => {
  it('marks the record voided with the reason, after which it cannot change', () => {
    const { contact: voided, correction } = voidContact(
      contact,
      { expectedVersion: 1, reason: '誤登録' },
      ctx,
    );
    expect(voided).toMatchObject({
      version: 2,
      voided: { reason: '誤登録', staffId: 'w2', agencyId: 'desk', at: now },
      note: contact.note,
    });
    expect(correction).toMatchObject({ kind: 'voided', sequence: 2, previous: { durationMinutes: 20 } });
    expect(() => voidContact(voided, { expectedVersion: 2, reason: '再度' }, ctx)).toThrow(PreconditionError);
    expect(() =>
      amendContact(voided, { expectedVersion: 2, reason: '戻す', durationMinutes: 5 }, ctx),
    ).toThrow(expect.objectContaining({ rule: 'contact_voided' }));
  });
});
