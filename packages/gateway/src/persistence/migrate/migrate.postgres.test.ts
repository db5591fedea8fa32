import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { postgresCatalog } from './catalog.ts';
import { migrationsTable } from './driver.ts';
import { type MigrationHarness, registerMigrationSuite, type TestDatabase } from './migrate.shared.ts';
import { postgresClientConfig } from './migrate-database.ts';
import { postgresMigrationDriver } from './postgres.ts';

// Trust authentication on the local server; TEST_DATABASE_URL points elsewhere. An unreachable server
// fails the suite: these tests are never skipped.
const baseUrl = process.env.TEST_DATABASE_URL ?? 'postgresql://127.0.0.1:5432/test';
// Every run works in its own schemas, so runs (and developers) never see each other's tables.
const runId = `register_test_${randomBytes(4).toString('hex')}`;
let admin: Promise<pg.Client> | undefined;
let counter = 0;
const schemas: string[] = [];
const clients: pg.Client[] = [];

function urlFor(schema: string): string {
  const url = new URL(postgresClientConfig(baseUrl).connectionString as string);
  url.searchParams.set('schema', schema);
  return url.toString();
}

const harness: MigrationHarness = {
  provider: 'postgresql',
  async setup() {},
  async fresh(): Promise<TestDatabase> {
    // Connecting here rather than in setup makes every test fail (not skip) when the server is down.
    admin ??= (async () => {
      const client = new pg.Client(postgresClientConfig(baseUrl));
      await client.connect();
      return client;
    })();
    const schema = `${runId}_${++counter}`;
    await (await admin).query(`CREATE SCHEMA "${schema}"`);
    schemas.push(schema);
    const client = new pg.Client(postgresClientConfig(baseUrl));
    await client.connect();
    clients.push(client);
    const table = `"${schema}"."${migrationsTable}"`;
    return {
      url: urlFor(schema),
      driver: postgresMigrationDriver(client, { schema }),
      catalog: () => postgresCatalog(client, schema),
      appliedRows: async () =>
        (
          await client.query<{ name: string; checksum: string }>(
            `SELECT "name", "checksum" FROM ${table} ORDER BY "name"`,
          )
        ).rows,
      count: async (sql) => {
        await client.query(`SET search_path TO "${schema}"`);
        return Number((await client.query<{ n: string }>(sql)).rows[0]?.n);
      },
      tableExists: async (name) =>
        (
          await client.query(
            'SELECT 1 FROM information_schema.tables WHERE table_schema = $1 AND table_name = $2',
            [schema, name],
          )
        ).rowCount === 1,
    };
  },
  async teardown() {
    for (const client of clients) await client.end();
    const client = await admin?.catch(() => undefined);
    if (!client) return;
    for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await client.end();
  },
  slowStatement: 'SELECT pg_sleep(1);',
};

registerMigrationSuite(harness);
