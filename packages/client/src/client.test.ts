import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AgencyKind,
  AuthenticationError,
  type CaseSummary,
  createRegisterClient,
  GraphQLResponseError,
  IndicatorTargetChoicesDocument,
  indicatorsCsvParams,
  MeDocument,
  MutationRefusedError,
  type OpenCaseInput,
  type PersonInput,
  type RegisterClient,
  RequestError,
  redeemAgencyInvitation,
  TypedDocumentString,
  type UserError,
  unwrap,
} from './index.ts';
import { localIdOf, startTestGateway, type TestGateway } from './test-support/gateway.ts';

// Operations the client has no ready-made method for go through `request` with a typed document.
const RegisterAgency = new TypedDocumentString<
  { registerAgency: { agency: { id: string } | null; userErrors: UserError[] } },
  { input: { kind: AgencyKind; name: string; municipalityCode: string } }
>(`mutation RegisterAgency($input: RegisterAgencyInput!) {
  registerAgency(input: $input) { agency { id } userErrors { field message code rule } }
}`);

const RecordConsent = new TypedDocumentString<
  { recordConsent: { consent: { id: string } | null; userErrors: UserError[] } },
  { input: { caseId: string; givenBy: { kind: 'PERSON' }; givenOn: string; scope: { sectors: string[] } } }
>(`mutation RecordConsent($input: RecordConsentInput!) {
  recordConsent(input: $input) { consent { id } userErrors { field message code rule } }
}`);

let gateway: TestGateway;
let admin: RegisterClient;
/** Staff of the regional centre, the first agency. */
let worker: RegisterClient;
/** Staff of a youth support station and an NPO: referral recipients. */
let station: RegisterClient;
let npo: RegisterClient;
let stationId: string;
let npoId: string;
let deskId: string;

beforeAll(async () => {
  gateway = await startTestGateway();
  const client = (token: string) => createRegisterClient({ url: gateway.url, token });
  admin = client(gateway.adminToken);
  const centre = (await admin.me()).agency;
  if (!centre) throw new Error('the admin has no agency');
  const registerAgency = async (kind: AgencyKind, name: string) =>
    registeredAgency(
      (await admin.request(RegisterAgency, { input: { kind, name, municipalityCode: '242012' } }))
        .registerAgency,
    ).id;
  stationId = await registerAgency('YOUTH_SUPPORT_STATION', '架空サポートステーション');
  npoId = await registerAgency('PRIVATE_SUPPORT_ORGANISATION', '架空NPO');
  deskId = await registerAgency('MUNICIPAL_HIKIKOMORI_DESK', '架空市ひきこもり支援窓口');
  worker = client(await gateway.staffToken(localIdOf(centre.id)));
  station = client(await gateway.staffToken(localIdOf(stationId)));
  npo = client(await gateway.staffToken(localIdOf(npoId)));
});

afterAll(async () => {
  await gateway?.close();
});

function registeredAgency<T>(payload: { agency: T | null; userErrors: UserError[] }): T {
  if (!payload.agency) throw new Error(JSON.stringify(payload.userErrors));
  return payload.agency;
}

/** A mother phones about her son: the intake every test starts from. */
/** The suite opens this person many times as many cases: the duplicate check is confirmed away. */
function intake(openedOn = '2023-04-03', displayName = '架空 一郎'): OpenCaseInput {
  return {
    confirmNotDuplicate: true,
    person: {
      displayName,
      kana: 'かくう いちろう',
      birthYearMonth: '1987-02',
      sex: 'MALE',
      municipalityCode: '242012',
      household: [{ ref: 'mother', relation: 'MOTHER', birthYear: 1958, livesWithPerson: true }],
    },
    case: { municipalityCode: '242012', openedOn, familyStage: 'CONSULTATION' },
    firstContact: {
      occurredOn: openedOn,
      channel: 'PHONE',
      consultingParty: { kind: 'HOUSEHOLD_MEMBER', householdMemberId: 'mother' },
      personContact: 'NONE',
      contents: ['RELATIONSHIP_BUILDING'],
      note: { text: '母から電話。本人は自室から出ない。', visibility: 'NOT_FOR_PERSON' },
    },
  };
}

/** A case of `client` whose person has been reached, so it may move on from 出会い. */
async function reachedCase(client: RegisterClient) {
  const opened = unwrap(await client.openCase(intake()));
  unwrap(
    await client.recordContact({
      caseId: opened.case.id,
      occurredOn: '2023-04-20',
      channel: 'HOME_VISIT',
      consultingParty: { kind: 'PERSON' },
      personContact: 'REACHED',
      contents: ['VISIT'],
    }),
  );
  return opened;
}

