import type { Person } from '../persons/person.ts';
import type { PersonMerge } from '../persons/person-merge.ts';
import { pseudonymise, pseudonymiseMergeFormer } from '../persons/pseudonymise.ts';
import type { AuditEntry } from '../ports/audit.ts';
import type { Repositories, UnitOfWork } from '../ports/repositories.ts';
import {
  ERASED_TEXT,
  PSEUDONYMISED_LABEL,
  type RetentionCandidate,
  type RetentionReport,
  type RetentionRunInput,
  retentionCutoff,
  retentionRunInputSchema,
} from '../retention/retention.ts';
import { type CalendarDate, calendarDateOf } from '../shared/dates.ts';
import { parseInput } from '../shared/errors.ts';
import type { PersonId } from '../shared/ids.ts';
import type { UseCaseRunner } from './context.ts';

/** Who the retention run's audit entries name: the register itself, on behalf of the lead agency. */
export const RETENTION_STAFF_ID = 'system:retention';

/**
 * 保存期間経過後の仮名化: a maintenance job, run from the command line (`db:retention`), not by a staff
 * member. Each person is done in a transaction of their own (a failure leaves the others done), and
 * re-checked inside it: a case reopened since the page was read is left alone. Every pseudonymised
 * case and person gets an audit entry (`retention.pseudonymise`, role `system`) under the case's lead
 * agency, so the lead's auditors and the case's audit trail show it.
 *
 * Records merged into the person (名寄せ, also through a chain of merges) are the same person: each
 * merge record's former attributes are pseudonymised and its reason erased, the merged record itself
 * pseudonymised, each audited on every case like the person.
 */
export function retentionUseCases(unitOfWork: UnitOfWork, runner: UseCaseRunner) {
  async function pseudonymiseOne(
    candidate: RetentionCandidate,
    cutoff: CalendarDate,
    today: CalendarDate,
    now: Date,
  ): Promise<{ cases: number; texts: number } | null> {
    return unitOfWork.transaction(async (repos) => {
      const [still] = await repos.retention.due(cutoff, { personId: candidate.personId, limit: 1 });
      const person = still ? await repos.persons.get(still.personId) : null;
      if (!still || !person || person.pseudonymisedOn !== null) return null;
      const pseudonymised = (p: Person) => ({
        ...pseudonymise(p, { label: PSEUDONYMISED_LABEL, on: today }),
        updatedAt: now,
      });
      await repos.persons.update(pseudonymised(person));
      const merges = await mergesInto(repos, person.id);
      for (const m of merges) {
        await repos.persons.eraseMerge(m.id, {
          former: pseudonymiseMergeFormer(m.former, PSEUDONYMISED_LABEL),
          reason: ERASED_TEXT,
        });
        const merged = await repos.persons.get(m.mergedPersonId);
        if (merged && merged.pseudonymisedOn === null) await repos.persons.update(pseudonymised(merged));
      }
      let texts = merges.length;
      const entries: AuditEntry[] = [];
      const entry = (agencyId: string, entity: string, entityId: string, caseId: string): AuditEntry => ({
        id: runner.newAuditEntryId(now),
        at: now,
        staffId: RETENTION_STAFF_ID,
        agencyId,
        role: 'system',
        operation: 'retention.pseudonymise',
        entity,
        entityId,
        caseId,
        sections: [],
        outcome: 'allowed',
      });
      for (const c of still.cases) {
        texts += await repos.retention.eraseCaseText(c.caseId, ERASED_TEXT);
        entries.push(entry(c.leadAgencyId, 'case', c.caseId, c.caseId));
        entries.push(entry(c.leadAgencyId, 'person', person.id, c.caseId));
        for (const m of merges) {
          entries.push(entry(c.leadAgencyId, 'personMerge', m.id, c.caseId));
          entries.push(entry(c.leadAgencyId, 'person', m.mergedPersonId, c.caseId));
        }
      }
      await repos.audit.append(entries);
      return { cases: still.cases.length, texts };
    });
  }

  return {
    /**
     * Pseudonymises every person whose cases have all been closed for `years` (default 5) on `asOf`
     * (default today); with `dryRun` only counts them.
     */
    async run(input: RetentionRunInput = {}): Promise<RetentionReport> {
      const parsed = parseInput(retentionRunInputSchema, input);
      const now = runner.now();
      const today = calendarDateOf(now);
      const asOf = parsed.asOf ?? today;
      const cutoff = retentionCutoff(asOf, parsed.years);
      let after: PersonId | null = null;
      let persons = 0;
      let cases = 0;
      let textsErased = 0;
      for (;;) {
        const from: PersonId | null = after;
        const page: readonly RetentionCandidate[] = await unitOfWork.transaction((repos) =>
          repos.retention.due(cutoff, { afterPersonId: from, limit: parsed.batchSize }),
        );
        if (page.length === 0) break;
        for (const candidate of page) {
          after = candidate.personId;
          if (parsed.dryRun) {
            persons += 1;
            cases += candidate.cases.length;
            continue;
          }
          const done = await pseudonymiseOne(candidate, cutoff, today, now);
          if (!done) continue;
          persons += 1;
          cases += done.cases;
          textsErased += done.texts;
        }
      }
      return { asOf, years: parsed.years, cutoff, dryRun: parsed.dryRun, persons, cases, textsErased };
    },
  };
}

/** The merges into `personId` and, through their merged persons, the merges into those, by kept person. */
async function mergesInto(repos: Repositories, personId: PersonId): Promise<PersonMerge[]> {
  const found: PersonMerge[] = [];
  const queue = [personId];
  const seen = new Set(queue);
  for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
    for (const m of await repos.persons.mergesOf(id)) {
      if (m.keptPersonId !== id || seen.has(m.mergedPersonId)) continue;
      seen.add(m.mergedPersonId);
      found.push(m);
      queue.push(m.mergedPersonId);
    }
  }
  return found;
}
