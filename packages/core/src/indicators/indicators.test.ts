import { describe, expect, it } from 'vitest';
import type { Actor } from '../shared/actor.ts';
import type { CalendarDate } from '../shared/dates.ts';
import { ValidationError } from '../shared/errors.ts';
import type { ReportingPeriod } from '../shared/fiscal-year.ts';
import type { SupportStage } from '../stages/support-stage.ts';
import {
  EMPTY_INDICATOR_DATASET,
  type IndicatorAgency,
  type IndicatorCase,
  type IndicatorContact,
  type IndicatorDataset,
  type IndicatorPerson,
  type IndicatorQueryInput,
  type IndicatorReferral,
  type IndicatorScope,
  type IndicatorStageEntry,
  type IndicatorStatusEntry,
  type PlaceAttendance,
} from './indicator-input.ts';
import { indicatorRows } from './indicator-rows.ts';
import { computeIndicators, type IndicatorReport } from './indicators.ts';
import { type Cell, cellValue } from './suppression.ts';

const TSU = '242012';
const YOKKAICHI = '242021';
const actor: Actor = { staffId: 's-1', agencyId: 'desk', role: 'staff' };

const agencies: IndicatorAgency[] = [
  { id: 'desk', kind: 'municipalHikikomoriDesk' }, // 福祉
  { id: 'centre', kind: 'hikikomoriRegionalCentre' }, // 保健・医療
  { id: 'hospital', kind: 'medicalInstitution' }, // 保健・医療
  { id: 'saposute', kind: 'youthSupportStation' }, // 就労
  { id: 'shakyo', kind: 'socialWelfareCouncil' }, // 福祉
];

function kase(id: string, personId: string, more: Partial<IndicatorCase> = {}): IndicatorCase {
  return {
    id,
    personId,
    municipalityCode: TSU,
    leadAgencyId: 'desk',
    supportingAgencyIds: [],
    openedOn: '2020-04-01',
    status: { state: 'active', since: '2020-04-01' },
    ...more,
  };
}

function person(id: string, birthDate: CalendarDate | null = '1990-01-01'): IndicatorPerson {
  return {
    id,
    birthDate,
    birthYearMonth: birthDate ? birthDate.slice(0, 7) : null,
    sex: 'unknown',
    household: [
      { id: `${id}-mother`, relation: 'mother', displayName: '母', birthYear: 1945, livesWithPerson: true },
      { id: `${id}-sister`, relation: 'sibling', displayName: null, birthYear: null, livesWithPerson: false },
    ],
  };
}

let contactSeq = 0;
function contact(
  caseId: string,
  occurredOn: CalendarDate,
  more: Partial<IndicatorContact> = {},
): IndicatorContact {
  contactSeq++;
  return {
    id: `ct-${contactSeq}`,
    caseId,
    agencyId: 'desk',
    occurredOn,
    channel: 'phone',
    consultingParty: { kind: 'householdMember', householdMemberId: 'p-mother' },
    personContact: 'none',
    contents: ['relationshipBuilding'],
    ...more,
  };
}

function stage(
  caseId: string,
  sequence: number,
  from: SupportStage | null,
  to: SupportStage,
  effectiveOn: CalendarDate,
): IndicatorStageEntry {
  const order = ['encounter', 'individual', 'group', 'socialParticipation'];
  const direction = from === null ? 'initial' : order.indexOf(to) > order.indexOf(from) ? 'forward' : 'back';
  return { caseId, sequence, from, to, direction, effectiveOn };
}

function status(
  caseId: string,
  sequence: number,
  to: IndicatorStatusEntry['to'],
  effectiveOn: CalendarDate,
): IndicatorStatusEntry {
  return { caseId, sequence, to, effectiveOn, reason: to === 'closed' ? 'personWish' : null };
}

type Step =
  | ['accepted' | 'declined' | 'withdrawn', CalendarDate]
  | ['completed', CalendarDate, 'connected' | 'notConnected'];

