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

const READ_CASE = 'query ($id: ID!) { me { staffId } node(id: $id) { ... on Case { id stage } } }';

/**
 * kill -9 under load: every read that was answered 200 with its case must find its audit entry in the
 * database after the process died without any chance to flush — an answer is only sent once its
 * audit entries are committed. Counted per (actor, case): as many `case.read` entries as answers.
 */
export function describeKillDurability(
  databases: TestDatabaseProvider,
  /**
   * Makes audit commits wait (another connection locks where they go) until the returned release is
   * called: the reads then in flight have their entries uncommitted when the process is killed.
   */
  holdAuditCommits: (databaseUrl: string) => Promise<() => Promise<void>>,
): void {
  afterAll(async () => {
    for (const child of started)
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await databases.dropAll();
  });

  describe(`kill -9 under read load on ${databases.name}`, () => {
    it('keeps the audit entry of every answered read', { timeout: 240_000 }, async () => {
      const databaseUrl = await databases.create();
      const job = await startService(databaseUrl);
      const answered = new Map<string, number>();
      let answers = 0;
      let refusals = 0;
      let answersWhileHeld = 0;
      let holding = false;
      let release: (() => Promise<void>) | null = null;
      try {
        const list = await graphql<{ cases: { edges: { node: { id: string } }[] } }>(
          job.url,
          job.tokens[0] ?? '',
          '{ cases(first: 20) { edges { node { id } } } }',
        );
        const caseIds = list.body.data?.cases.edges.map((e) => e.node.id) ?? [];
        expect(caseIds.length).toBeGreaterThan(5);

        let killed = false;
        let reachedTarget: () => void = () => {};
        const target = new Promise<void>((resolve) => {
          reachedTarget = resolve;
        });
        const reader = async (n: number) => {
          const token = job.tokens[n % job.tokens.length] ?? '';
          for (let i = 0; !killed; i += 1) {
            const id = caseIds[(n * 7 + i) % caseIds.length] ?? '';
            let result: Awaited<
              ReturnType<typeof graphql<{ me: { staffId: string }; node: { id: string } | null }>>
            >;
            try {
              result = await graphql(job.url, token, READ_CASE, { id });
            } catch {
              return; // the connection died with the process
            }
            const node = result.body.data?.node;
            if (result.status === 200 && node && !result.body.errors) {
              const key = `${result.body.data?.me.staffId}|${decodeGlobalID(node.id).id}`;
              answered.set(key, (answered.get(key) ?? 0) + 1);
              answers += 1;
              if (holding) answersWhileHeld += 1;
              if (answers >= ANSWERED_BEFORE_KILL) reachedTarget();
            } else if (!holding) {
              // (While audit commits are held, a read may fail for want of its audit: never answered.)
              refusals += 1;
              if (refusals > 20) reachedTarget(); // fails below, instead of waiting for answers that never come
            }
          }
        };
        const readers = Array.from({ length: READERS }, (_, n) => reader(n));
        await target;
        // Mid-load, audit commits are held: reads are in flight with their entries not committed. A
        // gateway that answered before committing would answer some of them now (up to 20, or for
        // 3 seconds; a correct one answers none), and lose their entries with the kill.
        release = await holdAuditCommits(databaseUrl);
        holding = true;
        for (let waited = 0; waited < 3_000 && answersWhileHeld < 20; waited += 50)
          await new Promise((resolve) => setTimeout(resolve, 50));
        killed = true;
        job.child.kill('SIGKILL');
        expect(await job.exited).toBe('SIGKILL');
        await Promise.all(readers);
      } finally {
        if (job.child.exitCode === null && job.child.signalCode === null) job.child.kill('SIGKILL');
        await release?.();
      }
      expect(refusals).toBe(0);
      expect(answers).toBeGreaterThanOrEqual(ANSWERED_BEFORE_KILL);

      const database = await openDatabase(databaseUrl, { migrate: false });
      try {
        const entries = await database.prisma.auditEntry.findMany({
          where: { operation: 'case.read', outcome: 'allowed' },
          select: { actorStaffId: true, caseId: true },
        });
        const audited = new Map<string, number>();
        for (const e of entries) {
          const key = `${e.actorStaffId}|${e.caseId}`;
          audited.set(key, (audited.get(key) ?? 0) + 1);
        }
        const missing = [...answered].filter(([key, count]) => (audited.get(key) ?? 0) < count);
        expect(missing).toEqual([]);
        expect(answered.size).toBeGreaterThan(1);
      } finally {
        await database.close();
      }
    });
  });
}
