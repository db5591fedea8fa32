import { z } from 'zod';
import { findHouseholdMember, type HouseholdMember } from '../persons/household.ts';
import { type CalendarDate, calendarDateSchema } from '../shared/dates.ts';
import { PreconditionError, parseInput } from '../shared/errors.ts';
import type { CaseId, HouseholdMemberId, ProgrammeSessionId } from '../shared/ids.ts';
import { text } from '../shared/text.ts';
import type { Place } from './place.ts';
import type { Programme, ProgrammeSession } from './programme.ts';

export type AttendanceId = string;

/** Who from the case came: the person (本人) or a member of their household (家族). */
export type Attendee =
  | { readonly kind: 'person' }
  | { readonly kind: 'familyMember'; readonly householdMemberId: HouseholdMemberId };

export const attendeeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('person') }),
  z.object({ kind: z.literal('familyMember'), householdMemberId: text('id') }),
]);

export const AttendanceMode = {
  InPerson: 'inPerson', // 来所・対面
  Online: 'online', // オンライン
} as const;
export type AttendanceMode = (typeof AttendanceMode)[keyof typeof AttendanceMode];
export const attendanceModeSchema = z.enum(['inPerson', 'online']);

/** 参加記録: one attendee of a case at one session. Counted as 延べ参加 in reports. */
export interface Attendance {
  readonly id: AttendanceId;
  readonly sessionId: ProgrammeSessionId;
  readonly caseId: CaseId;
  readonly attendee: Attendee;
  /** The session's day, kept on the record so period reports need no join. */
  readonly attendedOn: CalendarDate;
  readonly mode: AttendanceMode;
}

export const recordAttendanceInputSchema = z.object({
  sessionId: text('id'),
  caseId: text('id'),
  attendee: attendeeSchema,
  /** Defaults to the session's day; when given it must be that day. */
  attendedOn: calendarDateSchema.optional(),
  mode: attendanceModeSchema.default('inPerson'),
});
export type RecordAttendanceInput = z.input<typeof recordAttendanceInputSchema>;

export interface RecordAttendanceContext {
  readonly session: ProgrammeSession;
  readonly programme: Programme;
  readonly place: Place;
  /** The household of the case's person, to check a family-member attendee. */
  readonly household: readonly HouseholdMember[];
  /** Attendance already recorded for the session (any case); used for `attendance_unique`. */
  readonly existing: readonly Attendance[];
}

export function sameAttendee(a: Attendee, b: Attendee): boolean {
  if (a.kind === 'person' || b.kind === 'person') return a.kind === b.kind;
  return a.householdMemberId === b.householdMemberId;
}

/**
 * Validates and builds an attendance record. Rules (each a `PreconditionError` with field and rule):
 *  - the context is one chain session → programme → place (`session_matches`, `programme_matches`);
 *  - `attendedOn` is the session's day (`attended_on_session_day`);
 *  - the attendee is in the programme's audience: a family-only programme (家族教室・家族会) refuses the
 *    person, a person-only one refuses family (`audience`);
 *  - a family member belongs to the person's household (`household_member_in_household`);
 *  - `online` only at an online place or a programme that allows online (`online_mode`); an online
 *    ibasho has no room to come to, so `inPerson` is refused there (`in_person_mode`);
 *  - the same attendee of the same case once per session (`attendance_unique`).
 */
export function recordAttendance(
  id: AttendanceId,
  input: RecordAttendanceInput,
  ctx: RecordAttendanceContext,
): Attendance {
  if (!id) throw new PreconditionError('id_given', 'a new attendance needs an id', 'id');
  const parsed = parseInput(recordAttendanceInputSchema, input);
  const { session, programme, place } = ctx;
  if (session.id !== parsed.sessionId)
    throw new PreconditionError(
      'session_matches',
      `session ${session.id} is not ${parsed.sessionId}`,
      'sessionId',
    );
  if (session.programmeId !== programme.id || programme.placeId !== place.id)
    throw new PreconditionError(
      'programme_matches',
      'session, programme and place given do not belong together',
      'sessionId',
    );

  const attendedOn = parsed.attendedOn ?? session.heldOn;
  if (attendedOn !== session.heldOn)
    throw new PreconditionError(
      'attended_on_session_day',
      `the session was held on ${session.heldOn}, not ${attendedOn}`,
      'attendedOn',
    );

  const attendee: Attendee = parsed.attendee;
  if (programme.audience === 'family' && attendee.kind === 'person')
    throw new PreconditionError('audience', `${programme.name} is for family members only`, 'attendee.kind');
  if (programme.audience === 'person' && attendee.kind === 'familyMember')
    throw new PreconditionError('audience', `${programme.name} is for the person only`, 'attendee.kind');
  if (attendee.kind === 'familyMember' && !findHouseholdMember(ctx.household, attendee.householdMemberId))
    throw new PreconditionError(
      'household_member_in_household',
      `household member ${attendee.householdMemberId} is not in the person's household`,
      'attendee.householdMemberId',
    );

  if (parsed.mode === 'online' && !place.online && !programme.allowsOnline)
    throw new PreconditionError(
      'online_mode',
      `${programme.name} meets in person only; online attendance is not offered`,
      'mode',
    );
  if (parsed.mode === 'inPerson' && place.kind === 'onlineIbasho')
    throw new PreconditionError('in_person_mode', `${place.name} is held online only`, 'mode');

  const duplicate = ctx.existing.some(
    (a) => a.sessionId === session.id && a.caseId === parsed.caseId && sameAttendee(a.attendee, attendee),
  );
  if (duplicate)
    throw new PreconditionError(
      'attendance_unique',
      'this attendee is already recorded for the session',
      'attendee',
    );

  return { id, sessionId: session.id, caseId: parsed.caseId, attendee, attendedOn, mode: parsed.mode };
}

export interface AttendanceTotals {
  /** 延べ参加数: every attendance record. */
  readonly total: number;
  readonly persons: number;
  readonly familyMembers: number;
  readonly online: number;
  /** 実人数 by case: distinct cases with at least one attendance. */
  readonly cases: number;
}

/** Totals for a list of attendance already filtered to a period, place or programme. */
export function attendanceTotals(attendances: readonly Attendance[]): AttendanceTotals {
  return {
    total: attendances.length,
    persons: attendances.filter((a) => a.attendee.kind === 'person').length,
    familyMembers: attendances.filter((a) => a.attendee.kind === 'familyMember').length,
    online: attendances.filter((a) => a.mode === 'online').length,
    cases: new Set(attendances.map((a) => a.caseId)).size,
  };
}
