// `pnpm --filter @hikikomori-register/bench indicators -- --schema <seeded> [--fiscal-year 2024] [--runs 5]`
//
// How long モニタリング指標 take on a seeded PostgreSQL schema (the caseload benchmark's `--keep` leaves
// one): the report of one fiscal year for the agency leading the most cases, for the municipality with
// the most and for the whole register, each asked `--runs` times through `register.indicators.report`
// (the use-case as the gateway calls it: one transaction, every statement in it). Prints the first,
// fastest and median time of each. The figures themselves are checked against the core's in-memory
// computation by the test suite (sql-indicators.*), not here.
import { cpus, loadavg, totalmem, userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import {
  type Actor,
  calendarDateOf,
  cellValue,
  fiscalYearLabel,
  fiscalYearOf,
  type IndicatorQueryInput,
} from '@hikikomori-register/core';
import { createDatabaseRegister, openDatabase } from '@hikikomori-register/gateway';
import { vacuumSchema } from './bench-support.ts';

const { values } = parseArgs({
  options: {
    schema: { type: 'string' },
    'fiscal-year': { type: 'string' },
    runs: { type: 'string', default: '5' },
  },
  args: process.argv.slice(2).filter((a) => a !== '--'),
});
if (!values.schema) throw new Error('--schema <name> names a seeded schema (caseload --keep prints one)');
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs takes a whole number ≥ 1');
// The last whole fiscal year by default (the seed's history ends today).
const fiscalYear = Number(values['fiscal-year'] ?? fiscalYearOf(calendarDateOf(new Date())) - 1);
const log = (line: string) => process.stdout.write(`${line}\n`);

const url = new URL(process.env.BENCH_DATABASE_URL ?? 'postgresql://127.0.0.1:5432/test');
if (!url.username) url.username = process.env.PGUSER || process.env.USER || userInfo().username;
url.searchParams.set('schema', values.schema);
const db = await openDatabase(url.toString());
try {
  const [agency] = await db.prisma.case.groupBy({
    by: ['leadAgencyId'],
    _count: { _all: true },
    orderBy: { _count: { leadAgencyId: 'desc' } },
    take: 1,
  });
  const [municipality] = await db.prisma.case.groupBy({
    by: ['municipalityCode'],
    _count: { _all: true },
    orderBy: { _count: { municipalityCode: 'desc' } },
    take: 1,
  });
  if (!agency || !municipality) throw new Error('no case in the schema');
  const vacuum = await vacuumSchema(db, values.schema);
  const totals = { cases: await db.prisma.case.count(), contacts: await db.prisma.contact.count() };
  const register = await createDatabaseRegister(db);
  const actor: Actor = { staffId: 'indicator-benchmark', agencyId: agency.leadAgencyId, role: 'agencyAdmin' };
  const period = { kind: 'fiscalYear', fiscalYear } as const;
  const reports: { name: string; query: IndicatorQueryInput }[] = [
    {
      name: `agency (leads ${agency._count._all} cases)`,
      query: { period, scope: { kind: 'agency', agencyId: agency.leadAgencyId }, publishing: false },
    },
    {
      name: `municipality ${municipality.municipalityCode} (${municipality._count._all} cases)`,
      query: {
        period,
        scope: { kind: 'municipality', municipalityCode: municipality.municipalityCode },
        publishing: true,
      },
    },
    { name: 'all', query: { period, scope: { kind: 'all' }, publishing: true } },
  ];

  log('indicators benchmark (PostgreSQL)');
  log(
    `  machine   ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB, node ${process.version}, load ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  log(
    `  vacuum    VACUUM (ANALYZE) of the schema's tables first: ${(vacuum.milliseconds / 1000).toFixed(1)} s (autovacuum ${vacuum.autovacuum})`,
  );
  log(
    `  data      ${totals.cases} cases, ${totals.contacts} contacts; ${fiscalYearLabel(fiscalYear)} (FY${fiscalYear})`,
  );
  log('');
  log('  scope                                         first ms   best ms  median ms   contacts counted');
  for (const { name, query } of reports) {
    const times: number[] = [];
    let contacts = 0;
    let failure: string | undefined;
    for (let i = 0; i < runs && !failure; i++) {
      const started = performance.now();
      try {
        const report = await register.indicators.report(actor, query);
        contacts = cellValue(report.contacts.total) ?? Number.NaN;
        times.push(performance.now() - started);
      } catch (error) {
        // e.g. the transaction's time limit on a machine busy with other work: reported, not hidden.
        failure = `failed after ${(performance.now() - started).toFixed(0)} ms: ${String(
          (error as Error).message,
        )
          .trim()
          .split('\n')
          .at(-1)}`;
      }
    }
    if (failure || times.length === 0) {
      log(`  ${name.padEnd(44)} ${failure}`);
      process.exitCode = 1;
      continue;
    }
    const sorted = [...times].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)] as number;
    log(
      `  ${name.padEnd(44)} ${(times[0] as number).toFixed(0).padStart(9)} ${(sorted[0] as number).toFixed(0).padStart(9)} ${median.toFixed(0).padStart(10)} ${String(contacts).padStart(18)}`,
    );
  }
} finally {
  await db.close();
}
