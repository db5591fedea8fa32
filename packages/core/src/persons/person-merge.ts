import { z } from 'zod';
import type { CaseRecord } from '../cases/case-record.ts';
import type { Actor } from '../shared/actor.ts';
import { PreconditionError, parseInput, ValidationError } from '../shared/errors.ts';
import type { AgencyId, CaseId, PersonId } from '../shared/ids.ts';
import { TEXT_MAX_LENGTH, withTextRule } from '../shared/text.ts';
import type { HouseholdMember } from './household.ts';
import type { Person } from './person.ts';

/** The merged person's own attributes as they were before the merge (kept in the merge record). */
export type PersonMergeFormer = Pick<
  Person,
  'displayName' | 'kana' | 'birthDate' | 'birthYearMonth' | 'sex' | 'municipalityCode'
> & { readonly household: readonly HouseholdMember[] };

/**
 * 名寄せの記録: one person registered twice, merged into the record kept. Append-only, readable in
 * the history and the disclosure export of the kept person's cases.
 */
export interface PersonMerge {
  readonly id: string;
  readonly keptPersonId: PersonId;
  readonly mergedPersonId: PersonId;
  readonly reason: string;
  readonly former: PersonMergeFormer;
  /** The cases that moved from the merged person to the kept one. */
  readonly movedCaseIds: readonly CaseId[];
  readonly staffId: string;
  readonly agencyId: AgencyId;
  readonly mergedAt: Date;
}

export const mergePersonsInputSchema = z.object({
  keepPersonId: z.string().trim().min(1),
  mergePersonId: z.string().trim().min(1),
  reason: withTextRule(
    z.string().trim().min(1, { message: 'a merge needs its reason' }).max(TEXT_MAX_LENGTH.shortText),
  ),
});
export type MergePersonsInput = z.input<typeof mergePersonsInputSchema>;

export interface MergePersonsContext {
  readonly actor: Actor;
  readonly now: Date;
  readonly mergeId: string;
}

/** What a merge writes: both persons, the moved cases' new person, and the merge record. */
export interface PersonMergeResult {
  readonly kept: Person;
  readonly merged: Person;
  readonly merge: PersonMerge;
}

const isOpen = (c: CaseRecord) => c.status.state !== 'closed';

/**
 * 名寄せ: merges `merged` into `kept`. The kept record's attributes stay; what it lacks (the kana
 * reading, the birth date or year-month) is taken from the merged one when it does not contradict
 * it. The merged person's household members join the kept household (their ids stay, so contacts and
 * consents naming them still do); its cases move to the kept person. The merged record stays, empty
 * of household, pointing at the kept one, so its id still resolves.
 *
 * Refused (`PreconditionError`):
 *  - the same record twice (`merge_same_person`), a record already merged (`person_merged`) or
 *    pseudonymised after retention (`person_pseudonymised`);
 *  - `merge_overlapping_cases`: both persons have a case not closed led by the same agency. One agency
 *    leads one open case per person, and two open cases cannot be combined without choosing whose
 *    stage, status and plan stand: the agency closes the duplicate case first (終結, reason その他,
 *    noting 重複登録) and merges after; the closed case then stays readable under the kept person.
 *    Open cases led by different agencies are not duplicates of each other and both move.
 */
export function mergePersons(
  kept: Person,
  merged: Person,
  cases: { readonly kept: readonly CaseRecord[]; readonly merged: readonly CaseRecord[] },
  input: MergePersonsInput,
  ctx: MergePersonsContext,
): PersonMergeResult {
  const { reason } = parseInput(mergePersonsInputSchema, input);
  if (kept.id === merged.id)
    throw new ValidationError([
      { field: 'mergePersonId', rule: 'merge_same_person', message: 'a person cannot be merged into itself' },
    ]);
  for (const [field, p] of [
    ['keepPersonId', kept],
    ['mergePersonId', merged],
  ] as const) {
    if (p.mergedIntoId !== null)
      throw new PreconditionError('person_merged', `person ${p.id} was merged into ${p.mergedIntoId}`, field);
    if (p.pseudonymisedOn !== null)
      throw new PreconditionError('person_pseudonymised', `person ${p.id} was pseudonymised`, field);
  }
  const openLeads = new Set(cases.kept.filter(isOpen).map((c) => c.leadAgencyId));
  const overlap = cases.merged.find((c) => isOpen(c) && openLeads.has(c.leadAgencyId));
  if (overlap)
    throw new PreconditionError(
      'merge_overlapping_cases',
      `both persons have an open case led by agency ${overlap.leadAgencyId}; close the duplicate case (終結) first`,
      'mergePersonId',
    );

  const takeBirth =
    kept.birthDate === null &&
    merged.birthYearMonth !== null &&
    (kept.birthYearMonth === null || kept.birthYearMonth === merged.birthYearMonth);
  const former: PersonMergeFormer = {
    displayName: merged.displayName,
    kana: merged.kana,
    birthDate: merged.birthDate,
    birthYearMonth: merged.birthYearMonth,
    sex: merged.sex,
    municipalityCode: merged.municipalityCode,
    household: merged.household,
  };
  return {
    kept: {
      ...kept,
      kana: kept.kana ?? merged.kana,
      ...(takeBirth && { birthDate: merged.birthDate, birthYearMonth: merged.birthYearMonth }),
      household: [...kept.household, ...merged.household],
      updatedAt: ctx.now,
    },
    merged: { ...merged, household: [], mergedIntoId: kept.id, updatedAt: ctx.now },
    merge: {
      id: ctx.mergeId,
      keptPersonId: kept.id,
      mergedPersonId: merged.id,
      reason,
      former,
      movedCaseIds: cases.merged.map((c) => c.id),
      staffId: ctx.actor.staffId,
      agencyId: ctx.actor.agencyId,
      mergedAt: ctx.now,
    },
  };
}