describe('ready-made operations against a real gateway', () => {
  it('opens a case with its household and first contact (受付)', async () => {
    const result = await worker.openCase(intake());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { case: opened, firstContact } = result.value;
    expect(opened).toMatchObject({
      version: 1,
      stage: 'ENCOUNTER',
      familyStage: 'CONSULTATION',
      status: { state: 'ACTIVE', since: '2023-04-03' },
      person: { displayName: '架空 一郎' },
      leadAgency: { name: '架空県ひきこもり地域支援センター', kind: 'HIKIKOMORI_REGIONAL_CENTRE' },
    });
    expect(opened.household).toEqual([
      expect.objectContaining({ relation: 'MOTHER', birthYear: 1958, livesWithPerson: true }),
    ]);
    // The household `ref` of the intake became the member's id on the first contact.
    expect(firstContact?.consultingParty).toMatchObject({
      kind: 'HOUSEHOLD_MEMBER',
      householdMemberId: opened.household?.[0]?.id,
    });
    expect(firstContact?.note).toEqual({
      text: '母から電話。本人は自室から出ない。',
      visibility: 'NOT_FOR_PERSON',
      redacted: false,
    });
    expect(await worker.getCase(opened.id)).toEqual(opened);
  });

  it('records intake attributes and the health background, by version; the health section stays with the case', async () => {
    const opened = unwrap(
      await worker.openCase({
        ...intake('2023-04-03', '架空 二郎'),
        intake: { withdrawalOnset: '2010-10', triggers: ['RETIREMENT'], discoveryRoute: 'FAMILY' },
      }),
    );
    const first = await worker.caseIntake(opened.case.id);
    expect(first?.intake).toMatchObject({
      withdrawalOnset: '2010-10',
      monthsAtOpening: 150,
      durationBandAtOpening: 'TEN_TO_FIFTEEN_YEARS',
      triggers: ['RETIREMENT'],
      discoveryRoute: 'FAMILY',
      version: 1,
    });
    expect(first?.healthBackground).toBeNull();

    const health = unwrap(
      await worker.recordHealthBackground({
        caseId: opened.case.id,
        mentalIllness: 'DIAGNOSED',
        disabilityCertificate: 'HOLDS',
        note: { text: '精神科に通院中', visibility: 'NOT_FOR_FAMILY' },
      }),
    );
    expect(health).toMatchObject({ mentalIllness: 'DIAGNOSED', note: '精神科に通院中', version: 1 });
    const stale = await worker.recordIntake({ caseId: opened.case.id, expectedVersion: 2, triggers: [] });
    expect(stale).toEqual({
      ok: false,
      userErrors: [
        expect.objectContaining({ code: 'VERSION_CONFLICT', field: ['input', 'expectedVersion'] }),
      ],
    });
    const again = unwrap(
      await worker.recordIntake({
        caseId: opened.case.id,
        expectedVersion: 1,
        triggers: ['RETIREMENT', 'RELATIONSHIPS'],
      }),
    );
    expect(again).toMatchObject({
      withdrawalOnset: null,
      triggers: ['RETIREMENT', 'RELATIONSHIPS'],
      version: 2,
    });
    expect(await worker.caseIntake(opened.case.id)).toEqual({ intake: again, healthBackground: health });
    // Another agency does not see the case at all.
    await expect(station.caseIntake(opened.case.id)).rejects.toBeInstanceOf(GraphQLResponseError);
  });

  it('amends and voids a contact with reasons; the history keeps every version, walled notes shown to staff', async () => {
    const opened = unwrap(await worker.openCase(intake('2023-04-03', '架空 五郎')));
    const first = opened.firstContact;
    if (!first) throw new Error('the intake has a first contact');
    expect(first).toMatchObject({ version: 1, voided: null });
    const amended = unwrap(
      await worker.amendContact({
        contactId: first.id,
        expectedVersion: 1,
        reason: '相談内容の追記',
        contents: ['RELATIONSHIP_BUILDING', 'WATCHING_OVER'],
      }),
    );
    expect(amended.contact).toMatchObject({
      version: 2,
      contents: ['RELATIONSHIP_BUILDING', 'WATCHING_OVER'],
    });
    expect(amended.correction).toMatchObject({
      kind: 'AMENDED',
      sequence: 2,
      reason: '相談内容の追記',
      previous: { contents: ['RELATIONSHIP_BUILDING'], note: { redacted: false } },
    });
    // The station does not work on the case: it may not correct the record.
    const refused = await station.voidContact({ contactId: first.id, expectedVersion: 2, reason: '誤り' });
    expect(refused).toEqual({ ok: false, userErrors: [expect.objectContaining({ code: 'FORBIDDEN' })] });
    const voided = unwrap(
      await worker.voidContact({ contactId: first.id, expectedVersion: 2, reason: '重複登録' }),
    );
    expect(voided.contact).toMatchObject({ version: 3, voided: { reason: '重複登録' } });

    const history = await worker.contactHistory(opened.case.id);
    expect(history?.[0]).toMatchObject({
      id: first.id,
      version: 3,
      voided: { reason: '重複登録' },
      corrections: [
        { kind: 'AMENDED', sequence: 2 },
        { kind: 'VOIDED', sequence: 3, previous: { note: { text: '母から電話。本人は自室から出ない。' } } },
      ],
    });
    // A voided contact is nobody's last contact.
    expect((await worker.getCase(opened.case.id))?.lastContact).toBeNull();
  });

  it('returns refusals as user errors naming the field (an invalid municipality code)', async () => {
    const input = intake();
    const result = await worker.openCase({
      ...input,
      person: { ...(input.person as PersonInput), municipalityCode: '242013' },
    });
    expect(result).toEqual({
      ok: false,
      duplicateCandidates: [],
      userErrors: [
        {
          field: ['input', 'person', 'municipalityCode'],
          message: 'municipality code check digit does not match',
          code: 'VALIDATION_FAILED',
          rule: 'municipality_code_check_digit',
        },
      ],
    });
    expect(() => unwrap(result)).toThrow(MutationRefusedError);
    expect(() => unwrap(result)).toThrow('input.person.municipalityCode: municipality code check digit');
  });

  it('records a contact and an assessment, then moves the stage forward', async () => {
    const opened = unwrap(await worker.openCase(intake()));
    const contact = await worker.recordContact({
      caseId: opened.case.id,
      occurredOn: '2023-05-10',
      channel: 'HOME_VISIT',
      consultingParty: { kind: 'PERSON' },
      personContact: 'REACHED',
      contents: ['VISIT', 'RELATIONSHIP_BUILDING'],
      durationMinutes: 30,
    });
    expect(contact).toMatchObject({
      ok: true,
      value: { occurredOn: '2023-05-10', personContact: 'REACHED', durationMinutes: 30 },
    });

    const checklist = (await worker.checklists()).find(
      (c) => c.checklistId === 'hikikomori-register-default',
    );
    if (!checklist) throw new Error('the default checklist is missing');
    const answers = Object.fromEntries(checklist.domains.flatMap((d) => d.items.map((i) => [i.id, 1])));
    const assessment = unwrap(
      await worker.recordAssessment({
        caseId: opened.case.id,
        checklistId: checklist.id,
        checklistVersion: checklist.version,
        assessedOn: '2023-05-20',
        rater: { kind: 'STAFF', staffId: 'worker' },
        answers,
      }),
    );
    expect(assessment).toMatchObject({ checklistId: checklist.checklistId, assessedOn: '2023-05-20' });
    // Every item answered 1; reverse-phrased items score max + min - 1, so the total is higher.
    expect(assessment.total).toBeGreaterThan(Object.keys(answers).length);
    expect(assessment.domainScores).toHaveLength(checklist.domains.length);

    const moved = unwrap(
      await worker.moveStage({
        caseId: opened.case.id,
        expectedVersion: opened.case.version,
        to: 'INDIVIDUAL',
        effectiveOn: '2023-06-01',
      }),
    );
    expect(moved.entry).toMatchObject({ from: 'ENCOUNTER', to: 'INDIVIDUAL', direction: 'FORWARD' });
    expect(moved.case.stage).toBe('INDIVIDUAL');
    expect(moved.case.version).toBeGreaterThan(opened.case.version);
    expect(moved.case.lastContact?.occurredOn).toBe('2023-05-10');
  });

  it('reads where a case stood on a past date, and lists it under its own age band', async () => {
    const opened = await reachedCase(worker);
    const id = opened.case.id;
    unwrap(
      await worker.moveStage({
        caseId: id,
        expectedVersion: opened.case.version,
        to: 'INDIVIDUAL',
        effectiveOn: '2023-06-01',
      }),
    );
    expect(await worker.caseAt(id, '2023-04-02')).toBeNull();
    expect(await worker.caseAt(id, '2023-05-31')).toEqual({
      on: '2023-05-31',
      stage: 'ENCOUNTER',
      familyStage: 'CONSULTATION',
      status: {
        state: 'ACTIVE',
        since: '2023-04-03',
        pauseReason: null,
        closureReason: null,
        reviewOn: null,
      },
    });
    expect((await worker.caseAt(id, '2023-06-01'))?.stage).toBe('INDIVIDUAL');
    // The mother (born 1958) is not 75 for years: no 8050, and the reason says which side falls short.
    expect(opened.case.eightZeroFiveZero).toMatchObject({ applies: false });
    expect(['PERSON_UNDER_AGE', 'PARENT_UNDER_AGE']).toContain(
      opened.case.eightZeroFiveZero?.notApplicableReason,
    );
    const band = opened.case.ageBand;
    if (!band) throw new Error('the worker reads the person section');
    const inBand = await worker.caseload({ first: 100, filter: { ageBand: band } });
    expect(inBand.cases.map((c) => c.id)).toContain(id);
    expect(inBand.totalCount).toBe(inBand.cases.length);
    expect((await worker.caseload({ first: 1, filter: { eightZeroFiveZero: true } })).totalCount).toBe(0);
  });

  it('assigns staff, finds 自分の担当, and moves a caseload on rotation (異動) with its history', async () => {
    const centreId = localIdOf((await worker.me()).agency?.id ?? '');
    const leaving = createRegisterClient({
      url: gateway.url,
      token: await gateway.staffToken(centreId, 'staff', '架空 異動'),
    });
    const coming = createRegisterClient({
      url: gateway.url,
      token: await gateway.staffToken(centreId, 'staff', '架空 着任'),
    });
    const supervisor = createRegisterClient({
      url: gateway.url,
      token: await gateway.staffToken(centreId, 'supervisor', '架空 主任'),
    });
    const [from, to] = [(await leaving.me()).staffId, (await coming.me()).staffId];
    const opened = await Promise.all([worker.openCase(intake()), worker.openCase(intake())]);
    const ids = opened.map((r) => unwrap(r).case.id);
    for (const caseId of ids) {
      const assigned = unwrap(await worker.assignStaff({ caseId, staffId: from }));
      expect(assigned.assignees).toEqual([{ staffId: from, staffName: '架空 異動', role: 'PRIMARY' }]);
    }
    expect((await leaving.caseload({ filter: { assignedTo: 'ME' } })).totalCount).toBe(2);
    const refused = await leaving.reassignStaffCases({ fromStaffId: from, toStaffId: to });
    expect(refused.ok === false && refused.userErrors.map((e) => e.code)).toEqual(['FORBIDDEN']);
    const moved = unwrap(await supervisor.reassignStaffCases({ fromStaffId: from, toStaffId: to }));
    expect(moved.movedCount).toBe(2);
    expect(moved.cases.map((c) => c.assignees)).toEqual([
      [{ staffId: to, staffName: '架空 着任', role: 'PRIMARY' }],
      [{ staffId: to, staffName: '架空 着任', role: 'PRIMARY' }],
    ]);
    expect((await coming.caseload({ filter: { assignedTo: 'ME' } })).cases.map((c) => c.id).sort()).toEqual(
      [...ids].sort(),
    );
    const history = await worker.assignmentHistory(ids[0] as string);
    expect(history?.map((a) => [a.staffName, a.startedVia, a.endedVia])).toEqual([
      ['架空 異動', 'ASSIGNED', 'ROTATION'],
      ['架空 着任', 'ROTATION', null],
    ]);
    const left = unwrap(await worker.unassignStaff({ caseId: ids[0] as string, staffId: to }));
    expect(left.assignees).toEqual([]);
  });

  it('plans the next contact with a contact, replaces and clears it, and lists it on the worklist when due', async () => {
    const centreId = localIdOf((await worker.me()).agency?.id ?? '');
    const mine = createRegisterClient({
      url: gateway.url,
      token: await gateway.staffToken(centreId, 'staff', '架空 予定'),
    });
    const me = (await mine.me()).staffId;
    const caseId = unwrap(await mine.openCase(intake('2024-04-01'))).case.id;
    unwrap(await mine.assignStaff({ caseId, staffId: me }));
    unwrap(
      await mine.recordContact({
        caseId,
        occurredOn: '2024-04-10',
        channel: 'PHONE',
        consultingParty: { kind: 'PERSON' },
        personContact: 'REACHED',
        contents: ['RELATIONSHIP_BUILDING'],
        nextContact: { plannedOn: '2024-04-15', channel: 'HOME_VISIT', note: '自宅訪問' },
      }),
    );
    const past = await mine.planNextContact({ caseId, plannedOn: '2000-01-01' });
    expect(past.ok === false && past.userErrors.map((e) => e.rule)).toEqual(['not_in_past']);
    expect(unwrap(await mine.planNextContact({ caseId, plannedOn: '2024-04-22' })).plannedOn).toBe(
      '2024-04-22',
    );
    const planned = await mine.plannedContacts(caseId);
    expect(planned?.next?.plannedOn).toBe('2024-04-22');
    expect(planned?.history.map((p) => [p.plannedOn, p.channel, p.note])).toEqual([
      ['2024-04-15', 'HOME_VISIT', '自宅訪問'],
      ['2024-04-22', null, null],
    ]);
    const due = await mine.worklist({ on: '2024-04-25' });
    expect(
      due.items.map((i) => [i.kind, i.case?.id, i.dueOn, i.daysOverdue, i.plannedContact?.plannedOn]),
    ).toEqual([['NEXT_CONTACT_DUE', caseId, '2024-04-22', 3, '2024-04-22']]);
    expect(due.counts.find((c) => c.kind === 'NEXT_CONTACT_DUE')?.count).toBe(1);
    expect(unwrap(await mine.clearNextContact(caseId))).toBe(caseId);
    expect((await mine.worklist({ on: '2024-04-25' })).items).toEqual([]);
    expect((await mine.plannedContacts(caseId))?.next).toBeNull();
  });

  it('refuses a likely duplicate with its candidates, searches persons, and merges two records', async () => {
    const first = unwrap(
      await worker.openCase({
        ...intake(),
        person: { ...(intake().person as PersonInput), displayName: '架空 二三' },
      }),
    );
    const { confirmNotDuplicate: _c, ...unconfirmed } = intake();
    const refused = await worker.openCase(unconfirmed);
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.userErrors[0]).toMatchObject({ code: 'POSSIBLE_DUPLICATE', field: ['input', 'person'] });
    expect(refused.duplicateCandidates.length).toBeGreaterThan(0);
    expect(refused.duplicateCandidates[0]).toMatchObject({
      outsideReach: false,
      rules: expect.arrayContaining(['KANA_BIRTH_MONTH_MUNICIPALITY']),
    });

    const found = await worker.searchPersons({ name: '二三', kana: 'ｲﾁﾛｰ' }, { first: 5 });
    expect(found.totalCount).toBe(1);
    const keptId = found.persons[0]?.id ?? '';
    const again = unwrap(
      await worker.openCase({
        personId: keptId,
        case: { municipalityCode: '242012', openedOn: '2023-04-03' },
      }),
    );
    expect(again.case.id).not.toBe(first.case.id);
    const lookup = await worker.person(keptId);
    expect(lookup).toMatchObject({
      requestedId: keptId,
      person: { displayName: '架空 二三' },
      mergedInto: null,
    });

    const refusedMerge = await worker.mergePersons({
      keepPersonId: keptId,
      mergePersonId: keptId,
      reason: '重複',
    });
    expect(refusedMerge).toMatchObject({ ok: false, userErrors: [{ code: 'FORBIDDEN' }] });
  });

  it('amends and voids an assessment; the history keeps every version', async () => {
    const opened = unwrap(await worker.openCase(intake()));
    const checklist = (await worker.checklists())[0];
    if (!checklist) throw new Error('no checklist');
    const answers = Object.fromEntries(checklist.domains.flatMap((d) => d.items.map((i) => [i.id, 1])));
    const recorded = unwrap(
      await worker.recordAssessment({
        caseId: opened.case.id,
        checklistId: checklist.id,
        checklistVersion: checklist.version,
        assessedOn: '2023-04-03',
        rater: { kind: 'PERSON' },
        answers,
      }),
    );
    expect(recorded).toMatchObject({ version: 1, voided: null });
    const amended = unwrap(
      await worker.amendAssessment({
        assessmentId: recorded.id,
        expectedVersion: 1,
        reason: '日付の誤り',
        assessedOn: '2023-04-04',
      }),
    );
    expect(amended.correction).toMatchObject({
      kind: 'AMENDED',
      sequence: 2,
      previous: { assessedOn: '2023-04-03' },
    });
    const stale = await worker.voidAssessment({
      assessmentId: recorded.id,
      expectedVersion: 1,
      reason: '誤登録',
    });
    expect(stale).toMatchObject({ ok: false, userErrors: [{ code: 'VERSION_CONFLICT' }] });
    unwrap(await worker.voidAssessment({ assessmentId: recorded.id, expectedVersion: 2, reason: '誤登録' }));
    const history = await worker.assessmentHistory(opened.case.id);
    expect(history?.[0]).toMatchObject({
      version: 3,
      assessedOn: '2023-04-04',
      voided: { reason: '誤登録' },
      corrections: [{ kind: 'AMENDED' }, { kind: 'VOIDED' }],
    });
  });

  it('returns a stale version as a VERSION_CONFLICT user error', async () => {
    const opened = await reachedCase(worker);
    const stale = opened.case.version;
    unwrap(
      await worker.moveStage({
        caseId: opened.case.id,
        expectedVersion: stale,
        to: 'INDIVIDUAL',
        effectiveOn: '2023-06-01',
      }),
    );
    const conflict = await worker.moveStage({
      caseId: opened.case.id,
      expectedVersion: stale,
      to: 'GROUP',
      effectiveOn: '2023-09-01',
    });
    expect(conflict.ok).toBe(false);
    if (conflict.ok) return;
    expect(conflict.userErrors.map((e) => e.code)).toEqual(['VERSION_CONFLICT']);
  });

  it('refers a case, and the recipients decline, accept and complete; the sender withdraws', async () => {
    const opened = await reachedCase(worker);
    const caseId = opened.case.id;
    const consent = (
      await worker.request(RecordConsent, {
        input: {
          caseId,
          givenBy: { kind: 'PERSON' },
          givenOn: '2024-01-10',
          scope: { sectors: ['EMPLOYMENT', 'OTHER'] },
        },
      })
    ).recordConsent.consent;
    if (!consent) throw new Error('consent refused');
    const refer = (toAgencyId: string, sentOn: string, previousReferralId?: string) =>
      worker.refer({
        caseId,
        toAgencyId,
        reason: '働くことへの関心が出てきた',
        requestedService: '就労体験',
        legalBasis: { kind: 'CONSENT', consentId: consent.id },
        sharedSections: ['SUMMARY', 'PERSON'],
        sentOn,
        previousReferralId,
      });

    const first = unwrap(await refer(stationId, '2024-01-10'));
    expect(first).toMatchObject({ status: 'SENT', kind: 'REFERRAL', toAgency: { id: stationId } });
    const inbox = await station.referrals({ direction: 'INCOMING', statuses: ['SENT'] });
    expect(inbox.referrals.map((r) => r.id)).toEqual([first.id]);

    const declined = unwrap(
      await station.respond({
        action: 'decline',
        referralId: first.id,
        expectedVersion: first.version,
        on: '2024-01-11',
        reason: '定員超過',
      }),
    );
    expect(declined).toMatchObject({ status: 'DECLINED', declineReason: '定員超過' });

    const second = unwrap(await refer(npoId, '2024-01-12', first.id));
    expect(second.previousReferral?.id).toBe(first.id);
    const accepted = unwrap(
      await npo.respond({
        action: 'accept',
        referralId: second.id,
        expectedVersion: second.version,
        on: '2024-01-20',
      }),
    );
    expect(accepted.status).toBe('ACCEPTED');
    const completed = unwrap(
      await npo.respond({
        action: 'complete',
        referralId: second.id,
        expectedVersion: accepted.version,
        on: '2024-02-20',
        outcome: 'CONNECTED',
      }),
    );
    expect(completed).toMatchObject({ status: 'COMPLETED', outcome: 'CONNECTED', completedOn: '2024-02-20' });

    const third = unwrap(await refer(stationId, '2024-01-12'));
    const withdrawn = unwrap(
      await worker.respond({
        action: 'withdraw',
        referralId: third.id,
        expectedVersion: third.version,
        on: '2024-01-15',
        reason: '本人の希望',
      }),
    );
    expect(withdrawn).toMatchObject({ status: 'WITHDRAWN', withdrawnReason: '本人の希望' });

    // Answering a referral already answered is refused, not thrown.
    const again = await station.respond({
      action: 'accept',
      referralId: first.id,
      expectedVersion: declined.version,
      on: '2024-01-13',
    });
    expect(again.ok).toBe(false);
  });

  it('runs any other typed operation with request', async () => {
    const { me } = await station.request(MeDocument);
    expect(me).toMatchObject({ role: 'STAFF', agency: { id: stationId, name: '架空サポートステーション' } });
  });

  it('throws GraphQLResponseError for a case the actor may not see', async () => {
    const opened = unwrap(await worker.openCase(intake('2023-04-03', '架空 別機関')));
    const error = await station.getCase(opened.case.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphQLResponseError);
    expect(error).toMatchObject({ code: 'FORBIDDEN', message: 'not found or not accessible' });
  });

  it('throws AuthenticationError for a wrong token, on reads, mutations and the CSV', async () => {
    const stranger = createRegisterClient({ url: gateway.url, token: 'hkr_not-a-real-token' });
    await expect(stranger.me()).rejects.toBeInstanceOf(AuthenticationError);
    await expect(stranger.openCase(intake())).rejects.toBeInstanceOf(AuthenticationError);
    await expect(
      stranger.indicatorsCsv({
        period: { fiscalYear: 2023, kind: 'FISCAL_YEAR' },
        scope: { kind: 'AGENCY' },
        publishing: false,
      }),
    ).rejects.toBeInstanceOf(AuthenticationError);
  });
});

