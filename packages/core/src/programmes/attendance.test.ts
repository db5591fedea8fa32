import { describe, expect, it } from 'vitest';
import type { HouseholdMember } from '../persons/household.ts';
import { PreconditionError, ValidationError } from '../shared/errors.ts';
import {
  type Attendance,
  attendanceTotals,
  type RecordAttendanceContext,
  recordAttendance,
} from './attendance.ts';
import { createPlace, PLACE_KINDS, type Place, updatePlace } from './place.ts';
import {
  createProgramme,
  createProgrammeSession,
  type Programme,
  type ProgrammeSession,
} from './programme.ts';

const household = [{ id: 'hm-mother' } as HouseholdMember];

const hall: Place = createPlace('pl-1', {
  agencyId: 'ag-1',
  kind: 'familyClass',
  name: '家族教室（中央）',
  municipalityCode: '392014',
});
const familyClass: Programme = createProgramme(
  'pr-1',
  { placeId: 'pl-1', name: '家族教室', audience: 'family' },
  { place: hall },
);
const session: ProgrammeSession = createProgrammeSession('se-1', {
  programmeId: 'pr-1',
  heldOn: '2024-06-08',
  startsAt: '13:30',
  durationMinutes: 120,
});

function ctx(over: Partial<RecordAttendanceContext> = {}): RecordAttendanceContext {
  return { session, programme: familyClass, place: hall, household, existing: [], ...over };
}

function refusal(fn: () => unknown): PreconditionError {
  try {
    fn();
  } catch (e) {
    if (e instanceof PreconditionError) return e;
    throw e;
  }
  throw new Error('expected a PreconditionError');
}

const mother = { kind: 'familyMember', householdMemberId: 'hm-mother' } as const;

describe('places', () => {
  it('has six kinds', () => {
    expect(PLACE_KINDS).toEqual([
      'ibasho',
      'onlineIbasho',
      'familyClass',
      'familyAssociation',
      'peerGroup',
      'workExperienceHost',
    ]);
  });

  it('makes an online ibasho online by default and refuses it offline', () => {
    const online = createPlace('pl-2', { agencyId: 'ag-1', kind: 'onlineIbasho', name: '電子居場所' });
    expect(online.online).toBe(true);
    expect(online.municipalityCode).toBeNull();
    expect(() =>
      createPlace('pl-3', { agencyId: 'ag-1', kind: 'onlineIbasho', name: 'x', online: false }),
    ).toThrow(expect.objectContaining({ field: 'online', rule: 'online_kind' }));
    expect(refusal(() => updatePlace(online, { online: false })).rule).toBe('online_kind');
  });

  it('validates the municipality code', () => {
    expect(() =>
      createPlace('pl-4', { agencyId: 'ag-1', kind: 'ibasho', name: 'x', municipalityCode: '392015' }),
    ).toThrow(ValidationError);
  });

  it('refuses a programme at a host employer or an inactive place', () => {
    const host = createPlace('pl-5', { agencyId: 'ag-1', kind: 'workExperienceHost', name: '農園' });
    expect(
      refusal(() =>
        createProgramme('pr-9', { placeId: 'pl-5', name: 'x', audience: 'person' }, { place: host }),
      ).rule,
    ).toBe('place_kind');
    const closed = updatePlace(hall, { active: false });
    expect(
      refusal(() =>
        createProgramme('pr-9', { placeId: 'pl-1', name: 'x', audience: 'both' }, { place: closed }),
      ).rule,
    ).toBe('place_active');
  });

  it('checks session time format', () => {
    expect(() =>
      createProgrammeSession('se-9', { programmeId: 'pr-1', heldOn: '2024-06-08', startsAt: '25:00' }),
    ).toThrow(ValidationError);
  });
});

