import { describeRegisterContract } from '@hikikomori-register/core/testing';
import { afterEach } from 'vitest';
import { type Database, openDatabase } from '../database.ts';
import { createDatabaseRegister } from '../register.ts';
import type { TestDatabaseProvider } from '../testing/test-databases.ts';

/**
 * Runs the core's register contract on a real database: a fresh, migrated database per test, dropped
 * after it (dropping hundreds of schemas at the end of the file outlasts a hook's time limit on a busy
 * machine).
 */
export function describeRegisterOnDatabase(databases: TestDatabaseProvider): void {
  const open: Database[] = [];
  afterEach(async () => {
    for (const db of open.splice(0)) await db.close();
    await databases.dropAll();
  });
  describeRegisterContract(databases.name, async (options) => {
    const db = await openDatabase(await databases.create());
    open.push(db);
    return createDatabaseRegister(db, options);
  });
}
