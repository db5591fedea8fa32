import { type ClosureReason, closureReasonSchema } from '../case-status/case-status.ts';
import { type ContactContent, contactContentSchema } from '../contacts/contact-vocabulary.ts';
import { AGE_BAND_ORDER, type AgeBand, ageBandOn } from '../persons/age-band.ts';
import { type Sex, sexSchema } from '../persons/person.ts';
import { type PlaceKind, placeKindSchema } from '../programmes/place.ts';
import { isWithin } from '../shared/dates.ts';
import type { DateRange } from '../shared/fiscal-year.ts';
import type { CaseId, PersonId } from '../shared/ids.ts';
import { stageAt } from '../stages/stage-history.ts';
import { FAMILY_STAGE_ORDER, type FamilyStage } from '../stages/support-stage.ts';
import type {
  IndicatorCase,
  IndicatorContact,
  IndicatorDataset,
  IndicatorScope,
  IndicatorStatusEntry,
} from './indicator-input.ts';
import type { Cell, SuppressionRelation } from './suppression.ts';

/**
 * Breakdowns the prefectural tables ask for (実人数 by sex and age, 相談内容, the family track,
 * 終結理由, participants by kind of place, conferences per municipality, ひきこもりサポーター).
 */

export const SEX_KEYS: readonly Sex[] = sexSchema.options;
export const CONTENT_KEYS: readonly ContactContent[] = contactContentSchema.options;
export const CLOSURE_REASON_KEYS: readonly ClosureReason[] = closureReasonSchema.options;
export const PLACE_KIND_KEYS: readonly PlaceKind[] = placeKindSchema.options;
/** `none`: open on the period's last day with no family track then (家族支援なし). */
export type FamilyStageKey = FamilyStage | 'none';
export const FAMILY_STAGE_KEYS: readonly FamilyStageKey[] = [...FAMILY_STAGE_ORDER, 'none'];
/** 就労・就学 etc.: the closure reasons that are an outcome the person reached (進路). */
export const OUTCOME_CLOSURE_REASONS: readonly ClosureReason[] = ['work', 'study', 'selfChosenPath'];

export interface PlaceKindAttendanceCounts {
  /** 延べ: attendances of registered cases. */
  readonly registered: number;
  readonly unregisteredPersons: number;
  readonly unregisteredFamily: number;
}

export interface MunicipalityConferenceCounts {
  /** The organiser's municipality; null when the organising agency has none recorded. */
  readonly municipalityCode: string | null;
  readonly held: number;
  readonly casesDiscussed: number;
}

export interface IndicatorBreakdownCounts {
  /**
   * 実人数 (the persons of `contacts.people`) by sex × age band. The age is taken on the period's last
   * day (期末時点), so a person falls in one band for the whole table, whatever the contact dates.
   */
  readonly peopleBySexAge: Readonly<Record<Sex, Readonly<Record<AgeBand, number>>>>;
  /** 延べ contacts in the period by 相談内容; a contact about several contents counts in each. */
  readonly contactsByContent: Readonly<Record<ContactContent, number>>;
  /** Cases open on the period's last day by the family's stage then (家族支援の段階). */
  readonly familyStagesAtEnd: Readonly<Record<FamilyStageKey, number>>;
  /** 終結: closures effective in the period (延べ: a case closed twice counts twice), by reason. */
  readonly closuresByReason: Readonly<Record<ClosureReason, number>>;
  /** 居場所・家族教室等 延べ participants in the period by the kind of place. */
  readonly attendanceByPlaceKind: Readonly<Record<PlaceKind, PlaceKindAttendanceCounts>>;
  /** Conferences held in the period by the organiser's municipality, codes ascending (none last). */
  readonly conferencesByMunicipality: readonly MunicipalityConferenceCounts[];
  /** ひきこもりサポーター whose training ended / who were registered in the period. */
  readonly supporters: { readonly trained: number; readonly registered: number };
}

/** What the breakdowns need besides the dataset: the scoping rules of `countIndicators`. */
export interface BreakdownContext {
  readonly range: DateRange;
  readonly scope: IndicatorScope;
  readonly scopedCases: readonly IndicatorCase[];
  /** Non-voided contacts in the period, in scope. */
  readonly contactsInPeriod: readonly IndicatorContact[];
  readonly inScope: (agencyId: string, municipalityCode: string | null) => boolean;
  readonly isOpenAtEnd: (c: IndicatorCase) => boolean;
}

