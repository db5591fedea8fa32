import { describe, expect, it } from 'vitest';
import type { Actor } from '../shared/actor.ts';
import { IllegalTransitionError, PreconditionError, ValidationError } from '../shared/errors.ts';
import { type CaseState, type CaseStatusChange, caseStateSchema } from './case-status.ts';
import {
  type CaseStatusMoveInput,
  currentStatus,
  initialCaseStatus,
  isReviewDue,
  type StatusTransitionContext,
  statusAt,
  statusHistoryProblems,
  transitionCaseStatus,
} from './status-machine.ts';
import { CASE_STATUS_TRANSITIONS, findStatusTransition, legalNextStates } from './status-transitions.ts';

const actor: Actor = { staffId: 'staff-1', agencyId: 'agency-1', role: 'staff' };

function ctx(overrides: Partial<StatusTransitionContext> = {}): StatusTransitionContext {
  return {
    caseId: 'case-1',
    caseOpenedOn: '2024-04-01',
    actor,
    now: new Date('2024-12-01T03:00:00Z'),
    ...overrides,
  };
}

/** A complete, valid move into `to` (with whatever reason that move needs). */
function moveTo(to: CaseState, effectiveOn = '2024-06-01'): CaseStatusMoveInput {
  switch (to) {
    case 'active':
      return { to, effectiveOn };
    case 'paused':
      return { to, pauseReason: 'personWish', effectiveOn };
    case 'contactLost':
      return { to, effectiveOn };
    case 'closed':
      return { to, closureReason: 'selfChosenPath', effectiveOn };
  }
}

/** A valid history ending in `state`. */
function historyIn(state: CaseState): CaseStatusChange[] {
  const h: CaseStatusChange[] = [initialCaseStatus({ effectiveOn: '2024-04-01' }, ctx())];
  if (state !== 'active') h.push(transitionCaseStatus(h, moveTo(state, '2024-05-01'), ctx()));
  return h;
}

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected a throw');
}

describe('case status transition table', () => {
  const states = caseStateSchema.options;
  for (const from of states) {
    for (const to of states) {
      const legal = findStatusTransition(from, to);
      if (legal) {
        it(`allows ${from} → ${to} (${legal.move})`, () => {
          const h = historyIn(from);
          const input =
            legal.move === 'reopened'
              ? { to: 'active' as const, reopenReason: 'reWithdrawal' as const, effectiveOn: '2024-06-01' }
              : moveTo(to);
          const entry = transitionCaseStatus(h, input, ctx());
          expect(entry).toMatchObject({
            from,
            to,
            move: legal.move,
            sequence: h.length + 1,
            caseId: 'case-1',
          });
          expect(statusHistoryProblems([...h, entry])).toEqual([]);
          expect(currentStatus([...h, entry])?.state).toBe(to);
        });
      } else {
        it(`refuses ${from} → ${to}`, () => {
          const error = thrown(() => transitionCaseStatus(historyIn(from), moveTo(to), ctx()));
          expect(error).toBeInstanceOf(IllegalTransitionError);
          expect(error).toMatchObject({ machine: 'caseStatus', from, to, code: 'ILLEGAL_TRANSITION' });
        });
      }
    }
  }

  it('has exactly the documented moves', () => {
    expect(CASE_STATUS_TRANSITIONS).toHaveLength(10);
    expect(legalNextStates(null)).toEqual(['active']);
    expect(legalNextStates('closed')).toEqual(['active']);
    expect([...legalNextStates('contactLost')].sort()).toEqual(['active', 'closed']);
  });
});

