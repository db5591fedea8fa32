// What the migrations do to data already in a register (not only to its tables), written once and run
// on each database by a thin file per driver.
import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Actor } from '@hikikomori-register/core';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../database.ts';
import { createDatabaseRegister } from '../register.ts';
import type { TestDatabaseProvider } from '../testing/test-databases.ts';
import { migrationsRoot } from '../tooling/paths.ts';
import { migrateDatabase, parseDatabaseUrl, postgresClientConfig } from './migrate-database.ts';

type Row = Record<string, string | number | boolean | null>;

/** The migration whose data steps are tested: the database is first built by the ones before it. */
const UNDER_TEST = '0003_lawful_disclosure_and_privacy';

/** Inserts rows with plain SQL, as a register of an earlier version would have them. */
async function insertRows(url: string, tables: readonly [string, readonly Row[]][]): Promise<void> {
  const target = parseDatabaseUrl(url);
  const statements = tables.flatMap(([table, rows]) =>
    rows.map((row) => {
      const columns = Object.keys(row);
      return { table, columns, values: Object.values(row) };
    }),
  );
  if (target.provider === 'sqlite') {
    const db = new Database(target.location);
    try {
      for (const s of statements)
        db.prepare(
          `INSERT INTO "${s.table}" (${s.columns.map((c) => `"${c}"`).join(', ')}) VALUES (${s.columns.map(() => '?').join(', ')})`,
        ).run(...s.values.map((v) => (typeof v === 'boolean' ? Number(v) : v)));
    } finally {
      db.close();
    }
    return;
  }
  const client = new pg.Client(postgresClientConfig(target.location));
  await client.connect();
  try {
    await client.query(`SET search_path TO "${target.schema ?? 'public'}"`);
    for (const s of statements)
      await client.query(
        `INSERT INTO "${s.table}" (${s.columns.map((c) => `"${c}"`).join(', ')}) VALUES (${s.columns.map((_, i) => `$${i + 1}`).join(', ')})`,
        s.values,
      );
  } finally {
    await client.end();
  }
}

