import {
  type Actor,
  AGENCY_KINDS,
  type Agency,
  type AgencyKind,
  type AgencySector,
  type Assessment,
  ATTEMPT_CHANNELS,
  type Attendance,
  addDays,
  type CalendarDate,
  type CaseAgencyChange,
  type CaseRecord,
  type CaseState,
  type CaseStatusChange,
  type ClosureReason,
  type Consent,
  type ConsultingParty,
  type Contact,
  type ContactChannel,
  type ContactContent,
  DEFAULT_CHECKLIST,
  daysBetween,
  type FamilyRegressionReason,
  type FamilyStage,
  type FamilyStageChange,
  type HouseholdMember,
  type HouseholdRelation,
  isParentRelation,
  municipalityCheckDigit,
  type PauseReason,
  type Person,
  type PersonContact,
  type Place,
  type PlaceKind,
  type PlanGoal,
  type PlanReview,
  type Programme,
  type ProgrammeAudience,
  type ProgrammeSession,
  type Referral,
  type ReferralStatusChange,
  type RegressionReason,
  type ReopenReason,
  type Sex,
  type StatusMove,
  type SupportPlan,
  type SupportStage,
  type SupportStageChange,
  scoreAnswers,
  sectorOf,
  stageAt,
  stageHintFor,
  statusFromEntry,
} from '@hikikomori-register/core';
import { hash32, Random, seedId } from './random.ts';

/**
 * 架空データ: realistic synthetic records at any scale, for demos, load tests and the indicator checks.
 * Everything is made up and says so — names 「架空 …」, agencies 「架空…」 — but the shapes follow
 * DOMAIN.md: parents consult far more than the person, many people are never reached, support lasts
 * years, stages move both ways, cases pause, lose contact, close and reopen, referrals get declined.
 *
 * Pure and deterministic: the same options give the same records. Every generated history passes
 * the core's own consistency checks (stage and status machines, direct contact before any stage after
 * encounter).
 */
export interface SeedOptions {
  /** Number of cases (one person each). */
  readonly cases: number;
  readonly seed: number;
  /** Nothing is dated after this day. */
  readonly today: CalendarDate;
  /**
   * Agencies to spread the cases over (e.g. those the start command created). When omitted, about 30
   * fictitious agencies of every kind are generated (and written by `writeSeed`).
   */
  readonly agencies?: readonly Agency[];
  /** The staff member acting for each agency in histories and contacts; a made-up id otherwise. */
  readonly staffIds?: Readonly<Record<string, string>>;
  /** Years of history before `today` (default 8). */
  readonly years?: number;
}

/** One case with everything recorded about it. */
export interface SeedCase {
  readonly person: Person;
  readonly record: CaseRecord;
  readonly supportStages: readonly SupportStageChange[];
  readonly familyStages: readonly FamilyStageChange[];
  readonly statuses: readonly CaseStatusChange[];
  /** Who joined the case when, on what legal basis (the lead from opening, then supporting agencies). */
  readonly agencyChanges: readonly CaseAgencyChange[];
  readonly contacts: readonly Contact[];
  readonly assessments: readonly Assessment[];
  readonly plans: readonly SupportPlan[];
  readonly consents: readonly Consent[];
  /** A re-referral always comes after the referral it follows. */
  readonly referrals: readonly Referral[];
  readonly attendances: readonly Attendance[];
}

export interface GeneratedSeed {
  readonly options: SeedOptions;
  /** Agencies to write: the generated ones, or none when the options named existing agencies. */
  readonly newAgencies: readonly Agency[];
  /** Every agency the cases use (given or generated). */
  readonly agencies: readonly Agency[];
  readonly places: readonly Place[];
  readonly programmes: readonly Programme[];
  readonly sessions: readonly ProgrammeSession[];
  /**
   * The cases, made one at a time on each iteration (the same ones every time), so that 100 000
   * cases never sit in memory together.
   */
  cases(): Generator<SeedCase>;
}

/** Record kinds written into the ids (see `seedId`). */
const Kind = {
  agency: 1,
  place: 2,
  programme: 3,
  session: 4,
  staff: 5,
  person: 10,
  member: 11,
  case: 12,
  contact: 13,
  assessment: 14,
  plan: 15,
  goal: 16,
  consent: 17,
  referral: 18,
  attendance: 19,
} as const;

export function generateSeed(options: SeedOptions): GeneratedSeed {
  if (!Number.isInteger(options.cases) || options.cases < 0)
    throw new RangeError(`cases must be a whole number ≥ 0, got ${options.cases}`);
  const seedHash = hash32(options.seed);
  const years = options.years ?? 8;
  const start = addDays(options.today, -Math.round(years * 365.25));
  const newAgencies = options.agencies ? [] : generateAgencies(seedHash);
  const agencies = options.agencies ?? newAgencies;
  if (agencies.length === 0) throw new RangeError('at least one agency is needed');
  const staffOf = (agencyId: string) =>
    options.staffIds?.[agencyId] ??
    seedId(
      seedHash,
      Kind.staff,
      agencies.findIndex((a) => a.id === agencyId),
      0,
    );
  const { places, programmes, sessions } = generatePlaces(
    seedHash,
    options.seed,
    agencies,
    start,
    options.today,
  );
  const world: World = {
    seedHash,
    seed: options.seed,
    today: options.today,
    start,
    agencies: agencies.filter((a) => a.active),
    staffOf: memo(staffOf),
    programmes: programmes.map((p) => ({
      programme: p,
      place: places.find((pl) => pl.id === p.placeId) as Place,
      sessions: sessions.filter((s) => s.programmeId === p.id),
    })),
  };
  return {
    options,
    newAgencies,
    agencies,
    places,
    programmes,
    sessions,
    *cases() {
      for (let i = 0; i < options.cases; i++) yield generateCase(world, i);
    },
  };
}

/** All the cases in memory at once: for tests and small demos only. */
export function seedCases(seed: GeneratedSeed): SeedCase[] {
  return [...seed.cases()];
}

// ─── Municipalities and agencies ─────────────────────────────────────────────────────────────────