describe('pausing (小休止)', () => {
  it('needs a pause reason and keeps it with the review date', () => {
    const h = historyIn('active');
    expect(
      thrown(() =>
        transitionCaseStatus(h, { to: 'paused', effectiveOn: '2024-06-01' } as CaseStatusMoveInput, ctx()),
      ),
    ).toMatchObject({
      field: 'pauseReason',
    });
    const entry = transitionCaseStatus(
      h,
      { to: 'paused', pauseReason: 'hospitalisation', reviewOn: '2024-09-01', effectiveOn: '2024-06-01' },
      ctx(),
    );
    expect(entry).toMatchObject({ move: 'paused', reason: 'hospitalisation', reviewOn: '2024-09-01' });
    expect(currentStatus([...h, entry])).toEqual({
      state: 'paused',
      since: '2024-06-01',
      pauseReason: 'hospitalisation',
      reviewOn: '2024-09-01',
    });
  });

  it('takes free text through "other" with a note', () => {
    const h = historyIn('active');
    expect(() =>
      transitionCaseStatus(h, { to: 'paused', pauseReason: 'other', effectiveOn: '2024-06-01' }, ctx()),
    ).toThrow(expect.objectContaining({ field: 'note', rule: 'note_required_for_other' }));
    const entry = transitionCaseStatus(
      h,
      {
        to: 'paused',
        pauseReason: 'other',
        note: 'exam season, asked for a break',
        effectiveOn: '2024-06-01',
      },
      ctx(),
    );
    expect(entry.note).toBe('exam season, asked for a break');
  });

  it('refuses a review date before the pause', () => {
    expect(
      thrown(() =>
        transitionCaseStatus(
          historyIn('active'),
          { to: 'paused', pauseReason: 'stable', reviewOn: '2024-05-31', effectiveOn: '2024-06-01' },
          ctx(),
        ),
      ),
    ).toMatchObject({ field: 'reviewOn', rule: 'review_on_not_before_effective_on' });
  });

  it('tells when the review is due', () => {
    const h = historyIn('active');
    const entry = transitionCaseStatus(
      h,
      { to: 'paused', pauseReason: 'stable', reviewOn: '2024-09-01', effectiveOn: '2024-06-01' },
      ctx(),
    );
    const status = currentStatus([...h, entry]);
    if (!status) throw new Error('no status');
    expect(isReviewDue(status, '2024-08-31')).toBe(false);
    expect(isReviewDue(status, '2024-09-01')).toBe(true);
    expect(isReviewDue({ state: 'active', since: '2024-04-01' }, '2030-01-01')).toBe(false);
  });
});

describe('closure (終結) and reopening', () => {
  it('needs a closure reason; "other" needs a note', () => {
    const h = historyIn('active');
    expect(() =>
      transitionCaseStatus(h, { to: 'closed', effectiveOn: '2024-06-01' } as CaseStatusMoveInput, ctx()),
    ).toThrow(expect.objectContaining({ field: 'closureReason' }));
    const error = thrown(() =>
      transitionCaseStatus(h, { to: 'closed', closureReason: 'other', effectiveOn: '2024-06-01' }, ctx()),
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ field: 'note', rule: 'note_required_for_other' });
    const entry = transitionCaseStatus(
      h,
      { to: 'closed', closureReason: 'other', note: 'decided at 重層的支援会議', effectiveOn: '2024-06-01' },
      ctx(),
    );
    expect(currentStatus([...h, entry])).toEqual({
      state: 'closed',
      since: '2024-06-01',
      closureReason: 'other',
    });
    // The note stays on the entry (progress record), never on the status the summary shows.
    expect(entry).toMatchObject({ note: 'decided at 重層的支援会議', noteVisibility: 'normal' });
  });

  it('reopens a closed case with a reason in a "reopened" entry', () => {
    const h = historyIn('closed');
    expect(
      thrown(() => transitionCaseStatus(h, { to: 'active', effectiveOn: '2024-07-01' }, ctx())),
    ).toMatchObject({
      field: 'reopenReason',
      rule: 'reopen_reason_required',
    });
    expect(() =>
      transitionCaseStatus(h, { to: 'active', reopenReason: 'other', effectiveOn: '2024-07-01' }, ctx()),
    ).toThrow(expect.objectContaining({ rule: 'note_required_for_other' }));
    const entry = transitionCaseStatus(
      h,
      { to: 'active', reopenReason: 'newConsultation', effectiveOn: '2024-07-01' },
      ctx(),
    );
    expect(entry).toMatchObject({
      from: 'closed',
      to: 'active',
      move: 'reopened',
      reason: 'newConsultation',
    });
    const full = [...h, entry];
    expect(statusAt(full, '2024-06-30')?.state).toBe('closed');
    expect(statusAt(full, '2024-07-01')).toEqual({ state: 'active', since: '2024-07-01' });
  });

  it('refuses a reopen reason when the case is not closed', () => {
    expect(() =>
      transitionCaseStatus(
        historyIn('paused'),
        { to: 'active', reopenReason: 'referral', effectiveOn: '2024-06-01' },
        ctx(),
      ),
    ).toThrow(expect.objectContaining({ field: 'reopenReason', rule: 'only_when_reopening' }));
  });
});

