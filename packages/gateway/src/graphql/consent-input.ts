import type { ConsentInput } from '@hikikomori-register/core';
import { builder } from './builder.ts';
import { AgencySector, ConsentGiverKind } from './enums.ts';
import { localIds } from './ids.ts';
import { compact } from './mutations.ts';

export const ConsentGiverInput = builder.inputType('ConsentGiverInput', {
  fields: (t) => ({
    kind: t.field({ type: ConsentGiverKind, required: true }),
    householdMemberId: t.id({ description: 'A household member id (or, in openCase, a household `ref`).' }),
  }),
});

export const ConsentScopeInput = builder.inputType('ConsentScopeInput', {
  description: 'At least one agency or sector.',
  fields: (t) => ({
    agencyIds: t.idList(),
    sectors: t.field({ type: [AgencySector] }),
  }),
});

type GiverInput = typeof ConsentGiverInput.$inferInput;
type ScopeInput = typeof ConsentScopeInput.$inferInput;

/** The core's consent input from GraphQL's: global agency ids become record ids. */
export function consentDetailsOf(
  input: { givenBy: GiverInput; scope: ScopeInput; givenOn: string; note?: string | null },
  prefix: string,
): Omit<ConsentInput, 'caseId'> {
  return {
    givenBy: compact(input.givenBy) as ConsentInput['givenBy'],
    scope: {
      agencyIds: localIds('Agency', input.scope.agencyIds, `${prefix}scope.agencyIds`),
      sectors: input.scope.sectors ?? [],
    },
    givenOn: input.givenOn,
    ...compact({ note: input.note }),
  };
}
