import { describe, expect, it } from 'vitest';
import type { Actor } from '../shared/actor.ts';
import { ValidationError, VersionConflictError } from '../shared/errors.ts';
import { recordHealthBackground, recordIntake, withdrawalDurationBand, withdrawalMonths } from './intake.ts';

const actor: Actor = { staffId: 'w1', agencyId: 'a1', role: 'staff' };
const now = new Date('2024-03-10T01:00:00Z');
const ctx = { caseId: 'c1', actor, now, birthYearMonth: '1990-04' };

function issuesOf(fn: () => unknown) {
  try {
    fn();
  } catch (e) {
    if (e instanceof ValidationError) return e.issues.map((i) => [i.field, i.rule]);
    throw e;
  }
  throw new Error('expected a validation error');
}

describe('recordIntake', () => {
  it('records onset, triggers and discovery route as version 1, then replaces the version read', () => {
    const first = recordIntake(
      null,
      {
        withdrawalOnset: '2012-04',
        triggers: ['workplaceMaladjustment', 'relationships'],
        discoveryRoute: 'family',
      },
      ctx,
    );
    expect(first).toMatchObject({
      caseId: 'c1',
      withdrawalOnset: '2012-04',
      withdrawalOnsetApproximate: false,
      triggers: ['workplaceMaladjustment', 'relationships'],
      discoveryRoute: 'family',
      version: 1,
      recordedBy: 'w1',
    });
    const second = recordIntake(first, { withdrawalOnset: null, expectedVersion: 1 }, ctx);
    expect(second).toMatchObject({ withdrawalOnset: null, triggers: [], discoveryRoute: null, version: 2 });
  });

  it('refuses a save against another version than the stored one', () => {
    const first = recordIntake(null, { triggers: ['illness'] }, ctx);
    expect(() => recordIntake(first, { triggers: ['other'] }, ctx)).toThrow(VersionConflictError);
    expect(() => recordIntake(first, { expectedVersion: 2 }, ctx)).toThrow(VersionConflictError);
    expect(() => recordIntake(null, { expectedVersion: 1 }, ctx)).toThrow(VersionConflictError);
  });

  it('names each broken rule', () => {
    expect(
      issuesOf(() =>
        recordIntake(null, { triggers: ['bullying', 'bullying'], withdrawalOnsetApproximate: true }, ctx),
      ),
    ).toEqual([
      ['triggers.1', 'triggers_unique'],
      ['withdrawalOnsetApproximate', 'approximate_needs_onset'],
    ]);
    expect(issuesOf(() => recordIntake(null, { triggers: ['unknown', 'illness'] }, ctx))).toEqual([
      ['triggers', 'unknown_alone'],
    ]);
    expect(issuesOf(() => recordIntake(null, { withdrawalOnset: '2024-04' }, ctx))).toEqual([
      ['withdrawalOnset', 'not_in_future'],
    ]);
    expect(issuesOf(() => recordIntake(null, { withdrawalOnset: '1990-03' }, ctx))).toEqual([
      ['withdrawalOnset', 'onset_after_birth'],
    ]);
    expect(issuesOf(() => recordIntake(null, { discoveryRoute: 'internet' as never }, ctx))[0]?.[0]).toBe(
      'discoveryRoute',
    );
  });
});

describe('recordHealthBackground', () => {
  it('defaults what is not known to unknown and keeps a walled note', () => {
    const health = recordHealthBackground(
      null,
      {
        developmentalDisability: 'suspected',
        note: { text: ' 幼少期に発達相談 ', visibility: 'notForPerson' },
      },
      ctx,
    );
    expect(health).toMatchObject({
      medicalCare: 'unknown',
      developmentalDisability: 'suspected',
      mentalIllness: 'unknown',
      disabilityCertificate: 'unknown',
      note: { text: '幼少期に発達相談', visibility: 'notForPerson' },
      version: 1,
    });
    expect(() => recordHealthBackground(health, {}, ctx)).toThrow(VersionConflictError);
    expect(recordHealthBackground(health, { expectedVersion: 1 }, ctx).note).toBeNull();
  });

  it('refuses an empty note and an unknown category', () => {
    expect(issuesOf(() => recordHealthBackground(null, { note: { text: '  ' } }, ctx))[0]).toEqual([
      'note.text',
      'too_small',
    ]);
    expect(
      issuesOf(() => recordHealthBackground(null, { medicalCare: 'sometimes' as never }, ctx))[0]?.[0],
    ).toBe('medicalCare');
  });
});

describe('withdrawal duration', () => {
  it('counts whole months from the onset month and bands them as the survey does', () => {
    expect(withdrawalMonths(null, '2024-03-10')).toBeNull();
    expect(withdrawalMonths('2024-03', '2024-03-31')).toBe(0);
    expect(withdrawalMonths('2022-04', '2024-03-01')).toBe(23);
    expect(withdrawalDurationBand('2023-04', '2024-03-31')).toBe('underOneYear');
    expect(withdrawalDurationBand('2023-03', '2024-03-01')).toBe('oneToTwoYears');
    expect(withdrawalDurationBand('2022-03', '2024-03-01')).toBe('twoToFiveYears');
    expect(withdrawalDurationBand('2014-03', '2024-03-01')).toBe('tenToFifteenYears');
    expect(withdrawalDurationBand('1994-03', '2024-03-01')).toBe('thirtyYearsOrMore');
    expect(withdrawalDurationBand('1994-04', '2024-03-01')).toBe('twentyToThirtyYears');
    expect(withdrawalDurationBand(null, '2024-03-01')).toBeNull();
  });
});
