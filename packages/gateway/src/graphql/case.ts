import {
  type Actor,
  ageBandOn,
  ageOn,
  type CalendarDate,
  type CaseAgencyPeriod as CaseAgencyPeriodValue,
  type CaseListCriteria,
  type CaseMoveOptions as CaseMoveOptionsValue,
  type CaseRecord,
  type CaseSection as CaseSectionValue,
  type CaseStateOnDate,
  type CaseStatusChange,
  type CaseStatus as CaseStatusRecord,
  type CaseView,
  type Consent,
  caseAgencyPeriods,
  caseMoveOptions,
  caseStateOn,
  type DuplicateCandidate,
  type EightZeroFiveZeroResult,
  eightZeroFiveZeroOn,
  entryInForceOn,
  type FamilyStageChange,
  type FamilyStage as FamilyStageValue,
  type HouseholdMember,
  isReviewOverdue,
  MUNICIPALITY_CODE_LENGTH,
  PossibleDuplicateError,
  readableSections,
  type StageMoveOption,
  type StatusMoveOption as StatusMoveOptionValue,
  type SupportStageChange,
  type SupportStage as SupportStageValue,
  showNote,
  ValidationError,
} from '@hikikomori-register/core';
import { builder } from './builder.ts';
import { asksHousehold, caseloadPartsAsked } from './caseload-selection.ts';
import { connectionOfList, connectionOfPage, pageRequestOf } from './connections.ts';
import { ConsentGiverInput, ConsentScopeInput, consentDetailsOf } from './consent-input.ts';
import { ContactDetailsInput, contactDetailsOf } from './contact-input.ts';
import type { GraphQLContext } from './context.ts';
import {
  AgeBand,
  CaseAgencyRole,
  CaseAgencyVia,
  CaseSection,
  CaseState,
  ClosureReason,
  EightZeroFiveZeroNotApplicable,
  FamilyStage,
  FamilyStageMoveReason,
  HouseholdRelation,
  NoteVisibility,
  PauseReason,
  ReopenReason,
  Sex,
  StaffRole,
  StageChangeReason,
  StageDirection,
  StatusMove,
  StatusReasonKind,
  SupportStage,
  SupportStageMoveReason,
} from './enums.ts';
import { graphQLErrorOf, read } from './errors.ts';
import { globalId, localId, localIds, recordIdOf, referralKey } from './ids.ts';
import {
  HealthBackgroundDetailsInput,
  healthDetailsOf,
  IntakeDetailsInput,
  intakeDetailsOf,
} from './intake-input.ts';
import { LegalBasis, LegalBasisInput, legalBasisOf } from './legal-basis.ts';
import { loadAll, loadPresent, primeCaseload } from './loaders.ts';
import { maxFormat, maxText } from './max-length.ts';
import { compact, mutate, payloadType } from './mutations.ts';
import { orWhenRefused, scopedRecord } from './nodes.ts';
import { DuplicateCandidateRef } from './person.ts';
import { AgencyRef, CaseRef, ConsentRef, ContactRef, HouseholdMemberRef, PersonRef } from './refs.ts';

type CaseAgencyPeriodRecord = CaseAgencyPeriodValue & { readonly caseId: string };

/** A case as the actor sees it after a change they made (they may write it, so they read it whole). */
export function viewOf(actor: Actor, record: CaseRecord): CaseView {
  return { record, readableSections: readableSections(actor, record) };
}

/**
 * Null unless the actor may read `section` of the case: denied sections simply are not there. Domain
 * errors become GraphQL errors, as `read` makes them (inline: this runs for every gated field of every
 * case of a page).
 */
export async function gated<T>(
  view: CaseView,
  section: CaseSectionValue,
  value: () => Promise<T> | T,
): Promise<T | null> {
  if (!view.readableSections.includes(section)) return null;
  try {
    return await value();
  } catch (error) {
    throw graphQLErrorOf(error);
  }
}

export async function caseOf(ctx: GraphQLContext, caseId: string): Promise<CaseView | null> {
  return ctx.loaders.cases.load(caseId);
}

/**
 * A case for `node`/`nodes`, read as `case(id)` reads it: a refused read is audited against the case
 * like one there (the batching loader logs only the cases it shows). Null when refused or absent.
 */
export async function caseForNode(ctx: GraphQLContext, caseId: string): Promise<CaseView | null> {
  const view = await orWhenRefused(ctx.register.cases.get(ctx.actor, caseId), null);
  if (view) ctx.loaders.cases.prime(caseId, view);
  return view ? { ...view } : null;
}

/**
 * `node(id)` of a record of a case (key `caseId/recordId`), read exactly as the case's own field
 * reads it — the case through the access-checked, audited loader, then the section's list — so
 * `node` never shows what the field would not. Null when the case or the section is not readable
 * or the case has no such record.
 */
export async function caseRecordByKey<T extends { readonly id: string }>(
  ctx: GraphQLContext,
  key: string,
  section: CaseSectionValue,
  list: (view: CaseView) => Promise<readonly T[]>,
): Promise<T | null> {
  return scopedRecord(key, async (caseId) => {
    const view = await caseForNode(ctx, caseId);
    return view?.readableSections.includes(section) ? list(view) : [];
  });
}

// --- People -------------------------------------------------------------------------------------

HouseholdMemberRef.implement({
  description: 'A member of the person’s family or household (世帯員).',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Plain id, unique within the household.' }),
    relation: t.field({ type: HouseholdRelation, resolve: (m) => m.relation }),
    displayName: t.exposeString('displayName', { nullable: true }),
    birthYear: t.exposeInt('birthYear', { nullable: true }),
    livesWithPerson: t.exposeBoolean('livesWithPerson'),
  }),
});

