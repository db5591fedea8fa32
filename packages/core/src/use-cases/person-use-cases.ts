import { canSearchPersonsByName, readableSections } from '../access/access-rules.ts';
import type { CaseRecord } from '../cases/case-record.ts';
import type { Person } from '../persons/person.ts';
import { type MergePersonsInput, mergePersons, type PersonMerge } from '../persons/person-merge.ts';
import { type PersonSearchInput, personSearchFilterOf } from '../persons/person-search.ts';
import { type Page, type PageRequestInput, pageRequestSchema } from '../ports/pagination.ts';
import type { Actor } from '../shared/actor.ts';
import { ForbiddenError, parseInput } from '../shared/errors.ts';
import type { PersonId } from '../shared/ids.ts';
import type { UseCaseRunner, UseCaseScope } from './context.ts';

/** A page of persons found, with how many there are over all pages. */
export interface PersonSearchResult {
  readonly page: Page<Person>;
  readonly totalCount: number;
}

/**
 * A person looked up by id. A merged id resolves to the person it was merged into: `person` is the
 * kept record and `mergedInto` names the merge that sent the reader there.
 */
export interface PersonLookup {
  readonly requestedId: PersonId;
  readonly person: Person;
  readonly mergedInto: PersonMerge | null;
}

export interface MergedPersons {
  readonly kept: Person;
  readonly merge: PersonMerge;
}

const MERGERS = ['agencyAdmin', 'supervisor'];

/** Whether one of these cases lets the actor's agency read the person (as lead or supporting agency). */
const seesPerson = (actor: Actor, cases: readonly CaseRecord[]) =>
  cases.some((c) => readableSections(actor, c).includes('person'));

/** A person is reached through a case of theirs the actor's agency supports; otherwise not at all. */
const personNotAccessible = () => new ForbiddenError('person_read', 'person not found or not accessible');

/** The record itself; a merged one is seen through the person it was merged into (its cases are there). */
async function visiblePerson(s: UseCaseScope, personId: PersonId): Promise<Person> {
  const person = await s.repos.persons.get(personId);
  let holder = person;
  for (let hops = 0; holder?.mergedIntoId && hops < 10; hops += 1)
    holder = await s.repos.persons.get(holder.mergedIntoId);
  if (!person || !holder) throw personNotAccessible();
  if (!seesPerson(s.actor, await s.repos.cases.listByPersons([holder.id]))) throw personNotAccessible();
  return person;
}

export function personUseCases(runner: UseCaseRunner) {
  return {
    /**
     * 当事者検索 (`personSearchFilterOf` defines the match): persons on cases the actor's agency leads
     * or supports, newest first. Every person listed is audited as read.
     */
    async search(
      actor: Actor,
      input: PersonSearchInput,
      page: PageRequestInput = {},
    ): Promise<PersonSearchResult> {
      const request = parseInput(pageRequestSchema, page);
      const filter = personSearchFilterOf(input);
      if (!canSearchPersonsByName(actor))
        throw new ForbiddenError('person_search', 'this role does not search persons');
      return runner.read(actor, 'person.search', null, async (s) => {
        const query = { visibleToAgencyId: actor.agencyId, filter };
        const found = await s.repos.persons.search({ ...query, page: request });
        const totalCount = await s.repos.persons.countSearch(query);
        for (const p of found.items) s.touched({ entity: 'person', entityId: p.id, caseId: null });
        return { page: found, totalCount };
      });
    },

    /** A person by id; a merged id gives the kept person and the merge (名寄せ先). Audited as a read. */
    get(actor: Actor, personId: PersonId): Promise<PersonLookup> {
      return runner.run(
        actor,
        'person.read',
        { entity: 'person', entityId: personId, caseId: null },
        async (s) => {
          let person = await s.repos.persons.get(personId);
          let mergedInto: PersonMerge | null = null;
          // Merges chain (A into B, then B into C); each step is one merge record.
          for (let hops = 0; person?.mergedIntoId && hops < 10; hops += 1) {
            const from: Person = person;
            mergedInto =
              (await s.repos.persons.mergesOf(from.id)).find((m) => m.mergedPersonId === from.id) ?? null;
            person = await s.repos.persons.get(from.mergedIntoId as PersonId);
          }
          if (!person) throw personNotAccessible();
          const visible = await visiblePerson(s, person.id);
          if (visible.id !== personId) s.touched({ entity: 'person', entityId: visible.id, caseId: null });
          return { requestedId: personId, person: visible, mergedInto };
        },
      );
    },

    /** The merges into or of a person (名寄せの履歴), oldest first. */
    merges(actor: Actor, personId: PersonId): Promise<readonly PersonMerge[]> {
      return runner.run(
        actor,
        'person.merges.read',
        { entity: 'person', entityId: personId, caseId: null },
        async (s) => {
          await visiblePerson(s, personId);
          return s.repos.persons.mergesOf(personId);
        },
      );
    },

    /**
     * 名寄せ (`mergePersons` has the rules): by an agency admin or supervisor whose agency supports a
     * case of each person. Both persons, every moved case (a new version of each) and the merge record
     * are written in one transaction and audited.
     */
    merge(actor: Actor, input: MergePersonsInput): Promise<MergedPersons> {
      const keepId = String(input.keepPersonId ?? '');
      const mergeId = String(input.mergePersonId ?? '');
      return runner.run(
        actor,
        'person.merge',
        { entity: 'person', entityId: mergeId, caseId: null },
        async (s) => {
          if (!MERGERS.includes(actor.role))
            throw new ForbiddenError('person_merge', 'only agency admins and supervisors merge persons');
          const [kept, merged] = [await visiblePerson(s, keepId), await visiblePerson(s, mergeId)];
          const cases = await s.repos.cases.listByPersons([kept.id, merged.id]);
          const result = mergePersons(
            kept,
            merged,
            {
              kept: cases.filter((c) => c.personId === kept.id),
              merged: cases.filter((c) => c.personId === merged.id),
            },
            input,
            { actor, now: s.now, mergeId: s.newId() },
          );
          // The merged record gives up its household first: the members keep their ids in the kept one.
          await s.repos.persons.update(result.merged);
          await s.repos.persons.update(result.kept);
          for (const c of cases)
            if (c.personId === merged.id) {
              await s.repos.cases.update({
                ...c,
                personId: kept.id,
                version: c.version + 1,
                updatedAt: s.now,
              });
              s.touched({ entity: 'case', entityId: c.id, caseId: c.id });
            }
          await s.repos.persons.insertMerge(result.merge);
          s.touched({ entity: 'person', entityId: kept.id, caseId: null });
          return { kept: result.kept, merge: result.merge };
        },
      );
    },
  };
}
