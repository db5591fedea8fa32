import {
  type Actor,
  type Agency,
  addDays,
  type CalendarDate,
  type CaseView,
  type Register,
} from '@hikikomori-register/core';

/** How many of the centre's active cases the demo case worker is assigned to (主担当 for the lead, else 副担当). */
const ASSIGNED_CASES = 12;

/**
 * 重複の疑い in the demo: one person registered twice at the centre (the first case closed, so the
 * two records can be merged), and one person supported by a partner agency only, whom the centre's
 * intake finds as a record outside its reach.
 */
export const DEMO_DUPLICATES = {
  twice: { displayName: '架空 重複花子', kana: 'かくう じゅうふくはなこ', birthYearMonth: '1994-07' },
  elsewhere: { displayName: '架空 他機関次郎', kana: 'かくう たきかんじろう', birthYearMonth: '1990-11' },
  municipalityCode: '242012',
} as const;

/** Cases `seedDemoCasework` opens besides the seeded ones (the duplicates). */
export const DEMO_CASEWORK_CASES = 3;

export interface DemoCaseworkOptions {
  readonly register: Register;
  readonly centre: Agency;
  readonly workerId: string;
  /** A partner agency and the staff member acting for it. */
  readonly partner: { readonly agency: Agency; readonly staffId: string };
  readonly today: CalendarDate;
}

/**
 * The demo case worker's day, so that 今日の対応一覧, 次回支援予定 and the duplicate check show
 * something on the first start: cases assigned to the worker, planned next contacts due today and
 * later, a pause whose review is due, and the duplicate persons above. Written through the register's
 * use-cases (audited like any other change).
 */
export async function seedDemoCasework(options: DemoCaseworkOptions): Promise<void> {
  const { register, centre, today } = options;
  const worker: Actor = { staffId: options.workerId, agencyId: centre.id, role: 'staff' };
  const staff = { id: options.workerId, agencyId: centre.id, active: true };
  const assign = (caseId: string) => register.assignments.assign(worker, caseId, staff, { primary: true });

  const page = await register.cases.list(worker, { agencyId: centre.id, status: 'active' }, { first: 50 });
  const assigned: CaseView[] = page.items.slice(0, ASSIGNED_CASES);
  for (const view of assigned) await assign(view.record.id);

  // 休止の見直し: a pause at the family's wish, to be looked at again today.
  const toPause = assigned.find((v) => v.record.leadAgencyId === centre.id);
  if (toPause) {
    // Read again: the assignment made a new version of the case.
    const { record } = await register.cases.get(worker, toPause.record.id);
    await register.cases.changeStatus(worker, record.id, {
      to: 'paused',
      pauseReason: 'familyWish',
      reviewOn: today,
      effectiveOn: today,
      expectedVersion: record.version,
    });
  }

  // 次回支援予定: three due today, two later in the week.
  const plans = [
    { plannedOn: today, channel: 'phone', note: '母に電話で様子を聞く' },
    { plannedOn: today, channel: 'homeVisit', note: '午前中に家庭訪問' },
    { plannedOn: today, note: '面談の日程を相談' },
    { plannedOn: addDays(today, 3), channel: 'officeVisit', note: '来所相談' },
    { plannedOn: addDays(today, 7), channel: 'email', note: 'メールで近況をうかがう' },
  ] as const;
  const planned = assigned.filter((v) => v !== toPause);
  for (const [i, plan] of plans.entries()) {
    const view = planned[i];
    if (view) await register.contacts.planNext(worker, view.record.id, plan);
  }

  const { twice, elsewhere, municipalityCode } = DEMO_DUPLICATES;
  const caseDetails = { municipalityCode, openedOn: today };
  const first = await register.cases.open(worker, {
    person: { ...twice, municipalityCode, sex: 'female' },
    case: caseDetails,
  });
  await register.cases.changeStatus(worker, first.case.id, {
    to: 'closed',
    closureReason: 'other',
    note: '二重登録のため終結（名寄せ予定）',
    effectiveOn: today,
    expectedVersion: first.case.version,
  });
  // Registered again a year later with the full birth date; the worker confirmed "another person".
  const second = await register.cases.open(worker, {
    person: {
      displayName: twice.displayName,
      kana: twice.kana,
      birthDate: `${twice.birthYearMonth}-21`,
      municipalityCode,
      sex: 'female',
    },
    confirmNotDuplicate: true,
    case: caseDetails,
  });
  await assign(second.case.id);
  const partnerWorker: Actor = {
    staffId: options.partner.staffId,
    agencyId: options.partner.agency.id,
    role: 'staff',
  };
  await register.cases.open(partnerWorker, {
    person: { ...elsewhere, municipalityCode, sex: 'male' },
    case: caseDetails,
  });
}