describe('a caseload and its indicators', () => {
  /** Staff of a municipal desk whose caseload and figures only this suite fills. */
  let desk: RegisterClient;
  /** The same account through a fetch that counts the caseload pages asked for. */
  let counted: RegisterClient;
  let pagesFetched = 0;
  const ids: string[] = [];

  beforeAll(async () => {
    const token = await gateway.staffToken(localIdOf(deskId));
    desk = createRegisterClient({ url: gateway.url, token });
    counted = createRegisterClient({
      url: gateway.url,
      token,
      fetch: (input, init) => {
        if (String(init?.body).includes('query Caseload')) pagesFetched++;
        return fetch(input, init);
      },
    });
    // Three cases first contacted in the first half of fiscal 2023, two in the second half.
    const openedOn = ['2023-04-05', '2023-05-05', '2023-06-05', '2023-10-05', '2023-11-05'];
    for (const [i, on] of openedOn.entries())
      ids.push(unwrap(await desk.openCase(intake(on, `架空 ${i + 1}`))).case.id);
    unwrap(
      await desk.recordContact({
        caseId: ids[0] as string,
        occurredOn: '2023-04-20',
        channel: 'OFFICE_VISIT',
        consultingParty: { kind: 'PERSON' },
        personContact: 'REACHED',
        contents: ['RELATIONSHIP_BUILDING'],
      }),
    );
  });

  it('pages the caseload with first and after', async () => {
    const firstPage = await desk.caseload({ first: 2 });
    expect(firstPage.cases).toHaveLength(2);
    expect(firstPage.totalCount).toBe(5);
    expect(firstPage.pageInfo).toMatchObject({ hasNextPage: true, endCursor: expect.any(String) });
    const secondPage = await desk.caseload({ first: 2, after: firstPage.pageInfo.endCursor });
    expect(secondPage.cases).toHaveLength(2);
    const seen = new Set([...firstPage.cases, ...secondPage.cases].map((c) => c.id));
    expect(seen.size).toBe(4);
  });

  it('walks every page with caseloadAll, filtered, and stops fetching when the loop stops', async () => {
    pagesFetched = 0;
    const all: CaseSummary[] = [];
    for await (const c of counted.caseloadAll({ status: 'ACTIVE' }, { pageSize: 2 })) all.push(c);
    expect(all.map((c) => c.id).sort()).toEqual([...ids].sort());
    expect(pagesFetched).toBe(3);

    const reached: string[] = [];
    for await (const c of desk.caseloadAll({ personReached: true }, { pageSize: 2 })) reached.push(c.id);
    expect(reached).toEqual([ids[0]]);

    pagesFetched = 0;
    for await (const c of counted.caseloadAll(undefined, { pageSize: 2 })) {
      expect(ids).toContain(c.id);
      break;
    }
    expect(pagesFetched).toBe(1);
  });

  it('fetches indicators by fiscal year or half, for publishing or not', async () => {
    const query = (kind: 'FISCAL_YEAR' | 'FIRST_HALF' | 'SECOND_HALF', publishing = false) =>
      desk.indicators({ period: { fiscalYear: 2023, kind }, scope: { kind: 'AGENCY' }, publishing });
    const year = await query('FISCAL_YEAR');
    expect(year).toMatchObject({
      periodLabel: '令和5年度',
      start: '2023-04-01',
      end: '2024-03-31',
      publishing: false,
    });
    expect(year.consultations.newCases).toEqual({ value: 5, suppressed: false });
    expect(year.contacts.total).toEqual({ value: 6, suppressed: false });
    expect((await query('FIRST_HALF')).consultations.newCases.value).toBe(3);
    expect((await query('SECOND_HALF')).consultations.newCases.value).toBe(2);
    // Published figures hide counts of 1–2.
    const published = await query('SECOND_HALF', true);
    expect(published.publishing).toBe(true);
    expect(published.consultations.newCases).toEqual({ value: null, suppressed: true });

    const municipality = await desk.indicators({
      period: { fiscalYear: 2023, kind: 'FISCAL_YEAR' },
      scope: { kind: 'MUNICIPALITY', municipalityCode: '242012' },
      publishing: true,
    });
    expect(municipality.scope).toMatchObject({ kind: 'municipality', municipalityCode: '242012' });
    // Exact figures beyond one's own agency are refused.
    await expect(
      desk.indicators({
        period: { fiscalYear: 2023, kind: 'FISCAL_YEAR' },
        scope: { kind: 'ALL' },
        publishing: false,
      }),
    ).rejects.toBeInstanceOf(GraphQLResponseError);
  });

  it('downloads the indicators CSV with its byte order mark', async () => {
    const period = { fiscalYear: 2023, kind: 'FISCAL_YEAR' } as const;
    const csv = await desk.indicatorsCsv({ period, scope: { kind: 'AGENCY' }, publishing: false });
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toContain('令和5年度');
    // The same figures as the GraphQL report, row for row.
    const report = await desk.indicators({ period, scope: { kind: 'AGENCY' }, publishing: false });
    const newCases = report.rows.find((r) => r.section === 'consultations' && r.key === 'newCases');
    expect(csv).toContain(`${newCases?.labelJa},${newCases?.cell.value},consultations,newCases`);

    const half = await desk.indicatorsCsv({
      period: { fiscalYear: 2023, kind: 'SECOND_HALF' },
      scope: { kind: 'MUNICIPALITY', municipalityCode: '242012' },
      publishing: true,
    });
    expect(half.charCodeAt(0)).toBe(0xfeff);
    expect(half).not.toBe(csv);

    const refused = desk.indicatorsCsv({
      period,
      scope: { kind: 'MUNICIPALITY', municipalityCode: '1' },
      publishing: true,
    });
    await expect(refused).rejects.toBeInstanceOf(RequestError);
    await expect(refused).rejects.toMatchObject({
      status: 400,
      code: 'VALIDATION_FAILED',
      field: 'scope.municipalityCode',
    });
  });
});

