import { type AgencySector, agencySectorSchema, sectorOf } from '../agencies/agency-kind.ts';
import {
  type ConsultingPartyCategory,
  consultingPartyCategory,
  consultingPartyCategorySchema,
} from '../contacts/consulting-party.ts';
import { type ContactChannel, contactChannelSchema } from '../contacts/contact-vocabulary.ts';
import { AGE_BAND_ORDER, type AgeBand, ageBandOn } from '../persons/age-band.ts';
import { type CalendarDate, isWithin } from '../shared/dates.ts';
import { parseInput } from '../shared/errors.ts';
import { type DateRange, periodLabel, periodRange, type ReportingPeriod } from '../shared/fiscal-year.ts';
import type { CaseId, PersonId } from '../shared/ids.ts';
import { entryInForceOn, stageAt } from '../stages/stage-history.ts';
import { SUPPORT_STAGE_TRANSITIONS } from '../stages/stage-transitions.ts';
import { SUPPORT_STAGE_ORDER, type SupportStage } from '../stages/support-stage.ts';
import {
  breakdownCells,
  breakdownValues,
  countIndicatorBreakdowns,
  groupByCase,
  type IndicatorBreakdownCounts,
  type IndicatorBreakdowns,
  zeroCounts,
} from './indicator-breakdowns.ts';
import {
  type IndicatorCase,
  type IndicatorDataset,
  type IndicatorPerson,
  type IndicatorQueryInput,
  type IndicatorReferral,
  type IndicatorScope,
  type IndicatorStatusEntry,
  indicatorQuerySchema,
} from './indicator-input.ts';
import type { IndicatorTargetRow } from './indicator-targets.ts';
import { type Cell, type SuppressionRelation, suppressCells, unsuppressedCells } from './suppression.ts';

/**
 * Where a referral sent in the period stood on the period's last day. Counted as of the period end,
 * not as of the day the report is made, so a report for a closed period gives the same figures
 * whenever it is run (年度末時点).
 */
export const ReferralOutcomeKey = {
  Connected: 'connected', // つながった
  NotConnected: 'notConnected', // つながらなかった
  Declined: 'declined', // 辞退・受入不可
  Withdrawn: 'withdrawn', // 取下げ
  Pending: 'pending', // 期末時点で対応中（回答待ち・受理後）
} as const;
export type ReferralOutcomeKey = (typeof ReferralOutcomeKey)[keyof typeof ReferralOutcomeKey];
export const REFERRAL_OUTCOME_KEYS: readonly ReferralOutcomeKey[] = [
  'connected',
  'notConnected',
  'declined',
  'withdrawn',
  'pending',
];

/** The receiving agency's sector; `unknown` when the agency is not in the dataset. */
export type ReferralSectorKey = AgencySector | 'unknown';
export const REFERRAL_SECTOR_KEYS: readonly ReferralSectorKey[] = [...agencySectorSchema.options, 'unknown'];

/** `unknown`: open on the period's last day but no stage entry in force then (incomplete history). */
export type StageKey = SupportStage | 'unknown';
export const STAGE_KEYS: readonly StageKey[] = [...SUPPORT_STAGE_ORDER, 'unknown'];

export const CHANNEL_KEYS: readonly ContactChannel[] = contactChannelSchema.options;
export const CONSULTING_PARTY_KEYS: readonly ConsultingPartyCategory[] =
  consultingPartyCategorySchema.options;

/** The forward and back moves of the person's track, in the transition table's order. */
export const STAGE_MOVES: readonly {
  readonly from: SupportStage;
  readonly to: SupportStage;
  readonly direction: 'forward' | 'back';
}[] = SUPPORT_STAGE_TRANSITIONS.flatMap((t) =>
  t.from !== null && t.direction !== 'initial' ? [{ from: t.from, to: t.to, direction: t.direction }] : [],
);

export function stageMoveKey(from: SupportStage, to: SupportStage): string {
  return `${from}->${to}`;
}

export interface ReferralSectorRow {
  readonly total: Cell;
  readonly byOutcome: Readonly<Record<ReferralOutcomeKey, Cell>>;
}

