import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { postgresClientConfig } from '../migrate/migrate-database.ts';

/**
 * Throwaway databases for tests, one per call: a SQLite file in a temporary folder, or a fresh schema
 * in the PostgreSQL test database (127.0.0.1:5432/test, trust auth; `TEST_DATABASE_URL` overrides).
 * An unreachable PostgreSQL server fails the test — database suites are never skipped.
 */
export interface TestDatabaseProvider {
  readonly name: 'sqlite' | 'postgresql';
  /** A new empty database's URL. */
  create(): Promise<string>;
  /** Removes every database this provider created. */
  dropAll(): Promise<void>;
}

export function sqliteTestDatabases(): TestDatabaseProvider {
  const dirs: string[] = [];
  return {
    name: 'sqlite',
    async create() {
      const dir = await mkdtemp(join(tmpdir(), 'register-test-'));
      dirs.push(dir);
      return `file:${join(dir, 'register.db')}`;
    },
    async dropAll() {
      for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
    },
  };
}

export const postgresTestBaseUrl = process.env.TEST_DATABASE_URL ?? 'postgresql://127.0.0.1:5432/test';

export function postgresTestDatabases(): TestDatabaseProvider {
  const runId = `register_test_${randomBytes(4).toString('hex')}`;
  const schemas: string[] = [];
  let admin: Promise<pg.Client> | undefined;
  const connect = () => {
    admin ??= (async () => {
      const client = new pg.Client(postgresClientConfig(postgresTestBaseUrl));
      await client.connect();
      return client;
    })();
    return admin;
  };
  return {
    name: 'postgresql',
    async create() {
      const schema = `${runId}_${schemas.length + 1}`;
      await (await connect()).query(`CREATE SCHEMA "${schema}"`);
      schemas.push(schema);
      const url = new URL(postgresClientConfig(postgresTestBaseUrl).connectionString as string);
      url.searchParams.set('schema', schema);
      return url.toString();
    },
    async dropAll() {
      const client = await admin?.catch(() => undefined);
      if (!client) return;
      for (const schema of schemas.splice(0)) await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await client.end();
      admin = undefined;
    },
  };
}