export function countIndicatorBreakdowns(
  dataset: IndicatorDataset,
  context: BreakdownContext,
): IndicatorBreakdownCounts {
  const { range } = context;
  const casesById = new Map(dataset.cases.map((c) => [c.id, c]));
  const personsById = new Map(dataset.persons.map((p) => [p.id, p]));

  const peopleBySexAge = Object.fromEntries(SEX_KEYS.map((s) => [s, zeroCounts(AGE_BAND_ORDER)])) as Record<
    Sex,
    Record<AgeBand, number>
  >;
  const seen = new Set<PersonId>();
  const contactsByContent = zeroCounts(CONTENT_KEYS);
  for (const k of context.contactsInPeriod) {
    for (const content of new Set(k.contents)) contactsByContent[content]++;
    const personId = casesById.get(k.caseId)?.personId ?? `case:${k.caseId}`;
    if (seen.has(personId)) continue;
    seen.add(personId);
    const person = personsById.get(personId);
    peopleBySexAge[person?.sex ?? 'unknown'][person ? ageBandOn(person, range.end) : 'unknown']++;
  }

  const familyByCase = groupByCase(dataset.familyStageHistory);
  const familyStagesAtEnd = zeroCounts(FAMILY_STAGE_KEYS);
  for (const c of context.scopedCases)
    if (context.isOpenAtEnd(c))
      familyStagesAtEnd[stageAt(familyByCase.get(c.id) ?? [], range.end) ?? 'none']++;

  const closuresByReason = zeroCounts(CLOSURE_REASON_KEYS);
  const statusesByCase = groupByCase(dataset.statusHistory);
  for (const c of context.scopedCases) {
    const history = statusesByCase.get(c.id) ?? [];
    for (const reason of closuresIn(c, history, range)) closuresByReason[reason]++;
  }

  const placeKind = new Map(
    dataset.places.filter((p) => context.inScope(p.agencyId, p.municipalityCode)).map((p) => [p.id, p.kind]),
  );
  const attendance = Object.fromEntries(
    PLACE_KIND_KEYS.map((k) => [k, { registered: 0, unregisteredPersons: 0, unregisteredFamily: 0 }]),
  ) as Record<PlaceKind, { registered: number; unregisteredPersons: number; unregisteredFamily: number }>;
  for (const a of dataset.placeAttendances) {
    const kind = placeKind.get(a.placeId);
    if (kind && isWithin(a.attendedOn, range)) attendance[kind].registered++;
  }
  for (const h of dataset.sessionHeadcounts) {
    const kind = placeKind.get(h.placeId);
    if (!kind || !isWithin(h.heldOn, range)) continue;
    attendance[kind].unregisteredPersons += h.persons;
    attendance[kind].unregisteredFamily += h.familyMembers;
  }

  const municipalityOf = new Map(dataset.agencies.map((a) => [a.id, a.municipalityCode ?? null]));
  const byMunicipality = new Map<string | null, { held: number; casesDiscussed: number }>();
  for (const f of dataset.conferences) {
    const code = municipalityOf.get(f.organiserAgencyId) ?? null;
    if (!isWithin(f.heldOn, range) || !context.inScope(f.organiserAgencyId, code)) continue;
    const row = byMunicipality.get(code) ?? { held: 0, casesDiscussed: 0 };
    row.held++;
    row.casesDiscussed += f.caseCount;
    byMunicipality.set(code, row);
  }

  const supporters = dataset.supporters.filter((s) => context.inScope(s.agencyId, s.municipalityCode));
  return {
    peopleBySexAge,
    contactsByContent,
    familyStagesAtEnd,
    closuresByReason,
    attendanceByPlaceKind: attendance,
    conferencesByMunicipality: sortByMunicipality(
      [...byMunicipality].map(([municipalityCode, row]) => ({ municipalityCode, ...row })),
    ),
    supporters: {
      trained: supporters.filter((s) => isWithin(s.trainedOn, range)).length,
      registered: supporters.filter((s) => isWithin(s.registeredOn, range)).length,
    },
  };
}

/**
 * Closure reasons of the closures effective in `range`: from the status history, or (a case without
 * one) from the record when it says closed since a day in the range.
 */
function closuresIn(
  c: IndicatorCase,
  history: readonly IndicatorStatusEntry[],
  range: DateRange,
): ClosureReason[] {
  if (history.length === 0)
    return c.status.state === 'closed' && isWithin(c.status.since, range) ? [c.status.closureReason] : [];
  return history.flatMap((e) =>
    e.to === 'closed' && isWithin(e.effectiveOn, range) ? [closureReasonOf(e.reason)] : [],
  );
}

function closureReasonOf(reason: string | null): ClosureReason {
  const parsed = closureReasonSchema.safeParse(reason);
  return parsed.success ? parsed.data : 'other';
}

