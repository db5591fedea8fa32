import { z } from 'zod';
import { type MunicipalityCode, municipalityCodeSchema } from '../municipality/municipality-code.ts';
import { type CalendarDate, calendarDateSchema } from '../shared/dates.ts';
import { PreconditionError, parseInput } from '../shared/errors.ts';
import type { AgencyId, CaseId, SupportMeetingId } from '../shared/ids.ts';
import { text } from '../shared/text.ts';

/**
 * 支援会議 (社会福祉法 第106条の6): a meeting a municipality sets up whose member agencies may share
 * case information WITHOUT the person's consent, under a confidentiality duty with a penalty. A share
 * is lawful on a date when the meeting is active, both agencies are members, and the case has been put
 * before the meeting.
 *
 * All periods are half-open: a member that leaves on day X, a case removed on day X and a meeting
 * dissolved on day X give no basis on day X (the same rule as a withdrawn consent). Nothing is ever
 * deleted: leaving/removal sets an end date so that earlier shares can still be shown to be lawful.
 */
export interface SupportMeetingMember {
  readonly agencyId: AgencyId;
  readonly joinedOn: CalendarDate;
  readonly leftOn: CalendarDate | null;
}

export interface SupportMeetingCase {
  readonly caseId: CaseId;
  readonly addedOn: CalendarDate;
  /** When the case was taken off the meeting's list (e.g. consent obtained, case moved on); null while on it. */
  readonly removedOn: CalendarDate | null;
}

export interface SupportMeeting {
  readonly id: SupportMeetingId;
  readonly municipalityCode: MunicipalityCode;
  readonly name: string;
  readonly establishedOn: CalendarDate;
  readonly dissolvedOn: CalendarDate | null;
  /** One entry per membership period; an agency that leaves and rejoins has two. */
  readonly members: readonly SupportMeetingMember[];
  /** One entry per period a case is before the meeting. */
  readonly caseIds: readonly SupportMeetingCase[];
}

export const supportMeetingInputSchema = z.object({
  municipalityCode: municipalityCodeSchema,
  name: text('name'),
  establishedOn: calendarDateSchema,
  /** Founding members join on `establishedOn`. */
  memberAgencyIds: z
    .array(text('id'))
    .default([])
    .transform((ids) => [...new Set(ids)]),
});
export type SupportMeetingInput = z.input<typeof supportMeetingInputSchema>;

export function establishSupportMeeting(id: SupportMeetingId, input: SupportMeetingInput): SupportMeeting {
  if (!id) throw new PreconditionError('id_given', 'a new support meeting needs an id', 'id');
  const parsed = parseInput(supportMeetingInputSchema, input);
  return {
    id,
    municipalityCode: parsed.municipalityCode,
    name: parsed.name,
    establishedOn: parsed.establishedOn,
    dissolvedOn: null,
    members: parsed.memberAgencyIds.map((agencyId) => ({
      agencyId,
      joinedOn: parsed.establishedOn,
      leftOn: null,
    })),
    caseIds: [],
  };
}

export function isMeetingActiveOn(meeting: SupportMeeting, on: CalendarDate): boolean {
  return meeting.establishedOn <= on && (meeting.dissolvedOn === null || on < meeting.dissolvedOn);
}

export function isMemberOn(meeting: SupportMeeting, agencyId: AgencyId, on: CalendarDate): boolean {
  return meeting.members.some(
    (m) => m.agencyId === agencyId && m.joinedOn <= on && (m.leftOn === null || on < m.leftOn),
  );
}

export function isCaseBeforeMeetingOn(meeting: SupportMeeting, caseId: CaseId, on: CalendarDate): boolean {
  return meeting.caseIds.some(
    (c) => c.caseId === caseId && c.addedOn <= on && (c.removedOn === null || on < c.removedOn),
  );
}

function latest(dates: readonly (CalendarDate | null)[]): CalendarDate | null {
  return dates.reduce<CalendarDate | null>(
    (acc, d) => (d !== null && (acc === null || d > acc) ? d : acc),
    null,
  );
}

const dateInput = (field: string, value: CalendarDate): CalendarDate =>
  parseInput(z.object({ [field]: calendarDateSchema }), { [field]: value })[field] as CalendarDate;

/** A date inside the meeting's life: not before it was set up, not on/after its dissolution. */
function assertWithinMeeting(meeting: SupportMeeting, on: CalendarDate, field: string): void {
  if (on < meeting.establishedOn)
    throw new PreconditionError(
      'date_not_before_establishment',
      `${on} is before the support meeting was established (${meeting.establishedOn})`,
      field,
    );
  if (meeting.dissolvedOn !== null && on >= meeting.dissolvedOn)
    throw new PreconditionError(
      'meeting_not_dissolved',
      `the support meeting was dissolved on ${meeting.dissolvedOn}`,
      field,
    );
}

