import type { Agency } from '@hikikomori-register/core';
import { describe, expect, it } from 'vitest';
import { AgencyDirectory, isWholeDirectory } from './agency-directory.ts';

const agency = (id: string, name: string) => ({ id, name }) as unknown as Agency;

/** A directory on a hand-turned clock, and a database whose reads are counted and answered by hand. */
function setUp() {
  let now = 0;
  const directory = new AgencyDirectory(5_000, () => now);
  const reads: { resolve(all: readonly Agency[]): void; reject(e: Error): void }[] = [];
  const read = () =>
    new Promise<readonly Agency[]>((resolve, reject) => {
      reads.push({ resolve, reject });
    });
  return {
    directory,
    reads,
    list: () => directory.list(read),
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe('agency directory kept for reads', () => {
  it('serves callers at the same time and later ones with one read', async () => {
    const d = setUp();
    const first = d.list();
    const second = d.list();
    d.reads[0]?.resolve([agency('a1', '相談センター')]);
    expect(await first).toEqual([agency('a1', '相談センター')]);
    expect(await second).toBe(await first);
    d.advance(4_999);
    expect(await d.list()).toBe(await first);
    expect(d.reads).toHaveLength(1);
  });

  it('reads again once kept as long as allowed', async () => {
    const d = setUp();
    const first = d.list();
    d.reads[0]?.resolve([agency('a1', '相談センター')]);
    await first;
    d.advance(5_000);
    const later = d.list();
    d.reads[1]?.resolve([agency('a1', '相談センター'), agency('a2', '保健所')]);
    expect((await later).map((a) => a.id)).toEqual(['a1', 'a2']);
  });

  it('after a write, reads again; a read begun before the write serves no later caller', async () => {
    const d = setUp();
    const before = d.list();
    d.directory.forget();
    const after = d.list();
    expect(d.reads).toHaveLength(2);
    d.reads[1]?.resolve([agency('a1', '新しい名前')]);
    d.reads[0]?.resolve([agency('a1', '古い名前')]);
    expect((await before)[0]?.name).toBe('古い名前');
    expect((await after)[0]?.name).toBe('新しい名前');
    expect((await d.list())[0]?.name).toBe('新しい名前');
    expect(d.reads).toHaveLength(2);
  });

  it('keeps no failed read', async () => {
    const d = setUp();
    const failed = d.list();
    d.reads[0]?.reject(new Error('connection lost'));
    await expect(failed).rejects.toThrow('connection lost');
    const retried = d.list();
    d.reads[1]?.resolve([agency('a1', '相談センター')]);
    expect(await retried).toHaveLength(1);
  });

  it('hands out frozen agencies, so no caller changes what the next one sees', async () => {
    const d = setUp();
    const list = d.list();
    d.reads[0]?.resolve([agency('a1', '相談センター')]);
    const [first] = await list;
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(await list)).toBe(true);
  });

  it('keeps only the whole directory', () => {
    expect(isWholeDirectory({})).toBe(true);
    expect(isWholeDirectory({ kind: undefined })).toBe(true);
    expect(isWholeDirectory({ activeOnly: true })).toBe(false);
    expect(isWholeDirectory({ municipalityCode: '131016' })).toBe(false);
  });
});