describe('indicator breakdowns, periods, 圏域 and targets', () => {
  it('answers a month and a cut-off period with their labels and the breakdowns', async () => {
    const desk = createRegisterClient({
      url: gateway.url,
      token: await gateway.staffToken(localIdOf(deskId)),
    });
    const month = await desk.indicators({
      period: { kind: 'MONTH', month: '2023-04' },
      scope: { kind: 'AGENCY' },
      publishing: false,
    });
    expect(month).toMatchObject({ periodLabel: '令和5年4月', start: '2023-04-01', end: '2023-04-30' });
    const range = await desk.indicators({
      period: { kind: 'RANGE', from: '2023-04-01', to: '2023-12-31' },
      scope: { kind: 'AGENCY' },
      publishing: false,
    });
    expect(range.periodLabel).toBe('令和5年4月1日〜令和5年12月31日');
    const content = range.breakdowns.contactsByContent.find((c) => c.content === 'RELATIONSHIP_BUILDING');
    expect(content?.count.value).toBeGreaterThan(0);
    const people = range.breakdowns.peopleBySex.reduce((n, c) => n + (c.count.value ?? 0), 0);
    expect(people).toBe(range.contacts.people.value);
    // From after to is refused, naming the field.
    await expect(
      desk.indicators({
        period: { kind: 'RANGE', from: '2023-05-01', to: '2023-04-01' },
        scope: { kind: 'AGENCY' },
        publishing: false,
      }),
    ).rejects.toMatchObject({
      errors: [expect.objectContaining({ extensions: expect.objectContaining({ rule: 'range_order' }) })],
    });
    expect(
      indicatorsCsvParams({
        period: { kind: 'MONTH', month: '2023-04' },
        scope: { kind: 'AREA', areaId: 'a1' },
        publishing: true,
      }),
    ).toEqual({ month: '2023-04', kind: 'month', scope: 'area', areaId: 'a1', publishing: 'true' });
    const csv = await desk.indicatorsCsv({
      period: { kind: 'MONTH', month: '2023-04' },
      scope: { kind: 'AGENCY' },
      publishing: false,
    });
    expect(csv).toContain('令和5年4月');
    expect(csv).toContain('相談内容別件数（延べ）');
  });

  it('lets the network administrator define a 圏域 and set a target, and reports target, actual and rate', async () => {
    const area = unwrap(await admin.saveArea({ name: '架空圏域', municipalityCodes: ['242012', '242021'] }));
    expect(area).toMatchObject({ prefectureCode: '24', municipalityCodes: ['242012', '242021'], version: 1 });
    expect((await admin.areas()).map((a) => a.name)).toContain('架空圏域');
    // A municipality belongs to one 圏域 only.
    const clash = await admin.saveArea({ name: '別の圏域', municipalityCodes: ['242012'] });
    expect(clash.ok).toBe(false);
    if (!clash.ok) expect(clash.userErrors[0]).toMatchObject({ rule: 'one_area_per_municipality' });

    const choices = await admin.request(IndicatorTargetChoicesDocument);
    expect(choices.indicatorTargetChoices.map((c) => c.indicator)).toContain('consultations.newCases');
    const scope = { kind: 'AREA' as const, areaId: area.id };
    unwrap(
      await admin.setIndicatorTarget({
        scope,
        fiscalYear: 2023,
        indicator: 'consultations.newCases',
        target: 200,
      }),
    );
    const refused = await worker.setIndicatorTarget({
      scope,
      fiscalYear: 2023,
      indicator: 'consultations.newCases',
      target: 1,
    });
    expect(refused.ok).toBe(false);
    const unknown = await admin.setIndicatorTarget({
      scope,
      fiscalYear: 2023,
      indicator: 'no.such',
      target: 1,
    });
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) expect(unknown.userErrors[0]).toMatchObject({ rule: 'known_indicator' });

    const report = await worker.indicators({
      period: { kind: 'FISCAL_YEAR', fiscalYear: 2023 },
      scope,
      publishing: true,
    });
    const [target] = report.targets;
    expect(target).toMatchObject({ indicator: 'consultations.newCases', target: 200 });
    // The cases opened in fiscal 2023 above are in the 圏域 (Tsu): more than a small count.
    expect(target?.actual).toBeGreaterThanOrEqual(5);
    expect(target?.rate).toBeCloseTo((target?.actual ?? 0) / 200);
    // Another fiscal year has no target.
    const next = await worker.indicators({
      period: { kind: 'FISCAL_YEAR', fiscalYear: 2024 },
      scope,
      publishing: true,
    });
    expect(next.targets).toEqual([]);

    const byMunicipality = await worker.indicatorsByMunicipality(
      { kind: 'FISCAL_YEAR', fiscalYear: 2023 },
      area.id,
    );
    expect(byMunicipality.map((m) => m.municipalityCode)).toEqual(['242012', '242021']);
    expect(byMunicipality.every((m) => m.report.publishing)).toBe(true);
  });
});

