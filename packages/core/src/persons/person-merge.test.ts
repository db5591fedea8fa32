import { describe, expect, it } from 'vitest';
import { type CaseRecord, openCase } from '../cases/case-record.ts';
import type { Actor } from '../shared/actor.ts';
import { PreconditionError, ValidationError } from '../shared/errors.ts';
import { addHouseholdMember } from './household.ts';
import { createPerson } from './person.ts';
import { mergePersons } from './person-merge.ts';

const supervisor: Actor = { staffId: 'sv', agencyId: 'desk', role: 'supervisor' };
const now = new Date('2024-07-01T01:00:00Z');
const ctx = { actor: supervisor, now, mergeId: 'm1' };
const kept = createPerson(
  'p1',
  { displayName: '架空 太郎', kana: null, birthYearMonth: '1971-05', municipalityCode: '242012' },
  now,
);
const merged = addHouseholdMember(
  createPerson(
    'p2',
    {
      displayName: '架空 太朗',
      kana: 'かくう たろう',
      birthDate: '1971-05-10',
      sex: 'male',
      municipalityCode: '242012',
    },
    now,
  ),
  'hm-1',
  { relation: 'mother', birthYear: 1945, livesWithPerson: true },
  now,
);
const caseOf = (id: string, personId: string, leadAgencyId: string): CaseRecord =>
  openCase(
    { personId, leadAgencyId, municipalityCode: '242012', openedOn: '2024-06-01' },
    { actor: { ...supervisor, agencyId: leadAgencyId, role: 'staff' }, now, caseId: id },
  ).record;
const closed = (c: CaseRecord): CaseRecord => ({
  ...c,
  status: { state: 'closed', since: '2024-06-30', closureReason: 'other' },
});

describe('mergePersons (名寄せ)', () => {
  it('moves the household, fills what the kept record lacks, and keeps the former attributes', () => {
    const result = mergePersons(
      kept,
      merged,
      { kept: [caseOf('c1', 'p1', 'desk')], merged: [caseOf('c2', 'p2', 'hospital')] },
      { keepPersonId: 'p1', mergePersonId: 'p2', reason: ' 同一人物の二重登録 ' },
      ctx,
    );
    expect(result.kept).toMatchObject({
      id: 'p1',
      displayName: '架空 太郎',
      kana: 'かくう たろう',
      birthDate: '1971-05-10',
      household: [{ id: 'hm-1', relation: 'mother' }],
      mergedIntoId: null,
    });
    expect(result.merged).toMatchObject({ id: 'p2', household: [], mergedIntoId: 'p1' });
    expect(result.merge).toEqual({
      id: 'm1',
      keptPersonId: 'p1',
      mergedPersonId: 'p2',
      reason: '同一人物の二重登録',
      former: {
        displayName: '架空 太朗',
        kana: 'かくう たろう',
        birthDate: '1971-05-10',
        birthYearMonth: '1971-05',
        sex: 'male',
        municipalityCode: '242012',
        household: merged.household,
      },
      movedCaseIds: ['c2'],
      staffId: 'sv',
      agencyId: 'desk',
      mergedAt: now,
    });
  });

  it('does not take a birth that contradicts the kept one', () => {
    const other = { ...kept, birthYearMonth: '1971-06' };
    const result = mergePersons(
      other,
      merged,
      { kept: [], merged: [] },
      { keepPersonId: 'p1', mergePersonId: 'p2', reason: '重複' },
      ctx,
    );
    expect(result.kept).toMatchObject({ birthDate: null, birthYearMonth: '1971-06' });
  });

  it('refuses two open cases led by one agency, until one of them is closed', () => {
    const cases = { kept: [caseOf('c1', 'p1', 'desk')], merged: [caseOf('c2', 'p2', 'desk')] };
    const input = { keepPersonId: 'p1', mergePersonId: 'p2', reason: '重複' };
    expect(() => mergePersons(kept, merged, cases, input, ctx)).toThrow(
      expect.objectContaining({ rule: 'merge_overlapping_cases', field: 'mergePersonId' }),
    );
    expect(
      mergePersons(kept, merged, { ...cases, merged: [closed(cases.merged[0] as CaseRecord)] }, input, ctx)
        .merge.movedCaseIds,
    ).toEqual(['c2']);
  });

  it('refuses the same record, a merged or pseudonymised one, and a merge without reason', () => {
    const input = { keepPersonId: 'p1', mergePersonId: 'p2', reason: '重複' };
    const none = { kept: [], merged: [] };
    expect(() => mergePersons(kept, kept, none, input, ctx)).toThrow(
      expect.objectContaining({ rule: 'merge_same_person' }),
    );
    expect(() => mergePersons(kept, { ...merged, mergedIntoId: 'p3' }, none, input, ctx)).toThrow(
      PreconditionError,
    );
    expect(() => mergePersons({ ...kept, pseudonymisedOn: '2030-01-01' }, merged, none, input, ctx)).toThrow(
      expect.objectContaining({ rule: 'person_pseudonymised', field: 'keepPersonId' }),
    );
    expect(() => mergePersons(kept, merged, none, { ...input, reason: '' }, ctx)).toThrow(ValidationError);
  });
});
