import {
  type Actor,
  AGE_BAND_ORDER,
  type AgeBand,
  CHANNEL_KEYS,
  CONSULTING_PARTY_KEYS,
  type ConsultingPartyCategory,
  type ContactChannel,
  computeIndicators,
  countIndicators,
  type IndicatorDataset,
  type IndicatorQuery,
  type IndicatorScope,
  type ReportingPeriod,
} from '@hikikomori-register/core';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../database.ts';
import { backfillContactTallies } from '../migrate/backfill.ts';
import { parseDatabaseUrl, postgresClientConfig } from '../migrate/migrate-database.ts';
import { postgresMigrationDriver } from '../migrate/postgres.ts';
import { sqliteMigrationDriver } from '../migrate/sqlite.ts';
import { createDatabaseRegister } from '../register.ts';
import { type GeneratedSeed, generateSeed, type SeedCase, seedCases } from '../seed/generate.ts';
import { writeSeed } from '../seed/write.ts';
import type { TestDatabaseProvider } from '../testing/test-databases.ts';
import { casesById, contactTallyStatements, runStatements } from './contact-tallies.ts';
import { prismaRepositories } from './prisma-repositories.ts';
import * as rows from './rows.ts';
import { postgresDialect, sqliteDialect } from './sql-dialect.ts';
import { type SecondConnection, sqlIndicatorCounts } from './sql-indicators.ts';

const today = '2025-06-15';

/** Everything in the database, as the in-memory indicators take it. */
export async function loadIndicatorDataset(db: Database): Promise<IndicatorDataset> {
  const p = db.prisma;
  return {
    cases: (await p.case.findMany({ include: { supportingAgencies: true } })).map(rows.caseFromRow),
    stageHistory: (await p.supportStageChange.findMany()).map(rows.supportStageFromRow),
    familyStageHistory: (await p.familyStageChange.findMany()).map(rows.familyStageFromRow),
    statusHistory: (await p.caseStatusChange.findMany()).map(rows.statusChangeFromRow),
    // A voided contact (取消) counts nowhere: the dataset holds the counted ones.
    contacts: (await p.contact.findMany({ where: { voidedAt: null } })).map(rows.contactFromRow),
    persons: (await p.person.findMany({ include: { household: true } })).map(rows.personFromRow),
    referrals: (await p.referral.findMany({ include: { history: true } })).map(rows.referralFromRow),
    agencies: (await p.agency.findMany()).map(rows.agencyFromRow),
    placeAttendances: (
      await p.attendance.findMany({ include: { session: { include: { programme: true } } } })
    ).map((a) => ({ caseId: a.caseId, attendedOn: a.attendedOn, placeId: a.session.programme.placeId })),
    anonymousConsultations: (await p.anonymousConsultation.findMany()).map(rows.anonymousConsultationFromRow),
    places: (await p.place.findMany()).map((pl) => ({
      id: pl.id,
      agencyId: pl.agencyId,
      municipalityCode: pl.municipalityCode,
      kind: pl.kind as IndicatorDataset['places'][number]['kind'],
    })),
    sessionHeadcounts: (
      await p.sessionHeadcount.findMany({ include: { session: { include: { programme: true } } } })
    ).map((h) => ({
      placeId: h.session.programme.placeId,
      heldOn: h.session.heldOn,
      persons: h.persons,
      familyMembers: h.familyMembers,
    })),
    conferences: (await p.caseConference.findMany({ include: { discussions: true } })).map((c) => ({
      organiserAgencyId: c.organiserAgencyId,
      heldOn: c.heldOn,
      caseCount: c.discussions.length,
    })),
    supporters: (await p.supporter.findMany()).map(rows.supporterFromRow),
  };
}

/**
 * Awkward records the generator does not make on purpose: contacts on the days either side of the
 * fiscal year and half-year boundaries, a first contact exactly on 1 April, leap-day birthdays known
 * only to the month, a consulting family member since removed from the household, cases without
 * status or stage history, a referral completed without `completedOn`, one without any history.
 */