/** Real Mie municipality codes (the records are fictitious, the codes valid), with their 圏域. */
const MUNICIPALITIES: readonly { readonly five: string; readonly name: string; readonly area: string }[] = [
  { five: '24201', name: '津市', area: '中勢伊賀' },
  { five: '24202', name: '四日市市', area: '北勢' },
  { five: '24203', name: '伊勢市', area: '南勢志摩' },
  { five: '24204', name: '松阪市', area: '南勢志摩' },
  { five: '24205', name: '桑名市', area: '北勢' },
  { five: '24207', name: '鈴鹿市', area: '北勢' },
  { five: '24208', name: '名張市', area: '中勢伊賀' },
  { five: '24209', name: '尾鷲市', area: '東紀州' },
  { five: '24210', name: '亀山市', area: '北勢' },
  { five: '24216', name: '伊賀市', area: '中勢伊賀' },
];
const code = (five: string) => `${five}${municipalityCheckDigit(five)}`;
const PREFECTURE_CODE = code('24000');
export const SEED_MUNICIPALITY_CODES: readonly string[] = MUNICIPALITIES.map((m) => code(m.five));

/** Kinds with one office per municipality; the others are prefecture-wide (one each). */
const LOCAL_KINDS: readonly AgencyKind[] = [
  'municipalHikikomoriDesk',
  'socialWelfareCouncil',
  'communityGeneralSupportCentre',
  'selfRelianceSupport',
];
const LOCAL_OFFICES = 4; // municipalities with their own local offices

function generateAgencies(seedHash: number): Agency[] {
  const agencies: Agency[] = [];
  const add = (kind: AgencyKind, municipality: (typeof MUNICIPALITIES)[number] | null) => {
    const info = AGENCY_KINDS.find((k) => k.kind === kind);
    agencies.push({
      id: seedId(seedHash, Kind.agency, agencies.length, 0),
      kind,
      name: `架空${municipality ? municipality.name : '県'}${info?.nameJa ?? kind}`,
      municipalityCode: municipality ? code(municipality.five) : PREFECTURE_CODE,
      area: municipality?.area ?? null,
      services: [],
      active: true,
      // The first agency coordinates the network, as the one a register is set up with does.
      networkCoordinator: agencies.length === 0,
    });
  };
  for (const info of AGENCY_KINDS)
    if (!LOCAL_KINDS.includes(info.kind))
      add(info.kind, info.kind === 'medicalInstitution' ? (MUNICIPALITIES[0] ?? null) : null);
  for (const m of MUNICIPALITIES.slice(0, LOCAL_OFFICES)) for (const kind of LOCAL_KINDS) add(kind, m);
  return agencies;
}

// ─── Places, programmes, sessions ────────────────────────────────────────────────────────────────

interface PlacePlan {
  readonly kind: PlaceKind;
  readonly audience: ProgrammeAudience;
  readonly name: string;
  readonly everyDays: number;
  readonly online: boolean;
}

const PLACES_BY_AGENCY_KIND: Partial<Record<AgencyKind, readonly PlacePlan[]>> = {
  hikikomoriRegionalCentre: [
    { kind: 'ibasho', audience: 'person', name: '居場所', everyDays: 7, online: false },
    { kind: 'familyClass', audience: 'family', name: '家族教室', everyDays: 28, online: false },
    { kind: 'onlineIbasho', audience: 'both', name: 'オンライン居場所', everyDays: 28, online: true },
  ],
  municipalHikikomoriDesk: [
    { kind: 'ibasho', audience: 'person', name: '居場所', everyDays: 14, online: false },
  ],
  privateSupportOrganisation: [
    { kind: 'familyAssociation', audience: 'family', name: '家族会', everyDays: 28, online: false },
    { kind: 'peerGroup', audience: 'person', name: '当事者会', everyDays: 14, online: false },
  ],
  youthSupportStation: [
    { kind: 'ibasho', audience: 'person', name: 'ほっとスペース', everyDays: 7, online: false },
  ],
};

function generatePlaces(
  seedHash: number,
  seed: number,
  agencies: readonly Agency[],
  from: CalendarDate,
  to: CalendarDate,
): { places: Place[]; programmes: Programme[]; sessions: ProgrammeSession[] } {
  const random = new Random(seed, 0x91ace);
  const places: Place[] = [];
  const programmes: Programme[] = [];
  const sessions: ProgrammeSession[] = [];
  const hosts = agencies.filter((a) => a.active && PLACES_BY_AGENCY_KIND[a.kind]);
  // Any agency can run a place when none of the usual hosts is present (a small demo register).
  const runners = hosts.length > 0 ? hosts : agencies.filter((a) => a.active).slice(0, 1);
  for (const agency of runners) {
    const plans = PLACES_BY_AGENCY_KIND[agency.kind] ?? PLACES_BY_AGENCY_KIND.hikikomoriRegionalCentre ?? [];
    for (const plan of plans) {
      const place: Place = {
        id: seedId(seedHash, Kind.place, places.length, 0),
        agencyId: agency.id,
        kind: plan.kind,
        name: `架空${plan.name}（${agency.name.replace(/^架空/, '')}）`,
        municipalityCode: plan.online ? null : agency.municipalityCode,
        online: plan.online,
        active: true,
      };
      places.push(place);
      const programme: Programme = {
        id: seedId(seedHash, Kind.programme, programmes.length, 0),
        placeId: place.id,
        name: `架空${plan.name}の会`,
        audience: plan.audience,
        allowsOnline: plan.online || random.chance(0.3),
        frequency: plan.everyDays === 7 ? '毎週' : plan.everyDays === 14 ? '隔週' : '毎月',
        active: true,
      };
      programmes.push(programme);
      for (
        let day = addDays(from, random.int(0, plan.everyDays - 1));
        day <= to;
        day = addDays(day, plan.everyDays)
      )
        sessions.push({
          id: seedId(seedHash, Kind.session, sessions.length, 0),
          programmeId: programme.id,
          heldOn: day,
          startsAt: plan.everyDays === 28 ? '18:30' : '13:30',
          durationMinutes: plan.everyDays === 28 ? 120 : 180,
        });
    }
  }
  return { places, programmes, sessions };
}

// ─── Cases ───────────────────────────────────────────────────────────────────────────────────────

interface World {
  readonly seedHash: number;
  readonly seed: number;
  readonly today: CalendarDate;
  readonly start: CalendarDate;
  readonly agencies: readonly Agency[];
  readonly staffOf: (agencyId: string) => string;
  readonly programmes: readonly {
    readonly programme: Programme;
    readonly place: Place;
    readonly sessions: readonly ProgrammeSession[];
  }[];
}

