import type { CaseState, StatusMove } from './case-status.ts';

/**
 * THE transition table of the case status machine: every legal move, nothing else. A move that is not
 * here throws `IllegalTransitionError`.
 *
 * `needs` names the reason list the move must carry: a pause reason, a closure reason, a reopen reason
 * (each with a note when `other`), or nothing.
 *
 * Deliberately absent:
 * - contactLost → paused: when contact comes back the case is re-engaged (active) first; a pause asked
 *   for on that day is a second entry on the same date.
 * - closed → anything but active: a case is reopened before anything else happens to it.
 * - same-state moves (e.g. paused → paused): not a change of status.
 */
export type StatusReasonKind = 'pause' | 'closure' | 'reopen' | null;

export interface StatusTransition {
  readonly from: CaseState | null;
  readonly to: CaseState;
  readonly move: StatusMove;
  readonly needs: StatusReasonKind;
}

export const CASE_STATUS_TRANSITIONS: readonly StatusTransition[] = [
  // Every case opens active.
  { from: null, to: 'active', move: 'opened', needs: null },
  // 小休止 and back; support can pause at any time.
  { from: 'active', to: 'paused', move: 'paused', needs: 'pause' },
  { from: 'paused', to: 'active', move: 'resumed', needs: null },
  // 連絡途絶 is not closure: the case stays open and can be re-engaged.
  { from: 'active', to: 'contactLost', move: 'contactLost', needs: null },
  { from: 'paused', to: 'contactLost', move: 'contactLost', needs: null },
  { from: 'contactLost', to: 'active', move: 'reEngaged', needs: null },
  // 終結, from any open state.
  { from: 'active', to: 'closed', move: 'closed', needs: 'closure' },
  { from: 'paused', to: 'closed', move: 'closed', needs: 'closure' },
  { from: 'contactLost', to: 'closed', move: 'closed', needs: 'closure' },
  // 再開 after closure.
  { from: 'closed', to: 'active', move: 'reopened', needs: 'reopen' },
];

export function findStatusTransition(from: CaseState | null, to: CaseState): StatusTransition | undefined {
  return CASE_STATUS_TRANSITIONS.find((t) => t.from === from && t.to === to);
}

/** The states a case may move to from `from` (for UIs offering only legal choices). */
export function legalNextStates(from: CaseState | null): readonly CaseState[] {
  return CASE_STATUS_TRANSITIONS.filter((t) => t.from === from).map((t) => t.to);
}
