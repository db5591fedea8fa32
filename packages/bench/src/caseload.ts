// `pnpm --filter @hikikomori-register/bench caseload -- [--cases 100000] [--schema <seeded>] [--duration 10]
//   [--connections 1,20] [--warmup 5] [--rounds 1] [--first 20] [--seed 1] [--keep]`
//
// The caseload page (GraphiQL's example query: a page of active cases with person, stage, status,
// last contact, latest assessment, open referrals and review overdue) served by the gateway, by
// PostGraphile v4 and by a hand-written one-statement SQL handler (also with audit rows written in
// that statement), on the same seeded PostgreSQL schema, each in its own process, measured in rounds
// that take the peers in turn, loaded by autocannon from this process. Prints each peer's throughput and latency and the gateway's
// ratio to each peer.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { readdirSync, readFileSync } from 'node:fs';
import { cpus, totalmem, userInfo } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { calendarDateOf } from '@hikikomori-register/core';
import {
  CSRF_HEADER,
  EXAMPLE_CASELOAD_QUERY,
  GRAPHQL_ENDPOINT,
  openDatabase,
  PrismaStaffDirectory,
} from '@hikikomori-register/gateway';
import { busiestAgency, generateSeed, writeSeed } from '@hikikomori-register/gateway/seed';
import autocannon from 'autocannon';
import pg from 'pg';
import { startNodeFlags, vacuumSchema, wholeNumber } from './bench-support.ts';

/** The same page through PostGraphile's generated schema (its names follow the tables and foreign keys). */
const POSTGRAPHILE_QUERY = `query Caseload($agency: String!, $first: Int!) {
  allCases(first: $first, condition: { leadAgencyId: $agency, status: "active" }, orderBy: [CREATED_AT_DESC, ID_DESC]) {
    nodes {
      id stage familyStage status statusSince
      personByPersonId { displayName }
      contactsByCaseId(first: 1, orderBy: [OCCURRED_ON_DESC, RECORDED_AT_DESC, ID_DESC]) { nodes { occurredOn channel personContact } }
      assessmentsByCaseId(first: 1, orderBy: [ASSESSED_ON_DESC, RECORDED_AT_DESC, ID_DESC]) { nodes { assessedOn scores stageHint } }
      referralsByCaseId(first: 5, condition: { status: "sent" }) { nodes { status agencyByToAgencyId { name } } }
      supportPlansByCaseId(condition: { closed: false }) { nodes { reviewDueOn } }
    }
    pageInfo { hasNextPage endCursor }
  }
}`;

const { values } = parseArgs({
  options: {
    cases: { type: 'string', default: '100000' },
    schema: { type: 'string' },
    connections: { type: 'string', default: '1,20' },
    duration: { type: 'string', default: '10' },
    // Seconds of load before the measured runs, at the most connections measured; not counted.
    warmup: { type: 'string', default: '5' },
    // The measured seconds of each peer are split into this many rounds, taking the peers in turn.
    rounds: { type: 'string', default: '1' },
    first: { type: 'string', default: '20' },
    seed: { type: 'string', default: '1' },
    keep: { type: 'boolean', default: false },
    // A CPU profile of the gateway's process (node --cpu-prof) into this directory.
    profile: { type: 'string' },
    // Only these peers (comma-separated names), e.g. while profiling the gateway.
    peers: { type: 'string' },
  },
  // pnpm passes the `--` separator through.
  args: process.argv.slice(2).filter((a) => a !== '--'),
});
const cases = wholeNumber(values.cases, 'cases');
const duration = wholeNumber(values.duration, 'duration');
const warmup = Number(values.warmup);
if (!Number.isInteger(warmup) || warmup < 0) throw new Error('--warmup takes a whole number of seconds ≥ 0');
const rounds = wholeNumber(values.rounds, 'rounds');
const first = wholeNumber(values.first, 'first');
const connectionCounts = values.connections.split(',').map((c) => wholeNumber(c, 'connections'));
const log = (line: string) => process.stdout.write(`${line}\n`);

