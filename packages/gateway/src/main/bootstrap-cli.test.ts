import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../persistence/database.ts';
import { PrismaStaffDirectory } from '../persistence/staff/prisma-staff-directory.ts';
import { sqliteTestDatabases } from '../persistence/testing/test-databases.ts';
import { runCli } from '../testing/run-cli.ts';

const bootstrapCli = fileURLToPath(new URL('./bootstrap-cli.ts', import.meta.url));
const databases = sqliteTestDatabases();
afterAll(() => databases.dropAll());

const args = ['--name', '架空市ひきこもり支援センター', '--municipality', '242012', '--admin', '架空 花子'];

// Each test starts the command as a process (migrating a new database): slow on a busy machine.
describe('the first administrator, from the command line', { timeout: 90_000 }, () => {
  it('creates the agency and its admin once, prints a working token once and stores only its hash', async () => {
    const url = await databases.create();
    const first = await runCli(bootstrapCli, args, { DATABASE_URL: url });
    expect(first.code).toBe(0);
    const token = first.stdout.trim().split('\n').at(-1) ?? '';
    expect(token).toMatch(/^hkr_[A-Za-z0-9_-]{43}$/);

    const database = await openDatabase(url);
    try {
      const actor = await new PrismaStaffDirectory(database).authenticate(token);
      expect(actor?.role).toBe('agencyAdmin');
      const stored = await database.prisma.apiToken.findMany();
      expect(stored).toHaveLength(1);
      expect(JSON.stringify(stored)).not.toContain(token);
    } finally {
      await database.close();
    }

    const again = await runCli(bootstrapCli, args, { DATABASE_URL: url });
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already has agencies/);
    expect(again.stdout).not.toMatch(/hkr_/);
  });

  it('with --login, prints a temporary console password that signs in and must be replaced', async () => {
    const url = await databases.create();
    // A leading `--`, as `pnpm bootstrap -- …` passes it through.
    const run = await runCli(bootstrapCli, ['--', ...args, '--login', 'Kanri.Hanako'], { DATABASE_URL: url });
    expect(run.code).toBe(0);
    const [, loginId, password] = /sign in as (\S+) with the temporary password (\S+)/.exec(run.stdout) ?? [];
    expect(loginId).toBe('kanri.hanako');
    const database = await openDatabase(url);
    try {
      const session = await new PrismaStaffDirectory(database).signIn('kanri.hanako', password ?? '');
      expect(session).toMatchObject({ mustChangePassword: true, actor: { role: 'agencyAdmin' } });
      expect(JSON.stringify(await database.prisma.staffAccount.findMany())).not.toContain(password);
    } finally {
      await database.close();
    }
  });

  it('names the field and rule of bad input, and writes nothing', async () => {
    const url = await databases.create();
    const bad = await runCli(bootstrapCli, [...args.slice(0, 3), '242013', ...args.slice(4)], {
      DATABASE_URL: url,
    });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('field municipalityCode, rule municipality_code_check_digit');
    const database = await openDatabase(url);
    try {
      expect(await database.prisma.agency.count()).toBe(0);
      expect(await database.prisma.staffAccount.count()).toBe(0);
    } finally {
      await database.close();
    }
    const badLogin = await runCli(bootstrapCli, [...args, '--login', 'かんり'], { DATABASE_URL: url });
    expect(badLogin.code).toBe(1);
    expect(badLogin.stderr).toContain('field loginId');
    const after = await openDatabase(url);
    try {
      expect(await after.prisma.agency.count()).toBe(0);
    } finally {
      await after.close();
    }
  });
});
