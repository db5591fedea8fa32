import { chmodSync, closeSync, mkdirSync, openSync } from 'node:fs';
import { userInfo } from 'node:os';
import { dirname, isAbsolute, resolve } from 'node:path';
import Database from 'better-sqlite3';
import type pg from 'pg';
import { migrationsRoot as defaultMigrationsRoot, repoRoot } from '../tooling/paths.ts';
import type { Provider } from '../tooling/providers.ts';
import {
  backfillContactTallies,
  backfillPersonSearchKeys,
  CONTACT_TALLIES_MIGRATION,
  SEARCH_KEYS_MIGRATION,
} from './backfill.ts';
import type { MigrationDriver } from './driver.ts';
import { MigrationError } from './errors.ts';
import { loadMigrations, type Migration } from './migrations.ts';
import { postgresMigrationDriver } from './postgres.ts';
import { type MigrationReport, type RunMigrationsOptions, runMigrations } from './runner.ts';
import { sqliteMigrationDriver } from './sqlite.ts';

/** Where a database is: `file:<path>` (SQLite, relative to the repository root) or `postgresql://…`. */
export interface DatabaseTarget {
  readonly provider: Provider;
  /** SQLite: absolute file path. PostgreSQL: connection string without our `schema` parameter. */
  readonly location: string;
  /** PostgreSQL only: the schema to use (URL parameter `schema`, default `public`). */
  readonly schema: string | null;
}

export function parseDatabaseUrl(url: string, baseDir = repoRoot): DatabaseTarget {
  if (/^postgres(?:ql)?:\/\//.test(url)) {
    const parsed = new URL(url);
    const schema = parsed.searchParams.get('schema') ?? 'public';
    parsed.searchParams.delete('schema');
    return { provider: 'postgresql', location: parsed.toString(), schema };
  }
  if (url.startsWith('file:')) {
    const path = url.slice('file:'.length).replace(/^\/\/(?=\/)/, '');
    return { provider: 'sqlite', location: isAbsolute(path) ? path : resolve(baseDir, path), schema: null };
  }
  throw new MigrationError(
    `unsupported database URL ${JSON.stringify(url)}: use file:<path> or postgresql://…`,
  );
}

/**
 * `pg` takes the user name from the URL, else PGUSER or USER; services and containers often have
 * neither set, so fall back to the operating-system account, as libpq does.
 */
export function postgresClientConfig(connectionString: string): pg.ClientConfig {
  const url = new URL(connectionString);
  // pg lets the URL's (empty) user override a separate `user` option, so the user goes into the URL.
  if (!url.username)
    url.username = encodeURIComponent(process.env.PGUSER || process.env.USER || userInfo().username);
  return { connectionString: url.toString() };
}

export interface MigrateDatabaseOptions extends RunMigrationsOptions {
  /** Directory holding `sqlite/` and `postgresql/` (default prisma/migrations). */
  readonly migrationsRoot?: string;
}

/**
 * Creates the SQLite file (and its folder) readable by the owner only: it holds 要配慮個人情報.
 * SQLite gives its -wal and -shm files the same mode. An existing file is left as the operator set it.
 */
export function createPrivateSqliteFile(location: string): void {
  if (location === ':memory:' || location === '') return;
  mkdirSync(dirname(location), { recursive: true, mode: 0o700 });
  try {
    // 'wx' fails when the file exists, so a file made by another process is never reset.
    closeSync(openSync(location, 'wx', 0o600));
    chmodSync(location, 0o600); // exactly 0600 whatever the umask
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}

/**
 * Applies the pending migrations, then the data steps SQL cannot do (the persons' search keys and the
 * contact tallies, computed by the core's rules), once the migration they need is applied.
 */
async function migrateAndBackfill(
  driver: MigrationDriver,
  migrations: readonly Migration[],
  options: RunMigrationsOptions,
): Promise<MigrationReport> {
  const report = await runMigrations(driver, migrations, options);
  if ([...report.applied, ...report.alreadyApplied].includes(SEARCH_KEYS_MIGRATION))
    await backfillPersonSearchKeys(driver);
  if ([...report.applied, ...report.alreadyApplied].includes(CONTACT_TALLIES_MIGRATION))
    await backfillContactTallies(driver);
  return report;
}

/** Opens the database, applies its provider's pending migrations and closes the connection. */
export async function migrateDatabase(
  target: DatabaseTarget,
  options: MigrateDatabaseOptions = {},
): Promise<MigrationReport> {
  const migrations = await loadMigrations(target.provider, options.migrationsRoot ?? defaultMigrationsRoot);
  if (target.provider === 'sqlite') {
    createPrivateSqliteFile(target.location);
    const db = new Database(target.location);
    try {
      // WAL lets the gateway keep reading while a migration waits for or holds the write lock.
      db.pragma('journal_mode = WAL');
      return await migrateAndBackfill(sqliteMigrationDriver(db), migrations, options);
    } finally {
      db.close();
    }
  }
  // Loaded only for PostgreSQL: a start on SQLite never compiles the driver.
  const { default: postgres } = await import('pg');
  const client = new postgres.Client(postgresClientConfig(target.location));
  await client.connect();
  try {
    return await migrateAndBackfill(
      postgresMigrationDriver(client, { schema: target.schema ?? 'public' }),
      migrations,
      options,
    );
  } finally {
    await client.end();
  }
}
