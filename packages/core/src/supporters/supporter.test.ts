import { describe, expect, it } from 'vitest';
import {
  addYears,
  changeSupporterStatus,
  dispatchSupporter,
  endDispatch,
  followUpDueOn,
  isFollowUpDue,
  recordFollowUpTraining,
  recordSupporterActivity,
  registerSupporter,
} from './supporter.ts';

const supporter = registerSupporter(
  's1',
  'centre',
  {
    displayName: '架空 花子',
    municipalityCode: '242012',
    trainedOn: '2020-02-29',
    registeredOn: '2020-04-01',
  },
  '2023-06-01',
);

describe('supporter registry', () => {
  it('makes follow-up training due 3 years after the last training', () => {
    expect(addYears('2020-02-29', 3)).toBe('2023-02-28');
    expect(followUpDueOn(supporter)).toBe('2023-02-28');
    expect(isFollowUpDue(supporter, '2023-02-27')).toBe(false);
    expect(isFollowUpDue(supporter, '2023-02-28')).toBe(true);
    const renewed = recordFollowUpTraining(supporter, '2023-03-10', '2023-06-01');
    expect(followUpDueOn(renewed)).toBe('2026-03-10');
    expect(isFollowUpDue(renewed, '2023-06-01')).toBe(false);
    expect(isFollowUpDue(changeSupporterStatus(supporter, 'suspended'), '2024-01-01')).toBe(false);
  });

  it('refuses bad dates naming the field and rule', () => {
    expect(() =>
      registerSupporter(
        's2',
        'centre',
        { displayName: 'x', municipalityCode: '242012', trainedOn: '2023-05-01', registeredOn: '2023-04-01' },
        '2023-06-01',
      ),
    ).toThrow(expect.objectContaining({ rule: 'registered_after_training', field: 'registeredOn' }));
    expect(() => recordFollowUpTraining(supporter, '2019-01-01', '2023-06-01')).toThrow(
      expect.objectContaining({ rule: 'after_last_training' }),
    );
    expect(() => recordFollowUpTraining(supporter, '2023-06-02', '2023-06-01')).toThrow(
      expect.objectContaining({ rule: 'not_in_future' }),
    );
  });

  it('dispatches only a current supporter and keeps activity within the dispatch', () => {
    const input = {
      supporterId: 's1',
      target: { kind: 'case' as const, caseId: 'c1' },
      startsOn: '2023-03-01',
    };
    expect(() => dispatchSupporter('d1', input, supporter, '2023-06-01')).toThrow(
      expect.objectContaining({ rule: 'follow_up_current', field: 'startsOn' }),
    );
    const renewed = recordFollowUpTraining(supporter, '2023-02-20', '2023-06-01');
    const dispatch = dispatchSupporter('d1', input, renewed, '2023-06-01');
    expect(dispatch).toMatchObject({ agencyId: 'centre', endedOn: null, version: 1 });
    const withActivity = recordSupporterActivity(dispatch, { on: '2023-03-05', minutes: 90 }, '2023-06-01');
    expect(withActivity.activities).toEqual([{ on: '2023-03-05', minutes: 90 }]);
    expect(() => recordSupporterActivity(dispatch, { on: '2023-02-28', minutes: 30 }, '2023-06-01')).toThrow(
      expect.objectContaining({ rule: 'activity_within_dispatch' }),
    );
    expect(() => endDispatch(withActivity, '2023-03-04')).toThrow(
      expect.objectContaining({ rule: 'end_after_activities' }),
    );
    const ended = endDispatch(withActivity, '2023-03-31');
    expect(() => recordSupporterActivity(ended, { on: '2023-04-01', minutes: 30 }, '2023-06-01')).toThrow(
      expect.objectContaining({ rule: 'activity_within_dispatch' }),
    );
    expect(() =>
      dispatchSupporter('d2', input, changeSupporterStatus(renewed, 'retired'), '2023-06-01'),
    ).toThrow(expect.objectContaining({ rule: 'supporter_active' }));
  });
});