/**
 * CPU time a process has used so far (user + system), in ms, from /proc/<pid>/stat (fields 14 and 15,
 * in clock ticks of 10 ms). CPU per request varies far less with the machine's load than req/s.
 */
function cpuMsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/**
 * CPU time used so far by each process of the local PostgreSQL server (its backends serve every peer
 * alike), by pid: the server's share of a peer's requests is the difference over the peer's run. Empty
 * when the server is not on this machine (or /proc is not there).
 */
function databaseCpuMs(): Map<number, number> {
  const found = new Map<number, number>();
  let pids: string[] = [];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return found;
  }
  for (const pid of pids)
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')) === 'postgres')
        found.set(Number(pid), cpuMsOf(Number(pid)));
    } catch {
      // The process ended meanwhile.
    }
  return found;
}

/** The server's CPU between two readings (a backend started meanwhile counts from zero). */
function databaseCpuSince(before: ReadonlyMap<number, number>): number {
  let ms = 0;
  for (const [pid, now] of databaseCpuMs()) ms += now - (before.get(pid) ?? 0);
  return ms;
}

// pg lets the URL's (empty) user override a separate `user` option, so the user goes into the URL.
const base = new URL(process.env.BENCH_DATABASE_URL ?? 'postgresql://127.0.0.1:5432/test');
if (!base.username) base.username = process.env.PGUSER || process.env.USER || userInfo().username;
const schema = values.schema ?? `bench_caseload_${randomBytes(4).toString('hex')}`;
const schemaUrl = new URL(base);
schemaUrl.searchParams.set('schema', schema);

const admin = new pg.Client({ connectionString: base.toString() });
await admin.connect();

