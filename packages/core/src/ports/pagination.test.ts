import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from './pagination.ts';

const AT = new Date('2025-06-15T03:04:05.678Z');
/** Ids of every padding length, with base64 `+` and `/` in their encoding, and non-ASCII ones. */
const IDS = [
  '0b9e3c1a-7f2d-4e8b-9a6c-5d4f3e2b1a09',
  'a',
  'ab',
  'abc',
  '~~~?>>>',
  'ケース-1',
  '氏名',
  'tab\there',
  '',
];

describe('page cursors', () => {
  it('are the unpadded base64url of the instant and id as UTF-8', () => {
    for (const id of IDS)
      expect(encodeCursor(AT, id)).toBe(Buffer.from(`${AT.toISOString()}|${id}`).toString('base64url'));
  });

  it('decode to the instant and id they were made of', () => {
    for (const id of IDS) expect(decodeCursor(encodeCursor(AT, id))).toEqual({ at: AT, id });
  });

  it('that are not one of ours decode to nothing', () => {
    expect(decodeCursor('not a cursor')).toBeNull();
    expect(decodeCursor(Buffer.from('no bar here').toString('base64url'))).toBeNull();
  });
});
