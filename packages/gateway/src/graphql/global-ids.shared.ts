import { DEFAULT_CHECKLIST } from '@hikikomori-register/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestDatabaseProvider } from '../persistence/testing/test-databases.ts';
import { bootstrapFirstAdmin } from '../server/bootstrap.ts';
import { type Harness, harness, ok } from '../server/test-harness.ts';
import { globalId, NODE_TYPENAMES, type NodeTypename, scopedKey } from './ids.ts';

type Who = 'admin' | 'worker' | 'supervisor' | 'auditor' | 'outsider' | 'outsiderAdmin' | 'stranger';

interface NodeCase {
  readonly typename: NodeTypename;
  readonly id: string;
  /** Who reads the node as its own query or field does. */
  readonly reader: Who;
  /** Who may not: for them it is no node at all. */
  readonly deniedTo: readonly Who[];
  /** A read of a record of a case is audited as a read of the case. */
  readonly caseLinked?: boolean;
}

type Payload = { userErrors: { field: string[]; rule: string | null }[] };

/**
 * Global ids for every node type: `node(id)` gives each back to who may read it as its own query
 * does, and to anyone else answers exactly as for an id that does not exist; a read of a record of a
 * case is audited as a read of the case; inputs take the global id or the plain one, and refuse an
 * id of another type naming the field.
 */
