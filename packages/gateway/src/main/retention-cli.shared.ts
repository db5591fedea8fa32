import { fileURLToPath } from 'node:url';
import { type Actor, calendarDateOf } from '@hikikomori-register/core';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../persistence/database.ts';
import { createDatabaseRegister } from '../persistence/register.ts';
import type { TestDatabaseProvider } from '../persistence/testing/test-databases.ts';
import { runCli } from '../testing/run-cli.ts';

const retentionCli = fileURLToPath(new URL('./retention-cli.ts', import.meta.url));

/** The retention command as an operator runs it from cron, on a database with old and recent cases. */
export function describeRetentionCli(databases: TestDatabaseProvider): void {
  afterAll(() => databases.dropAll());

  describe(`db:retention on ${databases.name}`, () => {
    it('counts in a dry run, then pseudonymises the persons whose cases closed before the period, audited', {
      timeout: 120_000,
    }, async () => {
      const url = await databases.create();
      const sixYearsAgo = `${Number(calendarDateOf(new Date()).slice(0, 4)) - 6}-04-01`;
      let today = sixYearsAgo;
      const database = await openDatabase(url);
      try {
        const register = await createDatabaseRegister(database, {
          clock: () => new Date(`${today}T03:00:00Z`),
        });
        const centre = await register.agencies.registerFirst({
          kind: 'municipalHikikomoriDesk',
          name: '架空市ひきこもり支援窓口',
          municipalityCode: '242012',
        });
        const worker: Actor = { staffId: 'w', agencyId: centre.id, role: 'staff' };
        const open = (name: string) =>
          register.cases.open(worker, {
            // Two persons of one family: the same reading, told apart by staff.
            confirmNotDuplicate: true,
            person: { displayName: name, kana: 'かくう', municipalityCode: '242012' },
            case: { municipalityCode: '242012', openedOn: today, note: '受付メモ（秘）' },
          });
        const old = await open('架空 一郎');
        await register.cases.changeStatus(worker, old.case.id, {
          to: 'closed',
          closureReason: 'other',
          note: '終結メモ（秘）',
          effectiveOn: today,
          expectedVersion: 1,
        });
        today = calendarDateOf(new Date());
        const current = await open('架空 二郎');

        const dry = await runCli(retentionCli, ['--dry-run'], { DATABASE_URL: url });
        expect(dry.stderr).toBe('');
        expect(dry.code).toBe(0);
        expect(dry.stdout).toContain('dry run: 1 persons, 1 cases closed on or before');
        expect(JSON.parse(dry.stdout.trim().split('\n').at(-1) ?? '')).toMatchObject({
          dryRun: true,
          persons: 1,
          cases: 1,
          years: 5,
        });
        expect((await register.cases.person(worker, old.case.id)).displayName).toBe('架空 一郎');

        const run = await runCli(retentionCli, [], { DATABASE_URL: url });
        expect(run.code).toBe(0);
        expect(JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '')).toMatchObject({
          dryRun: false,
          persons: 1,
          cases: 1,
          textsErased: 2,
        });
        const person = await register.cases.person(worker, old.case.id);
        expect(person).toMatchObject({ displayName: '仮名化済み', kana: null, pseudonymisedOn: today });
        expect(JSON.stringify(await register.cases.history(worker, old.case.id))).not.toMatch(
          /受付メモ|終結メモ/,
        );
        expect((await register.cases.person(worker, current.case.id)).displayName).toBe('架空 二郎');
        const auditor: Actor = { staffId: 'a', agencyId: centre.id, role: 'auditor' };
        const audited = await register.audit.list(auditor, { operation: 'retention.pseudonymise' });
        expect(audited.items.map((e) => [e.entity, e.role, e.caseId])).toEqual(
          expect.arrayContaining([
            ['case', 'system', old.case.id],
            ['person', 'system', old.case.id],
          ]),
        );

        const bad = await runCli(retentionCli, ['--years', '0'], { DATABASE_URL: url });
        expect(bad.code).toBe(1);
        expect(bad.stderr).toContain('field years');
      } finally {
        await database.close();
      }
    });
  });
}
