import Sqlite from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { startRegisterServer } from '../main/server.ts';
import { journalPathOf } from '../persistence/audit-writer/sqlite-audit-journal.ts';
import { sqliteTestDatabases } from '../persistence/testing/test-databases.ts';

const databases = sqliteTestDatabases();
afterAll(() => databases.dropAll());

describe('no answer without its audit', () => {
  it('fails the whole request with 503 AUDIT_UNAVAILABLE when the audit entries of its reads cannot be committed', {
    timeout: 120_000,
  }, async () => {
    const databaseUrl = await databases.create();
    const logged: Record<string, unknown>[] = [];
    const running = await startRegisterServer({
      databaseUrl,
      port: 0,
      demo: { cases: 3 },
      logger: {
        info: () => {},
        warn: () => {},
        error: (entry: Record<string, unknown>) => logged.push(entry),
      },
    });
    try {
      const read = () =>
        fetch(running.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${running.demo?.workerToken}`,
          },
          body: JSON.stringify({ query: '{ me { role } cases(first: 2) { edges { node { id stage } } } }' }),
        });
      const answered = await read();
      expect(answered.status).toBe(200);
      expect(
        ((await answered.json()) as { data: { cases: { edges: unknown[] } } }).data.cases.edges,
      ).not.toHaveLength(0);

      // The journal can no longer take entries (as on a full or failing disk).
      const journal = new Sqlite(journalPathOf(databaseUrl.replace(/^file:/, '')));
      journal.exec('DROP TABLE "Batch"');
      journal.close();

      const refused = await read();
      expect(refused.status).toBe(503);
      const body = (await refused.json()) as { data?: unknown; errors: { extensions: { code: string } }[] };
      expect(body.data).toBeUndefined();
      expect(body.errors.map((e) => e.extensions.code)).toEqual(['AUDIT_UNAVAILABLE']);
      expect(JSON.stringify(body)).not.toMatch(/Case:|ENCOUNTER|ASSESSMENT|SUPPORT/);
      expect(logged.map((e) => e.event)).toContain('audit.write_failed');
    } finally {
      await running.close();
    }
  });
});
