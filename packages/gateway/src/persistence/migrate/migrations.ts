import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { migrationsRoot, repoRoot } from '../tooling/paths.ts';
import type { Provider } from '../tooling/providers.ts';
import { MigrationFilesError } from './errors.ts';

/** One migration file of one provider, as read from disk. */
export interface Migration {
  /** Directory name, e.g. `0001_init`; the runner applies migrations in this order. */
  readonly name: string;
  /** Path of the SQL file, relative to the repository root when inside it (for messages). */
  readonly file: string;
  readonly sql: string;
  /** sha256 (hex) of the SQL with line endings normalised, so a CRLF checkout does not count as a change. */
  readonly checksum: string;
}

export const migrationNamePattern = /^(\d{4})_[a-z0-9_]+$/;
export const migrationFileName = 'migration.sql';

export function checksumOf(sql: string): string {
  return createHash('sha256').update(sql.replace(/\r\n/g, '\n'), 'utf8').digest('hex');
}

/** The directory holding one provider's migrations. */
export function providerMigrationsDir(provider: Provider, root = migrationsRoot): string {
  return join(root, provider);
}

/** Every migration of `provider` under `root`, in order. A missing directory means no migrations. */
export async function loadMigrations(provider: Provider, root = migrationsRoot): Promise<Migration[]> {
  const dir = providerMigrationsDir(provider, root);
  if (!existsSync(dir)) return [];
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  const seenNumbers = new Map<string, string>();
  const out: Migration[] = [];
  for (const name of names) {
    const match = migrationNamePattern.exec(name);
    if (!match)
      throw new MigrationFilesError(`${join(dir, name)}: migration directories are named NNNN_snake_case`);
    const number = match[1] as string;
    const other = seenNumbers.get(number);
    if (other) throw new MigrationFilesError(`${dir}: ${other} and ${name} share the number ${number}`);
    seenNumbers.set(number, name);
    const path = join(dir, name, migrationFileName);
    if (!existsSync(path)) throw new MigrationFilesError(`${path} is missing`);
    const sql = await readFile(path, 'utf8');
    out.push({ name, file: displayPath(path), sql, checksum: checksumOf(sql) });
  }
  return out;
}

function displayPath(path: string): string {
  const rel = relative(repoRoot, path);
  return rel.startsWith('..') ? path : rel.split('\\').join('/');
}
