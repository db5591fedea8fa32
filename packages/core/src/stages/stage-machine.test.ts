import { describe, expect, it } from 'vitest';
import type { Actor } from '../shared/actor.ts';
import { IllegalTransitionError, PreconditionError, ValidationError } from '../shared/errors.ts';
import {
  assertStageHistoryConsistent,
  currentStage,
  type FamilyStageChange,
  type SupportStageChange,
  stageAt,
  stageHistoryProblems,
} from './stage-history.ts';
import {
  type FamilyStageTransitionContext,
  initialFamilyStage,
  initialSupportStage,
  moveFamilyStage,
  moveSupportStage,
  type StageTransitionContext,
} from './stage-machine.ts';
import {
  FAMILY_STAGE_TRANSITIONS,
  findStageTransition,
  SUPPORT_STAGE_TRANSITIONS,
} from './stage-transitions.ts';
import {
  FAMILY_STAGE_ORDER,
  type FamilyStage,
  familyStageIndex,
  SUPPORT_STAGE_ORDER,
  type SupportStage,
  supportStageIndex,
} from './support-stage.ts';

const actor: Actor = { staffId: 'staff-1', agencyId: 'agency-1', role: 'staff' };

function ctx(overrides: Partial<StageTransitionContext> = {}): StageTransitionContext {
  return {
    caseId: 'case-1',
    caseOpenedOn: '2024-04-01',
    firstDirectContactOn: '2024-04-01',
    actor,
    now: new Date('2024-12-01T03:00:00Z'),
    ...overrides,
  };
}

function familyCtx(overrides: Partial<FamilyStageTransitionContext> = {}): FamilyStageTransitionContext {
  const { firstDirectContactOn: _ignored, ...rest } = ctx();
  return { ...rest, ...overrides };
}

/** A consistent person history that ends in `stage`, walking forward from encounter one step a day. */
function personHistoryAt(stage: SupportStage): SupportStageChange[] {
  const history: SupportStageChange[] = [
    initialSupportStage({ stage: 'encounter', effectiveOn: '2024-04-01' }, ctx()),
  ];
  for (let i = 1; i <= supportStageIndex(stage); i++) {
    const to = SUPPORT_STAGE_ORDER[i] as SupportStage;
    history.push(moveSupportStage(history, { to, effectiveOn: `2024-05-0${i}` }, ctx()));
  }
  return history;
}

function familyHistoryAt(stage: FamilyStage): FamilyStageChange[] {
  const history: FamilyStageChange[] = [
    initialFamilyStage({ stage: 'consultation', effectiveOn: '2024-04-01' }, familyCtx()),
  ];
  for (let i = 1; i <= familyStageIndex(stage); i++) {
    const to = FAMILY_STAGE_ORDER[i] as FamilyStage;
    history.push(moveFamilyStage(history, { to, effectiveOn: `2024-05-0${i}` }, familyCtx()));
  }
  return history;
}

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected a throw');
}

