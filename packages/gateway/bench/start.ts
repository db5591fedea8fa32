// `pnpm --filter @hikikomori-register/gateway bench:start -- [--runs 5] [--from built|source] [--idle 3]
//   [--settle 60]`
//
// How fast `pnpm start` is ready and how much memory it holds idle: starts the service with `--demo` on
// a SQLite file in a temporary folder `--runs` times, as `pnpm start` does (`built`: bin/start.mjs, the
// bundle, with the Node options of the package's `start` script; `source`: tsx on src/main/start.ts),
// and prints for each start the time from spawning the process until it is ready — `/health` answers
// 200 and then a GraphQL query (`{ __typename }`) answers its data — and its resident memory (RSS)
// `--idle` seconds later, and once it has settled: V8 gives back the young generation a start grew
// (its size is the start script's `--max-semi-space-size`) some seconds after the process falls idle,
// so RSS is also read each second up to `--settle` seconds after ready and its lowest reading printed
// as settled (0 skips it). The first start also creates, migrates and fills the database; the others
// start on it as an operator's restart does. The machine's load average is printed with the figures:
// on a shared machine they vary with it.
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    from: { type: 'string', default: 'built' },
    idle: { type: 'string', default: '3' },
    settle: { type: 'string', default: '60' },
  },
  args: process.argv.slice(2).filter((a) => a !== '--'),
});
const runs = Number(values.runs);
const idleSeconds = Number(values.idle);
const settleSeconds = Number(values.settle);
if (!Number.isInteger(settleSeconds) || settleSeconds < 0)
  throw new Error('--settle takes whole seconds ≥ 0');
if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs takes a whole number ≥ 1');
if (values.from !== 'built' && values.from !== 'source') throw new Error('--from is built or source');

const gatewayDir = fileURLToPath(new URL('..', import.meta.url));

/** The Node options of the package's `start` script (`node <options> bin/start.mjs`). */
function startScriptNodeOptions(): string[] {
  const scripts = JSON.parse(readFileSync(join(gatewayDir, 'package.json'), 'utf8')).scripts as {
    start: string;
  };
  const match = /^node((?:\s+--\S+)*)\s+bin\/start\.mjs$/.exec(scripts.start.trim());
  if (!match) throw new Error(`the start script is not "node [--options] bin/start.mjs": ${scripts.start}`);
  return (match[1] ?? '')
    .trim()
    .split(/\s+/)
    .filter((o) => o !== '');
}

const command =
  values.from === 'built'
    ? [...startScriptNodeOptions(), join(gatewayDir, 'bin/start.mjs')]
    : // tsx as a loader in the one process (its CLI would measure a wrapper process instead)
      ['--import', 'tsx', join(gatewayDir, 'src/main/start.ts')];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** CPU time (user + system) a process has used so far, in ms, from /proc (Linux; 100 ticks a second). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** Resident memory of a process in MB, from /proc (Linux). */
function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1]);
  return kb / 1024;
}

async function startOnce(databaseUrl: string) {
  const port = await freePort();
  const startedAt = performance.now();
  const child: ChildProcess = spawn(process.execPath, [...command, '--demo'], {
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), CONSOLE_DIR: '' },
    stdio: ['ignore', 'ignore', 'pipe'],
    cwd: gatewayDir,
  });
  let stderr = '';
  child.stderr?.on('data', (d) => {
    stderr += d;
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  for (;;) {
    if (child.exitCode !== null) throw new Error(`start exited with ${child.exitCode}: ${stderr}`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/health`);
      if (response.status === 200) break;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  // Ready means answering GraphQL too, not only /health.
  const answer = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ __typename }' }),
  });
  const body = (await answer.json()) as { data?: { __typename?: string } };
  if (answer.status !== 200 || body.data?.__typename !== 'Query')
    throw new Error(`GraphQL did not answer after /health: ${answer.status} ${JSON.stringify(body)}`);
  const readyMs = performance.now() - startedAt;
  const readyCpuMs = cpuMs(child.pid ?? 0);
  await new Promise((resolve) => setTimeout(resolve, idleSeconds * 1000));
  const rss = rssMb(child.pid ?? 0);
  // The lowest reading up to `--settle` seconds after ready (read each second).
  let settled = rss;
  for (let second = idleSeconds + 1; settleSeconds > 0 && second <= settleSeconds; second++) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    settled = Math.min(settled, rssMb(child.pid ?? 0));
  }
  child.kill('SIGINT');
  await exited;
  return { readyMs, readyCpuMs, rss, settled };
}

const dir = await mkdtemp(join(tmpdir(), 'bench-start-'));
try {
  const databaseUrl = `file:${join(dir, 'register.db')}`;
  console.log(
    `pnpm start (${values.from}${values.from === 'built' ? `, node ${command.slice(0, -1).join(' ')}` : ''}), ${runs} starts on ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}`,
  );
  const results: { readyMs: number; readyCpuMs: number; rss: number; settled: number }[] = [];
  for (let run = 1; run <= runs; run += 1) {
    const load = loadavg()[0]?.toFixed(1);
    const result = await startOnce(databaseUrl);
    results.push(result);
    console.log(
      `  ${run === 1 ? 'first start (creates the database, loads the demo)' : `restart ${run - 1}`}: ready in ${Math.round(result.readyMs)} ms (${result.readyCpuMs} ms of CPU), idle RSS ${Math.round(result.rss)} MB at ${idleSeconds} s${settleSeconds > 0 ? `, ${Math.round(result.settled)} MB settled` : ''} (load average ${load})`,
    );
  }
  const restarts = results.slice(1);
  if (restarts.length > 0) {
    const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
    console.log(
      `restarts: median ready ${Math.round(median(restarts.map((r) => r.readyMs)))} ms, median CPU to ready ${median(restarts.map((r) => r.readyCpuMs))} ms, max idle RSS ${Math.round(Math.max(...restarts.map((r) => r.rss)))} MB at ${idleSeconds} s${settleSeconds > 0 ? `, ${Math.round(Math.max(...restarts.map((r) => r.settled)))} MB settled` : ''}`,
    );
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