const GIVEN_NAMES: readonly (readonly [string, string, Sex])[] = [
  ['一郎', 'いちろう', 'male'],
  ['二郎', 'じろう', 'male'],
  ['三郎', 'さぶろう', 'male'],
  ['太郎', 'たろう', 'male'],
  ['健太', 'けんた', 'male'],
  ['大輔', 'だいすけ', 'male'],
  ['翔', 'しょう', 'male'],
  ['誠', 'まこと', 'male'],
  ['拓也', 'たくや', 'male'],
  ['和夫', 'かずお', 'male'],
  ['花子', 'はなこ', 'female'],
  ['春子', 'はるこ', 'female'],
  ['美咲', 'みさき', 'female'],
  ['陽子', 'ようこ', 'female'],
  ['由美', 'ゆみ', 'female'],
  ['直美', 'なおみ', 'female'],
  ['葵', 'あおい', 'other'],
  ['薫', 'かおる', 'unknown'],
];

/** Age today: skewed to the 20s–50s, with 8050 households at the top. */
const AGE_BANDS: readonly (readonly [readonly [number, number], number])[] = [
  [[15, 19], 7],
  [[20, 29], 22],
  [[30, 39], 25],
  [[40, 49], 24],
  [[50, 59], 17],
  [[60, 69], 5],
];

/** Which kind of agency holds the case (mostly the municipal desk and the regional centre). */
const LEAD_KIND_WEIGHTS: readonly (readonly [AgencyKind, number])[] = [
  ['municipalHikikomoriDesk', 25],
  ['hikikomoriRegionalCentre', 14],
  ['selfRelianceSupport', 12],
  ['communityGeneralSupportCentre', 8],
  ['publicHealthCentre', 8],
  ['socialWelfareCouncil', 6],
  ['privateSupportOrganisation', 6],
  ['youthSupportStation', 4],
  ['medicalInstitution', 4],
  ['welfareOffice', 3],
  ['educationSupportCentre', 2],
  ['welfareCommissioner', 2],
];

/** Receiving agency kinds, after Mie's collaboration rates (hospitals first). */
const REFERRAL_KIND_WEIGHTS: readonly (readonly [AgencyKind, number])[] = [
  ['medicalInstitution', 12.8],
  ['welfareOffice', 10.7],
  ['selfRelianceSupport', 10.1],
  ['communityGeneralSupportCentre', 9.5],
  ['socialWelfareCouncil', 8.5],
  ['publicHealthCentre', 7.1],
  ['welfareCommissioner', 7.1],
  ['youthSupportStation', 3],
  ['helloWork', 1.5],
  ['employmentIceAgeDesk', 1.2],
  ['hikikomoriRegionalCentre', 1.5],
  ['privateSupportOrganisation', 4],
  ['disabilityConsultationCentre', 2],
  ['regionalDisabilityConsultationCentre', 2],
  ['autismDevelopmentalSupportCentre', 2],
  ['educationSupportCentre', 1],
];

const CHANNEL_WEIGHTS: readonly (readonly [ContactChannel, number])[] = [
  ['phone', 34],
  ['officeVisit', 24],
  ['homeVisit', 20],
  ['email', 7],
  ['sns', 4],
  ['online', 4],
  ['accompaniedVisit', 4],
  ['groupActivity', 3],
];

const GOALS: readonly string[] = [
  '生活リズムを整える',
  '週に一度は外出する',
  '支援者と定期的に会う',
  '家族と食事をともにする',
  '居場所に参加してみる',
  '受診について考える',
  '就労体験について話を聞く',
  '家族が相談を続けられる',
];

const PAUSE_REASONS: readonly PauseReason[] = ['personWish', 'familyWish', 'hospitalisation', 'stable'];
const CLOSURE_REASONS: readonly (readonly [ClosureReason, number])[] = [
  ['selfChosenPath', 25],
  ['work', 15],
  ['study', 8],
  ['movedAway', 15],
  ['transferred', 10],
  ['personWish', 25],
  ['death', 2],
];
const REOPEN_REASONS: readonly ReopenReason[] = ['reWithdrawal', 'newConsultation', 'referral'];
const REGRESSION_REASONS: readonly RegressionReason[] = [
  'reWithdrawal',
  'crisis',
  'healthDeterioration',
  'personWish',
  'lostContact',
];
const FAMILY_REGRESSION_REASONS: readonly FamilyRegressionReason[] = [
  'crisis',
  'healthDeterioration',
  'familyWish',
  'householdChange',
];
const SUPPORT_ORDER: readonly SupportStage[] = ['encounter', 'individual', 'group', 'socialParticipation'];
const FAMILY_ORDER: readonly FamilyStage[] = ['consultation', 'learning', 'peerSupport', 'selfSustaining'];

/** A calendar day as an instant (10:00 in Japan), for recordedAt / createdAt columns. */
const instant = (day: CalendarDate, minutes = 0) =>
  new Date(Date.parse(`${day}T10:00:00+09:00`) + minutes * 60_000);

interface Segment {
  readonly state: CaseState;
  readonly from: CalendarDate;
  /** Last day in the state (inclusive). */
  readonly to: CalendarDate;
}