function referral(
  id: string,
  caseId: string,
  toAgencyId: string,
  sentOn: CalendarDate,
  steps: Step[] = [],
  more: Partial<IndicatorReferral> = {},
): IndicatorReferral {
  let current: IndicatorReferral = {
    id,
    caseId,
    fromAgencyId: 'desk',
    toAgencyId,
    status: 'sent',
    sentOn,
    outcome: null,
    completedOn: null,
    previousReferralId: null,
    history: [{ from: null, to: 'sent', on: sentOn, actor }],
    ...more,
  };
  for (const step of steps) {
    const [to, on] = step;
    current = {
      ...current,
      status: to,
      history: [...current.history, { from: current.status, to, on, actor }],
      ...(step[0] === 'completed' ? { completedOn: on, outcome: step[2] } : {}),
    };
  }
  return current;
}

function dataset(parts: Partial<IndicatorDataset>): IndicatorDataset {
  return { ...EMPTY_INDICATOR_DATASET, agencies, ...parts };
}

const FY2024: ReportingPeriod = { kind: 'fiscalYear', fiscalYear: 2024 };
const H1_2024: ReportingPeriod = { kind: 'firstHalf', fiscalYear: 2024 };
const ALL: IndicatorScope = { kind: 'all' };

function run(
  data: IndicatorDataset,
  period: ReportingPeriod = FY2024,
  scope: IndicatorScope = ALL,
  publishing = false,
): IndicatorReport {
  return computeIndicators(data, { period, scope, publishing });
}

/** The shown value of a cell; fails the test when the cell is suppressed. */
function v(cell: Cell): number {
  const n = cellValue(cell);
  if (n === null) throw new Error('cell is suppressed');
  return n;
}

describe('computeIndicators: periods', () => {
  const data = dataset({
    cases: [kase('c1', 'p1')],
    persons: [person('p1')],
    contacts: [contact('c1', '2024-03-31'), contact('c1', '2024-04-01')],
  });

  it('counts a contact on 31 March in the previous fiscal year and one on 1 April in the new one', () => {
    const fy2023 = run(data, { kind: 'fiscalYear', fiscalYear: 2023 });
    expect(v(fy2023.contacts.total)).toBe(1);
    expect(v(fy2023.consultations.newCases)).toBe(1);
    expect(fy2023.periodLabel).toBe('令和5年度');
    expect(fy2023.range).toEqual({ start: '2023-04-01', end: '2024-03-31' });

    const fy2024 = run(data, FY2024);
    expect(v(fy2024.contacts.total)).toBe(1);
    expect(v(fy2024.consultations.newCases)).toBe(0);
    expect(v(fy2024.consultations.continuingCases)).toBe(1);
    expect(fy2024.periodLabel).toBe('令和6年度');
  });

  it('reports half-years with their labels and ranges', () => {
    const h1 = run(data, H1_2024);
    expect(h1.periodLabel).toBe('令和6年度上半期');
    expect(v(h1.contacts.total)).toBe(1);
    const h2 = run(data, { kind: 'secondHalf', fiscalYear: 2023 });
    expect(h2.periodLabel).toBe('令和5年度下半期');
    expect(h2.range).toEqual({ start: '2023-10-01', end: '2024-03-31' });
    expect(v(h2.contacts.total)).toBe(1);
  });
});

