import { DEFAULT_CHECKLIST } from '@hikikomori-register/core';
import { afterAll, describe, expect, it } from 'vitest';
import { bootstrapFirstAdmin } from '../server/bootstrap.ts';
import { EXAMPLE_CASELOAD_QUERY } from '../server/gateway.ts';
import {
  backendName,
  type Harness,
  type HarnessBackend,
  type HarnessTransport,
  harness,
  ok,
} from '../server/test-harness.ts';

const CASE_FIELDS = `id version stage familyStage status { state since pauseReason }`;

/**
 * One case from a mother's phone call to a completed re-referral and the fiscal-year indicators,
 * driven only through GraphQL, on `backend`, once in-process (`yoga.fetch`) and once over HTTP.
 */
export function describeJourney(backend: HarnessBackend): void {
  describe(`a case journey, only through GraphQL, on ${backendName(backend)}`, () => {
    afterAll(async () => {
      if (backend !== 'memory') await backend.dropAll();
    });
    for (const transport of ['fetch', 'http'] as const satisfies readonly HarnessTransport[])
      it(`runs from a mother’s phone call to a completed re-referral and the indicators (${transport})`, async () => {
        const h = await harness({ today: '2023-04-03', backend, transport });
        try {
          await journey(h);
        } finally {
          await h.close();
        }
      });
  });
}

