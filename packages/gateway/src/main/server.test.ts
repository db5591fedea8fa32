import { afterAll, describe, expect, it } from 'vitest';
import { sqliteTestDatabases } from '../persistence/testing/test-databases.ts';
import { bootstrapFirstAdmin } from '../server/bootstrap.ts';
import type { GatewayLogger } from '../server/logger.ts';
import { DEMO_CASEWORK_CASES, DEMO_DUPLICATES } from './demo-casework.ts';
import { startRegisterServer } from './server.ts';

const databases = sqliteTestDatabases();
afterAll(() => databases.dropAll());

function capturingLogger() {
  const lines: string[] = [];
  const logger: GatewayLogger = {
    info: (e) => lines.push(JSON.stringify(e)),
    warn: (e) => lines.push(JSON.stringify(e)),
    error: (e) => lines.push(JSON.stringify(e)),
  };
  return { lines, logger };
}

async function caseload(url: string, token: string) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({
      query:
        '{ me { role agency { name } } cases(first: 100) { edges { node { id stage person { displayName } } } } }',
    }),
  });
  return {
    status: response.status,
    body: (await response.json()) as {
      data?: { me: { role: string; agency: { name: string } }; cases: { edges: { node: { id: string } }[] } };
      errors?: unknown[];
    },
  };
}

async function gql<T>(url: string, token: string, query: string, variables: unknown = {}): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data: T; errors?: unknown[] };
  expect(body.errors).toBeUndefined();
  return body.data;
}

