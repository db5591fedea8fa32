import { personSummaryOf } from '../persons/person.ts';
import { reviewDueOf } from '../plans/support-plan.ts';
import type { CaseListQuery, CaseloadPageParts, CaseloadPageRows, Repositories } from './repositories.ts';

/**
 * `listCaseload` from the other repository methods, one read per part: for stores where a read costs
 * little (in memory), and the definition a one-statement implementation must agree with.
 */
export async function composedCaseloadPage(
  repos: Repositories,
  query: CaseListQuery,
  parts: CaseloadPageParts,
): Promise<CaseloadPageRows> {
  const page = await repos.cases.list(query);
  const caseIds = page.items.map((c) => c.id);
  if (caseIds.length === 0)
    return {
      page,
      openReferrals: [],
      persons: [],
      personSummaries: [],
      lastContacts: [],
      latestAssessments: [],
      latestAssessmentSummaries: [],
      plans: [],
      reviewsDue: [],
    };
  const [openReferrals, persons, lastContacts, latestAssessments, plans] = await Promise.all([
    repos.referrals.list({ caseIds, statuses: ['sent', 'accepted'] }),
    parts.person || parts.personSummary
      ? repos.persons.getMany([...new Set(page.items.map((c) => c.personId))])
      : [],
    parts.lastContact ? repos.contacts.latestByCases(caseIds) : [],
    parts.latestAssessment || parts.latestAssessmentSummary ? repos.assessments.latestByCases(caseIds) : [],
    parts.plans || parts.reviewsDue ? repos.plans.listByCases(caseIds) : [],
  ]);
  return {
    page,
    openReferrals,
    persons: parts.person ? persons : [],
    personSummaries: parts.personSummary ? persons.map(personSummaryOf) : [],
    lastContacts,
    latestAssessments: parts.latestAssessment ? latestAssessments : [],
    latestAssessmentSummaries: parts.latestAssessmentSummary ? latestAssessments : [],
    plans: parts.plans ? plans : [],
    reviewsDue: parts.reviewsDue ? plans.map(reviewDueOf) : [],
  };
}