export interface StageMoveCell {
  readonly from: SupportStage;
  readonly to: SupportStage;
  readonly direction: 'forward' | 'back';
  readonly count: Cell;
}

/** モニタリング指標 for one period and scope. Every count is a `Cell` (shown or suppressed). */
export interface IndicatorReport {
  readonly period: ReportingPeriod;
  readonly range: DateRange;
  /** 令和5年度 / 令和5年度上半期 / 令和5年度下半期. */
  readonly periodLabel: string;
  readonly scope: IndicatorScope;
  readonly publishing: boolean;
  /** 相談実件数 (cases with a contact in the period) = 新規 + 継続. */
  readonly consultations: {
    readonly cases: Cell;
    /** 新規相談: the case's first contact ever (within the scope) falls in the period. */
    readonly newCases: Cell;
    /** 継続相談: a contact in the period, the first contact earlier. */
    readonly continuingCases: Cell;
  };
  readonly contacts: {
    /** 延べ件数: every contact in the period. */
    readonly total: Cell;
    /** 実人数: distinct persons the contacts were about. */
    readonly people: Cell;
  };
  readonly contactsByChannel: Readonly<Record<ContactChannel, Cell>>;
  readonly contactsByConsultingParty: Readonly<Record<ConsultingPartyCategory, Cell>>;
  /** By the PERSON's age band on the contact date, whoever consulted. */
  readonly contactsByAgeBand: Readonly<Record<AgeBand, Cell>>;
  /** Persons (実人数) split by whether the person themself was reached in the period. */
  readonly reach: {
    readonly reached: Cell;
    /** Contacts in the period, none with the person reached (family, agencies, attempts). */
    readonly familyOnly: Cell;
  };
  /** 居場所等の支援につながった件数 (cases). A case connected both ways counts once in `cases`. */
  readonly connections: {
    readonly cases: Cell;
    /** Attended a place in the period. */
    readonly toPlace: Cell;
    /** A referral completed `connected` in the period. */
    readonly toAgency: Cell;
  };
  /** Referrals sent in the period by receiving sector × outcome at the period end. */
  readonly referrals: {
    readonly total: Cell;
    /** 再紹介: referrals that follow a declined one. */
    readonly reReferrals: Cell;
    readonly bySector: Readonly<Record<ReferralSectorKey, ReferralSectorRow>>;
    readonly byOutcome: Readonly<Record<ReferralOutcomeKey, Cell>>;
  };
  /** Cases open on the period's last day, by the person's stage that day. */
  readonly stagesAtEnd: {
    readonly openCases: Cell;
    readonly byStage: Readonly<Record<StageKey, Cell>>;
  };
  /** Stage moves effective in the period. */
  readonly stageMoves: {
    readonly total: Cell;
    readonly forward: Cell;
    readonly back: Cell;
    readonly byMove: readonly StageMoveCell[];
  };
  /** 匿名相談 (no case opened): 延べ件数 only, since nobody is identified. */
  readonly anonymousConsultations: {
    readonly total: Cell;
    readonly byChannel: Readonly<Record<ContactChannel, Cell>>;
    readonly byConsultingParty: Readonly<Record<ConsultingPartyCategory, Cell>>;
    /** By the person's age band as told; `unknown` when not told. */
    readonly byAgeBand: Readonly<Record<AgeBand, Cell>>;
  };
  /** 居場所・家族教室等の参加者数 at sessions in the period. */
  readonly groupAttendance: {
    /** 延べ参加者数 = registered + unregistered persons + unregistered family members. */
    readonly total: Cell;
    /** 延べ: attendances of registered cases. */
    readonly registered: Cell;
    /** 実人数 where known: registered cases that attended at least once. */
    readonly registeredCases: Cell;
    readonly unregisteredPersons: Cell;
    readonly unregisteredFamily: Cell;
  };
  /** ケース会議・支援会議の開催 in the period. */
  readonly conferences: {
    readonly held: Cell;
    /** 延べ検討ケース数. */
    readonly casesDiscussed: Cell;
  };
  /** The breakdowns of the prefectural tables (see indicator-breakdowns.ts). */
  readonly breakdowns: IndicatorBreakdowns;
  /** 目標と実績: the targets recorded for the period's fiscal year and scope (see indicator-targets.ts). */
  readonly targets: readonly IndicatorTargetRow[];
}