describe('lawful sharing, disclosure and onboarding', () => {
  it('adds a supporting agency only on a legal basis, and shows the period and its reads to the lead', async () => {
    const opened = await reachedCase(worker);
    const caseId = opened.case.id;
    const add = () =>
      worker.addSupportingAgency({ caseId, agencyId: deskId, expectedVersion: opened.case.version });
    const refused = await add();
    expect(refused.ok).toBe(false);
    if (!refused.ok)
      expect(refused.userErrors).toEqual([
        expect.objectContaining({
          code: 'NO_LEGAL_BASIS',
          field: ['input', 'legalBasis'],
          rule: 'legal_basis_required',
        }),
      ]);
    await worker.request(RecordConsent, {
      input: { caseId, givenBy: { kind: 'PERSON' }, givenOn: '2023-04-20', scope: { sectors: ['WELFARE'] } },
    });
    const added = unwrap(await add());
    expect(added.supportingAgencies.map((a) => a.id)).toEqual([deskId]);
    const periods = await worker.agencyPeriods(caseId);
    expect(periods?.map((p) => [p.role, p.joinedVia, p.legalBasis?.kind])).toEqual([
      ['LEAD', 'OPENING', undefined],
      ['SUPPORTING', 'ADDED', 'CONSENT'],
    ]);
    const trail = await worker.caseAuditTrail(caseId, { first: 50 });
    expect(trail.entries.map((e) => e.operation)).toContain('case.supportingAgency.add');
    expect(trail.pageInfo.hasNextPage).toBe(false);
  });

  it('exports a disclosure as CSV for Excel or as JSON', async () => {
    const opened = await reachedCase(worker);
    const csv = await worker.exportDisclosure({ caseId: opened.case.id, audience: 'PERSON' });
    expect(csv.contentType).toBe('text/csv; charset=utf-8');
    expect(csv.content.startsWith('\uFEFF')).toBe(true);
    expect(csv.content).toContain('\r\n');
    const json = await worker.exportDisclosure({
      caseId: opened.case.id,
      audience: 'FAMILY',
      format: 'JSON',
    });
    expect(JSON.parse(json.content)).toMatchObject({ audience: 'family', case: { openedOn: '2023-04-03' } });
    await expect(
      admin.exportDisclosure({ caseId: opened.case.id, audience: 'PERSON' }),
    ).rejects.toBeInstanceOf(GraphQLResponseError);
  });

  it('invites an agency; its first admin redeems without a token and signs in with the token given', async () => {
    const issued = unwrap(await admin.issueAgencyInvitation({ label: '架空の居場所 ご担当様' }));
    expect(issued.token).toMatch(/^hki_/);
    const joined = unwrap(
      await redeemAgencyInvitation(
        { url: gateway.url },
        {
          token: issued.token,
          agency: { kind: 'PRIVATE_SUPPORT_ORGANISATION', name: '架空の居場所', municipalityCode: '242012' },
          admin: { displayName: '架空 代表' },
        },
      ),
    );
    const newAdmin = createRegisterClient({ url: gateway.url, token: joined.token });
    expect((await newAdmin.me()).agency?.id).toBe(joined.agency.id);
    const twice = await redeemAgencyInvitation(
      { url: gateway.url },
      {
        token: issued.token,
        agency: { kind: 'PRIVATE_SUPPORT_ORGANISATION', name: '架空の別の会', municipalityCode: '242012' },
        admin: { displayName: '架空 代表' },
      },
    );
    expect(twice.ok).toBe(false);
    if (!twice.ok) expect(twice.userErrors[0]?.rule).toBe('invitation_not_redeemed');
    expect((await admin.agencyInvitations()).find((i) => i.id === issued.invitation.id)?.status).toBe(
      'REDEEMED',
    );
  });
});