function generateCase(world: World, index: number): SeedCase {
  const r = new Random(world.seed, index, 0xca5e);
  const { today } = world;
  const serials: Record<number, number> = {};
  const id = (kind: number) => {
    const serial = serials[kind] ?? 0;
    serials[kind] = serial + 1;
    return seedId(world.seedHash, kind, index, serial);
  };

  // --- Lead agency, municipality -------------------------------------------------------------------
  const lead = pickAgency(r, world.agencies, LEAD_KIND_WEIGHTS, new Set());
  const leadActor: Actor = { staffId: world.staffOf(lead.id), agencyId: lead.id, role: 'staff' };
  const municipalityCode =
    lead.municipalityCode === PREFECTURE_CODE || !SEED_MUNICIPALITY_CODES.includes(lead.municipalityCode)
      ? r.pick(SEED_MUNICIPALITY_CODES)
      : lead.municipalityCode;

  // --- Person and household ----------------------------------------------------------------------
  const [ageMin, ageMax] = r.weighted(AGE_BANDS);
  const age = r.int(ageMin, ageMax);
  const birth = addDays(today, -(age * 365 + Math.floor(age / 4)) - r.int(0, 364));
  const birthYear = Number(birth.slice(0, 4));
  const precision = r.weighted([
    ['date', 85],
    ['month', 10],
    ['none', 5],
  ] as const);
  const [given, givenKana, nameSex] = r.pick(GIVEN_NAMES);
  const sex: Sex =
    nameSex === 'other' || nameSex === 'unknown' ? nameSex : r.chance(0.03) ? 'unknown' : nameSex;
  const household = generateHousehold(r, birthYear, today, () => id(Kind.member));
  const parents = household.filter((m) => isParentRelation(m.relation));

  // --- Opening ----------------------------------------------------------------------------------------
  const earliest = maxDate(world.start, addDays(birth, 15 * 366));
  const openedOn = addDays(
    today,
    -Math.min(
      Math.max(0, daysBetween(earliest, today)),
      Math.floor(daysBetween(world.start, today) * r.next() ** 1.2),
    ) - 1,
  );
  const caseId = id(Kind.case);

  // --- Status timeline ---------------------------------------------------------------------------
  const statuses: CaseStatusChange[] = [];
  const pushStatus = (
    from: CaseState | null,
    to: CaseState,
    move: StatusMove,
    on: CalendarDate,
    reason: CaseStatusChange['reason'] = null,
    reviewOn: CalendarDate | null = null,
  ) =>
    statuses.push({
      caseId,
      from,
      to,
      move,
      reason,
      note: null,
      noteVisibility: 'normal',
      reviewOn,
      actor: leadActor,
      effectiveOn: on,
      recordedAt: instant(on, statuses.length),
      sequence: statuses.length + 1,
    });
  pushStatus(null, 'active', 'opened', openedOn);
  {
    let state: CaseState = 'active';
    let at = openedOn;
    for (let guard = 0; guard < 20; guard++) {
      let next: CaseState;
      let stay: number;
      if (state === 'active') {
        stay = r.days(900, 14);
        next = r.weighted([
          ['paused', 35],
          ['contactLost', 25],
          ['closed', 40],
        ] as const);
      } else if (state === 'paused') {
        stay = r.days(150, 14);
        next = r.weighted([
          ['active', 70],
          ['contactLost', 10],
          ['closed', 20],
        ] as const);
      } else if (state === 'contactLost') {
        stay = r.days(240, 30);
        next = r.weighted([
          ['active', 45],
          ['closed', 55],
        ] as const);
      } else {
        if (!r.chance(0.12)) break;
        stay = r.days(400, 30);
        next = 'active';
      }
      const on = addDays(at, stay);
      if (on > today) break;
      if (next === 'paused') pushStatus(state, next, 'paused', on, r.pick(PAUSE_REASONS), addDays(on, 90));
      else if (next === 'contactLost') pushStatus(state, next, 'contactLost', on);
      else if (next === 'closed') pushStatus(state, next, 'closed', on, r.weighted(CLOSURE_REASONS));
      else if (state === 'paused') pushStatus(state, next, 'resumed', on);
      else if (state === 'contactLost') pushStatus(state, next, 'reEngaged', on);
      else pushStatus(state, next, 'reopened', on, r.pick(REOPEN_REASONS));
      state = next;
      at = on;
    }
  }
  const segments: Segment[] = statuses.map((s, i) => ({
    state: s.to,
    from: s.effectiveOn,
    to: i + 1 < statuses.length ? addDays((statuses[i + 1] as CaseStatusChange).effectiveOn, -1) : today,
  }));
  const stateOn = (day: CalendarDate): CaseState | null => {
    let state: CaseState | null = null;
    for (const s of segments) if (s.from <= day) state = s.state;
    return state;
  };

  // --- Contacts ---------------------------------------------------------------------------------
  const reachAfter = r.chance(0.62) ? r.days(200, 0) : null;
  const reachTarget = reachAfter === null ? null : addDays(openedOn, reachAfter);
  const meanGap = r.weighted([
    [18, 20],
    [40, 45],
    [80, 35],
  ] as const);
  const consultingAgency = () => pickAgency(r, world.agencies, REFERRAL_KIND_WEIGHTS, new Set([lead.id]));
  const contacts: Contact[] = [];
  let reachedOn: CalendarDate | null = null;
  for (const segment of segments) {
    if (segment.state === 'contactLost' || segment.state === 'closed') continue;
    let day = segment.from;
    while (day <= segment.to && contacts.length < 300) {
      const intake = contacts.length === 0;
      const reachNow =
        reachedOn === null && reachTarget !== null && day >= reachTarget && segment.state === 'active';
      const reached = reachedOn !== null;
      const contact = makeContact(r, {
        id: id(Kind.contact),
        caseId,
        agency: lead,
        staffId: leadActor.staffId,
        day,
        household,
        intake,
        reachNow,
        reached,
        consultingAgency,
      });
      if (reachNow) reachedOn = day;
      contacts.push(contact);
      day = addDays(day, r.days(segment.state === 'paused' ? 120 : meanGap));
    }
  }

  // --- Stage histories, moved at contacts (a stage after encounter needs the person met) ---------
  const supportStages: SupportStageChange[] = [
    stageEntry(caseId, 'person', null, 'encounter', 'initial', 'initial', openedOn, 1, leadActor),
  ] as SupportStageChange[];
  const familyInitial = household.length > 0 && r.chance(0.8);
  const familyStages: FamilyStageChange[] = familyInitial
    ? ([
        stageEntry(
          caseId,
          'family',
          null,
          r.chance(0.9) ? 'consultation' : 'learning',
          'initial',
          'initial',
          openedOn,
          1,
          leadActor,
        ),
      ] as FamilyStageChange[])
    : [];
  let nextPersonMove = reachedOn === null ? null : addDays(reachedOn, r.days(20, 0));
  let nextFamilyMove = addDays(openedOn, r.days(300, 30));
  for (const c of contacts) {
    if (stateOn(c.occurredOn) !== 'active') continue;
    if (nextPersonMove !== null && reachedOn !== null && c.occurredOn >= nextPersonMove) {
      const current = (supportStages.at(-1) as SupportStageChange).to;
      const i = SUPPORT_ORDER.indexOf(current);
      const choice =
        i === 0
          ? 'forward'
          : r.weighted([
              ['forward', i === 3 ? 0 : i === 1 ? 30 : 30],
              ['back', i === 3 ? 20 : i === 1 ? 12 : 25],
              ['stay', 40],
            ] as const);
      if (choice !== 'stay') {
        const to =
          choice === 'forward'
            ? (SUPPORT_ORDER[i + 1] as SupportStage)
            : (SUPPORT_ORDER[r.int(0, i - 1)] as SupportStage);
        supportStages.push(
          stageEntry(
            caseId,
            'person',
            current,
            to,
            choice,
            choice === 'forward' ? 'progress' : r.pick(REGRESSION_REASONS),
            c.occurredOn,
            supportStages.length + 1,
            leadActor,
          ) as SupportStageChange,
        );
      }
      nextPersonMove = addDays(c.occurredOn, r.days([60, 300, 400, 500][i] ?? 300, 7));
    }
    if (familyStages.length > 0 && c.occurredOn >= nextFamilyMove) {
      const current = (familyStages.at(-1) as FamilyStageChange).to;
      const i = FAMILY_ORDER.indexOf(current);
      const choice = r.weighted([
        ['forward', i === 3 ? 0 : ([60, 40, 30][i] ?? 30)],
        ['back', i === 0 ? 0 : 10],
        ['stay', 30],
      ] as const);
      if (choice !== 'stay') {
        const to =
          choice === 'forward'
            ? (FAMILY_ORDER[i + 1] as FamilyStage)
            : (FAMILY_ORDER[r.int(0, i - 1)] as FamilyStage);
        familyStages.push(
          stageEntry(
            caseId,
            'family',
            current,
            to,
            choice,
            choice === 'forward' ? 'progress' : r.pick(FAMILY_REGRESSION_REASONS),
            c.occurredOn,
            familyStages.length + 1,
            leadActor,
          ) as FamilyStageChange,
        );
      }
      nextFamilyMove = addDays(c.occurredOn, r.days(300, 30));
    }
  }

  // --- Referrals (with the consent that makes them lawful) ---------------------------------------
  const referrals: Referral[] = [];
  const consents: Consent[] = [];
  const supporting: string[] = [];
  const chains = r.weighted([
    [0, 55],
    [1, 30],
    [2, 12],
    [3, 3],
  ] as const);
  const consentGiver = (on: CalendarDate): Consent['givenBy'] | null =>
    reachedOn !== null && reachedOn <= on
      ? { kind: 'person' }
      : household[0]
        ? { kind: 'householdMember', householdMemberId: (parents[0] ?? household[0]).id }
        : null;
  const sendDays = contacts
    .map((c) => c.occurredOn)
    .filter((d) => d >= addDays(openedOn, 30) && d < today && stateOn(d) === 'active');
  if (chains > 0 && sendDays.length > 0) {
    const used = new Set<string>([lead.id]);
    const sentDays = r.sample(sendDays, chains);
    const firstSent = sentDays[0] as CalendarDate;
    const givenOn = maxDate(openedOn, addDays(firstSent, -r.days(10, 0)));
    const giver = consentGiver(givenOn);
    if (giver) {
      const consentId = id(Kind.consent);
      const recipients: Agency[] = [];
      const send = (sentOn: CalendarDate, previous: Referral | null): Referral | null => {
        const to = pickAgency(r, world.agencies, REFERRAL_KIND_WEIGHTS, used);
        if (used.has(to.id)) return null;
        used.add(to.id);
        recipients.push(to);
        const referral = referralFlow(r, {
          id: id(Kind.referral),
          caseId,
          from: leadActor,
          to: { staffId: world.staffOf(to.id), agencyId: to.id, role: 'staff' },
          sentOn,
          consentId,
          previous,
          today,
        });
        referrals.push(referral);
        if (referral.status === 'accepted' || referral.status === 'completed') supporting.push(to.id);
        return referral;
      };
      for (const sentOn of sentDays) {
        let referral = send(sentOn, null);
        // 再紹介: a declined referral is mostly followed by one to another agency.
        for (let depth = 0; referral?.status === 'declined' && depth < 2 && r.chance(0.6); depth++) {
          const again = addDays(referral.respondedOn as CalendarDate, r.days(14, 0));
          if (again > today || stateOn(again) !== 'active') break;
          referral = send(again, referral);
        }
      }
      const bySector = r.chance(0.5);
      consents.push({
        id: consentId,
        caseId,
        givenBy: giver,
        scope: bySector
          ? {
              agencyIds: [],
              sectors: [...new Set(recipients.map((a) => sectorOf(a.kind)))] as AgencySector[],
            }
          : { agencyIds: recipients.map((a) => a.id), sectors: [] },
        givenOn,
        withdrawnOn: null,
        note: null,
      });
    }
  }
  // Joint support from intake: the family or the person consents to the agency there and then.
  let intakeSupporter: { readonly agencyId: string; readonly consentId: string } | null = null;
  if (r.chance(0.08)) {
    const extra = pickAgency(r, world.agencies, REFERRAL_KIND_WEIGHTS, new Set([lead.id, ...supporting]));
    const giver = consentGiver(openedOn);
    if (extra.id !== lead.id && !supporting.includes(extra.id) && giver) {
      supporting.unshift(extra.id);
      intakeSupporter = { agencyId: extra.id, consentId: id(Kind.consent) };
      consents.push({
        id: intakeSupporter.consentId,
        caseId,
        givenBy: giver,
        scope: { agencyIds: [extra.id], sectors: [] },
        givenOn: openedOn,
        withdrawnOn: null,
        note: null,
      });
    }
  }
  // The agency history: the lead from opening, each supporting agency from the day it joined, on the
  // basis its joining rested on (the intake consent, or the consent its referral cited).
  const agencyChanges: CaseAgencyChange[] = [];
  const joined = (
    agencyId: string,
    role: CaseAgencyChange['role'],
    via: CaseAgencyChange['via'],
    effectiveOn: CalendarDate,
    actor: Actor,
    legalBasis: CaseAgencyChange['legalBasis'] = null,
    referralId: string | null = null,
  ) =>
    agencyChanges.push({
      caseId,
      sequence: agencyChanges.length + 1,
      agencyId,
      role,
      change: 'joined',
      via,
      legalBasis,
      referralId,
      effectiveOn,
      actor,
      recordedAt: instant(effectiveOn, 20 + agencyChanges.length),
    });
  joined(lead.id, 'lead', 'opening', openedOn, leadActor);
  for (const agencyId of [...new Set(supporting)].filter((a) => a !== lead.id)) {
    if (intakeSupporter?.agencyId === agencyId) {
      joined(agencyId, 'supporting', 'opening', openedOn, leadActor, {
        kind: 'consent',
        consentId: intakeSupporter.consentId,
      });
      continue;
    }
    const via = referrals.find(
      (ref) => ref.toAgencyId === agencyId && (ref.status === 'accepted' || ref.status === 'completed'),
    ) as Referral;
    joined(
      agencyId,
      'supporting',
      'referral',
      via.respondedOn as CalendarDate,
      { staffId: world.staffOf(agencyId), agencyId, role: 'staff' },
      via.legalBasis,
      via.id,
    );
  }
  // Supporting agencies hold some of the contacts once they have taken the case on.
  for (const [i, c] of contacts.entries()) {
    const joined = referrals.find(
      (ref) =>
        supporting.includes(ref.toAgencyId) && ref.respondedOn !== null && ref.respondedOn <= c.occurredOn,
    );
    if (joined && r.chance(0.2))
      contacts[i] = { ...c, agencyId: joined.toAgencyId, staffId: world.staffOf(joined.toAgencyId) };
  }

  // --- Assessments ------------------------------------------------------------------------------
  const assessments: Assessment[] = [];
  for (
    let day = addDays(openedOn, r.days(45, 7));
    day <= today && assessments.length < 4;
    day = addDays(day, r.days(270, 90))
  ) {
    const state = stateOn(day);
    if (state === 'closed' || state === 'contactLost') continue;
    const stage = stageAt(supportStages, day) ?? 'encounter';
    const metByThen = reachedOn !== null && reachedOn <= day;
    const rater: Assessment['rater'] =
      metByThen && r.chance(0.2)
        ? { kind: 'person' }
        : !metByThen && household[0] && r.chance(0.6)
          ? { kind: 'familyMember', householdMemberId: (parents[0] ?? household[0]).id }
          : { kind: 'staff', staffId: leadActor.staffId };
    const level = SUPPORT_ORDER.indexOf(stage) * 0.6 + 0.5;
    const answers: Record<string, number> = {};
    for (const domain of DEFAULT_CHECKLIST.domains)
      for (const item of domain.items) {
        const scored = Math.max(0, Math.min(3, Math.round(level + (r.next() - 0.5) * 2)));
        answers[item.id] = item.reverse ? item.scale.max + item.scale.min - scored : scored;
      }
    const scores = scoreAnswers(DEFAULT_CHECKLIST, answers);
    assessments.push({
      id: id(Kind.assessment),
      caseId,
      checklistId: DEFAULT_CHECKLIST.id,
      checklistVersion: DEFAULT_CHECKLIST.version,
      assessedOn: day,
      rater,
      answers,
      scores,
      stageHint: stageHintFor(DEFAULT_CHECKLIST, scores.total),
      agencyId: lead.id,
      staffId: leadActor.staffId,
      recordedAt: instant(day, 60),
      version: 1,
      voided: null,
    });
  }

  // --- Plan -------------------------------------------------------------------------------------
  const plans: SupportPlan[] = [];
  const planOn = assessments[0]?.assessedOn ?? addDays(openedOn, 60);
  if (r.chance(0.55) && planOn <= today && stateOn(planOn) === 'active') {
    const goals: PlanGoal[] = r.sample(GOALS, r.int(1, 3)).map((description) => ({
      id: id(Kind.goal),
      description,
      targetDate: addDays(planOn, 180),
      achievedOn: null,
      status: 'open',
    }));
    const reviews: PlanReview[] = [];
    let due = addDays(planOn, 180);
    for (;;) {
      const closedBy = statuses.find(
        (s) => s.to === 'closed' && s.effectiveOn > planOn && s.effectiveOn <= due,
      );
      if (closedBy) {
        reviews.push({
          reviewedOn: closedBy.effectiveOn,
          outcome: 'ended',
          nextReviewDueOn: null,
          staffId: leadActor.staffId,
        });
        break;
      }
      if (due > today) break;
      // Some recent reviews are late (見直し期限切れ), as in any caseload: the plan stays due.
      if (addDays(due, 90) > today && r.chance(0.35)) break;
      const revise = r.chance(0.25);
      if (revise && goals[0] && goals[0].status === 'open')
        goals[0] = { ...goals[0], status: 'achieved', achievedOn: due };
      reviews.push({
        reviewedOn: due,
        outcome: revise ? 'revise' : 'continue',
        nextReviewDueOn: addDays(due, 180),
        staffId: leadActor.staffId,
      });
      due = addDays(due, 180);
    }
    const last = reviews.at(-1);
    plans.push({
      id: id(Kind.plan),
      caseId,
      agencyId: lead.id,
      createdOn: planOn,
      goals,
      reviewDueOn: last ? (last.nextReviewDueOn ?? last.reviewedOn) : addDays(planOn, 180),
      reviews,
      version: 1 + reviews.length,
      createdAt: instant(planOn, 90),
      updatedAt: instant(last?.reviewedOn ?? planOn, 90),
    });
  }

  // --- Attendance at places: the person from the group stage on, parents in family classes --------
  const attendances: Attendance[] = [];
  const attend = (
    audience: readonly ProgrammeAudience[],
    placeKinds: readonly PlaceKind[] | null,
    from: CalendarDate,
    to: CalendarDate,
    attendee: Attendance['attendee'],
    p: number,
  ) => {
    const options = world.programmes.filter(
      (x) =>
        audience.includes(x.programme.audience) &&
        (placeKinds === null || placeKinds.includes(x.place.kind)) &&
        (x.place.municipalityCode === null || x.place.municipalityCode === municipalityCode || r.chance(0.3)),
    );
    if (options.length === 0) return;
    const chosen = r.pick(options);
    for (const s of chosen.sessions) {
      if (s.heldOn < from || s.heldOn > to || attendances.length >= 60) continue;
      if (stateOn(s.heldOn) !== 'active' || !r.chance(p)) continue;
      attendances.push({
        id: id(Kind.attendance),
        sessionId: s.id,
        caseId,
        attendee,
        attendedOn: s.heldOn,
        mode: chosen.place.online
          ? 'online'
          : chosen.programme.allowsOnline && r.chance(0.2)
            ? 'online'
            : 'inPerson',
      });
    }
  };
  supportStages.forEach((e, i) => {
    if (SUPPORT_ORDER.indexOf(e.to) < 2) return;
    const next = supportStages[i + 1]?.effectiveOn;
    const until = next ? addDays(next, -1) : today;
    attend(['person', 'both'], null, e.effectiveOn, until, { kind: 'person' }, 0.35);
  });
  const parent = parents[0];
  if (parent)
    familyStages.forEach((e, i) => {
      if (e.to !== 'learning' && e.to !== 'peerSupport') return;
      const next = familyStages[i + 1]?.effectiveOn;
      const until = next ? addDays(next, -1) : today;
      attend(
        ['family', 'both'],
        e.to === 'learning' ? ['familyClass', 'onlineIbasho'] : ['familyAssociation', 'onlineIbasho'],
        e.effectiveOn,
        until,
        { kind: 'familyMember', householdMemberId: parent.id },
        0.5,
      );
    });

  // --- The records ------------------------------------------------------------------------------
  const lastStatus = statuses.at(-1) as CaseStatusChange;
  const person: Person = {
    id: id(Kind.person),
    displayName: `架空 ${given}`,
    kana: `かくう ${givenKana}`,
    birthDate: precision === 'date' ? birth : null,
    birthYearMonth: precision === 'none' ? null : birth.slice(0, 7),
    sex,
    municipalityCode,
    household,
    pseudonymisedOn: null,
    mergedIntoId: null,
    createdAt: instant(openedOn),
    updatedAt: instant(openedOn),
  };
  const record: CaseRecord = {
    id: caseId,
    personId: person.id,
    municipalityCode,
    leadAgencyId: lead.id,
    supportingAgencyIds: [...new Set(supporting)].filter((a) => a !== lead.id),
    openedOn,
    stage: (supportStages.at(-1) as SupportStageChange).to,
    familyStage: familyStages.at(-1)?.to ?? null,
    status: statusFromEntry(lastStatus),
    version: supportStages.length + familyStages.length + statuses.length - 1,
    createdAt: instant(openedOn, index % 600),
    updatedAt: instant(maxDate(lastStatus.effectiveOn, supportStages.at(-1)?.effectiveOn ?? openedOn)),
  };
  return {
    person,
    record,
    supportStages,
    familyStages,
    statuses,
    agencyChanges,
    contacts,
    assessments,
    plans,
    // As the repositories list them: by the day given, then id.
    consents: [...consents].sort((a, b) => a.givenOn.localeCompare(b.givenOn) || (a.id < b.id ? -1 : 1)),
    referrals,
    attendances,
  };
}