/** Codes ascending, the row without a municipality last (as the SQL orders them). */
export function sortByMunicipality<T extends { readonly municipalityCode: string | null }>(rows: T[]): T[] {
  return rows.sort((a, b) =>
    a.municipalityCode === b.municipalityCode
      ? 0
      : a.municipalityCode === null
        ? 1
        : b.municipalityCode === null
          ? -1
          : a.municipalityCode < b.municipalityCode
            ? -1
            : 1,
  );
}

// --- Report cells ------------------------------------------------------------------------------------

export interface PlaceKindAttendance {
  readonly total: Cell;
  readonly registered: Cell;
  readonly unregisteredPersons: Cell;
  readonly unregisteredFamily: Cell;
}

export interface MunicipalityConferences {
  readonly municipalityCode: string | null;
  readonly held: Cell;
  readonly casesDiscussed: Cell;
}

/** The breakdowns as report cells (suppressed like every other figure when publishing). */
export interface IndicatorBreakdowns {
  readonly peopleBySexAge: Readonly<Record<Sex, Readonly<Record<AgeBand, Cell>>>>;
  readonly peopleBySex: Readonly<Record<Sex, Cell>>;
  readonly contactsByContent: Readonly<Record<ContactContent, Cell>>;
  readonly familyStagesAtEnd: Readonly<Record<FamilyStageKey, Cell>>;
  readonly closures: {
    readonly total: Cell;
    readonly byReason: Readonly<Record<ClosureReason, Cell>>;
    /** うち就労・就学・本人が選んだ進路. */
    readonly outcomes: Cell;
  };
  readonly attendanceByPlaceKind: Readonly<Record<PlaceKind, PlaceKindAttendance>>;
  readonly conferencesByMunicipality: readonly MunicipalityConferences[];
  readonly supporters: { readonly trained: Cell; readonly registered: Cell };
}

const B = {
  sexAge: (s: Sex, b: AgeBand) => `peopleBySexAge.${s}.${b}`,
  sex: (s: Sex) => `peopleBySex.${s}`,
  content: (c: ContactContent) => `contactsByContent.${c}`,
  family: (f: FamilyStageKey) => `familyStagesAtEnd.${f}`,
  closures: 'closures.total',
  closure: (r: ClosureReason) => `closuresByReason.${r}`,
  outcomes: 'closures.outcomes',
  place: (k: PlaceKind, part: keyof PlaceKindAttendance) => `attendanceByPlaceKind.${k}.${part}`,
  conference: (code: string | null, part: 'held' | 'casesDiscussed') =>
    `conferencesByMunicipality.${code ?? 'none'}.${part}`,
  trained: 'supporters.trained',
  registered: 'supporters.registered',
};

/**
 * Keys of the report's figures the breakdowns split: a breakdown published beside its total must not
 * give a suppressed part away by subtraction.
 */
export interface BreakdownTotals {
  /** 実人数, split by sex. */
  readonly people: string;
  /** Open cases at the period end, split by family stage. */
  readonly openCases: string;
  /** Conferences held and cases discussed, split by municipality. */
  readonly conferencesHeld: string;
  readonly casesDiscussed: string;
  /** Group attendance (total and its three parts), split by kind of place. */
  readonly groupTotal: string;
  readonly groupRegistered: string;
  readonly groupPersons: string;
  readonly groupFamily: string;
}

