import { type Agency, DEFAULT_CHECKLIST } from '@hikikomori-register/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  backendName,
  type GqlResult,
  type Harness,
  type HarnessBackend,
  harness,
  ok,
} from '../server/test-harness.ts';
import { NOT_ACCESSIBLE } from './errors.ts';
import { caseRecordKey, globalId } from './ids.ts';

/**
 * The authorization matrix: every query and mutation on case data, tried by staff of the lead agency,
 * of a supporting agency, of an agency that accepted a referral, of one that has a referral waiting
 * for its answer, of an unrelated agency, and by the lead agency's auditor and agency admin. Each is
 * allowed or refused exactly as the core's access rules say, and what a refused actor may not read
 * never shows: not in lists, nested fields, payloads or error messages.
 */

type Who = 'lead' | 'supporting' | 'accepted' | 'auditor' | 'leadAdmin' | 'recipient' | 'unrelated';
const EVERYONE: readonly Who[] = [
  'lead',
  'supporting',
  'accepted',
  'auditor',
  'leadAdmin',
  'recipient',
  'unrelated',
];
const AGENCY_OF: Record<Who, 'lead' | 'supporting' | 'accepted' | 'recipient' | 'unrelated'> = {
  lead: 'lead',
  supporting: 'supporting',
  accepted: 'accepted',
  auditor: 'lead',
  leadAdmin: 'lead',
  recipient: 'recipient',
  unrelated: 'unrelated',
};
/** Staff of the agencies supporting the case: they write it. */
const CASEWORKERS: readonly Who[] = ['lead', 'supporting', 'accepted'];

type Section =
  | 'SUMMARY'
  | 'PERSON'
  | 'HOUSEHOLD'
  | 'HEALTH'
  | 'CONTACTS'
  | 'ASSESSMENTS'
  | 'PLANS'
  | 'REFERRALS';
const ALL_SECTIONS: readonly Section[] = [
  'SUMMARY',
  'PERSON',
  'HOUSEHOLD',
  'HEALTH',
  'CONTACTS',
  'ASSESSMENTS',
  'PLANS',
  'REFERRALS',
];

/** What each actor reads of the case (access-rules.ts): the waiting recipient what its referral shares. */
const SECTIONS: Record<Who, readonly Section[]> = {
  lead: ALL_SECTIONS,
  supporting: ALL_SECTIONS,
  accepted: ALL_SECTIONS,
  auditor: ALL_SECTIONS,
  leadAdmin: ['SUMMARY'],
  recipient: ['SUMMARY', 'PERSON'],
  unrelated: [],
};

/** Text that is stored in exactly one section of the case, to look for in every response. */
const SECRET = {
  PERSON: '秘密 花子',
  HOUSEHOLD: '秘密 母',
  HEALTH: '発達相談歴（要配慮）',
  CONTACTS: '通院歴あり（要配慮）',
  /** A stage note and a status note are progress record: contacts section, never summary. */
  STAGE_NOTE: '段階メモ（秘）',
  STATUS_NOTE: '小休止メモ（秘）',
  PLANS: '目標（秘）',
  REFERRALS: '紹介理由（秘）',
  CONSENT: '同意メモ（秘）',
} as const;

/** The secrets each section holds: its readers find every one, nobody else any. SUMMARY holds no free text. */
const SECRETS_OF: Partial<Record<Section, readonly string[]>> = {
  PERSON: [SECRET.PERSON],
  HOUSEHOLD: [SECRET.HOUSEHOLD],
  HEALTH: [SECRET.HEALTH],
  CONTACTS: [SECRET.CONTACTS, SECRET.STAGE_NOTE, SECRET.STATUS_NOTE],
  PLANS: [SECRET.PLANS],
  REFERRALS: [SECRET.REFERRALS, SECRET.CONSENT],
};

const FULL_CASE = `fragment Full on Case {
  id readableSections stage
  status { state note }
  history {
    supportStages(first: 10) { edges { node { note noteVisibility } } }
    statuses(first: 10) { edges { node { note } } }
    agencyPeriods { role joinedVia legalBasis { kind } }
  }
  person { displayName household { displayName } }
  household { displayName }
  intake { triggers }
  healthBackground { note }
  contacts(first: 100) { edges { node { note { text } } } }
  lastContact { id }
  attendance { edges { node { id } } }
  assessments { edges { node { id } } }
  latestAssessment { id }
  plans { edges { node { goals { description } } } }
  reviewOverdue
  placements { edges { node { id } } }
  referrals { edges { node { reason } } }
  openReferrals { edges { node { reason } } }
  consents { edges { node { note } } }
}`;

/** The section each gated field of `Full` belongs to. */
const FIELD_SECTIONS: Record<string, Section> = {
  history: 'SUMMARY',
  person: 'PERSON',
  household: 'HOUSEHOLD',
  intake: 'PERSON',
  healthBackground: 'HEALTH',
  contacts: 'CONTACTS',
  lastContact: 'CONTACTS',
  attendance: 'CONTACTS',
  assessments: 'ASSESSMENTS',
  latestAssessment: 'ASSESSMENTS',
  plans: 'PLANS',
  reviewOverdue: 'PLANS',
  placements: 'PLANS',
  referrals: 'REFERRALS',
  openReferrals: 'REFERRALS',
  consents: 'REFERRALS',
};

const TODAY = '2023-06-01';

interface World {
  h: Harness;
  tokens: Record<Who, string>;
  agencies: Record<'lead' | 'supporting' | 'accepted' | 'recipient' | 'unrelated' | 'spare', string>;
  caseId: string;
  motherId: string;
  planId: string;
  consentId: string;
  assessmentIds: [string, string];
  /** The referral waiting for the recipient's answer (replaced when the matrix answers it). */
  pending: { id: string; version: number };
  acceptedReferralId: string;
  meetingId: string;
  placementId: string;
  /** Text of ids that belong to one section (assessments, attendance, placements). */
  idSecrets: Record<'ASSESSMENTS' | 'CONTACTS' | 'PLANS', string[]>;
}

/** Secrets of the sections `who` may not read: none may appear in anything `who` is sent. */
function hiddenFrom(w: World, who: Who): string[] {
  const readable = SECTIONS[who];
  const out: string[] = [];
  for (const section of ALL_SECTIONS) {
    if (readable.includes(section)) continue;
    out.push(...(SECRETS_OF[section] ?? []));
    if (section in w.idSecrets) out.push(...w.idSecrets[section as keyof World['idSecrets']]);
  }
  return out;
}

function expectNoneOf(response: unknown, secrets: readonly string[], label: string): void {
  const text = JSON.stringify(response);
  for (const secret of secrets) expect(text.includes(secret), `${label}: leaks ${secret}`).toBe(false);
}

/** Every error says no more than the generic message. */
function expectOnlyGenericErrors(r: GqlResult<unknown>, label: string): void {
  for (const e of r.errors ?? []) {
    expect(e.message, label).toBe(NOT_ACCESSIBLE);
    expect(e.extensions?.code, label).toBe('FORBIDDEN');
  }
}

/** A case node exactly as `who` may see it: gated fields null, readable ones present with their data. */
function expectCaseAsSeenBy(w: World, who: Who, node: Record<string, unknown>, label: string): void {
  expect(node.readableSections, label).toEqual(SECTIONS[who]);
  for (const [field, section] of Object.entries(FIELD_SECTIONS)) {
    if (SECTIONS[who].includes(section)) expect(node[field], `${label}: ${field}`).not.toBeNull();
    else expect(node[field], `${label}: ${field}`).toBeNull();
  }
  const text = JSON.stringify(node);
  for (const section of SECTIONS[who])
    for (const secret of SECRETS_OF[section] ?? []) expect(text, `${label}: ${section}`).toContain(secret);
  expectNoneOf(node, hiddenFrom(w, who), label);
}

