// `pnpm --filter @hikikomori-register/gateway bench:retention -- [--cases 10000] [--database sqlite|postgresql]
//   [--years 5] [--seed 1]`
//
// How long the retention run (db:retention) takes on a register of N fictitious cases with 8 years of
// history: seeds a fresh database (a SQLite file in a temporary folder, or a new schema in
// BENCH_DATABASE_URL, default postgresql://127.0.0.1:5432/test), counts what is due with a dry run, then
// pseudonymises it and prints the time per person. Everything it creates is removed at the end.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { calendarDateOf } from '@hikikomori-register/core';
import pg from 'pg';
import { openDatabase } from '../src/persistence/database.ts';
import { postgresClientConfig } from '../src/persistence/migrate/migrate-database.ts';
import { createDatabaseRegister } from '../src/persistence/register.ts';
import { generateSeed, writeSeed } from '../src/persistence/seed/index.ts';

const { values } = parseArgs({
  options: {
    cases: { type: 'string', default: '10000' },
    database: { type: 'string', default: 'sqlite' },
    years: { type: 'string', default: '5' },
    seed: { type: 'string', default: '1' },
  },
  args: process.argv.slice(2).filter((a) => a !== '--'),
});
const cases = Number(values.cases);
const years = Number(values.years);
if (!Number.isInteger(cases) || cases < 1 || !Number.isInteger(years) || years < 1)
  throw new Error('--cases and --years take whole numbers ≥ 1');
if (values.database !== 'sqlite' && values.database !== 'postgresql')
  throw new Error('--database is sqlite or postgresql');

let url: string;
let cleanUp: () => Promise<void>;
if (values.database === 'sqlite') {
  const dir = await mkdtemp(join(tmpdir(), 'bench-retention-'));
  url = `file:${join(dir, 'register.db')}`;
  cleanUp = () => rm(dir, { recursive: true, force: true });
} else {
  const base = process.env.BENCH_DATABASE_URL ?? 'postgresql://127.0.0.1:5432/test';
  const schema = `bench_retention_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client(postgresClientConfig(base));
  await admin.connect();
  await admin.query(`CREATE SCHEMA "${schema}"`);
  const u = new URL(postgresClientConfig(base).connectionString as string);
  u.searchParams.set('schema', schema);
  url = u.toString();
  cleanUp = async () => {
    await admin.query(`DROP SCHEMA "${schema}" CASCADE`);
    await admin.end();
  };
}

const seconds = (since: number) => (performance.now() - since) / 1000;
const database = await openDatabase(url);
try {
  const today = calendarDateOf(new Date());
  process.stderr.write(`seeding ${cases} cases (${values.database}) …\n`);
  await writeSeed(database, generateSeed({ cases, seed: Number(values.seed), today }));
  const register = await createDatabaseRegister(database);
  const closed = await database.prisma.case.count({ where: { status: 'closed' } });

  let started = performance.now();
  const dry = await register.retention.run({ years, dryRun: true });
  const drySeconds = seconds(started);
  started = performance.now();
  const run = await register.retention.run({ years });
  const runSeconds = seconds(started);
  const perPerson = run.persons > 0 ? (runSeconds * 1000) / run.persons : 0;

  console.log(
    `retention on ${values.database}: ${cases} cases, ${closed} closed, ${run.persons} persons / ${run.cases} cases closed on or before ${run.cutoff}`,
  );
  console.log(`  dry run:  ${drySeconds.toFixed(2)} s (${dry.persons} persons counted)`);
  console.log(
    `  run:      ${runSeconds.toFixed(2)} s, ${perPerson.toFixed(1)} ms per person (one transaction each), ${run.textsErased} texts replaced`,
  );
  console.log(
    `  machine:  ${cpus().length} CPUs, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
  );
} finally {
  await database.close();
  await cleanUp();
}
