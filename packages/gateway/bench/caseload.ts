// `pnpm --filter @hikikomori-register/gateway bench:caseload -- [--cases 10000] [--connections 20]
//   [--duration 20] [--first 20] [--seed 1] [--keep]`
//
// Throughput and latency of the caseload query (GraphiQL's example: a page of cases with person,
// stage, status, last contact, latest assessment, open referrals and review overdue) on PostgreSQL:
// seeds N fictitious cases into a fresh schema, serves the gateway on a real HTTP port, and lets
// autocannon (in a worker thread, so it does not share the server's event loop) post the query at a
// fixed number of connections for a fixed time, as one staff member of the agency leading most cases.
// The database is BENCH_DATABASE_URL (default postgresql://127.0.0.1:5432/test); the schema is
// dropped at the end unless --keep.
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { calendarDateOf } from '@hikikomori-register/core';
import autocannon from 'autocannon';
import pg from 'pg';
import { openDatabase } from '../src/persistence/database.ts';
import { postgresClientConfig } from '../src/persistence/migrate/migrate-database.ts';
import { createDatabaseRegister } from '../src/persistence/register.ts';
import { busiestAgency, generateSeed, writeSeed } from '../src/persistence/seed/index.ts';
import { PrismaStaffDirectory } from '../src/persistence/staff/prisma-staff-directory.ts';
import {
  CSRF_HEADER,
  createGateway,
  EXAMPLE_CASELOAD_QUERY,
  GRAPHQL_ENDPOINT,
} from '../src/server/gateway.ts';
import type { GatewayLogger } from '../src/server/logger.ts';

const { values } = parseArgs({
  options: {
    cases: { type: 'string', default: '10000' },
    connections: { type: 'string', default: '20' },
    duration: { type: 'string', default: '20' },
    first: { type: 'string', default: '20' },
    seed: { type: 'string', default: '1' },
    keep: { type: 'boolean', default: false },
  },
  // pnpm passes the `--` separator through.
  args: process.argv.slice(2).filter((a) => a !== '--'),
});

const wholeNumber = (name: keyof typeof values, min: number): number => {
  const n = Number(values[name]);
  if (!Number.isInteger(n) || n < min) throw new Error(`--${name} takes a whole number ≥ ${min}`);
  return n;
};
const cases = wholeNumber('cases', 1);
const connections = wholeNumber('connections', 1);
const duration = wholeNumber('duration', 1);
const first = wholeNumber('first', 1);
const seed = wholeNumber('seed', 0);

const baseUrl = process.env.BENCH_DATABASE_URL ?? 'postgresql://127.0.0.1:5432/test';
const schema = `bench_caseload_${randomBytes(4).toString('hex')}`;
const admin = new pg.Client(postgresClientConfig(baseUrl));
await admin.connect();
await admin.query(`CREATE SCHEMA "${schema}"`);
const url = new URL(postgresClientConfig(baseUrl).connectionString as string);
url.searchParams.set('schema', schema);

const ms = (n: number) => `${n.toFixed(1)} ms`;
const log = (line: string) => process.stdout.write(`${line}\n`);

