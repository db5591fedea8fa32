// `pnpm --filter @hikikomori-register/bench caseload:gc -- --schema <seeded> [--semi 4,16,64]
//   [--requests 3000] [--concurrency 1,20]`
//
// Garbage collection per caseload page at each young-generation size: for each `--semi` (MB, V8's
// `--max-semi-space-size`), a process of its own with the other V8 flags of `pnpm start` answers the
// page of `caseload.ts` through the gateway (`createGateway(…).fetch`, no HTTP) on a seeded PostgreSQL
// schema, 1 500 pages first (compiled code, caches, pools), then `--requests` at each `--concurrency`,
// and prints its CPU and its collectors' pause time per page (from `PerformanceObserver` 'gc' entries),
// the scavenges and mark-compacts run, and its RSS after. Pages in flight at once survive the
// scavenges that fall while they wait (PostgreSQL, the audit commit) and are copied by each: the
// young generation's size decides how often.
import { spawn } from 'node:child_process';
import { constants, PerformanceObserver } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { openDatabase } from '@hikikomori-register/gateway';
import {
  countingLogger,
  inProcessCaseload,
  inProcessGateway,
  schemaUrl,
  startNodeFlags,
  wholeNumber,
} from './bench-support.ts';

const { values } = parseArgs({
  options: {
    schema: { type: 'string' },
    semi: { type: 'string', default: '4,16,64' },
    requests: { type: 'string', default: '3000' },
    concurrency: { type: 'string', default: '1,20' },
    // Set by the parent in each measuring process.
    child: { type: 'boolean', default: false },
  },
  args: process.argv.slice(2).filter((a) => a !== '--'),
});
if (!values.schema) throw new Error('--schema <a seeded schema> is required (caseload.ts --keep seeds one)');
const requests = wholeNumber(values.requests, 'requests');
const levels = values.concurrency.split(',').map((c) => wholeNumber(c, 'concurrency'));

interface Measured {
  readonly concurrency: number;
  readonly cpuMs: number;
  readonly scavengeMs: number;
  readonly markCompactMs: number;
  readonly scavenges: number;
  readonly markCompacts: number;
  readonly rssMb: number;
}

if (values.child) await measure(values.schema);
else await compare(values.schema);

/** One process per young-generation size, with the rest of `pnpm start`'s V8 flags. */
async function compare(schema: string): Promise<void> {
  const sizes = values.semi.split(',').map((s) => wholeNumber(s, 'semi'));
  const otherFlags = startNodeFlags().filter((flag) => !flag.startsWith('--max-semi-space-size'));
  const log = (line: string) => process.stdout.write(`${line}\n`);
  log(
    `caseload page garbage collection (PostgreSQL ${schema}, ${requests} pages per row, flags ${otherFlags.join(' ')})`,
  );
  log('  semi MB   at once   cpu ms/page   gc ms/page   scavenges   mark-compacts   gc share   rss MiB');
  for (const semi of sizes) {
    const child = spawn(
      process.execPath,
      [
        `--max-semi-space-size=${semi}`,
        ...otherFlags,
        '--import',
        'tsx',
        fileURLToPath(import.meta.url),
        '--child',
        '--schema',
        schema,
        '--requests',
        String(requests),
        '--concurrency',
        levels.join(','),
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout.on('data', (d) => {
      out += String(d);
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    if (code !== 0) throw new Error(`the process with --max-semi-space-size=${semi} failed (${code})`);
    for (const m of JSON.parse(out.trim().split('\n').at(-1) ?? '[]') as Measured[]) {
      const gcMs = m.scavengeMs + m.markCompactMs;
      log(
        `  ${String(semi).padStart(7)} ${String(m.concurrency).padStart(9)} ${(m.cpuMs / requests).toFixed(2).padStart(13)} ${(gcMs / requests).toFixed(2).padStart(12)} ${String(m.scavenges).padStart(11)} ${String(m.markCompacts).padStart(15)} ${`${((100 * gcMs) / m.cpuMs).toFixed(0)} %`.padStart(10)} ${m.rssMb.toFixed(0).padStart(9)}`,
      );
    }
  }
}

/** In a process of one young-generation size: the pages at each concurrency, as JSON on stdout. */
async function measure(schema: string): Promise<void> {
  const db = await openDatabase(schemaUrl(schema));
  try {
    const { logger, problems } = countingLogger();
    const gateway = await inProcessGateway(db, logger);
    const { pages } = await inProcessCaseload(db, () => gateway);
    await pages(1500, Math.max(...levels));
    const results: Measured[] = [];
    for (const concurrency of levels) {
      const gc = { scavengeMs: 0, markCompactMs: 0, scavenges: 0, markCompacts: 0 };
      const observer = new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) {
          const kind = ((entry as { detail?: unknown }).detail as { kind?: number } | null)?.kind;
          if (kind === constants.NODE_PERFORMANCE_GC_MINOR) {
            gc.scavengeMs += entry.duration;
            gc.scavenges++;
          } else {
            gc.markCompactMs += entry.duration;
            gc.markCompacts++;
          }
        }
      });
      observer.observe({ entryTypes: ['gc'] });
      const before = process.cpuUsage();
      await pages(requests, concurrency);
      const cpu = process.cpuUsage(before);
      // The observer is told of the last collections on a later turn.
      await new Promise((resolve) => setTimeout(resolve, 100));
      observer.disconnect();
      results.push({
        concurrency,
        cpuMs: (cpu.user + cpu.system) / 1000,
        ...gc,
        rssMb: process.memoryUsage().rss / 2 ** 20,
      });
    }
    if (problems() > 0) throw new Error(`the gateway logged ${problems()} warnings or errors`);
    process.stdout.write(`${JSON.stringify(results)}\n`);
  } finally {
    await db.close();
  }
}
