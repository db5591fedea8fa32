// `pnpm --filter @hikikomori-register/bench caseload:driver -- --schema <seeded> [--pages 600]
//   [--rounds 4]`
//
// What a caseload page costs the gateway's process when its one statement goes through Prisma's
// raw-query path, against straight through the driver (`Database.direct`, on the pool Prisma's
// adapter uses): the register's `cases.caseload` of the busiest agency, with the parts the example
// caseload query asks, called in the process (no HTTP, no GraphQL), one page at a time, the two ways
// in turn for `--rounds` rounds. Prints, per way and round, the process's CPU and the wall time per
// page, then the medians and their ratio. The rest of the page (the core's rules, the audit entries
// written with the page) is the same both ways.
import { parseArgs } from 'node:util';
import type { CaseloadPart } from '@hikikomori-register/core';
import { createDatabaseRegister, openDatabase } from '@hikikomori-register/gateway';
import { busiestAgency } from '@hikikomori-register/gateway/seed';
import { schemaUrl, wholeNumber } from './bench-support.ts';

const { values } = parseArgs({
  options: {
    schema: { type: 'string' },
    pages: { type: 'string', default: '600' },
    rounds: { type: 'string', default: '4' },
  },
  args: process.argv.slice(2).filter((a) => a !== '--'),
});
if (!values.schema) throw new Error('--schema <a seeded schema> is required (caseload.ts --keep seeds one)');
const pages = wholeNumber(values.pages, 'pages');
const rounds = wholeNumber(values.rounds, 'rounds');
const log = (line: string) => process.stdout.write(`${line}\n`);

/** The parts the example caseload query (GraphiQL's, and `caseload.ts`'s) asks of each case. */
const PARTS: readonly CaseloadPart[] = [
  'personSummary',
  'lastContact',
  'latestAssessmentSummary',
  'openReferrals',
  'reviewsDue',
];

const database = await openDatabase(schemaUrl(values.schema), { migrate: false });
if (!database.direct) throw new Error('the schema must be on PostgreSQL');
const { agencyId } = await busiestAgency(database);
const actor = { staffId: 'bench-caseload-driver', agencyId, role: 'staff' } as const;
const ways = {
  prisma: await createDatabaseRegister({ ...database, direct: undefined }),
  driver: await createDatabaseRegister(database),
};
const page = (register: (typeof ways)[keyof typeof ways]) =>
  register.cases.caseload(actor, { status: 'active' }, { first: 20 }, PARTS);

log(`caseload page through Prisma's raw-query path and through the driver (PostgreSQL ${values.schema})`);
log(`${pages} pages per way and round after 100 unmeasured, page of 20, the busiest agency's`);
log('');
log('way      round   cpu ms/page   wall ms/page');
const measured: Record<keyof typeof ways, { cpu: number[]; wall: number[] }> = {
  prisma: { cpu: [], wall: [] },
  driver: { cpu: [], wall: [] },
};
for (let round = 1; round <= rounds; round++)
  for (const way of ['prisma', 'driver'] as const) {
    for (let i = 0; i < 100; i++) await page(ways[way]);
    const cpu = process.cpuUsage();
    const started = performance.now();
    for (let i = 0; i < pages; i++) await page(ways[way]);
    const wall = (performance.now() - started) / pages;
    const used = process.cpuUsage(cpu);
    const cpuMs = (used.user + used.system) / 1000 / pages;
    measured[way].cpu.push(cpuMs);
    measured[way].wall.push(wall);
    log(
      `${way.padEnd(8)} ${String(round).padStart(5)}   ${cpuMs.toFixed(3).padStart(11)}   ${wall.toFixed(3).padStart(12)}`,
    );
  }

const median = (xs: readonly number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};
log('');
for (const figure of ['cpu', 'wall'] as const) {
  const prisma = median(measured.prisma[figure]);
  const driver = median(measured.driver[figure]);
  log(
    `median ${figure} ms/page: Prisma ${prisma.toFixed(3)}, driver ${driver.toFixed(3)} (driver ÷ Prisma ${(driver / prisma).toFixed(2)}×)`,
  );
}
await database.close();
