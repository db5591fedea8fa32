import { z } from 'zod';
import { canExportDisclosure, readableSections } from '../access/access-rules.ts';
import type { ChecklistDefinition } from '../assessments/checklist.ts';
import { buildDisclosureRecord, type DisclosureRecord } from '../disclosure/disclosure-record.ts';
import type { Actor } from '../shared/actor.ts';
import { ForbiddenError, parseInput } from '../shared/errors.ts';
import type { CaseId } from '../shared/ids.ts';
import { grantsOf, notAccessible } from './case-access.ts';
import type { UseCaseRunner } from './context.ts';

export const disclosureRequestSchema = z.object({ audience: z.enum(['person', 'family']) });
export type DisclosureRequest = z.input<typeof disclosureRequestSchema>;

/** Every promise of an object awaited together, keyed as given. */
async function allOf<T extends Record<string, Promise<unknown>>>(
  promises: T,
): Promise<{ [K in keyof T]: Awaited<T[K]> }> {
  const entries = await Promise.all(Object.entries(promises).map(async ([k, p]) => [k, await p] as const));
  return Object.fromEntries(entries) as { [K in keyof T]: Awaited<T[K]> };
}

export function disclosureUseCases(runner: UseCaseRunner) {
  return {
    /**
     * 開示請求: the person's whole record for the person or the family, notes behind their walls. Only
     * the lead agency's caseworkers may prepare it (`canExportDisclosure`); the export is audited as
     * `case.disclosure.export` with every record it took in.
     */
    async export(actor: Actor, caseId: CaseId, request: DisclosureRequest): Promise<DisclosureRecord> {
      const { audience } = parseInput(disclosureRequestSchema, request);
      return runner.run(
        actor,
        'case.disclosure.export',
        { entity: 'case', entityId: caseId, caseId },
        async (s) => {
          const record = await s.repos.cases.get(caseId);
          if (!record) throw notAccessible('case_read');
          if (!canExportDisclosure(actor, record)) {
            const referrals = await s.repos.referrals.list({ caseId, toAgencyId: actor.agencyId });
            if (readableSections(actor, record, grantsOf(referrals)).length === 0)
              throw notAccessible('case_read');
            throw new ForbiddenError(
              'disclosure_export',
              "only the lead agency's caseworkers may prepare a disclosure",
            );
          }
          const read = await allOf({
            person: s.repos.persons.get(record.personId),
            supportStages: s.repos.caseHistory.supportStages(caseId),
            familyStages: s.repos.caseHistory.familyStages(caseId),
            statuses: s.repos.caseHistory.statuses(caseId),
            agencyChanges: s.repos.caseHistory.agencyChanges(caseId),
            contacts: s.repos.contacts.listByCase(caseId),
            assessments: s.repos.assessments.listByCase(caseId),
            plans: s.repos.plans.listByCase(caseId),
            referrals: s.repos.referrals.list({ caseId }),
            consents: s.repos.consents.listByCase(caseId),
            meetings: s.repos.supportMeetings.listForCase(caseId),
            attendance: s.repos.programmes.listAttendanceByCase(caseId),
            placements: s.repos.placements.listByCase(caseId),
            agencies: s.repos.agencies.list({}),
          });
          const { person, supportStages, familyStages, statuses, agencyChanges, ...rest } = read;
          if (!person) throw notAccessible('case_read');
          const checklists: ChecklistDefinition[] = [];
          for (const key of new Set(
            rest.assessments.map((a) => `${a.checklistId}\u0000${a.checklistVersion}`),
          )) {
            const [id, version] = key.split('\u0000') as [string, string];
            const definition = await s.repos.checklists.get(id, Number(version));
            if (definition) checklists.push(definition);
          }
          const placeNames = new Map<string, string>();
          for (const hostId of new Set(rest.placements.map((p) => p.hostPlaceId))) {
            const place = await s.repos.places.get(hostId);
            if (place) placeNames.set(place.id, place.name);
          }
          s.touched({ entity: 'person', entityId: person.id, caseId });
          for (const c of rest.contacts) s.touched({ entity: 'contact', entityId: c.id, caseId });
          const merges = await s.repos.persons.mergesOf(person.id);
          return buildDisclosureRecord(
            {
              ...rest,
              record,
              person,
              merges,
              history: { supportStages, familyStages, statuses, agencies: agencyChanges },
              checklists,
              placeNames,
            },
            { audience, preparedAt: s.now, preparedOn: s.today, preparedByAgencyId: actor.agencyId },
          );
        },
      );
    },
  };
}
