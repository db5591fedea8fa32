import { z } from 'zod';
import { findHouseholdMember, type HouseholdMember, isParentRelation } from '../persons/household.ts';
import type { AgencyId, HouseholdMemberId } from '../shared/ids.ts';
import { text } from '../shared/text.ts';

/** 相談者: who consulted (or was met) in a contact. */
export type ConsultingParty =
  | { readonly kind: 'person' } // 本人
  | { readonly kind: 'householdMember'; readonly householdMemberId: HouseholdMemberId } // 家族・世帯員
  | { readonly kind: 'agency'; readonly agencyId: AgencyId } // 関係機関
  | { readonly kind: 'anonymous' }; // 匿名・不明

export type ConsultingPartyKind = ConsultingParty['kind'];

export const CONSULTING_PARTY_KIND_LABELS_JA: Readonly<Record<ConsultingPartyKind, string>> = {
  person: '本人',
  householdMember: '家族・世帯員',
  agency: '関係機関',
  anonymous: '匿名・不明',
};

export const consultingPartySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('person') }),
  z.object({ kind: z.literal('householdMember'), householdMemberId: text('id') }),
  z.object({ kind: z.literal('agency'), agencyId: text('id') }),
  z.object({ kind: z.literal('anonymous') }),
]);

/** Reporting category of the consulting party (Mie's survey: parent 58.1%, person 10.3%). */
export const ConsultingPartyCategory = {
  Person: 'person', // 本人
  Parent: 'parent', // 親（母・父・継父母）
  Sibling: 'sibling', // きょうだい
  OtherFamily: 'otherFamily', // その他の家族・同居人
  Agency: 'agency', // 関係機関
  Anonymous: 'anonymous', // 匿名・不明
} as const;
export type ConsultingPartyCategory = (typeof ConsultingPartyCategory)[keyof typeof ConsultingPartyCategory];
export const consultingPartyCategorySchema = z.enum([
  'person',
  'parent',
  'sibling',
  'otherFamily',
  'agency',
  'anonymous',
]);

export const CONSULTING_PARTY_CATEGORY_LABELS_JA: Readonly<Record<ConsultingPartyCategory, string>> = {
  person: '本人',
  parent: '親',
  sibling: 'きょうだい',
  otherFamily: 'その他の家族',
  agency: '関係機関',
  anonymous: '匿名',
};

/**
 * The category for reports. A household member's category follows their relation (mother, father,
 * step-parent → parent; sibling → sibling; anyone else → otherFamily). A member no longer in the
 * household (removed after the contact) still consulted as family: otherFamily.
 */
export function consultingPartyCategory(
  party: ConsultingParty,
  household: readonly HouseholdMember[],
): ConsultingPartyCategory {
  switch (party.kind) {
    case 'person':
      return 'person';
    case 'agency':
      return 'agency';
    case 'anonymous':
      return 'anonymous';
    case 'householdMember': {
      const relation = findHouseholdMember(household, party.householdMemberId)?.relation;
      if (relation !== undefined && isParentRelation(relation)) return 'parent';
      if (relation === 'sibling') return 'sibling';
      return 'otherFamily';
    }
  }
}
