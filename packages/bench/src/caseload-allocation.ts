// `pnpm --filter @hikikomori-register/bench caseload:allocation -- --schema <seeded> [--requests 400]
//   [--concurrency 1,20] [--first 20] [--top 25] [--interval 4096]`
//
// Bytes the gateway allocates per caseload page, in this process: the gateway (createGateway's
// fetch, no HTTP server) answers the caseload page of `caseload.ts` on a seeded PostgreSQL schema
// while V8's sampling heap profiler counts every allocation, those already collected included. Unlike
// CPU time, the figure hardly moves with the machine's load, so a change's effect on garbage is seen
// run to run. Also prints the statements sent per page and the functions that allocate most.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import {
  CSRF_HEADER,
  createDatabaseRegister,
  createGateway,
  type Database,
  EXAMPLE_CASELOAD_QUERY,
  GRAPHQL_ENDPOINT,
  openDatabase,
  PrismaStaffDirectory,
} from '@hikikomori-register/gateway';
import { busiestAgency } from '@hikikomori-register/gateway/seed';
import { countingLogger, wholeNumber } from './bench-support.ts';

const { values } = parseArgs({
  options: {
    schema: { type: 'string' },
    requests: { type: 'string', default: '400' },
    concurrency: { type: 'string', default: '1,20' },
    first: { type: 'string', default: '20' },
    top: { type: 'string', default: '25' },
    interval: { type: 'string', default: '4096' },
    // The sampling heap profiles, one file per concurrency (open in Chrome's DevTools, Memory tab).
    save: { type: 'string' },
  },
  args: process.argv.slice(2).filter((a) => a !== '--'),
});
if (!values.schema) throw new Error('--schema <a seeded schema> is required (caseload.ts --keep seeds one)');
const requests = wholeNumber(values.requests, 'requests');
const first = wholeNumber(values.first, 'first');
const top = wholeNumber(values.top, 'top');
const interval = wholeNumber(values.interval, 'interval');
const levels = values.concurrency.split(',').map((c) => wholeNumber(c, 'concurrency'));
const log = (line: string) => process.stdout.write(`${line}\n`);

const url = new URL(process.env.BENCH_DATABASE_URL ?? 'postgresql://127.0.0.1:5432/test');
if (!url.username) url.username = process.env.PGUSER || process.env.USER || userInfo().username;
url.searchParams.set('schema', values.schema);

const db = await openDatabase(url.toString());
const { agencyId } = await busiestAgency(db);
const staff = new PrismaStaffDirectory(db);
const worker = await staff.createStaff({
  agencyId,
  displayName: '計測用職員',
  role: 'staff',
});
const { token } = await staff.issueToken(worker.id, 'benchmark');
const { logger, problems } = countingLogger();
const gatewayOn = async (database: Database) =>
  createGateway({
    register: await createDatabaseRegister(database),
    staff: new PrismaStaffDirectory(database),
    logger,
  });
let gateway = await gatewayOn(db);
const body = JSON.stringify({
  query: EXAMPLE_CASELOAD_QUERY.replace('cases(first: 20,', `cases(first: ${first},`),
});
let expected: string | undefined;
async function page(): Promise<void> {
  const response = await gateway.fetch(`http://127.0.0.1${GRAPHQL_ENDPOINT}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, [CSRF_HEADER]: '1' },
    body,
  });
  const text = await response.text();
  if (response.status !== 200 || text.includes('"errors"'))
    throw new Error(`the page failed: ${response.status} ${text.slice(0, 500)}`);
  expected ??= text;
  if (text !== expected) throw new Error('a later page differs from the first');
}
/** `count` pages, `concurrency` at a time. */
async function pages(count: number, concurrency: number): Promise<void> {
  for (let done = 0; done < count; done += concurrency)
    await Promise.all(Array.from({ length: Math.min(concurrency, count - done) }, page));
}

interface ProfileNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: ProfileNode[];
}
const session = new Session();
session.connect();
try {
  // Statements per page, on a second connection that reports each (the report allocates, so the
  // allocation is measured without it).
  let statements = 0;
  const counted = await openDatabase(url.toString(), {
    onQuery: () => {
      statements++;
    },
  });
  try {
    gateway = await gatewayOn(counted);
    await pages(20, 20);
    statements = 0;
    await pages(100, 20);
  } finally {
    gateway = await gatewayOn(db);
    await counted.close();
  }
  // Warm up: compiled code, the document cache, the pools and the statement caches.
  await pages(200, 20);
  log('');
  log(`caseload page allocation (PostgreSQL ${values.schema}, page of ${first}, ${requests} requests)`);
  for (const concurrency of levels) {
    await pages(40, concurrency);
    await session.post('HeapProfiler.startSampling', {
      samplingInterval: interval,
      includeObjectsCollectedByMajorGC: true,
      includeObjectsCollectedByMinorGC: true,
    });
    await pages(requests, concurrency);
    const { profile } = (await session.post('HeapProfiler.stopSampling')) as unknown as {
      profile: { head: ProfileNode };
    };
    if (values.save) writeFileSync(`${values.save}-${concurrency}.heapprofile`, JSON.stringify(profile));
    const bySite = new Map<string, number>();
    let total = 0;
    const walk = (node: ProfileNode) => {
      total += node.selfSize;
      const f = node.callFrame;
      const where = `${f.functionName || '(anonymous)'} ${f.url.replace(/^.*node_modules\//, '').replace(/^.*\/packages\//, '')}:${f.lineNumber + 1}`;
      bySite.set(where, (bySite.get(where) ?? 0) + node.selfSize);
      for (const c of node.children) walk(c);
    };
    walk(profile.head);
    log('');
    log(`  ${concurrency} at a time: ${(total / requests / 1024).toFixed(0)} KiB allocated per request`);
    for (const [where, bytes] of [...bySite].sort((a, b) => b[1] - a[1]).slice(0, top))
      log(`    ${((100 * bytes) / total).toFixed(1).padStart(5)}%  ${where}`);
  }
  log(
    `\n  ${Buffer.byteLength(expected ?? '')} bytes per answer, ${(statements / 100).toFixed(2)} statements per page (20 at a time), ${problems()} warnings or errors logged`,
  );
} finally {
  session.disconnect();
  await db.close();
}