/** Cell keys: `section.key`; the same strings name the rows of `indicatorRows`. */
const K = {
  cases: 'consultations.cases',
  newCases: 'consultations.newCases',
  continuingCases: 'consultations.continuingCases',
  contactsTotal: 'contacts.total',
  people: 'contacts.people',
  channel: (c: ContactChannel) => `contactsByChannel.${c}`,
  party: (p: ConsultingPartyCategory) => `contactsByConsultingParty.${p}`,
  ageBand: (b: AgeBand) => `contactsByAgeBand.${b}`,
  reached: 'reach.reached',
  familyOnly: 'reach.familyOnly',
  connected: 'connections.cases',
  toPlace: 'connections.toPlace',
  toAgency: 'connections.toAgency',
  referrals: 'referrals.total',
  reReferrals: 'referrals.reReferrals',
  sectorTotal: (s: ReferralSectorKey) => `referralsBySector.${s}.total`,
  sectorOutcome: (s: ReferralSectorKey, o: ReferralOutcomeKey) => `referralsBySector.${s}.${o}`,
  outcome: (o: ReferralOutcomeKey) => `referralsByOutcome.${o}`,
  openCases: 'stagesAtEnd.openCases',
  stage: (s: StageKey) => `stagesAtEnd.${s}`,
  moves: 'stageMoves.total',
  forward: 'stageMoves.forward',
  back: 'stageMoves.back',
  move: (from: SupportStage, to: SupportStage) => `stageMoves.${stageMoveKey(from, to)}`,
  anonymous: 'anonymousConsultations.total',
  anonymousChannel: (c: ContactChannel) => `anonymousByChannel.${c}`,
  anonymousParty: (p: ConsultingPartyCategory) => `anonymousByConsultingParty.${p}`,
  anonymousAgeBand: (b: AgeBand) => `anonymousByAgeBand.${b}`,
  groupTotal: 'groupAttendance.total',
  groupRegistered: 'groupAttendance.registered',
  groupRegisteredCases: 'groupAttendance.registeredCases',
  groupPersons: 'groupAttendance.unregisteredPersons',
  groupFamily: 'groupAttendance.unregisteredFamily',
  conferencesHeld: 'conferences.held',
  casesDiscussed: 'conferences.casesDiscussed',
};

/**
 * The counts every figure is made of, before totals, derived figures and suppression. A repository
 * may compute them in the database (SQL aggregation) and hand them to `reportIndicators`; the result
 * must equal `countIndicators` over the same records (the gateway's tests check it).
 */
export interface IndicatorCounts {
  /** Cases with a contact in the period (実件数). */
  readonly casesContacted: number;
  /** Of those, cases whose first contact in scope falls in the period (新規). */
  readonly newCases: number;
  /** 延べ件数. */
  readonly contacts: number;
  /** 実人数. */
  readonly people: number;
  /** Persons reached at least once in the period. */
  readonly reachedPeople: number;
  readonly byChannel: Readonly<Record<ContactChannel, number>>;
  readonly byConsultingParty: Readonly<Record<ConsultingPartyCategory, number>>;
  readonly byAgeBand: Readonly<Record<AgeBand, number>>;
  readonly connectedCases: number;
  readonly connectedToPlace: number;
  readonly connectedToAgency: number;
  readonly referrals: Readonly<Record<ReferralSectorKey, Readonly<Record<ReferralOutcomeKey, number>>>>;
  readonly reReferrals: number;
  /** Cases open on the period's last day, by stage then. */
  readonly stagesAtEnd: Readonly<Record<StageKey, number>>;
  /** Stage moves effective in the period, by `stageMoveKey(from, to)` of `STAGE_MOVES`. */
  readonly stageMoves: Readonly<Record<string, number>>;
  readonly anonymous: {
    readonly byChannel: Readonly<Record<ContactChannel, number>>;
    readonly byConsultingParty: Readonly<Record<ConsultingPartyCategory, number>>;
    readonly byAgeBand: Readonly<Record<AgeBand, number>>;
  };
  readonly groupAttendance: {
    readonly registered: number;
    readonly registeredCases: number;
    readonly unregisteredPersons: number;
    readonly unregisteredFamily: number;
  };
  readonly conferences: { readonly held: number; readonly casesDiscussed: number };
  readonly breakdowns: IndicatorBreakdownCounts;
}

