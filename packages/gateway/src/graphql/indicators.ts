import {
  AGE_BAND_ORDER,
  type Area,
  type Cell,
  CHANNEL_KEYS,
  CLOSURE_REASON_KEYS,
  CONTENT_KEYS,
  cellValue,
  FAMILY_STAGE_KEYS,
  type IndicatorBreakdowns,
  type IndicatorReport,
  type IndicatorRequestInput,
  type IndicatorRow as IndicatorRowRecord,
  type IndicatorTarget,
  type IndicatorTargetRow,
  indicatorRows,
  isSuppressed,
  MUNICIPALITY_CODE_LENGTH,
  type MunicipalityConferences,
  type MunicipalityIndicators,
  PLACE_KIND_KEYS,
  type PlaceKindAttendance,
  SEX_KEYS,
  STAGE_KEYS,
  TARGET_INDICATORS,
} from '@hikikomori-register/core';
import { builder } from './builder.ts';
import {
  AgeBand,
  ClosureReason,
  ContactChannel,
  ContactContent,
  IndicatorScopeKind,
  PlaceKind,
  ReportingPeriodKind,
  Sex,
} from './enums.ts';
import { read } from './errors.ts';
import { localId, recordIdOf } from './ids.ts';
import { maxFormat, maxText } from './max-length.ts';
import { mutate, payloadType } from './mutations.ts';
import { lookedUpRecord } from './nodes.ts';
import { IndicatorReportRef } from './refs.ts';

const IndicatorCell = builder.objectRef<Cell>('IndicatorCell').implement({
  description: 'A figure, or a note that it is suppressed (秘匿: 1–2 and what would give them away).',
  fields: (t) => ({
    value: t.int({ nullable: true, resolve: (c) => cellValue(c) }),
    suppressed: t.boolean({ resolve: (c) => isSuppressed(c) }),
  }),
});

const cellField = (name: string, pick: (r: IndicatorReport) => Cell, description?: string) => ({
  name,
  pick,
  description,
});

const groups = {
  IndicatorConsultations: [
    cellField('cases', (r) => r.consultations.cases, '相談実件数'),
    cellField('newCases', (r) => r.consultations.newCases, '新規相談'),
    cellField('continuingCases', (r) => r.consultations.continuingCases, '継続相談'),
  ],
  IndicatorContacts: [
    cellField('total', (r) => r.contacts.total, '延べ件数'),
    cellField('people', (r) => r.contacts.people, '実人数'),
  ],
  IndicatorReach: [
    cellField('reached', (r) => r.reach.reached, '本人と接触あり'),
    cellField('familyOnly', (r) => r.reach.familyOnly, '家族等のみ'),
  ],
  IndicatorConnections: [
    cellField('cases', (r) => r.connections.cases),
    cellField('toPlace', (r) => r.connections.toPlace),
    cellField('toAgency', (r) => r.connections.toAgency),
  ],
  IndicatorReferrals: [
    cellField('total', (r) => r.referrals.total),
    cellField('reReferrals', (r) => r.referrals.reReferrals, 'うち再紹介'),
  ],
  IndicatorAnonymousConsultations: [
    cellField('total', (r) => r.anonymousConsultations.total, '匿名相談件数（延べ）'),
  ],
  IndicatorGroupAttendance: [
    cellField('total', (r) => r.groupAttendance.total, '延べ参加者数'),
    cellField('registered', (r) => r.groupAttendance.registered, 'うち登録ケース（延べ）'),
    cellField('registeredCases', (r) => r.groupAttendance.registeredCases, '登録ケースの実人数'),
    cellField('unregisteredPersons', (r) => r.groupAttendance.unregisteredPersons, 'うち未登録の本人'),
    cellField('unregisteredFamily', (r) => r.groupAttendance.unregisteredFamily, 'うち未登録の家族'),
  ],
  IndicatorConferences: [
    cellField('held', (r) => r.conferences.held, '開催回数'),
    cellField('casesDiscussed', (r) => r.conferences.casesDiscussed, '延べ検討ケース数'),
  ],
  IndicatorStageMoves: [
    cellField('total', (r) => r.stageMoves.total),
    cellField('forward', (r) => r.stageMoves.forward),
    cellField('back', (r) => r.stageMoves.back),
  ],
};