/** Puts the breakdown figures into `values` and every sum they take part in into `relations`. */
export function breakdownValues(
  counts: IndicatorBreakdownCounts,
  values: Record<string, number>,
  relations: SuppressionRelation[],
  totals: BreakdownTotals,
): void {
  const relate = (total: string | null, parts: readonly string[]) => relations.push({ total, parts });
  for (const s of SEX_KEYS) {
    let sum = 0;
    for (const b of AGE_BAND_ORDER) {
      const n = counts.peopleBySexAge[s]?.[b] ?? 0;
      values[B.sexAge(s, b)] = n;
      sum += n;
    }
    values[B.sex(s)] = sum;
    relate(
      B.sex(s),
      AGE_BAND_ORDER.map((b) => B.sexAge(s, b)),
    );
  }
  relate(totals.people, SEX_KEYS.map(B.sex));
  // Column sums by age band are not published; a hidden cell stays hidden within its column too.
  for (const b of AGE_BAND_ORDER)
    relate(
      null,
      SEX_KEYS.map((s) => B.sexAge(s, b)),
    );
  for (const c of CONTENT_KEYS) values[B.content(c)] = counts.contactsByContent[c] ?? 0;
  for (const f of FAMILY_STAGE_KEYS) values[B.family(f)] = counts.familyStagesAtEnd[f] ?? 0;
  relate(totals.openCases, FAMILY_STAGE_KEYS.map(B.family));
  let closures = 0;
  for (const r of CLOSURE_REASON_KEYS) {
    values[B.closure(r)] = counts.closuresByReason[r] ?? 0;
    closures += counts.closuresByReason[r] ?? 0;
  }
  values[B.closures] = closures;
  values[B.outcomes] = OUTCOME_CLOSURE_REASONS.reduce((n, r) => n + (counts.closuresByReason[r] ?? 0), 0);
  relate(B.closures, CLOSURE_REASON_KEYS.map(B.closure));
  relate(B.outcomes, OUTCOME_CLOSURE_REASONS.map(B.closure));
  for (const k of PLACE_KIND_KEYS) {
    const a = counts.attendanceByPlaceKind[k];
    values[B.place(k, 'registered')] = a.registered;
    values[B.place(k, 'unregisteredPersons')] = a.unregisteredPersons;
    values[B.place(k, 'unregisteredFamily')] = a.unregisteredFamily;
    values[B.place(k, 'total')] = a.registered + a.unregisteredPersons + a.unregisteredFamily;
    relate(B.place(k, 'total'), [
      B.place(k, 'registered'),
      B.place(k, 'unregisteredPersons'),
      B.place(k, 'unregisteredFamily'),
    ]);
  }
  // The kinds of place partition the places in scope, so each column adds up to the group figure.
  for (const [total, part] of [
    [totals.groupTotal, 'total'],
    [totals.groupRegistered, 'registered'],
    [totals.groupPersons, 'unregisteredPersons'],
    [totals.groupFamily, 'unregisteredFamily'],
  ] as const)
    relate(
      total,
      PLACE_KIND_KEYS.map((k) => B.place(k, part)),
    );
  for (const m of counts.conferencesByMunicipality) {
    values[B.conference(m.municipalityCode, 'held')] = m.held;
    values[B.conference(m.municipalityCode, 'casesDiscussed')] = m.casesDiscussed;
  }
  for (const [total, part] of [
    [totals.conferencesHeld, 'held'],
    [totals.casesDiscussed, 'casesDiscussed'],
  ] as const)
    relate(
      total,
      counts.conferencesByMunicipality.map((m) => B.conference(m.municipalityCode, part)),
    );
  values[B.trained] = counts.supporters.trained;
  values[B.registered] = counts.supporters.registered;
}

export function breakdownCells(
  counts: IndicatorBreakdownCounts,
  cell: (key: string) => Cell,
): IndicatorBreakdowns {
  const record = <T extends string>(keys: readonly T[], keyOf: (k: T) => string): Record<T, Cell> =>
    Object.fromEntries(keys.map((k) => [k, cell(keyOf(k))])) as Record<T, Cell>;
  return {
    peopleBySexAge: Object.fromEntries(
      SEX_KEYS.map((s) => [s, record(AGE_BAND_ORDER, (b) => B.sexAge(s, b))]),
    ) as Record<Sex, Record<AgeBand, Cell>>,
    peopleBySex: record(SEX_KEYS, B.sex),
    contactsByContent: record(CONTENT_KEYS, B.content),
    familyStagesAtEnd: record(FAMILY_STAGE_KEYS, B.family),
    closures: {
      total: cell(B.closures),
      byReason: record(CLOSURE_REASON_KEYS, B.closure),
      outcomes: cell(B.outcomes),
    },
    attendanceByPlaceKind: Object.fromEntries(
      PLACE_KIND_KEYS.map((k) => [
        k,
        {
          total: cell(B.place(k, 'total')),
          registered: cell(B.place(k, 'registered')),
          unregisteredPersons: cell(B.place(k, 'unregisteredPersons')),
          unregisteredFamily: cell(B.place(k, 'unregisteredFamily')),
        },
      ]),
    ) as Record<PlaceKind, PlaceKindAttendance>,
    conferencesByMunicipality: counts.conferencesByMunicipality.map((m) => ({
      municipalityCode: m.municipalityCode,
      held: cell(B.conference(m.municipalityCode, 'held')),
      casesDiscussed: cell(B.conference(m.municipalityCode, 'casesDiscussed')),
    })),
    supporters: { trained: cell(B.trained), registered: cell(B.registered) },
  };
}

export function zeroCounts<T extends string>(keys: readonly T[]): Record<T, number> {
  return Object.fromEntries(keys.map((k) => [k, 0])) as Record<T, number>;
}

export function groupByCase<E extends { readonly caseId: CaseId }>(entries: readonly E[]): Map<CaseId, E[]> {
  const map = new Map<CaseId, E[]>();
  for (const e of entries) {
    const list = map.get(e.caseId);
    if (list) list.push(e);
    else map.set(e.caseId, [e]);
  }
  return map;
}