function stageEntry(
  caseId: string,
  track: 'person' | 'family',
  from: string | null,
  to: string,
  direction: 'initial' | 'forward' | 'back',
  reason: string,
  on: CalendarDate,
  sequence: number,
  actor: Actor,
): SupportStageChange | FamilyStageChange {
  return {
    caseId,
    track,
    from,
    to,
    direction,
    reason,
    note: null,
    noteVisibility: 'normal',
    actor,
    effectiveOn: on,
    recordedAt: instant(on, 30 + sequence),
    sequence,
  } as SupportStageChange | FamilyStageChange;
}

function generateHousehold(
  r: Random,
  personBirthYear: number,
  today: CalendarDate,
  newId: () => string,
): HouseholdMember[] {
  const thisYear = Number(today.slice(0, 4));
  const parentYear = () => personBirthYear - r.int(24, 36);
  const members: HouseholdMember[] = [];
  const add = (relation: HouseholdRelation, birthYear: number | null, livesWithPerson: boolean) => {
    // Parents past 97 are taken as no longer living.
    if (birthYear !== null && thisYear - birthYear > 97) return;
    members.push({ id: newId(), relation, displayName: null, birthYear, livesWithPerson });
  };
  const kind = r.weighted([
    ['bothParents', 27.5],
    ['parentsSiblings', 22.8],
    ['singleParent', 18.6],
    ['alone', 9.2],
    ['grandparents', 8],
    ['spouse', 5],
    ['stepParent', 4],
    ['siblingOnly', 4.9],
  ] as const);
  const mother = parentYear();
  switch (kind) {
    case 'bothParents':
      add('mother', mother, true);
      add('father', mother - r.int(0, 4), true);
      break;
    case 'parentsSiblings':
      add('mother', mother, true);
      add('father', mother - r.int(0, 4), true);
      for (let i = r.int(1, 2); i > 0; i--) add('sibling', personBirthYear + r.int(-6, 6), r.chance(0.4));
      break;
    case 'singleParent':
      add(r.chance(0.75) ? 'mother' : 'father', mother, true);
      break;
    case 'alone':
      if (r.chance(0.6)) add('mother', mother, false);
      break;
    case 'grandparents':
      add('mother', mother, true);
      add('grandparent', mother - r.int(22, 32), true);
      break;
    case 'spouse':
      add('spouse', personBirthYear + r.int(-4, 4), true);
      if (r.chance(0.5)) add('mother', mother, false);
      break;
    case 'stepParent':
      add('mother', mother, true);
      add('stepParent', mother - r.int(-5, 8), true);
      break;
    case 'siblingOnly':
      add('sibling', personBirthYear + r.int(-6, 6), true);
      if (r.chance(0.3)) add('otherRelative', null, false);
      break;
  }
  return members;
}

