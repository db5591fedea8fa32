import type { CaseloadPart } from '@hikikomori-register/core';
import { type FieldNode, type GraphQLResolveInfo, Kind, type SelectionSetNode } from 'graphql';

/**
 * The caseload part each per-case field reads (`reviewOverdue` only when each plan's review is due;
 * `latestAssessment` without its answers and `person` without the household unless they are asked,
 * see `asksAssessmentAnswers` and `asksHousehold`).
 */
const PART_OF_FIELD: Readonly<Record<string, CaseloadPart>> = {
  person: 'personSummary',
  household: 'person',
  lastContact: 'lastContact',
  latestAssessment: 'latestAssessmentSummary',
  openReferrals: 'openReferrals',
  reviewOverdue: 'reviewsDue',
  plans: 'plans',
};

/** The fields asked in a selection set, through inline fragments and fragment spreads. */
function fieldsOf(
  info: GraphQLResolveInfo,
  set: SelectionSetNode | undefined,
  into: Map<string, SelectionSetNode[]>,
) {
  for (const selection of set?.selections ?? []) {
    if (selection.kind === Kind.FIELD) {
      const sets = into.get(selection.name.value) ?? [];
      if (selection.selectionSet) sets.push(selection.selectionSet);
      into.set(selection.name.value, sets);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) fieldsOf(info, selection.selectionSet, into);
    else fieldsOf(info, info.fragments[selection.name.value]?.selectionSet, into);
  }
  return into;
}

/**
 * The caseload parts a `cases` connection's nodes ask for (`edges.node` and `nodes`): the page is
 * read with exactly those, in one call, instead of one batched call after the list.
 */
export function caseloadPartsAsked(info: GraphQLResolveInfo): CaseloadPart[] {
  const connection = new Map<string, SelectionSetNode[]>();
  for (const node of info.fieldNodes) fieldsOf(info, node.selectionSet, connection);
  const nodeSets = [
    ...(connection.get('nodes') ?? []),
    ...(connection.get('edges') ?? []).flatMap((edges) => fieldsOf(info, edges, new Map()).get('node') ?? []),
  ];
  const parts = new Set<CaseloadPart>();
  for (const set of nodeSets)
    for (const [field, sets] of fieldsOf(info, set, new Map())) {
      const part = PART_OF_FIELD[field];
      if (part === 'latestAssessmentSummary' && asked(info, sets, 'answers')) parts.add('latestAssessment');
      else if (part === 'personSummary' && asked(info, sets, 'household')) parts.add('person');
      else if (part) parts.add(part);
    }
  return [...parts];
}

/** Whether any of these selection sets asks for `field`. */
const asked = (info: GraphQLResolveInfo, sets: readonly SelectionSetNode[], field: string): boolean =>
  sets.some((set) => fieldsOf(info, set, new Map()).has(field));

/**
 * The answers of `asksOwn` by the field's nodes: the executor hands every item of a list the same
 * nodes (of one parsed document, whose fragments they name), so a page asks once, not once per case.
 */
const ownAnswers = new WeakMap<readonly FieldNode[], Map<string, boolean>>();

/** Whether the field `info` resolves asks for `field` of its value. */
function asksOwn(info: GraphQLResolveInfo, field: string): boolean {
  let answers = ownAnswers.get(info.fieldNodes);
  if (!answers) {
    answers = new Map();
    ownAnswers.set(info.fieldNodes, answers);
  }
  let answer = answers.get(field);
  if (answer === undefined) {
    answer = asked(
      info,
      info.fieldNodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : [])),
      field,
    );
    answers.set(field, answer);
  }
  return answer;
}

/**
 * Whether an assessment field (`info` is its own) asks for the answers: the caseload reads the same
 * way (`caseloadPartsAsked`), so the resolver finds the record it primed.
 */
export const asksAssessmentAnswers = (info: GraphQLResolveInfo): boolean => asksOwn(info, 'answers');

/** Whether a person field (`info` is its own) asks for the household, likewise. */
export const asksHousehold = (info: GraphQLResolveInfo): boolean => asksOwn(info, 'household');
