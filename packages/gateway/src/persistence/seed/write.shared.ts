import { afterAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../database.ts';
import { loadIndicatorDataset } from '../repositories/sql-indicators.shared.ts';
import type { TestDatabaseProvider } from '../testing/test-databases.ts';
import { PrismaUnitOfWork } from '../unit-of-work.ts';
import { generateSeed, seedCases } from './generate.ts';
import { writeSeed } from './write.ts';

const today = '2025-06-15';

/** Seeded records read back through the repositories exactly as generated. */
export function describeSeedWrite(databases: TestDatabaseProvider): void {
  describe(`writeSeed on ${databases.name}`, () => {
    const open: Database[] = [];
    const fresh = async () => {
      const db = await openDatabase(await databases.create());
      open.push(db);
      return db;
    };
    afterAll(async () => {
      for (const db of open.splice(0)) await db.close();
      await databases.dropAll();
    });

    const seed = generateSeed({ cases: 40, seed: 5, today });
    const cases = seedCases(seed);

    it('reads every record back through the repositories unchanged', async () => {
      const db = await fresh();
      const progress: number[] = [];
      const report = await writeSeed(db, seed, { batchSize: 15, onProgress: (n) => progress.push(n) });
      expect(progress).toEqual([15, 30, 40]);
      expect(report.cases).toBe(40);
      expect(report.rows.Contact).toBe(cases.reduce((n, c) => n + c.contacts.length, 0));
      await new PrismaUnitOfWork(db).transaction(async (repos) => {
        for (const a of seed.agencies) expect(await repos.agencies.get(a.id)).toEqual(a);
        for (const p of seed.places) expect(await repos.places.get(p.id)).toEqual(p);
        for (const p of seed.programmes) expect(await repos.programmes.get(p.id)).toEqual(p);
        const checklist = await repos.checklists.latest('hikikomori-register-default');
        expect(checklist?.version).toBe(1);
        const byDate = <T>(list: readonly T[], key: (x: T) => string) =>
          [...list].sort((a, b) => key(a).localeCompare(key(b)));
        for (const c of cases) {
          expect(await repos.cases.get(c.record.id)).toEqual(c.record);
          expect(await repos.persons.get(c.person.id)).toEqual(c.person);
          expect(await repos.caseHistory.supportStages(c.record.id)).toEqual(c.supportStages);
          expect(await repos.caseHistory.familyStages(c.record.id)).toEqual(c.familyStages);
          expect(await repos.caseHistory.statuses(c.record.id)).toEqual(c.statuses);
          expect(await repos.caseHistory.agencyChanges(c.record.id)).toEqual(c.agencyChanges);
          const id = (x: { id: string }) => x.id;
          expect(byDate(await repos.contacts.listByCase(c.record.id), id)).toEqual(byDate(c.contacts, id));
          expect(byDate(await repos.assessments.listByCase(c.record.id), id)).toEqual(
            byDate(c.assessments, id),
          );
          expect(await repos.plans.listByCase(c.record.id)).toEqual(c.plans);
          expect(await repos.consents.listByCase(c.record.id)).toEqual(c.consents);
          expect(byDate(await repos.referrals.list({ caseId: c.record.id }), id)).toEqual(
            byDate(c.referrals, id),
          );
          expect(byDate(await repos.programmes.listAttendanceByCase(c.record.id), id)).toEqual(
            byDate(c.attendances, id),
          );
        }
      });
    });

    it('stores exactly what createMany stores', async () => {
      const small = generateSeed({ cases: 12, seed: 6, today });
      const [viaInsert, viaCreateMany] = [await fresh(), await fresh()];
      await writeSeed(viaInsert, small);
      await writeSeed(viaCreateMany, small, { method: 'createMany' });
      expect(await loadIndicatorDataset(viaInsert)).toEqual(await loadIndicatorDataset(viaCreateMany));
    });
  });
}
