import { z } from 'zod';
import { type MunicipalityCode, municipalityCodeSchema } from '../municipality/municipality-code.ts';
import {
  type CalendarDate,
  calendarDateSchema,
  daysInMonth,
  formatCalendarDate,
  parseCalendarDate,
} from '../shared/dates.ts';
import { PreconditionError, parseInput } from '../shared/errors.ts';
import type { AgencyId, CaseId, ProgrammeId } from '../shared/ids.ts';
import { text } from '../shared/text.ts';

export type SupporterId = string;
export type SupporterDispatchId = string;

/**
 * ひきこもりサポーター: a trained volunteer registered after the 養成研修. Registration stays valid while
 * the follow-up training (フォローアップ研修) is taken every 3 years (Tochigi's rule); a supporter whose
 * follow-up is overdue is not dispatched until they take it.
 */
export const FOLLOW_UP_INTERVAL_YEARS = 3;

export const SupporterStatus = {
  Active: 'active', // 登録中
  Suspended: 'suspended', // 休止
  Retired: 'retired', // 登録抹消
} as const;
export type SupporterStatus = (typeof SupporterStatus)[keyof typeof SupporterStatus];
export const supporterStatusSchema = z.enum(['active', 'suspended', 'retired']);
export const SUPPORTER_STATUS_LABELS_JA: Readonly<Record<SupporterStatus, string>> = {
  active: '登録中',
  suspended: '休止',
  retired: '登録抹消',
};

export interface Supporter {
  readonly id: SupporterId;
  /** The agency that trained and registered the supporter and dispatches them. */
  readonly agencyId: AgencyId;
  readonly displayName: string;
  /** Where the supporter is active. */
  readonly municipalityCode: MunicipalityCode;
  /** 養成研修修了日. */
  readonly trainedOn: CalendarDate;
  readonly registeredOn: CalendarDate;
  /** フォローアップ研修の受講日, oldest first. */
  readonly followUps: readonly CalendarDate[];
  readonly status: SupporterStatus;
  readonly version: number;
}

export const supporterInputSchema = z.object({
  displayName: text('personName'),
  municipalityCode: municipalityCodeSchema,
  trainedOn: calendarDateSchema,
  registeredOn: calendarDateSchema,
});
export type SupporterInput = z.input<typeof supporterInputSchema>;

function notInFuture(on: CalendarDate, today: CalendarDate, field: string): void {
  if (on > today) throw new PreconditionError('not_in_future', `${on} is after today (${today})`, field);
}

/** 登録: after the training, not before it; nothing dated after today. */
export function registerSupporter(
  id: SupporterId,
  agencyId: AgencyId,
  input: SupporterInput,
  today: CalendarDate,
): Supporter {
  if (!id) throw new PreconditionError('id_given', 'a new supporter needs an id', 'id');
  const parsed = parseInput(supporterInputSchema, input);
  notInFuture(parsed.registeredOn, today, 'registeredOn');
  if (parsed.registeredOn < parsed.trainedOn)
    throw new PreconditionError(
      'registered_after_training',
      `registration (${parsed.registeredOn}) cannot precede the training (${parsed.trainedOn})`,
      'registeredOn',
    );
  return { id, agencyId, ...parsed, followUps: [], status: 'active', version: 1 };
}

/** The same day `years` later (29 February falls back to 28 February). */
export function addYears(date: CalendarDate, years: number): CalendarDate {
  const { year, month, day } = parseCalendarDate(date);
  return formatCalendarDate(year + years, month, Math.min(day, daysInMonth(year + years, month)));
}

/** The last training taken (養成研修 or フォローアップ研修). */
export function lastTrainingOn(supporter: Pick<Supporter, 'trainedOn' | 'followUps'>): CalendarDate {
  // Calendar dates compare as text; the latest sorts last.
  return [supporter.trainedOn, ...supporter.followUps].sort().at(-1) ?? supporter.trainedOn;
}

/** フォローアップ研修の期限: 3 years after the last training. */
export function followUpDueOn(supporter: Pick<Supporter, 'trainedOn' | 'followUps'>): CalendarDate {
  return addYears(lastTrainingOn(supporter), FOLLOW_UP_INTERVAL_YEARS);
}

/** Active and due for follow-up training on or before `on` (overdue ones included). */
export function isFollowUpDue(supporter: Supporter, on: CalendarDate): boolean {
  return supporter.status === 'active' && followUpDueOn(supporter) <= on;
}

/** フォローアップ研修の受講: after the last training, not in the future. */
export function recordFollowUpTraining(
  supporter: Supporter,
  onInput: CalendarDate,
  today: CalendarDate,
): Supporter {
  const on = parseInput(z.object({ on: calendarDateSchema }), { on: onInput }).on;
  notInFuture(on, today, 'on');
  const last = lastTrainingOn(supporter);
  if (on <= last)
    throw new PreconditionError('after_last_training', `the last training was on ${last}`, 'on');
  if (supporter.status === 'retired')
    throw new PreconditionError(
      'supporter_not_retired',
      'the supporter is no longer registered',
      'supporterId',
    );
  return { ...supporter, followUps: [...supporter.followUps, on], version: supporter.version + 1 };
}

