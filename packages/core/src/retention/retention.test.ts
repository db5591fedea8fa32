import { describe, expect, it } from 'vitest';
import { isPastRetention, retentionCutoff } from './retention.ts';

describe('retention period', () => {
  it('counts whole years back from the day, 29 February falling back to the 28th', () => {
    expect(retentionCutoff('2030-04-01', 5)).toBe('2025-04-01');
    expect(retentionCutoff('2028-02-29', 5)).toBe('2023-02-28');
    expect(retentionCutoff('2028-02-29', 4)).toBe('2024-02-29');
  });

  it('takes only a closed case, closed on or before the cutoff', () => {
    const closed = { state: 'closed', since: '2025-04-01', closureReason: 'work' } as const;
    expect(isPastRetention(closed, '2025-04-01')).toBe(true);
    expect(isPastRetention(closed, '2025-03-31')).toBe(false);
    expect(
      isPastRetention(
        { state: 'paused', since: '2020-01-01', pauseReason: 'stable', reviewOn: null },
        '2025-01-01',
      ),
    ).toBe(false);
  });
});
