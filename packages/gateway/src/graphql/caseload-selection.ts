import type { CaseloadPart } from '@hikikomori-register/core';
import { type GraphQLResolveInfo, Kind, type SelectionSetNode } from 'graphql';

/** The caseload part each per-case field reads (`reviewOverdue` and `plans` both read the plans). */
const PART_OF_FIELD: Readonly<Record<string, CaseloadPart>> = {
  person: 'person',
  household: 'person',
  lastContact: 'lastContact',
  latestAssessment: 'latestAssessment',
  openReferrals: 'openReferrals',
  reviewOverdue: 'plans',
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
    for (const field of fieldsOf(info, set, new Map()).keys()) {
      const part = PART_OF_FIELD[field];
      if (part) parts.add(part);
    }
  return [...parts];
}
