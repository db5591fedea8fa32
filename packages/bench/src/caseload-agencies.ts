// `pnpm --filter @hikikomori-register/bench caseload:agencies -- --schema <seeded> [--pages 200] [--first 20]`
//
// The caseload page of every agency of a seeded PostgreSQL schema, one page at a time, in this
// process (the gateway's fetch, no HTTP): how long a staff member of each agency waits for the first
// page of their active cases. An agency that sees few cases used to read the whole register for it;
// the figures show what each agency's page costs against how many cases it sees.
import { parseArgs } from 'node:util';
import { createDatabaseRegister, openDatabase } from '@hikikomori-register/gateway';
import {
  countingLogger,
  inProcessCaseload,
  inProcessGateway,
  schemaUrl,
  vacuumSchema,
  wholeNumber,
} from './bench-support.ts';

const { values } = parseArgs({
  options: {
    schema: { type: 'string' },
    pages: { type: 'string', default: '200' },
    first: { type: 'string', default: '20' },
  },
  args: process.argv.slice(2).filter((a) => a !== '--'),
});
if (!values.schema) throw new Error('--schema <a seeded schema> is required (caseload.ts --keep seeds one)');
const count = wholeNumber(values.pages, 'pages');
const first = wholeNumber(values.first, 'first');
const log = (line: string) => process.stdout.write(`${line}\n`);

const db = await openDatabase(schemaUrl(values.schema));
try {
  await vacuumSchema(db, values.schema);
  const { logger, problems } = countingLogger();
  const gateway = await inProcessGateway(db, logger);
  // Every agency with the cases its staff see (the register's own count: led, supported, or with a
  // referral pending), most first.
  const register = await createDatabaseRegister(db);
  const agencies = await Promise.all(
    (await db.prisma.agency.findMany({ select: { id: true, kind: true }, orderBy: { id: 'asc' } })).map(
      async (a) => ({
        ...a,
        seen: await register.cases.count({
          staffId: 'caseload-agencies-benchmark',
          agencyId: a.id,
          role: 'staff',
        }),
      }),
    ),
  );
  agencies.sort((a, b) => b.seen - a.seen);
  log(
    `caseload page by agency (PostgreSQL ${values.schema}, page of ${first}, ${count} pages each, one at a time)`,
  );
  log('');
  log('  agency kind                              cases seen   ms/page   ms/page p50');
  for (const agency of agencies) {
    const { pages } = await inProcessCaseload(db, () => gateway, first, agency.id);
    await pages(Math.min(50, count), 1);
    const times: number[] = [];
    for (let i = 0; i < count; i++) {
      const started = performance.now();
      await pages(1, 1);
      times.push(performance.now() - started);
    }
    const mean = times.reduce((a, b) => a + b, 0) / times.length;
    const median = [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)] ?? 0;
    log(
      `  ${agency.kind.padEnd(40)} ${String(agency.seen).padStart(10)} ${mean.toFixed(2).padStart(9)} ${median.toFixed(2).padStart(13)}`,
    );
  }
  log(`\n  ${problems()} warnings or errors logged`);
} finally {
  await db.close();
}