export function describeGlobalIds(databases: TestDatabaseProvider): void {
  describe(`global ids on ${databases.name}`, () => {
    let h: Harness;
    const tokens = {} as Record<Who, string>;
    const nodes: NodeCase[] = [];
    let caseId = '';
    let contactId = '';
    let consentId = '';
    let sessionId = '';
    let supporterId = '';
    let strangerAgencyId = '';

    const gql = <T = Record<string, unknown>>(
      who: Who,
      query: string,
      variables: Record<string, unknown> = {},
    ) => h.gql<T>(tokens[who], query, variables);
    const mutation = async <T>(who: Who, name: string, inputType: string, select: string, input: unknown) =>
      ok<T>(
        await gql(
          who,
          `mutation($input: ${inputType}!) { ${name}(input: $input) { ${select} userErrors { field code message rule } } }`,
          {
            input,
          },
        ),
        name,
      ) as T;
    const add = (node: NodeCase) => nodes.push(node);

    beforeAll(async () => {
      h = await harness({ today: '2025-04-01', backend: databases });
      const { agency: centre, token } = await bootstrapFirstAdmin({
        register: h.register,
        staff: h.staff,
        agency: {
          kind: 'hikikomoriRegionalCentre',
          name: '架空県ひきこもり地域支援センター',
          municipalityCode: '242012',
        },
        adminName: '管理者',
      });
      tokens.admin = token;
      tokens.worker = (await h.token(centre, 'staff', '担当 一郎')).token;
      tokens.supervisor = (await h.token(centre, 'supervisor', '主任 花子')).token;
      tokens.auditor = (await h.token(centre, 'auditor')).token;
      const other = await mutation<{ agency: { id: string } }>(
        'admin',
        'registerAgency',
        'RegisterAgencyInput',
        'agency { id }',
        {
          kind: 'PRIVATE_SUPPORT_ORGANISATION',
          name: '架空NPO',
          municipalityCode: '242012',
        },
      );
      add({ typename: 'Agency', id: other.agency.id, reader: 'worker', deniedTo: [] });
      const otherAgency = await h.register.agencies.get(
        { staffId: 'x', agencyId: centre.id, role: 'agencyAdmin' },
        Buffer.from(other.agency.id, 'base64').toString('utf8').split(':')[1] as string,
      );
      if (!otherAgency) throw new Error('no other agency');
      tokens.outsider = (await h.token(otherAgency, 'staff', '外部 職員')).token;
      tokens.outsiderAdmin = (await h.token(otherAgency, 'agencyAdmin', '外部 管理者')).token;
      const third = await mutation<{ agency: { id: string } }>(
        'admin',
        'registerAgency',
        'RegisterAgencyInput',
        'agency { id }',
        { kind: 'YOUTH_SUPPORT_STATION', name: '架空サポートステーション', municipalityCode: '242012' },
      );
      strangerAgencyId = third.agency.id;
      const thirdAgency = await h.register.agencies.get(
        { staffId: 'x', agencyId: centre.id, role: 'agencyAdmin' },
        Buffer.from(third.agency.id, 'base64').toString('utf8').split(':')[1] as string,
      );
      if (!thirdAgency) throw new Error('no third agency');
      tokens.stranger = (await h.token(thirdAgency, 'staff', '無関係 職員')).token;
      // The outsider's agency receives a referral of the case (its summary only); the stranger's has
      // nothing to do with it.
      const outsiders = ['outsider', 'outsiderAdmin', 'stranger'] as const;

      // A case with its person, a first contact, a consent, an assessment and a plan.
      const opened = await mutation<{
        case: { id: string; person: { id: string } };
        firstContact: { id: string; version: number };
      }>('worker', 'openCase', 'OpenCaseInput', 'case { id person { id } } firstContact { id version }', {
        person: { displayName: '架空 太郎', municipalityCode: '242012' },
        case: { municipalityCode: '242012', openedOn: '2025-04-01' },
        firstContact: {
          occurredOn: '2025-04-01',
          channel: 'PHONE',
          consultingParty: { kind: 'PERSON' },
          personContact: 'REACHED',
          contents: ['RELATIONSHIP_BUILDING'],
        },
      });
      caseId = opened.case.id;
      contactId = opened.firstContact.id;
      add({ typename: 'Case', id: caseId, reader: 'worker', deniedTo: ['stranger'], caseLinked: true });
      add({ typename: 'Person', id: opened.case.person.id, reader: 'worker', deniedTo: outsiders });
      add({ typename: 'Contact', id: contactId, reader: 'worker', deniedTo: outsiders, caseLinked: true });
      const corrected = await mutation<{ correction: { id: string } }>(
        'worker',
        'amendContact',
        'AmendContactInput',
        'correction { id }',
        { contactId, expectedVersion: 1, reason: '記録の取り違え', durationMinutes: 20 },
      );
      add({
        typename: 'ContactCorrection',
        id: corrected.correction.id,
        reader: 'worker',
        deniedTo: outsiders,
        caseLinked: true,
      });

      const consent = await mutation<{ consent: { id: string } }>(
        'worker',
        'recordConsent',
        'RecordConsentInput',
        'consent { id }',
        {
          caseId,
          givenBy: { kind: 'PERSON' },
          scope: { sectors: ['EMPLOYMENT', 'OTHER'] },
          givenOn: '2025-04-01',
        },
      );
      consentId = consent.consent.id;
      add({ typename: 'Consent', id: consentId, reader: 'worker', deniedTo: outsiders, caseLinked: true });

      const checklists = await gql<{
        checklists: {
          edges: {
            node: {
              id: string;
              checklistId: string;
              version: number;
              domains: { items: { id: string }[] }[];
            };
          }[];
        };
      }>('worker', '{ checklists { edges { node { id checklistId version domains { items { id } } } } } }');
      const checklist = checklists.data?.checklists.edges.find(
        (e) => e.node.checklistId === DEFAULT_CHECKLIST.id,
      )?.node;
      if (!checklist) throw new Error('no default checklist');
      add({ typename: 'ChecklistDefinition', id: checklist.id, reader: 'worker', deniedTo: [] });
      const answers = Object.fromEntries(checklist.domains.flatMap((d) => d.items.map((i) => [i.id, 1])));
      const assessment = await mutation<{ assessment: { id: string; version: number } }>(
        'worker',
        'recordAssessment',
        'RecordAssessmentInput',
        'assessment { id version }',
        // The checklist by its global id: the version is given on its own, as before.
        {
          caseId,
          checklistId: checklist.id,
          checklistVersion: checklist.version,
          assessedOn: '2025-04-01',
          rater: { kind: 'PERSON' },
          answers,
        },
      );
      add({
        typename: 'Assessment',
        id: assessment.assessment.id,
        reader: 'worker',
        deniedTo: outsiders,
        caseLinked: true,
      });
      const voided = await mutation<{ correction: { id: string } }>(
        'worker',
        'voidAssessment',
        'VoidAssessmentInput',
        'correction { id }',
        {
          assessmentId: assessment.assessment.id,
          expectedVersion: assessment.assessment.version,
          reason: '別の方の回答',
        },
      );
      add({
        typename: 'AssessmentCorrection',
        id: voided.correction.id,
        reader: 'worker',
        deniedTo: outsiders,
        caseLinked: true,
      });
      const plan = await mutation<{ plan: { id: string } }>(
        'worker',
        'createPlan',
        'CreatePlanInput',
        'plan { id }',
        {
          caseId,
          createdOn: '2025-04-01',
          goals: [{ id: 'g1', description: '週1回、訪問で話す' }],
          reviewDueOn: '2025-07-31',
        },
      );
      add({
        typename: 'SupportPlan',
        id: plan.plan.id,
        reader: 'worker',
        deniedTo: outsiders,
        caseLinked: true,
      });

      // Places, programmes, sessions, attendance and a work experience placement.
      const place = await mutation<{ place: { id: string } }>(
        'worker',
        'createPlace',
        'CreatePlaceInput',
        'place { id }',
        {
          kind: 'IBASHO',
          name: '架空の居場所',
        },
      );
      add({ typename: 'Place', id: place.place.id, reader: 'outsider', deniedTo: [] });
      const programme = await mutation<{ programme: { id: string } }>(
        'worker',
        'createProgramme',
        'CreateProgrammeInput',
        'programme { id }',
        { placeId: place.place.id, name: '月1回の集い', audience: 'PERSON' },
      );
      add({ typename: 'Programme', id: programme.programme.id, reader: 'outsider', deniedTo: [] });
      const session = await mutation<{ session: { id: string } }>(
        'worker',
        'addProgrammeSession',
        'AddProgrammeSessionInput',
        'session { id }',
        { programmeId: programme.programme.id, heldOn: '2025-04-01' },
      );
      sessionId = session.session.id;
      add({ typename: 'ProgrammeSession', id: sessionId, reader: 'outsider', deniedTo: [] });
      const attendance = await mutation<{ attendance: { id: string } }>(
        'worker',
        'recordAttendance',
        'RecordAttendanceInput',
        'attendance { id }',
        { sessionId, caseId, attendee: { kind: 'PERSON' } },
      );
      add({
        typename: 'Attendance',
        id: attendance.attendance.id,
        reader: 'worker',
        deniedTo: outsiders,
        caseLinked: true,
      });
      const host = await mutation<{ place: { id: string } }>(
        'worker',
        'createPlace',
        'CreatePlaceInput',
        'place { id }',
        {
          kind: 'WORK_EXPERIENCE_HOST',
          name: '架空の職親',
        },
      );
      const placement = await mutation<{ placement: { id: string } }>(
        'worker',
        'planPlacement',
        'PlanPlacementInput',
        'placement { id }',
        { caseId, hostPlaceId: host.place.id, startsOn: '2025-05-01', endsOn: '2025-05-31' },
      );
      add({
        typename: 'Placement',
        id: placement.placement.id,
        reader: 'worker',
        deniedTo: outsiders,
        caseLinked: true,
      });

      // Supporters and a dispatch to the case.
      const supporter = await mutation<{ supporter: { id: string } }>(
        'worker',
        'registerSupporter',
        'RegisterSupporterInput',
        'supporter { id }',
        {
          displayName: '架空 支援者',
          municipalityCode: '242012',
          trainedOn: '2025-03-01',
          registeredOn: '2025-03-15',
        },
      );
      supporterId = supporter.supporter.id;
      add({ typename: 'Supporter', id: supporterId, reader: 'worker', deniedTo: outsiders });
      const dispatch = await mutation<{ dispatch: { id: string } }>(
        'worker',
        'dispatchSupporter',
        'DispatchSupporterInput',
        'dispatch { id }',
        { supporterId, caseId, startsOn: '2025-04-01' },
      );
      add({ typename: 'SupporterDispatch', id: dispatch.dispatch.id, reader: 'worker', deniedTo: outsiders });

      // A 支援会議 and a conference of the case.
      const meeting = await mutation<{ supportMeeting: { id: string } }>(
        'worker',
        'establishSupportMeeting',
        'EstablishSupportMeetingInput',
        'supportMeeting { id }',
        { municipalityCode: '242012', name: '架空市支援会議', establishedOn: '2025-04-01' },
      );
      add({
        typename: 'SupportMeeting',
        id: meeting.supportMeeting.id,
        reader: 'worker',
        deniedTo: outsiders,
      });
      const conference = await mutation<{ conference: { id: string } }>(
        'worker',
        'recordConference',
        'RecordConferenceInput',
        'conference { id }',
        {
          kind: 'CASE_CONFERENCE',
          heldOn: '2025-04-01',
          title: 'ケース会議',
          attendees: [{ agencyId: globalId('Agency', centre.id), name: '担当' }],
          discussions: [{ caseId, decision: 'CONTINUE_SUPPORT' }],
        },
      );
      add({
        typename: 'CaseConference',
        id: conference.conference.id,
        reader: 'worker',
        deniedTo: outsiders,
      });

      // The network administrator's invitations and 圏域, an anonymous consultation.
      const invitation = await mutation<{ invitation: { id: string } }>(
        'admin',
        'issueAgencyInvitation',
        'IssueAgencyInvitationInput',
        'invitation { id }',
        { label: '架空市の新しい機関' },
      );
      add({
        typename: 'AgencyInvitation',
        id: invitation.invitation.id,
        reader: 'admin',
        deniedTo: ['worker', ...outsiders],
      });
      const area = await mutation<{ area: { id: string } }>(
        'admin',
        'saveArea',
        'SaveAreaInput',
        'area { id }',
        {
          name: '架空圏域',
          municipalityCodes: ['242012'],
        },
      );
      add({ typename: 'Area', id: area.area.id, reader: 'worker', deniedTo: [] });
      const anonymous = await mutation<{ consultation: { id: string } }>(
        'worker',
        'recordAnonymousConsultation',
        'RecordAnonymousConsultationInput',
        'consultation { id }',
        {
          occurredOn: '2025-04-01',
          channel: 'PHONE',
          consultingParty: 'PARENT',
          contents: ['RELATIONSHIP_BUILDING'],
        },
      );
      add({
        typename: 'AnonymousConsultation',
        id: anonymous.consultation.id,
        reader: 'worker',
        deniedTo: outsiders,
      });

      // Staff accounts and their tokens: the agency admin's.
      const staff = await gql<{ staffMembers: { edges: { node: { id: string; displayName: string } }[] } }>(
        'admin',
        '{ staffMembers { edges { node { id displayName } } } }',
      );
      const workerAccount = staff.data?.staffMembers.edges.find((e) => e.node.displayName === '担当 一郎')
        ?.node.id;
      if (!workerAccount) throw new Error('no worker account');
      add({
        typename: 'StaffMember',
        id: workerAccount,
        reader: 'admin',
        deniedTo: ['worker', ...outsiders],
      });
      const issued = await mutation<{ apiToken: { id: string } }>(
        'admin',
        'issueToken',
        'IssueTokenInput',
        'apiToken { id }',
        {
          staffId: workerAccount,
          label: 'テスト端末',
        },
      );
      add({
        typename: 'ApiToken',
        id: issued.apiToken.id,
        reader: 'admin',
        deniedTo: ['auditor', ...outsiders],
      });

      // A second record of the same person, merged into the first (名寄せ).
      const twice = await mutation<{ case: { id: string; person: { id: string } } }>(
        'worker',
        'openCase',
        'OpenCaseInput',
        'case { id person { id } }',
        {
          person: { displayName: '架空 太郎', municipalityCode: '242012' },
          case: { municipalityCode: '242012', openedOn: '2025-04-01' },
          confirmNotDuplicate: true,
        },
      );
      // Both cases open and led by one agency: the duplicate is closed before the merge.
      await mutation('worker', 'changeStatus', 'ChangeStatusInput', 'case { id }', {
        caseId: twice.case.id,
        expectedVersion: 1,
        to: 'CLOSED',
        closureReason: 'OTHER',
        note: '重複登録',
        effectiveOn: '2025-04-01',
      });
      const merged = await mutation<{ merge: { id: string } }>(
        'supervisor',
        'mergePersons',
        'MergePersonsInput',
        'merge { id }',
        {
          keepPersonId: opened.case.person.id,
          mergePersonId: twice.case.person.id,
          reason: '同一人物の二重登録',
        },
      );
      add({ typename: 'PersonMerge', id: merged.merge.id, reader: 'supervisor', deniedTo: outsiders });

      const log = await gql<{ auditLog: { edges: { node: { id: string } }[] } }>(
        'auditor',
        '{ auditLog(first: 1) { edges { node { id } } } }',
      );
      const entry = log.data?.auditLog.edges[0]?.node.id;
      if (!entry) throw new Error('no audit entry');
      // An entry of a case is also on the case's trail, which the leading agency's staff read.
      add({ typename: 'AuditEntry', id: entry, reader: 'auditor', deniedTo: outsiders });
      // A referral: the worker's agency sends the case to the other agency.
      const referral = await mutation<{ referral: { id: string } }>(
        'worker',
        'sendReferral',
        'SendReferralInput',
        'referral { id }',
        {
          caseId,
          toAgencyId: other.agency.id,
          reason: '就労体験の相談',
          requestedService: '就労体験',
          legalBasis: { kind: 'CONSENT', consentId },
          sharedSections: ['SUMMARY'],
          sentOn: '2025-04-01',
        },
      );
      add({
        typename: 'Referral',
        id: referral.referral.id,
        reader: 'worker',
        deniedTo: [],
        caseLinked: true,
      });
    }, 120_000);
    afterAll(async () => {
      await h?.close();
      await databases.dropAll();
    });

    it('covers every node type of the schema', () => {
      expect([...new Set(nodes.map((n) => n.typename))].sort()).toEqual([...NODE_TYPENAMES].sort());
    });

    it('node(id) and nodes(ids) give every type back, by its global id, to who may read it', async () => {
      // The same id asked for by `node` and twice by `nodes` in one request: one load, each answered.
      for (const node of nodes) {
        const r = await gql<{ node: { __typename: string; id: string } | null }>(
          node.reader,
          'query($id: ID!) { node(id: $id) { __typename id } again: nodes(ids: [$id, $id]) { __typename id } }',
          { id: node.id },
        );
        expect(r.errors, node.typename).toBeUndefined();
        const answer = { __typename: node.typename, id: node.id };
        expect(r.data, node.typename).toEqual({ node: answer, again: [answer, answer] });
      }
      // Every reader's nodes in one request, in the order asked.
      for (const reader of new Set(nodes.map((n) => n.reader))) {
        const ids = nodes.filter((n) => n.reader === reader).map((n) => n.id);
        const r = await gql<{ nodes: unknown[] }>(
          reader,
          'query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }',
          { ids },
        );
        expect(r.errors, reader).toBeUndefined();
        expect(r.data?.nodes, reader).toEqual(
          nodes.filter((n) => n.reader === reader).map((n) => ({ __typename: n.typename, id: n.id })),
        );
      }
    });

    it('a node the actor may not see answers exactly like one that does not exist', async () => {
      const query = 'query($id: ID!) { node(id: $id) { __typename id } }';
      let denials = 0;
      for (const node of nodes) {
        const [typename, key] = Buffer.from(node.id, 'base64').toString('utf8').split(/:(.*)/s) as [
          string,
          string,
        ];
        expect(typename).toBe(node.typename);
        // The same shape of key (scope and record), naming nothing that exists.
        const slash = key.indexOf('/');
        const absent = globalId(
          node.typename,
          slash > 0 ? scopedKey(`${key.slice(0, slash)}`, 'no-such-record') : 'no-such-record',
        );
        for (const who of node.deniedTo) {
          const denied = await gql(who, query, { id: node.id });
          const missing = await gql(who, query, { id: absent });
          expect(denied, `${node.typename} as ${who}`).toEqual(missing);
          expect(denied.data, `${node.typename} as ${who}`).toEqual({ node: null });
          const many = await gql(who, 'query($ids: [ID!]!) { nodes(ids: $ids) { id } }', {
            ids: [node.id, absent],
          });
          expect(many.data, `${node.typename} as ${who}`).toEqual({ nodes: [null, null] });
          denials += 1;
        }
      }
      expect(denials).toBeGreaterThan(30);
    });

    it('a node read of a record of a case is audited as a read of the case, a refused one too', async () => {
      /** Entries of the case's trail, of one agency (all when none is given), newest first. */
      const trail = async (agencyId?: string) => {
        const r = await gql<{
          caseAuditTrail: { totalCount: number; edges: { node: { outcome: string; caseId: string } }[] };
        }>(
          'worker',
          'query($id: ID!, $filter: CaseAuditFilter) { caseAuditTrail(caseId: $id, first: 1, filter: $filter) { totalCount edges { node { outcome caseId } } } }',
          { id: caseId, filter: agencyId ? { agencyId } : null },
        );
        return r.data?.caseAuditTrail;
      };
      const read = (who: Who, id: string) => gql(who, 'query($id: ID!) { node(id: $id) { id } }', { id });
      for (const node of nodes.filter((n) => n.caseLinked)) {
        const before = (await trail())?.totalCount ?? 0;
        await read(node.reader, node.id);
        // The read itself, and the trail's own read of the case just before.
        expect((await trail())?.totalCount, node.typename).toBeGreaterThanOrEqual(before + 2);
        const refusedBefore = (await trail(strangerAgencyId))?.totalCount ?? 0;
        await read('stranger', node.id);
        const refused = await trail(strangerAgencyId);
        expect(refused?.totalCount, node.typename).toBe(refusedBefore + 1);
        expect(refused?.edges[0]?.node, node.typename).toEqual({ outcome: 'DENIED', caseId });
      }
    });

    it('inputs take the global id or the plain one, and refuse an id of another type naming the field', async () => {
      const plainOf = (id: string) => {
        const key = Buffer.from(id, 'base64').toString('utf8').split(/:(.*)/s)[1] as string;
        return key.slice(key.indexOf('/') + 1);
      };
      const headcount = (id: string) =>
        gql<{ recordSessionHeadcount: Payload & { headcount: { persons: number } | null } }>(
          'worker',
          'mutation($input: RecordSessionHeadcountInput!) { recordSessionHeadcount(input: $input) { headcount { persons } userErrors { field rule } } }',
          { input: { sessionId: id, persons: 2 } },
        );
      // A session by its global id, then by its plain id (as before the change).
      expect((await headcount(sessionId)).data?.recordSessionHeadcount.headcount?.persons).toBe(2);
      expect((await headcount(plainOf(sessionId))).data?.recordSessionHeadcount.userErrors).toEqual([]);
      // A programme's id where a session's is asked for.
      const programme = nodes.find((n) => n.typename === 'Programme')?.id as string;
      expect((await headcount(programme)).data?.recordSessionHeadcount.userErrors).toEqual([
        { field: ['input', 'sessionId'], rule: 'global_id' },
      ]);

      // Each follow-up a day after the one before (the rule `after_last_training`).
      const days = ['2025-03-10', '2025-03-11', '2025-03-12'];
      const followUp = (id: string) =>
        gql<{ recordSupporterFollowUp: Payload }>(
          'worker',
          'mutation($input: RecordSupporterFollowUpInput!) { recordSupporterFollowUp(input: $input) { userErrors { field rule } } }',
          { input: { supporterId: id, on: days.shift() } },
        );
      expect((await followUp(supporterId)).data?.recordSupporterFollowUp.userErrors).toEqual([]);
      expect((await followUp(plainOf(supporterId))).data?.recordSupporterFollowUp.userErrors).toEqual([]);
      expect((await followUp(consentId)).data?.recordSupporterFollowUp.userErrors).toEqual([
        { field: ['input', 'supporterId'], rule: 'global_id' },
      ]);

      const withdraw = (id: string) =>
        gql<{ withdrawConsent: Payload }>(
          'worker',
          'mutation($input: WithdrawConsentInput!) { withdrawConsent(input: $input) { userErrors { field rule } } }',
          { input: { consentId: id, on: '2025-04-02' } },
        );
      expect((await withdraw(contactId)).data?.withdrawConsent.userErrors).toEqual([
        { field: ['input', 'consentId'], rule: 'global_id' },
      ]);
      expect((await withdraw(consentId)).data?.withdrawConsent.userErrors).toEqual([]);

      const conference = (id: string) =>
        gql<{ conference: { id: string } | null }>(
          'worker',
          'query($id: ID!) { conference(id: $id) { id } }',
          { id },
        );
      const conferenceId = nodes.find((n) => n.typename === 'CaseConference')?.id as string;
      expect((await conference(conferenceId)).data?.conference?.id).toBe(conferenceId);
      expect((await conference(plainOf(conferenceId))).data?.conference?.id).toBe(conferenceId);
      const wrong = await conference(sessionId);
      expect(wrong.data).toBeNull();
      expect(wrong.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', rule: 'global_id' });
    });

    it('fields that gave plain ids of other records give the records too', async () => {
      const r = await gql<{
        node: {
          legalBasis: { consentId: string; consent: { id: string } | null };
        } | null;
      }>(
        'worker',
        'query($id: ID!) { node(id: $id) { ... on Referral { legalBasis { consentId consent { id } } } } }',
        {
          id: nodes.find((n) => n.typename === 'Referral')?.id,
        },
      );
      expect(r.data?.node?.legalBasis.consent?.id).toBe(consentId);
      const s = await gql<{ node: { programme: { id: string } | null } | null }>(
        'worker',
        'query($id: ID!) { node(id: $id) { ... on ProgrammeSession { programme { id } } } }',
        { id: sessionId },
      );
      expect(s.data?.node?.programme?.id).toBe(nodes.find((n) => n.typename === 'Programme')?.id);
    });
  });
}