describe('computeIndicators: consultations and contacts', () => {
  it('tells new consultations (first contact ever in the period) from continuing ones', () => {
    const data = dataset({
      cases: [kase('old', 'p1'), kase('new', 'p2'), kase('quiet', 'p3')],
      persons: [person('p1'), person('p2'), person('p3')],
      contacts: [
        contact('old', '2023-06-01'),
        contact('old', '2024-05-01'),
        contact('new', '2024-07-01'),
        contact('new', '2024-08-01'),
        contact('quiet', '2023-05-01'), // no contact in the period: neither new nor continuing
      ],
    });
    const r = run(data);
    expect(v(r.consultations.cases)).toBe(2);
    expect(v(r.consultations.newCases)).toBe(1);
    expect(v(r.consultations.continuingCases)).toBe(1);
  });

  it('counts 延べ (every contact) apart from 実人数 (distinct persons)', () => {
    // p1 has two cases (moved between municipalities); p2 one case with three contacts.
    const data = dataset({
      cases: [kase('a', 'p1'), kase('b', 'p1', { municipalityCode: YOKKAICHI }), kase('c', 'p2')],
      persons: [person('p1'), person('p2')],
      contacts: [
        contact('a', '2024-04-10'),
        contact('b', '2024-11-10'),
        contact('c', '2024-05-01'),
        contact('c', '2024-06-01'),
        contact('c', '2024-07-01'),
      ],
    });
    const r = run(data);
    expect(v(r.contacts.total)).toBe(5);
    expect(v(r.contacts.people)).toBe(2);
    expect(v(r.consultations.cases)).toBe(3);
  });

  it('counts contacts by channel and consulting-party category', () => {
    const data = dataset({
      cases: [kase('c1', 'p1')],
      persons: [person('p1')],
      contacts: [
        contact('c1', '2024-05-01', { channel: 'phone' }),
        contact('c1', '2024-05-02', {
          channel: 'homeVisit',
          consultingParty: { kind: 'householdMember', householdMemberId: 'p1-sister' },
        }),
        contact('c1', '2024-05-03', {
          channel: 'officeVisit',
          consultingParty: { kind: 'person' },
          personContact: 'reached',
        }),
        contact('c1', '2024-05-04', {
          channel: 'email',
          consultingParty: { kind: 'householdMember', householdMemberId: 'p1-mother' },
        }),
        contact('c1', '2024-05-05', {
          channel: 'phone',
          consultingParty: { kind: 'agency', agencyId: 'shakyo' },
        }),
      ],
    });
    const r = run(data);
    expect(v(r.contactsByChannel.phone)).toBe(2);
    expect(v(r.contactsByChannel.homeVisit)).toBe(1);
    expect(v(r.contactsByChannel.officeVisit)).toBe(1);
    expect(v(r.contactsByChannel.email)).toBe(1);
    expect(v(r.contactsByChannel.sns)).toBe(0);
    // 'p-mother' (default) is not in p1's household: it still consulted as family → otherFamily.
    expect(v(r.contactsByConsultingParty.otherFamily)).toBe(1);
    expect(v(r.contactsByConsultingParty.parent)).toBe(1);
    expect(v(r.contactsByConsultingParty.sibling)).toBe(1);
    expect(v(r.contactsByConsultingParty.person)).toBe(1);
    expect(v(r.contactsByConsultingParty.agency)).toBe(1);
  });

  it("counts a mother's call about her 52-year-old in 50代, by the person's age on the contact date", () => {
    const data = dataset({
      cases: [kase('c1', 'p1'), kase('c2', 'p2'), kase('c3', 'p3')],
      persons: [person('p1', '1972-01-15'), person('p2', '1974-06-02'), person('p3', null)],
      contacts: [
        contact('c1', '2024-06-01', {
          consultingParty: { kind: 'householdMember', householdMemberId: 'p1-mother' },
        }),
        contact('c2', '2024-06-01'), // the day before the 50th birthday: 40代
        contact('c2', '2024-06-02'), // the birthday: 50代
        contact('c3', '2024-06-02'), // birth unknown
      ],
    });
    const r = run(data);
    expect(v(r.contactsByConsultingParty.parent)).toBe(1);
    expect(v(r.contactsByAgeBand['50s'])).toBe(2);
    expect(v(r.contactsByAgeBand['40s'])).toBe(1);
    expect(v(r.contactsByAgeBand.unknown)).toBe(1);
    expect(v(r.contactsByAgeBand['60plus'])).toBe(0); // the 79-year-old mother is not counted
  });

  it('tells people reached in the period from people reached only through the family', () => {
    const data = dataset({
      cases: [kase('x', 'px'), kase('y', 'py'), kase('z', 'pz')],
      persons: [person('px'), person('py'), person('pz')],
      contacts: [
        contact('x', '2024-05-01', { personContact: 'none' }),
        contact('x', '2024-09-01', { channel: 'homeVisit', personContact: 'reached' }),
        contact('y', '2024-05-01', { channel: 'homeVisit', personContact: 'attempted' }),
        contact('y', '2024-06-01', { personContact: 'none' }),
        contact('z', '2024-02-01', { channel: 'homeVisit', personContact: 'reached' }), // before the period
        contact('z', '2024-06-01', { personContact: 'none' }),
      ],
    });
    const r = run(data);
    expect(v(r.contacts.people)).toBe(3);
    expect(v(r.reach.reached)).toBe(1);
    expect(v(r.reach.familyOnly)).toBe(2);
  });
});