describe('support stage transition table', () => {
  it('lists forward moves of exactly one step and back moves of any length, never a same-stage move', () => {
    for (const t of SUPPORT_STAGE_TRANSITIONS) {
      if (t.from === null) {
        expect(t.direction).toBe('initial');
        continue;
      }
      const step = supportStageIndex(t.to) - supportStageIndex(t.from);
      expect(step).not.toBe(0);
      expect(t.direction).toBe(step > 0 ? 'forward' : 'back');
      if (step > 0) expect(step).toBe(1);
    }
    // 4 initial, 3 forward, 6 back.
    expect(SUPPORT_STAGE_TRANSITIONS).toHaveLength(13);
  });

  const pairs = SUPPORT_STAGE_ORDER.flatMap((from) => SUPPORT_STAGE_ORDER.map((to) => [from, to] as const));

  for (const [from, to] of pairs) {
    const legal = findStageTransition(SUPPORT_STAGE_TRANSITIONS, from, to);
    if (legal) {
      it(`allows ${from} → ${to} (${legal.direction})`, () => {
        const history = personHistoryAt(from);
        const entry = moveSupportStage(
          history,
          { to, reason: legal.direction === 'back' ? 'reWithdrawal' : undefined, effectiveOn: '2024-06-01' },
          ctx(),
        );
        expect(entry).toMatchObject({
          from,
          to,
          direction: legal.direction,
          caseId: 'case-1',
          track: 'person',
        });
        expect(entry.sequence).toBe(history.length + 1);
        expect(entry.reason).toBe(legal.direction === 'back' ? 'reWithdrawal' : 'progress');
        expect(stageHistoryProblems([...history, entry], 'person')).toEqual([]);
      });
    } else {
      it(`refuses ${from} → ${to}`, () => {
        const history = personHistoryAt(from);
        const error = thrown(() =>
          moveSupportStage(history, { to, reason: 'personWish', effectiveOn: '2024-06-01' }, ctx()),
        );
        expect(error).toBeInstanceOf(IllegalTransitionError);
        expect(error).toMatchObject({ machine: 'supportStage', from, to, code: 'ILLEGAL_TRANSITION' });
      });
    }
  }

  it('explains why a skip forward and a same-stage move are refused', () => {
    expect(() =>
      moveSupportStage(personHistoryAt('encounter'), { to: 'group', effectiveOn: '2024-06-01' }, ctx()),
    ).toThrow(/one stage at a time/);
    expect(() =>
      moveSupportStage(personHistoryAt('group'), { to: 'group', effectiveOn: '2024-06-01' }, ctx()),
    ).toThrow(/already in this stage/);
  });

  it('opens at any stage through the initial rows, later stages only with direct contact', () => {
    for (const stage of SUPPORT_STAGE_ORDER) {
      const entry = initialSupportStage({ stage, effectiveOn: '2024-04-01' }, ctx());
      expect(entry).toMatchObject({
        from: null,
        to: stage,
        direction: 'initial',
        reason: 'initial',
        sequence: 1,
      });
    }
    expect(
      initialSupportStage(
        { stage: 'encounter', effectiveOn: '2024-04-01' },
        ctx({ firstDirectContactOn: null }),
      ).to,
    ).toBe('encounter');
    const error = thrown(() =>
      initialSupportStage({ stage: 'group', effectiveOn: '2024-04-01' }, ctx({ firstDirectContactOn: null })),
    );
    expect(error).toBeInstanceOf(PreconditionError);
    expect(error).toMatchObject({ rule: 'direct_contact_required' });
  });

  it('refuses a move on an empty history (the track starts with the initial entry)', () => {
    expect(() => moveSupportStage([], { to: 'individual', effectiveOn: '2024-06-01' }, ctx())).toThrow(
      expect.objectContaining({ rule: 'stage_history_started' }),
    );
  });
});

describe('regression (stepping back)', () => {
  it('requires a regression reason', () => {
    const history = personHistoryAt('group');
    const error = thrown(() =>
      moveSupportStage(history, { to: 'encounter', effectiveOn: '2024-06-01' }, ctx()),
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ field: 'reason', rule: 'regression_reason_required' });
    expect(() =>
      moveSupportStage(history, { to: 'encounter', reason: 'progress', effectiveOn: '2024-06-01' }, ctx()),
    ).toThrow(expect.objectContaining({ rule: 'regression_reason_required' }));
  });

  it('records the reason and note in the history entry', () => {
    const history = personHistoryAt('group');
    const entry = moveSupportStage(
      history,
      {
        to: 'encounter',
        reason: 'reWithdrawal',
        note: '  stopped attending the 居場所  ',
        effectiveOn: '2024-06-01',
      },
      ctx(),
    );
    expect(entry).toMatchObject({
      from: 'group',
      to: 'encounter',
      direction: 'back',
      reason: 'reWithdrawal',
      note: 'stopped attending the 居場所',
      actor,
      effectiveOn: '2024-06-01',
      recordedAt: new Date('2024-12-01T03:00:00Z'),
    });
    expect(currentStage([...history, entry])).toBe('encounter');
  });

  it('needs a note when the reason is "other"', () => {
    const history = personHistoryAt('individual');
    expect(
      thrown(() =>
        moveSupportStage(history, { to: 'encounter', reason: 'other', effectiveOn: '2024-06-01' }, ctx()),
      ),
    ).toMatchObject({
      field: 'note',
      rule: 'note_required_for_other',
    });
    expect(() =>
      moveSupportStage(
        history,
        { to: 'encounter', reason: 'other', note: '   ', effectiveOn: '2024-06-01' },
        ctx(),
      ),
    ).toThrow(ValidationError);
    const ok = moveSupportStage(
      history,
      {
        to: 'encounter',
        reason: 'other',
        note: 'family moved in with grandparents',
        effectiveOn: '2024-06-01',
      },
      ctx(),
    );
    expect(ok.reason).toBe('other');
  });

  it('refuses a regression reason on a forward move', () => {
    expect(() =>
      moveSupportStage(
        personHistoryAt('encounter'),
        { to: 'individual', reason: 'crisis', effectiveOn: '2024-06-01' },
        ctx(),
      ),
    ).toThrow(expect.objectContaining({ field: 'reason', rule: 'forward_reason_is_progress' }));
  });

  it('never needs direct contact to step back', () => {
    const history = personHistoryAt('group');
    const entry = moveSupportStage(
      history,
      { to: 'individual', reason: 'healthDeterioration', effectiveOn: '2024-06-01' },
      ctx({ firstDirectContactOn: null }),
    );
    expect(entry.to).toBe('individual');
  });
});

