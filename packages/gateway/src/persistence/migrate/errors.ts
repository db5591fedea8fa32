/** Base of every error the migration runner raises on purpose. */
export class MigrationError extends Error {
  override name = 'MigrationError';
}

/**
 * An applied migration's file changed afterwards. Applied migrations are history: a change must be a new
 * migration, or databases built before and after the edit would differ silently.
 */
export class MigrationChecksumMismatchError extends MigrationError {
  override name = 'MigrationChecksumMismatchError';
  constructor(
    readonly migration: string,
    readonly file: string,
    readonly recordedChecksum: string,
    readonly fileChecksum: string,
  ) {
    super(
      `migration ${file} was changed after it was applied (recorded sha256 ${recordedChecksum}, file sha256 ${fileChecksum}); ` +
        'restore the file and put the change in a new migration',
    );
  }
}

/** The database records a migration that no file provides: it was migrated by a newer version. */
export class UnknownAppliedMigrationError extends MigrationError {
  override name = 'UnknownAppliedMigrationError';
  constructor(readonly migration: string) {
    super(`the database has migration ${migration} applied, but no such migration file exists`);
  }
}

/** A pending migration sorts before one already applied (e.g. two branches each added one). */
export class MigrationOrderError extends MigrationError {
  override name = 'MigrationOrderError';
  constructor(
    readonly migration: string,
    readonly file: string,
    readonly lastApplied: string,
  ) {
    super(
      `migration ${file} is pending but sorts before ${lastApplied}, which is already applied; renumber it after ${lastApplied}`,
    );
  }
}

/** A migration's SQL failed; its transaction was rolled back and nothing of it remains. */
export class MigrationFailedError extends MigrationError {
  override name = 'MigrationFailedError';
  constructor(
    readonly migration: string,
    readonly file: string,
    cause: unknown,
  ) {
    super(
      `migration ${file} failed and was rolled back: ${cause instanceof Error ? cause.message : String(cause)}`,
      {
        cause,
      },
    );
  }
}

/** The migrations directory itself is malformed (bad name, missing migration.sql, duplicate number). */
export class MigrationFilesError extends MigrationError {
  override name = 'MigrationFilesError';
}