export function describeDataMigrations(databases: TestDatabaseProvider): void {
  const scratch: string[] = [];
  afterAll(async () => {
    for (const dir of scratch.splice(0)) await rm(dir, { recursive: true, force: true });
    await databases.dropAll();
  });

  describe(`data migrations on ${databases.name}`, () => {
    it(`${UNDER_TEST} moves status notes out of the summary, records the agencies already on cases, names the coordinator`, async () => {
      const url = await databases.create();
      const provider = parseDatabaseUrl(url).provider;
      // A register as the versions before left it.
      const before = await mkdtemp(join(tmpdir(), 'register-migrations-'));
      scratch.push(before);
      for (const name of await readdir(join(migrationsRoot, provider)))
        if (name < UNDER_TEST)
          await cp(join(migrationsRoot, provider, name), join(before, provider, name), { recursive: true });
      await migrateDatabase(parseDatabaseUrl(url), { migrationsRoot: before });
      const at = (day: string) => `${day}T01:00:00.000Z`;
      const actor = { actorStaffId: 's1', actorAgencyId: 'centre', actorRole: 'staff' };
      const agency = (id: string, name: string, day: string): Row => ({
        id,
        kind: 'municipalHikikomoriDesk',
        name,
        municipalityCode: '242012',
        services: '[]',
        active: true,
        version: 1,
        createdAt: at(day),
        updatedAt: at(day),
      });
      await insertRows(url, [
        [
          'Agency',
          [
            agency('npo', '架空の会', '2023-02-01'),
            agency('centre', '架空センター', '2023-01-01'),
            agency('desk', '架空窓口', '2023-03-01'),
          ],
        ],
        [
          'Person',
          [
            {
              id: 'p1',
              displayName: '架空 太郎',
              sex: 'male',
              municipalityCode: '242012',
              version: 1,
              createdAt: at('2023-04-01'),
              updatedAt: at('2023-04-01'),
            },
          ],
        ],
        [
          'Case',
          [
            {
              id: 'c1',
              personId: 'p1',
              municipalityCode: '242012',
              leadAgencyId: 'centre',
              openedOn: '2023-04-01',
              stage: 'encounter',
              status: 'paused',
              statusSince: '2023-06-01',
              statusReason: 'other',
              statusNote: '入院のため（要配慮）',
              version: 3,
              createdAt: at('2023-04-01'),
              updatedAt: at('2023-06-01'),
            },
          ],
        ],
        [
          'CaseStatusChange',
          [
            {
              caseId: 'c1',
              sequence: 1,
              to: 'active',
              move: 'opened',
              effectiveOn: '2023-04-01',
              recordedAt: at('2023-04-01'),
              ...actor,
            },
            {
              caseId: 'c1',
              sequence: 2,
              from: 'active',
              to: 'paused',
              move: 'paused',
              reason: 'other',
              effectiveOn: '2023-06-01',
              recordedAt: at('2023-06-01'),
              ...actor,
            },
          ],
        ],
        [
          'SupportStageChange',
          [
            {
              caseId: 'c1',
              sequence: 1,
              to: 'encounter',
              direction: 'initial',
              reason: 'initial',
              note: '受付メモ',
              effectiveOn: '2023-04-01',
              recordedAt: at('2023-04-01'),
              ...actor,
            },
          ],
        ],
        [
          'CaseSupportingAgency',
          [
            { caseId: 'c1', agencyId: 'npo', position: 0, addedAt: at('2023-05-02') },
            { caseId: 'c1', agencyId: 'desk', position: 1, addedAt: at('2023-05-03') },
          ],
        ],
        [
          'Consent',
          [
            {
              id: 'k1',
              caseId: 'c1',
              givenByKind: 'person',
              scopeAgencyIds: '["npo"]',
              scopeSectors: '[]',
              givenOn: '2023-05-01',
              recordedAt: at('2023-05-01'),
            },
          ],
        ],
        [
          'Referral',
          [
            {
              id: 'r1',
              caseId: 'c1',
              kind: 'referral',
              fromAgencyId: 'centre',
              toAgencyId: 'npo',
              reason: '居場所',
              requestedService: '居場所',
              legalBasisKind: 'consent',
              legalBasisConsentId: 'k1',
              sharedSections: '["summary"]',
              status: 'accepted',
              sentOn: '2023-05-01',
              respondedOn: '2023-05-02',
              sentBy: 's1',
              version: 2,
              createdAt: at('2023-05-01'),
              updatedAt: at('2023-05-02'),
            },
          ],
        ],
      ]);

      await migrateDatabase(parseDatabaseUrl(url));
      const database = await openDatabase(url, { migrate: false });
      try {
        const register = await createDatabaseRegister(database);
        const worker: Actor = { staffId: 's1', agencyId: 'centre', role: 'staff' };
        const history = await register.cases.history(worker, 'c1');
        // The note the case row held is on the entry that paused the case; the summary holds none.
        expect(history.statuses.at(-1)).toMatchObject({
          note: '入院のため（要配慮）',
          noteVisibility: 'normal',
        });
        expect(history.supportStages[0]).toMatchObject({ note: '受付メモ', noteVisibility: 'normal' });
        expect((await register.cases.get(worker, 'c1')).record.status).toEqual({
          state: 'paused',
          since: '2023-06-01',
          pauseReason: 'other',
          reviewOn: null,
        });
        // The agencies already on the case, with the basis of the referral that brought one of them.
        expect(
          history.agencies.map((e) => [e.agencyId, e.role, e.via, e.effectiveOn, e.legalBasis, e.referralId]),
        ).toEqual([
          ['centre', 'lead', 'recordedBefore', '2023-04-01', null, null],
          ['npo', 'supporting', 'referral', '2023-05-02', { kind: 'consent', consentId: 'k1' }, 'r1'],
          ['desk', 'supporting', 'recordedBefore', '2023-04-01', null, null],
        ]);
        // The agency the register began with coordinates the network.
        const coordinators = (await register.agencies.list(worker)).filter((a) => a.networkCoordinator);
        expect(coordinators.map((a) => a.id)).toEqual(['centre']);
        // A case with migrated history takes new changes: the next entry follows the migrated ones.
        await register.cases.removeSupportingAgency(worker, 'c1', {
          agencyId: 'desk',
          expectedVersion: 3,
          leftOn: '2023-07-01',
        });
        expect((await register.cases.history(worker, 'c1')).agencies.at(-1)).toMatchObject({
          sequence: 4,
          change: 'left',
        });
      } finally {
        await database.close();
      }
    });

    it('computes the search keys of persons registered before they were stored, in every later migrate', async () => {
      const url = await databases.create();
      await migrateDatabase(parseDatabaseUrl(url));
      const at = '2023-04-01T01:00:00.000Z';
      // Rows as a register before the keys has them: the columns hold their default "".
      const person = (id: string, displayName: string, kana: string | null): Row => ({
        id,
        displayName,
        kana,
        birthDate: '1990-02-03',
        birthYearMonth: '1990-02',
        sex: 'female',
        municipalityCode: '242012',
        nameKey: '',
        kanaKey: '',
        version: 1,
        createdAt: at,
        updatedAt: at,
      });
      const caseOf = (personId: string): Row => ({
        id: `c-${personId}`,
        personId,
        municipalityCode: '242012',
        leadAgencyId: 'centre',
        openedOn: '2023-04-01',
        stage: 'encounter',
        status: 'active',
        statusSince: '2023-04-01',
        version: 1,
        createdAt: at,
        updatedAt: at,
      });
      await insertRows(url, [
        [
          'Agency',
          [
            {
              id: 'centre',
              kind: 'municipalHikikomoriDesk',
              name: '架空センター',
              municipalityCode: '242012',
              services: '[]',
              active: true,
              version: 1,
              createdAt: at,
              updatedAt: at,
            },
          ],
        ],
        ['Person', [person('p1', '架空 優子', 'カクウ ユウコ'), person('p2', '架空 次郎', null)]],
        ['Case', ['p1', 'p2'].map((p) => caseOf(p))],
      ]);

      await migrateDatabase(parseDatabaseUrl(url));
      // A second run finds nothing left to do and changes nothing.
      await migrateDatabase(parseDatabaseUrl(url));
      const database = await openDatabase(url, { migrate: false });
      try {
        const register = await createDatabaseRegister(database);
        const worker: Actor = { staffId: 's1', agencyId: 'centre', role: 'staff' };
        const byKana = await register.persons.search(worker, { kana: 'かくうゆーこ' }, { first: 10 });
        expect(byKana.page.items.map((p) => p.id)).toEqual(['p1']);
        const byName = await register.persons.search(worker, { name: '架空次郎' }, { first: 10 });
        expect(byName.page.items.map((p) => p.id)).toEqual(['p2']);
        // The duplicate check at openCase finds the older record by its reading and birth date.
        await expect(
          register.cases.open(worker, {
            person: {
              displayName: '架空 ゆう子',
              kana: 'ｶｸｳ ﾕｳｺ',
              birthDate: '1990-02-03',
              municipalityCode: '242012',
            },
            case: { municipalityCode: '242012', openedOn: '2023-06-01' },
          }),
        ).rejects.toMatchObject({
          code: 'POSSIBLE_DUPLICATE',
          candidates: [expect.objectContaining({ person: expect.objectContaining({ id: 'p1' }) })],
        });
      } finally {
        await database.close();
      }
    });
  });
}
