import type { Database } from '../database.ts';

/** The agency leading the most active cases (the fullest caseload), and how many it leads. */
export async function busiestAgency(db: Database): Promise<{ agencyId: string; led: number }> {
  const [busiest] = await db.prisma.case.groupBy({
    by: ['leadAgencyId'],
    where: { status: 'active' },
    _count: { _all: true },
    orderBy: { _count: { leadAgencyId: 'desc' } },
    take: 1,
  });
  if (!busiest) throw new Error('no active case in the register');
  return { agencyId: busiest.leadAgencyId, led: busiest._count._all };
}