const groupTypes = Object.fromEntries(
  Object.entries(groups).map(([name, cells]) => [
    name,
    builder.objectRef<IndicatorReport>(name).implement({
      fields: (t) =>
        Object.fromEntries(
          cells.map((c) => [
            c.name,
            t.field({ type: IndicatorCell, description: c.description, resolve: c.pick }),
          ]),
        ),
    }),
  ]),
) as Record<keyof typeof groups, ReturnType<typeof builder.objectRef<IndicatorReport>>>;

const ChannelCell = builder
  .objectRef<{ channel: (typeof CHANNEL_KEYS)[number]; cell: Cell }>('IndicatorChannelCell')
  .implement({
    fields: (t) => ({
      channel: t.field({ type: ContactChannel, resolve: (c) => c.channel }),
      count: t.field({ type: IndicatorCell, resolve: (c) => c.cell }),
    }),
  });

const StageCell = builder.objectRef<{ stage: string; cell: Cell }>('IndicatorStageCell').implement({
  fields: (t) => ({
    stage: t.exposeString('stage', { description: 'A SupportStage value in camelCase, or "unknown".' }),
    count: t.field({ type: IndicatorCell, resolve: (c) => c.cell }),
  }),
});

const IndicatorRow = builder.objectRef<IndicatorRowRecord>('IndicatorRow').implement({
  description: 'Every figure as a flat row, in the order of the CSV.',
  fields: (t) => ({
    section: t.exposeString('section'),
    key: t.exposeString('key'),
    labelJa: t.exposeString('labelJa'),
    cell: t.field({
      type: IndicatorCell,
      resolve: (r): Cell => (r.suppressed ? { suppressed: true, reason: 'small' } : { value: r.value ?? 0 }),
    }),
  }),
});

/** A keyed figure of a breakdown: `key` a value of the enum the field names. */
function keyedCells<K extends string>(name: string, keyField: string, keyType: unknown, description: string) {
  return builder.objectRef<{ key: K; cell: Cell }>(name).implement({
    description,
    fields: (t) => ({
      [keyField]: t.field({ type: keyType as never, resolve: (c) => c.key as never }),
      count: t.field({ type: IndicatorCell, resolve: (c) => c.cell }),
    }),
  });
}
const SexCell = keyedCells('IndicatorSexCell', 'sex', Sex, '実人数 of one sex.');
const ContentCell = keyedCells(
  'IndicatorContentCell',
  'content',
  ContactContent,
  '延べ contacts about one 相談内容.',
);
const ClosureReasonCell = keyedCells(
  'IndicatorClosureReasonCell',
  'reason',
  ClosureReason,
  'Closures for one 終結理由.',
);
const FamilyStageCell = keyedCells(
  'IndicatorFamilyStageCell',
  'stage',
  'String',
  'Open cases by family stage: a FamilyStage value in camelCase, or "none" (no family track).',
);

const SexAgeCell = builder
  .objectRef<{ sex: (typeof SEX_KEYS)[number]; ageBand: (typeof AGE_BAND_ORDER)[number]; cell: Cell }>(
    'IndicatorSexAgeCell',
  )
  .implement({
    description: '実人数 of one sex and age band (the age on the period’s last day).',
    fields: (t) => ({
      sex: t.field({ type: Sex, resolve: (c) => c.sex }),
      ageBand: t.field({ type: AgeBand, resolve: (c) => c.ageBand }),
      count: t.field({ type: IndicatorCell, resolve: (c) => c.cell }),
    }),
  });