function awkwardCases(seed: GeneratedSeed): SeedCase[] {
  const extra = seedCases(seed);
  const take = (test: (c: SeedCase) => boolean): SeedCase => {
    const i = extra.findIndex(test);
    if (i < 0) throw new Error('no generated case fits');
    return extra.splice(i, 1)[0] as SeedCase;
  };
  const redate = (c: SeedCase, days: readonly string[], opened = days[0] as string): SeedCase => ({
    ...c,
    record: { ...c.record, openedOn: opened },
    contacts: days.map((day, i) => ({
      ...(c.contacts[i % c.contacts.length] as SeedCase['contacts'][number]),
      id: `${c.record.id}-k${i}`,
      occurredOn: day,
    })),
    statuses: c.statuses.map((s, i) => (i === 0 ? { ...s, effectiveOn: opened } : s)),
  });
  const boundary = redate(
    take((c) => c.contacts.length > 0),
    ['2023-03-31', '2023-04-01', '2023-09-30', '2023-10-01', '2024-03-31', '2024-04-01'],
  );
  const firstOnApril1 = redate(
    take((c) => c.contacts.length > 0),
    ['2023-04-01', '2023-04-01', '2024-04-01'],
  );
  const leapDay = ((c) => ({
    ...redate(c, ['2024-02-28', '2024-02-29', '2023-02-28', '2020-02-28', '2020-02-29']),
    person: { ...c.person, birthDate: null, birthYearMonth: '2004-02' },
  }))(take((c) => c.contacts.length > 0));
  const leapDay2000 = ((c) => ({
    ...redate(c, ['2020-02-28', '2020-02-29', '2024-02-28']),
    person: { ...c.person, birthDate: '2000-02-29', birthYearMonth: '2000-02' },
  }))(take((c) => c.contacts.length > 0));
  // 取消: a voided contact counts nowhere; the case's only earlier contact being voided, it is new.
  const voidedEarlier = ((c) => ({
    ...c,
    contacts: c.contacts.map((k, i) =>
      i % 2 === 0
        ? {
            ...k,
            voided: {
              at: new Date('2024-01-05T00:00:00Z'),
              reason: '誤登録',
              staffId: k.staffId,
              agencyId: k.agencyId,
            },
          }
        : k,
    ),
  }))(
    redate(
      take((c) => c.contacts.length > 0),
      ['2022-05-10', '2023-06-01', '2023-07-01', '2024-02-01'],
    ),
  );
  const removedMember = ((c) => ({
    ...c,
    contacts: c.contacts.map((k) => ({
      ...k,
      consultingParty: { kind: 'householdMember' as const, householdMemberId: `${c.record.id}-gone` },
    })),
  }))(take((c) => c.contacts.length > 3 && c.record.openedOn < '2023-01-01'));
  const noHistoryClosed = ((c) => ({
    ...c,
    statuses: [],
    supportStages: [],
    record: {
      ...c.record,
      openedOn: '2022-05-01',
      status: {
        state: 'closed' as const,
        since: '2024-01-10',
        closureReason: 'movedAway' as const,
      },
    },
  }))(take(() => true));
  const noHistoryOpen = ((c) => ({
    ...c,
    statuses: [],
    record: {
      ...c.record,
      openedOn: '2022-05-01',
      status: { state: 'active' as const, since: '2022-05-01' },
    },
  }))(take(() => true));
  const completedWithoutDate = ((c) => ({
    ...c,
    referrals: c.referrals.map((r) => (r.status === 'completed' ? { ...r, completedOn: null } : r)),
  }))(take((c) => c.referrals.some((r) => r.status === 'completed' && r.outcome === 'connected')));
  const withoutHistory = ((c) => ({
    ...c,
    referrals: c.referrals.map((r) => ({ ...r, history: [] })),
  }))(take((c) => c.referrals.length > 0));
  // Two entries on one day: the later sequence is the one in force (closed and reopened on 31 March;
  // two forward moves on one day).
  const sameDay = ((c) => {
    const [opened] = c.statuses;
    const [initial] = c.supportStages;
    if (!opened || !initial) throw new Error('a generated case has histories');
    const actor = opened.actor;
    const at = opened.recordedAt;
    const move = (from: string, to: string, sequence: number) => ({
      ...initial,
      from,
      to,
      direction: 'forward',
      reason: 'progress',
      effectiveOn: '2023-06-01',
      sequence,
    });
    return {
      ...c,
      record: {
        ...c.record,
        openedOn: '2022-05-01',
        stage: 'group' as const,
        status: { state: 'active' as const, since: '2024-03-31' },
      },
      statuses: [
        { ...opened, effectiveOn: '2022-05-01' },
        {
          caseId: c.record.id,
          from: 'active',
          to: 'closed',
          move: 'closed',
          reason: 'personWish',
          note: null,
          noteVisibility: 'normal' as const,
          reviewOn: null,
          actor,
          effectiveOn: '2024-03-31',
          recordedAt: at,
          sequence: 2,
        },
        {
          caseId: c.record.id,
          from: 'closed',
          to: 'active',
          move: 'reopened',
          reason: 'newConsultation',
          note: null,
          noteVisibility: 'normal' as const,
          reviewOn: null,
          actor,
          effectiveOn: '2024-03-31',
          recordedAt: at,
          sequence: 3,
        },
      ],
      supportStages: [
        { ...initial, effectiveOn: '2022-05-01' },
        move('encounter', 'individual', 2),
        move('individual', 'group', 3),
      ],
    } as SeedCase;
  })(take(() => true));
  return [
    sameDay,
    boundary,
    firstOnApril1,
    voidedEarlier,
    leapDay,
    leapDay2000,
    removedMember,
    noHistoryClosed,
    noHistoryOpen,
    completedWithoutDate,
    withoutHistory,
    ...extra,
  ];
}