describe('direct contact precondition', () => {
  const history = () => personHistoryAt('encounter');

  it('refuses the individual stage with no direct contact on record', () => {
    const error = thrown(() =>
      moveSupportStage(
        history(),
        { to: 'individual', effectiveOn: '2024-06-01' },
        ctx({ firstDirectContactOn: null }),
      ),
    );
    expect(error).toBeInstanceOf(PreconditionError);
    expect(error).toMatchObject({ rule: 'direct_contact_required', field: 'to' });
  });

  it('refuses it when the first direct contact is after the effective date', () => {
    expect(() =>
      moveSupportStage(
        history(),
        { to: 'individual', effectiveOn: '2024-06-01' },
        ctx({ firstDirectContactOn: '2024-06-02' }),
      ),
    ).toThrow(expect.objectContaining({ rule: 'direct_contact_required' }));
  });

  it('allows it with direct contact on or before the effective date', () => {
    const entry = moveSupportStage(
      history(),
      { to: 'individual', effectiveOn: '2024-06-01' },
      ctx({ firstDirectContactOn: '2024-06-01' }),
    );
    expect(entry).toMatchObject({
      from: 'encounter',
      to: 'individual',
      direction: 'forward',
      reason: 'progress',
    });
  });

  it('applies to group and social participation going forward too', () => {
    for (const [from, to] of [
      ['individual', 'group'],
      ['group', 'socialParticipation'],
    ] as const) {
      expect(() =>
        moveSupportStage(
          personHistoryAt(from),
          { to, effectiveOn: '2024-06-01' },
          ctx({ firstDirectContactOn: null }),
        ),
      ).toThrow(expect.objectContaining({ rule: 'direct_contact_required' }));
    }
  });
});

describe('effective dates', () => {
  it('cannot precede the previous entry', () => {
    const history = personHistoryAt('individual'); // last entry effective 2024-05-01
    expect(
      thrown(() => moveSupportStage(history, { to: 'group', effectiveOn: '2024-04-30' }, ctx())),
    ).toMatchObject({
      rule: 'effective_on_not_before_previous',
      field: 'effectiveOn',
    });
    // The same day as the previous entry is fine.
    expect(moveSupportStage(history, { to: 'group', effectiveOn: '2024-05-01' }, ctx()).to).toBe('group');
  });

  it('cannot precede the case opening', () => {
    expect(() => initialSupportStage({ stage: 'encounter', effectiveOn: '2024-03-31' }, ctx())).toThrow(
      expect.objectContaining({ rule: 'effective_on_not_before_opening' }),
    );
  });

  it('cannot be in the future (today is taken in Japan time from ctx.now)', () => {
    // 2024-11-30T15:30Z is already 1 December in Japan.
    const now = new Date('2024-11-30T15:30:00Z');
    const history = personHistoryAt('encounter');
    expect(moveSupportStage(history, { to: 'individual', effectiveOn: '2024-12-01' }, ctx({ now })).to).toBe(
      'individual',
    );
    expect(() =>
      moveSupportStage(history, { to: 'individual', effectiveOn: '2024-12-02' }, ctx({ now })),
    ).toThrow(expect.objectContaining({ rule: 'effective_on_not_in_future' }));
  });

  it('rejects malformed input with the field named', () => {
    expect(
      thrown(() =>
        moveSupportStage(
          personHistoryAt('encounter'),
          { to: 'individual', effectiveOn: '2024-02-30' },
          ctx(),
        ),
      ),
    ).toMatchObject({ field: 'effectiveOn', rule: 'calendar_date' });
    expect(
      thrown(() =>
        moveSupportStage(
          personHistoryAt('encounter'),
          { to: 'employed' as SupportStage, effectiveOn: '2024-06-01' },
          ctx(),
        ),
      ),
    ).toMatchObject({ field: 'to' });
  });
});