const PlaceKindAttendanceRef = builder
  .objectRef<PlaceKindAttendance & { kind: (typeof PLACE_KIND_KEYS)[number] }>('IndicatorPlaceKindAttendance')
  .implement({
    description: '延べ participants at places of one kind (居場所, 家族教室, 家族会 …).',
    fields: (t) => ({
      kind: t.field({ type: PlaceKind, resolve: (a) => a.kind }),
      total: t.field({ type: IndicatorCell, resolve: (a) => a.total }),
      registered: t.field({ type: IndicatorCell, resolve: (a) => a.registered }),
      unregisteredPersons: t.field({ type: IndicatorCell, resolve: (a) => a.unregisteredPersons }),
      unregisteredFamily: t.field({ type: IndicatorCell, resolve: (a) => a.unregisteredFamily }),
    }),
  });

const MunicipalityConferencesRef = builder
  .objectRef<MunicipalityConferences>('IndicatorMunicipalityConferences')
  .implement({
    description: 'Conferences held by organisers in one municipality.',
    fields: (t) => ({
      municipalityCode: t.exposeString('municipalityCode', { nullable: true }),
      held: t.field({ type: IndicatorCell, resolve: (m) => m.held }),
      casesDiscussed: t.field({ type: IndicatorCell, resolve: (m) => m.casesDiscussed }),
    }),
  });

const BreakdownsRef = builder.objectRef<IndicatorBreakdowns>('IndicatorBreakdowns').implement({
  description: 'The breakdowns of the prefectural tables.',
  fields: (t) => ({
    peopleBySex: t.field({
      type: [SexCell],
      resolve: (b) => SEX_KEYS.map((key) => ({ key, cell: b.peopleBySex[key] })),
    }),
    peopleBySexAge: t.field({
      type: [SexAgeCell],
      resolve: (b) =>
        SEX_KEYS.flatMap((sex) =>
          AGE_BAND_ORDER.map((ageBand) => ({ sex, ageBand, cell: b.peopleBySexAge[sex][ageBand] })),
        ),
    }),
    contactsByContent: t.field({
      type: [ContentCell],
      resolve: (b) => CONTENT_KEYS.map((key) => ({ key, cell: b.contactsByContent[key] })),
    }),
    familyStagesAtEnd: t.field({
      type: [FamilyStageCell],
      resolve: (b) => FAMILY_STAGE_KEYS.map((key) => ({ key, cell: b.familyStagesAtEnd[key] })),
    }),
    closures: t.field({ type: IndicatorCell, description: '終結件数', resolve: (b) => b.closures.total }),
    closureOutcomes: t.field({
      type: IndicatorCell,
      description: 'うち就労・就学・本人が選んだ進路',
      resolve: (b) => b.closures.outcomes,
    }),
    closuresByReason: t.field({
      type: [ClosureReasonCell],
      resolve: (b) => CLOSURE_REASON_KEYS.map((key) => ({ key, cell: b.closures.byReason[key] })),
    }),
    attendanceByPlaceKind: t.field({
      type: [PlaceKindAttendanceRef],
      resolve: (b) => PLACE_KIND_KEYS.map((kind) => ({ kind, ...b.attendanceByPlaceKind[kind] })),
    }),
    conferencesByMunicipality: t.field({
      type: [MunicipalityConferencesRef],
      resolve: (b) => [...b.conferencesByMunicipality],
    }),
    supportersTrained: t.field({ type: IndicatorCell, resolve: (b) => b.supporters.trained }),
    supportersRegistered: t.field({ type: IndicatorCell, resolve: (b) => b.supporters.registered }),
  }),
});

const TargetRowRef = builder.objectRef<IndicatorTargetRow>('IndicatorTargetRow').implement({
  description: '目標と実績: a target of the fiscal year beside the figure of the period.',
  fields: (t) => ({
    indicator: t.exposeString('indicator', { description: 'section.key of the indicator row.' }),
    labelJa: t.exposeString('labelJa'),
    target: t.exposeInt('target'),
    actual: t.exposeInt('actual', { nullable: true, description: 'Null when suppressed.' }),
    rate: t.exposeFloat('rate', {
      nullable: true,
      description: '達成率 (1 = 100 %); null when the target is 0 or the actual suppressed.',
    }),
  }),
});

