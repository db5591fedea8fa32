import type { AuditEntry } from '@hikikomori-register/core';
import { describe, expect, it } from 'vitest';
import { AuditWriteError, groupCommitAuditWriter } from './audit-writer.ts';

const entry = (id: string): AuditEntry => ({
  id,
  at: new Date('2026-04-01T00:00:00Z'),
  staffId: 's',
  agencyId: 'a',
  role: 'staff',
  operation: 'case.read',
  entity: 'case',
  entityId: id,
  caseId: id,
  sections: [],
  outcome: 'allowed',
});

/** A commit the test releases by hand, recording each batch. */
function heldCommits() {
  const batches: string[][] = [];
  const releases: ((error?: Error) => void)[] = [];
  const commit = (entries: readonly AuditEntry[]) =>
    new Promise<void>((resolve, reject) => {
      batches.push(entries.map((e) => e.id));
      releases.push((error) => (error ? reject(error) : resolve()));
    });
  const release = (n: number, error?: Error) => releases[n]?.(error);
  return { batches, release, commit };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('group-commit audit writer', () => {
  it('commits the entries of reads that arrive together in one batch, and those arriving during a commit in the next', async () => {
    const held = heldCommits();
    const writer = groupCommitAuditWriter(held.commit);
    const done: string[] = [];
    const a = writer.append([entry('a1'), entry('a2')]).then(() => done.push('a'));
    const b = writer.append([entry('b1')]).then(() => done.push('b'));
    await settle();
    expect(held.batches).toEqual([['a1', 'a2', 'b1']]);
    const c = writer.append([entry('c1')]).then(() => done.push('c'));
    const d = writer.append([entry('d1')]).then(() => done.push('d'));
    await settle();
    // Nothing is acknowledged before its batch is committed.
    expect(done).toEqual([]);
    expect(held.batches).toHaveLength(1);
    held.release(0);
    await Promise.all([a, b]);
    await settle();
    expect(held.batches).toEqual([
      ['a1', 'a2', 'b1'],
      ['c1', 'd1'],
    ]);
    expect(done).toEqual(['a', 'b']);
    held.release(1);
    await Promise.all([c, d]);
    expect(done).toEqual(['a', 'b', 'c', 'd']);
  });

  it('fails every read of a batch whose commit fails, and goes on with the next batch', async () => {
    const held = heldCommits();
    const writer = groupCommitAuditWriter(held.commit);
    const a = writer.append([entry('a1')]);
    const b = writer.append([entry('b1')]);
    await settle();
    const c = writer.append([entry('c1')]);
    held.release(0, new Error('disk full'));
    await expect(a).rejects.toBeInstanceOf(AuditWriteError);
    await expect(b).rejects.toThrow('could not be committed');
    await settle();
    held.release(1);
    await expect(c).resolves.toBeUndefined();
    expect(held.batches).toEqual([['a1', 'b1'], ['c1']]);
  });

  it('caps a batch at maxEntries, taking whole reads', async () => {
    const held = heldCommits();
    const writer = groupCommitAuditWriter(held.commit, { maxEntries: 3 });
    const all = [
      writer.append([entry('a1'), entry('a2')]),
      writer.append([entry('b1'), entry('b2')]),
      writer.append([entry('c1')]),
    ];
    await settle();
    held.release(0);
    await all[0];
    await settle();
    held.release(1);
    await Promise.all(all);
    expect(held.batches).toEqual([
      ['a1', 'a2'],
      ['b1', 'b2', 'c1'],
    ]);
  });

  it('waits for handed-over entries on close and refuses new ones after', async () => {
    const held = heldCommits();
    const writer = groupCommitAuditWriter(held.commit);
    const a = writer.append([entry('a1')]);
    const closing = writer.close();
    await settle();
    held.release(0);
    await Promise.all([a, closing]);
    await expect(writer.append([entry('b1')])).rejects.toBeInstanceOf(AuditWriteError);
    // A read that did not wait for its commit is not answered either.
    await expect(writer.committed(writer.position())).rejects.toBeInstanceOf(AuditWriteError);
  });

  it('holds an answer until every read handed over before it is committed (committed of a position)', async () => {
    const held = heldCommits();
    const writer = groupCommitAuditWriter(held.commit);
    const since = writer.position();
    void writer.append([entry('a1')]).catch(() => {});
    await settle();
    void writer.append([entry('b1')]).catch(() => {});
    let answered = false;
    const answer = writer.committed(since).then(() => {
      answered = true;
    });
    await settle();
    held.release(0);
    await settle();
    // a1 is committed, b1 (handed over before the answer was due) is not yet.
    expect(answered).toBe(false);
    held.release(1);
    await answer;
    expect(answered).toBe(true);
    // Nothing pending: answered at once.
    await expect(writer.committed(writer.position())).resolves.toBeUndefined();
  });

  it('refuses the answers of reads after the position whose commit failed, not those before', async () => {
    const held = heldCommits();
    const writer = groupCommitAuditWriter(held.commit);
    void writer.append([entry('a1')]).catch(() => {});
    await settle();
    held.release(0);
    await settle();
    const afterA = writer.position();
    void writer.append([entry('b1')]).catch(() => {});
    const answerB = writer.committed(afterA);
    await settle();
    held.release(1, new Error('disk full'));
    await expect(answerB).rejects.toBeInstanceOf(AuditWriteError);
    // A read that began after the failure is answered once its own entries are committed.
    const afterB = writer.position();
    void writer.append([entry('c1')]).catch(() => {});
    const answerC = writer.committed(afterB);
    await settle();
    held.release(2);
    await expect(answerC).resolves.toBeUndefined();
    // One that began before the failure still is refused, however late it asks.
    await expect(writer.committed(afterA)).rejects.toBeInstanceOf(AuditWriteError);
  });

  it('without gatherTurn, starts the first commit before the turn ends and gathers the reads that come during it', async () => {
    const held = heldCommits();
    const writer = groupCommitAuditWriter(held.commit, { gatherTurn: false });
    const a = writer.append([entry('a1')]);
    await Promise.resolve();
    await Promise.resolve();
    // Still in the same turn: the commit has begun.
    expect(held.batches).toEqual([['a1']]);
    const b = writer.append([entry('b1')]);
    const c = writer.append([entry('c1')]);
    await settle();
    expect(held.batches).toEqual([['a1']]);
    held.release(0);
    await a;
    await settle();
    expect(held.batches).toEqual([['a1'], ['b1', 'c1']]);
    held.release(1);
    await Promise.all([b, c]);
  });
});