builder.node(PersonRef, {
  description: 'The person (当事者) a case is about. `displayName` may be a pseudonym.',
  id: { resolve: (p) => p.id },
  // As `person(id)`, audited as a read of the person; a merged id is no node of its own.
  loadOne: (id, ctx) =>
    ctx.register.persons.get(ctx.actor, id).then(
      (l) => (l.person.id === id ? { ...l.person } : null),
      () => null,
    ),
  fields: (t) => ({
    displayName: t.exposeString('displayName'),
    kana: t.exposeString('kana', { nullable: true }),
    birthDate: t.field({ type: 'Date', nullable: true, resolve: (p) => p.birthDate }),
    birthYearMonth: t.exposeString('birthYearMonth', { nullable: true }),
    sex: t.field({ type: Sex, resolve: (p) => p.sex }),
    municipalityCode: t.exposeString('municipalityCode'),
    household: t.field({
      type: [HouseholdMemberRef],
      description: 'Empty when the actor may not read the household section.',
      resolve: async (p, _a, ctx) => {
        if ('household' in p) return [...p.household];
        // A caseload reads its persons without the household unless it is asked; this reads it
        // (as `person(id)` does) should such a summary still get here.
        const whole = await ctx.register.persons.get(ctx.actor, p.id).catch(() => null);
        return whole && whole.person.id === p.id ? [...whole.person.household] : [];
      },
    }),
    age: t.int({
      nullable: true,
      description:
        'Full years on `on` (default today); with only a birth month, the month’s last day is the birthday. Null when unknown.',
      args: { on: t.arg({ type: 'Date' }) },
      resolve: (p, args, ctx) => ageOn(p, args.on ?? ctx.today()),
    }),
    ageBand: t.field({
      type: AgeBand,
      description: '年代 on `on` (default today), as the monitoring reports count it.',
      args: { on: t.arg({ type: 'Date' }) },
      resolve: (p, args, ctx) => ageBandOn(p, args.on ?? ctx.today()),
    }),
    updatedAt: t.field({ type: 'DateTime', resolve: (p) => p.updatedAt }),
  }),
});

// --- Status and history -------------------------------------------------------------------------

const CaseStatus = builder
  .objectRef<{
    readonly status: CaseStatusRecord;
    readonly view: CaseView;
    /** Set for a status read at a past date: the note is that of the entry in force then. */
    readonly on?: CalendarDate;
  }>('CaseStatus')
  .implement({
    description: 'Where a case stands, with what that state needs to say.',
    fields: (t) => ({
      state: t.field({ type: CaseState, resolve: ({ status: s }) => s.state }),
      since: t.field({ type: 'Date', resolve: ({ status: s }) => s.since }),
      pauseReason: t.field({
        type: PauseReason,
        nullable: true,
        resolve: ({ status: s }) => (s.state === 'paused' ? s.pauseReason : null),
      }),
      reviewOn: t.field({
        type: 'Date',
        nullable: true,
        resolve: ({ status: s }) => (s.state === 'paused' ? s.reviewOn : null),
      }),
      closureReason: t.field({
        type: ClosureReason,
        nullable: true,
        resolve: ({ status: s }) => (s.state === 'closed' ? s.closureReason : null),
      }),
      note: t.string({
        nullable: true,
        description:
          'The note of the change that set this status: progress record, so null without the CONTACTS section.',
        resolve: ({ status, view, on }, _a, ctx) =>
          status.state === 'active'
            ? null
            : gated(view, 'contacts', async () => {
                const { statuses } = await ctx.loaders.history.load(view.record.id);
                return (on === undefined ? statuses.at(-1) : entryInForceOn(statuses, on))?.note ?? null;
              }),
      }),
    }),
  });

export const RecordedBy = builder.objectRef<Actor>('RecordedBy').implement({
  description: 'Who recorded an entry: staff id, agency and role at the time.',
  fields: (t) => ({
    staffId: t.exposeID('staffId'),
    role: t.field({ type: StaffRole, nullable: true, resolve: (a) => (a.role in ROLE_SET ? a.role : null) }),
    agency: t.field({
      type: AgencyRef,
      nullable: true,
      resolve: (a, _args, ctx) => ctx.loaders.agencies.load(a.agencyId),
    }),
  }),
});
const ROLE_SET = { staff: 1, supervisor: 1, agencyAdmin: 1, auditor: 1 };

const SupportStageEntry = builder.objectRef<SupportStageChange>('SupportStageEntry').implement({
  description: "An entry of the person's stage history (append-only).",
  fields: (t) => ({
    sequence: t.exposeInt('sequence'),
    from: t.field({ type: SupportStage, nullable: true, resolve: (e) => e.from }),
    to: t.field({ type: SupportStage, resolve: (e) => e.to }),
    direction: t.field({ type: StageDirection, resolve: (e) => e.direction }),
    reason: t.field({ type: StageChangeReason, resolve: (e) => e.reason }),
    note: t.exposeString('note', {
      nullable: true,
      description: 'Progress record: null without the CONTACTS section.',
    }),
    noteVisibility: t.field({
      type: NoteVisibility,
      nullable: true,
      description: 'Who the note may be disclosed to; null when there is no note to show.',
      resolve: (e) => (e.note === null ? null : e.noteVisibility),
    }),
    effectiveOn: t.field({ type: 'Date', resolve: (e) => e.effectiveOn }),
    recordedAt: t.field({ type: 'DateTime', resolve: (e) => e.recordedAt }),
    recordedBy: t.field({ type: RecordedBy, resolve: (e) => e.actor }),
  }),
});

const FamilyStageEntry = builder.objectRef<FamilyStageChange>('FamilyStageEntry').implement({
  description: "An entry of the family's stage history (append-only).",
  fields: (t) => ({
    sequence: t.exposeInt('sequence'),
    from: t.field({ type: FamilyStage, nullable: true, resolve: (e) => e.from }),
    to: t.field({ type: FamilyStage, resolve: (e) => e.to }),
    direction: t.field({ type: StageDirection, resolve: (e) => e.direction }),
    reason: t.field({ type: StageChangeReason, resolve: (e) => e.reason }),
    note: t.exposeString('note', {
      nullable: true,
      description: 'Progress record: null without the CONTACTS section.',
    }),
    noteVisibility: t.field({
      type: NoteVisibility,
      nullable: true,
      description: 'Who the note may be disclosed to; null when there is no note to show.',
      resolve: (e) => (e.note === null ? null : e.noteVisibility),
    }),
    effectiveOn: t.field({ type: 'Date', resolve: (e) => e.effectiveOn }),
    recordedAt: t.field({ type: 'DateTime', resolve: (e) => e.recordedAt }),
    recordedBy: t.field({ type: RecordedBy, resolve: (e) => e.actor }),
  }),
});

