import { describe, expect, it } from 'vitest';
import { addDays } from '../shared/dates.ts';
import { PreconditionError, ValidationError } from '../shared/errors.ts';
import { createPlace } from './place.ts';
import {
  allowanceDue,
  type Placement,
  placementKindOf,
  plannedDays,
  plannedDaysUsed,
  planPlacement,
  recordWorkday,
} from './placement.ts';
import {
  AKITA_FUJISATO_STYLE_RULES,
  definePlacementRules,
  KOCHI_STYLE_RULES,
  KOCHI_TRAINING_STYLE_RULES,
  type PlacementRules,
} from './placement-rules.ts';

const rules = AKITA_FUJISATO_STYLE_RULES;
const base = { caseId: 'c-1', hostPlaceId: 'pl-host' };

function refusal(fn: () => unknown): PreconditionError {
  try {
    fn();
  } catch (e) {
    if (e instanceof PreconditionError) return e;
    throw e;
  }
  throw new Error('expected a PreconditionError');
}

function plan(
  startsOn: string,
  endsOn: string,
  existing: Placement[] = [],
  r: PlacementRules = rules,
): Placement {
  return planPlacement(
    `p-${startsOn}`,
    { ...base, startsOn, endsOn },
    { rules: r, existingPlacements: existing },
  );
}

describe('placement rules presets', () => {
  it('Akita style: short under 2 weeks, 240 days, host 1,500 yen/day, nothing to the person', () => {
    expect(rules.shortMinDays).toBe(1);
    expect(rules.shortMaxDaysExclusive).toBe(14);
    expect(rules.totalCapDays).toBe(240);
    expect(rules.allowance.host).toEqual({ per: 'day', amountYen: 1500 });
    expect(rules.allowance.person.amountYen).toBe(0);
  });

  it('Kochi style: 500 yen/day person, 4,500 yen/day host; training 625 yen/hour capped at 8 h', () => {
    expect(KOCHI_STYLE_RULES.allowance.person).toEqual({ per: 'day', amountYen: 500 });
    expect(KOCHI_STYLE_RULES.allowance.host).toEqual({ per: 'day', amountYen: 4500 });
    expect(KOCHI_TRAINING_STYLE_RULES.allowance.person).toEqual({ per: 'hour', amountYen: 625 });
    expect(KOCHI_TRAINING_STYLE_RULES.allowance.maxHoursPerDay).toBe(8);
  });

  it('presets are frozen', () => {
    expect(Object.isFrozen(rules)).toBe(true);
    expect(Object.isFrozen(rules.allowance.host)).toBe(true);
  });

  it('rejects inconsistent configuration', () => {
    const allowance = {
      person: { per: 'day', amountYen: 0 },
      host: { per: 'day', amountYen: 1500 },
    } as const;
    expect(() =>
      definePlacementRules({ shortMinDays: 5, shortMaxDaysExclusive: 5, totalCapDays: 240, allowance }),
    ).toThrow(expect.objectContaining({ field: 'shortMaxDaysExclusive', rule: 'short_boundary_above_min' }));
    expect(() =>
      definePlacementRules({ shortMinDays: 5, shortMaxDaysExclusive: 14, totalCapDays: 4, allowance }),
    ).toThrow(expect.objectContaining({ field: 'totalCapDays', rule: 'cap_at_least_min' }));
    expect(() =>
      definePlacementRules({
        shortMinDays: 1,
        shortMaxDaysExclusive: 14,
        totalCapDays: 240,
        allowance: { ...allowance, host: { per: 'day', amountYen: 1.5 } },
      }),
    ).toThrow(expect.objectContaining({ name: 'ValidationError', field: 'allowance.host.amountYen' }));
  });
});

