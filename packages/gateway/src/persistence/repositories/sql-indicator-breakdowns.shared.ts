import {
  countIndicators,
  type IndicatorDataset,
  type IndicatorQuery,
  type IndicatorScope,
  type ReportingPeriod,
} from '@hikikomori-register/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../database.ts';
import { generateSeed, SEED_MUNICIPALITY_CODES } from '../seed/generate.ts';
import { writeSeed } from '../seed/write.ts';
import type { TestDatabaseProvider } from '../testing/test-databases.ts';
import * as rows from './rows.ts';
import { postgresDialect, sqliteDialect } from './sql-dialect.ts';
import { loadIndicatorDataset } from './sql-indicators.shared.ts';
import { sqlIndicatorCounts } from './sql-indicators.ts';

const today = '2025-06-15';

/** A calendar date `days` after 2021-04-01. */
const dayAfter = (days: number) =>
  new Date(Date.UTC(2021, 3, 1) + days * 86_400_000).toISOString().slice(0, 10);

/** ひきこもりサポーター and conferences, which the seed does not make. */
async function writeSupportersAndConferences(db: Database): Promise<void> {
  const p = db.prisma;
  const agencies = await p.agency.findMany({ orderBy: { id: 'asc' } });
  const agencyAt = (i: number) => agencies[i % agencies.length]?.id ?? '';
  await p.supporter.createMany({
    data: Array.from({ length: 120 }, (_, i) =>
      rows.supporterRow({
        id: `supporter-${i}`,
        agencyId: agencyAt(i),
        displayName: '架空サポーター',
        municipalityCode: SEED_MUNICIPALITY_CODES[i % SEED_MUNICIPALITY_CODES.length] as string,
        trainedOn: dayAfter((i * 13) % 1500),
        registeredOn: dayAfter(((i * 13) % 1500) + (i % 60)),
        followUps: [],
        status: 'active',
        version: 1,
      }),
    ),
  });
  const recordedBy = { staffId: 'seed', agencyId: agencyAt(0), role: 'staff' as const };
  const caseIds = (await p.case.findMany({ select: { id: true }, orderBy: { id: 'asc' }, take: 40 })).map(
    (c) => c.id,
  );
  for (let i = 0; i < 40; i++) {
    await p.caseConference.create({
      data: rows.conferenceRow({
        id: `breakdown-conf-${i}`,
        organiserAgencyId: agencyAt(i),
        kind: 'caseConference',
        supportMeetingId: null,
        heldOn: dayAfter((i * 29) % 1500),
        title: 'ケース会議',
        attendees: [],
        discussions: [],
        recordedBy,
        recordedAt: new Date('2025-06-01T00:00:00Z'),
        version: 1,
      }),
    });
    await p.caseConferenceCase.createMany({
      data: caseIds.slice(i, i + 1 + (i % 2)).map((caseId, position) => ({
        conferenceId: `breakdown-conf-${i}`,
        caseId,
        position,
        decision: 'continueSupport',
      })),
    });
  }
}

/** The breakdowns in SQL equal the in-memory ones, for months, cut-off periods and 圏域 too. */
export function describeSqlIndicatorBreakdowns(databases: TestDatabaseProvider): void {
  describe(`indicator breakdowns in SQL on ${databases.name}`, () => {
    let db: Database;
    let dataset: IndicatorDataset;
    const seed = generateSeed({ cases: 250, seed: 23, today });
    const dialect = databases.name === 'postgresql' ? postgresDialect : sqliteDialect;

    beforeAll(async () => {
      db = await openDatabase(await databases.create());
      await writeSeed(db, seed, { batchSize: 120 });
      await writeSupportersAndConferences(db);
      dataset = await loadIndicatorDataset(db);
    }, 120_000);

    afterAll(async () => {
      await db?.close();
      await databases.dropAll();
    });

    const fy2023 = {
      period: { kind: 'fiscalYear', fiscalYear: 2023 },
      scope: { kind: 'all' },
      publishing: false,
    } satisfies IndicatorQuery;

    it('has data in every breakdown, so the comparisons below mean something', () => {
      const b = countIndicators(dataset, fy2023).breakdowns;
      const sum = (o: Readonly<Record<string, number>>) => Object.values(o).reduce((a, n) => a + n, 0);
      expect(sum(b.peopleBySexAge.female)).toBeGreaterThan(5);
      expect(sum(b.peopleBySexAge.male)).toBeGreaterThan(5);
      expect(Object.values(b.peopleBySexAge).filter((row) => row.unknown > 0).length).toBeGreaterThan(0);
      for (const content of ['relationshipBuilding', 'visit', 'employmentSupport'] as const)
        expect(b.contactsByContent[content], content).toBeGreaterThan(0);
      expect(b.familyStagesAtEnd.none).toBeGreaterThan(0);
      expect(sum(b.familyStagesAtEnd) - b.familyStagesAtEnd.none).toBeGreaterThan(0);
      expect(sum(b.closuresByReason)).toBeGreaterThan(3);
      expect(Object.values(b.attendanceByPlaceKind).some((a) => a.registered > 0)).toBe(true);
      expect(b.conferencesByMunicipality.length).toBeGreaterThan(1);
      expect(b.supporters.trained).toBeGreaterThan(0);
      expect(b.supporters.registered).toBeGreaterThan(0);
    });

    const area: IndicatorScope = {
      kind: 'area',
      areaId: 'hokusei',
      municipalityCodes: SEED_MUNICIPALITY_CODES.slice(0, 3),
    };
    const scopes: IndicatorScope[] = [
      { kind: 'all' },
      area,
      { kind: 'municipality', municipalityCode: SEED_MUNICIPALITY_CODES[0] as string },
      { kind: 'agency', agencyId: seed.agencies[0]?.id as string },
    ];
    const periods: ReportingPeriod[] = [
      { kind: 'fiscalYear', fiscalYear: 2023 },
      { kind: 'month', month: '2024-04' },
      { kind: 'month', month: '2024-02' },
      { kind: 'range', from: '2023-10-15', to: '2024-08-31' },
    ];
    const cases = periods.flatMap((period) =>
      scopes.map((scope) => ({
        name: `${JSON.stringify(period)} ${scope.kind}`,
        query: { period, scope, publishing: false } satisfies IndicatorQuery,
      })),
    );
    it.each(cases)('equal the in-memory counts: $name', async ({ query }) => {
      const inSql = await sqlIndicatorCounts(db.prisma, dialect, query);
      expect(inSql).toEqual(countIndicators(dataset, query));
    });

    it('counts a 圏域 as the sum of its municipalities where figures add up', async () => {
      const areaCounts = await sqlIndicatorCounts(db.prisma, dialect, { ...fy2023, scope: area });
      let contacts = 0;
      let closures = 0;
      for (const municipalityCode of area.kind === 'area' ? area.municipalityCodes : []) {
        const one = await sqlIndicatorCounts(db.prisma, dialect, {
          ...fy2023,
          scope: { kind: 'municipality', municipalityCode },
        });
        contacts += one.contacts;
        closures += Object.values(one.breakdowns.closuresByReason).reduce((a, n) => a + n, 0);
      }
      expect(areaCounts.contacts).toBe(contacts);
      expect(Object.values(areaCounts.breakdowns.closuresByReason).reduce((a, n) => a + n, 0)).toBe(closures);
      expect(contacts).toBeGreaterThan(0);
    });
  });
}