const StatusEntry = builder.objectRef<CaseStatusChange>('CaseStatusEntry').implement({
  description: 'An entry of the status history (append-only).',
  fields: (t) => ({
    sequence: t.exposeInt('sequence'),
    from: t.field({ type: CaseState, nullable: true, resolve: (e) => e.from }),
    to: t.field({ type: CaseState, resolve: (e) => e.to }),
    move: t.field({ type: StatusMove, resolve: (e) => e.move }),
    pauseReason: t.field({
      type: PauseReason,
      nullable: true,
      resolve: (e) => (e.move === 'paused' ? (e.reason as never) : null),
    }),
    closureReason: t.field({
      type: ClosureReason,
      nullable: true,
      resolve: (e) => (e.move === 'closed' ? (e.reason as never) : null),
    }),
    reopenReason: t.field({
      type: ReopenReason,
      nullable: true,
      resolve: (e) => (e.move === 'reopened' ? (e.reason as never) : null),
    }),
    note: t.exposeString('note', {
      nullable: true,
      description: 'Progress record: null without the CONTACTS section.',
    }),
    noteVisibility: t.field({
      type: NoteVisibility,
      nullable: true,
      description: 'Who the note may be disclosed to; null when there is no note to show.',
      resolve: (e) => (e.note === null ? null : e.noteVisibility),
    }),
    reviewOn: t.field({ type: 'Date', nullable: true, resolve: (e) => e.reviewOn }),
    effectiveOn: t.field({ type: 'Date', resolve: (e) => e.effectiveOn }),
    recordedAt: t.field({ type: 'DateTime', resolve: (e) => e.recordedAt }),
    recordedBy: t.field({ type: RecordedBy, resolve: (e) => e.actor }),
  }),
});

const SupportStageEntryConnection = builder.connectionObject(
  { type: SupportStageEntry, name: 'SupportStageEntryConnection' },
  { name: 'SupportStageEntryEdge' },
);
const FamilyStageEntryConnection = builder.connectionObject(
  { type: FamilyStageEntry, name: 'FamilyStageEntryConnection' },
  { name: 'FamilyStageEntryEdge' },
);
const CaseStatusEntryConnection = builder.connectionObject(
  { type: StatusEntry, name: 'CaseStatusEntryConnection' },
  { name: 'CaseStatusEntryEdge' },
);
const CaseAgencyPeriod = builder.objectRef<CaseAgencyPeriodRecord>('CaseAgencyPeriod').implement({
  description:
    'One period an agency took part in the case in one role: when it joined and left, by whose hand, and the legal basis of the disclosure to it.',
  fields: (t) => ({
    agency: t.field({
      type: AgencyRef,
      nullable: true,
      resolve: (p, _a, ctx) => ctx.loaders.agencies.load(p.agencyId),
    }),
    role: t.field({ type: CaseAgencyRole, resolve: (p) => p.role }),
    joinedOn: t.field({ type: 'Date', resolve: (p) => p.joinedOn }),
    joinedVia: t.field({ type: CaseAgencyVia, resolve: (p) => p.joinedVia }),
    joinedBy: t.field({ type: RecordedBy, resolve: (p) => p.joinedBy }),
    legalBasis: t.field({
      type: LegalBasis,
      nullable: true,
      description:
        'Null for the agency that opened the case (its own record) and for periods from before bases were recorded (joinedVia RECORDED_BEFORE).',
      resolve: (p) => (p.legalBasis ? { ...p.legalBasis, caseId: p.caseId } : null),
    }),
    referralId: t.id({
      nullable: true,
      description: 'Global id of the referral the agency came through.',
      resolve: (p) => (p.referralId ? globalId('Referral', referralKey(p.caseId, p.referralId)) : null),
    }),
    leftOn: t.field({ type: 'Date', nullable: true, resolve: (p) => p.leftOn }),
    leftVia: t.field({ type: CaseAgencyVia, nullable: true, resolve: (p) => p.leftVia }),
    leftBy: t.field({ type: RecordedBy, nullable: true, resolve: (p) => p.leftBy }),
  }),
});

const CaseHistory = builder.objectRef<{ caseId: string }>('CaseHistory').implement({
  description: 'The append-only histories of a case, oldest first.',
  fields: (t) => ({
    agencyPeriods: t.field({
      type: [CaseAgencyPeriod],
      description: 'Who took part in the case, when, and on what basis: lead and supporting agencies.',
      resolve: async ({ caseId }, _a, ctx) =>
        read(async () =>
          caseAgencyPeriods((await ctx.loaders.history.load(caseId)).agencies).map((p) => ({ ...p, caseId })),
        ),
    }),
    supportStages: t.connection(
      {
        type: SupportStageEntry,
        resolve: async ({ caseId }, args, ctx) =>
          read(async () => {
            const h = await ctx.loaders.history.load(caseId);
            return connectionOfList(h.supportStages, args, (e) => String(e.sequence));
          }),
      },
      SupportStageEntryConnection,
    ),
    familyStages: t.connection(
      {
        type: FamilyStageEntry,
        resolve: async ({ caseId }, args, ctx) =>
          read(async () => {
            const h = await ctx.loaders.history.load(caseId);
            return connectionOfList(h.familyStages, args, (e) => String(e.sequence));
          }),
      },
      FamilyStageEntryConnection,
    ),
    statuses: t.connection(
      {
        type: StatusEntry,
        resolve: async ({ caseId }, args, ctx) =>
          read(async () => {
            const h = await ctx.loaders.history.load(caseId);
            return connectionOfList(h.statuses, args, (e) => String(e.sequence));
          }),
      },
      CaseStatusEntryConnection,
    ),
  }),
});

// --- Moves offered --------------------------------------------------------------------------------

const SupportStageMoveOption = builder
  .objectRef<StageMoveOption<SupportStageValue>>('SupportStageMoveOption')
  .implement({
    description: 'A move of the person’s stage the actor may record now.',
    fields: (t) => ({
      to: t.field({ type: SupportStage, resolve: (o) => o.to }),
      direction: t.field({ type: StageDirection, resolve: (o) => o.direction }),
      reasonRequired: t.exposeBoolean('reasonRequired', {
        description: 'A step back needs a regression reason (OTHER also a note).',
      }),
    }),
  });

const FamilyStageMoveOption = builder
  .objectRef<StageMoveOption<FamilyStageValue>>('FamilyStageMoveOption')
  .implement({
    description: 'A move of the family’s stage the actor may record now (INITIAL starts the family track).',
    fields: (t) => ({
      to: t.field({ type: FamilyStage, resolve: (o) => o.to }),
      direction: t.field({ type: StageDirection, resolve: (o) => o.direction }),
      reasonRequired: t.exposeBoolean('reasonRequired'),
    }),
  });

