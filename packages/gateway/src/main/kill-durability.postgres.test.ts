import pg from 'pg';
import { parseDatabaseUrl, postgresClientConfig } from '../persistence/migrate/index.ts';
import { postgresTestDatabases } from '../persistence/testing/test-databases.ts';
import { describeKillDurability } from './kill-durability.shared.ts';

describeKillDurability(postgresTestDatabases(), async (databaseUrl) => {
  // EXCLUSIVE lets reads (SELECT) through and holds every INSERT into the audit log.
  const target = parseDatabaseUrl(databaseUrl);
  const schema = target.schema ?? 'public';
  const client = new pg.Client(postgresClientConfig(target.location));
  await client.connect();
  await client.query('BEGIN');
  await client.query(`LOCK TABLE "${schema}"."AuditEntry" IN EXCLUSIVE MODE`);
  return {
    // Both ways a case is read insert their entries into the one table.
    operations: ['case.read', 'case.list'],
    async waitingReads(_observed, timeoutMs) {
      // The service's INSERT of the entries of reads it has made, waiting for the lock.
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const { rows } = await client.query<{ waiting: number }>(
          `SELECT count(*)::int AS "waiting" FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
             JOIN pg_namespace n ON n.oid = c.relnamespace
           WHERE NOT l.granted AND c.relname = 'AuditEntry' AND n.nspname = $1`,
          [schema],
        );
        if ((rows[0]?.waiting ?? 0) > 0) return;
        if (Date.now() > deadline) throw new Error('no audit commit waited for the lock');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async release() {
      await client.query('ROLLBACK');
      await client.end();
    },
  };
});
