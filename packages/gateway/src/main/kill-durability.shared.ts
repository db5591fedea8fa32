import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { decodeGlobalID } from '@pothos/plugin-relay';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../persistence/database.ts';
import type { TestDatabaseProvider } from '../persistence/testing/test-databases.ts';

const startScript = fileURLToPath(new URL('./start.ts', import.meta.url));

/** Concurrent readers, and how many answered reads to collect before the process is killed. */
const READERS = 12;
const ANSWERED_BEFORE_KILL = 150;

/** Every service started, so that none outlives a failed or timed-out test. */
const started = new Set<ChildProcess>();

interface Job {
  readonly child: ChildProcess;
  readonly url: string;
  readonly tokens: readonly string[];
  readonly exited: Promise<NodeJS.Signals | null>;
}

/** Starts the real service (`start.ts --demo`) as its own process and waits for its banner. */
async function startService(databaseUrl: string): Promise<Job> {
  // tsx as a loader in the one process: its CLI would run the service in a child that SIGKILL misses.
  const child = spawn(process.execPath, ['--import', 'tsx', startScript, '--demo'], {
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: '0', NODE_ENV: 'development', CONSOLE_DIR: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
    cwd: fileURLToPath(new URL('../..', import.meta.url)),
  });
  started.add(child);
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    child.on('exit', (_code, signal) => resolve(signal)),
  );
  let output = '';
  child.stdout?.on('data', (d) => {
    output += d;
  });
  child.stderr?.on('data', (d) => {
    output += d;
  });
  const banner = await new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      if (output.includes('Ctrl-C stops it')) {
        clearInterval(timer);
        resolve(output);
      }
    }, 50);
    void exited.then(() => {
      clearInterval(timer);
      reject(new Error(`start exited: ${output}`));
    });
  });
  const url = /GraphQL\s+(http:\/\/\S+\/graphql)/.exec(banner)?.[1] ?? '';
  const worker = /case worker \(staff\):\s+(hkr_\S+)/.exec(banner)?.[1] ?? '';
  const admin = /agency admin:\s+(hkr_\S+)/.exec(banner)?.[1] ?? '';
  return { child, url, tokens: [worker, admin], exited };
}

async function graphql<T>(url: string, token: string, query: string, variables: object = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as { data?: T; errors?: unknown[] } };
}

/**
 * The two ways a case is read, each with its own audit commit: `node(id)` reads it in a transaction
 * that commits its entry (`case.read`); a listing reads on the read path and its entries
 * (`case.list`, one per case shown) are committed by the group-commit audit writer (on SQLite, into
 * the audit journal) before the answer goes out.
 */
const READS = [
  {
    operation: 'case.read',
    query: 'query ($id: ID!) { me { staffId } node(id: $id) { ... on Case { id stage } } }',
    casesOf: (data: ReadData) => (data.node ? [data.node.id] : []),
  },
  {
    operation: 'case.list',
    query: '{ me { staffId } cases(first: 3) { edges { node { id stage } } } }',
    casesOf: (data: ReadData) => data.cases?.edges.map((e) => e.node.id) ?? [],
  },
] as const;

interface ReadData {
  readonly me: { readonly staffId: string };
  readonly node?: { readonly id: string } | null;
  readonly cases?: { readonly edges: readonly { readonly node: { readonly id: string } }[] };
}

