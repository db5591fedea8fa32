import { z } from 'zod';
import { type CalendarDate, calendarDateSchema } from '../shared/dates.ts';
import { PreconditionError, parseInput } from '../shared/errors.ts';
import type { PlaceId, ProgrammeId, ProgrammeSessionId } from '../shared/ids.ts';
import { text, textUpTo } from '../shared/text.ts';
import type { Place } from './place.ts';

/** Who a programme is for. 家族教室 are usually `family`; 居場所 `person`; some are open to `both`. */
export const ProgrammeAudience = {
  Person: 'person', // 本人
  Family: 'family', // 家族
  Both: 'both', // 本人・家族
} as const;
export type ProgrammeAudience = (typeof ProgrammeAudience)[keyof typeof ProgrammeAudience];
export const programmeAudienceSchema = z.enum(['person', 'family', 'both']);

/** A recurring activity held at a place (e.g. 月1回の家族会, 週2回の居場所). */
export interface Programme {
  readonly id: ProgrammeId;
  readonly placeId: PlaceId;
  readonly name: string;
  readonly audience: ProgrammeAudience;
  /** Attendance by video call is allowed even though the place itself meets in person (hybrid). */
  readonly allowsOnline: boolean;
  /** How often it meets, in the operator's words (e.g. 毎月第2土曜). */
  readonly frequency: string | null;
  readonly active: boolean;
}

export const programmeInputSchema = z.object({
  placeId: text('id'),
  name: text('name'),
  audience: programmeAudienceSchema,
  allowsOnline: z.boolean().default(false),
  frequency: textUpTo('name')
    .nullish()
    .transform((v) => (v ? v : null)),
  active: z.boolean().default(true),
});
export type ProgrammeInput = z.input<typeof programmeInputSchema>;

/**
 * A new programme at `place`. The place must be the one named (`place_matches`) and active
 * (`place_active`); a host employer runs placements, not programmes (`place_kind`).
 */
export function createProgramme(id: ProgrammeId, input: ProgrammeInput, ctx: { place: Place }): Programme {
  if (!id) throw new PreconditionError('id_given', 'a new programme needs an id', 'id');
  const parsed = parseInput(programmeInputSchema, input);
  if (ctx.place.id !== parsed.placeId)
    throw new PreconditionError('place_matches', `place ${ctx.place.id} is not ${parsed.placeId}`, 'placeId');
  if (!ctx.place.active)
    throw new PreconditionError('place_active', `place ${ctx.place.id} is inactive`, 'placeId');
  if (ctx.place.kind === 'workExperienceHost')
    throw new PreconditionError(
      'place_kind',
      'a work experience host takes placements, not programmes',
      'placeId',
    );
  return { id, ...parsed };
}

/** One meeting of a programme (開催回). */
export interface ProgrammeSession {
  readonly id: ProgrammeSessionId;
  readonly programmeId: ProgrammeId;
  readonly heldOn: CalendarDate;
  /** Local start time `HH:MM` (Japan time), when known. */
  readonly startsAt: string | null;
  readonly durationMinutes: number | null;
}

export const programmeSessionInputSchema = z.object({
  programmeId: text('id'),
  heldOn: calendarDateSchema,
  startsAt: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'must be a time HH:MM' })
    .nullish()
    .transform((v) => v ?? null),
  durationMinutes: z
    .number()
    .int()
    .positive()
    .max(24 * 60)
    .nullish()
    .transform((v) => v ?? null),
});
export type ProgrammeSessionInput = z.input<typeof programmeSessionInputSchema>;

export function createProgrammeSession(
  id: ProgrammeSessionId,
  input: ProgrammeSessionInput,
): ProgrammeSession {
  if (!id) throw new PreconditionError('id_given', 'a new session needs an id', 'id');
  return { id, ...parseInput(programmeSessionInputSchema, input) };
}
