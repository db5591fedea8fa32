import type { AppliedMigration, MigrationDriver } from './driver.ts';
import {
  MigrationChecksumMismatchError,
  MigrationFailedError,
  MigrationFilesError,
  MigrationOrderError,
  UnknownAppliedMigrationError,
} from './errors.ts';
import type { Migration } from './migrations.ts';

export interface MigrationReport {
  /** Names applied by this run, in order. */
  readonly applied: readonly string[];
  /** Names that were applied already (by earlier runs or by a concurrent runner during this one). */
  readonly alreadyApplied: readonly string[];
}

export interface RunMigrationsOptions {
  readonly now?: () => Date;
  /** Called after each migration this run applies. */
  readonly onApplied?: (migration: Migration, durationMs: number) => void;
}

/**
 * Applies the pending migrations in order, each in its own transaction. Every transaction takes the
 * migration lock, re-reads what is applied and verifies the applied files' checksums before it applies
 * the next one, so a runner that waited for another simply finds less to do, and a changed applied file
 * stops the run before anything else happens.
 */
export async function runMigrations(
  driver: MigrationDriver,
  migrations: readonly Migration[],
  options: RunMigrationsOptions = {},
): Promise<MigrationReport> {
  checkSorted(migrations);
  const now = options.now ?? (() => new Date());
  const applied: string[] = [];
  for (;;) {
    const step = await driver.inLockedTransaction(async (tx) => {
      const recorded = await tx.applied();
      const pending = verify(recorded, migrations);
      if (!pending) return { done: true as const, recorded };
      const started = performance.now();
      try {
        await tx.execute(pending.sql);
      } catch (e) {
        throw new MigrationFailedError(pending.name, pending.file, e);
      }
      const durationMs = Math.round(performance.now() - started);
      await tx.record({ name: pending.name, checksum: pending.checksum, appliedAt: now() }, durationMs);
      return { done: false as const, migration: pending, durationMs };
    });
    if (step.done) {
      const mine = new Set(applied);
      return {
        applied,
        alreadyApplied: step.recorded.map((r) => r.name).filter((n) => !mine.has(n)),
      };
    }
    applied.push(step.migration.name);
    options.onApplied?.(step.migration, step.durationMs);
  }
}

/** Checks the recorded history against the files; returns the next migration to apply, if any. */
function verify(
  recorded: readonly AppliedMigration[],
  migrations: readonly Migration[],
): Migration | undefined {
  const byName = new Map(migrations.map((m) => [m.name, m]));
  let lastApplied: string | undefined;
  for (const row of recorded) {
    const file = byName.get(row.name);
    if (!file) throw new UnknownAppliedMigrationError(row.name);
    if (file.checksum !== row.checksum)
      throw new MigrationChecksumMismatchError(row.name, file.file, row.checksum, file.checksum);
    if (!lastApplied || row.name > lastApplied) lastApplied = row.name;
  }
  const done = new Set(recorded.map((r) => r.name));
  const pending = migrations.filter((m) => !done.has(m.name));
  const first = pending[0];
  if (first && lastApplied && first.name < lastApplied)
    throw new MigrationOrderError(first.name, first.file, lastApplied);
  return first;
}

function checkSorted(migrations: readonly Migration[]): void {
  for (let i = 1; i < migrations.length; i++) {
    const prev = migrations[i - 1] as Migration;
    const cur = migrations[i] as Migration;
    if (prev.name >= cur.name)
      throw new MigrationFilesError(`migrations must be sorted and unique: ${prev.name} before ${cur.name}`);
  }
}
