import type { FamilyStage, StageDirection, SupportStage } from './support-stage.ts';

/**
 * THE transition tables of both stage machines. Every legal move is listed here and nowhere else;
 * a move that is not in the table throws `IllegalTransitionError`.
 *
 * Rules encoded by the tables:
 * - `from: null` rows are the first entry of a track (case opening, or the family's first consultation).
 * - Forward moves go ONE step only: each stage builds on the previous one (a one-to-one relationship
 *   before small groups, small groups before trial participation). When a person really moves faster,
 *   record two moves on the same day; `stageAt` orders same-day entries by sequence.
 * - Back moves may go any number of steps (group → encounter on re-withdrawal) and always need a
 *   regression reason (checked by the machine, see `stage-machine.ts`).
 * - A move to the same stage is not a move: it is absent from the table.
 *
 * `requires` names the preconditions the machine checks for that move:
 * - `directContact`: direct contact with the person on record at or before the effective date. The
 *   stages after encounter are defined by the person's own relationship with workers and groups
 *   (DOMAIN.md: "the person forms a one-to-one relationship with a worker"), so none of them can be
 *   entered going forward (or opened at) without ever having met the person. Back moves never require
 *   it: a regression is recorded as it happened, never refused.
 * The family track has no preconditions: nothing in the domain ties family classes or family
 * associations to a prior record.
 */
export type StagePrecondition = 'directContact';

export interface StageTransition<S extends string> {
  readonly from: S | null;
  readonly to: S;
  readonly direction: StageDirection;
  readonly requires: readonly StagePrecondition[];
}

const DIRECT: readonly StagePrecondition[] = ['directContact'];
const NONE: readonly StagePrecondition[] = [];

/** 本人の支援段階 — every legal move of the person's track. */
export const SUPPORT_STAGE_TRANSITIONS: readonly StageTransition<SupportStage>[] = [
  // Opening a case. Usually at encounter; a case taken over from elsewhere may open later on.
  { from: null, to: 'encounter', direction: 'initial', requires: NONE },
  { from: null, to: 'individual', direction: 'initial', requires: DIRECT },
  { from: null, to: 'group', direction: 'initial', requires: DIRECT },
  { from: null, to: 'socialParticipation', direction: 'initial', requires: DIRECT },
  // Forward, one step.
  { from: 'encounter', to: 'individual', direction: 'forward', requires: DIRECT },
  { from: 'individual', to: 'group', direction: 'forward', requires: DIRECT },
  { from: 'group', to: 'socialParticipation', direction: 'forward', requires: DIRECT },
  // Back, any number of steps (reason required).
  { from: 'individual', to: 'encounter', direction: 'back', requires: NONE },
  { from: 'group', to: 'individual', direction: 'back', requires: NONE },
  { from: 'group', to: 'encounter', direction: 'back', requires: NONE },
  { from: 'socialParticipation', to: 'group', direction: 'back', requires: NONE },
  { from: 'socialParticipation', to: 'individual', direction: 'back', requires: NONE },
  { from: 'socialParticipation', to: 'encounter', direction: 'back', requires: NONE },
];

/** 家族支援の段階 — every legal move of the family's track. Same shape of rules, no preconditions. */
export const FAMILY_STAGE_TRANSITIONS: readonly StageTransition<FamilyStage>[] = [
  // The family track starts when the family first consults; a family already in a family class or
  // association elsewhere may start further on.
  { from: null, to: 'consultation', direction: 'initial', requires: NONE },
  { from: null, to: 'learning', direction: 'initial', requires: NONE },
  { from: null, to: 'peerSupport', direction: 'initial', requires: NONE },
  { from: null, to: 'selfSustaining', direction: 'initial', requires: NONE },
  // Forward, one step.
  { from: 'consultation', to: 'learning', direction: 'forward', requires: NONE },
  { from: 'learning', to: 'peerSupport', direction: 'forward', requires: NONE },
  { from: 'peerSupport', to: 'selfSustaining', direction: 'forward', requires: NONE },
  // Back, any number of steps (reason required).
  { from: 'learning', to: 'consultation', direction: 'back', requires: NONE },
  { from: 'peerSupport', to: 'learning', direction: 'back', requires: NONE },
  { from: 'peerSupport', to: 'consultation', direction: 'back', requires: NONE },
  { from: 'selfSustaining', to: 'peerSupport', direction: 'back', requires: NONE },
  { from: 'selfSustaining', to: 'learning', direction: 'back', requires: NONE },
  { from: 'selfSustaining', to: 'consultation', direction: 'back', requires: NONE },
];

export function findStageTransition<S extends string>(
  table: readonly StageTransition<S>[],
  from: S | null,
  to: S,
): StageTransition<S> | undefined {
  return table.find((t) => t.from === from && t.to === to);
}

/** The stages a track may move to from `from` (for UIs offering only legal choices). */
export function legalNextStages<S extends string>(
  table: readonly StageTransition<S>[],
  from: S | null,
): readonly S[] {
  return table.filter((t) => t.from === from).map((t) => t.to);
}