describe('planPlacement', () => {
  it('counts planned days inclusively', () => {
    expect(plannedDays('2024-06-01', '2024-06-01')).toBe(1);
    expect(plannedDays('2024-06-01', '2024-06-14')).toBe(14);
  });

  it('is short at 13 planned days and regular at 14', () => {
    const thirteen = plan('2024-06-01', '2024-06-13');
    expect(thirteen.kind).toBe('short');
    const fourteen = plan('2024-07-01', '2024-07-14');
    expect(fourteen.kind).toBe('regular');
    expect(plan('2024-08-01', '2024-08-01').kind).toBe('short');
    expect(placementKindOf('2024-06-01', '2024-06-13', { shortMaxDaysExclusive: 13 })).toBe('regular');
  });

  it('refuses an end before the start as a validation error on endsOn', () => {
    expect(() => plan('2024-06-10', '2024-06-09')).toThrow(
      expect.objectContaining({ name: 'ValidationError', field: 'endsOn', rule: 'ends_on_or_after_start' }),
    );
  });

  it('refuses a placement shorter than the scheme minimum', () => {
    const r = definePlacementRules({ ...rules, shortMinDays: 3 });
    expect(refusal(() => plan('2024-06-01', '2024-06-02', [], r)).rule).toBe('placement_min_days');
    expect(plan('2024-06-01', '2024-06-03', [], r).kind).toBe('short');
  });

  it('allows exactly the 240-day cap across placements and refuses one day more', () => {
    const first = plan('2024-04-01', addDays('2024-04-01', 199)); // 200 days
    expect(plannedDaysUsed('c-1', [first])).toBe(200);
    const fits = plan('2025-01-01', addDays('2025-01-01', 39), [first]); // 40 more → 240
    expect(plannedDaysUsed('c-1', [first, fits])).toBe(240);
    const e = refusal(() => plan('2025-01-01', addDays('2025-01-01', 40), [first])); // 41 → 241
    expect(e.rule).toBe('placement_total_cap');
    expect(e.field).toBe('endsOn');
    expect(refusal(() => plan('2025-06-01', '2025-06-01', [first, fits])).rule).toBe('placement_total_cap');
  });

  it('refuses a single placement longer than the cap', () => {
    expect(refusal(() => plan('2024-04-01', addDays('2024-04-01', 240))).rule).toBe('placement_total_cap');
  });

  it("ignores other cases' placements for cap and overlap", () => {
    const other = { ...plan('2024-04-01', addDays('2024-04-01', 239)), caseId: 'c-2' };
    expect(() => plan('2024-04-01', '2024-04-30', [other])).not.toThrow();
  });

  it('refuses overlapping placements of the case, including touching the same last day', () => {
    const first = plan('2024-06-01', '2024-06-14');
    const e = refusal(() => plan('2024-06-14', '2024-06-20', [first]));
    expect(e.rule).toBe('placement_overlap');
    expect(e.field).toBe('startsOn');
    expect(refusal(() => plan('2024-05-01', '2024-07-01', [first])).rule).toBe('placement_overlap');
    expect(plan('2024-06-15', '2024-06-20', [first]).startsOn).toBe('2024-06-15');
  });

  it('checks the host place when given', () => {
    const ibasho = createPlace('pl-host', { agencyId: 'ag-1', kind: 'ibasho', name: '居場所' });
    const e = refusal(() =>
      planPlacement(
        'p-1',
        { ...base, startsOn: '2024-06-01', endsOn: '2024-06-01' },
        { rules, existingPlacements: [], hostPlace: ibasho },
      ),
    );
    expect(e.rule).toBe('host_kind');
    const host = { ...ibasho, kind: 'workExperienceHost' } as const;
    expect(() =>
      planPlacement(
        'p-1',
        { ...base, startsOn: '2024-06-01', endsOn: '2024-06-01' },
        { rules, existingPlacements: [], hostPlace: host },
      ),
    ).not.toThrow();
  });
});

describe('recordWorkday', () => {
  const placement = plan('2024-06-01', '2024-06-14');

  it('adds days in date order without changing the original', () => {
    const p = recordWorkday(recordWorkday(placement, { on: '2024-06-05', hours: 4 }), {
      on: '2024-06-03',
      hours: 2.5,
    });
    expect(p.workdays.map((w) => w.on)).toEqual(['2024-06-03', '2024-06-05']);
    expect(placement.workdays).toEqual([]);
  });

  it('refuses a day outside the placement, a repeated day, a future day and odd hours', () => {
    expect(refusal(() => recordWorkday(placement, { on: '2024-06-15', hours: 3 })).rule).toBe(
      'workday_in_placement',
    );
    const once = recordWorkday(placement, { on: '2024-06-03', hours: 3 });
    expect(refusal(() => recordWorkday(once, { on: '2024-06-03', hours: 1 })).rule).toBe('workday_unique');
    expect(
      refusal(() => recordWorkday(placement, { on: '2024-06-10', hours: 3 }, { today: '2024-06-09' })).rule,
    ).toBe('not_in_future');
    expect(() => recordWorkday(placement, { on: '2024-06-03', hours: 1.1 })).toThrow(
      expect.objectContaining({ field: 'hours', rule: 'quarter_hours' }),
    );
    expect(() => recordWorkday(placement, { on: '2024-06-03', hours: 0 })).toThrow(ValidationError);
  });
});

describe('allowanceDue', () => {
  const worked = [
    { on: '2024-06-03', hours: 3 },
    { on: '2024-06-04', hours: 10 },
    { on: '2024-06-05', hours: 0.25 },
  ].reduce((p, w) => recordWorkday(p, w), plan('2024-06-01', '2024-06-14'));

  it('pays per day regardless of hours (Akita: host 1,500 yen/day, person 0)', () => {
    expect(allowanceDue(worked, rules)).toEqual({
      personYen: 0,
      hostYen: 4500,
      days: 3,
      hours: 13.25,
      payableHours: 13.25,
    });
  });

  it('pays per day to both parties (Kochi: 500 + 4,500 yen/day)', () => {
    const due = allowanceDue(worked, KOCHI_STYLE_RULES);
    expect(due.personYen).toBe(1500);
    expect(due.hostYen).toBe(13500);
  });

  it('pays per hour with each day capped at maxHoursPerDay, rounding down once', () => {
    // 3 h + min(10, 8) h + 0.25 h = 11.25 h × 625 = 7,031.25 → 7,031 yen
    const due = allowanceDue(worked, KOCHI_TRAINING_STYLE_RULES);
    expect(due.payableHours).toBe(11.25);
    expect(due.hours).toBe(13.25);
    expect(due.personYen).toBe(7031);
    expect(due.hostYen).toBe(15000);
  });

  it('pays all hours per hour when no daily cap is set', () => {
    const noCap = definePlacementRules({
      ...rules,
      allowance: { person: { per: 'hour', amountYen: 625 }, host: { per: 'hour', amountYen: 100 } },
    });
    const due = allowanceDue(worked, noCap);
    expect(due.payableHours).toBe(13.25);
    expect(due.personYen).toBe(8281); // 13.25 × 625 = 8,281.25
    expect(due.hostYen).toBe(1325);
  });

  it('is zero with no workdays', () => {
    expect(allowanceDue(plan('2024-06-01', '2024-06-02'), KOCHI_STYLE_RULES)).toEqual({
      personYen: 0,
      hostYen: 0,
      days: 0,
      hours: 0,
      payableHours: 0,
    });
  });
});