describe('case conferences (ケース会議)', () => {
  it('minutes a conference only when every attending agency may hear the case, and links the decision', async () => {
    const opened = await reachedCase(worker);
    const caseId = opened.case.id;
    const centreId = (await worker.me()).agency?.id as string;
    const minutes = {
      kind: 'CASE_CONFERENCE' as const,
      heldOn: '2024-02-01',
      title: '第1回ケース会議',
      attendees: [
        { agencyId: centreId, name: '担当職員' },
        { agencyId: stationId, name: '就労支援員' },
      ],
      discussions: [{ caseId, decision: 'REFERRAL' as const }],
    };
    expect(await worker.recordConference(minutes)).toMatchObject({
      ok: false,
      userErrors: [
        {
          field: ['input', 'discussions', '0', 'caseId'],
          code: 'NO_LEGAL_BASIS',
          rule: 'legal_basis_required',
        },
      ],
    });

    const consent = (
      await worker.request(RecordConsent, {
        input: {
          caseId,
          givenBy: { kind: 'PERSON' },
          givenOn: '2024-01-20',
          scope: { sectors: ['EMPLOYMENT'] },
        },
      })
    ).recordConsent.consent;
    if (!consent) throw new Error('consent refused');
    const conference = unwrap(await worker.recordConference(minutes));
    expect(conference).toMatchObject({
      kind: 'CASE_CONFERENCE',
      heldOn: '2024-02-01',
      organiser: { id: centreId },
      attendees: [{ agency: { id: centreId } }, { agency: { id: stationId }, name: '就労支援員' }],
      discussions: [{ caseId, decision: 'REFERRAL', link: null }],
      pendingDecisionCount: 1,
      version: 1,
    });

    const referral = unwrap(
      await worker.refer({
        caseId,
        toAgencyId: stationId,
        reason: 'ケース会議で決定',
        requestedService: '就労体験',
        legalBasis: { kind: 'CONSENT', consentId: consent.id },
        sharedSections: ['SUMMARY'],
        sentOn: '2024-02-02',
      }),
    );
    const linked = unwrap(
      await worker.linkConferenceDecision({
        conferenceId: conference.id,
        caseId,
        link: { kind: 'REFERRAL', referralId: referral.id },
      }),
    );
    expect(linked.discussions[0]?.link).toEqual({
      kind: 'REFERRAL',
      sequence: null,
      planId: null,
      plan: null,
      referralId: referral.id,
    });
    expect(linked).toMatchObject({ pendingDecisionCount: 0, version: 2 });

    expect((await station.conferences({ from: '2024-02-01' })).conferences.map((c) => c.id)).toEqual([
      conference.id,
    ]);
    expect((await npo.conferences()).conferences).toEqual([]);
    expect((await worker.caseConferences(caseId))?.conferences).toEqual([linked]);
  });
});

