import {
  DUPLICATE_RULE_LABELS_JA,
  type DuplicateCandidate,
  type HouseholdMember,
  type MergedPersons,
  MUNICIPALITY_CODE_LENGTH,
  type PersonLookup,
  type PersonMerge,
  type PersonMergeFormer,
} from '@hikikomori-register/core';
import { builder } from './builder.ts';
import { connectionOfPage, pageRequestOf } from './connections.ts';
import { enumFrom, Sex } from './enums.ts';
import { read } from './errors.ts';
import { recordIdOf, scopedKey } from './ids.ts';
import { loadPresent } from './loaders.ts';
import { maxFormat, maxText } from './max-length.ts';
import { compact, mutate, payloadType } from './mutations.ts';
import { scopedRecord } from './nodes.ts';
import { AgencyRef, CaseRef, HouseholdMemberRef, PersonRef } from './refs.ts';

const DuplicateRule = enumFrom(
  'DuplicateRule',
  [
    'kana_birth_date',
    'name_birth_date',
    'kana_birth_month_municipality',
    'kana_birth_month',
    'kana_municipality_birth_unknown',
  ] as const,
  'Why a person is taken for one already registered (重複の疑い); see the core’s duplicates rules.',
  DUPLICATE_RULE_LABELS_JA,
);

/** Told to the one opening a case when the match is a person outside their agency's reach. */
const OUTSIDE_REACH_ADVICE_JA =
  '他の機関が支援している記録と一致します。二重登録を避けるため、県のひきこもり地域支援センター等に確認し、必要に応じて紹介（つなぎ）を検討してください。';

export const DuplicateCandidateRef = builder.objectRef<DuplicateCandidate>('DuplicateCandidate').implement({
  description:
    '重複の疑い: a person who may be the one being registered. Outside the caller’s reach it carries no personal data.',
  fields: (t) => ({
    score: t.exposeInt('score', { description: 'Out of 100: the best rule matched.' }),
    rules: t.field({ type: [DuplicateRule], resolve: (c) => [...c.rules] }),
    reasonsJa: t.stringList({ resolve: (c) => c.rules.map((r) => DUPLICATE_RULE_LABELS_JA[r]) }),
    person: t.field({
      type: PersonRef,
      nullable: true,
      description: 'The registered person, when the caller’s agency supports them; null otherwise.',
      resolve: (c) => c.person,
    }),
    outsideReach: t.exposeBoolean('outsideReach', {
      description: 'A record at another agency matches: ask, or refer, rather than register again.',
    }),
    adviceJa: t.string({ nullable: true, resolve: (c) => (c.outsideReach ? OUTSIDE_REACH_ADVICE_JA : null) }),
  }),
});

const PersonMergeFormerRef = builder.objectRef<PersonMergeFormer>('PersonMergeFormer').implement({
  description: 'The merged person’s own attributes as they were before the merge.',
  fields: (t) => ({
    displayName: t.exposeString('displayName'),
    kana: t.exposeString('kana', { nullable: true }),
    birthDate: t.field({ type: 'Date', nullable: true, resolve: (p) => p.birthDate }),
    birthYearMonth: t.exposeString('birthYearMonth', { nullable: true }),
    sex: t.field({ type: Sex, resolve: (p) => p.sex }),
    municipalityCode: t.exposeString('municipalityCode'),
    household: t.field({ type: [HouseholdMemberRef], resolve: (p) => [...p.household] as HouseholdMember[] }),
  }),
});

export const PersonMergeRef = builder.objectRef<PersonMerge>('PersonMerge');
builder.node(PersonMergeRef, {
  description: '名寄せの記録: one person registered twice, merged into the kept record.',
  // The key carries the kept person: merges are read as `PersonLookup.merges` reads them.
  id: { resolve: (m) => scopedKey(m.keptPersonId, m.id) },
  loadOne: (key, ctx) => scopedRecord(key, (personId) => ctx.register.persons.merges(ctx.actor, personId)),
  fields: (t) => ({
    keptPerson: t.field({
      type: PersonRef,
      nullable: true,
      resolve: (m, _a, ctx) =>
        ctx.register.persons.get(ctx.actor, m.keptPersonId).then(
          (l) => l.person,
          () => null,
        ),
    }),
    keptPersonId: t.exposeID('keptPersonId', {
      description: 'Plain id of the kept person (`person(id)` takes it).',
    }),
    mergedPersonId: t.exposeID('mergedPersonId', {
      description:
        'Plain id of the merged person: it is no node any more, `person(id)` leads from it to the kept one.',
    }),
    reason: t.exposeString('reason'),
    former: t.field({ type: PersonMergeFormerRef, resolve: (m) => m.former }),
    movedCaseIds: t.idList({
      deprecationReason: 'Use `movedCases { id }`: these are plain ids.',
      resolve: (m) => [...m.movedCaseIds],
    }),
    movedCases: t.field({
      type: [CaseRef],
      description: 'The cases moved to the kept person that the actor may see.',
      resolve: (m, _a, ctx) => loadPresent(ctx.loaders.cases, m.movedCaseIds),
    }),
    staffId: t.exposeID('staffId'),
    agency: t.field({
      type: AgencyRef,
      nullable: true,
      resolve: (m, _a, ctx) => ctx.loaders.agencies.load(m.agencyId),
    }),
    mergedAt: t.field({ type: 'DateTime', resolve: (m) => m.mergedAt }),
  }),
});