/**
 * 指標の集計. Validates the query (`ValidationError` naming the field); the dataset is taken as stored
 * records. With `publishing`, counts of 1–2 are suppressed together with the cells that would give
 * them away (see suppression.ts).
 */
export function computeIndicators(
  dataset: IndicatorDataset,
  queryInput: IndicatorQueryInput,
): IndicatorReport {
  const query = parseInput(indicatorQuerySchema, queryInput);
  return reportIndicators(countIndicators(dataset, query), query);
}

/** The counts of `IndicatorCounts` from records in memory. */
export function countIndicators(dataset: IndicatorDataset, queryInput: IndicatorQueryInput): IndicatorCounts {
  const query = parseInput(indicatorQuerySchema, queryInput);
  const range = periodRange(query.period);
  const scope: IndicatorScope = query.scope;

  const casesById = new Map(dataset.cases.map((c) => [c.id, c]));
  const personsById = new Map(dataset.persons.map((p) => [p.id, p]));
  const scopedCases = dataset.cases.filter((c) => caseInScope(c, scope));
  const scopedCaseIds = new Set(scopedCases.map((c) => c.id));

  // --- Contacts ---------------------------------------------------------------------------------
  const contacts = dataset.contacts.filter((c) =>
    scope.kind === 'agency'
      ? c.agencyId === scope.agencyId
      : scope.kind === 'all' || scopedCaseIds.has(c.caseId),
  );
  const firstContactOn = new Map<CaseId, CalendarDate>();
  for (const c of contacts) {
    const first = firstContactOn.get(c.caseId);
    if (first === undefined || c.occurredOn < first) firstContactOn.set(c.caseId, c.occurredOn);
  }
  const inPeriod = contacts.filter((c) => isWithin(c.occurredOn, range));
  const personOfCase = (caseId: CaseId): IndicatorPerson | undefined => {
    const personId = casesById.get(caseId)?.personId;
    return personId === undefined ? undefined : personsById.get(personId);
  };
  // A contact on a case missing from the dataset still stands for someone: key it by the case.
  const personKey = (caseId: CaseId): PersonId => casesById.get(caseId)?.personId ?? `case:${caseId}`;

  const casesContacted = new Set(inPeriod.map((c) => c.caseId));
  let newCases = 0;
  for (const caseId of casesContacted)
    if ((firstContactOn.get(caseId) ?? range.start) >= range.start) newCases++;

  const reachedPeople = new Set<PersonId>();
  const people = new Set<PersonId>();
  const byChannel = zeroCounts(CHANNEL_KEYS);
  const byParty = zeroCounts(CONSULTING_PARTY_KEYS);
  const byAge = zeroCounts(AGE_BAND_ORDER);
  for (const c of inPeriod) {
    const person = personOfCase(c.caseId);
    const key = personKey(c.caseId);
    people.add(key);
    if (c.personContact === 'reached') reachedPeople.add(key);
    byChannel[c.channel]++;
    byParty[consultingPartyCategory(c.consultingParty, person?.household ?? [])]++;
    byAge[person ? ageBandOn(person, c.occurredOn) : 'unknown']++;
  }

  // --- Connections (cases in scope) --------------------------------------------------------------
  const toPlace = new Set<CaseId>();
  for (const a of dataset.placeAttendances)
    if (scopedCaseIds.has(a.caseId) && isWithin(a.attendedOn, range)) toPlace.add(a.caseId);
  const toAgency = new Set<CaseId>();
  for (const r of dataset.referrals) {
    if (!scopedCaseIds.has(r.caseId) || r.status !== 'completed' || r.outcome !== 'connected') continue;
    const on = completedOn(r);
    if (on !== null && isWithin(on, range)) toAgency.add(r.caseId);
  }

  // --- Referrals sent in the period ---------------------------------------------------------------
  const sectorOfAgency = new Map(dataset.agencies.map((a) => [a.id, sectorOf(a.kind)]));
  const referrals = dataset.referrals.filter(
    (r) =>
      isWithin(r.sentOn, range) &&
      (scope.kind === 'agency'
        ? r.fromAgencyId === scope.agencyId
        : scope.kind === 'all' || scopedCaseIds.has(r.caseId)),
  );
  const table = Object.fromEntries(
    REFERRAL_SECTOR_KEYS.map((sector) => [sector, zeroCounts(REFERRAL_OUTCOME_KEYS)]),
  ) as Record<ReferralSectorKey, Record<ReferralOutcomeKey, number>>;
  for (const r of referrals)
    table[sectorOfAgency.get(r.toAgencyId) ?? 'unknown'][referralOutcomeOn(r, range.end)]++;

  // --- Stages -------------------------------------------------------------------------------------
  const stagesByCase = groupByCase(dataset.stageHistory);
  const statusesByCase = groupByCase(dataset.statusHistory);
  const byStage = zeroCounts(STAGE_KEYS);
  for (const c of scopedCases) {
    if (!isOpenOn(c, statusesByCase.get(c.id) ?? [], range.end)) continue;
    byStage[stageAt(stagesByCase.get(c.id) ?? [], range.end) ?? 'unknown']++;
  }
  const byMove = zeroCounts(STAGE_MOVES.map((m) => stageMoveKey(m.from, m.to)));
  for (const c of scopedCases)
    for (const e of stagesByCase.get(c.id) ?? []) {
      if (e.direction === 'initial' || e.from === null || !isWithin(e.effectiveOn, range)) continue;
      const key = stageMoveKey(e.from, e.to);
      // Only moves of the transition table are counted (a consistent history has no others).
      if (key in byMove) byMove[key] = (byMove[key] ?? 0) + 1;
    }

  // --- Records without a case ------------------------------------------------------------------------
  const anonymous = {
    byChannel: zeroCounts(CHANNEL_KEYS),
    byConsultingParty: zeroCounts(CONSULTING_PARTY_KEYS),
    byAgeBand: zeroCounts(AGE_BAND_ORDER),
  };
  for (const a of dataset.anonymousConsultations) {
    if (!isWithin(a.occurredOn, range) || !ownedInScope(a.agencyId, a.municipalityCode, scope)) continue;
    anonymous.byChannel[a.channel]++;
    anonymous.byConsultingParty[a.consultingParty]++;
    anonymous.byAgeBand[a.ageBand]++;
  }
  const placesInScope = new Set(
    dataset.places.filter((p) => ownedInScope(p.agencyId, p.municipalityCode, scope)).map((p) => p.id),
  );
  const attended = dataset.placeAttendances.filter(
    (a) => placesInScope.has(a.placeId) && isWithin(a.attendedOn, range),
  );
  const headcounts = dataset.sessionHeadcounts.filter(
    (h) => placesInScope.has(h.placeId) && isWithin(h.heldOn, range),
  );
  const municipalityOf = new Map(dataset.agencies.map((a) => [a.id, a.municipalityCode ?? null]));
  const conferences = dataset.conferences.filter(
    (c) =>
      isWithin(c.heldOn, range) &&
      ownedInScope(c.organiserAgencyId, municipalityOf.get(c.organiserAgencyId) ?? null, scope),
  );

  const breakdowns = countIndicatorBreakdowns(dataset, {
    range,
    scope,
    scopedCases,
    contactsInPeriod: inPeriod,
    inScope: (agencyId, municipalityCode) => ownedInScope(agencyId, municipalityCode, scope),
    isOpenAtEnd: (c) => isOpenOn(c, statusesByCase.get(c.id) ?? [], range.end),
  });

  return {
    anonymous,
    breakdowns,
    groupAttendance: {
      registered: attended.length,
      registeredCases: new Set(attended.map((a) => a.caseId)).size,
      unregisteredPersons: headcounts.reduce((n, h) => n + h.persons, 0),
      unregisteredFamily: headcounts.reduce((n, h) => n + h.familyMembers, 0),
    },
    conferences: {
      held: conferences.length,
      casesDiscussed: conferences.reduce((n, c) => n + c.caseCount, 0),
    },
    casesContacted: casesContacted.size,
    newCases,
    contacts: inPeriod.length,
    people: people.size,
    reachedPeople: reachedPeople.size,
    byChannel,
    byConsultingParty: byParty,
    byAgeBand: byAge,
    connectedCases: new Set([...toPlace, ...toAgency]).size,
    connectedToPlace: toPlace.size,
    connectedToAgency: toAgency.size,
    referrals: table,
    reReferrals: referrals.filter((r) => r.previousReferralId !== null).length,
    stagesAtEnd: byStage,
    stageMoves: byMove,
  };
}