const CreatePlace = new TypedDocumentString<
  { createPlace: { place: { id: string } | null; userErrors: UserError[] } },
  { input: { kind: 'FAMILY_CLASS'; name: string; municipalityCode: string } }
>(`mutation CreatePlace($input: CreatePlaceInput!) {
  createPlace(input: $input) { place { id } userErrors { field message code rule } }
}`);
const CreateProgramme = new TypedDocumentString<
  { createProgramme: { programme: { id: string } | null; userErrors: UserError[] } },
  { input: { placeId: string; name: string; audience: 'FAMILY' } }
>(`mutation CreateProgramme($input: CreateProgrammeInput!) {
  createProgramme(input: $input) { programme { id } userErrors { field message code rule } }
}`);
const AddSession = new TypedDocumentString<
  { addProgrammeSession: { session: { id: string } | null; userErrors: UserError[] } },
  { input: { programmeId: string; heldOn: string } }
>(`mutation AddSession($input: AddProgrammeSessionInput!) {
  addProgrammeSession(input: $input) { session { id } userErrors { field message code rule } }
}`);

describe('consultations and attendance without a case', () => {
  it('records an anonymous consultation and a session headcount, and finds them in the indicators', async () => {
    const consultation = unwrap(
      await npo.recordAnonymousConsultation({
        occurredOn: '2023-05-10',
        channel: 'PHONE',
        consultingParty: 'PARENT',
        contents: ['RELATIONSHIP_BUILDING'],
        ageBand: 'AGE_40S',
      }),
    );
    expect(consultation).toMatchObject({ channel: 'PHONE', ageBand: 'AGE_40S', sex: 'UNKNOWN' });
    expect(
      await npo.recordAnonymousConsultation({
        occurredOn: '2023-05-10',
        channel: 'PHONE',
        consultingParty: 'PARENT',
        contents: [],
      }),
    ).toMatchObject({ ok: false, userErrors: [{ field: ['input', 'contents'], code: 'VALIDATION_FAILED' }] });

    const place = (
      await npo.request(CreatePlace, {
        input: { kind: 'FAMILY_CLASS', name: '家族教室', municipalityCode: '242012' },
      })
    ).createPlace.place;
    const programme = (
      await npo.request(CreateProgramme, {
        input: { placeId: place?.id ?? '', name: '家族教室', audience: 'FAMILY' },
      })
    ).createProgramme.programme;
    const session = (
      await npo.request(AddSession, { input: { programmeId: programme?.id ?? '', heldOn: '2023-06-10' } })
    ).addProgrammeSession.session;
    const sessionId = session?.id ?? '';
    expect(await npo.recordSessionHeadcount({ sessionId, persons: 2 })).toMatchObject({
      ok: false,
      userErrors: [{ field: ['input', 'persons'], rule: 'audience' }],
    });
    expect(unwrap(await npo.recordSessionHeadcount({ sessionId, familyMembers: 7 }))).toMatchObject({
      persons: 0,
      familyMembers: 7,
      version: 1,
    });
    expect((await station.recordSessionHeadcount({ sessionId, familyMembers: 1 })).ok).toBe(false);

    const report = await npo.indicators({
      period: { fiscalYear: 2023, kind: 'FISCAL_YEAR' },
      scope: { kind: 'AGENCY' },
      publishing: false,
    });
    expect(report.anonymousConsultations.total).toEqual({ value: 1, suppressed: false });
    expect(report.groupAttendance).toMatchObject({
      total: { value: 7 },
      registered: { value: 0 },
      unregisteredFamily: { value: 7 },
    });
    expect(report.rows.find((r) => r.section === 'anonymousByAgeBand' && r.key === '40s')?.cell.value).toBe(
      1,
    );
  });
});