export function changeSupporterStatus(supporter: Supporter, status: SupporterStatus): Supporter {
  const next = parseInput(z.object({ status: supporterStatusSchema }), { status }).status;
  if (supporter.status === 'retired')
    throw new PreconditionError('supporter_not_retired', 'a retired supporter registers anew', 'status');
  if (next === supporter.status)
    throw new PreconditionError('status_changes', `the supporter is already ${next}`, 'status');
  return { ...supporter, status: next, version: supporter.version + 1 };
}

/** 活動記録: one day of activity under a dispatch. */
export interface SupporterActivity {
  readonly on: CalendarDate;
  readonly minutes: number;
}

/** 派遣: a supporter sent to accompany a case (訪問・同行) or to help at a programme (居場所 etc.). */
export interface SupporterDispatch {
  readonly id: SupporterDispatchId;
  readonly supporterId: SupporterId;
  /** The dispatching agency (the supporter's). */
  readonly agencyId: AgencyId;
  readonly target:
    | { readonly kind: 'case'; readonly caseId: CaseId }
    | { readonly kind: 'programme'; readonly programmeId: ProgrammeId };
  readonly startsOn: CalendarDate;
  readonly endedOn: CalendarDate | null;
  /** Oldest first. */
  readonly activities: readonly SupporterActivity[];
  readonly version: number;
}

export const dispatchInputSchema = z.object({
  supporterId: text('id'),
  target: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('case'), caseId: text('id') }),
    z.object({ kind: z.literal('programme'), programmeId: text('id') }),
  ]),
  startsOn: calendarDateSchema,
});
export type DispatchInput = z.input<typeof dispatchInputSchema>;

/**
 * 派遣: only an active supporter, registered by then, whose follow-up training is not overdue on the
 * first day (`follow_up_current`).
 */
export function dispatchSupporter(
  id: SupporterDispatchId,
  input: DispatchInput,
  supporter: Supporter,
  today: CalendarDate,
): SupporterDispatch {
  if (!id) throw new PreconditionError('id_given', 'a new dispatch needs an id', 'id');
  const parsed = parseInput(dispatchInputSchema, input);
  if (supporter.id !== parsed.supporterId)
    throw new PreconditionError(
      'supporter_matches',
      `supporter ${supporter.id} is not ${parsed.supporterId}`,
      'supporterId',
    );
  if (supporter.status !== 'active')
    throw new PreconditionError('supporter_active', `the supporter is ${supporter.status}`, 'supporterId');
  if (parsed.startsOn < supporter.registeredOn)
    throw new PreconditionError(
      'dispatch_after_registration',
      `the supporter was registered on ${supporter.registeredOn}`,
      'startsOn',
    );
  if (followUpDueOn(supporter) <= parsed.startsOn)
    throw new PreconditionError(
      'follow_up_current',
      `follow-up training was due on ${followUpDueOn(supporter)}; dispatch after it is taken`,
      'startsOn',
    );
  if (parsed.startsOn > addYears(today, 1))
    throw new PreconditionError(
      'start_within_year',
      'a dispatch starts within a year from today',
      'startsOn',
    );
  return {
    id,
    supporterId: supporter.id,
    agencyId: supporter.agencyId,
    target: parsed.target,
    startsOn: parsed.startsOn,
    endedOn: null,
    activities: [],
    version: 1,
  };
}

export const activityInputSchema = z.object({
  on: calendarDateSchema,
  minutes: z
    .number()
    .int()
    .positive()
    .max(24 * 60),
});
export type ActivityInput = z.input<typeof activityInputSchema>;

/** 活動記録: a day within the dispatch, not in the future. */
export function recordSupporterActivity(
  dispatch: SupporterDispatch,
  input: ActivityInput,
  today: CalendarDate,
): SupporterDispatch {
  const parsed = parseInput(activityInputSchema, input);
  notInFuture(parsed.on, today, 'on');
  if (parsed.on < dispatch.startsOn || (dispatch.endedOn !== null && parsed.on > dispatch.endedOn))
    throw new PreconditionError(
      'activity_within_dispatch',
      `the dispatch runs from ${dispatch.startsOn}${dispatch.endedOn ? ` to ${dispatch.endedOn}` : ''}`,
      'on',
    );
  const activities = [...dispatch.activities, parsed].sort((a, b) => a.on.localeCompare(b.on));
  return { ...dispatch, activities, version: dispatch.version + 1 };
}

/** 派遣終了: on or after its start and its last activity. */
export function endDispatch(dispatch: SupporterDispatch, onInput: CalendarDate): SupporterDispatch {
  const on = parseInput(z.object({ on: calendarDateSchema }), { on: onInput }).on;
  if (dispatch.endedOn !== null)
    throw new PreconditionError('dispatch_open', `the dispatch ended on ${dispatch.endedOn}`, 'on');
  const last = dispatch.activities.at(-1)?.on ?? dispatch.startsOn;
  if (on < last)
    throw new PreconditionError('end_after_activities', `the dispatch has activity on ${last}`, 'on');
  return { ...dispatch, endedOn: on, version: dispatch.version + 1 };
}
