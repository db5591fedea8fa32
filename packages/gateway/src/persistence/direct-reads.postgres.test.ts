import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from './database.ts';
import { postgresTestDatabases } from './testing/test-databases.ts';

const databases = postgresTestDatabases();
afterAll(() => databases.dropAll());

describe('the driver way onto the register’s pool (PostgreSQL)', () => {
  it('uses the connections Prisma uses, not a pool of its own', async () => {
    const database = await openDatabase(await databases.create());
    try {
      const direct = database.direct;
      if (!direct) throw new Error('a PostgreSQL database has the driver way');
      const pid = 'SELECT pg_backend_pid() AS "pid"';
      // One at a time, each way in turn: an idle connection of the one pool is taken again.
      const seen = { prisma: new Set<number>(), driver: new Set<number>() };
      for (let i = 0; i < 5; i++) {
        const [viaPrisma] = await database.prisma.$queryRawUnsafe<{ pid: number }[]>(pid);
        const [viaDriver] = await direct<{ pid: number }>(pid, []);
        seen.prisma.add(Number(viaPrisma?.pid));
        seen.driver.add(Number(viaDriver?.pid));
      }
      expect([...seen.driver].every((p) => seen.prisma.has(p))).toBe(true);
      // The same search path: the driver way reads the database's schema.
      const [schema] = await direct<{ schema: string }>('SELECT current_schema() AS "schema"', []);
      expect(schema?.schema).toBe(database.target.schema ?? 'public');
    } finally {
      await database.close();
    }
  });
});
