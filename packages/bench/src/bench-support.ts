// What the caseload benchmarks share: their whole-number options, a gateway log that counts problems
// instead of writing lines, the gateway in this process, `pnpm start`'s V8 flags, the seeded schema's URL and its vacuum, and the
// caseload page answered in this process.
import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import {
  CSRF_HEADER,
  createDatabaseRegister,
  createGateway,
  type Database,
  EXAMPLE_CASELOAD_QUERY,
  type GatewayLogger,
  GRAPHQL_ENDPOINT,
  PrismaStaffDirectory,
} from '@hikikomori-register/gateway';
import { busiestAgency } from '@hikikomori-register/gateway/seed';

/** `--name`'s value as a whole number ≥ 1, or an error naming the option. */
export function wholeNumber(text: string, name: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} takes a whole number ≥ 1`);
  return n;
}

/** Request lines are counted, not written: a benchmark measures the gateway, not a terminal. */
export function countingLogger(): { logger: GatewayLogger; problems(): number } {
  let problems = 0;
  const problem = () => {
    problems++;
  };
  return { logger: { info: () => {}, warn: problem, error: problem }, problems: () => problems };
}

/**
 * The V8 flags `pnpm start` gives the gateway (young-generation size, pool size): they change its
 * garbage collection under load, so the gateway is measured with them.
 */
export function startNodeFlags(): string[] {
  const gatewayPackage = new URL('../../gateway/package.json', import.meta.url);
  return (JSON.parse(readFileSync(gatewayPackage, 'utf8')).scripts.start as string)
    .split(/\s+/)
    .filter((word) => word.startsWith('--'));
}

/** `BENCH_DATABASE_URL` (default: the local `test` database) on a seeded schema, with a user named. */
export function schemaUrl(schema: string): string {
  const url = new URL(process.env.BENCH_DATABASE_URL ?? 'postgresql://127.0.0.1:5432/test');
  if (!url.username) url.username = process.env.PGUSER || process.env.USER || userInfo().username;
  url.searchParams.set('schema', schema);
  return url.toString();
}

/** The gateway on `db` as `pnpm start` builds it, answering through its fetch in this process (no HTTP). */
export async function inProcessGateway(
  db: Database,
  logger: GatewayLogger,
): Promise<ReturnType<typeof createGateway>> {
  return createGateway({
    register: await createDatabaseRegister(db),
    staff: new PrismaStaffDirectory(db),
    logger,
  });
}

/**
 * VACUUM (ANALYZE) of every table of `schema`, as autovacuum would have done on a live register. A
 * freshly seeded schema has neither statistics (the planner then guesses a few rows a table and picks
 * nested loops over millions) nor a visibility map (index-only scans fetch every row anyway), and
 * autovacuum may be off (as on the test server). Returns how long it took and the server's setting.
 */
export async function vacuumSchema(
  db: Database,
  schema: string,
): Promise<{ readonly milliseconds: number; readonly autovacuum: string }> {
  const [setting] = await db.prisma.$queryRawUnsafe<{ autovacuum: string }[]>('SHOW autovacuum');
  const started = performance.now();
  const tables = await db.prisma.$queryRawUnsafe<{ name: string }[]>(
    `SELECT table_name AS "name" FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE'`,
    schema,
  );
  const id = (s: string) => `"${s.replaceAll('"', '""')}"`;
  for (const { name } of tables)
    await db.prisma.$executeRawUnsafe(`VACUUM (ANALYZE) ${id(schema)}.${id(name)}`);
  return { milliseconds: performance.now() - started, autovacuum: setting?.autovacuum ?? '?' };
}

/**
 * The example `Caseload` page (of `first` cases) answered in this process by `gateway()`'s fetch (no
 * HTTP) for a new staff member of `agencyId` (default: the busiest agency). Every answer must equal
 * the first, without errors. `pages` keeps `concurrency` pages in flight until `count` have been sent.
 */
export async function inProcessCaseload(
  db: Database,
  gateway: () => Pick<ReturnType<typeof createGateway>, 'fetch'>,
  first = 20,
  agency?: string,
): Promise<{
  pages(count: number, concurrency: number): Promise<void>;
  /** The answer every page gave (none before the first page). */
  answer(): string | undefined;
}> {
  const agencyId = agency ?? (await busiestAgency(db)).agencyId;
  const staff = new PrismaStaffDirectory(db);
  const worker = await staff.createStaff({ agencyId, displayName: '計測用職員', role: 'staff' });
  const { token } = await staff.issueToken(worker.id, 'benchmark');
  const body = JSON.stringify({
    query: EXAMPLE_CASELOAD_QUERY.replace('cases(first: 20,', `cases(first: ${first},`),
  });
  let expected: string | undefined;
  const page = async () => {
    const response = await gateway().fetch(`http://127.0.0.1${GRAPHQL_ENDPOINT}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, [CSRF_HEADER]: '1' },
      body,
    });
    const text = await response.text();
    if (response.status !== 200 || text.includes('"errors"'))
      throw new Error(`the page failed: ${response.status} ${text.slice(0, 500)}`);
    expected ??= text;
    if (text !== expected) throw new Error('a later page differs from the first');
  };
  return {
    answer: () => expected,
    async pages(count, concurrency) {
      let started = 0;
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (started < count) {
            started++;
            await page();
          }
        }),
      );
    },
  };
}
