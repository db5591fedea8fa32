import { describe, expect, it } from 'vitest';
import { ageBandOn } from '../persons/age-band.ts';
import type { HouseholdMember, HouseholdRelation } from '../persons/household.ts';
import {
  CONSULTING_PARTY_CATEGORY_LABELS_JA,
  type ConsultingPartyCategory,
  consultingPartyCategory,
  consultingPartyCategorySchema,
} from './consulting-party.ts';
import { recordContact } from './contact.ts';

function member(id: string, relation: HouseholdRelation): HouseholdMember {
  return { id, relation, displayName: null, birthYear: null, livesWithPerson: true };
}

const household: readonly HouseholdMember[] = [
  member('mother', 'mother'),
  member('father', 'father'),
  member('step', 'stepParent'),
  member('sister', 'sibling'),
  member('grandma', 'grandparent'),
  member('spouse', 'spouse'),
  member('child', 'child'),
  member('uncle', 'otherRelative'),
  member('lodger', 'other'),
];

describe('consultingPartyCategory', () => {
  it('maps the non-family parties to their own category', () => {
    expect(consultingPartyCategory({ kind: 'person' }, household)).toBe('person');
    expect(consultingPartyCategory({ kind: 'agency', agencyId: 'hc' }, household)).toBe('agency');
    expect(consultingPartyCategory({ kind: 'anonymous' }, household)).toBe('anonymous');
  });

  it.each([
    ['mother', 'parent'],
    ['father', 'parent'],
    ['step', 'parent'],
    ['sister', 'sibling'],
    ['grandma', 'otherFamily'],
    ['spouse', 'otherFamily'],
    ['child', 'otherFamily'],
    ['uncle', 'otherFamily'],
    ['lodger', 'otherFamily'],
  ] as const)('household member %s → %s', (householdMemberId, category) => {
    expect(consultingPartyCategory({ kind: 'householdMember', householdMemberId }, household)).toBe(category);
  });

  it('a member no longer in the household still counts as family (otherFamily)', () => {
    expect(consultingPartyCategory({ kind: 'householdMember', householdMemberId: 'gone' }, household)).toBe(
      'otherFamily',
    );
  });

  it('has a Japanese label for every category', () => {
    const categories: readonly ConsultingPartyCategory[] = consultingPartyCategorySchema.options;
    expect(categories.map((c) => CONSULTING_PARTY_CATEGORY_LABELS_JA[c])).toEqual([
      '本人',
      '親',
      'きょうだい',
      'その他の家族',
      '関係機関',
      '匿名',
    ]);
  });
});

describe('8050: a mother calls about her 52-year-old son', () => {
  const son = { birthDate: '1972-03-15', birthYearMonth: '1972-03' };
  const mother = { ...member('hm-mother', 'mother'), birthYear: 1943 };
  const contact = recordContact(
    'ct-8050',
    {
      caseId: 'case-8050',
      agencyId: 'ccgsc-1',
      staffId: 'staff-1',
      occurredOn: '2024-06-03',
      channel: 'phone',
      consultingParty: { kind: 'householdMember', householdMemberId: 'hm-mother' },
      personContact: 'none',
      contents: ['relationshipBuilding'],
    },
    { now: new Date('2024-06-03T05:00:00Z'), household: [mother] },
  );

  it('is a parent contact without contact with the person', () => {
    expect(consultingPartyCategory(contact.consultingParty, [mother])).toBe('parent');
    expect(contact.personContact).toBe('none');
  });

  it('is counted in the person 50s band, not the caller age', () => {
    expect(ageBandOn(son, contact.occurredOn)).toBe('50s');
  });
});
