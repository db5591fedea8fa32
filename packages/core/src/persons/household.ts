import { z } from 'zod';
import { NotFoundError, PreconditionError, parseInput } from '../shared/errors.ts';
import type { HouseholdMemberId } from '../shared/ids.ts';
import { textUpTo } from '../shared/text.ts';
import type { Person } from './person.ts';

/** How a household member (世帯員) relates to the person (当事者). A fixed list so reports can count it. */
export const HouseholdRelation = {
  Mother: 'mother', // 母
  Father: 'father', // 父
  StepParent: 'stepParent', // 継父・継母（親の配偶者）
  Grandparent: 'grandparent', // 祖父母
  Sibling: 'sibling', // 兄弟姉妹（きょうだい）
  Spouse: 'spouse', // 配偶者・パートナー
  Child: 'child', // 子
  OtherRelative: 'otherRelative', // その他の親族（おじ・おば等）
  Other: 'other', // その他（親族以外の同居人等）
} as const;
export type HouseholdRelation = (typeof HouseholdRelation)[keyof typeof HouseholdRelation];
export const householdRelationSchema = z.enum([
  'mother',
  'father',
  'stepParent',
  'grandparent',
  'sibling',
  'spouse',
  'child',
  'otherRelative',
  'other',
]);

export const HOUSEHOLD_RELATION_LABELS_JA: Readonly<Record<HouseholdRelation, string>> = {
  mother: '母',
  father: '父',
  stepParent: '継父母',
  grandparent: '祖父母',
  sibling: 'きょうだい',
  spouse: '配偶者',
  child: '子',
  otherRelative: 'その他の親族',
  other: 'その他',
};

/** The relations that count as the person's parent (親): the 8050 rule and consulting-party reports use them. */
export const PARENT_RELATIONS: readonly HouseholdRelation[] = ['mother', 'father', 'stepParent'];

export function isParentRelation(relation: HouseholdRelation): boolean {
  return PARENT_RELATIONS.includes(relation);
}

/**
 * A member of the person's family or household. Family members who live elsewhere are kept too
 * (`livesWithPerson: false`): they consult, and whether a parent lives with the person matters (8050).
 * Only a birth year is kept — families often know no more, and it is enough for the age rules.
 */
export interface HouseholdMember {
  readonly id: HouseholdMemberId;
  readonly relation: HouseholdRelation;
  /** May be null: families are often recorded as 「母」 without a name. */
  readonly displayName: string | null;
  readonly birthYear: number | null;
  /** 同居: lives in the same dwelling as the person. */
  readonly livesWithPerson: boolean;
}

/** Oldest plausible birth year; the youngest is checked against the calling date where one is known. */
export const MIN_BIRTH_YEAR = 1900;
export const MAX_BIRTH_YEAR = 2100;

const memberDisplayNameSchema = textUpTo('personName')
  .nullish()
  .transform((v) => (v === undefined ? undefined : v ? v : null));

const birthYearSchema = z.number().int().min(MIN_BIRTH_YEAR).max(MAX_BIRTH_YEAR).nullish();

/** Input for a new household member. Empty names become null. */
export const householdMemberInputSchema = z.object({
  relation: householdRelationSchema,
  displayName: memberDisplayNameSchema,
  birthYear: birthYearSchema,
  livesWithPerson: z.boolean(),
});
export type HouseholdMemberInput = z.input<typeof householdMemberInputSchema>;

/** A change to a member: omitted fields stay, `null` clears a nullable field. */
export const householdMemberUpdateInputSchema = z.object({
  relation: householdRelationSchema.optional(),
  displayName: memberDisplayNameSchema,
  birthYear: birthYearSchema,
  livesWithPerson: z.boolean().optional(),
});
export type HouseholdMemberUpdateInput = z.input<typeof householdMemberUpdateInputSchema>;

/** Adds a member; `memberId` is chosen by the caller and must be new in this household. */
export function addHouseholdMember(
  person: Person,
  memberId: HouseholdMemberId,
  input: HouseholdMemberInput,
  now: Date,
): Person {
  const parsed = parseInput(householdMemberInputSchema, input);
  if (person.household.some((m) => m.id === memberId))
    throw new PreconditionError(
      'household_member_id_unique',
      `household member ${memberId} already exists`,
      'memberId',
    );
  const member: HouseholdMember = {
    id: memberId,
    relation: parsed.relation,
    displayName: parsed.displayName ?? null,
    birthYear: parsed.birthYear ?? null,
    livesWithPerson: parsed.livesWithPerson,
  };
  return { ...person, household: [...person.household, member], updatedAt: now };
}

export function updateHouseholdMember(
  person: Person,
  memberId: HouseholdMemberId,
  input: HouseholdMemberUpdateInput,
  now: Date,
): Person {
  const parsed = parseInput(householdMemberUpdateInputSchema, input);
  const index = findMemberIndex(person, memberId);
  const current = person.household[index] as HouseholdMember;
  const updated: HouseholdMember = {
    ...current,
    ...(parsed.relation !== undefined && { relation: parsed.relation }),
    ...(parsed.displayName !== undefined && { displayName: parsed.displayName }),
    ...(parsed.birthYear !== undefined && { birthYear: parsed.birthYear }),
    ...(parsed.livesWithPerson !== undefined && { livesWithPerson: parsed.livesWithPerson }),
  };
  return {
    ...person,
    household: person.household.map((m, i) => (i === index ? updated : m)),
    updatedAt: now,
  };
}

/**
 * Removes a member recorded by mistake. A member who moves out or dies should rather be updated
 * (`livesWithPerson: false`): past contacts name members as their consulting party.
 */
export function removeHouseholdMember(person: Person, memberId: HouseholdMemberId, now: Date): Person {
  findMemberIndex(person, memberId);
  return { ...person, household: person.household.filter((m) => m.id !== memberId), updatedAt: now };
}

export function findHouseholdMember(
  household: readonly HouseholdMember[],
  memberId: HouseholdMemberId,
): HouseholdMember | undefined {
  return household.find((m) => m.id === memberId);
}

/**
 * 単身: no household member lives with the person. An empty household counts as living alone, so a
 * household must be recorded before this answer means anything.
 */
export function livesAlone(person: Pick<Person, 'household'>): boolean {
  return !person.household.some((m) => m.livesWithPerson);
}

function findMemberIndex(person: Person, memberId: HouseholdMemberId): number {
  const index = person.household.findIndex((m) => m.id === memberId);
  if (index < 0) throw new NotFoundError('HouseholdMember', memberId, 'memberId');
  return index;
}
