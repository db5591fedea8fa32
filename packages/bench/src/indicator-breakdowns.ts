// `pnpm --filter @hikikomori-register/bench indicator-breakdowns -- [--cases 3000] [--seed 1] [--runs 5]`
//
// The モニタリング指標 report (every figure, the prefectural breakdowns and targets included) through
// the register on SQLite and on PostgreSQL, over a seeded register: a fiscal year, a month and a
// cut-off period, for the whole register, a 圏域 and one agency. Prints the median and slowest time
// of each, in milliseconds.
import { parseArgs } from 'node:util';
import type { Actor, IndicatorRequestInput } from '@hikikomori-register/core';
import { createDatabaseRegister, openDatabase } from '@hikikomori-register/gateway';
import { generateSeed, SEED_MUNICIPALITY_CODES, writeSeed } from '@hikikomori-register/gateway/seed';
import { postgresTestDatabases, sqliteTestDatabases } from '@hikikomori-register/gateway/testing';

const { values } = parseArgs({
  options: {
    cases: { type: 'string', default: '3000' },
    seed: { type: 'string', default: '1' },
    runs: { type: 'string', default: '5' },
  },
  args: process.argv.slice(2).filter((a) => a !== '--'),
});
const cases = Number(values.cases);
const runs = Number(values.runs);
const today = '2025-06-15';

for (const databases of [sqliteTestDatabases(), postgresTestDatabases()]) {
  const db = await openDatabase(await databases.create());
  try {
    const seed = generateSeed({ cases, seed: Number(values.seed), today });
    const seeding = performance.now();
    await writeSeed(db, seed, { batchSize: 500 });
    console.log(`${databases.name}: ${cases} cases seeded in ${Math.round(performance.now() - seeding)} ms`);
    await db.prisma.area.create({
      data: {
        id: 'bench-area',
        prefectureCode: '24',
        name: '北勢',
        municipalities: {
          create: SEED_MUNICIPALITY_CODES.slice(0, 4).map((municipalityCode) => ({ municipalityCode })),
        },
      },
    });
    const register = await createDatabaseRegister(db);
    const agencyId = seed.agencies[0]?.id as string;
    const actor: Actor = { staffId: 'bench', agencyId, role: 'staff' };
    const periods = {
      'fiscal year 2024': { kind: 'fiscalYear', fiscalYear: 2024 },
      'month 2024-04': { kind: 'month', month: '2024-04' },
      'range 2024-04-01..2025-03-31': { kind: 'range', from: '2024-04-01', to: '2025-03-31' },
    } as const;
    const scopes = {
      all: { scope: { kind: 'all' }, publishing: true },
      area: { scope: { kind: 'area', areaId: 'bench-area' }, publishing: true },
      agency: { scope: { kind: 'agency', agencyId }, publishing: false },
    } as const;
    for (const [periodName, period] of Object.entries(periods))
      for (const [scopeName, s] of Object.entries(scopes)) {
        const query = { period, ...s } as IndicatorRequestInput;
        const times: number[] = [];
        for (let i = 0; i < runs; i++) {
          const start = performance.now();
          await register.indicators.report(actor, query);
          times.push(performance.now() - start);
        }
        times.sort((a, b) => a - b);
        const median = times[Math.floor(times.length / 2)] ?? 0;
        console.log(
          `${databases.name}\t${periodName}\t${scopeName}\tmedian ${median.toFixed(0)} ms\tmax ${(times.at(-1) ?? 0).toFixed(0)} ms`,
        );
      }
  } finally {
    await db.close();
    await databases.dropAll();
  }
}
