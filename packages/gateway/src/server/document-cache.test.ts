import { describe, expect, it } from 'vitest';
import { boundedDocumentCache } from './document-cache.ts';

describe('the parser cache', () => {
  it('keeps the most recently used documents up to its size', () => {
    const cache = boundedDocumentCache<number>(3, 100);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('c', 3);
    expect(cache.get('a')).toBe(1); // a is now the most recent
    cache.set('d', 4);
    expect(cache.get('b')).toBeUndefined();
    expect([cache.get('a'), cache.get('c'), cache.get('d')]).toEqual([1, 3, 4]);
    expect(cache.size).toBe(3);
  });

  it('never keeps a document longer than its limit', () => {
    const cache = boundedDocumentCache<number>(3, 10);
    cache.set('x'.repeat(11), 1);
    cache.set('y'.repeat(10), 2);
    expect(cache.get('x'.repeat(11))).toBeUndefined();
    expect(cache.get('y'.repeat(10))).toBe(2);
    expect(cache.size).toBe(1);
  });
});
