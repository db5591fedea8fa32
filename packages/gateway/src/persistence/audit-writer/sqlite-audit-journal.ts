import type { AuditEntry } from '@hikikomori-register/core';
import Sqlite from 'better-sqlite3';
import { auditDocument, auditInsertSql } from '../repositories/prisma-repositories.ts';
import { sqliteDialect } from '../repositories/sql-dialect.ts';

/**
 * The audit journal of reads on SQLite (`<register file>-audit`): a small database of its own, so that
 * committing a read's audit entries never waits for the register's write lock — a long write
 * transaction holds that lock, and a read's answer waits for its entries' commit. Entries stay here
 * only until they are moved into the register's `AuditEntry` table (see `journaledAuditWriter`); a
 * process killed in between leaves them here, and the next open moves them.
 */
export interface AuditJournal {
  /** Durable on return (WAL, synchronous = FULL): one transaction, one sync, for the whole batch. */
  append(entries: readonly AuditEntry[]): void;
  /** The oldest batches not yet moved, up to about `maxEntries` entries. */
  pending(maxEntries: number): { readonly upTo: number; readonly entries: AuditEntry[] } | null;
  /** Forgets the batches up to `upTo` once they are in the register. */
  remove(upTo: number): void;
  close(): void;
}

type StoredEntry = Omit<AuditEntry, 'at' | 'sections'> & {
  readonly at: string;
  readonly sections?: AuditEntry['sections'];
};

export function journalPathOf(registerPath: string): string {
  return `${registerPath}-audit`;
}

export function openAuditJournal(registerPath: string): AuditJournal {
  const db = new Sqlite(journalPathOf(registerPath), { timeout: 10_000 });
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  // AUTOINCREMENT: a number is never used twice, so a process that forgets the batches up to the one
  // it moved never forgets a batch another process (a CLI on the same file) appended since.
  db.exec(
    'CREATE TABLE IF NOT EXISTS "Batch" ("seq" INTEGER PRIMARY KEY AUTOINCREMENT, "entries" TEXT NOT NULL)',
  );
  const insert = db.prepare('INSERT INTO "Batch" ("entries") VALUES (?)');
  const oldest = db.prepare('SELECT "seq", "entries" FROM "Batch" ORDER BY "seq"');
  const remove = db.prepare('DELETE FROM "Batch" WHERE "seq" <= ?');
  return {
    append(entries) {
      insert.run(JSON.stringify(entries));
    },
    pending(maxEntries) {
      let upTo = 0;
      const entries: AuditEntry[] = [];
      for (const row of oldest.iterate() as IterableIterator<{ seq: number; entries: string }>) {
        if (entries.length > 0 && entries.length >= maxEntries) break;
        upTo = row.seq;
        // Entries journaled before sections were recorded have none.
        for (const e of JSON.parse(row.entries) as StoredEntry[])
          entries.push({ ...e, sections: e.sections ?? [], at: new Date(e.at) });
      }
      return entries.length === 0 ? null : { upTo, entries };
    },
    remove(upTo) {
      remove.run(upTo);
    },
    close() {
      db.close();
    },
  };
}

export interface AuditMover {
  /** Inserts the entries into the register's `AuditEntry` (skipping ids already there), or throws. */
  move(entries: readonly AuditEntry[]): void;
  close(): void;
}

/**
 * Moves journal entries into the register on a connection of its own that never waits for the write
 * lock (busy timeout 0: better-sqlite3 would wait with the whole process blocked). When the lock is
 * taken it fails at once and the writer tries again shortly.
 */
export function openAuditMover(registerPath: string): AuditMover {
  const db = new Sqlite(registerPath, { timeout: 0 });
  db.pragma('synchronous = FULL');
  const insert = db.prepare(auditInsertSql(sqliteDialect, { skipExisting: true }));
  const moveBatch = db.transaction((document: string) => insert.run(document));
  return {
    move(entries) {
      moveBatch.immediate(auditDocument(sqliteDialect, entries));
    },
    close() {
      db.close();
    },
  };
}