describe('stageAt and currentStage', () => {
  // encounter 04-01, individual 05-01, group 06-10, back to encounter 06-10 (same day), individual 07-01
  function history(): SupportStageChange[] {
    const h: SupportStageChange[] = [
      initialSupportStage({ stage: 'encounter', effectiveOn: '2024-04-01' }, ctx()),
    ];
    h.push(moveSupportStage(h, { to: 'individual', effectiveOn: '2024-05-01' }, ctx()));
    h.push(moveSupportStage(h, { to: 'group', effectiveOn: '2024-06-10' }, ctx()));
    h.push(moveSupportStage(h, { to: 'encounter', reason: 'crisis', effectiveOn: '2024-06-10' }, ctx()));
    h.push(moveSupportStage(h, { to: 'individual', effectiveOn: '2024-07-01' }, ctx()));
    return h;
  }

  it('answers past dates', () => {
    const h = history();
    expect(stageAt(h, '2024-03-31')).toBeNull();
    expect(stageAt(h, '2024-04-01')).toBe('encounter');
    expect(stageAt(h, '2024-04-30')).toBe('encounter');
    expect(stageAt(h, '2024-05-01')).toBe('individual');
    expect(stageAt(h, '2024-06-09')).toBe('individual');
    expect(stageAt(h, '2024-06-30')).toBe('encounter');
    expect(stageAt(h, '2024-07-01')).toBe('individual');
    expect(stageAt(h, '2030-01-01')).toBe('individual');
  });

  it('lets the later sequence win among moves on the same day, whatever the array order', () => {
    const h = history();
    expect(stageAt(h, '2024-06-10')).toBe('encounter');
    const shuffled = [h[3], h[0], h[4], h[2], h[1]] as SupportStageChange[];
    expect(stageAt(shuffled, '2024-06-10')).toBe('encounter');
    expect(currentStage(shuffled)).toBe('individual');
    expect(moveSupportStage(shuffled, { to: 'group', effectiveOn: '2024-07-02' }, ctx()).sequence).toBe(6);
  });

  it('records a one-step-at-a-time jump as two moves on one day', () => {
    const h = personHistoryAt('encounter');
    const first = moveSupportStage(h, { to: 'individual', effectiveOn: '2024-06-01' }, ctx());
    const second = moveSupportStage([...h, first], { to: 'group', effectiveOn: '2024-06-01' }, ctx());
    expect(stageAt([...h, first, second], '2024-06-01')).toBe('group');
  });

  it('gives null for an empty history', () => {
    expect(currentStage([])).toBeNull();
    expect(stageAt([], '2024-01-01')).toBeNull();
  });
});

describe('history consistency', () => {
  it('accepts a history built by the machine', () => {
    expect(stageHistoryProblems(personHistoryAt('socialParticipation'), 'person')).toEqual([]);
  });

  it('finds a broken chain, a gap in sequences, a backdated entry and a reasonless back move', () => {
    const [a, b, c] = personHistoryAt('group') as [
      SupportStageChange,
      SupportStageChange,
      SupportStageChange,
    ];
    const rules = (h: SupportStageChange[]) => stageHistoryProblems(h, 'person').map((p) => p.rule);
    expect(rules([a, b, { ...c, from: 'encounter' }])).toContain('from_is_previous_to');
    expect(rules([a, { ...c, sequence: 3 }])).toContain('sequence_contiguous');
    expect(rules([a, b, { ...c, effectiveOn: '2024-04-15' }])).toContain('effective_on_order');
    expect(rules([{ ...a, from: 'group', direction: 'back' }])).toContain('first_is_initial');
    expect(rules([a, b, { ...c, to: 'encounter', direction: 'back' }])).toContain('reason_matches_direction');
    expect(rules([a, b, { ...c, to: 'encounter', direction: 'back', reason: 'other' }])).toContain(
      'note_required_for_other',
    );
    expect(rules([a, { ...b, to: 'group' }])).toContain('transition_legal');
    expect(rules([a, { ...b, caseId: 'case-2' }])).toContain('case_id');
    expect(() => assertStageHistoryConsistent([a, b, { ...c, from: 'encounter' }], 'person')).toThrow(
      expect.objectContaining({ rule: 'stage_history_consistent' }),
    );
  });

  it('refuses to append to an inconsistent history or to another case', () => {
    const [a, b] = personHistoryAt('individual') as [SupportStageChange, SupportStageChange];
    expect(() =>
      moveSupportStage([a, { ...b, from: 'group' }], { to: 'group', effectiveOn: '2024-06-01' }, ctx()),
    ).toThrow(expect.objectContaining({ rule: 'stage_history_consistent' }));
    expect(() =>
      moveSupportStage([a, b], { to: 'group', effectiveOn: '2024-06-01' }, ctx({ caseId: 'case-2' })),
    ).toThrow(expect.objectContaining({ rule: 'stage_history_of_case' }));
  });
});

