import { describe, expect, it } from 'vitest';
import type { CalendarDate } from '../shared/dates.ts';
import {
  EMPTY_INDICATOR_DATASET,
  type IndicatorCase,
  type IndicatorContact,
  type IndicatorDataset,
  type IndicatorPerson,
  type IndicatorQueryInput,
} from './indicator-input.ts';
import { indicatorRows } from './indicator-rows.ts';
import { computeIndicators } from './indicators.ts';
import { type Cell, cellValue, isSuppressed } from './suppression.ts';

const TSU = '242012';
const YOKKAICHI = '242021';
const MATSUSAKA = '242047';

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

function person(id: string, sex: IndicatorPerson['sex'], birthDate: CalendarDate | null): IndicatorPerson {
  return { id, sex, birthDate, birthYearMonth: birthDate?.slice(0, 7) ?? null, household: [] };
}

let seq = 0;
function contact(
  caseId: string,
  occurredOn: CalendarDate,
  more: Partial<IndicatorContact> = {},
): IndicatorContact {
  seq++;
  return {
    id: `k${seq}`,
    caseId,
    agencyId: 'desk',
    occurredOn,
    channel: 'phone',
    consultingParty: { kind: 'person' },
    personContact: 'reached',
    contents: ['relationshipBuilding'],
    ...more,
  };
}

const base: IndicatorDataset = {
  ...EMPTY_INDICATOR_DATASET,
  agencies: [
    { id: 'desk', kind: 'municipalHikikomoriDesk', municipalityCode: TSU },
    { id: 'centre', kind: 'hikikomoriRegionalCentre', municipalityCode: YOKKAICHI },
    { id: 'npo', kind: 'privateSupportOrganisation' },
  ],
};

const FY2024 = { kind: 'fiscalYear', fiscalYear: 2024 } as const;
const run = (data: IndicatorDataset, more: Partial<IndicatorQueryInput> = {}) =>
  computeIndicators(data, { period: FY2024, scope: { kind: 'all' }, publishing: false, ...more });
const v = (cell: Cell): number => {
  const n = cellValue(cell);
  if (n === null) throw new Error('suppressed');
  return n;
};