/** A calendar date `days` after 2019-04-01. */
const dayAfterStart = (days: number) =>
  new Date(Date.UTC(2019, 3, 1) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * Records the seed has none of: 匿名相談 over every agency, channel, party and age band (some without
 * a municipality), unregistered headcounts on every third session, conferences discussing 1–3 cases.
 */
async function writeRecordsWithoutCase(db: Database): Promise<void> {
  const p = db.prisma;
  const agencies = await p.agency.findMany({ orderBy: { id: 'asc' } });
  const recordedBy = { staffId: 'seed', agencyId: agencies[0]?.id ?? '', role: 'staff' as const };
  const recordedAt = new Date('2025-06-01T00:00:00Z');
  await p.anonymousConsultation.createMany({
    data: Array.from({ length: 400 }, (_, i) =>
      rows.anonymousConsultationRow({
        id: `anon-${i}`,
        agencyId: agencies[i % agencies.length]?.id ?? '',
        occurredOn: dayAfterStart((i * 11) % 2200),
        channel: CHANNEL_KEYS[i % CHANNEL_KEYS.length] as ContactChannel,
        consultingParty: CONSULTING_PARTY_KEYS[
          (i >> 1) % CONSULTING_PARTY_KEYS.length
        ] as ConsultingPartyCategory,
        contents: ['relationshipBuilding'],
        ageBand: AGE_BAND_ORDER[(i >> 2) % AGE_BAND_ORDER.length] as AgeBand,
        sex: 'unknown',
        municipalityCode: i % 3 === 0 ? null : i % 3 === 1 ? '242012' : '242098',
        durationMinutes: null,
        recordedBy,
        recordedAt,
      }),
    ),
  });
  const sessions = await p.programmeSession.findMany({ orderBy: { id: 'asc' } });
  await p.sessionHeadcount.createMany({
    data: sessions
      .filter((_, i) => i % 3 === 0)
      .map((s, i) =>
        rows.headcountRow({
          sessionId: s.id,
          persons: i % 4,
          familyMembers: i % 5,
          recordedBy,
          recordedAt,
          version: 1,
        }),
      ),
  });
  const caseIds = (await p.case.findMany({ select: { id: true }, orderBy: { id: 'asc' }, take: 90 })).map(
    (c) => c.id,
  );
  for (let i = 0; i < 60; i++) {
    const organiser = agencies[i % agencies.length]?.id ?? '';
    await p.caseConference.create({
      data: rows.conferenceRow({
        id: `conf-${i}`,
        organiserAgencyId: organiser,
        kind: 'caseConference',
        supportMeetingId: null,
        heldOn: dayAfterStart((i * 37) % 2200),
        title: 'ケース会議',
        attendees: [],
        discussions: [],
        recordedBy,
        recordedAt,
        version: 1,
      }),
    });
    await p.caseConferenceCase.createMany({
      data: caseIds.slice(i, i + 1 + (i % 3)).map((caseId, position) => ({
        conferenceId: `conf-${i}`,
        caseId,
        position,
        decision: 'continueSupport',
      })),
    });
  }
}

/** Runs the tallies' backfill over the database at `url`, as the migration runner does. */
async function backfillWith(url: string, batchSize: number): Promise<number> {
  const target = parseDatabaseUrl(url);
  if (target.provider === 'sqlite') {
    const sqlite = new SqliteDatabase(target.location);
    try {
      return await backfillContactTallies(sqliteMigrationDriver(sqlite), batchSize);
    } finally {
      sqlite.close();
    }
  }
  const client = new pg.Client(postgresClientConfig(target.location));
  await client.connect();
  try {
    return await backfillContactTallies(
      postgresMigrationDriver(client, { schema: target.schema ?? 'public' }),
      batchSize,
    );
  } finally {
    await client.end();
  }
}

/** Indicator counts in SQL must equal the core's in-memory counts over the same records. */
export function describeSqlIndicators(databases: TestDatabaseProvider): void {
  describe(`sqlIndicatorCounts on ${databases.name}`, () => {
    let db: Database;
    let url: string;
    let dataset: IndicatorDataset;
    const seed = generateSeed({ cases: 300, seed: 11, today });
    const dialect = databases.name === 'postgresql' ? postgresDialect : sqliteDialect;

    beforeAll(async () => {
      url = await databases.create();
      db = await openDatabase(url);
      await writeSeed(db, seed, { batchSize: 120 });
      // More cases over the same agencies (with places of their own), reworked into awkward ones.
      const more = generateSeed({ cases: 60, seed: 4242, today, agencies: seed.agencies });
      const awkward = awkwardCases(more);
      await writeSeed(db, {
        ...more,
        *cases() {
          yield* awkward;
        },
      });
      await writeRecordsWithoutCase(db);
      dataset = await loadIndicatorDataset(db);
    }, 120_000);

    afterAll(async () => {
      await db?.close();
      await databases.dropAll();
    });

    const agencyIds = seed.agencies.map((a) => a.id);
    const scopes: IndicatorScope[] = [
      { kind: 'all' },
      { kind: 'municipality', municipalityCode: '242012' },
      { kind: 'municipality', municipalityCode: '242098' },
      { kind: 'municipality', municipalityCode: '131016' }, // no cases at all
      ...agencyIds
        .filter((_, i) => i % 6 === 0)
        .map((agencyId): IndicatorScope => ({ kind: 'agency', agencyId })),
      { kind: 'agency', agencyId: 'no-such-agency' },
    ];
    const periods: ReportingPeriod[] = [
      ...[2019, 2023, 2024].flatMap((fiscalYear) =>
        (['fiscalYear', 'firstHalf', 'secondHalf'] as const).map((kind) => ({ kind, fiscalYear })),
      ),
      // A month, months across a fiscal year's end (tallies by month), and days that no unit divides
      // (the contacts themselves).
      { kind: 'month', month: '2023-04' },
      { kind: 'range', from: '2023-02-01', to: '2023-05-31' },
      { kind: 'range', from: '2023-03-31', to: '2023-10-01' },
    ];
    const periodName = (period: ReportingPeriod) =>
      period.kind === 'month'
        ? `month ${period.month}`
        : period.kind === 'range'
          ? `range ${period.from}〜${period.to}`
          : `${period.kind} ${period.fiscalYear}`;

    it('has data for every figure, so the comparisons below mean something', () => {
      const counts = countIndicators(dataset, {
        period: { kind: 'fiscalYear', fiscalYear: 2023 },
        scope: { kind: 'all' },
        publishing: false,
      });
      expect(counts.contacts).toBeGreaterThan(1000);
      expect(counts.newCases).toBeGreaterThan(10);
      expect(counts.casesContacted - counts.newCases).toBeGreaterThan(10);
      expect(counts.reachedPeople).toBeGreaterThan(10);
      expect(counts.people - counts.reachedPeople).toBeGreaterThan(10);
      expect(counts.connectedToPlace).toBeGreaterThan(0);
      expect(counts.connectedToAgency).toBeGreaterThan(0);
      expect(counts.reReferrals).toBeGreaterThan(0);
      expect(counts.stagesAtEnd.unknown).toBeGreaterThan(0);
      for (const key of ['pending', 'connected', 'declined'] as const)
        expect(
          Object.values(counts.referrals).reduce((sum, row) => sum + row[key], 0),
          key,
        ).toBeGreaterThan(0);
      expect(Object.values(counts.stageMoves).reduce((a, b) => a + b, 0)).toBeGreaterThan(10);
      expect(counts.stageMoves['group->individual']).toBeGreaterThan(0);
      for (const band of ['10s', '20s', '30s', '40s', '50s', 'unknown'] as const)
        expect(counts.byAgeBand[band], band).toBeGreaterThan(0);
      for (const party of ['person', 'parent', 'sibling', 'otherFamily', 'agency'] as const)
        expect(counts.byConsultingParty[party], party).toBeGreaterThan(0);
      expect(Object.values(counts.anonymous.byChannel).reduce((a, b) => a + b, 0)).toBeGreaterThan(10);
      expect(counts.groupAttendance.registered).toBeGreaterThan(counts.groupAttendance.registeredCases);
      expect(counts.groupAttendance.unregisteredPersons).toBeGreaterThan(0);
      expect(counts.groupAttendance.unregisteredFamily).toBeGreaterThan(0);
      expect(counts.conferences.casesDiscussed).toBeGreaterThan(counts.conferences.held);
    });

    const cases = periods.flatMap((period) =>
      scopes.map((scope) => ({
        name: `${periodName(period)} ${scope.kind} ${'agencyId' in scope ? scope.agencyId : 'municipalityCode' in scope ? scope.municipalityCode : ''}`,
        query: { period, scope, publishing: false } satisfies IndicatorQuery,
      })),
    );
    it.each(cases)('equals the in-memory counts: $name', async ({ query }) => {
      const inSql = await sqlIndicatorCounts(db.prisma, dialect, query);
      expect(inSql).toEqual(countIndicators(dataset, query));
      // Half of the statements on a second connection, as PostgreSQL's unit of work runs a report.
      let used = 0;
      const second: SecondConnection = (work) => {
        used++;
        return db.prisma.$transaction(work);
      };
      expect(await sqlIndicatorCounts(db.prisma, dialect, query, second)).toEqual(inSql);
      expect(used).toBe(1);
      // None to spare: the same figures, every statement on the first.
      expect(await sqlIndicatorCounts(db.prisma, dialect, query, () => null)).toEqual(inSql);
    });

    it('serves register.indicators.report, the same report as computed in memory', async () => {
      const register = await createDatabaseRegister(db);
      const agencyId = dataset.cases[0]?.leadAgencyId as string;
      const actor: Actor = { staffId: 'indicator-reader', agencyId, role: 'staff' };
      for (const query of [
        {
          period: { kind: 'fiscalYear', fiscalYear: 2023 },
          scope: { kind: 'agency', agencyId },
          publishing: false,
        },
        { period: { kind: 'firstHalf', fiscalYear: 2024 }, scope: { kind: 'all' }, publishing: true },
      ] satisfies IndicatorQuery[]) {
        const report = await register.indicators.report(actor, query);
        expect(report).toEqual(computeIndicators(dataset, query));
        expect('value' in report.contacts.total).toBe(true);
      }
    });

    it('answers more reports at once than the pool has connections, each whole', async () => {
      const register = await createDatabaseRegister(db);
      const agencyId = dataset.cases[0]?.leadAgencyId as string;
      const actor: Actor = { staffId: 'indicator-reader', agencyId, role: 'staff' };
      const query = {
        period: { kind: 'fiscalYear', fiscalYear: 2023 },
        scope: { kind: 'agency', agencyId },
        publishing: false,
      } satisfies IndicatorQuery;
      const reports = await Promise.all(
        Array.from({ length: 14 }, () => register.indicators.report(actor, query)),
      );
      for (const report of reports) expect(report).toEqual(computeIndicators(dataset, query));
    });

    it('backfills the same tallies as the writes kept (a register recorded before them)', async () => {
      const all = () =>
        db.prisma.$queryRawUnsafe<Record<string, unknown>[]>(
          'SELECT * FROM "ContactTally" ORDER BY "caseId", "agencyId", "period"',
        );
      const kept = await all();
      expect(kept.length).toBeGreaterThan(1000);
      await db.prisma.$executeRawUnsafe('DELETE FROM "ContactTally"');
      // Small batches, so that resuming after the last case seen is exercised.
      expect(await backfillWith(url, 50)).toBe(new Set(kept.map((r) => r.caseId)).size);
      expect(await all()).toEqual(kept);
      expect(await backfillWith(url, 50)).toBe(0);
    });

    // Every write that changes a counted fact goes through the repositories, which keep the tallies
    // and the entries in force in the same transaction: after each, the figures still equal the core's.
    describe('after each kind of write', () => {
      const checked: IndicatorQuery[] = [
        { kind: 'fiscalYear', fiscalYear: 2023 } as const,
        { kind: 'secondHalf', fiscalYear: 2022 } as const,
        { kind: 'month', month: '2023-06' } as const,
      ].flatMap((period) =>
        scopes.slice(0, 5).map((scope) => ({ period, scope, publishing: false }) satisfies IndicatorQuery),
      );
      const expectSame = async () => {
        dataset = await loadIndicatorDataset(db);
        for (const query of checked)
          expect(await sqlIndicatorCounts(db.prisma, dialect, query), JSON.stringify(query)).toEqual(
            countIndicators(dataset, query),
          );
      };
      const write = (work: (repos: ReturnType<typeof prismaRepositories>) => Promise<void>) =>
        db.prisma.$transaction((tx) => work(prismaRepositories(tx, dialect)), { timeout: 60_000 });
      /** A case with counted contacts in FY2023 and a household member who consulted. */
      const someContact = async (test: (c: { caseId: string; consultingPartyKind: string }) => boolean) => {
        const found = (
          await db.prisma.contact.findMany({
            where: { voidedAt: null, occurredOn: { gte: '2023-04-01', lte: '2024-03-31' } },
            orderBy: { id: 'asc' },
          })
        ).find(test);
        if (!found) throw new Error('no contact fits');
        return rows.contactFromRow(found);
      };

      it('a contact recorded (backdated into an earlier year: the case is no longer new)', async () => {
        const k = await someContact(() => true);
        await write((repos) =>
          repos.contacts.insert({ ...k, id: `${k.id}-new`, occurredOn: '2022-11-30', channel: 'email' }),
        );
        await expectSame();
      });

      it('a contact corrected: date, channel and consulting party', async () => {
        const k = await someContact((c) => c.consultingPartyKind === 'householdMember');
        await write((repos) =>
          repos.contacts.update({
            ...k,
            occurredOn: '2023-06-30',
            channel: 'homeVisit',
            consultingParty: { kind: 'person' },
            personContact: 'reached',
            version: k.version + 1,
          }),
        );
        await expectSame();
      });

      it('a contact voided (取消)', async () => {
        const k = await someContact(() => true);
        await write((repos) =>
          repos.contacts.update({
            ...k,
            voided: {
              at: new Date('2025-01-10T00:00:00Z'),
              reason: '誤登録',
              staffId: k.staffId,
              agencyId: k.agencyId,
            },
            version: k.version + 1,
          }),
        );
        await expectSame();
      });

      it("the person's birth date and household changed (ages and consulting parties)", async () => {
        const k = await someContact((c) => c.consultingPartyKind === 'householdMember');
        await write(async (repos) => {
          const record = await repos.cases.get(k.caseId);
          const person = record && (await repos.persons.get(record.personId));
          if (!person) throw new Error('the case has a person');
          await repos.persons.update({
            ...person,
            birthDate: '1965-07-01',
            birthYearMonth: '1965-07',
            household: [],
          });
        });
        await expectSame();
      });

      it('a retention pseudonymisation keeps only the birth month', async () => {
        const k = await someContact(() => true);
        await write(async (repos) => {
          const record = await repos.cases.get(k.caseId);
          const person = record && (await repos.persons.get(record.personId));
          if (!person) throw new Error('the case has a person');
          await repos.persons.update({
            ...person,
            birthDate: null,
            birthYearMonth: '2003-02',
            pseudonymisedOn: '2025-01-01',
          });
        });
        await expectSame();
      });

      it('a case moved to another person and municipality (名寄せ)', async () => {
        const k = await someContact(() => true);
        const other = await db.prisma.case.findFirst({
          where: { municipalityCode: '242012', NOT: { id: k.caseId } },
          orderBy: { id: 'desc' },
        });
        if (!other) throw new Error('another case');
        await write(async (repos) => {
          const record = await repos.cases.get(k.caseId);
          if (!record) throw new Error('the case');
          await repos.cases.update({
            ...record,
            personId: other.personId,
            municipalityCode: '242012',
            version: record.version + 1,
          });
        });
        await expectSame();
      });

      it('stage, family stage and status changes, backdated before later entries', async () => {
        const [withMoves] = await db.prisma.supportStageChange.groupBy({
          by: ['caseId'],
          where: { effectiveOn: { gte: '2023-09-01' } },
          _count: true,
          orderBy: { caseId: 'asc' },
        });
        if (!withMoves) throw new Error('a case with a stage move');
        const caseId = withMoves.caseId;
        await write(async (repos) => {
          const stages = await repos.caseHistory.supportStages(caseId);
          const statuses = await repos.caseHistory.statuses(caseId);
          const last = stages.at(-1);
          const lastStatus = statuses.at(-1);
          if (!last || !lastStatus) throw new Error('histories');
          await repos.caseHistory.appendSupportStage({
            ...last,
            sequence: last.sequence + 1,
            effectiveOn: '2023-08-15',
          });
          await repos.caseHistory.appendStatus({
            ...lastStatus,
            sequence: lastStatus.sequence + 1,
            to: 'closed',
            effectiveOn: '2023-07-01',
          });
          const family = await repos.caseHistory.familyStages(caseId);
          const lastFamily = family.at(-1);
          if (lastFamily)
            await repos.caseHistory.appendFamilyStage({
              ...lastFamily,
              sequence: lastFamily.sequence + 1,
              effectiveOn: '2022-12-01',
            });
        });
        await expectSame();
      });

      it('sees a write that bypasses the maintenance (so a forgotten write path fails these tests)', async () => {
        const k = await someContact((c) => c.consultingPartyKind === 'person');
        await db.prisma.contact.update({
          where: { id: k.id },
          data: { channel: 'sns', occurredOn: '2023-06-02' },
        });
        dataset = await loadIndicatorDataset(db);
        const query = checked.find(
          (q) => q.period.kind === 'month' && q.scope.kind === 'all',
        ) as IndicatorQuery;
        expect(await sqlIndicatorCounts(db.prisma, dialect, query)).not.toEqual(
          countIndicators(dataset, query),
        );
        await runStatements(contactTallyStatements(casesById([k.caseId])), dialect.param, (sql, values) =>
          db.prisma.$executeRawUnsafe(sql, ...values),
        );
        await expectSame();
      });
    });
  });
}