async function journey(h: Harness): Promise<void> {
  const { agency: centre, token: adminToken } = await bootstrapFirstAdmin({
    register: h.register,
    staff: h.staff,
    agency: {
      kind: 'hikikomoriRegionalCentre',
      name: '架空県ひきこもり地域支援センター',
      municipalityCode: '242012',
    },
    adminName: '管理者',
  });

  // The admin registers two more agencies and staff with tokens.
  const registerAgency = async (kind: string, name: string) =>
    ok<{ agency: { id: string } }>(
      await h.gql(
        adminToken,
        `mutation($input: RegisterAgencyInput!) { registerAgency(input: $input) { agency { id name } userErrors { code message } } }`,
        { input: { kind, name, municipalityCode: '242012' } },
      ),
      'registerAgency',
    ).agency.id;
  const stationId = await registerAgency('YOUTH_SUPPORT_STATION', '架空サポートステーション');
  const npoId = await registerAgency('PRIVATE_SUPPORT_ORGANISATION', '架空NPO');

  const me = await h.gql<{ me: { agency: { id: string } } }>(adminToken, '{ me { agency { id } } }');
  const centreId = me.data?.me.agency.id as string;
  const createStaffWithToken = async (bearer: string, agencyId: string | null, role: string) => {
    const created = ok<{ staffMember: { id: string } }>(
      await h.gql(
        bearer,
        `mutation($input: CreateStaffInput!) { createStaff(input: $input) { staffMember { id role } userErrors { code message } } }`,
        { input: { ...(agencyId ? { agencyId } : {}), displayName: '職員', role } },
      ),
      'createStaff',
    );
    const issued = ok<{ token: string }>(
      await h.gql(
        bearer,
        `mutation($input: IssueTokenInput!) { issueToken(input: $input) { token apiToken { id label } userErrors { code } } }`,
        // The journey spans a year: a token for it, within the longest lifetime the API gives.
        { input: { staffId: created.staffMember.id, label: 'journey', expiresAt: '2024-04-02T00:00:00Z' } },
      ),
      'issueToken',
    );
    expect(issued.token).toMatch(/^hkr_/);
    return issued.token;
  };
  const worker = await createStaffWithToken(adminToken, centreId, 'STAFF');
  // Other agencies' workers are created by their own admins (tokens via the directory here).
  const directory = { staffId: 'setup', agencyId: centre.id, role: 'staff' as const };
  const agencyOf = async (id: string) => {
    const agency = await h.register.agencies.get(directory, localOf(id));
    if (!agency) throw new Error(`agency ${id} not found`);
    return agency;
  };
  // The other agencies' workers get tokens from the directory directly (their admins would issue them).
  const station = (await h.token(await agencyOf(stationId), 'staff')).token;
  const npo = (await h.token(await agencyOf(npoId), 'staff')).token;

  // 受付: a mother phones about her son; the person is not reached.
  const opened = ok<{ case: { id: string; version: number }; firstContact: { id: string } }>(
    await h.gql(
      worker,
      `mutation($input: OpenCaseInput!) { openCase(input: $input) {
          case { ${CASE_FIELDS} household { id relation } person { displayName } }
          firstContact { id channel consultingParty { kind householdMemberId } personContact }
          userErrors { field message code } } }`,
      {
        input: {
          person: {
            displayName: '架空 一郎',
            kana: 'かくう いちろう',
            birthYearMonth: '1987-02',
            sex: 'MALE',
            municipalityCode: '242012',
            household: [{ ref: 'mother', relation: 'MOTHER', birthYear: 1958, livesWithPerson: true }],
          },
          case: { municipalityCode: '242012', openedOn: '2023-04-03', familyStage: 'CONSULTATION' },
          firstContact: {
            occurredOn: '2023-04-03',
            channel: 'PHONE',
            consultingParty: { kind: 'HOUSEHOLD_MEMBER', householdMemberId: 'mother' },
            personContact: 'NONE',
            contents: ['RELATIONSHIP_BUILDING'],
            note: { text: '母から電話。本人は自室から出ない。', visibility: 'NOT_FOR_PERSON' },
          },
        },
      },
    ),
    'openCase',
  );
  const caseId = opened.case.id;
  let version = opened.case.version;
  const motherId = (opened.case as unknown as { household: { id: string }[] }).household[0]?.id;
  expect(motherId).toBeTruthy();
  expect(opened.case).toMatchObject({
    stage: 'ENCOUNTER',
    familyStage: 'CONSULTATION',
    status: { state: 'ACTIVE' },
  });

  const record = async (date: string, contact: Record<string, unknown>) => {
    h.setToday(date);
    ok(
      await h.gql(
        worker,
        `mutation($input: RecordContactInput!) { recordContact(input: $input) { contact { id } userErrors { field message code } } }`,
        { input: { caseId, occurredOn: date, ...contact } },
      ),
      'recordContact',
    );
  };
  // Outreach: two attempts at the door (the mother answers), then the person comes out.
  for (const date of ['2023-04-20', '2023-04-27'])
    await record(date, {
      channel: 'HOME_VISIT',
      consultingParty: { kind: 'HOUSEHOLD_MEMBER', householdMemberId: motherId },
      personContact: 'ATTEMPTED',
      contents: ['VISIT'],
    });
  await record('2023-05-10', {
    channel: 'HOME_VISIT',
    consultingParty: { kind: 'PERSON' },
    personContact: 'REACHED',
    contents: ['VISIT', 'RELATIONSHIP_BUILDING'],
    durationMinutes: 30,
  });

  // Assessment with the default checklist, as listed by the gateway.
  h.setToday('2023-05-20');
  const lists = await h.gql<{
    checklists: {
      edges: {
        node: { id: string; checklistId: string; version: number; domains: { items: { id: string }[] }[] };
      }[];
    };
  }>(worker, '{ checklists { edges { node { id checklistId version domains { items { id } } } } } }');
  const checklist = lists.data?.checklists.edges.find(
    (e) => e.node.checklistId === DEFAULT_CHECKLIST.id,
  )?.node;
  expect(checklist).toBeDefined();
  const answers = Object.fromEntries(
    (checklist?.domains ?? []).flatMap((d) => d.items.map((i) => [i.id, 1])),
  );
  const assessment = ok<{ assessment: { total: number } }>(
    await h.gql(
      worker,
      `mutation($input: RecordAssessmentInput!) { recordAssessment(input: $input) { assessment { id total stageHint } userErrors { field message code } } }`,
      {
        input: {
          caseId,
          checklistId: checklist?.id,
          checklistVersion: checklist?.version,
          assessedOn: '2023-05-20',
          rater: { kind: 'STAFF', staffId: 'worker' },
          answers,
        },
      },
    ),
    'recordAssessment',
  );
  // Every item answered 1; reverse-phrased items score max + min - 1 = 2, so the total is above 24.
  expect(assessment.assessment.total).toBeGreaterThan(Object.keys(answers).length);

  const plan = ok<{ plan: { id: string; version: number; reviewOverdue: boolean } }>(
    await h.gql(
      worker,
      `mutation($input: CreatePlanInput!) { createPlan(input: $input) { plan { id version reviewOverdue goals { id status } } userErrors { field message } } }`,
      {
        input: {
          caseId,
          createdOn: '2023-05-20',
          goals: [{ id: 'g1', description: '週1回、訪問で話す', targetDate: '2023-09-30' }],
          reviewDueOn: '2023-08-31',
        },
      },
    ),
    'createPlan',
  );
  expect(plan.plan.reviewOverdue).toBe(false);

  const stage = async (date: string, to: string, reason?: string, note?: string) => {
    h.setToday(date);
    const r = ok<{ case: { version: number; stage: string }; entry: { direction: string } }>(
      await h.gql(
        worker,
        `mutation($input: ChangeStageInput!) { changeStage(input: $input) { case { version stage } entry { direction reason } userErrors { field message code rule } } }`,
        {
          input: {
            caseId,
            expectedVersion: version,
            to,
            effectiveOn: date,
            ...(reason ? { reason } : {}),
            ...(note ? { note } : {}),
          },
        },
      ),
      'changeStage',
    );
    version = r.case.version;
    return r;
  };
  expect((await stage('2023-06-01', 'INDIVIDUAL')).entry.direction).toBe('FORWARD');
  expect((await stage('2023-09-01', 'GROUP')).case.stage).toBe('GROUP');
  const back = await stage('2023-10-15', 'INDIVIDUAL', 'RE_WITHDRAWAL', '居場所に来なくなった');
  expect(back.entry.direction).toBe('BACK');

  // A pause at the person's wish, then support resumes.
  const status = async (input: Record<string, unknown>) => {
    const r = ok<{ case: { version: number; status: { state: string } } }>(
      await h.gql(
        worker,
        `mutation($input: ChangeStatusInput!) { changeStatus(input: $input) { case { version status { state pauseReason } } entry { move } userErrors { field message code } } }`,
        { input: { caseId, expectedVersion: version, ...input } },
      ),
      'changeStatus',
    );
    version = r.case.version;
    return r;
  };
  h.setToday('2023-10-20');
  expect(
    (await status({ to: 'PAUSED', pauseReason: 'PERSON_WISH', effectiveOn: '2023-10-20' })).case.status.state,
  ).toBe('PAUSED');
  h.setToday('2023-11-20');
  expect((await status({ to: 'ACTIVE', effectiveOn: '2023-11-20' })).case.status.state).toBe('ACTIVE');

  // The review date passed: the caseload filter and the case say so.
  const overdue = await h.gql<{ cases: { edges: { node: { id: string; reviewOverdue: boolean } }[] } }>(
    worker,
    '{ cases(filter: { reviewOverdue: true }) { edges { node { id reviewOverdue } } } }',
  );
  expect(overdue.data?.cases.edges.map((e) => e.node)).toEqual([{ id: caseId, reviewOverdue: true }]);

  // Consent of the person, a referral declined, a re-referral accepted and completed.
  h.setToday('2024-01-10');
  const consent = ok<{ consent: { id: string } }>(
    await h.gql(
      worker,
      `mutation($input: RecordConsentInput!) { recordConsent(input: $input) { consent { id sectors } userErrors { field message } } }`,
      {
        input: {
          caseId,
          givenBy: { kind: 'PERSON' },
          scope: { sectors: ['EMPLOYMENT', 'OTHER'] },
          givenOn: '2024-01-10',
        },
      },
    ),
    'recordConsent',
  );
  const send = async (toAgencyId: string, previousReferralId?: string) =>
    ok<{ referral: { id: string; version: number; status: string } }>(
      await h.gql(
        worker,
        `mutation($input: SendReferralInput!) { sendReferral(input: $input) { referral { id version status previousReferral { id } } userErrors { field message code } } }`,
        {
          input: {
            caseId,
            toAgencyId,
            reason: '働くことへの関心が出てきた',
            requestedService: '就労体験',
            legalBasis: { kind: 'CONSENT', consentId: consent.consent.id },
            sharedSections: ['SUMMARY', 'PERSON'],
            sentOn: '2024-01-10',
            ...(previousReferralId ? { previousReferralId } : {}),
          },
        },
      ),
      'sendReferral',
    ).referral;
  const first = await send(stationId);
  // Before answering, the station sees the shared sections only: the person, not the notes.
  const inbox = await h.gql<{ case: Record<string, unknown> }>(
    station,
    `query($id: ID!) { case(id: $id) { readableSections person { displayName } contacts { edges { node { id } } } } }`,
    { id: caseId },
  );
  expect(inbox.errors).toBeUndefined();
  expect(inbox.data?.case).toEqual({
    readableSections: ['SUMMARY', 'PERSON'],
    person: { displayName: '架空 一郎' },
    contacts: null,
  });
  const declined = ok<{ referral: { status: string } }>(
    await h.gql(
      station,
      `mutation($input: DeclineReferralInput!) { declineReferral(input: $input) { referral { status declineReason } userErrors { code message } } }`,
      {
        input: {
          referralId: first.id,
          on: '2024-01-10',
          reason: '定員超過',
          expectedVersion: first.version,
        },
      },
    ),
    'declineReferral',
  );
  expect(declined.referral.status).toBe('DECLINED');
  const second = await send(npoId, first.id);
  expect(second.status).toBe('SENT');
  h.setToday('2024-01-20');
  const accepted = ok<{ referral: { version: number } }>(
    await h.gql(
      npo,
      `mutation($input: AcceptReferralInput!) { acceptReferral(input: $input) { referral { version status } userErrors { code message } } }`,
      { input: { referralId: second.id, on: '2024-01-20', expectedVersion: second.version } },
    ),
    'acceptReferral',
  );
  // The caseload screen: the lead sees the referral in progress, the NPO now has the case too.
  type CaseloadNode = {
    id: string;
    stage: string;
    status: { state: string };
    person: { displayName: string } | null;
    lastContact: { occurredOn: string; channel: string; personContact: string } | null;
    latestAssessment: { total: number } | null;
    openReferrals: { edges: { node: { status: string; toAgency: { name: string } } }[] } | null;
    reviewOverdue: boolean | null;
  };
  const caseload = async (bearer: string) => {
    const r = await h.gql<{ me: { role: string }; cases: { edges: { node: CaseloadNode }[] } }>(
      bearer,
      EXAMPLE_CASELOAD_QUERY,
    );
    expect(r.errors).toBeUndefined();
    return r.data?.cases.edges.map((e) => e.node) ?? [];
  };
  const [lead] = await caseload(worker);
  expect(lead).toMatchObject({
    id: caseId,
    stage: 'INDIVIDUAL',
    status: { state: 'ACTIVE' },
    person: { displayName: '架空 一郎' },
    lastContact: { occurredOn: '2023-05-10', channel: 'HOME_VISIT', personContact: 'REACHED' },
    latestAssessment: { total: assessment.assessment.total },
    openReferrals: { edges: [{ node: { status: 'ACCEPTED', toAgency: { name: '架空NPO' } } }] },
    reviewOverdue: true,
  });
  expect((await caseload(npo)).map((n) => n.id)).toEqual([caseId]);
  expect(await caseload(station)).toEqual([]);

  h.setToday('2024-02-20');
  const completed = ok<{ referral: { status: string; outcome: string } }>(
    await h.gql(
      npo,
      `mutation($input: CompleteReferralInput!) { completeReferral(input: $input) { referral { status outcome } userErrors { code message } } }`,
      {
        input: {
          referralId: second.id,
          on: '2024-02-20',
          outcome: 'CONNECTED',
          expectedVersion: accepted.referral.version,
        },
      },
    ),
    'completeReferral',
  );
  expect(completed.referral).toEqual({ status: 'COMPLETED', outcome: 'CONNECTED' });

  // The case as the lead sees it now: histories, the NPO as supporting agency, referrals.
  const view = await h.gql<{ case: Record<string, never> }>(
    worker,
    `query($id: ID!) { case(id: $id) {
        stage status { state }
        supportingAgencies { id }
        history { supportStages { edges { node { from to direction reason } } } statuses { edges { node { move } } } }
        contacts { edges { node { channel personContact note { text redacted } } } }
        lastContact { occurredOn }
        referrals { edges { node { status toAgency { id } previousReferral { id } } } }
        openReferrals { edges { node { id } } }
      } }`,
    { id: caseId },
  );
  expect(view.errors).toBeUndefined();
  const c = view.data?.case as unknown as {
    supportingAgencies: { id: string }[];
    history: {
      supportStages: { edges: { node: { to: string; direction: string } }[] };
      statuses: { edges: { node: { move: string } }[] };
    };
    contacts: { edges: unknown[] };
    lastContact: { occurredOn: string };
    referrals: { edges: { node: { status: string; previousReferral: { id: string } | null } }[] };
    openReferrals: { edges: unknown[] };
  };
  expect(c.supportingAgencies.map((a) => a.id)).toEqual([npoId]);
  expect(c.history.supportStages.edges.map((e) => `${e.node.direction}:${e.node.to}`)).toEqual([
    'INITIAL:ENCOUNTER',
    'FORWARD:INDIVIDUAL',
    'FORWARD:GROUP',
    'BACK:INDIVIDUAL',
  ]);
  expect(c.history.statuses.edges.map((e) => e.node.move)).toEqual(['OPENED', 'PAUSED', 'RESUMED']);
  expect(c.contacts.edges).toHaveLength(4);
  expect(c.lastContact.occurredOn).toBe('2023-05-10');
  // Both were sent the same day: the order between them is by id, so compare as a set.
  expect(c.referrals.edges.map((e) => e.node.status).sort()).toEqual(['COMPLETED', 'DECLINED']);
  expect(c.referrals.edges.find((e) => e.node.status === 'COMPLETED')?.node.previousReferral?.id).toBe(
    first.id,
  );
  expect(c.openReferrals.edges).toEqual([]);

  // Indicators for fiscal year 2023 (令和5年度), the centre's own exact figures.
  h.setToday('2024-04-01');
  const report = await h.gql<{
    indicators: Record<string, { [k: string]: { value: number | null } }> & { periodLabel: string };
  }>(
    worker,
    `{ indicators(period: { kind: FISCAL_YEAR, fiscalYear: 2023 }, scope: { kind: AGENCY }, publishing: false) {
        periodLabel
        consultations { cases { value suppressed } newCases { value } }
        contacts { total { value } people { value } }
        referrals { total { value } reReferrals { value } }
        stageMoves { forward { value } back { value } }
        connections { toAgency { value } }
      } }`,
  );
  expect(report.errors).toBeUndefined();
  const r = report.data?.indicators as unknown as Record<string, Record<string, { value: number }>> & {
    periodLabel: string;
  };
  expect(r.periodLabel).toBe('令和5年度');
  expect(r.consultations?.cases?.value).toBe(1);
  expect(r.consultations?.newCases?.value).toBe(1);
  expect(r.contacts?.total?.value).toBe(4);
  expect(r.referrals?.total?.value).toBe(2);
  expect(r.referrals?.reReferrals?.value).toBe(1);
  expect(r.stageMoves?.forward?.value).toBe(2);
  expect(r.stageMoves?.back?.value).toBe(1);
  expect(r.connections?.toAgency?.value).toBe(1);

  // The same figures as CSV for Excel, over the same transport.
  const csv = await h.request('/indicators.csv?fiscalYear=2023&kind=fiscalYear&scope=agency', {
    headers: { authorization: `Bearer ${worker}` },
  });
  expect(csv.status).toBe(200);
  expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
  expect(await csv.text()).toContain('令和5年度');

  // Nothing along the way failed unexpectedly (those errors are masked for the client, logged here).
  expect(h.logs.filter((l) => l.level !== 'info')).toEqual([]);
}

function localOf(globalId: string): string {
  return Buffer.from(globalId, 'base64').toString('utf8').split(':')[1] as string;
}
