import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../database.ts';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

describe('the SQLite file', () => {
  it('is created readable and writable by its owner only, with its WAL files, in a new folder', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hkr-mode-'));
    dirs.push(dir);
    const location = join(dir, 'data', 'register.db');
    const database = await openDatabase(`file:${location}`);
    try {
      await database.ping();
      expect((await stat(location)).mode & 0o777).toBe(0o600);
      expect((await stat(`${location}-wal`)).mode & 0o077).toBe(0);
      expect((await stat(join(dir, 'data'))).mode & 0o077).toBe(0);
    } finally {
      await database.close();
    }
  });

  it('keeps the mode of a file the operator created', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hkr-mode-'));
    dirs.push(dir);
    const location = join(dir, 'register.db');
    await writeFile(location, '', { mode: 0o640 });
    const database = await openDatabase(`file:${location}`);
    await database.close();
    expect((await stat(location)).mode & 0o777).toBe(0o640);
  });
});