describe('recordAttendance', () => {
  it('records a family member at a family class on the session day', () => {
    const a = recordAttendance('at-1', { sessionId: 'se-1', caseId: 'c-1', attendee: mother }, ctx());
    expect(a).toEqual({
      id: 'at-1',
      sessionId: 'se-1',
      caseId: 'c-1',
      attendee: mother,
      attendedOn: '2024-06-08',
      mode: 'inPerson',
    });
  });

  it('refuses the person at a family-only programme (audience)', () => {
    const e = refusal(() =>
      recordAttendance('at-1', { sessionId: 'se-1', caseId: 'c-1', attendee: { kind: 'person' } }, ctx()),
    );
    expect(e.rule).toBe('audience');
    expect(e.field).toBe('attendee.kind');
  });

  it('refuses family at a person-only programme and accepts both at a mixed one', () => {
    const ibasho = { ...familyClass, audience: 'person' } as const;
    expect(
      refusal(() =>
        recordAttendance(
          'at-1',
          { sessionId: 'se-1', caseId: 'c-1', attendee: mother },
          ctx({ programme: ibasho }),
        ),
      ).rule,
    ).toBe('audience');
    const both = { ...familyClass, audience: 'both' } as const;
    expect(
      recordAttendance(
        'at-1',
        { sessionId: 'se-1', caseId: 'c-1', attendee: { kind: 'person' } },
        ctx({ programme: both }),
      ).attendee,
    ).toEqual({ kind: 'person' });
  });

  it('refuses a family member outside the household', () => {
    const e = refusal(() =>
      recordAttendance(
        'at-1',
        { sessionId: 'se-1', caseId: 'c-1', attendee: { kind: 'familyMember', householdMemberId: 'hm-x' } },
        ctx(),
      ),
    );
    expect(e.rule).toBe('household_member_in_household');
  });

  it('refuses a second attendance of the same attendee at the same session (attendance_unique)', () => {
    const first = recordAttendance('at-1', { sessionId: 'se-1', caseId: 'c-1', attendee: mother }, ctx());
    const e = refusal(() =>
      recordAttendance(
        'at-2',
        { sessionId: 'se-1', caseId: 'c-1', attendee: mother },
        ctx({ existing: [first] }),
      ),
    );
    expect(e.rule).toBe('attendance_unique');
    expect(e.field).toBe('attendee');
  });

  it('allows another attendee of the case, or the same member id in another case', () => {
    const first = recordAttendance('at-1', { sessionId: 'se-1', caseId: 'c-1', attendee: mother }, ctx());
    const both = { ...familyClass, audience: 'both' } as const;
    expect(() =>
      recordAttendance(
        'at-2',
        { sessionId: 'se-1', caseId: 'c-1', attendee: { kind: 'person' } },
        ctx({ programme: both, existing: [first] }),
      ),
    ).not.toThrow();
    expect(() =>
      recordAttendance(
        'at-3',
        { sessionId: 'se-1', caseId: 'c-2', attendee: mother },
        ctx({ existing: [first] }),
      ),
    ).not.toThrow();
  });

  it('refuses online attendance at an in-person programme, allows it when the programme allows online', () => {
    const input = { sessionId: 'se-1', caseId: 'c-1', attendee: mother, mode: 'online' } as const;
    const e = refusal(() => recordAttendance('at-1', input, ctx()));
    expect(e.rule).toBe('online_mode');
    expect(e.field).toBe('mode');
    const hybrid = { ...familyClass, allowsOnline: true };
    expect(recordAttendance('at-1', input, ctx({ programme: hybrid })).mode).toBe('online');
    const onlinePlace = { ...hall, online: true };
    expect(recordAttendance('at-1', input, ctx({ place: onlinePlace })).mode).toBe('online');
  });

  it('refuses in-person attendance at an online ibasho', () => {
    const place = createPlace('pl-1', { agencyId: 'ag-1', kind: 'onlineIbasho', name: '電子居場所' });
    const programme = { ...familyClass, audience: 'person' } as const;
    const base = { sessionId: 'se-1', caseId: 'c-1', attendee: { kind: 'person' } } as const;
    expect(refusal(() => recordAttendance('at-1', base, ctx({ place, programme }))).rule).toBe(
      'in_person_mode',
    );
    expect(recordAttendance('at-1', { ...base, mode: 'online' }, ctx({ place, programme })).mode).toBe(
      'online',
    );
  });

  it('refuses an attendance date other than the session day, and a mismatched context', () => {
    expect(
      refusal(() =>
        recordAttendance(
          'at-1',
          { sessionId: 'se-1', caseId: 'c-1', attendee: mother, attendedOn: '2024-06-09' },
          ctx(),
        ),
      ).rule,
    ).toBe('attended_on_session_day');
    expect(
      refusal(() =>
        recordAttendance(
          'at-1',
          { sessionId: 'se-1', caseId: 'c-1', attendee: mother },
          ctx({ session: { ...session, programmeId: 'pr-other' } }),
        ),
      ).rule,
    ).toBe('programme_matches');
  });

  it('rejects a malformed attendee as a validation error', () => {
    expect(() =>
      recordAttendance(
        'at-1',
        { sessionId: 'se-1', caseId: 'c-1', attendee: { kind: 'familyMember' } } as never,
        ctx(),
      ),
    ).toThrow(ValidationError);
  });

  it('totals attendance as 延べ and by case', () => {
    const list: Attendance[] = [
      {
        id: '1',
        sessionId: 's',
        caseId: 'c-1',
        attendee: { kind: 'person' },
        attendedOn: '2024-06-08',
        mode: 'online',
      },
      {
        id: '2',
        sessionId: 's',
        caseId: 'c-1',
        attendee: mother,
        attendedOn: '2024-06-08',
        mode: 'inPerson',
      },
      {
        id: '3',
        sessionId: 't',
        caseId: 'c-2',
        attendee: mother,
        attendedOn: '2024-07-08',
        mode: 'inPerson',
      },
    ];
    expect(attendanceTotals(list)).toEqual({ total: 3, persons: 1, familyMembers: 2, online: 1, cases: 2 });
  });
});