describe('computeIndicators: connections and referrals', () => {
  it('counts cases connected to a place or an agency in the period, each case once', () => {
    const attendances: PlaceAttendance[] = [
      { caseId: 'place', attendedOn: '2024-06-01', placeId: 'ibasho-1' },
      { caseId: 'place', attendedOn: '2024-07-01', placeId: 'ibasho-1' },
      { caseId: 'both', attendedOn: '2024-10-01', placeId: 'ibasho-2' },
      { caseId: 'late', attendedOn: '2025-04-01', placeId: 'ibasho-1' },
    ];
    const data = dataset({
      cases: ['place', 'agency', 'both', 'late', 'pending'].map((id) => kase(id, `p-${id}`)),
      placeAttendances: attendances,
      referrals: [
        referral('r1', 'agency', 'saposute', '2024-05-01', [
          ['accepted', '2024-05-02'],
          ['completed', '2024-06-01', 'connected'],
        ]),
        referral('r2', 'both', 'hospital', '2024-05-01', [
          ['accepted', '2024-05-02'],
          ['completed', '2024-06-01', 'connected'],
        ]),
        referral('r3', 'late', 'hospital', '2024-05-01', [
          ['accepted', '2024-05-02'],
          ['completed', '2024-06-01', 'notConnected'],
        ]),
        referral('r4', 'pending', 'hospital', '2025-03-01', [
          ['accepted', '2025-03-02'],
          ['completed', '2025-04-02', 'connected'], // after the period
        ]),
      ],
    });
    const r = run(data);
    expect(v(r.connections.toPlace)).toBe(2);
    expect(v(r.connections.toAgency)).toBe(2);
    expect(v(r.connections.cases)).toBe(3);
  });

  it('counts referrals sent in the period by receiving sector × outcome, a declined one and its re-referral apart', () => {
    const declined = referral('r1', 'c1', 'hospital', '2024-05-01', [['declined', '2024-05-10']]);
    const data = dataset({
      cases: [kase('c1', 'p1'), kase('c2', 'p2')],
      referrals: [
        declined,
        referral(
          'r2',
          'c1',
          'saposute',
          '2024-05-15',
          [
            ['accepted', '2024-05-20'],
            ['completed', '2024-07-01', 'connected'],
          ],
          { previousReferralId: 'r1' },
        ),
        referral('r3', 'c2', 'centre', '2024-09-20', [
          ['accepted', '2024-09-25'],
          ['completed', '2024-10-10', 'notConnected'],
        ]),
        referral('r4', 'c2', 'shakyo', '2024-06-01', [['withdrawn', '2024-06-03']]),
        referral('r5', 'c2', 'shakyo', '2024-03-31', [['accepted', '2024-04-02']]), // sent in FY2023
        referral('r6', 'c2', 'unknown-agency', '2025-03-31'),
      ],
    });
    const r = run(data);
    expect(v(r.referrals.total)).toBe(5);
    expect(v(r.referrals.reReferrals)).toBe(1);
    expect(v(r.referrals.bySector.health.byOutcome.declined)).toBe(1);
    expect(v(r.referrals.bySector.health.byOutcome.notConnected)).toBe(1);
    expect(v(r.referrals.bySector.health.total)).toBe(2);
    expect(v(r.referrals.bySector.employment.byOutcome.connected)).toBe(1);
    expect(v(r.referrals.bySector.welfare.byOutcome.withdrawn)).toBe(1);
    expect(v(r.referrals.bySector.welfare.byOutcome.pending)).toBe(0);
    expect(v(r.referrals.bySector.unknown.byOutcome.pending)).toBe(1);
    expect(v(r.referrals.byOutcome.declined)).toBe(1);
    expect(v(r.referrals.byOutcome.connected)).toBe(1);
    expect(v(r.referrals.byOutcome.pending)).toBe(1);

    // In the first half r3 is sent but not yet completed: pending at 30 September.
    const h1 = run(data, H1_2024);
    expect(v(h1.referrals.total)).toBe(4);
    expect(v(h1.referrals.bySector.health.byOutcome.pending)).toBe(1);
    expect(v(h1.referrals.bySector.health.byOutcome.notConnected)).toBe(0);
    // r2 was completed on 1 July, inside the first half.
    expect(v(h1.referrals.bySector.employment.byOutcome.connected)).toBe(1);
  });
});