IndicatorReportRef.implement({
  description: 'モニタリング指標 for one period and scope.',
  fields: (t) => ({
    periodLabel: t.exposeString('periodLabel', { description: '令和5年度 etc.' }),
    start: t.field({ type: 'Date', resolve: (r) => r.range.start }),
    end: t.field({ type: 'Date', resolve: (r) => r.range.end }),
    publishing: t.exposeBoolean('publishing'),
    scope: t.field({ type: 'JSON', resolve: (r) => r.scope }),
    consultations: t.field({ type: groupTypes.IndicatorConsultations, resolve: (r) => r }),
    contacts: t.field({ type: groupTypes.IndicatorContacts, resolve: (r) => r }),
    reach: t.field({ type: groupTypes.IndicatorReach, resolve: (r) => r }),
    connections: t.field({ type: groupTypes.IndicatorConnections, resolve: (r) => r }),
    referrals: t.field({ type: groupTypes.IndicatorReferrals, resolve: (r) => r }),
    stageMoves: t.field({ type: groupTypes.IndicatorStageMoves, resolve: (r) => r }),
    anonymousConsultations: t.field({ type: groupTypes.IndicatorAnonymousConsultations, resolve: (r) => r }),
    groupAttendance: t.field({ type: groupTypes.IndicatorGroupAttendance, resolve: (r) => r }),
    conferences: t.field({ type: groupTypes.IndicatorConferences, resolve: (r) => r }),
    contactsByChannel: t.field({
      type: [ChannelCell],
      resolve: (r) => CHANNEL_KEYS.map((channel) => ({ channel, cell: r.contactsByChannel[channel] })),
    }),
    openCasesAtEnd: t.field({ type: IndicatorCell, resolve: (r) => r.stagesAtEnd.openCases }),
    stagesAtEnd: t.field({
      type: [StageCell],
      resolve: (r) => STAGE_KEYS.map((stage) => ({ stage, cell: r.stagesAtEnd.byStage[stage] })),
    }),
    rows: t.field({ type: [IndicatorRow], resolve: (r) => indicatorRows(r) }),
    breakdowns: t.field({ type: BreakdownsRef, resolve: (r) => r.breakdowns }),
    targets: t.field({ type: [TargetRowRef], resolve: (r) => [...r.targets] }),
  }),
});

export const ReportingPeriodInput = builder.inputType('ReportingPeriodInput', {
  description:
    'FISCAL_YEAR / FIRST_HALF / SECOND_HALF with fiscalYear; MONTH with month; RANGE with from and to.',
  fields: (t) => ({
    kind: t.field({ type: ReportingPeriodKind, required: true }),
    fiscalYear: t.int({ description: 'The calendar year the fiscal year starts in (2023 = 令和5年度).' }),
    month: t.string({ description: "MONTH: 'YYYY-MM'.", ...maxFormat('YYYY-MM'.length) }),
    from: t.field({ type: 'Date', description: 'RANGE: first day (included).' }),
    to: t.field({ type: 'Date', description: 'RANGE: last day (included); at most 366 days after from.' }),
  }),
});

export const IndicatorScopeInput = builder.inputType('IndicatorScopeInput', {
  description:
    "AGENCY (defaults to the actor's agency), MUNICIPALITY with municipalityCode, AREA with areaId (圏域), or ALL.",
  fields: (t) => ({
    kind: t.field({ type: IndicatorScopeKind, required: true }),
    agencyId: t.id(),
    municipalityCode: t.string(maxFormat(MUNICIPALITY_CODE_LENGTH)),
    areaId: t.id(),
  }),
});

