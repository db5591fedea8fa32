import { describe, expect, it } from 'vitest';
import { timeOrderedId } from './time-ordered-id.ts';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('timeOrderedId', () => {
  it('is a version 7 UUID whose first 48 bits are the instant in milliseconds', () => {
    const at = new Date('2026-04-01T09:30:00.123Z');
    const id = timeOrderedId(at);
    expect(id).toMatch(UUID_V7);
    expect(Number.parseInt(id.replaceAll('-', '').slice(0, 12), 16)).toBe(at.getTime());
  });

  it('sorts ids of later instants after earlier ones, as text', () => {
    const instants = [0, 1, 255, 256, 65_535, Date.parse('2026-12-31T23:59:59.999Z'), 2 ** 47].map(
      (ms) => new Date(ms),
    );
    const ids = instants.map(timeOrderedId);
    expect([...ids].sort()).toEqual(ids);
  });

  it('gives different ids for the same instant', () => {
    const at = new Date('2026-04-01T00:00:00Z');
    const ids = new Set(Array.from({ length: 10_000 }, () => timeOrderedId(at)));
    expect(ids.size).toBe(10_000);
    for (const id of ids) expect(id.slice(0, 13)).toBe(timeOrderedId(at).slice(0, 13));
  });
});