builder.objectFields(PersonRef, (t) => ({
  mergedIntoId: t.id({
    nullable: true,
    description: 'Set on a record merged into another (名寄せ): the kept person’s plain id.',
    deprecationReason: 'Use `mergedInto { id }`: this is the plain id.',
    resolve: (p) => p.mergedIntoId,
  }),
  mergedInto: t.field({
    type: PersonRef,
    nullable: true,
    description: 'Set on a record merged into another (名寄せ): the kept person.',
    resolve: (p, _a, ctx) =>
      p.mergedIntoId
        ? ctx.register.persons.get(ctx.actor, p.mergedIntoId).then(
            (l) => l.person,
            () => null,
          )
        : null,
  }),
}));

const PersonLookupRef = builder.objectRef<PersonLookup>('PersonLookup').implement({
  description: 'A person by id. A merged id gives the kept person, with the merge that leads there.',
  fields: (t) => ({
    requestedId: t.exposeID('requestedId', { description: 'The id as asked for (global or plain).' }),
    person: t.field({ type: PersonRef, resolve: (l) => l.person }),
    mergedInto: t.field({
      type: PersonMergeRef,
      nullable: true,
      description: 'The merge that sent the requested id to `person`; null when it was the person’s own id.',
      resolve: (l) => l.mergedInto,
    }),
    merges: t.field({
      type: [PersonMergeRef],
      description: '名寄せの履歴 of the person, oldest first.',
      resolve: (l, _a, ctx) =>
        read(async () => [...(await ctx.register.persons.merges(ctx.actor, l.person.id))]),
    }),
  }),
});

const PersonSearchInput = builder.inputType('PersonSearchInput', {
  description:
    '当事者検索: every criterion given must hold. Name and kana match in part, in any script or width, spaces and ー ignored.',
  fields: (t) => ({
    name: t.string(maxText('personName')),
    kana: t.string(maxText('personName')),
    birthYearMonth: t.string({ description: 'YYYY-MM, exact.', ...maxFormat('YYYY-MM'.length) }),
    municipalityCode: t.string(maxFormat(MUNICIPALITY_CODE_LENGTH)),
  }),
});

const PersonConnection = builder.connectionObject(
  { type: PersonRef, name: 'PersonConnection' },
  { name: 'PersonEdge' },
);

builder.queryFields((t) => ({
  persons: t.connection(
    {
      type: PersonRef,
      description:
        "当事者検索: persons on cases the actor's agency leads or supports, newest first; each listed is audited.",
      args: { search: t.arg({ type: PersonSearchInput, required: true }) },
      resolve: (_root, args, ctx) =>
        read(async () => {
          const { page, totalCount } = await ctx.register.persons.search(
            ctx.actor,
            compact(args.search),
            pageRequestOf(args),
          );
          return connectionOfPage(page, args, totalCount);
        }),
    },
    PersonConnection,
  ),
  person: t.field({
    type: PersonLookupRef,
    description: 'A person by id (a merged id resolves to the kept person). Unknown and unseen fail alike.',
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) =>
      read(async () => ({
        ...(await ctx.register.persons.get(ctx.actor, recordIdOf('Person', args.id, 'id'))),
        requestedId: String(args.id),
      })),
  }),
}));

const MergePersonsInput = builder.inputType('MergePersonsInput', {
  fields: (t) => ({
    keepPersonId: t.id({ required: true }),
    mergePersonId: t.id({ required: true }),
    reason: t.string({ ...maxText('shortText'), required: true }),
  }),
});

const MergePersonsPayload = payloadType<MergedPersons>(
  'MergePersonsPayload',
  'The kept person after the merge and the merge record.',
  {
    person: { type: PersonRef, pick: (r) => r.kept },
    merge: { type: PersonMergeRef, pick: (r) => r.merge },
  },
);

builder.mutationFields((t) => ({
  mergePersons: t.field({
    type: MergePersonsPayload,
    description:
      '名寄せ: by an agency admin or supervisor whose agency supports both; cases and household move to the kept person.',
    args: { input: t.arg({ type: MergePersonsInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      mutate(ctx, () =>
        ctx.register.persons.merge(ctx.actor, {
          keepPersonId: recordIdOf('Person', input.keepPersonId, 'keepPersonId'),
          mergePersonId: recordIdOf('Person', input.mergePersonId, 'mergePersonId'),
          reason: input.reason,
        }),
      ),
  }),
}));
