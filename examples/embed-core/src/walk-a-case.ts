import {
  type Actor,
  createInMemoryRegister,
  DEFAULT_CHECKLIST,
  indicatorRows,
  STAGE_LABELS_JA,
} from '@hikikomori-register/core';

/**
 * An integrator's walk through the core, in memory: a case opened from a mother's phone call
 * (family-only start), home visits until the person is met, an assessment, the individual and group
 * stages, a step back after re-withdrawal, and a referral to a youth support station. Prints the stage
 * history and the fiscal-year indicators. `log` receives every line (stdout when run from the CLI).
 */
export async function walkACase(log: (line: string) => void): Promise<void> {
  let today = '2025-04-10';
  const { register } = await createInMemoryRegister({ clock: () => new Date(`${today}T01:00:00Z`) });
  const on = (date: string) => {
    today = date;
    return date;
  };

  const centre = await register.agencies.registerFirst({
    kind: 'hikikomoriRegionalCentre',
    name: '架空県ひきこもり地域支援センター',
    municipalityCode: '242012',
  });
  const admin: Actor = { staffId: 'admin', agencyId: centre.id, role: 'agencyAdmin' };
  const station = await register.agencies.register(admin, {
    kind: 'youthSupportStation',
    name: '架空地域若者サポートステーション',
    municipalityCode: '242012',
  });
  const worker: Actor = { staffId: 'worker-1', agencyId: centre.id, role: 'staff' };
  const stationWorker: Actor = { staffId: 'worker-2', agencyId: station.id, role: 'staff' };

  // 受付: the mother phones; the person (a son of 38) is not reached.
  const opened = await register.cases.open(worker, {
    person: {
      displayName: '架空 一郎',
      kana: 'かくう いちろう',
      birthYearMonth: '1987-02',
      sex: 'male',
      municipalityCode: '242012',
      household: [{ ref: 'mother', relation: 'mother', birthYear: 1958, livesWithPerson: true }],
    },
    case: { municipalityCode: '242012', openedOn: on('2025-04-10'), familyStage: 'consultation' },
    firstContact: {
      occurredOn: '2025-04-10',
      channel: 'phone',
      consultingParty: { kind: 'householdMember', householdMemberId: 'mother' },
      personContact: 'none',
      contents: ['relationshipBuilding'],
    },
  });
  const caseId = opened.case.id;
  const motherId = opened.person.household[0]?.id ?? '';
  log(`opened case ${caseId} from a family-only consultation (stage: ${STAGE_LABELS_JA[opened.case.stage]})`);

  // Home visits: first an attempt, then the person comes to the door.
  await register.contacts.record(worker, {
    caseId,
    occurredOn: on('2025-05-08'),
    channel: 'homeVisit',
    consultingParty: { kind: 'householdMember', householdMemberId: motherId },
    personContact: 'attempted',
    contents: ['visit'],
  });
  await register.contacts.record(worker, {
    caseId,
    occurredOn: on('2025-06-05'),
    channel: 'homeVisit',
    consultingParty: { kind: 'person' },
    personContact: 'reached',
    contents: ['visit', 'relationshipBuilding'],
  });
  let version = opened.case.version;
  const move = async (input: Parameters<typeof register.cases.changeStage>[2]) => {
    const result = await register.cases.changeStage(worker, caseId, input);
    version = result.case.version;
    return result;
  };
  await move({ to: 'individual', effectiveOn: '2025-06-05', expectedVersion: version });

  const answers = Object.fromEntries(DEFAULT_CHECKLIST.domains.flatMap((d) => d.items.map((i) => [i.id, 1])));
  const assessment = await register.casework.recordAssessment(worker, caseId, {
    checklistId: DEFAULT_CHECKLIST.id,
    checklistVersion: DEFAULT_CHECKLIST.version,
    assessedOn: on('2025-06-20'),
    rater: { kind: 'staff', staffId: worker.staffId },
    answers,
  });
  log(`assessment: total ${assessment.scores.total}, stage hint ${assessment.stageHint ?? 'none'}`);

  on('2025-09-01');
  await move({ to: 'group', effectiveOn: '2025-09-01', expectedVersion: version });
  on('2025-11-15');
  await move({
    to: 'individual',
    reason: 'reWithdrawal',
    effectiveOn: '2025-11-15',
    note: '居場所に来なくなった',
    expectedVersion: version,
  });

  // Referral to the youth support station, on the person's consent.
  const consent = await register.sharing.recordConsent(worker, {
    caseId,
    givenBy: { kind: 'person' },
    scope: { sectors: ['employment'] },
    givenOn: on('2026-01-20'),
  });
  const referral = await register.referrals.send(worker, {
    caseId,
    toAgencyId: station.id,
    reason: '働くことへの関心が出てきた',
    requestedService: '就労体験',
    legalBasis: { kind: 'consent', consentId: consent.id },
    sharedSections: ['summary', 'person'],
    sentOn: '2026-01-20',
  });
  await register.referrals.accept(stationWorker, referral.id, { on: on('2026-01-27'), expectedVersion: 1 });
  log(`referral to ${station.name}: accepted`);

  const history = await register.cases.history(worker, caseId);
  log('stage history:');
  for (const e of history.supportStages)
    log(
      `  ${e.effectiveOn}  ${e.from ? STAGE_LABELS_JA[e.from] : '—'} → ${STAGE_LABELS_JA[e.to]}  (${e.reason})`,
    );

  on('2026-04-01');
  const report = await register.indicators.report(worker, {
    period: { kind: 'fiscalYear', fiscalYear: 2025 },
    scope: { kind: 'agency', agencyId: centre.id },
    publishing: false,
  });
  log(`indicators ${report.periodLabel}:`);
  for (const row of indicatorRows(report)) if (row.value) log(`  ${row.labelJa}: ${row.value}`);
}