const db = await openDatabase(url.toString());
let server: ReturnType<typeof createServer> | undefined;
try {
  const today = calendarDateOf(new Date());
  const register = await createDatabaseRegister(db);
  const staff = new PrismaStaffDirectory(db);

  log(`seeding ${cases} cases into ${schema} …`);
  const report = await writeSeed(db, generateSeed({ cases, seed, today }), {
    onProgress: (n) => process.stderr.write(`\r  ${n} / ${cases}`),
  });
  process.stderr.write('\n');
  const rows = Object.values(report.rows).reduce((a, b) => a + b, 0);

  // The agency leading the most active cases: its caseload pages are full.
  const { agencyId } = await busiestAgency(db);
  const visible = await db.prisma.case.count({
    where: {
      status: 'active',
      OR: [{ leadAgencyId: agencyId }, { supportingAgencies: { some: { agencyId } } }],
    },
  });
  const worker = await staff.createStaff({ agencyId, displayName: '計測用職員', role: 'staff' });
  const { token } = await staff.issueToken(worker.id, 'benchmark');

  // Request lines are counted, not printed: the report stays readable and stdout is not the bottleneck.
  let logged = 0;
  const problems: string[] = [];
  const logger: GatewayLogger = {
    info: () => {
      logged++;
    },
    warn: (e) => problems.push(JSON.stringify(e)),
    error: (e) => problems.push(JSON.stringify(e)),
  };
  const gateway = createGateway({ register, staff, logger, readiness: () => db.ping() });
  const listening = createServer(gateway);
  server = listening;
  await new Promise<void>((resolve) => listening.listen(0, '127.0.0.1', resolve));
  const target = `http://127.0.0.1:${(listening.address() as AddressInfo).port}${GRAPHQL_ENDPOINT}`;

  const query = EXAMPLE_CASELOAD_QUERY.replace('cases(first: 20,', `cases(first: ${first},`);
  const body = JSON.stringify({ query, operationName: 'Caseload' });
  const headers = {
    'content-type': 'application/json',
    authorization: `Bearer ${token}`,
    [CSRF_HEADER]: '1',
  };
  // One request first: it must answer a full page without errors, and every later answer must be
  // byte for byte the same (anything else counts as a mismatch).
  const warm = await fetch(target, { method: 'POST', headers, body });
  const expected = await warm.text();
  const parsed = JSON.parse(expected) as { errors?: unknown; data?: { cases: { edges: unknown[] } } };
  if (warm.status !== 200 || parsed.errors || parsed.data?.cases.edges.length !== Math.min(first, visible))
    throw new Error(`the caseload query failed before the run: ${warm.status} ${expected.slice(0, 500)}`);

  log(`running ${duration} s at ${connections} connections against ${target} …`);
  const result = await autocannon({
    url: target,
    method: 'POST',
    headers,
    body,
    connections,
    duration,
    expectBody: expected,
    workers: 1,
  });

  const rss = process.memoryUsage().rss / 2 ** 20;
  log('');
  log('caseload benchmark (PostgreSQL)');
  log(
    `  machine          ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
  );
  log(`  node             ${process.version}`);
  log(`  seeding          ${cases} cases, ${rows} rows in ${(report.milliseconds / 1000).toFixed(1)} s`);
  log(`  actor            staff of the agency leading most cases (${visible} active cases visible)`);
  log(`  query            Caseload, first: ${first} (${Buffer.byteLength(expected)} bytes per answer)`);
  log(`  load             ${connections} connections, ${result.duration.toFixed(1)} s`);
  log(
    `  throughput       ${result.requests.average.toFixed(1)} req/s (${result.requests.total} requests, min ${result.requests.min}/s, max ${result.requests.max}/s)`,
  );
  log(
    `  latency          p50 ${ms(result.latency.p50)}  p90 ${ms(result.latency.p90)}  p99 ${ms(result.latency.p99)}  max ${ms(result.latency.max)}`,
  );
  log(`  non-2xx          ${result.non2xx}`);
  log(`  errors           ${result.errors} (timeouts ${result.timeouts})`);
  log(`  mismatches       ${result.mismatches} (answers that differ from the first)`);
  log(
    `  gateway          ${logged} requests logged, ${problems.length} warnings or errors, rss ${rss.toFixed(0)} MiB`,
  );
  for (const p of problems.slice(0, 5)) log(`    ${p}`);
  if (result.non2xx > 0 || result.errors > 0 || result.mismatches > 0 || problems.length > 0)
    process.exitCode = 1;
} finally {
  const closing = new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server?.closeAllConnections();
  await closing;
  await db.close();
  if (values.keep) log(`kept: ${url.toString()}`);
  else await admin.query(`DROP SCHEMA "${schema}" CASCADE`);
  await admin.end();
}
