import type { CalendarDate } from '../shared/dates.ts';
import { PreconditionError } from '../shared/errors.ts';
import type { Assessment } from './assessment.ts';
import type { ChecklistDefinition } from './checklist.ts';

/** Change in one domain between two assessments; `delta > 0` means more adaptive behaviour. */
export interface DomainChange {
  readonly domainId: string;
  /** From the definition given; null when that version has no such domain. */
  readonly labelJa: string | null;
  readonly before: number;
  readonly after: number;
  readonly delta: number;
}

/** A domain left out because only one of the two versions has it. */
export interface SkippedDomain {
  readonly domainId: string;
  readonly presentIn: 'earlier' | 'later';
}

export interface AssessmentComparison {
  /** The case both assessments are of. */
  readonly caseId: string;
  readonly checklistId: string;
  readonly earlier: {
    readonly assessmentId: string;
    readonly assessedOn: CalendarDate;
    readonly version: number;
  };
  readonly later: {
    readonly assessmentId: string;
    readonly assessedOn: CalendarDate;
    readonly version: number;
  };
  readonly sameVersion: boolean;
  /**
   * Different raters (e.g. a parent, then the worker) see differently: a change may be the rater's.
   * Shown so the worker does not read it as progress or regression without thinking.
   */
  readonly raterChanged: boolean;
  readonly domains: readonly DomainChange[];
  /** Sums over the compared domains only; equal to the recorded totals when nothing was skipped. */
  readonly total: { readonly before: number; readonly after: number; readonly delta: number };
  readonly skippedDomains: readonly SkippedDomain[];
}

/**
 * 経過の比較: how scores moved between two assessments of the same checklist, so workers can see
 * change that is otherwise hard to see. Rules:
 *  - both assessments and the definition are of the same checklist (`same_checklist`);
 *  - `earlier` is not dated after `later` (`earlier_first`);
 *  - neither was voided (`assessment_voided`): a voided assessment is compared with nothing;
 *  - across versions only domains present in both are compared, and the rest are listed as skipped;
 *    domain scores of different versions may still differ in items, which `sameVersion` flags.
 * Domains come in the definition's order, then any the definition does not know.
 */
export function compareAssessments(
  earlier: Assessment,
  later: Assessment,
  definition: ChecklistDefinition,
): AssessmentComparison {
  for (const [field, a] of [
    ['earlierId', earlier],
    ['laterId', later],
  ] as const)
    if (a.voided)
      throw new PreconditionError('assessment_voided', `assessment ${a.id} was voided (取消)`, field);
  if (earlier.checklistId !== later.checklistId || definition.id !== later.checklistId)
    throw new PreconditionError(
      'same_checklist',
      `assessments of different checklists cannot be compared (${earlier.checklistId}, ${later.checklistId}, definition ${definition.id})`,
      'checklistId',
    );
  if (earlier.assessedOn > later.assessedOn)
    throw new PreconditionError(
      'earlier_first',
      `the earlier assessment (${earlier.assessedOn}) is dated after the later one (${later.assessedOn})`,
      'assessedOn',
    );

  const before = earlier.scores.byDomain;
  const after = later.scores.byDomain;
  const labels = new Map(definition.domains.map((d) => [d.id, d.labelJa]));
  const order = [
    ...definition.domains.map((d) => d.id),
    ...Object.keys(after),
    ...Object.keys(before),
  ].filter((id, i, all) => all.indexOf(id) === i);

  const domains: DomainChange[] = [];
  const skippedDomains: SkippedDomain[] = [];
  for (const domainId of order) {
    const b = Object.hasOwn(before, domainId) ? before[domainId] : undefined;
    const a = Object.hasOwn(after, domainId) ? after[domainId] : undefined;
    if (b === undefined && a === undefined) continue; // only in the definition
    if (b === undefined) skippedDomains.push({ domainId, presentIn: 'later' });
    else if (a === undefined) skippedDomains.push({ domainId, presentIn: 'earlier' });
    else domains.push({ domainId, labelJa: labels.get(domainId) ?? null, before: b, after: a, delta: a - b });
  }
  const totalBefore = domains.reduce((sum, d) => sum + d.before, 0);
  const totalAfter = domains.reduce((sum, d) => sum + d.after, 0);

  return {
    caseId: later.caseId,
    checklistId: later.checklistId,
    earlier: { assessmentId: earlier.id, assessedOn: earlier.assessedOn, version: earlier.checklistVersion },
    later: { assessmentId: later.id, assessedOn: later.assessedOn, version: later.checklistVersion },
    sameVersion: earlier.checklistVersion === later.checklistVersion,
    raterChanged: raterKey(earlier) !== raterKey(later),
    domains,
    total: { before: totalBefore, after: totalAfter, delta: totalAfter - totalBefore },
    skippedDomains,
  };
}

function raterKey(a: Assessment): string {
  switch (a.rater.kind) {
    case 'staff':
      return `staff:${a.rater.staffId}`;
    case 'familyMember':
      return `family:${a.rater.householdMemberId}`;
    case 'person':
      return 'person';
  }
}