/** Audit commits held by another connection, as `holdAuditCommits` returns them. */
export interface HeldAuditCommits {
  /** The reads (operations) whose audit commits are held. */
  readonly operations: readonly string[];
  /**
   * Resolves once the service is seen with reads it has made whose audit entries wait to be committed
   * (`withheld`: reads the service has failed for want of their audit while held, so far); rejects
   * after `timeoutMs` without that sign.
   */
  waitingReads(observed: { readonly withheld: number }, timeoutMs: number): Promise<void>;
  release(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * kill -9 under load: every read that was answered 200 with its case must find its audit entry in the
 * database after the process died without any chance to flush — an answer is only sent once its
 * audit entries are committed. Counted per (operation, actor, case): as many entries as answers.
 *
 * The kill is made to land between reads and their audit: mid-load, another connection blocks the
 * audit commits of reads, and the service is seen with reads made and their entries waiting. No such
 * read sent from then on may be answered (its entries cannot be committed) — a gateway that answered
 * before its audit commit fails here — and every read answered must still have its entry after the
 * kill.
 */
export function describeKillDurability(
  databases: TestDatabaseProvider,
  /** Blocks the service's audit commits of reads (another connection locks where they go) until released. */
  holdAuditCommits: (databaseUrl: string) => Promise<HeldAuditCommits>,
): void {
  afterAll(async () => {
    for (const child of started)
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await databases.dropAll();
  });

  describe(`kill -9 under read load on ${databases.name}`, () => {
    it('keeps the audit entry of every answered read, and answers none while its audit is held', {
      timeout: 240_000,
    }, async () => {
      const databaseUrl = await databases.create();
      const job = await startService(databaseUrl);
      const answered = new Map<string, number>();
      let answers = 0;
      let refusals = 0;
      /** Reads sent once their audit commits were held, and how many were answered (must be none). */
      let sentWhileHeld = 0;
      let answeredWhileHeld = 0;
      const observed = { withheld: 0 };
      let holding = false;
      let held: HeldAuditCommits | null = null;
      let sawWaitingReads: unknown = null;
      try {
        const list = await graphql<ReadData>(
          job.url,
          job.tokens[0] ?? '',
          '{ me { staffId } cases(first: 20) { edges { node { id } } } }',
        );
        const caseIds = list.body.data?.cases?.edges.map((e) => e.node.id) ?? [];
        expect(caseIds.length).toBeGreaterThan(5);
        // Answered too: its entries count with the listings below.
        for (const id of caseIds) {
          const key = `case.list|${list.body.data?.me.staffId}|${decodeGlobalID(id).id}`;
          answered.set(key, (answered.get(key) ?? 0) + 1);
        }

        let killed = false;
        let reachedTarget: () => void = () => {};
        const target = new Promise<void>((resolve) => {
          reachedTarget = resolve;
        });
        const reader = async (n: number) => {
          const token = job.tokens[n % job.tokens.length] ?? '';
          for (let i = 0; !killed; i += 1) {
            const id = caseIds[(n * 7 + i) % caseIds.length] ?? '';
            const read = READS[(n + i) % READS.length] as (typeof READS)[number];
            // Sent once its audit commits were held: it cannot be answered.
            const sentHeld = holding && (held?.operations.includes(read.operation) ?? false);
            if (sentHeld) sentWhileHeld += 1;
            let result: Awaited<ReturnType<typeof graphql<ReadData>>>;
            try {
              result = await graphql<ReadData>(job.url, token, read.query, { id });
            } catch {
              return; // the connection died with the process
            }
            const data = result.body.data;
            const cases = data ? read.casesOf(data) : [];
            if (result.status === 200 && data && cases.length > 0 && !result.body.errors) {
              for (const caseId of cases) {
                const key = `${read.operation}|${data.me.staffId}|${decodeGlobalID(caseId).id}`;
                answered.set(key, (answered.get(key) ?? 0) + 1);
              }
              answers += 1;
              if (sentHeld) answeredWhileHeld += 1;
              if (answers >= ANSWERED_BEFORE_KILL) reachedTarget();
            } else if (holding) {
              // Failed for want of its audit: withheld, as it must be.
              if (result.status === 503) observed.withheld += 1;
            } else {
              refusals += 1;
              if (refusals > 20) reachedTarget(); // fails below, instead of waiting for answers that never come
            }
          }
        };
        const readers = Array.from({ length: READERS }, (_, n) => reader(n));
        await target;
        // Mid-load: from here the held reads' entries cannot be committed, so none of them sent from
        // here on can be answered. Once the service is seen with reads made and their entries waiting, the readers
        // get one more second: a gateway that answered before committing would answer some by then.
        held = await holdAuditCommits(databaseUrl);
        holding = true;
        // One more reader from here, so that some reads are surely sent while held: the others may
        // all be waiting for their audit already (a fast service reaches it before the hold is seen).
        readers.push(reader(READERS));
        const waiting = held.waitingReads(observed, 45_000).then(
          () => true,
          (error: unknown) => {
            sawWaitingReads = error;
            return true;
          },
        );
        for (let done = false; !done && answeredWhileHeld === 0; )
          done = await Promise.race([waiting, sleep(50).then(() => false)]);
        for (let waited = 0; waited < 1_000 && answeredWhileHeld === 0; waited += 50) await sleep(50);
        killed = true;
        job.child.kill('SIGKILL');
        expect(await job.exited).toBe('SIGKILL');
        await Promise.all(readers);
      } finally {
        if (job.child.exitCode === null && job.child.signalCode === null) job.child.kill('SIGKILL');
        await held?.release();
      }
      expect(refusals).toBe(0);
      expect(answers).toBeGreaterThanOrEqual(ANSWERED_BEFORE_KILL);
      expect(sentWhileHeld).toBeGreaterThan(0);
      expect(answeredWhileHeld).toBe(0);

      // Opening the database moves in what the killed process left in an audit journal.
      const database = await openDatabase(databaseUrl, { migrate: false });
      try {
        const entries = await database.prisma.auditEntry.findMany({
          where: { operation: { in: READS.map((r) => r.operation) }, outcome: 'allowed' },
          select: { operation: true, actorStaffId: true, caseId: true },
        });
        const audited = new Map<string, number>();
        for (const e of entries) {
          const key = `${e.operation}|${e.actorStaffId}|${e.caseId}`;
          audited.set(key, (audited.get(key) ?? 0) + 1);
        }
        const missing = [...answered].filter(([key, count]) => (audited.get(key) ?? 0) < count);
        expect(missing).toEqual([]);
        expect(answered.size).toBeGreaterThan(1);
      } finally {
        await database.close();
      }
      // The window was there: the service was seen with reads made and their audit waiting.
      expect(sawWaitingReads).toBeNull();
    });
  });
}