describe('computeIndicators: stages', () => {
  const stages = [
    stage('reg', 1, null, 'encounter', '2024-04-01'),
    stage('reg', 2, 'encounter', 'individual', '2024-06-01'),
    stage('reg', 3, 'individual', 'group', '2024-09-01'),
    stage('reg', 4, 'group', 'encounter', '2025-01-10'), // re-withdrawal
    stage('closed', 1, null, 'encounter', '2023-04-01'),
    stage('closed', 2, 'encounter', 'individual', '2024-05-01'),
    stage('reopened', 1, null, 'individual', '2023-04-01'),
    stage('paused', 1, null, 'group', '2023-04-01'),
    stage('later', 1, null, 'encounter', '2025-04-01'),
    stage('nohist', 1, null, 'socialParticipation', '2022-04-01'),
  ];
  const data = dataset({
    cases: [
      kase('reg', 'p1', { openedOn: '2024-04-01' }),
      kase('closed', 'p2', { openedOn: '2023-04-01', status: { state: 'active', since: '2023-04-01' } }),
      kase('reopened', 'p3', { openedOn: '2023-04-01' }),
      kase('paused', 'p4', { openedOn: '2023-04-01' }),
      kase('later', 'p5', { openedOn: '2025-04-01' }),
      // No status history: the record's status says it closed after the period ended.
      kase('nohist', 'p6', {
        openedOn: '2022-04-01',
        status: { state: 'closed', since: '2025-05-01', closureReason: 'work' },
      }),
    ],
    stageHistory: stages,
    statusHistory: [
      status('reg', 1, 'active', '2024-04-01'),
      status('closed', 1, 'active', '2023-04-01'),
      status('closed', 2, 'closed', '2024-12-01'),
      status('reopened', 1, 'active', '2023-04-01'),
      status('reopened', 2, 'closed', '2024-01-01'),
      status('reopened', 3, 'active', '2024-11-01'),
      status('paused', 1, 'active', '2023-04-01'),
      status('paused', 2, 'paused', '2024-08-01'),
      status('later', 1, 'active', '2025-04-01'),
    ],
  });

  it('takes the stage on the period end after a regression, for cases open then', () => {
    const r = run(data);
    // reg: back to encounter; reopened: individual; paused: group (paused is still open);
    // nohist: social participation (closed only after the period); closed and later are out.
    expect(v(r.stagesAtEnd.openCases)).toBe(4);
    expect(v(r.stagesAtEnd.byStage.encounter)).toBe(1);
    expect(v(r.stagesAtEnd.byStage.individual)).toBe(1);
    expect(v(r.stagesAtEnd.byStage.group)).toBe(1);
    expect(v(r.stagesAtEnd.byStage.socialParticipation)).toBe(1);

    const h1 = run(data, H1_2024);
    // At 30 September reg is in group; closed is still open (individual); reopened was closed then.
    expect(v(h1.stagesAtEnd.openCases)).toBe(4);
    expect(v(h1.stagesAtEnd.byStage.group)).toBe(2);
    expect(v(h1.stagesAtEnd.byStage.individual)).toBe(1);
    expect(v(h1.stagesAtEnd.byStage.socialParticipation)).toBe(1);
  });

  it('counts forward and back moves in the period by from → to', () => {
    const r = run(data);
    expect(v(r.stageMoves.forward)).toBe(3); // reg ×2, closed ×1
    expect(v(r.stageMoves.back)).toBe(1);
    expect(v(r.stageMoves.total)).toBe(4);
    const count = (from: SupportStage, to: SupportStage) =>
      v(r.stageMoves.byMove.find((m) => m.from === from && m.to === to)?.count ?? { value: -1 });
    expect(count('encounter', 'individual')).toBe(2);
    expect(count('individual', 'group')).toBe(1);
    expect(count('group', 'encounter')).toBe(1);
    expect(count('group', 'individual')).toBe(0);

    const h1 = run(data, H1_2024);
    expect(v(h1.stageMoves.back)).toBe(0);
    expect(v(h1.stageMoves.forward)).toBe(3);
  });
});