interface ContactDraft {
  readonly id: string;
  readonly caseId: string;
  readonly agency: Agency;
  readonly staffId: string;
  readonly day: CalendarDate;
  readonly household: readonly HouseholdMember[];
  /** The first contact of the case (受付). */
  readonly intake: boolean;
  /** The day the person is first met. */
  readonly reachNow: boolean;
  /** The person was met before. */
  readonly reached: boolean;
  readonly consultingAgency: () => Agency;
}

function makeContact(r: Random, d: ContactDraft): Contact {
  const parents = d.household.filter((m) => isParentRelation(m.relation));
  const siblings = d.household.filter((m) => m.relation === 'sibling');
  const others = d.household.filter((m) => !isParentRelation(m.relation) && m.relation !== 'sibling');
  const member = (list: readonly HouseholdMember[]): ConsultingParty | null => {
    const m = list.length > 0 ? r.pick(list) : null;
    return m ? { kind: 'householdMember', householdMemberId: m.id } : null;
  };
  const agencyParty = (): ConsultingParty => {
    const a = d.consultingAgency();
    return a.id === d.agency.id ? { kind: 'anonymous' } : { kind: 'agency', agencyId: a.id };
  };

  let channel: ContactChannel;
  let party: ConsultingParty;
  let personContact: PersonContact;
  if (d.reachNow) {
    // The first meeting: usually at home (outreach), sometimes the person comes along to the office.
    channel = r.weighted([
      ['homeVisit', 60],
      ['officeVisit', 30],
      ['accompaniedVisit', 10],
    ] as const);
    party = r.chance(0.5) ? { kind: 'person' } : (member(parents) ?? { kind: 'person' });
    personContact = 'reached';
  } else {
    const who = d.reached
      ? r.weighted([
          ['person', 20],
          ['parent', 50],
          ['sibling', 5],
          ['other', 4],
          ['agency', 14],
          ['anonymous', 1],
        ] as const)
      : r.weighted([
          ['parent', d.intake ? 80 : 70],
          ['sibling', 6],
          ['other', 5],
          ['agency', d.intake ? 6 : 16],
          ['anonymous', d.intake ? 3 : 1],
        ] as const);
    party =
      who === 'person'
        ? { kind: 'person' }
        : who === 'parent'
          ? (member(parents) ?? member(others) ?? member(siblings) ?? agencyParty())
          : who === 'sibling'
            ? (member(siblings) ?? member(parents) ?? agencyParty())
            : who === 'other'
              ? (member(others) ?? member(parents) ?? agencyParty())
              : who === 'agency'
                ? agencyParty()
                : { kind: 'anonymous' };
    channel = d.intake
      ? r.weighted([
          ['phone', 55],
          ['officeVisit', 35],
          ['homeVisit', 10],
        ] as const)
      : r.weighted(CHANNEL_WEIGHTS);
    // Without the person, a "group activity" or an accompanied visit is a family's visit to the office.
    if (!d.reached && (channel === 'groupActivity' || channel === 'accompaniedVisit'))
      channel = 'officeVisit';
    if (party.kind === 'person') personContact = 'reached';
    else if (d.reached && r.chance(0.45)) personContact = 'reached';
    else if (ATTEMPT_CHANNELS.includes(channel) && r.chance(d.reached ? 0.15 : 0.2))
      personContact = 'attempted';
    else personContact = 'none';
  }
  const contents: ContactContent[] =
    channel === 'homeVisit'
      ? r.chance(0.3)
        ? ['visit', 'watchingOver']
        : ['visit']
      : channel === 'groupActivity'
        ? ['placeToMeet']
        : channel === 'accompaniedVisit'
          ? [
              r.weighted([
                ['medical', 40],
                ['employmentSupport', 40],
                ['other', 20],
              ] as const),
            ]
          : r.chance(0.75)
            ? ['relationshipBuilding']
            : r.chance(0.7)
              ? ['watchingOver']
              : ['relationshipBuilding', r.pick(['familyClass', 'employmentSupport', 'medical'] as const)];
  return {
    id: d.id,
    caseId: d.caseId,
    agencyId: d.agency.id,
    staffId: d.staffId,
    occurredOn: d.day,
    channel,
    consultingParty: party,
    personContact,
    contents,
    durationMinutes: r.chance(0.8) ? r.int(1, 8) * 15 : null,
    note: r.chance(0.3) ? { text: '（架空の記録）近況を確認した。', visibility: 'normal' } : null,
    recordedAt: instant(d.day, 240 + r.int(0, 600)),
    version: 1,
    voided: null,
  };
}