const StatusMoveOption = builder.objectRef<StatusMoveOptionValue>('StatusMoveOption').implement({
  description: 'A status change the actor may make now.',
  fields: (t) => ({
    to: t.field({ type: CaseState, resolve: (o) => o.to }),
    move: t.field({ type: StatusMove, resolve: (o) => o.move }),
    needs: t.field({
      type: StatusReasonKind,
      nullable: true,
      description: 'The reason the move must give, if any (OTHER also needs a note).',
      resolve: (o) => o.needs,
    }),
  }),
});

const CaseMoveOptions = builder.objectRef<CaseMoveOptionsValue>('CaseMoveOptions').implement({
  description:
    'What the actor may change now, from the transition tables and the access rules (empty when they may not change the case). A forward move of the person’s stage may still be refused for want of a direct contact on record.',
  fields: (t) => ({
    stage: t.field({ type: [SupportStageMoveOption], resolve: (o) => [...o.stage] }),
    familyStage: t.field({ type: [FamilyStageMoveOption], resolve: (o) => [...o.familyStage] }),
    status: t.field({ type: [StatusMoveOption], resolve: (o) => [...o.status] }),
  }),
});

// --- 8050 and the case on a date -----------------------------------------------------------------

type EightZeroFiveZeroValue = EightZeroFiveZeroResult & { readonly household: readonly HouseholdMember[] };

const EightZeroFiveZero = builder.objectRef<EightZeroFiveZeroValue>('EightZeroFiveZero').implement({
  description:
    '8050: the person is at least 40 and a parent living with them is certainly at least 75 on `on` (the rule and its reasons: core persons/eight-zero-five-zero).',
  fields: (t) => ({
    applies: t.exposeBoolean('applies'),
    on: t.field({ type: 'Date', resolve: (r) => r.on }),
    personAge: t.int({ nullable: true, resolve: (r) => r.personAge }),
    notApplicableReason: t.field({
      type: EightZeroFiveZeroNotApplicable,
      nullable: true,
      resolve: (r) => (r.applies ? null : r.reason),
    }),
    triggeredBy: t.field({
      type: [HouseholdMemberRef],
      description: 'The parents living with the person who are certainly at least 75.',
      resolve: (r) =>
        r.applies ? r.household.filter((m) => r.triggeredBy.some((p) => p.memberId === m.id)) : [],
    }),
  }),
});

const CaseOnDate = builder
  .objectRef<{ readonly state: CaseStateOnDate; readonly view: CaseView }>('CaseOnDate')
  .implement({
    description: 'Where a case stood on a date, read from its stored histories.',
    fields: (t) => ({
      on: t.field({ type: 'Date', resolve: ({ state }) => state.on }),
      stage: t.field({ type: SupportStage, resolve: ({ state }) => state.stage }),
      familyStage: t.field({ type: FamilyStage, nullable: true, resolve: ({ state }) => state.familyStage }),
      status: t.field({
        type: CaseStatus,
        resolve: ({ state, view }) => ({ status: state.status, view, on: state.on }),
      }),
    }),
  });

// --- Case ---------------------------------------------------------------------------------------

builder.node(CaseRef, {
  description:
    'A support case (ケース). Fields of sections the actor may not read are null (see `readableSections`).',
  id: { resolve: (v) => v.record.id },
  loadOne: (id, ctx) => caseForNode(ctx, id),
  fields: (t) => ({
    municipalityCode: t.string({ resolve: (v) => v.record.municipalityCode }),
    openedOn: t.field({ type: 'Date', resolve: (v) => v.record.openedOn }),
    stage: t.field({ type: SupportStage, resolve: (v) => v.record.stage }),
    familyStage: t.field({ type: FamilyStage, nullable: true, resolve: (v) => v.record.familyStage }),
    status: t.field({ type: CaseStatus, resolve: (v) => ({ status: v.record.status, view: v }) }),
    version: t.int({
      description: 'Optimistic concurrency: pass it back as `expectedVersion` when changing the case.',
      resolve: (v) => v.record.version,
    }),
    leadAgency: t.field({
      type: AgencyRef,
      nullable: true,
      resolve: (v, _a, ctx) => ctx.loaders.agencies.load(v.record.leadAgencyId),
    }),
    supportingAgencies: t.field({
      type: [AgencyRef],
      resolve: (v, _a, ctx) => loadPresent(ctx.loaders.agencies, v.record.supportingAgencyIds),
    }),
    readableSections: t.field({ type: [CaseSection], resolve: (v) => [...v.readableSections] }),
    moveOptions: t.field({
      type: CaseMoveOptions,
      description:
        'The stage and status moves the actor may offer now (for screens offering only legal moves).',
      resolve: (v, _a, ctx) => caseMoveOptions(ctx.actor, v.record),
    }),
    createdAt: t.field({ type: 'DateTime', resolve: (v) => v.record.createdAt }),
    updatedAt: t.field({ type: 'DateTime', resolve: (v) => v.record.updatedAt }),
    person: t.field({
      type: PersonRef,
      nullable: true,
      resolve: (v, _a, ctx, info) =>
        gated(v, 'person', () =>
          (asksHousehold(info) ? ctx.loaders.persons : ctx.loaders.personSummaries).load(v.record.id),
        ),
    }),
    household: t.field({
      type: [HouseholdMemberRef],
      nullable: true,
      resolve: (v, _a, ctx) =>
        gated(v, 'household', async () => [
          ...((await ctx.loaders.persons.load(v.record.id))?.household ?? []),
        ]),
    }),
    history: t.field({
      type: CaseHistory,
      nullable: true,
      resolve: (v) => gated(v, 'summary', () => ({ caseId: v.record.id })),
    }),
    at: t.field({
      type: CaseOnDate,
      nullable: true,
      description:
        'Stage, family stage and status in force on `on` (an entry counts from its effective date). Null before the case was opened, and without the SUMMARY section.',
      args: { on: t.arg({ type: 'Date', required: true }) },
      resolve: async (v, args, ctx) =>
        gated(v, 'summary', async () => {
          const state = caseStateOn(await ctx.loaders.history.load(v.record.id), args.on);
          return state ? { state, view: v } : null;
        }),
    }),
    ageBand: t.field({
      type: AgeBand,
      nullable: true,
      description: "The person's 年代 on `on` (default today); null without the PERSON section.",
      args: { on: t.arg({ type: 'Date' }) },
      resolve: (v, args, ctx) =>
        gated(v, 'person', async () => {
          const person = await ctx.loaders.persons.load(v.record.id);
          return person ? ageBandOn(person, args.on ?? ctx.today()) : null;
        }),
    }),
    eightZeroFiveZero: t.field({
      type: EightZeroFiveZero,
      nullable: true,
      description:
        '8050 on `on` (default today), with why it does or does not apply; null without both the PERSON and HOUSEHOLD sections.',
      args: { on: t.arg({ type: 'Date' }) },
      resolve: (v, args, ctx) =>
        gated(v, 'household', () =>
          gated(v, 'person', async () => {
            const person = await ctx.loaders.persons.load(v.record.id);
            if (!person) return null;
            return { ...eightZeroFiveZeroOn(person, args.on ?? ctx.today()), household: person.household };
          }),
        ),
    }),
    reviewOverdue: t.boolean({
      nullable: true,
      description: "Some open support plan's review was due before today (null without the plans section).",
      resolve: (v, _a, ctx) =>
        gated(v, 'plans', async () =>
          (await ctx.loaders.reviewsDue.load(v.record.id)).some((d) => isReviewOverdue(d, ctx.today())),
        ),
    }),
  }),
});

