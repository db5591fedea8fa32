import { describe, expect, it } from 'vitest';
import { type Actor, createInMemoryRegister } from './index.ts';

// The README's integrator example, kept running.
describe('README integrator example', () => {
  it('opens a case from a mother’s call and reports it as a new consultation', async () => {
    const { register } = await createInMemoryRegister({ clock: () => new Date('2026-04-01T01:00:00Z') });
    const centre = await register.agencies.registerFirst({
      kind: 'hikikomoriRegionalCentre',
      name: '架空県ひきこもり地域支援センター',
      municipalityCode: '242012',
    });
    const worker: Actor = { staffId: 'w1', agencyId: centre.id, role: 'staff' };
    await register.cases.open(worker, {
      person: {
        displayName: '架空 太郎',
        birthYearMonth: '1971-05',
        municipalityCode: '242012',
        household: [{ ref: 'mother', relation: 'mother', birthYear: 1945, livesWithPerson: true }],
      },
      case: { municipalityCode: '242012', openedOn: '2026-04-01', familyStage: 'consultation' },
      firstContact: {
        occurredOn: '2026-04-01',
        channel: 'phone',
        personContact: 'none',
        contents: ['relationshipBuilding'],
        consultingParty: { kind: 'householdMember', householdMemberId: 'mother' },
      },
    });
    const report = await register.indicators.report(worker, {
      period: { kind: 'fiscalYear', fiscalYear: 2026 },
      scope: { kind: 'agency', agencyId: centre.id },
      publishing: false,
    });
    expect(report.periodLabel).toBe('令和8年度');
    expect(report.consultations.newCases).toEqual({ value: 1 });
    expect(report.contactsByConsultingParty.parent).toEqual({ value: 1 });
  });
});