describe('computeIndicators: scope', () => {
  // m1 (Tsu): lead desk, centre supporting; m2 (Yokkaichi): lead centre.
  const data = dataset({
    cases: [
      kase('m1', 'p1', { leadAgencyId: 'desk', supportingAgencyIds: ['centre'] }),
      kase('m2', 'p2', { municipalityCode: YOKKAICHI, leadAgencyId: 'centre' }),
    ],
    persons: [person('p1'), person('p2')],
    stageHistory: [
      stage('m1', 1, null, 'encounter', '2020-04-01'),
      stage('m2', 1, null, 'encounter', '2020-04-01'),
    ],
    contacts: [
      contact('m1', '2023-10-01', { agencyId: 'desk' }),
      contact('m1', '2024-05-01', { agencyId: 'desk' }),
      contact('m1', '2024-06-01', { agencyId: 'centre' }),
      contact('m2', '2024-07-01', { agencyId: 'centre' }),
    ],
    referrals: [
      referral('r1', 'm1', 'saposute', '2024-05-01'),
      referral('r2', 'm2', 'hospital', '2024-05-01', [], { fromAgencyId: 'centre' }),
    ],
  });

  it('by municipality: the cases of the municipality with every agency’s contacts', () => {
    const r = run(data, FY2024, { kind: 'municipality', municipalityCode: TSU });
    expect(v(r.contacts.total)).toBe(2);
    expect(v(r.consultations.cases)).toBe(1);
    expect(v(r.consultations.continuingCases)).toBe(1); // first contact (desk) was in 2023
    expect(v(r.referrals.total)).toBe(1);
    expect(v(r.stagesAtEnd.openCases)).toBe(1);
  });

  it("by agency: the agency's own contacts (new = its first contact) and the cases it is lead or supporting in", () => {
    const centre = run(data, FY2024, { kind: 'agency', agencyId: 'centre' });
    expect(v(centre.contacts.total)).toBe(2);
    expect(v(centre.consultations.newCases)).toBe(2); // the centre's first contact with m1 is in 2024
    expect(v(centre.stagesAtEnd.openCases)).toBe(2);
    expect(v(centre.referrals.total)).toBe(1); // only the referral it sent
    expect(v(centre.referrals.bySector.health.byOutcome.pending)).toBe(1);

    const desk = run(data, FY2024, { kind: 'agency', agencyId: 'desk' });
    expect(v(desk.contacts.total)).toBe(1);
    expect(v(desk.consultations.continuingCases)).toBe(1);
    expect(v(desk.stagesAtEnd.openCases)).toBe(1);
    expect(v(desk.referrals.bySector.employment.byOutcome.pending)).toBe(1);
  });

  it('all: everything', () => {
    const r = run(data);
    expect(v(r.contacts.total)).toBe(3);
    expect(v(r.contacts.people)).toBe(2);
    expect(v(r.referrals.total)).toBe(2);
  });

  it('rejects a bad query with a ValidationError naming the field', () => {
    const bad = (q: unknown) => {
      try {
        computeIndicators(data, q as IndicatorQueryInput);
      } catch (e) {
        return e;
      }
      throw new Error('expected a throw');
    };
    const e1 = bad({
      period: FY2024,
      scope: { kind: 'municipality', municipalityCode: '242013' },
      publishing: true,
    });
    expect(e1).toBeInstanceOf(ValidationError);
    expect((e1 as ValidationError).field).toBe('scope.municipalityCode');
    const e2 = bad({ period: { kind: 'quarter', fiscalYear: 2024 }, scope: ALL, publishing: false });
    expect((e2 as ValidationError).field).toBe('period.kind');
    const e3 = bad({ period: FY2024, scope: { kind: 'agency', agencyId: ' ' }, publishing: false });
    expect((e3 as ValidationError).field).toBe('scope.agencyId');
  });
});