async function world(backend: HarnessBackend): Promise<World> {
  const h = await harness({ today: TODAY, backend });
  const lead = await h.register.agencies.registerFirst({
    kind: 'municipalHikikomoriDesk',
    name: 'Lead',
    municipalityCode: '242012',
  });
  const system = { staffId: 'setup', agencyId: lead.id, role: 'agencyAdmin' as const };
  const add = (name: string, kind: Agency['kind']) =>
    h.register.agencies.register(system, { kind, name, municipalityCode: '242012' });
  const supporting = await add('Supporting', 'socialWelfareCouncil');
  const accepted = await add('Accepted', 'privateSupportOrganisation');
  const recipient = await add('Recipient', 'youthSupportStation');
  const unrelated = await add('Unrelated', 'helloWork');
  const spare = await add('Spare', 'publicHealthCentre');
  const tokens: Record<Who, string> = {
    lead: (await h.token(lead, 'staff')).token,
    supporting: (await h.token(supporting, 'staff')).token,
    accepted: (await h.token(accepted, 'staff')).token,
    recipient: (await h.token(recipient, 'staff')).token,
    unrelated: (await h.token(unrelated, 'staff')).token,
    auditor: (await h.token(lead, 'auditor')).token,
    leadAdmin: (await h.token(lead, 'agencyAdmin')).token,
  };
  const g = (a: Agency) => globalId('Agency', a.id);
  const as = async <T>(who: Who, field: string, query: string, input: Record<string, unknown>) =>
    ok<T>((await h.gql(tokens[who], query, { input })) as GqlResult<Record<string, T>>, field);

  h.setToday('2023-05-01');
  const opened = await as<{ case: { id: string; household: { id: string }[] } }>(
    'lead',
    'openCase',
    `mutation($input: OpenCaseInput!) { openCase(input: $input) { case { id household { id } } userErrors { message } } }`,
    {
      person: {
        displayName: SECRET.PERSON,
        municipalityCode: '242012',
        household: [
          { ref: 'mother', relation: 'MOTHER', displayName: SECRET.HOUSEHOLD, livesWithPerson: true },
        ],
      },
      case: {
        municipalityCode: '242012',
        openedOn: '2023-05-01',
        familyStage: 'CONSULTATION',
        supportingAgencyIds: [g(supporting)],
      },
      // The mother consents at intake to welfare agencies (the supporting council, and the lead itself
      // when the lead is handed back and forth).
      consents: [
        {
          givenBy: { kind: 'HOUSEHOLD_MEMBER', householdMemberId: 'mother' },
          scope: { sectors: ['WELFARE'] },
          givenOn: '2023-05-01',
        },
      ],
      firstContact: {
        occurredOn: '2023-05-01',
        channel: 'PHONE',
        consultingParty: { kind: 'HOUSEHOLD_MEMBER', householdMemberId: 'mother' },
        personContact: 'NONE',
        contents: ['RELATIONSHIP_BUILDING'],
        note: { text: SECRET.CONTACTS },
      },
      intake: { triggers: ['SCHOOL_NON_ATTENDANCE'], discoveryRoute: 'FAMILY' },
      healthBackground: { developmentalDisability: 'SUSPECTED', note: { text: SECRET.HEALTH } },
    },
  );
  const caseId = opened.case.id;
  const motherId = opened.case.household[0]?.id as string;
  const mutation = (name: string, type: string, selection: string) =>
    `mutation($input: ${type}!) { ${name}(input: $input) { ${selection} userErrors { message } } }`;

  h.setToday('2023-05-10');
  await as('lead', 'recordContact', mutation('recordContact', 'RecordContactInput', 'contact { id }'), {
    caseId,
    occurredOn: '2023-05-10',
    channel: 'HOME_VISIT',
    consultingParty: { kind: 'PERSON' },
    personContact: 'REACHED',
    contents: ['VISIT'],
  });
  let version = 1;
  const stage = async (to: string, extra: Record<string, unknown> = {}) => {
    const r = await as<{ case: { version: number } }>(
      'lead',
      'changeStage',
      mutation('changeStage', 'ChangeStageInput', 'case { version }'),
      { caseId, expectedVersion: version, to, effectiveOn: '2023-05-10', ...extra },
    );
    version = r.case.version;
  };
  await stage('INDIVIDUAL');
  await stage('GROUP');
  await stage('INDIVIDUAL', {
    reason: 'RE_WITHDRAWAL',
    note: SECRET.STAGE_NOTE,
    noteVisibility: 'NOT_FOR_PERSON',
  });
  for (const move of [{ to: 'PAUSED', pauseReason: 'OTHER', note: SECRET.STATUS_NOTE }, { to: 'ACTIVE' }]) {
    const r = await as<{ case: { version: number } }>(
      'lead',
      'changeStatus',
      mutation('changeStatus', 'ChangeStatusInput', 'case { version }'),
      { caseId, expectedVersion: version, effectiveOn: '2023-05-10', ...move },
    );
    version = r.case.version;
  }

  h.setToday('2023-05-20');
  const answers = Object.fromEntries(DEFAULT_CHECKLIST.domains.flatMap((d) => d.items.map((i) => [i.id, 1])));
  const assessmentIds: string[] = [];
  for (const assessedOn of ['2023-05-12', '2023-05-20'])
    assessmentIds.push(
      (
        await as<{ assessment: { id: string } }>(
          'lead',
          'recordAssessment',
          mutation('recordAssessment', 'RecordAssessmentInput', 'assessment { id }'),
          {
            caseId,
            checklistId: DEFAULT_CHECKLIST.id,
            checklistVersion: DEFAULT_CHECKLIST.version,
            assessedOn,
            rater: { kind: 'PERSON' },
            answers,
          },
        )
      ).assessment.id,
    );
  const plan = await as<{ plan: { id: string } }>(
    'lead',
    'createPlan',
    mutation('createPlan', 'CreatePlanInput', 'plan { id }'),
    {
      caseId,
      createdOn: '2023-05-20',
      goals: [{ id: 'g1', description: SECRET.PLANS }],
      reviewDueOn: '2023-05-25',
    },
  );
  const consent = await as<{ consent: { id: string } }>(
    'lead',
    'recordConsent',
    mutation('recordConsent', 'RecordConsentInput', 'consent { id }'),
    {
      caseId,
      givenBy: { kind: 'PERSON' },
      scope: { agencyIds: [g(accepted), g(recipient), g(spare)] },
      givenOn: '2023-05-20',
      note: SECRET.CONSENT,
    },
  );
  const send = async (to: Agency, reason: string, sharedSections: Section[]) =>
    (
      await as<{ referral: { id: string } }>(
        'lead',
        'sendReferral',
        mutation('sendReferral', 'SendReferralInput', 'referral { id }'),
        {
          caseId,
          toAgencyId: g(to),
          reason,
          requestedService: '居場所',
          legalBasis: { kind: 'CONSENT', consentId: consent.consent.id },
          sharedSections,
          sentOn: '2023-05-20',
        },
      )
    ).referral.id;
  const acceptedReferralId = await send(accepted, SECRET.REFERRALS, ['SUMMARY']);
  await as(
    'accepted',
    'acceptReferral',
    mutation('acceptReferral', 'AcceptReferralInput', 'referral { status }'),
    { referralId: acceptedReferralId, on: '2023-05-20', expectedVersion: 1 },
  );
  const pendingId = await send(recipient, '就労体験の相談', ['SUMMARY', 'PERSON']);

  // A place of the lead agency with one session the person attended, and a host for placements.
  const place = await h.register.programmes.createPlace(
    { staffId: 'setup', agencyId: lead.id, role: 'staff' },
    { kind: 'ibasho', name: '居場所', municipalityCode: '242012' },
  );
  const leadActor = { staffId: 'setup', agencyId: lead.id, role: 'staff' as const };
  const programme = await h.register.programmes.createProgramme(leadActor, {
    placeId: place.id,
    name: '月1回の居場所',
    audience: 'person',
  });
  const session = await h.register.programmes.addSession(leadActor, {
    programmeId: programme.id,
    heldOn: '2023-05-20',
  });
  const attendance = await h.register.programmes.recordAttendance(leadActor, {
    sessionId: session.id,
    caseId: localCase(caseId),
    attendee: { kind: 'person' },
  });
  const host = await h.register.programmes.createPlace(leadActor, {
    kind: 'workExperienceHost',
    name: '職親',
    municipalityCode: '242012',
  });
  const placement = await h.register.programmes.planPlacement(leadActor, {
    caseId: localCase(caseId),
    hostPlaceId: host.id,
    startsOn: '2023-05-01',
    endsOn: '2023-05-31',
  });
  // A support meeting the unrelated agency sits in too: a legal basis to share, never access.
  const meeting = await h.register.sharing.establishMeeting(leadActor, {
    municipalityCode: '242012',
    name: '支援会議',
    establishedOn: '2023-05-01',
    memberAgencyIds: [supporting.id, unrelated.id],
  });
  await h.register.sharing.addMeetingCase(leadActor, meeting.id, localCase(caseId), '2023-05-20');
  h.setToday(TODAY);

  return {
    h,
    tokens,
    agencies: {
      lead: g(lead),
      supporting: g(supporting),
      accepted: g(accepted),
      recipient: g(recipient),
      unrelated: g(unrelated),
      spare: g(spare),
    },
    caseId,
    motherId,
    planId: plan.plan.id,
    consentId: consent.consent.id,
    assessmentIds: [assessmentIds[0] as string, assessmentIds[1] as string],
    pending: { id: pendingId, version: 1 },
    acceptedReferralId,
    meetingId: meeting.id,
    placementId: placement.id,
    idSecrets: {
      // The global ids `id` gives these records, and the plain ids inside them.
      ASSESSMENTS: [...assessmentIds, ...assessmentIds.map((id) => localCase(id).split('/')[1] as string)],
      CONTACTS: [attendance.id],
      PLANS: [placement.id, plan.plan.id, localCase(plan.plan.id).split('/')[1] as string],
    },
  };
}

