export {
  BACKFILL_BATCH_SIZE,
  backfillContactTallies,
  backfillPersonSearchKeys,
  CONTACT_TALLIES_MIGRATION,
  SEARCH_KEYS_MIGRATION,
} from './backfill.ts';
export { type CatalogDump, postgresCatalog, sqliteCatalog } from './catalog.ts';
export {
  type AppliedMigration,
  type MigrationDriver,
  type MigrationTransaction,
  migrationsTable,
} from './driver.ts';
export {
  MigrationChecksumMismatchError,
  MigrationError,
  MigrationFailedError,
  MigrationFilesError,
  MigrationOrderError,
  UnknownAppliedMigrationError,
} from './errors.ts';
export {
  createPrivateSqliteFile,
  type DatabaseTarget,
  type MigrateDatabaseOptions,
  migrateDatabase,
  parseDatabaseUrl,
  postgresClientConfig,
} from './migrate-database.ts';
export { checksumOf, loadMigrations, type Migration, providerMigrationsDir } from './migrations.ts';
export { type PostgresMigrationOptions, postgresMigrationDriver } from './postgres.ts';
export { type MigrationReport, type RunMigrationsOptions, runMigrations } from './runner.ts';
export { sqliteMigrationDriver } from './sqlite.ts';