export interface PeriodArgs {
  readonly kind: string;
  readonly fiscalYear?: number | null;
  readonly month?: string | null;
  readonly from?: string | null;
  readonly to?: string | null;
}

/** The core's period from GraphQL or query-string arguments; what is missing is named by the core's check. */
export function periodOf(period: PeriodArgs): IndicatorRequestInput['period'] {
  switch (period.kind) {
    case 'month':
      return { kind: 'month', month: period.month ?? '' };
    case 'range':
      return { kind: 'range', from: period.from ?? '', to: period.to ?? '' };
    default:
      return {
        kind: period.kind,
        fiscalYear: period.fiscalYear ?? Number.NaN,
      } as IndicatorRequestInput['period'];
  }
}

/** The core's indicator query from GraphQL arguments (shared with the CSV route). */
export function indicatorQueryOf(
  actorAgencyId: string,
  period: PeriodArgs,
  scope: {
    kind: string;
    agencyId?: string | number | null;
    municipalityCode?: string | null;
    areaId?: string | number | null;
  },
  publishing: boolean,
): IndicatorRequestInput {
  const scopeInput =
    scope.kind === 'agency'
      ? {
          kind: 'agency' as const,
          agencyId: scope.agencyId
            ? localId('Agency', String(scope.agencyId), 'scope.agencyId')
            : actorAgencyId,
        }
      : scope.kind === 'municipality'
        ? { kind: 'municipality' as const, municipalityCode: scope.municipalityCode ?? '' }
        : scope.kind === 'area'
          ? {
              kind: 'area' as const,
              areaId: scope.areaId ? recordIdOf('Area', scope.areaId, 'scope.areaId') : '',
            }
          : { kind: 'all' as const };
  return { period: periodOf(period), scope: scopeInput, publishing };
}

builder.queryField('indicators', (t) =>
  t.field({
    type: IndicatorReportRef,
    nullable: true,
    description:
      "Exact figures only for the actor's own agency; beyond it, publishing must be true (small counts suppressed).",
    args: {
      period: t.arg({ type: ReportingPeriodInput, required: true }),
      scope: t.arg({ type: IndicatorScopeInput, required: true }),
      publishing: t.arg.boolean({ required: true }),
    },
    resolve: (_root, args, ctx) =>
      read(() =>
        ctx.register.indicators.report(
          ctx.actor,
          indicatorQueryOf(ctx.actor.agencyId, args.period, args.scope, args.publishing),
        ),
      ),
  }),
);

const MunicipalityIndicatorsRef = builder
  .objectRef<MunicipalityIndicators>('MunicipalityIndicators')
  .implement({
    description: 'The figures of one municipality (市町村別), in publishing mode.',
    fields: (t) => ({
      municipalityCode: t.exposeString('municipalityCode'),
      report: t.field({ type: IndicatorReportRef, resolve: (m) => m.report }),
    }),
  });

builder.queryField('indicatorsByMunicipality', (t) =>
  t.field({
    type: [MunicipalityIndicatorsRef],
    description:
      "One report per municipality: those of a 圏域 (areaId), or every municipality of the actor's prefecture with cases or in a 圏域. Small counts suppressed.",
    args: {
      period: t.arg({ type: ReportingPeriodInput, required: true }),
      areaId: t.arg.id(),
    },
    resolve: (_root, args, ctx) =>
      read(() =>
        ctx.register.indicators.byMunicipality(ctx.actor, {
          period: periodOf(args.period),
          areaId: args.areaId ? recordIdOf('Area', args.areaId, 'areaId') : null,
        }),
      ),
  }),
);

const AreaRef = builder.objectRef<Area>('Area');
builder.node(AreaRef, {
  description: '圏域: a grouping of a prefecture’s municipalities for regional networks and reports.',
  id: { resolve: (a) => a.id },
  loadOne: (id, ctx) => lookedUpRecord(ctx.register.indicators.area(ctx.actor, id)),
  fields: (t) => ({
    prefectureCode: t.exposeString('prefectureCode'),
    name: t.exposeString('name'),
    municipalityCodes: t.exposeStringList('municipalityCodes'),
    version: t.exposeInt('version'),
  }),
});

