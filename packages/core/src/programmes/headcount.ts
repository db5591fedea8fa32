import { z } from 'zod';
import type { Actor } from '../shared/actor.ts';
import { PreconditionError, parseInput } from '../shared/errors.ts';
import type { ProgrammeSessionId } from '../shared/ids.ts';
import type { Programme, ProgrammeSession } from './programme.ts';

/**
 * 未登録参加者数: people at a session who are not registered cases (a first visit to a 居場所, a parent
 * at a 家族教室 who has not consulted). Counted per session, by audience, in 延べ only: nobody is
 * identified, so they never add to 実人数. Registered attendees are `Attendance` records, not this.
 */
export interface SessionHeadcount {
  readonly sessionId: ProgrammeSessionId;
  /** 本人 not registered as a case. */
  readonly persons: number;
  /** 家族 of people not registered as a case. */
  readonly familyMembers: number;
  readonly recordedBy: Actor;
  readonly recordedAt: Date;
  /** Corrections replace the count; the version guards against a lost update. */
  readonly version: number;
}

export const sessionHeadcountInputSchema = z.object({
  persons: z.number().int().min(0).max(1000).default(0),
  familyMembers: z.number().int().min(0).max(1000).default(0),
});
export type SessionHeadcountInput = z.input<typeof sessionHeadcountInputSchema>;

/**
 * Sets the unregistered headcount of a session (a correction replaces it). The counts must fit the
 * programme's audience (`audience`): a family class has no persons, a person-only 居場所 no family.
 */
export function recordSessionHeadcount(
  input: SessionHeadcountInput,
  ctx: {
    readonly session: ProgrammeSession;
    readonly programme: Programme;
    readonly previous: SessionHeadcount | null;
    readonly actor: Actor;
    readonly now: Date;
  },
): SessionHeadcount {
  const parsed = parseInput(sessionHeadcountInputSchema, input);
  if (ctx.session.programmeId !== ctx.programme.id)
    throw new PreconditionError(
      'programme_matches',
      'session and programme do not belong together',
      'sessionId',
    );
  if (ctx.programme.audience === 'family' && parsed.persons > 0)
    throw new PreconditionError('audience', `${ctx.programme.name} is for family members only`, 'persons');
  if (ctx.programme.audience === 'person' && parsed.familyMembers > 0)
    throw new PreconditionError('audience', `${ctx.programme.name} is for the person only`, 'familyMembers');
  return {
    sessionId: ctx.session.id,
    ...parsed,
    recordedBy: ctx.actor,
    recordedAt: ctx.now,
    version: (ctx.previous?.version ?? 0) + 1,
  };
}