describe('the main job: the gateway on embedded SQLite with demo data', () => {
  it("gives the demo case worker a day's work: worklist items, planned contacts, duplicates at intake", async () => {
    const running = await startRegisterServer({
      databaseUrl: await databases.create(),
      port: 0,
      demo: { cases: 30 },
      logger: capturingLogger().logger,
    });
    try {
      const token = running.demo?.workerToken as string;
      const { worklist } = await gql<{
        worklist: {
          counts: { kind: string; count: number }[];
          items: { plannedContact: { note: string } | null }[];
        };
      }>(running.url, token, '{ worklist { counts { kind count } items { plannedContact { note } } } }');
      const counts = Object.fromEntries(worklist.counts.map((c) => [c.kind, c.count]));
      // Three planned contacts fall due today (two more later in the week), one pause is to be reviewed.
      expect(counts.NEXT_CONTACT_DUE).toBe(3);
      expect(counts.PAUSE_REVIEW_DUE).toBeGreaterThanOrEqual(1);
      expect(worklist.items.map((i) => i.plannedContact?.note).filter(Boolean)).toContain('午前中に家庭訪問');

      const { twice, elsewhere, municipalityCode } = DEMO_DUPLICATES;
      const openCase = (person: Record<string, string>) =>
        gql<{
          openCase: {
            case: { id: string } | null;
            duplicateCandidates: { outsideReach: boolean; person: { displayName: string } | null }[] | null;
            userErrors: { code: string }[];
          };
        }>(
          running.url,
          token,
          `mutation($input: OpenCaseInput!) { openCase(input: $input) {
            case { id } duplicateCandidates { outsideReach person { displayName } } userErrors { code } } }`,
          {
            input: {
              person: { ...person, municipalityCode },
              case: { municipalityCode, openedOn: new Date().toISOString().slice(0, 10) },
            },
          },
        );
      // Registered twice at the centre: both records are candidates the worker may open the case for.
      const again = (
        await openCase({
          displayName: twice.displayName,
          kana: twice.kana,
          birthYearMonth: twice.birthYearMonth,
        })
      ).openCase;
      expect(again.case).toBeNull();
      expect(again.userErrors.map((e) => e.code)).toEqual(['POSSIBLE_DUPLICATE']);
      expect(again.duplicateCandidates?.map((c) => [c.outsideReach, c.person?.displayName])).toEqual([
        [false, twice.displayName],
        [false, twice.displayName],
      ]);
      // Supported by a partner agency only: a candidate outside reach, without personal data.
      const other = (
        await openCase({
          displayName: elsewhere.displayName,
          kana: elsewhere.kana,
          birthYearMonth: elsewhere.birthYearMonth,
        })
      ).openCase;
      expect(other.duplicateCandidates).toEqual([{ outsideReach: true, person: null }]);
    } finally {
      await running.close();
    }
  }, 120_000);

  it('creates and migrates the database, loads the demo, serves it and issues working tokens', async () => {
    const databaseUrl = await databases.create();
    const { lines, logger } = capturingLogger();
    const running = await startRegisterServer({ databaseUrl, port: 0, demo: { cases: 12 }, logger });
    try {
      expect(running.demo?.created).toBe(true);
      expect(running.demo?.cases).toBe(12 + DEMO_CASEWORK_CASES);
      expect((await fetch(`${running.origin}/ready`)).status).toBe(200);

      const worker = await caseload(running.url, running.demo?.workerToken as string);
      expect(worker.status).toBe(200);
      expect(worker.body.errors).toBeUndefined();
      expect(worker.body.data?.me).toEqual({
        role: 'STAFF',
        agency: { name: '架空県ひきこもり地域支援センター' },
      });
      // The centre leads or supports some of the demo cases, never all (partners lead others).
      const seen = worker.body.data?.cases.edges.length ?? 0;
      expect(seen).toBeGreaterThan(0);
      expect(seen).toBeLessThan(12 + DEMO_CASEWORK_CASES);

      const admin = await caseload(running.url, running.demo?.adminToken as string);
      expect(admin.body.data?.me.role).toBe('AGENCY_ADMIN');
      // Tokens are printed by the start command only, never logged.
      const logged = lines.join('\n');
      expect(logged).not.toContain(running.demo?.workerToken);
      expect(logged).not.toContain(running.demo?.adminToken);
    } finally {
      await running.close();
    }
  });

  it('on the next start keeps the demo data and issues fresh tokens; earlier tokens still work', async () => {
    const databaseUrl = await databases.create();
    const first = await startRegisterServer({
      databaseUrl,
      port: 0,
      demo: { cases: 5 },
      logger: capturingLogger().logger,
    });
    const firstToken = first.demo?.workerToken as string;
    await first.close();

    const second = await startRegisterServer({
      databaseUrl,
      port: 0,
      demo: true,
      logger: capturingLogger().logger,
    });
    try {
      expect(second.demo?.created).toBe(false);
      expect(second.demo?.cases).toBe(5 + DEMO_CASEWORK_CASES);
      expect(second.demo?.workerToken).not.toBe(firstToken);
      const fresh = await caseload(second.url, second.demo?.workerToken as string);
      const earlier = await caseload(second.url, firstToken);
      expect(fresh.body.data?.cases.edges.map((e) => e.node.id)).toEqual(
        earlier.body.data?.cases.edges.map((e) => e.node.id),
      );
      expect(await second.database.prisma.agency.count()).toBe(6);
    } finally {
      await second.close();
    }
  });

  it('refuses to load demo data into a register that holds anything else, and leaves it untouched', async () => {
    const databaseUrl = await databases.create();
    const plain = await startRegisterServer({ databaseUrl, port: 0, logger: capturingLogger().logger });
    expect(plain.demo).toBeNull();
    await bootstrapFirstAdmin({
      register: plain.register,
      staff: plain.staff,
      agency: {
        kind: 'municipalHikikomoriDesk',
        name: '架空町ひきこもり相談窓口',
        municipalityCode: '242012',
      },
      adminName: '架空 管理者',
    });
    await plain.close();

    await expect(
      startRegisterServer({ databaseUrl, port: 0, demo: true, logger: capturingLogger().logger }),
    ).rejects.toThrow(/not the demo/);
    const again = await startRegisterServer({ databaseUrl, port: 0, logger: capturingLogger().logger });
    try {
      expect(await again.database.prisma.agency.count()).toBe(1);
      expect(await again.database.prisma.case.count()).toBe(0);
    } finally {
      await again.close();
    }
  });

  it('refuses a demo that an interrupted start left incomplete, rather than patching it', async () => {
    const databaseUrl = await databases.create();
    const plain = await startRegisterServer({ databaseUrl, port: 0, logger: capturingLogger().logger });
    // What an interrupted first start leaves behind: the demo centre, but no staff and no cases.
    await bootstrapFirstAdmin({
      register: plain.register,
      staff: plain.staff,
      agency: {
        kind: 'hikikomoriRegionalCentre',
        name: '架空県ひきこもり地域支援センター',
        municipalityCode: '240001',
      },
      adminName: '架空 管理者',
    });
    await plain.close();
    await expect(
      startRegisterServer({ databaseUrl, port: 0, demo: true, logger: capturingLogger().logger }),
    ).rejects.toThrow(/incomplete/);
  });

  it('answers 401 without a token and closes the database on close', async () => {
    const databaseUrl = await databases.create();
    const running = await startRegisterServer({ databaseUrl, port: 0, logger: capturingLogger().logger });
    const response = await fetch(running.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ me { role } }' }),
    });
    expect(response.status).toBe(401);
    await running.close();
    await expect(fetch(`${running.origin}/health`)).rejects.toThrow();
    // close() twice is the same close.
    await running.close();
  });
});