describe('indicator breakdowns', () => {
  it('counts each person once by sex and by the age band on the period’s last day', () => {
    const data: IndicatorDataset = {
      ...base,
      cases: [kase('a', 'p1'), kase('b', 'p2'), kase('c', 'p3'), kase('d', 'p1')],
      persons: [
        // 29 on 1 April 2024, 30 from 1 March 2025: in the 30s at the fiscal year's end.
        person('p1', 'female', '1995-03-01'),
        person('p2', 'male', '1980-06-30'),
        person('p3', 'male', null),
      ],
      contacts: [
        contact('a', '2024-04-02'),
        contact('d', '2024-05-02'), // the same person on another case
        contact('b', '2024-06-01', { contents: ['visit', 'watchingOver', 'visit'] }),
        contact('c', '2024-07-01', { contents: ['employmentSupport'] }),
        contact('c', '2023-07-01', { contents: ['medical'] }), // before the period
      ],
    };
    const b = run(data).breakdowns;
    expect(v(b.peopleBySexAge.female['30s'])).toBe(1);
    expect(v(b.peopleBySexAge.female['20s'])).toBe(0);
    expect(v(b.peopleBySexAge.male['40s'])).toBe(1);
    expect(v(b.peopleBySexAge.male.unknown)).toBe(1);
    expect(v(b.peopleBySex.male)).toBe(2);
    expect(v(b.peopleBySex.female)).toBe(1);
    // A contact counts once per content, however often the content is listed.
    expect(v(b.contactsByContent.relationshipBuilding)).toBe(2);
    expect(v(b.contactsByContent.visit)).toBe(1);
    expect(v(b.contactsByContent.watchingOver)).toBe(1);
    expect(v(b.contactsByContent.employmentSupport)).toBe(1);
    expect(v(b.contactsByContent.medical)).toBe(0);
  });

  it('gives the family stage of cases open at the period end and closures by reason in the period', () => {
    const data: IndicatorDataset = {
      ...base,
      cases: [kase('a', 'p1'), kase('b', 'p2'), kase('c', 'p3'), kase('d', 'p4', { openedOn: '2025-06-01' })],
      persons: [],
      familyStageHistory: [
        { caseId: 'a', sequence: 1, to: 'consultation', effectiveOn: '2021-01-01' },
        { caseId: 'a', sequence: 2, to: 'learning', effectiveOn: '2025-03-31' },
        { caseId: 'b', sequence: 1, to: 'peerSupport', effectiveOn: '2025-04-01' },
      ],
      statusHistory: [
        { caseId: 'c', sequence: 1, to: 'active', effectiveOn: '2020-04-01', reason: null },
        { caseId: 'c', sequence: 2, to: 'closed', effectiveOn: '2024-05-01', reason: 'work' },
        { caseId: 'c', sequence: 3, to: 'active', effectiveOn: '2024-06-01', reason: 'newConsultation' },
        { caseId: 'c', sequence: 4, to: 'closed', effectiveOn: '2025-03-31', reason: 'study' },
        { caseId: 'c', sequence: 5, to: 'active', effectiveOn: '2025-04-01', reason: 'newConsultation' },
        { caseId: 'c', sequence: 6, to: 'closed', effectiveOn: '2025-04-02', reason: 'movedAway' },
      ],
    };
    const b = run(data).breakdowns;
    expect(v(b.familyStagesAtEnd.learning)).toBe(1);
    // b's family track starts after the period: no family stage at the end yet.
    expect(v(b.familyStagesAtEnd.none)).toBe(1);
    expect(v(b.familyStagesAtEnd.peerSupport)).toBe(0);
    expect(v(b.closures.byReason.work)).toBe(1);
    expect(v(b.closures.byReason.study)).toBe(1);
    expect(v(b.closures.byReason.movedAway)).toBe(0);
    expect(v(b.closures.total)).toBe(2);
    expect(v(b.closures.outcomes)).toBe(2);
    // A case without status history closes as its record says.
    const recordOnly = run({
      ...base,
      cases: [
        kase('e', 'p5', {
          status: { state: 'closed', since: '2024-10-10', closureReason: 'selfChosenPath' },
        }),
      ],
    }).breakdowns;
    expect(v(recordOnly.closures.byReason.selfChosenPath)).toBe(1);
  });

  it('splits group participants by kind of place, conferences by the organiser’s municipality, supporters by date', () => {
    const data: IndicatorDataset = {
      ...base,
      places: [
        { id: 'ib', agencyId: 'desk', municipalityCode: TSU, kind: 'ibasho' },
        { id: 'fc', agencyId: 'centre', municipalityCode: YOKKAICHI, kind: 'familyClass' },
      ],
      placeAttendances: [
        { caseId: 'a', attendedOn: '2024-06-01', placeId: 'ib' },
        { caseId: 'a', attendedOn: '2024-07-01', placeId: 'ib' },
        { caseId: 'b', attendedOn: '2024-07-01', placeId: 'fc' },
      ],
      sessionHeadcounts: [
        { placeId: 'fc', heldOn: '2024-07-01', persons: 1, familyMembers: 6 },
        { placeId: 'fc', heldOn: '2025-04-01', persons: 0, familyMembers: 9 },
      ],
      conferences: [
        { organiserAgencyId: 'desk', heldOn: '2024-05-01', caseCount: 2 },
        { organiserAgencyId: 'desk', heldOn: '2024-06-01', caseCount: 1 },
        { organiserAgencyId: 'centre', heldOn: '2024-06-01', caseCount: 3 },
        { organiserAgencyId: 'npo', heldOn: '2024-06-01', caseCount: 1 },
        { organiserAgencyId: 'centre', heldOn: '2023-06-01', caseCount: 3 },
      ],
      supporters: [
        { agencyId: 'desk', municipalityCode: TSU, trainedOn: '2024-03-20', registeredOn: '2024-04-01' },
        { agencyId: 'desk', municipalityCode: TSU, trainedOn: '2024-10-01', registeredOn: '2024-11-01' },
        {
          agencyId: 'centre',
          municipalityCode: YOKKAICHI,
          trainedOn: '2025-03-01',
          registeredOn: '2025-04-01',
        },
      ],
    };
    const b = run(data).breakdowns;
    expect(v(b.attendanceByPlaceKind.ibasho.total)).toBe(2);
    expect(v(b.attendanceByPlaceKind.familyClass.total)).toBe(8);
    expect(v(b.attendanceByPlaceKind.familyClass.unregisteredFamily)).toBe(6);
    expect(v(b.attendanceByPlaceKind.peerGroup.total)).toBe(0);
    expect(
      b.conferencesByMunicipality.map((m) => [m.municipalityCode, v(m.held), v(m.casesDiscussed)]),
    ).toEqual([
      [TSU, 2, 3],
      [YOKKAICHI, 1, 3],
      [null, 1, 1],
    ]);
    expect(v(b.supporters.trained)).toBe(2);
    expect(v(b.supporters.registered)).toBe(2);
    const tsu = run(data, { scope: { kind: 'municipality', municipalityCode: TSU }, publishing: true });
    expect(tsu.breakdowns.conferencesByMunicipality.map((m) => m.municipalityCode)).toEqual([TSU]);
    // Two supporters registered in Tsu: a small count, not shown in published figures.
    expect(isSuppressed(tsu.breakdowns.supporters.registered)).toBe(true);
  });

  it('suppresses small cells of the sex × age table and what would give them away', () => {
    const persons = Array.from({ length: 7 }, (_, i) =>
      person(`p${i}`, i < 6 ? 'male' : 'female', '1990-06-01'),
    );
    const data: IndicatorDataset = {
      ...base,
      persons,
      cases: persons.map((p, i) => kase(`c${i}`, p.id)),
      contacts: persons.map((_, i) => contact(`c${i}`, '2024-05-01')),
    };
    const b = run(data, { publishing: true }).breakdowns;
    expect(isSuppressed(b.peopleBySexAge.female['30s'])).toBe(true);
    expect(isSuppressed(b.peopleBySex.female)).toBe(true);
    // The male total would give the female one away from the published 実人数.
    expect(isSuppressed(b.peopleBySex.male)).toBe(true);
  });

  it('hides a small municipality of conferences together with a partner, since the total is published', () => {
    const held = (organiserAgencyId: string, n: number) =>
      Array.from({ length: n }, (_, i) => ({ organiserAgencyId, heldOn: `2024-05-${10 + i}`, caseCount: 3 }));
    const data: IndicatorDataset = {
      ...base,
      conferences: [...held('desk', 5), ...held('centre', 4), ...held('npo', 1)],
    };
    const report = run(data, { publishing: true });
    expect(v(report.conferences.held)).toBe(10);
    const byCode = new Map(report.breakdowns.conferencesByMunicipality.map((m) => [m.municipalityCode, m]));
    expect(isSuppressed(byCode.get(null)?.held as Cell)).toBe(true);
    // Without a second hidden cell, 10 − 5 − 4 would give the one away.
    expect(isSuppressed(byCode.get(YOKKAICHI)?.held as Cell)).toBe(true);
    expect(v(byCode.get(TSU)?.held as Cell)).toBe(5);
  });

  it('takes a 圏域 as the union of its municipalities', () => {
    const data: IndicatorDataset = {
      ...base,
      cases: [
        kase('a', 'p1'),
        kase('b', 'p2', { municipalityCode: YOKKAICHI }),
        kase('c', 'p3', { municipalityCode: MATSUSAKA }),
      ],
      persons: [person('p1', 'male', null), person('p2', 'male', null), person('p3', 'male', null)],
      contacts: [contact('a', '2024-05-01'), contact('b', '2024-05-01'), contact('c', '2024-05-01')],
    };
    const area = run(data, {
      scope: { kind: 'area', areaId: 'hokusei', municipalityCodes: [TSU, YOKKAICHI] },
    });
    expect(v(area.contacts.people)).toBe(2);
    expect(v(area.breakdowns.peopleBySex.male)).toBe(2);
  });

  it('reports a month and a cut-off period with their labels', () => {
    const data: IndicatorDataset = {
      ...base,
      cases: [kase('a', 'p1')],
      persons: [person('p1', 'female', '2000-01-01')],
      contacts: [contact('a', '2024-04-30'), contact('a', '2024-05-01'), contact('a', '2024-12-31')],
    };
    const april = run(data, { period: { kind: 'month', month: '2024-04' } });
    expect(april.periodLabel).toBe('令和6年4月');
    expect(v(april.contacts.total)).toBe(1);
    const cut = run(data, { period: { kind: 'range', from: '2024-05-01', to: '2024-12-31' } });
    expect(cut.periodLabel).toBe('令和6年5月1日〜令和6年12月31日');
    expect(v(cut.contacts.total)).toBe(2);
    expect(() => run(data, { period: { kind: 'range', from: '2024-05-01', to: '2026-05-01' } })).toThrow(
      /at most 366 days/,
    );
  });

  it('lists every breakdown figure as CSV rows', () => {
    const rows = indicatorRows(run(base));
    const sections = new Set(rows.map((r) => r.section));
    for (const s of ['peopleBySexAge', 'contactsByContent', 'familyStagesAtEnd', 'closures', 'supporters'])
      expect(sections.has(s as never), s).toBe(true);
    expect(rows.find((r) => r.section === 'closures' && r.key === 'work')?.labelJa).toBe('就労');
  });
});
