import type { Actor, Register } from '@hikikomori-register/core';
import type { SandboxRegister } from '@hikikomori-register/gateway';

/** The day the workflow runs on in the sandbox: after the fixture's records. */
export const FIXTURE_TODAY = '2025-09-01';

/**
 * What a centre's register already holds before the workflow starts (fictitious): three cases of one
 * case worker — one whose plan review was due on 1 August, one with a referral to a youth support
 * station waiting for an answer, one just opened. Written with the core's use-cases inside the
 * sandbox; the workflow itself goes through the typed client. Returns the case worker's token.
 */
export async function seedCaseload(sandbox: SandboxRegister): Promise<string> {
  const { register, staff } = sandbox.server;
  const centre = sandbox.agency;
  const account = await staff.createStaff({ agencyId: centre.id, displayName: '架空 相談員', role: 'staff' });
  const worker: Actor = { staffId: account.id, agencyId: centre.id, role: 'staff' };
  const admin: Actor = { staffId: 'fixture', agencyId: centre.id, role: 'agencyAdmin' };
  const station = await register.agencies.register(admin, {
    kind: 'youthSupportStation',
    name: '架空地域若者サポートステーション',
    municipalityCode: '242012',
  });

  // 一郎: family-only start, met at home in May, in the group stage since July; review due 1 August.
  const ichiro = await openFromParentsCall(register, worker, '架空 一郎', '1984-07', '2025-04-10');
  await register.contacts.record(worker, {
    caseId: ichiro.id,
    occurredOn: '2025-05-20',
    channel: 'homeVisit',
    consultingParty: { kind: 'person' },
    personContact: 'reached',
    contents: ['visit', 'relationshipBuilding'],
  });
  let version = (
    await register.cases.changeStage(worker, ichiro.id, {
      to: 'individual',
      effectiveOn: '2025-05-20',
      expectedVersion: ichiro.version,
    })
  ).case.version;
  await register.cases.changeStage(worker, ichiro.id, {
    to: 'group',
    effectiveOn: '2025-07-01',
    note: '居場所に通い始めた',
    expectedVersion: version,
  });
  await register.casework.createPlan(worker, {
    caseId: ichiro.id,
    createdOn: '2025-05-25',
    goals: [{ id: 'g1', description: '週1回、居場所に通う', targetDate: '2025-07-31' }],
    reviewDueOn: '2025-08-01',
  });

  // 二郎: came to the office himself; a referral to the station waits for an answer.
  const { case: jiro } = await register.cases.open(worker, {
    person: { displayName: '架空 二郎', birthYearMonth: '1999-03', municipalityCode: '242012' },
    case: { municipalityCode: '242012', openedOn: '2025-06-02' },
    firstContact: {
      occurredOn: '2025-06-02',
      channel: 'officeVisit',
      consultingParty: { kind: 'person' },
      personContact: 'reached',
      contents: ['relationshipBuilding'],
    },
  });
  version = (
    await register.cases.changeStage(worker, jiro.id, {
      to: 'individual',
      effectiveOn: '2025-06-02',
      expectedVersion: jiro.version,
    })
  ).case.version;
  const consent = await register.sharing.recordConsent(worker, {
    caseId: jiro.id,
    givenBy: { kind: 'person' },
    scope: { sectors: ['employment'] },
    givenOn: '2025-08-20',
  });
  await register.referrals.send(worker, {
    caseId: jiro.id,
    toAgencyId: station.id,
    reason: '働くことへの関心が出てきた',
    requestedService: '就労体験',
    legalBasis: { kind: 'consent', consentId: consent.id },
    sharedSections: ['summary', 'person'],
    sentOn: '2025-08-20',
  });

  // 三郎: a father phoned last month.
  await openFromParentsCall(register, worker, '架空 三郎', '1979-11', '2025-08-15', 'father');

  return (await staff.issueToken(account.id, 'stage-tracking example')).token;
}

async function openFromParentsCall(
  register: Register,
  worker: Actor,
  displayName: string,
  birthYearMonth: string,
  on: string,
  relation: 'mother' | 'father' = 'mother',
) {
  const { case: opened } = await register.cases.open(worker, {
    person: {
      displayName,
      birthYearMonth,
      municipalityCode: '242012',
      household: [{ ref: 'parent', relation, livesWithPerson: true }],
    },
    case: { municipalityCode: '242012', openedOn: on, familyStage: 'consultation' },
    firstContact: {
      occurredOn: on,
      channel: 'phone',
      consultingParty: { kind: 'householdMember', householdMemberId: 'parent' },
      personContact: 'none',
      contents: ['relationshipBuilding'],
    },
  });
  return opened;
}