/** Totals, derived figures, suppression (when publishing) and labels, from the counts. */
export function reportIndicators(counts: IndicatorCounts, queryInput: IndicatorQueryInput): IndicatorReport {
  const query = parseInput(indicatorQuerySchema, queryInput);
  const range = periodRange(query.period);
  const values: Record<string, number> = {};
  const relations: SuppressionRelation[] = [];
  const relate = (total: string, parts: readonly string[]) => relations.push({ total, parts });
  const put = <T extends string>(
    keys: readonly T[],
    from: Readonly<Record<T, number>>,
    keyOf: (k: T) => string,
  ) => {
    for (const k of keys) values[keyOf(k)] = from[k] ?? 0;
  };

  values[K.cases] = counts.casesContacted;
  values[K.newCases] = counts.newCases;
  values[K.continuingCases] = counts.casesContacted - counts.newCases;
  relate(K.cases, [K.newCases, K.continuingCases]);

  values[K.contactsTotal] = counts.contacts;
  values[K.people] = counts.people;
  put(CHANNEL_KEYS, counts.byChannel, K.channel);
  put(CONSULTING_PARTY_KEYS, counts.byConsultingParty, K.party);
  put(AGE_BAND_ORDER, counts.byAgeBand, K.ageBand);
  relate(K.contactsTotal, CHANNEL_KEYS.map(K.channel));
  relate(K.contactsTotal, CONSULTING_PARTY_KEYS.map(K.party));
  relate(K.contactsTotal, AGE_BAND_ORDER.map(K.ageBand));
  values[K.reached] = counts.reachedPeople;
  values[K.familyOnly] = counts.people - counts.reachedPeople;
  relate(K.people, [K.reached, K.familyOnly]);

  values[K.connected] = counts.connectedCases;
  values[K.toPlace] = counts.connectedToPlace;
  values[K.toAgency] = counts.connectedToAgency;

  let referralTotal = 0;
  for (const s of REFERRAL_SECTOR_KEYS) {
    let rowTotal = 0;
    for (const o of REFERRAL_OUTCOME_KEYS) {
      const n = counts.referrals[s]?.[o] ?? 0;
      values[K.sectorOutcome(s, o)] = n;
      rowTotal += n;
    }
    values[K.sectorTotal(s)] = rowTotal;
    referralTotal += rowTotal;
    relate(
      K.sectorTotal(s),
      REFERRAL_OUTCOME_KEYS.map((o) => K.sectorOutcome(s, o)),
    );
  }
  values[K.referrals] = referralTotal;
  values[K.reReferrals] = counts.reReferrals;
  for (const o of REFERRAL_OUTCOME_KEYS) {
    values[K.outcome(o)] = REFERRAL_SECTOR_KEYS.reduce(
      (sum, s) => sum + (values[K.sectorOutcome(s, o)] ?? 0),
      0,
    );
    relate(
      K.outcome(o),
      REFERRAL_SECTOR_KEYS.map((s) => K.sectorOutcome(s, o)),
    );
  }
  relate(K.referrals, REFERRAL_SECTOR_KEYS.map(K.sectorTotal));
  relate(K.referrals, REFERRAL_OUTCOME_KEYS.map(K.outcome));

  put(STAGE_KEYS, counts.stagesAtEnd, K.stage);
  values[K.openCases] = STAGE_KEYS.reduce((sum, k) => sum + (counts.stagesAtEnd[k] ?? 0), 0);
  relate(K.openCases, STAGE_KEYS.map(K.stage));

  let forward = 0;
  let back = 0;
  for (const m of STAGE_MOVES) {
    const n = counts.stageMoves[stageMoveKey(m.from, m.to)] ?? 0;
    values[K.move(m.from, m.to)] = n;
    if (m.direction === 'forward') forward += n;
    else back += n;
  }
  values[K.moves] = forward + back;
  values[K.forward] = forward;
  values[K.back] = back;
  relate(K.moves, [K.forward, K.back]);
  for (const [total, direction] of [
    [K.forward, 'forward'],
    [K.back, 'back'],
  ] as const)
    relate(
      total,
      STAGE_MOVES.filter((m) => m.direction === direction).map((m) => K.move(m.from, m.to)),
    );

  put(CHANNEL_KEYS, counts.anonymous.byChannel, K.anonymousChannel);
  put(CONSULTING_PARTY_KEYS, counts.anonymous.byConsultingParty, K.anonymousParty);
  put(AGE_BAND_ORDER, counts.anonymous.byAgeBand, K.anonymousAgeBand);
  values[K.anonymous] = CHANNEL_KEYS.reduce((sum, k) => sum + (counts.anonymous.byChannel[k] ?? 0), 0);
  relate(K.anonymous, CHANNEL_KEYS.map(K.anonymousChannel));
  relate(K.anonymous, CONSULTING_PARTY_KEYS.map(K.anonymousParty));
  relate(K.anonymous, AGE_BAND_ORDER.map(K.anonymousAgeBand));

  const group = counts.groupAttendance;
  values[K.groupRegistered] = group.registered;
  values[K.groupRegisteredCases] = group.registeredCases;
  values[K.groupPersons] = group.unregisteredPersons;
  values[K.groupFamily] = group.unregisteredFamily;
  values[K.groupTotal] = group.registered + group.unregisteredPersons + group.unregisteredFamily;
  relate(K.groupTotal, [K.groupRegistered, K.groupPersons, K.groupFamily]);

  values[K.conferencesHeld] = counts.conferences.held;
  values[K.casesDiscussed] = counts.conferences.casesDiscussed;
  breakdownValues(counts.breakdowns, values, relations, {
    people: K.people,
    openCases: K.openCases,
    conferencesHeld: K.conferencesHeld,
    casesDiscussed: K.casesDiscussed,
    groupTotal: K.groupTotal,
    groupRegistered: K.groupRegistered,
    groupPersons: K.groupPersons,
    groupFamily: K.groupFamily,
  });

  // --- Cells --------------------------------------------------------------------------------------
  const scope: IndicatorScope = query.scope;
  const cells = query.publishing ? suppressCells(values, relations) : unsuppressedCells(values);
  const cell = (key: string): Cell => {
    const c = cells[key];
    if (!c) throw new RangeError(`no indicator cell ${key}`);
    return c;
  };
  const record = <T extends string>(keys: readonly T[], keyOf: (k: T) => string): Record<T, Cell> =>
    Object.fromEntries(keys.map((k) => [k, cell(keyOf(k))])) as Record<T, Cell>;

  return {
    period: query.period,
    range,
    periodLabel: periodLabel(query.period),
    scope,
    publishing: query.publishing,
    consultations: {
      cases: cell(K.cases),
      newCases: cell(K.newCases),
      continuingCases: cell(K.continuingCases),
    },
    contacts: { total: cell(K.contactsTotal), people: cell(K.people) },
    contactsByChannel: record(CHANNEL_KEYS, K.channel),
    contactsByConsultingParty: record(CONSULTING_PARTY_KEYS, K.party),
    contactsByAgeBand: record(AGE_BAND_ORDER, K.ageBand),
    reach: { reached: cell(K.reached), familyOnly: cell(K.familyOnly) },
    connections: { cases: cell(K.connected), toPlace: cell(K.toPlace), toAgency: cell(K.toAgency) },
    referrals: {
      total: cell(K.referrals),
      reReferrals: cell(K.reReferrals),
      bySector: Object.fromEntries(
        REFERRAL_SECTOR_KEYS.map((s) => [
          s,
          {
            total: cell(K.sectorTotal(s)),
            byOutcome: record(REFERRAL_OUTCOME_KEYS, (o) => K.sectorOutcome(s, o)),
          },
        ]),
      ) as Record<ReferralSectorKey, ReferralSectorRow>,
      byOutcome: record(REFERRAL_OUTCOME_KEYS, K.outcome),
    },
    stagesAtEnd: { openCases: cell(K.openCases), byStage: record(STAGE_KEYS, K.stage) },
    stageMoves: {
      total: cell(K.moves),
      forward: cell(K.forward),
      back: cell(K.back),
      byMove: STAGE_MOVES.map((m) => ({ ...m, count: cell(K.move(m.from, m.to)) })),
    },
    anonymousConsultations: {
      total: cell(K.anonymous),
      byChannel: record(CHANNEL_KEYS, K.anonymousChannel),
      byConsultingParty: record(CONSULTING_PARTY_KEYS, K.anonymousParty),
      byAgeBand: record(AGE_BAND_ORDER, K.anonymousAgeBand),
    },
    groupAttendance: {
      total: cell(K.groupTotal),
      registered: cell(K.groupRegistered),
      registeredCases: cell(K.groupRegisteredCases),
      unregisteredPersons: cell(K.groupPersons),
      unregisteredFamily: cell(K.groupFamily),
    },
    conferences: { held: cell(K.conferencesHeld), casesDiscussed: cell(K.casesDiscussed) },
    breakdowns: breakdownCells(counts.breakdowns, cell),
    targets: [],
  };
}