// --- Queries ------------------------------------------------------------------------------------

const CaseFilter = builder.inputType('CaseFilter', {
  description: 'All given filters must hold.',
  fields: (t) => ({
    stage: t.field({ type: SupportStage }),
    status: t.field({ type: CaseState }),
    agencyId: t.id({ description: 'Cases this agency supports, as lead or supporting agency.' }),
    leadAgencyId: t.id(),
    municipalityCode: t.string(maxFormat(MUNICIPALITY_CODE_LENGTH)),
    personReached: t.boolean({
      description: 'true: the person has been reached at least once; false: never.',
    }),
    reviewOverdue: t.boolean({
      description: 'true: a plan review was due before today. (false is not a filter.)',
    }),
    referralPending: t.boolean({ description: 'true: a referral waits for an answer.' }),
    ageBand: t.field({
      type: AgeBand,
      description:
        '年代: the person is in this band today. Like the name search, covers only the cases the agency supports.',
    }),
    eightZeroFiveZero: t.boolean({
      description:
        'true: the case is in an 8050 situation today (see `Case.eightZeroFiveZero`); covers only the cases the agency supports. (false is not a filter.)',
    }),
    assignedTo: t.id({
      description:
        '担当: cases this staff member is assigned to now; `ME` for the signed-in staff member (自分の担当).',
    }),
    personName: t.string({
      ...maxText('personName'),
      description:
        '氏名検索: every space-separated part appears in the name or the kana reading (hiragana and katakana alike); 1–100 characters. Covers only the cases the agency supports (lead or supporting), not agency admins.',
    }),
  }),
});

/** The core's list criteria for a GraphQL case filter. */
function criteriaOf(
  f: typeof CaseFilter.$inferInput | null | undefined,
  ctx: GraphQLContext,
): CaseListCriteria {
  const given = f ?? {};
  for (const field of ['reviewOverdue', 'eightZeroFiveZero'] as const)
    if (given[field] === false)
      throw new ValidationError([
        { field, rule: 'true_or_omitted', message: `${field} filters with true only` },
      ]);
  return {
    ...compact({
      stage: given.stage,
      status: given.status,
      municipalityCode: given.municipalityCode,
      personReached: given.personReached,
      referralPending: given.referralPending,
      personName: given.personName,
    }),
    ...(given.agencyId ? { agencyId: localId('Agency', String(given.agencyId), 'filter.agencyId') } : {}),
    ...(given.leadAgencyId
      ? { leadAgencyId: localId('Agency', String(given.leadAgencyId), 'filter.leadAgencyId') }
      : {}),
    ...(given.reviewOverdue ? { reviewOverdueOn: ctx.today() } : {}),
    ...(given.assignedTo
      ? {
          assignedStaffId:
            String(given.assignedTo) === 'ME'
              ? ctx.actor.staffId
              : recordIdOf('StaffMember', given.assignedTo, 'filter.assignedTo'),
        }
      : {}),
    ...(given.ageBand ? { ageBand: { band: given.ageBand, on: ctx.today() } } : {}),
    ...(given.eightZeroFiveZero ? { eightZeroFiveZeroOn: ctx.today() } : {}),
  };
}

const CaseConnection = builder.connectionObject(
  { type: CaseRef, name: 'CaseConnection' },
  { name: 'CaseEdge' },
);
builder.queryFields((t) => ({
  caseCount: t.int({
    description:
      'How many cases `cases` gives for the filter, reading none of them (the counts of a caseload screen).',
    args: { filter: t.arg({ type: CaseFilter }) },
    resolve: (_root, args, ctx) =>
      read(() => ctx.register.cases.count(ctx.actor, criteriaOf(args.filter, ctx))),
  }),
  case: t.field({
    type: CaseRef,
    nullable: true,
    description: 'One case. A case that does not exist and one the actor may not see fail alike (FORBIDDEN).',
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) =>
      read(async () => ctx.register.cases.get(ctx.actor, localId('Case', String(args.id), 'id'))),
  }),
  cases: t.connection(
    {
      type: CaseRef,
      description: "担当ケース一覧: the cases the actor's agency may see, newest first.",
      args: { filter: t.arg({ type: CaseFilter }) },
      resolve: (_root, args, ctx, info) =>
        read(async () => {
          const filter = criteriaOf(args.filter, ctx);
          // The page and the per-case fields its nodes ask for are read together (one read, one
          // audit entry per case naming the sections read); the field resolvers find them in the loaders.
          const { page, parts } = await ctx.register.cases.caseload(
            ctx.actor,
            filter,
            pageRequestOf(args),
            caseloadPartsAsked(info),
          );
          primeCaseload(
            ctx.loaders,
            page.items.map((v) => v.record.id),
            parts,
          );
          // The count runs only when asked for (one COUNT query).
          return connectionOfPage(page, args, () => ctx.register.cases.count(ctx.actor, filter));
        }),
    },
    CaseConnection,
  ),
}));

// --- Mutations: opening ---------------------------------------------------------------------------