export function addMeetingMember(
  meeting: SupportMeeting,
  agencyId: AgencyId,
  joinedOn: CalendarDate,
): SupportMeeting {
  if (!agencyId) throw new PreconditionError('agency_given', 'a member needs an agency id', 'agencyId');
  const date = dateInput('joinedOn', joinedOn);
  assertWithinMeeting(meeting, date, 'joinedOn');
  const periods = meeting.members.filter((m) => m.agencyId === agencyId);
  if (periods.some((m) => m.leftOn === null))
    throw new PreconditionError('not_already_member', `agency ${agencyId} is already a member`, 'agencyId');
  const lastLeft = latest(periods.map((m) => m.leftOn));
  if (lastLeft !== null && date < lastLeft)
    throw new PreconditionError(
      'rejoin_not_before_leaving',
      `agency ${agencyId} left on ${lastLeft}; it cannot rejoin on ${date}`,
      'joinedOn',
    );
  return { ...meeting, members: [...meeting.members, { agencyId, joinedOn: date, leftOn: null }] };
}

export function removeMeetingMember(
  meeting: SupportMeeting,
  agencyId: AgencyId,
  leftOn: CalendarDate,
): SupportMeeting {
  const date = dateInput('leftOn', leftOn);
  const index = meeting.members.findIndex((m) => m.agencyId === agencyId && m.leftOn === null);
  const current = meeting.members[index];
  if (!current)
    throw new PreconditionError(
      'is_member',
      `agency ${agencyId} is not a member of the support meeting`,
      'agencyId',
    );
  if (date < current.joinedOn)
    throw new PreconditionError(
      'leave_not_before_join',
      `agency ${agencyId} joined on ${current.joinedOn}; it cannot leave on ${date}`,
      'leftOn',
    );
  const members = meeting.members.map((m, i) => (i === index ? { ...m, leftOn: date } : m));
  return { ...meeting, members };
}

export function addMeetingCase(
  meeting: SupportMeeting,
  caseId: CaseId,
  addedOn: CalendarDate,
): SupportMeeting {
  if (!caseId) throw new PreconditionError('case_given', 'a case id is needed', 'caseId');
  const date = dateInput('addedOn', addedOn);
  assertWithinMeeting(meeting, date, 'addedOn');
  const periods = meeting.caseIds.filter((c) => c.caseId === caseId);
  if (periods.some((c) => c.removedOn === null))
    throw new PreconditionError(
      'case_not_already_added',
      `case ${caseId} is already before the meeting`,
      'caseId',
    );
  const lastRemoved = latest(periods.map((c) => c.removedOn));
  if (lastRemoved !== null && date < lastRemoved)
    throw new PreconditionError(
      'readd_not_before_removal',
      `case ${caseId} was before the meeting until ${lastRemoved}; it cannot be added again on ${date}`,
      'addedOn',
    );
  return { ...meeting, caseIds: [...meeting.caseIds, { caseId, addedOn: date, removedOn: null }] };
}

export function removeMeetingCase(
  meeting: SupportMeeting,
  caseId: CaseId,
  removedOn: CalendarDate,
): SupportMeeting {
  const date = dateInput('removedOn', removedOn);
  const index = meeting.caseIds.findIndex((c) => c.caseId === caseId && c.removedOn === null);
  const current = meeting.caseIds[index];
  if (!current)
    throw new PreconditionError(
      'case_before_meeting',
      `case ${caseId} is not before the support meeting`,
      'caseId',
    );
  if (date < current.addedOn)
    throw new PreconditionError(
      'removal_not_before_added',
      `case ${caseId} was added on ${current.addedOn}; it cannot be removed on ${date}`,
      'removedOn',
    );
  return {
    ...meeting,
    caseIds: meeting.caseIds.map((c, i) => (i === index ? { ...c, removedOn: date } : c)),
  };
}

/** 解散: ends every open membership and case period on the same day. */
export function dissolveSupportMeeting(meeting: SupportMeeting, on: CalendarDate): SupportMeeting {
  const date = dateInput('dissolvedOn', on);
  if (meeting.dissolvedOn !== null)
    throw new PreconditionError(
      'meeting_not_dissolved',
      `the support meeting was already dissolved on ${meeting.dissolvedOn}`,
      'dissolvedOn',
    );
  if (date < meeting.establishedOn)
    throw new PreconditionError(
      'date_not_before_establishment',
      `${date} is before the support meeting was established (${meeting.establishedOn})`,
      'dissolvedOn',
    );
  // Keep periods consistent: an open period may not end before it began.
  const latestStart = latest([
    ...meeting.members.filter((m) => m.leftOn === null).map((m) => m.joinedOn),
    ...meeting.caseIds.filter((c) => c.removedOn === null).map((c) => c.addedOn),
  ]);
  if (latestStart !== null && date < latestStart)
    throw new PreconditionError(
      'dissolution_not_before_open_periods',
      `a member or case was added on ${latestStart}, after ${date}`,
      'dissolvedOn',
    );
  return {
    ...meeting,
    dissolvedOn: date,
    members: meeting.members.map((m) => (m.leftOn === null ? { ...m, leftOn: date } : m)),
    caseIds: meeting.caseIds.map((c) => (c.removedOn === null ? { ...c, removedOn: date } : c)),
  };
}
