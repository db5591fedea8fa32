import type { AuditEntry } from '@hikikomori-register/core';
import type { AuditJournal, AuditMover } from './sqlite-audit-journal.ts';

/**
 * The one writer of the audit entries of reads (監査記録). Reads run without a transaction; their
 * entries are handed here and the read's answer waits for `append` to resolve, which it does only once
 * the entries are committed — an answered read is an audited read. A failed commit rejects `append`
 * of every read in the batch, so none of them is answered.
 */
export interface AuditWriter {
  append(entries: readonly AuditEntry[]): Promise<void>;
  /**
   * How many reads have handed entries over so far. A caller that lets `append` go on without waiting
   * notes it before its reads, and holds their answer until `committed` of it resolves.
   */
  position(): number;
  /**
   * Resolves once the entries of every read handed over so far are committed; rejects with
   * `AuditWriteError` when those of any read after `since` (a `position`) could not be (whoever else's
   * they were: an answer is never given on a doubt).
   */
  committed(since: number): Promise<void>;
  /**
   * Resolves once every entry acknowledged so far can be read from the register's audit log (rejects
   * while that cannot be done), so that a listing of the log misses no answered read.
   */
  settled(): Promise<void>;
  /** Waits for entries already handed over, then refuses new ones. */
  close(): Promise<void>;
}

export interface GroupCommitOptions {
  /** Entries per statement at most (a batch takes whole reads, so one large read may exceed it). */
  readonly maxEntries?: number;
  /**
   * Whether a batch first waits for the end of the event loop's turn, so that the reads finishing in
   * it join (default: right where a commit is quick and synchronous, as the SQLite journal's). Without,
   * a batch starts as soon as no commit is in flight and reads gather while one is — right where a
   * commit is a round trip (PostgreSQL): the first read's commit then starts while its request is
   * still executing.
   */
  readonly gatherTurn?: boolean;
}

/** Raised to the reads of a batch whose commit failed; their answers are withheld. */
export class AuditWriteError extends Error {
  constructor(cause: unknown) {
    super('The audit entries of a read could not be committed.', { cause });
    this.name = 'AuditWriteError';
  }
}

interface Waiting {
  readonly entries: readonly AuditEntry[];
  /** The read's number, counted from 1 in the order handed over (batches commit in that order). */
  readonly read: number;
  resolve(): void;
  reject(error: unknown): void;
}

/** Failed reads kept for `committed` (older failures still refuse the answers that were waiting). */
const FAILURES_KEPT = 1_000;

/**
 * Group commit: the entries of reads that arrive while a commit is in flight (or in the same turn of
 * the event loop) are committed together by `commit`, one statement and one transaction per batch. A
 * busy gateway so takes the write lock once per batch instead of once per read.
 */