const TargetIndicatorRef = builder
  .objectRef<(typeof TARGET_INDICATORS)[number]>('IndicatorTargetChoice')
  .implement({
    description: 'An indicator a target can be set for.',
    fields: (t) => ({
      indicator: t.exposeString('indicator'),
      labelJa: t.exposeString('labelJa'),
    }),
  });

builder.queryFields((t) => ({
  areas: t.field({
    type: [AreaRef],
    description: "圏域 of the actor's prefecture.",
    resolve: (_root, _args, ctx) => read(() => ctx.register.indicators.areas(ctx.actor).then((a) => [...a])),
  }),
  indicatorTargetChoices: t.field({
    type: [TargetIndicatorRef],
    description: 'Indicators a target can be set for, in report order.',
    resolve: () => [...TARGET_INDICATORS],
  }),
}));

const SaveAreaInput = builder.inputType('SaveAreaInput', {
  fields: (t) => ({
    id: t.id({ description: 'The 圏域 to change; none to define a new one.' }),
    name: t.string({ required: true, ...maxText('name') }),
    municipalityCodes: t.stringList({ required: true, ...maxFormat(MUNICIPALITY_CODE_LENGTH) }),
  }),
});

const SetIndicatorTargetInput = builder.inputType('SetIndicatorTargetInput', {
  fields: (t) => ({
    scope: t.field({ type: IndicatorScopeInput, required: true }),
    fiscalYear: t.int({ required: true }),
    indicator: t.string({
      required: true,
      description: 'section.key, see indicatorTargetChoices.',
      ...maxFormat(Math.max(...TARGET_INDICATORS.map((t) => t.indicator.length))),
    }),
    target: t.int({ required: true }),
  }),
});

const SaveAreaPayload = payloadType<Area>('SaveAreaPayload', 'The 圏域 as saved.', {
  area: { type: AreaRef, pick: (a) => a },
});

const IndicatorTargetRef = builder.objectRef<IndicatorTarget>('IndicatorTarget').implement({
  description: '目標値 of one indicator for one scope and fiscal year.',
  fields: (t) => ({
    scopeKey: t.exposeString('scopeKey'),
    fiscalYear: t.exposeInt('fiscalYear'),
    indicator: t.exposeString('indicator'),
    target: t.exposeInt('target'),
  }),
});

const SetIndicatorTargetPayload = payloadType<IndicatorTarget>(
  'SetIndicatorTargetPayload',
  'The target as recorded.',
  { target: { type: IndicatorTargetRef, pick: (x) => x } },
);

builder.mutationFields((t) => ({
  saveArea: t.field({
    type: SaveAreaPayload,
    description: '圏域 defined (no id) or changed, by the network administrator.',
    args: { input: t.arg({ type: SaveAreaInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      mutate(ctx, () =>
        ctx.register.indicators.saveArea(ctx.actor, input.id ? recordIdOf('Area', input.id, 'id') : null, {
          name: input.name,
          municipalityCodes: input.municipalityCodes,
        }),
      ),
  }),
  setIndicatorTarget: t.field({
    type: SetIndicatorTargetPayload,
    description:
      "目標値 for one indicator, fiscal year and scope: by the agency's admin for its own figures, by the network administrator otherwise.",
    args: { input: t.arg({ type: SetIndicatorTargetInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      mutate(ctx, () =>
        ctx.register.indicators.setTarget(
          ctx.actor,
          indicatorQueryOf(
            ctx.actor.agencyId,
            { kind: 'fiscalYear', fiscalYear: input.fiscalYear },
            input.scope,
            true,
          ).scope,
          { fiscalYear: input.fiscalYear, indicator: input.indicator, target: input.target },
        ),
      ),
  }),
}));