function localCase(caseGlobalId: string): string {
  return Buffer.from(caseGlobalId, 'base64').toString('utf8').split(':')[1] as string;
}

export function describeAuthorizationMatrix(backend: HarnessBackend): void {
  describe(`authorization matrix on ${backendName(backend)}`, () => {
    let w: World;
    beforeAll(async () => {
      w = await world(backend);
    });
    afterAll(async () => {
      await w?.h.close();
      if (backend !== 'memory') await backend.dropAll();
    });
    const gql = <T = Record<string, unknown>>(
      who: Who,
      query: string,
      variables: Record<string, unknown> = {},
    ) => w.h.gql<T>(w.tokens[who], query, variables);

    describe('queries', () => {
      it('case(id): each actor sees exactly its sections; others get the generic FORBIDDEN', async () => {
        for (const who of EVERYONE) {
          const r = await gql<{ case: Record<string, unknown> | null }>(
            who,
            `query($id: ID!) { case(id: $id) { ...Full } } ${FULL_CASE}`,
            { id: w.caseId },
          );
          expectOnlyGenericErrors(r, who);
          if (SECTIONS[who].length === 0) {
            expect(r.data, who).toEqual({ case: null });
            expect(r.errors?.length, who).toBe(1);
          } else {
            expect(r.errors, who).toBeUndefined();
            expectCaseAsSeenBy(w, who, r.data?.case as Record<string, unknown>, `case as ${who}`);
          }
          expectNoneOf(r, hiddenFrom(w, who), who);
        }
      });

      it('a case that does not exist fails exactly like one that is not accessible', async () => {
        const r = await gql('lead', 'query($id: ID!) { case(id: $id) { id } }', {
          id: globalId('Case', 'no-such-case'),
        });
        expect(r.data).toEqual({ case: null });
        expect(r.errors?.map((e) => [e.message, e.extensions?.code])).toEqual([
          [NOT_ACCESSIBLE, 'FORBIDDEN'],
        ]);
      });

      it('cases, node and nodes: the case is listed for whoever may see it, as they may see it', async () => {
        for (const who of EVERYONE) {
          const list = await gql<{ cases: { edges: { node: Record<string, unknown> }[] } }>(
            who,
            `{ cases(first: 5) { edges { node { ...Full } } } } ${FULL_CASE}`,
          );
          const node = await gql<{ node: Record<string, unknown> | null }>(
            who,
            `query($id: ID!) { node(id: $id) { ...Full } } ${FULL_CASE}`,
            { id: w.caseId },
          );
          const nodes = await gql<{ nodes: (Record<string, unknown> | null)[] }>(
            who,
            `query($ids: [ID!]!) { nodes(ids: $ids) { ...Full } } ${FULL_CASE}`,
            { ids: [w.caseId] },
          );
          for (const r of [list, node, nodes]) {
            expectOnlyGenericErrors(r, who);
            expectNoneOf(r, hiddenFrom(w, who), who);
          }
          const seen = [list.data?.cases.edges[0]?.node, node.data?.node, nodes.data?.nodes[0]];
          if (SECTIONS[who].length === 0) {
            expect(list.data?.cases.edges, who).toEqual([]);
            expect(node.data?.node, who).toBeNull();
            expect(nodes.data?.nodes, who).toEqual([null]);
          } else {
            expect(list.data?.cases.edges, who).toHaveLength(1);
            for (const n of seen)
              expectCaseAsSeenBy(w, who, n as Record<string, unknown>, `list/node as ${who}`);
          }
        }
      });

      it('referral inbox and outbox: a party sees its referrals, and their case only as far as it may', async () => {
        const query = (direction: string) =>
          `{ referrals(direction: ${direction}) { edges { node { id reason status case { ...Full } previousReferral { id } } } } } ${FULL_CASE}`;
        const expected: Record<Who, { incoming: string[]; outgoing: string[] } | 'refused'> = {
          lead: { incoming: [], outgoing: ['ACCEPTED', 'SENT'] },
          auditor: { incoming: [], outgoing: ['ACCEPTED', 'SENT'] },
          supporting: { incoming: [], outgoing: [] },
          accepted: { incoming: ['ACCEPTED'], outgoing: [] },
          recipient: { incoming: ['SENT'], outgoing: [] },
          unrelated: { incoming: [], outgoing: [] },
          // Referral lists are for caseworkers and auditors.
          leadAdmin: 'refused',
        };
        for (const who of EVERYONE) {
          for (const direction of ['INCOMING', 'OUTGOING'] as const) {
            const r = await gql<{
              referrals: { edges: { node: { status: string; case: Record<string, unknown> | null } }[] };
            }>(who, query(direction));
            expectOnlyGenericErrors(r, `${who} ${direction}`);
            expectNoneOf(r, hiddenFrom(w, who), `${who} ${direction}`);
            const want = expected[who];
            if (want === 'refused') {
              expect(r.data, who).toBeNull();
              continue;
            }
            const edges = r.data?.referrals.edges ?? [];
            expect(edges.map((e) => e.node.status).sort(), `${who} ${direction}`).toEqual(
              direction === 'INCOMING' ? want.incoming : want.outgoing,
            );
            for (const e of edges)
              expectCaseAsSeenBy(w, who, e.node.case as Record<string, unknown>, `${who} ${direction} case`);
          }
        }
      });

      it('node and nodes (contact, assessment, plan ids): only readers of the section get the record', async () => {
        const listed = await gql<{
          case: { contacts: { edges: { node: { id: string } }[] } };
        }>('lead', 'query($id: ID!) { case(id: $id) { contacts(first: 1) { edges { node { id } } } } }', {
          id: w.caseId,
        });
        const contactId = listed.data?.case.contacts.edges[0]?.node.id as string;
        const key = (id: string) => caseRecordKey(localCase(w.caseId), id);
        const records: [Section, string, string][] = [
          ['CONTACTS', 'Contact', contactId],
          ['ASSESSMENTS', 'Assessment', w.assessmentIds[0]],
          ['PLANS', 'SupportPlan', w.planId],
        ];
        for (const who of EVERYONE)
          for (const [section, typename, id] of records) {
            const r = await gql<{ node: { __typename: string; id: string } | null; nodes: unknown[] }>(
              who,
              'query($id: ID!) { node(id: $id) { __typename id } nodes(ids: [$id]) { ... on Node { id } } }',
              { id },
            );
            expectOnlyGenericErrors(r, who);
            expectNoneOf(r, hiddenFrom(w, who), who);
            if (SECTIONS[who].includes(section)) {
              expect(r.data?.node, `${who} ${typename}`).toEqual({ __typename: typename, id });
              expect(r.data?.nodes, `${who} ${typename}`).toEqual([{ id }]);
            } else {
              expect(r.data?.node, `${who} ${typename}`).toBeNull();
              expect(r.data?.nodes, `${who} ${typename}`).toEqual([null]);
            }
          }
        // A record of another case, or one that does not exist, is null like one that may not be read.
        const elsewhere = globalId(
          'Contact',
          caseRecordKey('no-such-case', localCase(contactId).split('/')[1] ?? ''),
        );
        const missing = globalId('SupportPlan', key('no-such-plan'));
        const r = await gql<{ nodes: unknown[] }>('lead', 'query($ids: [ID!]!) { nodes(ids: $ids) { id } }', {
          ids: [elsewhere, missing],
        });
        expect(r.data?.nodes).toEqual([null, null]);
      });

      it('node(referral id): only readers of the referrals section get a referral of the case', async () => {
        for (const who of EVERYONE)
          for (const id of [w.pending.id, w.acceptedReferralId]) {
            const r = await gql<{ node: Record<string, unknown> | null }>(
              who,
              `query($id: ID!) { node(id: $id) { ... on Referral { reason case { ...Full } } } } ${FULL_CASE}`,
              { id },
            );
            expectOnlyGenericErrors(r, who);
            expectNoneOf(r, hiddenFrom(w, who), who);
            if (SECTIONS[who].includes('REFERRALS')) {
              const node = r.data?.node as { case: Record<string, unknown> };
              expectCaseAsSeenBy(w, who, node.case, `referral node as ${who}`);
            } else expect(r.data?.node, who).toBeNull();
          }
      });

      it('compareAssessments: only readers of the assessments section', async () => {
        for (const who of EVERYONE) {
          const r = await gql<{ compareAssessments: { totalDelta: number } | null }>(
            who,
            'query($a: ID!, $b: ID!) { compareAssessments(earlierId: $a, laterId: $b) { totalDelta domains { domainId } } }',
            { a: w.assessmentIds[0], b: w.assessmentIds[1] },
          );
          expectOnlyGenericErrors(r, who);
          if (SECTIONS[who].includes('ASSESSMENTS'))
            expect(r.data?.compareAssessments?.totalDelta, who).toBe(0);
          else {
            expect(r.data, who).toEqual({ compareAssessments: null });
            expect(r.errors?.length, who).toBe(1);
          }
        }
      });

      it('support meetings: a member that may not see the case gets its id, never its contents', async () => {
        // The lead agency's staff, auditor and admin all belong to a member agency.
        const members = EVERYONE.filter((who) =>
          ['lead', 'supporting', 'unrelated'].includes(AGENCY_OF[who]),
        );
        for (const who of EVERYONE) {
          const r = await gql<{
            supportMeetings: {
              edges: { node: { cases: { caseId: string; case: Record<string, unknown> | null }[] } }[];
            };
          }>(
            who,
            `{ supportMeetings { edges { node { cases { caseId case { ...Full } } } } } } ${FULL_CASE}`,
          );
          expectOnlyGenericErrors(r, who);
          expectNoneOf(r, hiddenFrom(w, who), who);
          const cases = r.data?.supportMeetings.edges.flatMap((e) => e.node.cases) ?? [];
          if (!members.includes(who)) {
            expect(cases, who).toEqual([]);
            continue;
          }
          expect(
            cases.map((c) => c.caseId),
            who,
          ).toEqual([w.caseId]);
          if (SECTIONS[who].length === 0) expect(cases[0]?.case, who).toBeNull();
          else
            expectCaseAsSeenBy(w, who, cases[0]?.case as Record<string, unknown>, `meeting case as ${who}`);
        }
      });

      it('exact indicator figures of the lead agency are for the lead agency only', async () => {
        for (const who of EVERYONE) {
          const r = await gql<{ indicators: unknown }>(
            who,
            `query($agencyId: ID!) { indicators(period: { kind: FISCAL_YEAR, fiscalYear: 2023 }, scope: { kind: AGENCY, agencyId: $agencyId }, publishing: false) { periodLabel } }`,
            { agencyId: w.agencies.lead },
          );
          expectOnlyGenericErrors(r, who);
          if (['lead', 'auditor', 'leadAdmin'].includes(who)) expect(r.errors, who).toBeUndefined();
          else expect(r.data, who).toEqual({ indicators: null });
        }
      });

      it('the case audit trail is for the lead agency: every agency’s reads of the case', async () => {
        const trail = (who: Who, agency: keyof World['agencies']) =>
          gql<{ caseAuditTrail: { edges: { node: { outcome: string; agency: { id: string } | null } }[] } }>(
            who,
            'query($id: ID!, $agency: ID!) { caseAuditTrail(caseId: $id, first: 20, filter: { agencyId: $agency }) { edges { node { outcome agency { id } } } } }',
            { id: w.caseId, agency: w.agencies[agency] },
          );
        for (const who of EVERYONE) {
          if (AGENCY_OF[who] !== 'lead') {
            const r = await trail(who, 'lead');
            expectOnlyGenericErrors(r, who);
            expect(r.data, who).toBeNull();
            continue;
          }
          // The other agencies' reads of the lead's case (they read it in the tests above) ...
          for (const other of ['supporting', 'accepted', 'recipient'] as const) {
            const entries = (await trail(who, other)).data?.caseAuditTrail.edges.map((e) => e.node) ?? [];
            expect(entries.length, `${who} sees ${other}`).toBeGreaterThan(0);
            expect(
              entries.every((e) => e.agency?.id === w.agencies[other]),
              who,
            ).toBe(true);
          }
          // ... and the unrelated agency's attempts, every one refused.
          const attempts =
            (await trail(who, 'unrelated')).data?.caseAuditTrail.edges.map((e) => e.node) ?? [];
          expect(attempts.length, who).toBeGreaterThan(0);
          expect(
            attempts.every((e) => e.outcome === 'DENIED'),
            who,
          ).toBe(true);
        }
      });

      it('a disclosure (開示) is prepared by the lead agency’s caseworkers only', async () => {
        for (const who of EVERYONE) {
          const r = await gql<{ disclosureExport: { content: string; contentType: string } | null }>(
            who,
            'query($id: ID!) { disclosureExport(caseId: $id, audience: PERSON) { content contentType withheldNotes } }',
            { id: w.caseId },
          );
          expectOnlyGenericErrors(r, who);
          if (who !== 'lead') {
            expect(r.data, who).toEqual({ disclosureExport: null });
            expect(r.errors?.length, who).toBe(1);
            continue;
          }
          const file = r.data?.disclosureExport;
          expect(file?.contentType).toBe('text/csv; charset=utf-8');
          expect(file?.content.startsWith('\uFEFF')).toBe(true);
          // The stage note is walled from the person; everything else of the record is there.
          expect(file?.content).not.toContain(SECRET.STAGE_NOTE);
          for (const secret of [SECRET.PERSON, SECRET.CONTACTS, SECRET.STATUS_NOTE, SECRET.PLANS])
            expect(file?.content).toContain(secret);
        }
      });

      it('agency invitations are for the network administrator only', async () => {
        for (const who of EVERYONE) {
          const r = await gql<{ agencyInvitations: unknown[] | null }>(
            who,
            '{ agencyInvitations { id status } }',
          );
          expectOnlyGenericErrors(r, who);
          if (who === 'leadAdmin') expect(r.errors, who).toBeUndefined();
          else expect(r.data, who).toBeNull();
        }
      });

      it('the audit log is for the agency’s auditors and admins', async () => {
        for (const who of EVERYONE) {
          const r = await gql<{ auditLog: { edges: { node: { agency: { id: string } | null } }[] } }>(
            who,
            '{ auditLog(first: 100) { edges { node { operation outcome staffId } } } }',
          );
          expectOnlyGenericErrors(r, who);
          if (who === 'auditor' || who === 'leadAdmin')
            expect(r.data?.auditLog.edges.length, who).toBeGreaterThan(0);
          else expect(r.data, who).toBeNull();
        }
      });
    });

    describe('mutations', () => {
      // What the lead sees of the case, its meeting and the lead agency's caseload: a refused change
      // must leave all of it exactly as it was.
      const fingerprint = async () => {
        const r = await gql(
          'lead',
          `query($id: ID!) {
            case(id: $id) {
              version stage familyStage status { state } leadAgency { id } supportingAgencies { id }
              person { displayName kana household { id displayName birthYear } }
              contacts(first: 100) { edges { node { id } } }
              assessments(first: 100) { edges { node { id } } }
              plans(first: 100) { edges { node { id version goals { id status description } reviews { reviewedOn } } } }
              consents(first: 100) { edges { node { id withdrawnOn } } }
              referrals(first: 100) { edges { node { id status version } } }
              attendance(first: 100) { edges { node { id } } }
              placements(first: 100) { edges { node { id workdays { on } } } }
            }
            supportMeetings { edges { node { id cases { caseId addedOn removedOn } } } }
            cases(first: 100) { edges { node { id } } }
          }`,
          { id: w.caseId },
        );
        expect(r.errors).toBeUndefined();
        return r.data;
      };
      const current = async () => {
        const r = await gql<{
          case: {
            version: number;
            stage: string;
            familyStage: string;
            status: { state: string };
            plans: { edges: { node: { id: string; version: number } }[] };
          };
        }>(
          'lead',
          `query($id: ID!) { case(id: $id) { version stage familyStage status { state }
            plans(first: 100) { edges { node { id version } } } } }`,
          { id: w.caseId },
        );
        const c = r.data?.case;
        if (!c) throw new Error(`the lead cannot read the case: ${JSON.stringify(r.errors)}`);
        return { ...c, planVersion: c.plans.edges.find((e) => e.node.id === w.planId)?.node.version };
      };
      const referralVersion = async (id: string) => {
        const r = await gql<{ node: { version: number } }>(
          'lead',
          'query($id: ID!) { node(id: $id) { ... on Referral { version } } }',
          { id },
        );
        return r.data?.node.version as number;
      };
      const as = async <T>(who: Who, field: string, type: string, selection: string, input: unknown) =>
        ok<T>(
          (await gql(
            who,
            `mutation($input: ${type}!) { ${field}(input: $input) { ${selection} userErrors { code message } } }`,
            {
              input,
            },
          )) as GqlResult<Record<string, T>>,
          field,
        );
      const sendTo = async (
        who: Who,
        agency: keyof World['agencies'],
        sharedSections: Section[] = ['SUMMARY'],
      ) =>
        (
          await as<{ referral: { id: string; version: number } }>(
            who,
            'sendReferral',
            'SendReferralInput',
            'referral { id version }',
            {
              caseId: w.caseId,
              toAgencyId: w.agencies[agency],
              reason: '紹介',
              requestedService: '相談',
              legalBasis: { kind: 'CONSENT', consentId: w.consentId },
              sharedSections,
              sentOn: TODAY,
            },
          )
        ).referral;
      let day = 0;
      const nextDay = (from: string) => {
        day += 1;
        const d = new Date(`${from}T00:00:00Z`);
        d.setUTCDate(d.getUTCDate() + day);
        return d.toISOString().slice(0, 10);
      };

      interface Row {
        /** What the row tries (the mutation field, and which change when one field does several). */
        readonly label: string;
        readonly field: string;
        readonly inputType: string;
        /** Payload fields asked besides userErrors; nested case data shows any leak. */
        readonly selection: string;
        readonly allowed: readonly Who[];
        /** Refused for a reason of the domain, not of access (the code the core gives). */
        readonly refused?: Partial<Record<Who, string>>;
        input(who: Who): Promise<Record<string, unknown>>;
        /** After an allowed change: put back what the next actors need. */
        restore?(who: Who): Promise<void>;
      }

      const caseSelection = 'case { id version person { displayName } contacts { edges { node { id } } } }';
      const rows: Row[] = [
        {
          label: 'recordContact',
          field: 'recordContact',
          inputType: 'RecordContactInput',
          selection: 'contact { id note { text } case { person { displayName } } }',
          allowed: CASEWORKERS,
          input: async () => ({
            caseId: w.caseId,
            occurredOn: TODAY,
            channel: 'PHONE',
            consultingParty: { kind: 'ANONYMOUS' },
            personContact: 'NONE',
            contents: ['WATCHING_OVER'],
          }),
        },
        {
          label: 'changeStage',
          field: 'changeStage',
          inputType: 'ChangeStageInput',
          selection: `${caseSelection} entry { direction }`,
          allowed: CASEWORKERS,
          input: async () => {
            const c = await current();
            return {
              caseId: w.caseId,
              expectedVersion: c.version,
              effectiveOn: TODAY,
              ...(c.stage === 'INDIVIDUAL' ? { to: 'GROUP' } : { to: 'INDIVIDUAL', reason: 'PERSON_WISH' }),
            };
          },
        },
        {
          label: 'changeFamilyStage',
          field: 'changeFamilyStage',
          inputType: 'ChangeFamilyStageInput',
          selection: `${caseSelection} entry { direction }`,
          allowed: CASEWORKERS,
          input: async () => {
            const c = await current();
            return {
              caseId: w.caseId,
              expectedVersion: c.version,
              effectiveOn: TODAY,
              ...(c.familyStage === 'CONSULTATION'
                ? { to: 'LEARNING' }
                : { to: 'CONSULTATION', reason: 'FAMILY_WISH' }),
            };
          },
        },
        {
          label: 'changeStatus (pause, resume)',
          field: 'changeStatus',
          inputType: 'ChangeStatusInput',
          selection: `${caseSelection} entry { move }`,
          allowed: CASEWORKERS,
          input: async () => {
            const c = await current();
            return {
              caseId: w.caseId,
              expectedVersion: c.version,
              effectiveOn: TODAY,
              ...(c.status.state === 'ACTIVE'
                ? { to: 'PAUSED', pauseReason: 'PERSON_WISH' }
                : { to: 'ACTIVE' }),
            };
          },
        },
        {
          label: 'changeStatus (close: a lead decision)',
          field: 'changeStatus',
          inputType: 'ChangeStatusInput',
          selection: `${caseSelection} entry { move }`,
          allowed: ['lead'],
          input: async () => ({
            caseId: w.caseId,
            expectedVersion: (await current()).version,
            effectiveOn: TODAY,
            to: 'CLOSED',
            closureReason: 'PERSON_WISH',
          }),
          restore: async () => {
            await as('lead', 'changeStatus', 'ChangeStatusInput', 'entry { move }', {
              caseId: w.caseId,
              expectedVersion: (await current()).version,
              effectiveOn: TODAY,
              to: 'ACTIVE',
              reopenReason: 'NEW_CONSULTATION',
            });
          },
        },
        {
          label: 'addSupportingAgency',
          field: 'addSupportingAgency',
          inputType: 'AddSupportingAgencyInput',
          selection: caseSelection,
          allowed: ['lead'],
          input: async () => ({
            caseId: w.caseId,
            agencyId: w.agencies.spare,
            expectedVersion: (await current()).version,
          }),
          restore: async () => {
            await as('lead', 'removeSupportingAgency', 'SupportingAgencyInput', 'case { id }', {
              caseId: w.caseId,
              agencyId: w.agencies.spare,
              expectedVersion: (await current()).version,
            });
          },
        },
        {
          label: 'removeSupportingAgency (another agency: a lead decision)',
          field: 'removeSupportingAgency',
          inputType: 'SupportingAgencyInput',
          selection: caseSelection,
          allowed: ['lead'],
          input: async () => {
            const version = (await current()).version;
            const supporting = await gql<{ case: { supportingAgencies: { id: string }[] } }>(
              'lead',
              'query($id: ID!) { case(id: $id) { supportingAgencies { id } } }',
              { id: w.caseId },
            );
            if (!supporting.data?.case.supportingAgencies.some((a) => a.id === w.agencies.spare))
              await as('lead', 'addSupportingAgency', 'AddSupportingAgencyInput', 'case { id }', {
                caseId: w.caseId,
                agencyId: w.agencies.spare,
                expectedVersion: version,
              });
            return {
              caseId: w.caseId,
              agencyId: w.agencies.spare,
              expectedVersion: (await current()).version,
            };
          },
        },
        {
          label: 'removeSupportingAgency (itself: a supporting agency withdraws)',
          field: 'removeSupportingAgency',
          inputType: 'SupportingAgencyInput',
          selection: 'case { id }',
          allowed: ['supporting', 'accepted'],
          // The lead is no supporting agency of its own case.
          refused: { lead: 'PRECONDITION_FAILED' },
          input: async (who) => ({
            caseId: w.caseId,
            agencyId: w.agencies[AGENCY_OF[who]],
            expectedVersion: (await current()).version,
          }),
          restore: async (who) => {
            await as('lead', 'addSupportingAgency', 'AddSupportingAgencyInput', 'case { id }', {
              caseId: w.caseId,
              agencyId: w.agencies[who as 'supporting' | 'accepted'],
              expectedVersion: (await current()).version,
            });
          },
        },
        {
          label: 'handOverLead',
          field: 'handOverLead',
          inputType: 'HandOverLeadInput',
          selection: caseSelection,
          allowed: ['lead'],
          input: async () => ({
            caseId: w.caseId,
            newLeadAgencyId: w.agencies.supporting,
            expectedVersion: (await current()).version,
          }),
          // The new lead hands it back: both stay on the case throughout.
          restore: async () => {
            await as('supporting', 'handOverLead', 'HandOverLeadInput', 'case { id }', {
              caseId: w.caseId,
              newLeadAgencyId: w.agencies.lead,
              expectedVersion: (await current()).version,
            });
          },
        },
        {
          label: 'updatePerson',
          field: 'updatePerson',
          inputType: 'UpdatePersonInput',
          selection: 'person { displayName household { displayName } } case { id }',
          allowed: CASEWORKERS,
          input: async (who) => ({
            caseId: w.caseId,
            kana: `ひみつ${'あいうえおかき'[EVERYONE.indexOf(who)]}`,
          }),
        },
        {
          label: 'addHouseholdMember',
          field: 'addHouseholdMember',
          inputType: 'AddHouseholdMemberInput',
          selection: 'person { displayName household { displayName } }',
          allowed: CASEWORKERS,
          input: async () => ({ caseId: w.caseId, relation: 'SIBLING', livesWithPerson: false }),
        },
        {
          label: 'updateHouseholdMember',
          field: 'updateHouseholdMember',
          inputType: 'UpdateHouseholdMemberInput',
          selection: 'person { displayName household { displayName } }',
          allowed: CASEWORKERS,
          input: async (who) => ({ caseId: w.caseId, memberId: w.motherId, birthYear: 1950 + who.length }),
        },
        {
          label: 'removeHouseholdMember',
          field: 'removeHouseholdMember',
          inputType: 'RemoveHouseholdMemberInput',
          selection: 'person { displayName household { displayName } }',
          allowed: CASEWORKERS,
          input: async () => {
            const added = await as<{ person: { household: { id: string; relation: string }[] } }>(
              'lead',
              'addHouseholdMember',
              'AddHouseholdMemberInput',
              'person { household { id relation } }',
              { caseId: w.caseId, relation: 'GRANDPARENT', livesWithPerson: true },
            );
            const member = added.person.household.findLast((m) => m.relation === 'GRANDPARENT');
            return { caseId: w.caseId, memberId: member?.id };
          },
        },
        {
          label: 'recordAssessment',
          field: 'recordAssessment',
          inputType: 'RecordAssessmentInput',
          selection: 'assessment { id total case { person { displayName } } }',
          allowed: CASEWORKERS,
          input: async () => ({
            caseId: w.caseId,
            checklistId: DEFAULT_CHECKLIST.id,
            checklistVersion: DEFAULT_CHECKLIST.version,
            assessedOn: TODAY,
            rater: { kind: 'PERSON' },
            answers: Object.fromEntries(
              DEFAULT_CHECKLIST.domains.flatMap((d) => d.items.map((i) => [i.id, 2])),
            ),
          }),
        },
        {
          label: 'createPlan',
          field: 'createPlan',
          inputType: 'CreatePlanInput',
          selection: 'plan { id goals { description } case { person { displayName } } }',
          allowed: CASEWORKERS,
          input: async () => ({
            caseId: w.caseId,
            createdOn: TODAY,
            goals: [{ id: 'g1', description: '外出する' }],
            reviewDueOn: '2023-09-30',
          }),
        },
        {
          label: 'addGoal',
          field: 'addGoal',
          inputType: 'AddGoalInput',
          selection: 'plan { id goals { description } }',
          allowed: CASEWORKERS,
          input: async (who) => ({
            planId: w.planId,
            expectedVersion: (await current()).planVersion,
            id: `goal-${who}`,
            description: '買い物に行く',
          }),
        },
        {
          label: 'updateGoal',
          field: 'updateGoal',
          inputType: 'UpdateGoalInput',
          selection: 'plan { id goals { description } }',
          allowed: CASEWORKERS,
          input: async (who) => ({
            planId: w.planId,
            expectedVersion: (await current()).planVersion,
            goalId: `goal-${who === 'lead' || who === 'supporting' || who === 'accepted' ? who : 'lead'}`,
            status: 'DROPPED',
          }),
        },
        {
          label: 'recordPlanReview',
          field: 'recordPlanReview',
          inputType: 'RecordPlanReviewInput',
          selection: 'plan { id goals { description } }',
          allowed: CASEWORKERS,
          input: async () => ({
            planId: w.planId,
            expectedVersion: (await current()).planVersion,
            reviewedOn: TODAY,
            outcome: 'CONTINUE',
            nextReviewDueOn: '2023-12-31',
          }),
        },
        {
          label: 'recordConsent',
          field: 'recordConsent',
          inputType: 'RecordConsentInput',
          selection: 'consent { id note case { person { displayName } } }',
          allowed: CASEWORKERS,
          input: async () => ({
            caseId: w.caseId,
            givenBy: { kind: 'PERSON' },
            scope: { sectors: ['EMPLOYMENT'] },
            givenOn: TODAY,
          }),
        },
        {
          label: 'withdrawConsent',
          field: 'withdrawConsent',
          inputType: 'WithdrawConsentInput',
          selection: 'consent { id note }',
          allowed: CASEWORKERS,
          input: async () => {
            const made = await as<{ consent: { id: string } }>(
              'lead',
              'recordConsent',
              'RecordConsentInput',
              'consent { id }',
              {
                caseId: w.caseId,
                givenBy: { kind: 'PERSON' },
                scope: { sectors: ['HEALTH'] },
                givenOn: TODAY,
              },
            );
            return { consentId: made.consent.id, on: TODAY };
          },
        },
        {
          label: 'sendReferral',
          field: 'sendReferral',
          inputType: 'SendReferralInput',
          selection: 'referral { id reason case { person { displayName } } }',
          allowed: CASEWORKERS,
          input: async () => ({
            caseId: w.caseId,
            toAgencyId: w.agencies.spare,
            reason: '紹介',
            requestedService: '相談',
            legalBasis: { kind: 'CONSENT', consentId: w.consentId },
            sharedSections: ['SUMMARY'],
            sentOn: TODAY,
          }),
          // The sender takes it back, so that the next one may send to the same agency.
          restore: async (who) => {
            const out = await gql<{
              referrals: { edges: { node: { id: string; version: number; toAgency: { id: string } } }[] };
            }>(
              who,
              '{ referrals(direction: OUTGOING, statuses: [SENT]) { edges { node { id version toAgency { id } } } } }',
            );
            for (const e of out.data?.referrals.edges ?? [])
              if (e.node.toAgency.id === w.agencies.spare)
                await as(who, 'withdrawReferral', 'WithdrawReferralInput', 'referral { id }', {
                  referralId: e.node.id,
                  on: TODAY,
                  expectedVersion: e.node.version,
                });
          },
        },
        (() => {
          let open: { id: string; version: number } | null = null;
          return {
            label: 'withdrawReferral (the sending agency)',
            field: 'withdrawReferral',
            inputType: 'WithdrawReferralInput',
            selection: 'referral { id reason status }',
            allowed: ['lead'],
            input: async () => {
              open ??= await sendTo('lead', 'spare');
              return { referralId: open.id, on: TODAY, expectedVersion: open.version };
            },
            restore: async () => {
              open = null;
            },
          } satisfies Row;
        })(),
        {
          label: 'declineReferral (the receiving agency)',
          field: 'declineReferral',
          inputType: 'DeclineReferralInput',
          selection: 'referral { id reason status case { person { displayName } } }',
          allowed: ['recipient'],
          input: async () => ({
            referralId: w.pending.id,
            on: TODAY,
            reason: '定員超過',
            expectedVersion: await referralVersion(w.pending.id),
          }),
          // A new referral puts the recipient back where it was: waiting, with the same shares.
          restore: async () => {
            w.pending = await sendTo('lead', 'recipient', ['SUMMARY', 'PERSON']);
          },
        },
        {
          label: 'acceptReferral (the receiving agency)',
          field: 'acceptReferral',
          inputType: 'AcceptReferralInput',
          selection: 'referral { id status case { person { displayName } } }',
          allowed: ['recipient'],
          input: async () => ({
            referralId: w.pending.id,
            on: TODAY,
            expectedVersion: await referralVersion(w.pending.id),
          }),
          // Accepting made the recipient a supporting agency: the lead takes that back and refers again.
          restore: async () => {
            await as('lead', 'removeSupportingAgency', 'SupportingAgencyInput', 'case { id }', {
              caseId: w.caseId,
              agencyId: w.agencies.recipient,
              expectedVersion: (await current()).version,
            });
            const completed = await referralVersion(w.pending.id);
            await as('recipient', 'completeReferral', 'CompleteReferralInput', 'referral { id }', {
              referralId: w.pending.id,
              on: TODAY,
              outcome: 'NOT_CONNECTED',
              outcomeReason: '受入れを取り消した',
              expectedVersion: completed,
            });
            w.pending = await sendTo('lead', 'recipient', ['SUMMARY', 'PERSON']);
          },
        },
        {
          label: 'addSupportMeetingCase',
          field: 'addSupportMeetingCase',
          inputType: 'AddSupportMeetingCaseInput',
          selection: 'supportMeeting { id cases { caseId case { person { displayName } } } }',
          allowed: ['lead', 'supporting'],
          input: async () => {
            await meetingCase('remove');
            return { supportMeetingId: w.meetingId, caseId: w.caseId, addedOn: TODAY };
          },
        },
        {
          label: 'removeSupportMeetingCase',
          field: 'removeSupportMeetingCase',
          inputType: 'RemoveSupportMeetingCaseInput',
          selection: 'supportMeeting { id cases { caseId case { person { displayName } } } }',
          allowed: ['lead', 'supporting'],
          input: async () => {
            await meetingCase('add');
            return { supportMeetingId: w.meetingId, caseId: w.caseId, removedOn: TODAY };
          },
        },
        {
          label: 'recordAttendance (the operator of the place)',
          field: 'recordAttendance',
          inputType: 'RecordAttendanceInput',
          selection: 'attendance { id case { person { displayName } } }',
          allowed: ['lead'],
          input: async () => {
            const places = await gql<{
              places: { edges: { node: { programmes: { edges: { node: { id: string } }[] } } }[] };
            }>(
              'lead',
              '{ places(filter: { kind: IBASHO }) { edges { node { programmes { edges { node { id } } } } } } }',
            );
            const programmeId = places.data?.places.edges[0]?.node.programmes.edges[0]?.node.id;
            const session = await as<{ session: { id: string } }>(
              'lead',
              'addProgrammeSession',
              'AddProgrammeSessionInput',
              'session { id }',
              { programmeId, heldOn: TODAY },
            );
            return { sessionId: session.session.id, caseId: w.caseId, attendee: { kind: 'PERSON' } };
          },
        },
        {
          label: 'planPlacement',
          field: 'planPlacement',
          inputType: 'PlanPlacementInput',
          selection: 'placement { id case { person { displayName } } }',
          allowed: CASEWORKERS,
          input: async () => {
            const places = await gql<{ places: { edges: { node: { id: string } }[] } }>(
              'lead',
              '{ places(filter: { kind: WORK_EXPERIENCE_HOST }) { edges { node { id } } } }',
            );
            const on = nextDay('2023-07-01');
            return {
              caseId: w.caseId,
              hostPlaceId: places.data?.places.edges[0]?.node.id,
              startsOn: on,
              endsOn: on,
            };
          },
        },
        {
          label: 'recordWorkday',
          field: 'recordWorkday',
          inputType: 'RecordWorkdayInput',
          selection: 'placement { id workdays { on } case { person { displayName } } }',
          allowed: CASEWORKERS,
          input: async () => ({ placementId: w.placementId, on: nextDay('2023-05-01'), hours: 2 }),
        },
        {
          label: 'completeReferral (the receiving agency)',
          field: 'completeReferral',
          inputType: 'CompleteReferralInput',
          selection: 'referral { id reason status case { person { displayName } } }',
          allowed: ['accepted'],
          input: async () => ({
            referralId: w.acceptedReferralId,
            on: TODAY,
            outcome: 'CONNECTED',
            expectedVersion: await referralVersion(w.acceptedReferralId),
          }),
        },
        {
          label: 'issueAgencyInvitation (the network administrator)',
          field: 'issueAgencyInvitation',
          inputType: 'IssueAgencyInvitationInput',
          selection: 'invitation { id status } token',
          allowed: ['leadAdmin'],
          input: async () => ({ label: '架空の新しい機関', expiresInDays: 3 }),
        },
        {
          label: 'revokeAgencyInvitation (the network administrator)',
          field: 'revokeAgencyInvitation',
          inputType: 'RevokeAgencyInvitationInput',
          selection: 'invitation { id status }',
          allowed: ['leadAdmin'],
          input: async () => {
            const issued = await as<{ invitation: { id: string } }>(
              'leadAdmin',
              'issueAgencyInvitation',
              'IssueAgencyInvitationInput',
              'invitation { id }',
              { label: '取り消す招待' },
            );
            return { invitationId: issued.invitation.id };
          },
        },
        {
          label: 'openCase (with the actor’s own agency as lead)',
          field: 'openCase',
          inputType: 'OpenCaseInput',
          selection: 'case { id person { displayName } }',
          allowed: ['lead', 'supporting', 'accepted', 'recipient', 'unrelated'],
          input: async () => ({
            person: { displayName: '架空 次郎', municipalityCode: '242012' },
            case: { municipalityCode: '242012', openedOn: TODAY },
          }),
        },
      ];

      async function meetingCase(state: 'add' | 'remove'): Promise<void> {
        const r = await gql<{
          supportMeetings: { edges: { node: { cases: { caseId: string; removedOn: string | null }[] } }[] };
        }>('lead', '{ supportMeetings { edges { node { cases { caseId removedOn } } } } }');
        const before = r.data?.supportMeetings.edges[0]?.node.cases.some(
          (c) => c.caseId === w.caseId && c.removedOn === null,
        );
        if (before === (state === 'add')) return;
        await as(
          'lead',
          state === 'add' ? 'addSupportMeetingCase' : 'removeSupportMeetingCase',
          state === 'add' ? 'AddSupportMeetingCaseInput' : 'RemoveSupportMeetingCaseInput',
          'supportMeeting { id }',
          {
            supportMeetingId: w.meetingId,
            caseId: w.caseId,
            ...(state === 'add' ? { addedOn: TODAY } : { removedOn: TODAY }),
          },
        );
      }

      for (const row of rows)
        it(`${row.label}: ${row.allowed.join(', ')} may; everyone else is refused and learns nothing`, async () => {
          // Refused actors first, so that an allowed change never decides what they find.
          const order = [...EVERYONE].sort(
            (a, b) => Number(row.allowed.includes(a)) - Number(row.allowed.includes(b)),
          );
          for (const who of order) {
            const input = await row.input(who);
            const before = await fingerprint();
            const r = await gql<Record<string, Record<string, unknown>>>(
              who,
              `mutation($input: ${row.inputType}!) { ${row.field}(input: $input) { ${row.selection} userErrors { code message field } } }`,
              { input },
            );
            const label = `${row.label} as ${who}`;
            expect(r.errors, label).toBeUndefined();
            const payload = r.data?.[row.field] as Record<string, unknown>;
            const refusal = row.refused?.[who];
            if (row.allowed.includes(who)) {
              expect(payload.userErrors, label).toEqual([]);
              await row.restore?.(who);
              continue;
            }
            if (refusal) {
              expect(
                (payload.userErrors as { code: string }[]).map((e) => e.code),
                label,
              ).toEqual([refusal]);
            } else {
              expect(payload.userErrors, label).toEqual([
                { code: 'FORBIDDEN', message: NOT_ACCESSIBLE, field: null },
              ]);
              for (const [key, value] of Object.entries(payload))
                if (key !== 'userErrors') expect(value, `${label}: ${key}`).toBeNull();
              expectNoneOf(r, [...Object.values(SECRET), ...Object.values(w.idSecrets).flat()], label);
            }
            expect(await fingerprint(), `${label} changed something`).toEqual(before);
          }
        });
    });

    it('after accepting, the recipient supports the case: it reads it whole and writes it', async () => {
      const accept = await gql(
        'recipient',
        `mutation($input: AcceptReferralInput!) { acceptReferral(input: $input) { referral { status } userErrors { code message } } }`,
        {
          input: { referralId: w.pending.id, on: TODAY, expectedVersion: w.pending.version },
        },
      );
      expect(ok(accept as never, 'acceptReferral')).toMatchObject({ referral: { status: 'ACCEPTED' } });
      const r = await gql<{ case: Record<string, unknown> }>(
        'recipient',
        `query($id: ID!) { case(id: $id) { ...Full } } ${FULL_CASE}`,
        { id: w.caseId },
      );
      expect(r.errors).toBeUndefined();
      expectCaseAsSeenBy(w, 'accepted', r.data?.case as Record<string, unknown>, 'recipient after accepting');
      const write = await gql(
        'recipient',
        'mutation($input: RecordContactInput!) { recordContact(input: $input) { contact { id } userErrors { code } } }',
        {
          input: {
            caseId: w.caseId,
            occurredOn: TODAY,
            channel: 'PHONE',
            consultingParty: { kind: 'ANONYMOUS' },
            personContact: 'NONE',
            contents: ['WATCHING_OVER'],
          },
        },
      );
      expect(ok(write as never, 'recordContact')).toBeTruthy();
    });

    it('staff management is for the agency admin of that agency only', async () => {
      const create = `mutation($input: CreateStaffInput!) { createStaff(input: $input) { staffMember { id } userErrors { code } } }`;
      const byStaff = await gql<{ createStaff: { userErrors: { code: string }[] } }>('lead', create, {
        input: { displayName: 'x', role: 'STAFF' },
      });
      expect(byStaff.data?.createStaff.userErrors.map((e) => e.code)).toEqual(['FORBIDDEN']);
      const elsewhere = await gql<{ createStaff: { userErrors: { code: string }[] } }>('leadAdmin', create, {
        input: { agencyId: w.agencies.unrelated, displayName: 'x', role: 'STAFF' },
      });
      expect(elsewhere.data?.createStaff.userErrors.map((e) => e.code)).toEqual(['FORBIDDEN']);
      const own = await gql('leadAdmin', create, { input: { displayName: 'x', role: 'STAFF' } });
      expect(ok(own as never, 'createStaff')).toBeTruthy();
    });
  });
}