export function groupCommitAuditWriter(
  commit: (entries: readonly AuditEntry[]) => Promise<void>,
  options: GroupCommitOptions = {},
): AuditWriter {
  const maxEntries = options.maxEntries ?? 5_000;
  let waiting: Waiting[] = [];
  let flushing: Promise<void> | null = null;
  let closed = false;
  // Reads handed over, reads whose commit has ended (committed or failed: in order), and the failed
  // ones as ranges of read numbers; `forgotten` is the last read of a range no longer kept.
  let handedOver = 0;
  let ended = 0;
  const failures: { from: number; to: number }[] = [];
  let forgotten = 0;
  let holds: { upTo: number; since: number; resolve(): void; reject(error: unknown): void }[] = [];

  const failedSince = (since: number, upTo: number): unknown => {
    if (forgotten > since) return new AuditWriteError(new Error('an earlier commit of the audit failed'));
    const failure = failures.find((f) => f.to > since && f.from <= upTo);
    return failure ? new AuditWriteError(new Error('a commit of the audit failed')) : null;
  };
  const release = () => {
    if (holds.length === 0) return;
    const still: typeof holds = [];
    for (const hold of holds) {
      if (hold.upTo > ended) {
        still.push(hold);
        continue;
      }
      const failure = failedSince(hold.since, hold.upTo);
      if (failure) hold.reject(failure);
      else hold.resolve();
    }
    holds = still;
  };

  const takeBatch = (): Waiting[] => {
    let count = 0;
    let taken = 0;
    for (const w of waiting) {
      if (taken > 0 && count + w.entries.length > maxEntries) break;
      count += w.entries.length;
      taken += 1;
    }
    const batch = waiting.slice(0, taken);
    waiting = waiting.slice(taken);
    return batch;
  };

  const gatherTurn = options.gatherTurn ?? true;
  const flush = async () => {
    // Let the reads that finish in this turn (or, without gatherTurn, in this task) join the first batch.
    if (gatherTurn) await new Promise<void>((resolve) => setImmediate(resolve));
    else await Promise.resolve();
    while (waiting.length > 0) {
      const batch = takeBatch();
      const first = batch[0]?.read ?? ended + 1;
      const last = batch.at(-1)?.read ?? ended;
      try {
        await commit(batch.flatMap((w) => w.entries));
        ended = last;
        for (const w of batch) w.resolve();
      } catch (error) {
        failures.push({ from: first, to: last });
        if (failures.length > FAILURES_KEPT) forgotten = failures.shift()?.to ?? forgotten;
        ended = last;
        const failure = new AuditWriteError(error);
        for (const w of batch) w.reject(failure);
      }
      release();
    }
    flushing = null;
  };

  return {
    append(entries) {
      if (entries.length === 0) return Promise.resolve();
      if (closed) return Promise.reject(new AuditWriteError(new Error('the audit writer is closed')));
      return new Promise<void>((resolve, reject) => {
        handedOver += 1;
        waiting.push({ entries, read: handedOver, resolve, reject });
        flushing ??= flush();
      });
    },
    position: () => handedOver,
    committed(since) {
      // Entries handed over after close were refused: no answer is vouched for any more.
      if (closed) return Promise.reject(new AuditWriteError(new Error('the audit writer is closed')));
      const upTo = handedOver;
      if (upTo <= ended) {
        const failure = failedSince(since, upTo);
        return failure ? Promise.reject(failure) : Promise.resolve();
      }
      return new Promise<void>((resolve, reject) => {
        holds.push({ upTo, since, resolve, reject });
      });
    },
    settled: async () => {
      await flushing;
    },
    async close() {
      closed = true;
      await flushing;
    },
  };
}

export interface JournaledAuditWriterOptions extends GroupCommitOptions {
  /** After a failed move (the register's write lock was taken), when to try again (default 100 ms). */
  readonly retryAfterMs?: number;
  /** How long `settled` keeps trying before it gives up (default 10 s, the writers' busy timeout). */
  readonly settleTimeoutMs?: number;
}

/**
 * Group commit into a journal of its own, then moved into the register by `mover` behind the answers.
 * A read is answered once its entries are in the journal; moving them needs the register's write
 * lock, which a write transaction may hold for a while — the move then tries again, holding no answer
 * back. Entries a killed process left in the journal are moved when the database is next opened
 * (`settled`). The mover skips entries already in the register: a process killed after a move and
 * before the journal forgot the batch moves it again.
 */
export function journaledAuditWriter(
  journal: AuditJournal,
  mover: AuditMover,
  options: JournaledAuditWriterOptions = {},
): AuditWriter {
  const maxEntries = options.maxEntries ?? 5_000;
  let moving: Promise<void> | null = null;
  let lastFailure: unknown = null;
  let retry: NodeJS.Timeout | null = null;
  let closed = false;

  const moveAll = async () => {
    // After the current turn: the answers whose entries were just committed go out first.
    await new Promise<void>((resolve) => setImmediate(resolve));
    try {
      for (let batch = journal.pending(maxEntries); batch; batch = journal.pending(maxEntries)) {
        mover.move(batch.entries);
        journal.remove(batch.upTo);
      }
      lastFailure = null;
    } catch (error) {
      lastFailure = error;
      if (!closed && !retry)
        retry = setTimeout(() => {
          retry = null;
          void kick();
        }, options.retryAfterMs ?? 100).unref();
    } finally {
      moving = null;
    }
  };
  const kick = (): Promise<void> => {
    moving ??= moveAll();
    return moving;
  };

  const group = groupCommitAuditWriter(async (entries) => {
    journal.append(entries);
    void kick();
  }, options);

  return {
    append: (entries) => group.append(entries),
    position: () => group.position(),
    committed: (since) => group.committed(since),
    async settled() {
      await group.settled();
      const deadline = Date.now() + (options.settleTimeoutMs ?? 10_000);
      for (;;) {
        while (moving) await moving;
        await kick();
        if (!lastFailure) return;
        if (Date.now() > deadline) throw new AuditWriteError(lastFailure);
        await new Promise((resolve) => setTimeout(resolve, options.retryAfterMs ?? 100));
      }
    },
    async close() {
      await group.close();
      closed = true;
      if (retry) clearTimeout(retry);
      while (moving) await moving;
      mover.close();
      journal.close();
    },
  };
}