describe('family stage track', () => {
  it('lists one-step forward moves and any-length back moves', () => {
    for (const t of FAMILY_STAGE_TRANSITIONS) {
      if (t.from === null) continue;
      const step = familyStageIndex(t.to) - familyStageIndex(t.from);
      expect(t.direction).toBe(step > 0 ? 'forward' : 'back');
      if (step > 0) expect(step).toBe(1);
      expect(t.requires).toEqual([]);
    }
    expect(FAMILY_STAGE_TRANSITIONS).toHaveLength(13);
  });

  const pairs = FAMILY_STAGE_ORDER.flatMap((from) => FAMILY_STAGE_ORDER.map((to) => [from, to] as const));
  for (const [from, to] of pairs) {
    const legal = findStageTransition(FAMILY_STAGE_TRANSITIONS, from, to);
    if (legal) {
      it(`allows family ${from} → ${to} (${legal.direction})`, () => {
        const history = familyHistoryAt(from);
        const entry = moveFamilyStage(
          history,
          {
            to,
            reason: legal.direction === 'back' ? 'householdChange' : undefined,
            effectiveOn: '2024-06-01',
          },
          familyCtx(),
        );
        expect(entry).toMatchObject({ from, to, direction: legal.direction, track: 'family' });
        expect(stageHistoryProblems([...history, entry], 'family')).toEqual([]);
      });
    } else {
      it(`refuses family ${from} → ${to}`, () => {
        const error = thrown(() =>
          moveFamilyStage(
            familyHistoryAt(from),
            { to, reason: 'familyWish', effectiveOn: '2024-06-01' },
            familyCtx(),
          ),
        );
        expect(error).toBeInstanceOf(IllegalTransitionError);
        expect(error).toMatchObject({ machine: 'familyStage', from, to });
      });
    }
  }

  it('needs a family regression reason to step back, and a note for "other"', () => {
    const history = familyHistoryAt('peerSupport');
    expect(() =>
      moveFamilyStage(history, { to: 'consultation', effectiveOn: '2024-06-01' }, familyCtx()),
    ).toThrow(expect.objectContaining({ rule: 'regression_reason_required' }));
    // reWithdrawal is a reason of the person's track, not the family's.
    expect(() =>
      moveFamilyStage(
        history,
        { to: 'consultation', reason: 'reWithdrawal' as 'other', effectiveOn: '2024-06-01' },
        familyCtx(),
      ),
    ).toThrow(expect.objectContaining({ field: 'reason' }));
    expect(() =>
      moveFamilyStage(
        history,
        { to: 'consultation', reason: 'other', effectiveOn: '2024-06-01' },
        familyCtx(),
      ),
    ).toThrow(expect.objectContaining({ rule: 'note_required_for_other' }));
    const entry = moveFamilyStage(
      history,
      { to: 'consultation', reason: 'householdChange', note: 'father needs care', effectiveOn: '2024-06-01' },
      familyCtx(),
    );
    expect(entry).toMatchObject({ reason: 'householdChange', note: 'father needs care', direction: 'back' });
  });

  it('keeps the tracks apart: a person history is not a family history', () => {
    const person = personHistoryAt('individual');
    expect(stageHistoryProblems(person, 'family').map((p) => p.rule)).toContain('track');
    expect(() =>
      moveFamilyStage(
        person as unknown as FamilyStageChange[],
        { to: 'learning', effectiveOn: '2024-06-01' },
        familyCtx(),
      ),
    ).toThrow(PreconditionError);
  });
});