function caseInScope(c: IndicatorCase, scope: IndicatorScope): boolean {
  switch (scope.kind) {
    case 'agency':
      return c.leadAgencyId === scope.agencyId || c.supportingAgencyIds.includes(scope.agencyId);
    case 'municipality':
      return c.municipalityCode === scope.municipalityCode;
    case 'area':
      return scope.municipalityCodes.includes(c.municipalityCode);
    case 'all':
      return true;
  }
}

/** A record without a case in scope: by the agency that holds it, or by its municipality. */
function ownedInScope(agencyId: string, municipalityCode: string | null, scope: IndicatorScope): boolean {
  switch (scope.kind) {
    case 'agency':
      return agencyId === scope.agencyId;
    case 'municipality':
      return municipalityCode === scope.municipalityCode;
    case 'area':
      return municipalityCode !== null && scope.municipalityCodes.includes(municipalityCode);
    case 'all':
      return true;
  }
}

/**
 * Open (支援中・小休止・連絡途絶: anything but closed) on `date`. From the status history when the case
 * has one; otherwise from the record's current status, which can only say whether it closed by then.
 */
export function isOpenOn(
  c: Pick<IndicatorCase, 'openedOn' | 'status'>,
  statusHistory: readonly IndicatorStatusEntry[],
  date: CalendarDate,
): boolean {
  if (c.openedOn > date) return false;
  if (statusHistory.length > 0) {
    const entry = entryInForceOn(statusHistory, date);
    return entry !== undefined && entry.to !== 'closed';
  }
  return !(c.status.state === 'closed' && c.status.since <= date);
}

/** Where a referral stood on `date`, from its status history (the record itself when it has none). */
export function referralOutcomeOn(
  r: Pick<IndicatorReferral, 'status' | 'outcome' | 'history'>,
  date: CalendarDate,
): ReferralOutcomeKey {
  let status = r.history.length === 0 ? r.status : null;
  for (const h of r.history) if (h.on <= date) status = h.to;
  switch (status) {
    case 'completed':
      return r.outcome ?? 'pending';
    case 'declined':
      return 'declined';
    case 'withdrawn':
      return 'withdrawn';
    default:
      return 'pending';
  }
}

function completedOn(r: Pick<IndicatorReferral, 'completedOn' | 'history'>): CalendarDate | null {
  return r.completedOn ?? r.history.find((h) => h.to === 'completed')?.on ?? null;
}
