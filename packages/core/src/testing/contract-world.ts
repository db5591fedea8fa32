import type { Actor } from '../shared/actor.ts';
import type { CaseSection } from '../shared/case-section.ts';
import type { Register } from '../use-cases/register.ts';

/** Builds a fresh, empty register (with the default checklist installed) on the storage under test. */
export type RegisterFactory = (options: { clock: () => Date; newId: () => string }) => Promise<Register>;

/** The fixtures every contract suite starts from, on the storage under test. */
export function contractWorld(makeRegister: RegisterFactory) {
  /** A register with four agencies and a clock the test moves (Japan time, 10:00). */
  async function setUp() {
    let today = '2023-06-01';
    let ids = 0;
    const prefix = Math.random().toString(36).slice(2, 8);
    const register = await makeRegister({
      clock: () => new Date(`${today}T01:00:00Z`),
      newId: () => `${prefix}-${String(++ids).padStart(6, '0')}`,
    });
    const centre = await register.agencies.registerFirst({
      kind: 'hikikomoriRegionalCentre',
      name: '架空県ひきこもり地域支援センター',
      municipalityCode: '242012',
    });
    const admin: Actor = { staffId: 'admin-1', agencyId: centre.id, role: 'agencyAdmin' };
    const hospital = await register.agencies.register(admin, {
      kind: 'medicalInstitution',
      name: '架空こころの医療センター',
      municipalityCode: '242012',
    });
    const station = await register.agencies.register(admin, {
      kind: 'youthSupportStation',
      name: '架空地域若者サポートステーション',
      municipalityCode: '242012',
    });
    const unrelated = await register.agencies.register(admin, {
      kind: 'socialWelfareCouncil',
      name: '架空町社会福祉協議会',
      municipalityCode: '242012',
    });
    const actor = (
      agencyId: string,
      role: Actor['role'] = 'staff',
      staffId = `${agencyId}-staff`,
    ): Actor => ({
      staffId,
      agencyId,
      role,
    });
    return {
      register,
      setToday: (d: string) => {
        today = d;
      },
      centre,
      hospital,
      station,
      unrelated,
      worker: actor(centre.id),
      auditor: actor(centre.id, 'auditor'),
      admin,
      hospitalWorker: actor(hospital.id),
      stationWorker: actor(station.id),
      outsider: actor(unrelated.id),
    };
  }

  /**
   * 受付 from a mother's phone call about her 52-year-old son. Suites open it several times as
   * several cases, so the duplicate check is confirmed away (the persons suite exercises it).
   */
  async function openFromMothersCall(t: Awaited<ReturnType<typeof setUp>>) {
    return t.register.cases.open(t.worker, {
      confirmNotDuplicate: true,
      person: {
        displayName: '架空 太郎',
        kana: 'かくう たろう',
        birthDate: '1971-05-10',
        sex: 'male',
        municipalityCode: '242012',
        household: [{ ref: 'mother', relation: 'mother', birthYear: 1945, livesWithPerson: true }],
      },
      case: { municipalityCode: '242012', openedOn: '2023-06-01', familyStage: 'consultation' },
      firstContact: {
        occurredOn: '2023-06-01',
        channel: 'phone',
        consultingParty: { kind: 'householdMember', householdMemberId: 'mother' },
        personContact: 'none',
        contents: ['relationshipBuilding'],
        durationMinutes: 40,
        note: { text: '母より電話。息子が20年以上ほぼ自室にいる。', visibility: 'notForPerson' },
      },
    });
  }

  /** With the person's consent for the health sector, a referral to the hospital still waiting for an answer. */
  async function referToHospital(
    t: Awaited<ReturnType<typeof setUp>>,
    caseId: string,
    sharedSections: readonly CaseSection[],
  ) {
    const consent = await t.register.sharing.recordConsent(t.worker, {
      caseId,
      givenBy: { kind: 'person' },
      scope: { sectors: ['health'] },
      givenOn: '2023-06-01',
    });
    return t.register.referrals.send(t.worker, {
      caseId,
      toAgencyId: t.hospital.id,
      reason: '相談',
      requestedService: '受診',
      legalBasis: { kind: 'consent', consentId: consent.id },
      sharedSections: [...sharedSections],
      sentOn: '2023-06-01',
    });
  }

  /** Closes the case on its opening day and runs the retention six years on: its text is erased. */
  async function closeAndRetain(t: Awaited<ReturnType<typeof setUp>>, caseId: string) {
    await t.register.cases.changeStatus(t.worker, caseId, {
      to: 'closed',
      closureReason: 'other',
      note: '転居',
      effectiveOn: '2023-06-01',
      expectedVersion: 1,
    });
    t.setToday('2029-06-01');
    await t.register.retention.run({});
  }

  return { setUp, openFromMothersCall, referToHospital, closeAndRetain };
}

export type ContractWorld = Awaited<ReturnType<ReturnType<typeof contractWorld>['setUp']>>;
