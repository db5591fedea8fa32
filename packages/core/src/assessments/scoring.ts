import type { SupportStage } from '../stages/support-stage.ts';
import { type ChecklistDefinition, type ChecklistItem, checklistItems, type StageHint } from './checklist.ts';

export interface AssessmentScores {
  readonly total: number;
  /** Every domain of the checklist, in definition order. */
  readonly byDomain: Readonly<Record<string, number>>;
}

/** The scored value of one answer: reverse items count `max + min - value`. */
export function itemScore(item: ChecklistItem, value: number): number {
  return item.reverse ? item.scale.max + item.scale.min - value : value;
}

/**
 * Domain and total scores of a set of answers. Expects answers already checked against the
 * definition (`recordAssessment` does); an item without an answer counts nothing.
 */
export function scoreAnswers(
  definition: ChecklistDefinition,
  answers: Readonly<Record<string, number>>,
): AssessmentScores {
  const byDomain: Record<string, number> = {};
  for (const domain of definition.domains) byDomain[domain.id] = 0;
  let total = 0;
  for (const { domainId, item } of checklistItems(definition)) {
    const value = answers[item.id];
    if (value === undefined) continue;
    const score = itemScore(item, value);
    byDomain[domainId] = (byDomain[domainId] ?? 0) + score;
    total += score;
  }
  return { total, byDomain };
}

/** The hint band containing `total`, or null when no band does (or the checklist has none). */
export function stageHintBandFor(definition: ChecklistDefinition, total: number): StageHint | null {
  return (definition.stageHints ?? []).find((h) => total >= h.minTotal && total <= h.maxTotal) ?? null;
}

/** 段階の目安: the stage a total suggests. A prompt for the case conference, not a stage decision. */
export function stageHintFor(definition: ChecklistDefinition, total: number): SupportStage | null {
  return stageHintBandFor(definition, total)?.stage ?? null;
}
