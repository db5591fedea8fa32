import { readableSections } from '../access/access-rules.ts';
import type { Assessment } from '../assessments/assessment.ts';
import type { CaseRecord } from '../cases/case-record.ts';
import { toVisibleContact, type VisibleContact } from '../contacts/redact.ts';
import type { Person } from '../persons/person.ts';
import type { SupportPlan } from '../plans/support-plan.ts';
import type { Referral } from '../referrals/referral.ts';
import type { Actor } from '../shared/actor.ts';
import type { CaseSection } from '../shared/case-section.ts';
import type { CaseId } from '../shared/ids.ts';
import { grantsOf } from './case-access.ts';
import type { UseCaseRunner, UseCaseScope } from './context.ts';

/**
 * Batched reads for list screens (a caseload page with each case's person, last contact, latest
 * assessment, plans and open referrals). Each call is one transaction with a fixed number of queries
 * whatever the number of cases; results come back in the order of `caseIds`, null (or empty) where
 * the actor may not read that section. Every case read is audited.
 */
export function batchUseCases(runner: UseCaseRunner) {
  async function readable(
    s: UseCaseScope,
    caseIds: readonly CaseId[],
    section: CaseSection,
  ): Promise<Map<CaseId, { record: CaseRecord; sections: readonly CaseSection[] }>> {
    const [records, pending] = await Promise.all([
      s.repos.cases.getMany(caseIds),
      s.repos.referrals.list({ toAgencyId: s.actor.agencyId, statuses: ['sent'], caseIds }),
    ]);
    const visible = new Map<CaseId, { record: CaseRecord; sections: readonly CaseSection[] }>();
    for (const record of records) {
      const sections = readableSections(
        s.actor,
        record,
        grantsOf(pending.filter((r) => r.caseId === record.id)),
      );
      if (!sections.includes(section)) continue;
      visible.set(record.id, { record, sections });
      s.touched({ entity: 'case', entityId: record.id, caseId: record.id });
    }
    return visible;
  }

  return {
    persons(actor: Actor, caseIds: readonly CaseId[]): Promise<readonly (Person | null)[]> {
      return runner.run(actor, 'person.read', null, async (s) => {
        const visible = await readable(s, caseIds, 'person');
        const persons = await s.repos.persons.getMany([...visible.values()].map((v) => v.record.personId));
        const byId = new Map(persons.map((p) => [p.id, p]));
        return caseIds.map((id) => {
          const v = visible.get(id);
          const person = v ? byId.get(v.record.personId) : undefined;
          if (!v || !person) return null;
          return v.sections.includes('household') ? person : { ...person, household: [] };
        });
      });
    },

    lastContacts(actor: Actor, caseIds: readonly CaseId[]): Promise<readonly (VisibleContact | null)[]> {
      return runner.run(actor, 'contact.read', null, async (s) => {
        const visible = await readable(s, caseIds, 'contacts');
        const contacts = await s.repos.contacts.latestByCases([...visible.keys()]);
        const byCase = new Map(contacts.map((c) => [c.caseId, c]));
        return caseIds.map((id) => {
          const c = byCase.get(id);
          return c ? toVisibleContact(c, () => true) : null;
        });
      });
    },

    latestAssessments(actor: Actor, caseIds: readonly CaseId[]): Promise<readonly (Assessment | null)[]> {
      return runner.run(actor, 'assessment.read', null, async (s) => {
        const visible = await readable(s, caseIds, 'assessments');
        const assessments = await s.repos.assessments.latestByCases([...visible.keys()]);
        const byCase = new Map(assessments.map((a) => [a.caseId, a]));
        return caseIds.map((id) => byCase.get(id) ?? null);
      });
    },

    /** The support plans of each case, newest first (a caseload's review-overdue flag needs them). */
    plans(actor: Actor, caseIds: readonly CaseId[]): Promise<readonly (readonly SupportPlan[])[]> {
      return runner.run(actor, 'plan.read', null, async (s) => {
        const visible = await readable(s, caseIds, 'plans');
        const plans = await s.repos.plans.listByCases([...visible.keys()]);
        return caseIds.map((id) => plans.filter((p) => p.caseId === id));
      });
    },

    /** Referrals still waiting or in progress (sent, accepted) of each case. */
    openReferrals(actor: Actor, caseIds: readonly CaseId[]): Promise<readonly (readonly Referral[])[]> {
      return runner.run(actor, 'referral.read', null, async (s) => {
        const visible = await readable(s, caseIds, 'referrals');
        const referrals = await s.repos.referrals.list({
          caseIds: [...visible.keys()],
          statuses: ['sent', 'accepted'],
        });
        return caseIds.map((id) => {
          const v = visible.get(id);
          if (!v) return [];
          const involved =
            v.record.leadAgencyId === actor.agencyId || v.record.supportingAgencyIds.includes(actor.agencyId);
          return referrals.filter((r) => r.caseId === id && (involved || r.toAgencyId === actor.agencyId));
        });
      });
    },
  };
}