export const HouseholdMemberInput = builder.inputType('HouseholdMemberInput', {
  fields: (t) => ({
    ref: t.string({
      ...maxText('id'),
      description: 'A local name (e.g. "mother") the first contact can use as householdMemberId.',
    }),
    relation: t.field({ type: HouseholdRelation, required: true }),
    displayName: t.string(maxText('personName')),
    birthYear: t.int(),
    livesWithPerson: t.boolean({ required: true }),
  }),
});

const PersonInput = builder.inputType('PersonInput', {
  fields: (t) => ({
    displayName: t.string({ ...maxText('personName'), required: true }),
    kana: t.string(maxText('personName')),
    birthDate: t.field({ type: 'Date' }),
    birthYearMonth: t.string({
      ...maxFormat('YYYY-MM'.length),
      description: 'YYYY-MM when only the month is known.',
    }),
    sex: t.field({ type: Sex }),
    municipalityCode: t.string({ ...maxFormat(MUNICIPALITY_CODE_LENGTH), required: true }),
    household: t.field({ type: [HouseholdMemberInput] }),
  }),
});

const CaseDetailsInput = builder.inputType('CaseDetailsInput', {
  fields: (t) => ({
    municipalityCode: t.string({ ...maxFormat(MUNICIPALITY_CODE_LENGTH), required: true }),
    openedOn: t.field({ type: 'Date', required: true }),
    initialStage: t.field({ type: SupportStage }),
    familyStage: t.field({ type: FamilyStage, description: 'Set when the family consults from the start.' }),
    supportingAgencyIds: t.idList({
      description:
        'Each needs an intake consent (in `consents`) covering it: a disclosure on the opening day.',
    }),
    note: t.string({
      ...maxText('longText'),
      description: 'Kept with the first stage entry: progress record, not summary.',
    }),
    noteVisibility: t.field({ type: NoteVisibility, description: 'Defaults to NORMAL.' }),
  }),
});

const IntakeConsentInput = builder.inputType('IntakeConsentInput', {
  description: '情報共有への同意 taken at intake; a household member may be named by their `ref`.',
  fields: (t) => ({
    givenBy: t.field({ type: ConsentGiverInput, required: true }),
    scope: t.field({ type: ConsentScopeInput, required: true }),
    givenOn: t.field({ type: 'Date', required: true }),
    note: t.string(maxText('longText')),
  }),
});

const OpenCaseInput = builder.inputType('OpenCaseInput', {
  description: '受付: the person, their household, the case and usually the first contact, saved together.',
  fields: (t) => ({
    person: t.field({ type: PersonInput, description: 'A new person; or give `personId`.' }),
    personId: t.id({
      description:
        'A person already registered (one the agency supports on another case) instead of `person`.',
    }),
    confirmNotDuplicate: t.boolean({
      description:
        'The worker checked the duplicate candidates (POSSIBLE_DUPLICATE) and this is another person.',
    }),
    case: t.field({ type: CaseDetailsInput, required: true }),
    firstContact: t.field({ type: ContactDetailsInput }),
    consents: t.field({ type: [IntakeConsentInput], description: 'Consents taken at intake.' }),
    intake: t.field({ type: IntakeDetailsInput, description: '受付時の状況, when learnt at intake.' }),
    healthBackground: t.field({
      type: HealthBackgroundDetailsInput,
      description: '心身の状況, when learnt at intake.',
    }),
  }),
});

const OpenCasePayload = payloadType<{ view: CaseView; firstContact: unknown; consents: readonly Consent[] }>(
  'OpenCasePayload',
  'The opened case; refused with POSSIBLE_DUPLICATE, the candidates instead.',
  {
    case: { type: CaseRef, pick: (r) => r.view },
    firstContact: { type: ContactRef, pick: (r) => r.firstContact },
    consents: { type: [ConsentRef], pick: (r) => [...r.consents] },
  },
);
builder.objectFields(OpenCasePayload, (t) => ({
  duplicateCandidates: t.field({
    type: [DuplicateCandidateRef],
    nullable: true,
    description: 'Set when the opening was refused with POSSIBLE_DUPLICATE: who the person may be.',
    resolve: (p) => {
      const refused = p as typeof p & { duplicateCandidates?: readonly DuplicateCandidate[] };
      return refused.duplicateCandidates ? [...refused.duplicateCandidates] : null;
    },
  }),
}));

const CasePayload = payloadType<CaseView>('CasePayload', 'The case after the change.', {
  case: { type: CaseRef, pick: (v) => v },
});

const StageChangePayload = payloadType<{ view: CaseView; entry: SupportStageChange }>(
  'ChangeStagePayload',
  'The case and the new stage history entry.',
  { case: { type: CaseRef, pick: (r) => r.view }, entry: { type: SupportStageEntry, pick: (r) => r.entry } },
);
const FamilyStageChangePayload = payloadType<{ view: CaseView; entry: FamilyStageChange }>(
  'ChangeFamilyStagePayload',
  'The case and the new family stage history entry.',
  { case: { type: CaseRef, pick: (r) => r.view }, entry: { type: FamilyStageEntry, pick: (r) => r.entry } },
);
const StatusChangePayload = payloadType<{ view: CaseView; entry: CaseStatusChange }>(
  'ChangeStatusPayload',
  'The case and the new status history entry.',
  { case: { type: CaseRef, pick: (r) => r.view }, entry: { type: StatusEntry, pick: (r) => r.entry } },
);
const PersonPayload = payloadType<{ view: CaseView | null; person: unknown }>(
  'PersonPayload',
  'The person after the change.',
  { person: { type: PersonRef, pick: (r) => r.person }, case: { type: CaseRef, pick: (r) => r.view } },
);

const ChangeStageInput = builder.inputType('ChangeStageInput', {
  fields: (t) => ({
    caseId: t.id({ required: true }),
    expectedVersion: t.int({ required: true }),
    to: t.field({ type: SupportStage, required: true }),
    reason: t.field({
      type: SupportStageMoveReason,
      description: 'Omit going forward; required going back.',
    }),
    note: t.string({
      ...maxText('longText'),
      description: 'Progress record: read only by readers of the CONTACTS section.',
    }),
    noteVisibility: t.field({ type: NoteVisibility, description: 'Defaults to NORMAL.' }),
    effectiveOn: t.field({ type: 'Date', required: true }),
  }),
});

