// `pnpm db:seed [--cases N] [--seed S] [--url <database url>] [--today YYYY-MM-DD] [--batch N]`:
// migrates the database at DATABASE_URL (default: file:data/register.db) and fills it with N
// fictitious cases (default 1000) with their own fictitious agencies and places. Ids derive from the
// seed: several seeds can share a database, one seed only once.
import { parseArgs } from 'node:util';
import { calendarDateOf, isValidCalendarDate } from '@hikikomori-register/core';
import { cliArgs } from '../../main/cli-args.ts';
import { DEFAULT_DATABASE_URL, openDatabase } from '../database.ts';
import { generateSeed } from './generate.ts';
import { writeSeed } from './write.ts';

const { values } = parseArgs({
  args: cliArgs(),
  options: {
    cases: { type: 'string', default: '1000' },
    seed: { type: 'string', default: '1' },
    url: { type: 'string' },
    today: { type: 'string' },
    batch: { type: 'string', default: '1000' },
  },
});

const cases = Number(values.cases);
const seed = Number(values.seed);
const batchSize = Number(values.batch);
const today = values.today ?? calendarDateOf(new Date());
if (
  !Number.isInteger(cases) ||
  cases < 0 ||
  !Number.isInteger(seed) ||
  !Number.isInteger(batchSize) ||
  batchSize < 1
)
  throw new Error('--cases, --seed and --batch take whole numbers');
if (!isValidCalendarDate(today)) throw new Error('--today takes a date YYYY-MM-DD');

const url = values.url ?? process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL;
const db = await openDatabase(url);
try {
  const generated = generateSeed({ cases, seed, today });
  // Ids are derived from the seed: a second run with the same seed would only collide.
  const existing = await db.prisma.agency.count({
    where: { id: { in: generated.newAgencies.map((a) => a.id) } },
  });
  if (existing > 0) {
    console.error(`seed ${seed} is already in this database; pass another --seed`);
    process.exitCode = 1;
  } else {
    const report = await writeSeed(db, generated, {
      batchSize,
      onProgress: (n) => process.stderr.write(`\r${n} / ${cases} cases`),
    });
    process.stderr.write('\n');
    const total = Object.values(report.rows).reduce((a, b) => a + b, 0);
    console.log(
      `${report.cases} cases, ${total} rows in ${(report.milliseconds / 1000).toFixed(1)} s (${db.target.provider})`,
    );
    for (const [table, n] of Object.entries(report.rows)) console.log(`  ${table}: ${n}`);
  }
} finally {
  await db.close();
}
