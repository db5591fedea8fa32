import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { sqliteCatalog } from './catalog.ts';
import { migrationsTable } from './driver.ts';
import { type MigrationHarness, registerMigrationSuite, type TestDatabase } from './migrate.shared.ts';
import { sqliteMigrationDriver } from './sqlite.ts';

let dir: string;
let counter = 0;
const open: Database.Database[] = [];

const harness: MigrationHarness = {
  provider: 'sqlite',
  async setup() {
    dir = await mkdtemp(join(tmpdir(), 'register-sqlite-'));
  },
  async fresh(): Promise<TestDatabase> {
    const path = join(dir, `db-${++counter}.sqlite`);
    const db = new Database(path);
    db.pragma('journal_mode = WAL');
    open.push(db);
    return {
      url: `file:${path}`,
      driver: sqliteMigrationDriver(db),
      catalog: async () => sqliteCatalog(db),
      appliedRows: async () =>
        db.prepare(`SELECT "name", "checksum" FROM "${migrationsTable}" ORDER BY "name"`).all() as {
          name: string;
          checksum: string;
        }[],
      count: async (sql) => Number((db.prepare(sql).get() as { n: number }).n),
      tableExists: async (name) =>
        db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(name) !== undefined,
    };
  },
  async teardown() {
    for (const db of open) db.close();
    await rm(dir, { recursive: true, force: true });
  },
  // A recursive count to a few million: about a second of work inside the migration's transaction.
  slowStatement:
    'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 3000000) SELECT count(*) FROM c;',
};

registerMigrationSuite(harness);
