import {
  type Cell,
  CHANNEL_KEYS,
  cellValue,
  type IndicatorQueryInput,
  type IndicatorReport,
  type IndicatorRow as IndicatorRowRecord,
  indicatorRows,
  isSuppressed,
  MUNICIPALITY_CODE_LENGTH,
  STAGE_KEYS,
} from '@hikikomori-register/core';
import { builder } from './builder.ts';
import { ContactChannel, IndicatorScopeKind, ReportingPeriodKind } from './enums.ts';
import { read } from './errors.ts';
import { localId } from './ids.ts';
import { maxFormat } from './max-length.ts';
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
  }),
});

export const ReportingPeriodInput = builder.inputType('ReportingPeriodInput', {
  fields: (t) => ({
    kind: t.field({ type: ReportingPeriodKind, required: true }),
    fiscalYear: t.int({
      required: true,
      description: 'The calendar year the fiscal year starts in (2023 = 令和5年度).',
    }),
  }),
});

export const IndicatorScopeInput = builder.inputType('IndicatorScopeInput', {
  description: "AGENCY (defaults to the actor's agency), MUNICIPALITY with municipalityCode, or ALL.",
  fields: (t) => ({
    kind: t.field({ type: IndicatorScopeKind, required: true }),
    agencyId: t.id(),
    municipalityCode: t.string(maxFormat(MUNICIPALITY_CODE_LENGTH)),
  }),
});

/** The core's indicator query from GraphQL arguments (shared with the CSV route). */
export function indicatorQueryOf(
  actorAgencyId: string,
  period: { kind: string; fiscalYear: number },
  scope: { kind: string; agencyId?: string | number | null; municipalityCode?: string | null },
  publishing: boolean,
): IndicatorQueryInput {
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
        : { kind: 'all' as const };
  return { period: period as IndicatorQueryInput['period'], scope: scopeInput, publishing };
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