describe('ひきこもりサポーター', () => {
  it('registers a supporter, lists them when follow-up is due, and dispatches them after it', async () => {
    const supporter = unwrap(
      await worker.registerSupporter({
        displayName: '架空 サポ子',
        municipalityCode: '242012',
        trainedOn: '2021-01-15',
        registeredOn: '2021-02-01',
      }),
    );
    expect(supporter).toMatchObject({ followUpDueOn: '2024-01-15', status: 'ACTIVE', followUps: [] });
    const due = await worker.supporters({ followUpDueBy: '2024-04-10' });
    expect(due.supporters.map((s) => s.id)).toContain(supporter.id);

    const opened = await reachedCase(worker);
    const dispatchInput = { supporterId: supporter.id, caseId: opened.case.id, startsOn: '2024-04-01' };
    expect(await worker.dispatchSupporter(dispatchInput)).toMatchObject({
      ok: false,
      userErrors: [{ rule: 'follow_up_current', field: ['input', 'startsOn'] }],
    });
    expect(
      unwrap(await worker.recordSupporterFollowUp({ supporterId: supporter.id, on: '2024-03-20' }))
        .followUpDueOn,
    ).toBe('2027-03-20');
    expect(
      (await worker.supporters({ followUpDueBy: '2024-04-10' })).supporters.map((s) => s.id),
    ).not.toContain(supporter.id);
    const dispatch = unwrap(await worker.dispatchSupporter(dispatchInput));
    expect(dispatch).toMatchObject({ caseId: opened.case.id, programmeId: null, endedOn: null });
    const withActivity = unwrap(
      await worker.recordSupporterActivity({ dispatchId: dispatch.id, on: '2024-04-02', minutes: 90 }),
    );
    expect(withActivity).toMatchObject({ activities: [{ on: '2024-04-02', minutes: 90 }], totalMinutes: 90 });
    expect((await station.supporters()).supporters).toEqual([]);
  });
});
