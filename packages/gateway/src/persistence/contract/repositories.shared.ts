import { type Actor, createAgency, VersionConflictError } from '@hikikomori-register/core';
import { afterAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../database.ts';
import { createDatabaseRegister } from '../register.ts';
import type { TestDatabaseProvider } from '../testing/test-databases.ts';
import { PrismaUnitOfWork } from '../unit-of-work.ts';

/**
 * Storage behaviour that only a real database can show: two connections (as two gateway processes
 * would have) racing on one case, and transactions that fail half-way.
 */
export function describeRepositoryContract(databases: TestDatabaseProvider): void {
  const open: Database[] = [];
  const connect = async (url: string) => {
    const db = await openDatabase(url);
    open.push(db);
    return db;
  };
  afterAll(async () => {
    for (const db of open.splice(0)) await db.close();
    await databases.dropAll();
  });

  describe(`repositories (${databases.name})`, () => {
    it('lets exactly one of two writers on different connections change a case; the other gets a conflict', async () => {
      const url = await databases.create();
      const clock = () => new Date('2024-05-01T01:00:00Z');
      const firstDb = await connect(url);
      // better-sqlite3 is synchronous: a second connection in the SAME process waiting for the lock
      // would block the event loop that must commit the first. Within one process the adapter
      // serialises transactions on one connection; across processes SQLite's lock (taken at the start
      // of every transaction, see unit-of-work.ts) does. PostgreSQL gets two real connections.
      const secondDb = databases.name === 'sqlite' ? firstDb : await connect(url);
      const first = await createDatabaseRegister(firstDb, { clock });
      const second = await createDatabaseRegister(secondDb, { clock });
      const agency = await first.agencies.registerFirst({
        kind: 'municipalHikikomoriDesk',
        name: '架空市ひきこもり相談窓口',
        municipalityCode: '242012',
      });
      const worker: Actor = { staffId: 's1', agencyId: agency.id, role: 'staff' };
      const { case: opened } = await first.cases.open(worker, {
        person: { displayName: '架空 次郎', municipalityCode: '242012' },
        case: { municipalityCode: '242012', openedOn: '2024-05-01' },
      });
      const moves = await Promise.allSettled([
        first.cases.changeStatus(worker, opened.id, {
          to: 'paused',
          pauseReason: 'personWish',
          effectiveOn: '2024-05-01',
          expectedVersion: 1,
        }),
        second.cases.changeStatus(worker, opened.id, {
          to: 'contactLost',
          effectiveOn: '2024-05-01',
          expectedVersion: 1,
        }),
      ]);
      const rejected = moves.filter((m): m is PromiseRejectedResult => m.status === 'rejected');
      expect(rejected).toHaveLength(1);
      expect(rejected[0]?.reason).toBeInstanceOf(VersionConflictError);
      const winner = moves.find((m) => m.status === 'fulfilled') as PromiseFulfilledResult<{
        case: { status: { state: string }; version: number };
      }>;
      const history = await first.cases.history(worker, opened.id);
      expect(history.statuses.map((s) => s.to)).toEqual(['active', winner.value.case.status.state]);
      const stored = await first.cases.get(worker, opened.id);
      expect(stored.record.version).toBe(2);
      expect(stored.record.status.state).toBe(winner.value.case.status.state);
    });

    it('rolls back every write of a transaction that fails half-way', async () => {
      const db = await connect(await databases.create());
      const uow = new PrismaUnitOfWork(db);
      const agency = (id: string) =>
        createAgency(id, { kind: 'helloWork', name: `架空ハローワーク${id}`, municipalityCode: '242012' });
      await uow.transaction((r) => r.agencies.insert(agency('a')));
      await expect(
        uow.transaction(async (r) => {
          await r.agencies.insert(agency('b'));
          await r.audit.append([
            {
              id: 'x',
              at: new Date(),
              staffId: 's',
              agencyId: 'a',
              role: 'staff',
              operation: 'agency.register',
              entity: 'agency',
              entityId: 'b',
              caseId: null,
              sections: [],
              outcome: 'allowed',
            },
          ]);
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect((await uow.transaction((r) => r.agencies.list({}))).map((a) => a.id)).toEqual(['a']);
      expect((await uow.transaction((r) => r.audit.list({}, { first: 10 }))).items).toHaveLength(0);
    });

    it('refuses a stale record update and a second history entry with the same sequence', async () => {
      const db = await connect(await databases.create());
      const register = await createDatabaseRegister(db, { clock: () => new Date('2024-05-01T01:00:00Z') });
      const agency = await register.agencies.registerFirst({
        kind: 'helloWork',
        name: '架空ハローワーク',
        municipalityCode: '242012',
      });
      const worker: Actor = { staffId: 's1', agencyId: agency.id, role: 'staff' };
      const { case: opened } = await register.cases.open(worker, {
        person: { displayName: '架空 三郎', municipalityCode: '242012' },
        case: { municipalityCode: '242012', openedOn: '2024-05-01' },
      });
      const uow = new PrismaUnitOfWork(db);
      await expect(uow.transaction((r) => r.cases.update({ ...opened, version: 5 }))).rejects.toBeInstanceOf(
        VersionConflictError,
      );
      const [entry] = await uow.transaction((r) => r.caseHistory.statuses(opened.id));
      if (!entry) throw new Error('no opening status entry');
      await expect(uow.transaction((r) => r.caseHistory.appendStatus(entry))).rejects.toBeInstanceOf(
        VersionConflictError,
      );
    });
  });
}