describe('computeIndicators: publishing', () => {
  // 12 contacts: phone 1, email 4, officeVisit 7.
  const contacts = [
    contact('c1', '2024-05-01', { channel: 'phone' }),
    ...Array.from({ length: 4 }, (_, i) => contact('c1', `2024-06-0${i + 1}`, { channel: 'email' })),
    ...Array.from({ length: 7 }, (_, i) =>
      contact('c2', `2024-07-0${i + 1}`, {
        channel: 'officeVisit',
        consultingParty: { kind: 'person' },
        personContact: 'reached',
      }),
    ),
  ];
  const data = dataset({
    cases: [kase('c1', 'p1'), kase('c2', 'p2')],
    persons: [person('p1', '1990-01-01'), person('p2', '2000-01-01')],
    contacts,
  });

  it('shows every count inside the agency', () => {
    const r = run(data, FY2024, ALL, false);
    expect(v(r.contactsByChannel.phone)).toBe(1);
    expect(v(r.contacts.people)).toBe(2);
  });

  it('suppresses 1–2 and the cell that would give a suppressed one away', () => {
    const r = run(data, FY2024, ALL, true);
    expect(r.publishing).toBe(true);
    expect(r.contactsByChannel.phone).toEqual({ suppressed: true, reason: 'small' });
    expect(r.contactsByChannel.email).toEqual({ suppressed: true, reason: 'complementary' });
    expect(v(r.contactsByChannel.officeVisit)).toBe(7);
    expect(v(r.contactsByChannel.sns)).toBe(0);
    expect(v(r.contacts.total)).toBe(12);
    expect(r.contacts.people).toEqual({ suppressed: true, reason: 'small' });
    // 実人数 2 is hidden; reached (p2) and family-only (p1) are 1 each: hidden too.
    expect(cellValue(r.reach.reached)).toBeNull();
    expect(cellValue(r.reach.familyOnly)).toBeNull();
    // Age bands: 30代 5 (p1, born 1990), 20代 7 (p2): nothing small.
    expect(v(r.contactsByAgeBand['30s'])).toBe(5);
    expect(v(r.contactsByAgeBand['20s'])).toBe(7);
  });

  it('gives flat rows for a table, with null for suppressed figures', () => {
    const rows = indicatorRows(run(data, FY2024, ALL, true));
    const row = (section: string, key: string) => rows.find((r) => r.section === section && r.key === key);
    expect(row('contactsByChannel', 'phone')).toEqual({
      section: 'contactsByChannel',
      key: 'phone',
      labelJa: '電話',
      value: null,
      suppressed: true,
    });
    expect(row('contactsByChannel', 'officeVisit')).toMatchObject({ value: 7, suppressed: false });
    expect(row('contactsByAgeBand', '50s')).toMatchObject({ labelJa: '50代', value: 0 });
    expect(row('referralsBySector', 'health.declined')).toMatchObject({
      labelJa: '保健・医療／辞退',
      value: 0,
    });
    expect(row('stageMoves', 'group->encounter')?.labelJa).toBe(
      '中間的・過渡期的な集団との再会段階→出会い・評価段階',
    );
    // Every row is unique and either shown or suppressed, never both.
    expect(new Set(rows.map((r) => `${r.section}.${r.key}`)).size).toBe(rows.length);
    for (const r of rows) expect(r.value === null).toBe(r.suppressed);
  });
});