const ChangeFamilyStageInput = builder.inputType('ChangeFamilyStageInput', {
  fields: (t) => ({
    caseId: t.id({ required: true }),
    expectedVersion: t.int({ required: true }),
    to: t.field({ type: FamilyStage, required: true }),
    reason: t.field({ type: FamilyStageMoveReason }),
    note: t.string({
      ...maxText('longText'),
      description: 'Progress record: read only by readers of the CONTACTS section.',
    }),
    noteVisibility: t.field({ type: NoteVisibility, description: 'Defaults to NORMAL.' }),
    effectiveOn: t.field({ type: 'Date', required: true }),
  }),
});

const ChangeStatusInput = builder.inputType('ChangeStatusInput', {
  description:
    'PAUSED needs pauseReason (reviewOn optional); CLOSED needs closureReason; ACTIVE from closed needs reopenReason.',
  fields: (t) => ({
    caseId: t.id({ required: true }),
    expectedVersion: t.int({ required: true }),
    to: t.field({ type: CaseState, required: true }),
    effectiveOn: t.field({ type: 'Date', required: true }),
    note: t.string({
      ...maxText('longText'),
      description: 'Progress record: read only by readers of the CONTACTS section.',
    }),
    noteVisibility: t.field({ type: NoteVisibility, description: 'Defaults to NORMAL.' }),
    pauseReason: t.field({ type: PauseReason }),
    reviewOn: t.field({ type: 'Date' }),
    closureReason: t.field({ type: ClosureReason }),
    reopenReason: t.field({ type: ReopenReason }),
  }),
});

const AddSupportingAgencyInput = builder.inputType('AddSupportingAgencyInput', {
  description:
    '協力機関の追加: a disclosure to the agency, on the legal basis named (or, when omitted, any valid one on record) on `joinedOn`.',
  fields: (t) => ({
    caseId: t.id({ required: true }),
    agencyId: t.id({ required: true }),
    expectedVersion: t.int({ required: true }),
    legalBasis: t.field({ type: LegalBasisInput }),
    joinedOn: t.field({ type: 'Date', description: 'Defaults to today.' }),
  }),
});

const SupportingAgencyInput = builder.inputType('SupportingAgencyInput', {
  fields: (t) => ({
    caseId: t.id({ required: true }),
    agencyId: t.id({ required: true }),
    expectedVersion: t.int({ required: true }),
    leftOn: t.field({ type: 'Date', description: 'Defaults to today.' }),
  }),
});

const HandOverLeadInput = builder.inputType('HandOverLeadInput', {
  description:
    'A disclosure to the new lead (on `legalBasis`, or any valid one on record), and — when the previous lead stays on — from the new lead to it.',
  fields: (t) => ({
    caseId: t.id({ required: true }),
    newLeadAgencyId: t.id({ required: true }),
    keepPreviousAsSupporting: t.boolean({
      description: 'Defaults to true; needs a legal basis covering the previous lead too.',
    }),
    legalBasis: t.field({ type: LegalBasisInput }),
    effectiveOn: t.field({ type: 'Date', description: 'Defaults to today.' }),
    expectedVersion: t.int({ required: true }),
  }),
});

const UpdatePersonInput = builder.inputType('UpdatePersonInput', {
  description: 'Only the fields given change; null clears a nullable field.',
  fields: (t) => ({
    caseId: t.id({ required: true }),
    displayName: t.string(maxText('personName')),
    kana: t.string(maxText('personName')),
    birthDate: t.field({ type: 'Date' }),
    birthYearMonth: t.string(maxFormat('YYYY-MM'.length)),
    sex: t.field({ type: Sex }),
    municipalityCode: t.string(maxFormat(MUNICIPALITY_CODE_LENGTH)),
  }),
});

const AddHouseholdMemberInput = builder.inputType('AddHouseholdMemberInput', {
  fields: (t) => ({
    caseId: t.id({ required: true }),
    relation: t.field({ type: HouseholdRelation, required: true }),
    displayName: t.string(maxText('personName')),
    birthYear: t.int(),
    livesWithPerson: t.boolean({ required: true }),
  }),
});

const UpdateHouseholdMemberInput = builder.inputType('UpdateHouseholdMemberInput', {
  description: 'Only the fields given change; null clears a nullable field.',
  fields: (t) => ({
    caseId: t.id({ required: true }),
    memberId: t.id({ required: true }),
    relation: t.field({ type: HouseholdRelation }),
    displayName: t.string(maxText('personName')),
    birthYear: t.int(),
    livesWithPerson: t.boolean(),
  }),
});

const RemoveHouseholdMemberInput = builder.inputType('RemoveHouseholdMemberInput', {
  fields: (t) => ({ caseId: t.id({ required: true }), memberId: t.id({ required: true }) }),
});

const caseIdOf = (id: string | number) => localId('Case', String(id), 'caseId');

/** A new person as openCase takes it: not-given fields left out, household members likewise. */
function newPersonOf(input: typeof PersonInput.$inferInput) {
  const { household, ...person } = input;
  return { ...compact(person), ...(household ? { household: household.map((m) => compact(m)) } : {}) };
}

/** A change of who takes part in a case: the payload shows the case as the actor now sees it. */
const agencyChange = (ctx: GraphQLContext, change: () => Promise<CaseRecord>) =>
  mutate(ctx, async () => viewOf(ctx.actor, await change()));

