import type { Actor } from '@hikikomori-register/core';
import Sqlite from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from './database.ts';
import { createDatabaseRegister } from './register.ts';
import { sqliteTestDatabases } from './testing/test-databases.ts';
import { databaseTransaction } from './unit-of-work.ts';

const databases = sqliteTestDatabases();
afterAll(() => databases.dropAll());

/** A promise the test resolves by hand, to hold a transaction open. */
function gate() {
  let open: () => void = () => {};
  const closed = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { closed, open };
}

/** Settles with 'pending' if `promise` has not settled within the given time (a liveness check, not a timing). */
const within = <T>(promise: Promise<T>, ms: number) =>
  Promise.race([promise, new Promise<'pending'>((resolve) => setTimeout(() => resolve('pending'), ms))]);

async function registerWithCase() {
  const url = await databases.create();
  const database = await openDatabase(url);
  const register = await createDatabaseRegister(database);
  const centre = await register.agencies.registerFirst({
    kind: 'municipalHikikomoriDesk',
    name: '架空市ひきこもり支援窓口',
    municipalityCode: '242012',
  });
  const worker: Actor = { staffId: 'w', agencyId: centre.id, role: 'staff' };
  const auditor: Actor = { staffId: 'k', agencyId: centre.id, role: 'auditor' };
  const opened = await register.cases.open(worker, {
    person: { displayName: '架空 一郎', kana: 'かくう', municipalityCode: '242012' },
    case: { municipalityCode: '242012', openedOn: '2026-04-01', note: '受付' },
  });
  return { url, database, register, worker, auditor, caseId: opened.case.id };
}

describe('SQLite reads on their own connection', () => {
  it('answers an audited read while a write transaction holds the write lock, without its uncommitted rows', {
    timeout: 60_000,
  }, async () => {
    const { database, register, worker, auditor, caseId } = await registerWithCase();
    try {
      const held = gate();
      let wrote: () => void = () => {};
      const written = new Promise<void>((resolve) => {
        wrote = resolve;
      });
      const writing = databaseTransaction(database, async (tx) => {
        await tx.$executeRawUnsafe('UPDATE "Case" SET "version" = "version" + 10 WHERE "id" = ?', caseId);
        wrote();
        await held.closed;
      });
      await written;

      // The read (and the commit of its audit entry) completes while the transaction is still open.
      const during = await within(register.cases.getMany(worker, [caseId]), 30_000);
      expect(during).not.toBe('pending');
      const seen = during === 'pending' ? null : during[0];
      expect(seen?.record.version).toBe(1);

      held.open();
      await writing;
      // Read after write: the committed change is what the next read sees.
      const after = await register.cases.getMany(worker, [caseId]);
      expect(after[0]?.record.version).toBe(11);
      // Both reads are in the audit log, also the one answered while the register was locked.
      const log = await register.audit.list(auditor, { caseId, operation: 'case.read', staffId: 'w' });
      expect(log.items).toHaveLength(2);
    } finally {
      await database.close();
    }
  });

  it('answers while another process holds the write lock (BEGIN IMMEDIATE), and moves the audit in after', {
    timeout: 60_000,
  }, async () => {
    const { url, database, register, worker, auditor, caseId } = await registerWithCase();
    const other = new Sqlite(url.replace(/^file:/, ''));
    try {
      other.exec('BEGIN IMMEDIATE');
      other.prepare('UPDATE "Case" SET "version" = "version" + 10 WHERE "id" = ?').run(caseId);
      const during = await within(register.cases.getMany(worker, [caseId]), 30_000);
      expect(during === 'pending' ? 'pending' : during[0]?.record.version).toBe(1);
      other.exec('COMMIT');
      const log = await register.audit.list(auditor, { caseId, operation: 'case.read', staffId: 'w' });
      expect(log.items).toHaveLength(1);
    } finally {
      other.close();
      await database.close();
    }
  });

  it('refuses writes on the read connection', async () => {
    const { database, caseId } = await registerWithCase();
    try {
      await expect(
        database.reader.$executeRawUnsafe('UPDATE "Case" SET "version" = 99 WHERE "id" = ?', caseId),
      ).rejects.toThrow(/readonly|read-only|query_only/i);
    } finally {
      await database.close();
    }
  });

  it('moves the entries a killed process left in the audit journal when the register is opened again', async () => {
    const { url, database, register, worker, auditor, caseId } = await registerWithCase();
    // As if killed between the journal's commit and the move: the writer's connection is locked away.
    const other = new Sqlite(url.replace(/^file:/, ''));
    other.exec('BEGIN IMMEDIATE');
    await register.cases.getMany(worker, [caseId]);
    const journal = new Sqlite(`${url.replace(/^file:/, '')}-audit`, { readonly: true });
    const left = journal.prepare('SELECT count(*) AS n FROM "Batch"').get() as { n: number };
    journal.close();
    expect(left.n).toBeGreaterThan(0);
    other.exec('ROLLBACK');
    other.close();
    await database.close();

    const reopened = await openDatabase(url);
    try {
      const again = await createDatabaseRegister(reopened);
      const log = await again.audit.list(auditor, { caseId, operation: 'case.read', staffId: 'w' });
      expect(log.items).toHaveLength(1);
    } finally {
      await reopened.close();
    }
  });
});