interface ReferralDraft {
  readonly id: string;
  readonly caseId: string;
  readonly from: Actor;
  readonly to: Actor;
  readonly sentOn: CalendarDate;
  readonly consentId: string;
  readonly previous: Referral | null;
  readonly today: CalendarDate;
}

/** A referral and as much of its life as has happened by today: answer, then outcome. */
function referralFlow(r: Random, d: ReferralDraft): Referral {
  const history: ReferralStatusChange[] = [{ from: null, to: 'sent', on: d.sentOn, actor: d.from }];
  let referral: Referral = {
    id: d.id,
    caseId: d.caseId,
    kind: 'referral',
    fromAgencyId: d.from.agencyId,
    toAgencyId: d.to.agencyId,
    reason: '（架空）本人・家族の希望により紹介',
    requestedService: r.pick(['訪問支援', '受診相談', '就労体験', '居場所の利用', '生活相談']),
    legalBasis: { kind: 'consent', consentId: d.consentId },
    sharedSections: ['summary'],
    status: 'sent',
    sentOn: d.sentOn,
    respondedOn: null,
    declineReason: null,
    withdrawnOn: null,
    withdrawnReason: null,
    completedOn: null,
    outcome: null,
    outcomeReason: null,
    previousReferralId: d.previous?.id ?? null,
    sentBy: d.from.staffId,
    version: 1,
    history,
  };
  const step = (to: Referral['status'], on: CalendarDate, actor: Actor, changes: Partial<Referral>) => {
    history.push({ from: referral.status, to, on, actor });
    referral = { ...referral, ...changes, status: to, version: referral.version + 1, history: [...history] };
  };
  const answer = r.weighted([
    ['accepted', 67],
    ['declined', 20],
    ['withdrawn', 5],
    ['none', 8],
  ] as const);
  if (answer === 'none') return referral;
  const answeredOn = addDays(d.sentOn, r.days(12, 0));
  if (answeredOn > d.today) return referral;
  if (answer === 'withdrawn') {
    step('withdrawn', answeredOn, d.from, { withdrawnOn: answeredOn, withdrawnReason: null });
    return referral;
  }
  if (answer === 'declined') {
    step('declined', answeredOn, d.to, {
      respondedOn: answeredOn,
      declineReason: r.pick(['対応地域外のため', '受入枠がないため', '支援の対象外のため']),
    });
    return referral;
  }
  step('accepted', answeredOn, d.to, { respondedOn: answeredOn });
  const completedOn = addDays(answeredOn, r.days(90, 7));
  if (completedOn > d.today) return referral;
  const connected = r.chance(0.75);
  step('completed', completedOn, d.to, {
    completedOn,
    outcome: connected ? 'connected' : 'notConnected',
    outcomeReason: connected ? null : '本人の希望により利用に至らず',
  });
  return referral;
}

/** An agency of a kind drawn by weight, not in `exclude`; any other agency when no kind matches. */
function pickAgency(
  r: Random,
  agencies: readonly Agency[],
  weights: readonly (readonly [AgencyKind, number])[],
  exclude: ReadonlySet<string>,
): Agency {
  const open = agencies.filter((a) => !exclude.has(a.id));
  const pool = open.length > 0 ? open : agencies;
  const kinds = weights.filter(([kind]) => pool.some((a) => a.kind === kind));
  if (kinds.length === 0) return r.pick(pool);
  const kind = r.weighted(kinds);
  return r.pick(pool.filter((a) => a.kind === kind));
}

const maxDate = (a: CalendarDate, b: CalendarDate) => (a > b ? a : b);

function memo<T>(fn: (key: string) => T): (key: string) => T {
  const cache = new Map<string, T>();
  return (key) => {
    let value = cache.get(key);
    if (value === undefined) {
      value = fn(key);
      cache.set(key, value);
    }
    return value;
  };
}
