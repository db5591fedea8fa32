// What the caseload benchmarks share: their whole-number options, the agency whose caseload they load,
// and a gateway log that counts problems instead of writing lines.
import type { Database, GatewayLogger } from '@hikikomori-register/gateway';

/** `--name`'s value as a whole number ≥ 1, or an error naming the option. */
export function wholeNumber(text: string, name: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} takes a whole number ≥ 1`);
  return n;
}

/** The agency leading the most active cases (the fullest caseload), and how many it leads. */
export async function busiestAgency(db: Database): Promise<{ agencyId: string; led: number }> {
  const [busiest] = await db.prisma.case.groupBy({
    by: ['leadAgencyId'],
    where: { status: 'active' },
    _count: { _all: true },
    orderBy: { _count: { leadAgencyId: 'desc' } },
    take: 1,
  });
  if (!busiest) throw new Error('no active case in the schema');
  return { agencyId: busiest.leadAgencyId, led: busiest._count._all };
}

/** Request lines are counted, not written: a benchmark measures the gateway, not a terminal. */
export function countingLogger(): { logger: GatewayLogger; problems(): number } {
  let problems = 0;
  const problem = () => {
    problems++;
  };
  return { logger: { info: () => {}, warn: problem, error: problem }, problems: () => problems };
}