describe('contact lost (連絡途絶) is not closure', () => {
  it('goes back to active as re-engaged', () => {
    const h = historyIn('contactLost');
    expect(currentStatus(h)?.state).toBe('contactLost');
    const entry = transitionCaseStatus(h, { to: 'active', effectiveOn: '2024-08-01' }, ctx());
    expect(entry).toMatchObject({ from: 'contactLost', to: 'active', move: 'reEngaged', reason: null });
  });
});

describe('statusAt and dates', () => {
  it('answers past dates, later sequence winning on the same day', () => {
    const h: CaseStatusChange[] = [initialCaseStatus({ effectiveOn: '2024-04-01' }, ctx())];
    h.push(
      transitionCaseStatus(h, { to: 'paused', pauseReason: 'personWish', effectiveOn: '2024-05-01' }, ctx()),
    );
    h.push(transitionCaseStatus(h, { to: 'active', effectiveOn: '2024-06-01' }, ctx()));
    h.push(transitionCaseStatus(h, { to: 'contactLost', effectiveOn: '2024-06-01' }, ctx()));
    expect(statusAt(h, '2024-03-31')).toBeNull();
    expect(statusAt(h, '2024-04-15')?.state).toBe('active');
    expect(statusAt(h, '2024-05-31')?.state).toBe('paused');
    expect(statusAt([...h].reverse(), '2024-06-01')?.state).toBe('contactLost');
  });

  it('refuses dates before the previous entry, before opening or in the future', () => {
    const h = historyIn('paused'); // paused on 2024-05-01
    expect(() => transitionCaseStatus(h, moveTo('active', '2024-04-30'), ctx())).toThrow(
      expect.objectContaining({ rule: 'effective_on_not_before_previous' }),
    );
    expect(() => initialCaseStatus({ effectiveOn: '2024-03-01' }, ctx())).toThrow(
      expect.objectContaining({ rule: 'effective_on_not_before_opening' }),
    );
    expect(() => transitionCaseStatus(h, moveTo('active', '2024-12-02'), ctx())).toThrow(
      expect.objectContaining({ rule: 'effective_on_not_in_future' }),
    );
  });

  it('refuses an empty, foreign or broken history', () => {
    expect(() => transitionCaseStatus([], moveTo('paused'), ctx())).toThrow(PreconditionError);
    expect(() =>
      transitionCaseStatus(historyIn('active'), moveTo('paused'), ctx({ caseId: 'case-2' })),
    ).toThrow(expect.objectContaining({ rule: 'status_history_of_case' }));
    const [a, b] = historyIn('paused') as [CaseStatusChange, CaseStatusChange];
    expect(statusHistoryProblems([a, { ...b, from: 'closed' }]).map((p) => p.rule)).toContain(
      'from_is_previous_to',
    );
    expect(statusHistoryProblems([a, { ...b, reason: null }]).map((p) => p.rule)).toContain(
      'reason_fits_move',
    );
    expect(statusHistoryProblems([a, { ...b, move: 'closed' }]).map((p) => p.rule)).toContain(
      'transition_legal',
    );
    expect(() => transitionCaseStatus([a, { ...b, from: 'closed' }], moveTo('active'), ctx())).toThrow(
      expect.objectContaining({ rule: 'status_history_consistent' }),
    );
  });

  it('names the field of malformed input', () => {
    expect(
      thrown(() =>
        transitionCaseStatus(historyIn('active'), { to: 'gone' } as unknown as CaseStatusMoveInput, ctx()),
      ),
    ).toMatchObject({
      field: 'to',
    });
  });
});