builder.mutationFields((t) => {
  return {
    openCase: t.field({
      type: OpenCasePayload,
      args: { input: t.arg({ type: OpenCaseInput, required: true }) },
      resolve: async (_root, { input }, ctx) => {
        const payload = await mutate(
          ctx,
          async () => {
            const { supportingAgencyIds, ...details } = input.case;
            const opened = await ctx.register.cases.open(ctx.actor, {
              person: input.person ? newPersonOf(input.person) : null,
              personId: input.personId == null ? null : recordIdOf('Person', input.personId, 'personId'),
              confirmNotDuplicate: input.confirmNotDuplicate ?? null,
              case: {
                ...compact(details),
                supportingAgencyIds: localIds('Agency', supportingAgencyIds, 'case.supportingAgencyIds'),
              },
              firstContact: input.firstContact ? contactDetailsOf(input.firstContact, 'firstContact.') : null,
              consents: (input.consents ?? []).map((c, i) => consentDetailsOf(c, `consents.${i}.`)),
              intake: input.intake ? intakeDetailsOf(input.intake) : null,
              healthBackground: input.healthBackground ? healthDetailsOf(input.healthBackground) : null,
            });
            return {
              view: viewOf(ctx.actor, opened.case),
              firstContact: opened.firstContact ? showNote(opened.firstContact) : null,
              consents: opened.consents,
            };
          },
          (error) =>
            error instanceof PossibleDuplicateError ? { duplicateCandidates: error.candidates } : {},
        );
        return payload;
      },
    }),
    changeStage: t.field({
      type: StageChangePayload,
      description: '支援段階の変更: forward one step, or back with a reason.',
      args: { input: t.arg({ type: ChangeStageInput, required: true }) },
      resolve: (_root, { input }, ctx) =>
        mutate(ctx, async () => {
          const { caseId, ...move } = input;
          const r = await ctx.register.cases.changeStage(ctx.actor, caseIdOf(caseId), compact(move));
          return { view: viewOf(ctx.actor, r.case), entry: r.entry };
        }),
    }),
    changeFamilyStage: t.field({
      type: FamilyStageChangePayload,
      args: { input: t.arg({ type: ChangeFamilyStageInput, required: true }) },
      resolve: (_root, { input }, ctx) =>
        mutate(ctx, async () => {
          const { caseId, ...move } = input;
          const r = await ctx.register.cases.changeFamilyStage(ctx.actor, caseIdOf(caseId), compact(move));
          return { view: viewOf(ctx.actor, r.case), entry: r.entry };
        }),
    }),
    changeStatus: t.field({
      type: StatusChangePayload,
      description: '小休止・連絡途絶・終結・再開. Closing and reopening are decisions of the lead agency.',
      args: { input: t.arg({ type: ChangeStatusInput, required: true }) },
      resolve: (_root, { input }, ctx) =>
        mutate(ctx, async () => {
          const { caseId, ...move } = input;
          const r = await ctx.register.cases.changeStatus(
            ctx.actor,
            caseIdOf(caseId),
            compact(move) as never,
          );
          return { view: viewOf(ctx.actor, r.case), entry: r.entry };
        }),
    }),
    addSupportingAgency: t.field({
      type: CasePayload,
      description:
        '協力機関の追加: a decision of the lead agency, on a legal basis recorded with the agency’s period (Case.history.agencyPeriods).',
      args: { input: t.arg({ type: AddSupportingAgencyInput, required: true }) },
      resolve: (_root, { input }, ctx) =>
        agencyChange(ctx, () =>
          ctx.register.cases.addSupportingAgency(ctx.actor, caseIdOf(input.caseId), {
            agencyId: localId('Agency', String(input.agencyId), 'agencyId'),
            expectedVersion: input.expectedVersion,
            legalBasis: input.legalBasis ? legalBasisOf(input.legalBasis) : null,
            joinedOn: input.joinedOn ?? null,
          }),
        ),
    }),
    removeSupportingAgency: t.field({
      type: CasePayload,
      description: 'The lead removes a supporting agency, or a supporting agency withdraws itself.',
      args: { input: t.arg({ type: SupportingAgencyInput, required: true }) },
      resolve: (_root, { input }, ctx) =>
        agencyChange(ctx, () =>
          ctx.register.cases.removeSupportingAgency(ctx.actor, caseIdOf(input.caseId), {
            agencyId: localId('Agency', String(input.agencyId), 'agencyId'),
            expectedVersion: input.expectedVersion,
            leftOn: input.leftOn ?? null,
          }),
        ),
    }),
    handOverLead: t.field({
      type: CasePayload,
      description: '主担当の交代 without a referral.',
      args: { input: t.arg({ type: HandOverLeadInput, required: true }) },
      resolve: (_root, { input }, ctx) =>
        agencyChange(ctx, () =>
          ctx.register.cases.handOverLead(ctx.actor, caseIdOf(input.caseId), {
            newLeadAgencyId: localId('Agency', String(input.newLeadAgencyId), 'newLeadAgencyId'),
            expectedVersion: input.expectedVersion,
            keepPreviousAsSupporting: input.keepPreviousAsSupporting ?? null,
            legalBasis: input.legalBasis ? legalBasisOf(input.legalBasis) : null,
            effectiveOn: input.effectiveOn ?? null,
          }),
        ),
    }),
    updatePerson: t.field({
      type: PersonPayload,
      args: { input: t.arg({ type: UpdatePersonInput, required: true }) },
      resolve: (_root, { input }, ctx) =>
        mutate(ctx, async () => {
          const { caseId, ...changes } = input;
          const id = caseIdOf(caseId);
          const person = await ctx.register.cases.updatePerson(ctx.actor, id, changes as never);
          return { person, view: await caseOf(ctx, id) };
        }),
    }),
    addHouseholdMember: t.field({
      type: PersonPayload,
      args: { input: t.arg({ type: AddHouseholdMemberInput, required: true }) },
      resolve: (_root, { input }, ctx) =>
        mutate(ctx, async () => {
          const { caseId, ...member } = input;
          const id = caseIdOf(caseId);
          const person = await ctx.register.cases.addHouseholdMember(ctx.actor, id, compact(member));
          return { person, view: await caseOf(ctx, id) };
        }),
    }),
    updateHouseholdMember: t.field({
      type: PersonPayload,
      args: { input: t.arg({ type: UpdateHouseholdMemberInput, required: true }) },
      resolve: (_root, { input }, ctx) =>
        mutate(ctx, async () => {
          const { caseId, memberId, ...changes } = input;
          const id = caseIdOf(caseId);
          const person = await ctx.register.cases.updateHouseholdMember(
            ctx.actor,
            id,
            String(memberId),
            changes as never,
          );
          return { person, view: await caseOf(ctx, id) };
        }),
    }),
    removeHouseholdMember: t.field({
      type: PersonPayload,
      description: 'Removes a member recorded by mistake (someone who moved out is updated instead).',
      args: { input: t.arg({ type: RemoveHouseholdMemberInput, required: true }) },
      resolve: (_root, { input }, ctx) =>
        mutate(ctx, async () => {
          const id = caseIdOf(input.caseId);
          const person = await ctx.register.cases.removeHouseholdMember(
            ctx.actor,
            id,
            String(input.memberId),
          );
          return { person, view: await caseOf(ctx, id) };
        }),
    }),
  };
});