describe('computeIndicators: records without a case', () => {
  const anon = (
    occurredOn: string,
    more: Partial<IndicatorDataset['anonymousConsultations'][number]> = {},
  ) => ({
    agencyId: 'desk',
    municipalityCode: TSU,
    occurredOn,
    channel: 'phone' as const,
    consultingParty: 'parent' as const,
    ageBand: 'unknown' as const,
    ...more,
  });
  const data = dataset({
    cases: [kase('a', 'p-a'), kase('b', 'p-b')],
    anonymousConsultations: [
      anon('2024-04-01', { ageBand: '40s' }),
      anon('2024-06-01', { channel: 'email', consultingParty: 'person', municipalityCode: null }),
      anon('2024-07-01', { agencyId: 'centre', municipalityCode: YOKKAICHI }),
      anon('2025-04-01'), // after the period
    ],
    places: [
      { id: 'ibasho', agencyId: 'desk', municipalityCode: TSU, kind: 'ibasho' },
      { id: 'class', agencyId: 'centre', municipalityCode: YOKKAICHI, kind: 'familyClass' },
    ],
    placeAttendances: [
      { caseId: 'a', attendedOn: '2024-06-01', placeId: 'ibasho' },
      { caseId: 'a', attendedOn: '2024-07-01', placeId: 'ibasho' },
      { caseId: 'b', attendedOn: '2024-07-01', placeId: 'class' },
    ],
    sessionHeadcounts: [
      { placeId: 'ibasho', heldOn: '2024-06-01', persons: 3, familyMembers: 1 },
      { placeId: 'class', heldOn: '2024-07-01', persons: 0, familyMembers: 6 },
      { placeId: 'class', heldOn: '2025-04-02', persons: 0, familyMembers: 9 },
    ],
    conferences: [
      { organiserAgencyId: 'desk', heldOn: '2024-05-01', caseCount: 3 },
      { organiserAgencyId: 'centre', heldOn: '2024-05-02', caseCount: 1 },
    ],
    agencies: agencies.map((a) => ({ ...a, municipalityCode: a.id === 'centre' ? YOKKAICHI : TSU })),
  });

  it('counts anonymous consultations in 延べ by channel, party and age band, never in 実人数', () => {
    const r = run(data);
    expect(v(r.anonymousConsultations.total)).toBe(3);
    expect(v(r.anonymousConsultations.byChannel.phone)).toBe(2);
    expect(v(r.anonymousConsultations.byConsultingParty.person)).toBe(1);
    expect(v(r.anonymousConsultations.byAgeBand['40s'])).toBe(1);
    expect(v(r.contacts.people)).toBe(0);
    expect(v(run(data, FY2024, { kind: 'agency', agencyId: 'desk' }).anonymousConsultations.total)).toBe(2);
    // By where the person lives: one did not say.
    expect(
      v(run(data, FY2024, { kind: 'municipality', municipalityCode: TSU }).anonymousConsultations.total),
    ).toBe(1);
  });

  it('adds unregistered headcounts to registered attendance by the place running the session', () => {
    const all = run(data).groupAttendance;
    expect(
      [all.total, all.registered, all.registeredCases, all.unregisteredPersons, all.unregisteredFamily].map(
        v,
      ),
    ).toEqual([13, 3, 2, 3, 7]);
    const desk = run(data, FY2024, { kind: 'agency', agencyId: 'desk' }).groupAttendance;
    expect([desk.total, desk.registered, desk.registeredCases].map(v)).toEqual([6, 2, 1]);
    const yokkaichi = run(data, FY2024, {
      kind: 'municipality',
      municipalityCode: YOKKAICHI,
    }).groupAttendance;
    expect(v(yokkaichi.unregisteredFamily)).toBe(6);
  });

  it('counts conferences held by the organiser or its municipality', () => {
    expect([run(data).conferences.held, run(data).conferences.casesDiscussed].map(v)).toEqual([2, 4]);
    const tsu = run(data, FY2024, { kind: 'municipality', municipalityCode: TSU }).conferences;
    expect([tsu.held, tsu.casesDiscussed].map(v)).toEqual([1, 3]);
  });

  it('suppresses a small unregistered count together with what would give it away', () => {
    const r = run(data, FY2024, { kind: 'agency', agencyId: 'desk' }, true);
    expect(r.groupAttendance.unregisteredFamily).toMatchObject({ suppressed: true });
    expect(r.groupAttendance.registered).toMatchObject({ suppressed: true });
    expect(
      indicatorRows(r)
        .filter((row) => row.section === 'groupAttendance')
        .map((row) => row.key),
    ).toEqual(['total', 'registered', 'registeredCases', 'unregisteredPersons', 'unregisteredFamily']);
  });
});
