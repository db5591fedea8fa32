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
import { parseArgs } from 'node:util';
import { type Database, openDatabase } from '@hikikomori-register/gateway';
import {
  countingLogger,
  inProcessCaseload,
  inProcessGateway,
  schemaUrl,
  wholeNumber,
} from './bench-support.ts';

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

const url = schemaUrl(values.schema);
const db = await openDatabase(url);
const { logger, problems } = countingLogger();
const gatewayOn = (database: Database) => inProcessGateway(database, logger);
let gateway = await gatewayOn(db);
const { pages, answer } = await inProcessCaseload(db, () => gateway, first);

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
  const counted = await openDatabase(url, {
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
    `\n  ${Buffer.byteLength(answer() ?? '')} bytes per answer, ${(statements / 100).toFixed(2)} statements per page (20 at a time), ${problems()} warnings or errors logged`,
  );
} finally {
  session.disconnect();
  await db.close();
}