const children: ChildProcess[] = [];
try {
  const today = calendarDateOf(new Date());
  const db = await openDatabase(schemaUrl.toString());
  if (!values.schema) {
    log(`seeding ${cases} cases into ${schema} …`);
    const report = await writeSeed(db, generateSeed({ cases, seed: Number(values.seed), today }), {
      onProgress: (n) => process.stderr.write(`\r  ${n} / ${cases}`),
    });
    process.stderr.write('\n');
    log(`  seeded in ${(report.milliseconds / 1000).toFixed(1)} s`);
  }
  const vacuum = await vacuumSchema(db, schema);
  log(
    `  vacuum    VACUUM (ANALYZE) of the schema's tables: ${(vacuum.milliseconds / 1000).toFixed(1)} s (autovacuum ${vacuum.autovacuum})`,
  );
  const { agencyId, led } = await busiestAgency(db);
  const totals = {
    cases: await db.prisma.case.count(),
    contacts: await db.prisma.contact.count(),
    led,
  };
  const staff = new PrismaStaffDirectory(db);
  const worker = await staff.createStaff({ agencyId, displayName: '計測用職員', role: 'staff' });
  const { token } = await staff.issueToken(worker.id, 'benchmark');
  await db.close();

  const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));
  const startFlags = startNodeFlags();
  const plainUrl = new URL(base);
  const peers: Peer[] = [
    {
      name: 'gateway',
      what: 'GraphQL, authorization and one audit entry per case read naming the sections read',
      start: () => [
        ...startFlags,
        ...(values.profile ? ['--cpu-prof', `--cpu-prof-dir=${values.profile}`] : []),
        '--import',
        'tsx',
        here('./serve-gateway.ts'),
        schemaUrl.toString(),
      ],
      request: (port) => ({
        url: `http://127.0.0.1:${port}${GRAPHQL_ENDPOINT}`,
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, [CSRF_HEADER]: '1' },
        body: JSON.stringify({
          query: EXAMPLE_CASELOAD_QUERY.replace('cases(first: 20,', `cases(first: ${first},`),
        }),
      }),
    },
    {
      name: 'postgraphile',
      what: 'PostGraphile v4 on the same tables: cases led by the agency, no authorization, no audit',
      start: () => ['--import', 'tsx', here('./serve-postgraphile.ts'), plainUrl.toString(), schema],
      request: (port) => ({
        url: `http://127.0.0.1:${port}/graphql`,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: POSTGRAPHILE_QUERY, variables: { agency: agencyId, first } }),
      }),
    },
    {
      name: 'sql',
      what: 'one hand-written SQL statement per request (node http + pg), no audit',
      start: () => ['--import', 'tsx', here('./serve-sql.ts'), plainUrl.toString(), schema],
      request: (port) => ({
        url: `http://127.0.0.1:${port}/?agency=${agencyId}&first=${first}`,
        method: 'GET',
      }),
    },
    {
      name: 'sql+audit',
      what: 'the same statement also inserting one audit row per case listed',
      start: () => ['--import', 'tsx', here('./serve-sql.ts'), plainUrl.toString(), schema, '--audit'],
      request: (port) => ({
        url: `http://127.0.0.1:${port}/?agency=${agencyId}&first=${first}&staff=${worker.id}`,
        method: 'GET',
      }),
    },
  ];

  // Every peer is started, checked and warmed up first; then each connection count is measured in
  // rounds that take the peers in turn, so that a slow spell of a shared machine falls on every peer
  // alike instead of on whichever ran then.
  const running: Running[] = [];
  const only = values.peers?.split(',');
  for (const peer of peers.filter((p) => !only || only.includes(p.name))) {
    const child = spawn(process.execPath, peer.start(), {
      cwd: here('..'),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    const started: Running = { peer, child, stderr: '', request: peer.request(0), expected: '' };
    child.stderr?.on('data', (d) => {
      started.stderr += String(d);
    });
    const [line] = (await Promise.race([
      once(child.stdout as NodeJS.ReadableStream, 'data'),
      once(child, 'exit').then(() => {
        throw new Error(`${peer.name} did not start: ${started.stderr.slice(0, 2000)}`);
      }),
    ])) as [Buffer];
    const { port } = JSON.parse(String(line)) as { port: number };
    started.request = peer.request(port);
    // A few requests first: each must answer a full page without errors; every later answer must be
    // byte for byte the same as the last of these.
    for (let i = 0; i < 5; i++) {
      const r = await fetch(started.request.url, started.request);
      started.expected = await r.text();
      if (r.status !== 200 || started.expected.includes('"errors"'))
        throw new Error(`${peer.name} failed: ${r.status} ${started.expected.slice(0, 500)}`);
    }
    // Warm-up: V8 optimises a process's hot code in its first seconds of load, on a thread of its
    // own; a run that began with it would measure compiling as much as answering.
    if (warmup > 0)
      await autocannon({
        ...started.request,
        connections: Math.max(...connectionCounts),
        duration: warmup,
        expectBody: started.expected,
      });
    running.push(started);
  }

  const results: Result[] = [];
  const slice = duration / rounds;
  for (const connections of connectionCounts) {
    const totals = running.map(() => ({
      requests: 0,
      failures: 0,
      cpuMs: 0,
      databaseCpuMs: 0,
      p50s: [] as number[],
      p99: 0,
    }));
    for (let round = 0; round < rounds; round++)
      for (const [i, r] of running.entries()) {
        const total = totals[i] as (typeof totals)[number];
        const cpuBefore = cpuMsOf(r.child.pid as number);
        const databaseBefore = databaseCpuMs();
        const run = await autocannon({
          ...r.request,
          connections,
          duration: slice,
          expectBody: r.expected,
        });
        total.cpuMs += cpuMsOf(r.child.pid as number) - cpuBefore;
        total.databaseCpuMs += databaseCpuSince(databaseBefore);
        total.requests += run.requests.total;
        total.failures += run.non2xx + run.errors + run.mismatches;
        total.p50s.push(run.latency.p50);
        total.p99 = Math.max(total.p99, run.latency.p99);
      }
    for (const [i, r] of running.entries()) {
      const total = totals[i] as (typeof totals)[number];
      const p50s = total.p50s.sort((a, b) => a - b);
      results.push({
        peer: r.peer.name,
        connections,
        rps: total.requests / duration,
        p50: p50s[Math.floor(p50s.length / 2)] ?? 0,
        p99: total.p99,
        failures: total.failures,
        bytes: Buffer.byteLength(r.expected),
        cpuPerRequest: total.cpuMs / Math.max(1, total.requests),
        databaseCpuPerRequest: total.databaseCpuMs / Math.max(1, total.requests),
      });
    }
  }
  for (const r of running) {
    r.child.kill('SIGTERM');
    await once(r.child, 'exit');
    const last = r.stderr.trim().split('\n').at(-1) ?? '{}';
    const end = JSON.parse(last.startsWith('{') ? last : '{}') as { rss?: number; problems?: number };
    for (const x of results.filter((x) => x.peer === r.peer.name)) {
      x.rss = end.rss;
      x.problems = end.problems;
    }
  }

  log('');
  log('caseload benchmark (PostgreSQL, one run)');
  log(
    `  machine   ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB, node ${process.version}`,
  );
  log(
    `  data      ${totals.cases} cases, ${totals.contacts} contacts; the actor's agency leads ${totals.led} active cases`,
  );
  log(
    `  load      page of ${first}, ${duration} s per peer and connection count in ${rounds} rounds taking the peers in turn, after ${warmup} s of warm-up each; autocannon in the benchmark's process`,
  );
  for (const peer of peers) log(`  ${peer.name.padEnd(12)} ${peer.what}`);
  log('');
  // p50: the median of the rounds' medians; p99: the highest of the rounds'.
  log(
    '  peer          conns   req/s    p50 ms   p99 ms   bytes   failures   rss MiB   cpu ms/req   db cpu ms/req',
  );
  for (const r of results)
    log(
      `  ${r.peer.padEnd(12)} ${String(r.connections).padStart(5)} ${r.rps.toFixed(1).padStart(7)} ${r.p50.toFixed(0).padStart(9)} ${r.p99.toFixed(0).padStart(8)} ${String(r.bytes).padStart(7)} ${String(r.failures).padStart(10)} ${r.rss ? (r.rss / 2 ** 20).toFixed(0).padStart(9) : '        ?'} ${r.cpuPerRequest.toFixed(2).padStart(12)} ${r.databaseCpuPerRequest.toFixed(2).padStart(15)}`,
    );
  log('');
  for (const connections of connectionCounts) {
    const of = (name: string) => results.find((r) => r.peer === name && r.connections === connections);
    const gateway = of('gateway');
    const others = peers.filter((p) => p.name !== 'gateway' && of(p.name));
    const ratio = (value: (r: Result) => number, p: Peer) => {
      const other = of(p.name);
      return `${(gateway && other ? value(gateway) / value(other) : Number.NaN).toFixed(2)}× ${p.name}`;
    };
    log(
      `  gateway at ${connections} connection(s): req/s ${others.map((p) => ratio((r) => r.rps, p)).join(', ')}`,
    );
    // CPU per request the other way round (peer / gateway): above 1 the gateway spends less.
    log(
      `  ${' '.repeat(String(connections).length + 25)}cpu ms/req, peer's ÷ gateway's ${others.map((p) => ratio((r) => 1 / r.cpuPerRequest, p)).join(', ')}`,
    );
  }
  if (results.some((r) => r.failures > 0 || (r.problems ?? 0) > 0)) process.exitCode = 1;
} finally {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  if (values.keep || values.schema) log(`schema kept: ${schemaUrl.toString()}`);
  else await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await admin.end();
}

interface Peer {
  readonly name: string;
  readonly what: string;
  start(): string[];
  request(port: number): {
    url: string;
    method: 'GET' | 'POST';
    headers?: Record<string, string>;
    body?: string;
  };
}

interface Running {
  readonly peer: Peer;
  readonly child: ChildProcess;
  stderr: string;
  request: ReturnType<Peer['request']>;
  /** The answer every request must give, byte for byte. */
  expected: string;
}

interface Result {
  peer: string;
  connections: number;
  rps: number;
  p50: number;
  p99: number;
  failures: number;
  bytes: number;
  /** CPU (user + system) of the peer's process per request answered, in ms. */
  cpuPerRequest: number;
  /** CPU of the local PostgreSQL server's processes over the peer's run per request answered, in ms. */
  databaseCpuPerRequest: number;
  rss?: number | undefined;
  problems?: number | undefined;
}
