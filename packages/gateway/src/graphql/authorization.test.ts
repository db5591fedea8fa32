import type { Agency } from '@hikikomori-register/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Harness, harness, ok } from '../server/test-harness.ts';
import { globalId } from './ids.ts';

const SECRET_NAME = '秘密 花子';
const SECRET_NOTE = '通院歴あり（要配慮）';

const CASE_QUERY = `query($id: ID!) { case(id: $id) {
  id readableSections
  person { displayName }
  contacts { edges { node { note { text } } } }
  assessments { edges { node { id } } }
  referrals { edges { node { status } } }
} }`;

const RECORD_CONTACT = `mutation($input: RecordContactInput!) { recordContact(input: $input) { contact { id } userErrors { code message field } } }`;

interface World {
  h: Harness;
  caseId: string;
  referralId: string;
  tokens: Record<'lead' | 'supporting' | 'unrelated' | 'recipient' | 'auditor' | 'leadAdmin', string>;
}

async function world(): Promise<World> {
  const h = await harness({ today: '2023-06-01' });
  const lead = await h.register.agencies.registerFirst({
    kind: 'municipalHikikomoriDesk',
    name: 'Lead',
    municipalityCode: '242012',
  });
  const system = { staffId: 'setup', agencyId: lead.id, role: 'agencyAdmin' as const };
  const add = (name: string, kind: Agency['kind']) =>
    h.register.agencies.register(system, { kind, name, municipalityCode: '242012' });
  const supporting = await add('Supporting', 'socialWelfareCouncil');
  const unrelated = await add('Unrelated', 'helloWork');
  const recipient = await add('Recipient', 'youthSupportStation');
  const tokens = {
    lead: (await h.token(lead, 'staff')).token,
    supporting: (await h.token(supporting, 'staff')).token,
    unrelated: (await h.token(unrelated, 'staff')).token,
    recipient: (await h.token(recipient, 'staff')).token,
    auditor: (await h.token(lead, 'auditor')).token,
    leadAdmin: (await h.token(lead, 'agencyAdmin')).token,
  };
  const leadActor = { staffId: 'l', agencyId: lead.id, role: 'staff' as const };
  const opened = await h.register.cases.open(leadActor, {
    person: { displayName: SECRET_NAME, municipalityCode: '242012' },
    case: { municipalityCode: '242012', openedOn: '2023-06-01', supportingAgencyIds: [supporting.id] },
    firstContact: {
      occurredOn: '2023-06-01',
      channel: 'phone',
      consultingParty: { kind: 'anonymous' },
      personContact: 'none',
      contents: ['relationshipBuilding'],
      note: { text: SECRET_NOTE },
    },
  });
  const consent = await h.register.sharing.recordConsent(leadActor, {
    caseId: opened.case.id,
    givenBy: { kind: 'person' },
    scope: { agencyIds: [recipient.id] },
    givenOn: '2023-06-01',
  });
  const referral = await h.register.referrals.send(leadActor, {
    caseId: opened.case.id,
    toAgencyId: recipient.id,
    reason: 'r',
    requestedService: 's',
    legalBasis: { kind: 'consent', consentId: consent.id },
    sharedSections: ['summary', 'person'],
    sentOn: '2023-06-01',
  });
  return {
    h,
    caseId: globalId('Case', opened.case.id),
    referralId: globalId('Referral', `${opened.case.id}/${referral.id}`),
    tokens,
  };
}

const contactInput = (caseId: string) => ({
  caseId,
  occurredOn: '2023-06-01',
  channel: 'PHONE',
  consultingParty: { kind: 'ANONYMOUS' },
  personContact: 'NONE',
  contents: ['WATCHING_OVER'],
});

describe('authorization matrix', () => {
  let w: World;
  beforeAll(async () => {
    w = await world();
  });

  it('lead and supporting agencies read the whole case, notes included', async () => {
    for (const who of ['lead', 'supporting'] as const) {
      const r = await w.h.gql<{ case: Record<string, unknown> }>(w.tokens[who], CASE_QUERY, { id: w.caseId });
      expect(r.errors, who).toBeUndefined();
      expect(JSON.stringify(r.data)).toContain(SECRET_NAME);
      expect(JSON.stringify(r.data)).toContain(SECRET_NOTE);
    }
  });

  it('an unrelated agency gets null and the generic FORBIDDEN error, and nothing of the case anywhere', async () => {
    const r = await w.h.gql(w.tokens.unrelated, CASE_QUERY, { id: w.caseId });
    expect(r.data).toEqual({ case: null });
    expect(r.errors?.map((e) => [e.message, e.extensions?.code])).toEqual([
      ['not found or not accessible', 'FORBIDDEN'],
    ]);
    const list = await w.h.gql(
      w.tokens.unrelated,
      '{ cases { edges { node { id person { displayName } } } } }',
    );
    expect(list.data).toEqual({ cases: { edges: [] } });
    const node = await w.h.gql(w.tokens.unrelated, 'query($id: ID!) { node(id: $id) { id } }', {
      id: w.caseId,
    });
    expect(node.data).toEqual({ node: null });
    const write = await w.h.gql<{ recordContact: { userErrors: unknown[] } }>(
      w.tokens.unrelated,
      RECORD_CONTACT,
      {
        input: contactInput(w.caseId),
      },
    );
    expect(write.data?.recordContact).toEqual({
      contact: null,
      userErrors: [{ code: 'FORBIDDEN', message: 'not found or not accessible', field: null }],
    });
    for (const response of [r, list, node, write]) {
      expect(JSON.stringify(response)).not.toContain(SECRET_NAME);
      expect(JSON.stringify(response)).not.toContain(SECRET_NOTE);
    }
  });

  it('a case that does not exist fails exactly like one that is not accessible', async () => {
    const r = await w.h.gql(w.tokens.lead, CASE_QUERY, { id: globalId('Case', 'no-such-case') });
    expect(r.data).toEqual({ case: null });
    expect(r.errors?.[0]?.message).toBe('not found or not accessible');
  });

  it('a referral recipient sees only the shared sections before accepting, and cannot write', async () => {
    const r = await w.h.gql<{ case: Record<string, unknown> }>(w.tokens.recipient, CASE_QUERY, {
      id: w.caseId,
    });
    expect(r.errors).toBeUndefined();
    expect(r.data?.case).toMatchObject({
      readableSections: ['SUMMARY', 'PERSON'],
      person: { displayName: SECRET_NAME },
      contacts: null,
      assessments: null,
      referrals: null,
    });
    expect(JSON.stringify(r)).not.toContain(SECRET_NOTE);
    const inbox = await w.h.gql<{ cases: { edges: unknown[] } }>(
      w.tokens.recipient,
      '{ cases { edges { node { id } } } }',
    );
    expect(inbox.data?.cases.edges).toHaveLength(1);
    const write = await w.h.gql<{ recordContact: { userErrors: { code: string }[] } }>(
      w.tokens.recipient,
      RECORD_CONTACT,
      { input: contactInput(w.caseId) },
    );
    expect(write.data?.recordContact.userErrors.map((e) => e.code)).toEqual(['FORBIDDEN']);
  });

  it('an auditor reads but cannot write; the agency admin sees the summary only', async () => {
    const read = await w.h.gql<{ case: Record<string, unknown> }>(w.tokens.auditor, CASE_QUERY, {
      id: w.caseId,
    });
    expect(read.errors).toBeUndefined();
    expect(read.data?.case.person).toEqual({ displayName: SECRET_NAME });
    const write = await w.h.gql<{ recordContact: { userErrors: { code: string }[] } }>(
      w.tokens.auditor,
      RECORD_CONTACT,
      {
        input: contactInput(w.caseId),
      },
    );
    expect(write.data?.recordContact.userErrors.map((e) => e.code)).toEqual(['FORBIDDEN']);
    const audit = await w.h.gql<{ auditLog: { edges: unknown[] } }>(
      w.tokens.auditor,
      '{ auditLog(first: 5) { edges { node { operation outcome } } } }',
    );
    expect(audit.errors).toBeUndefined();
    expect(audit.data?.auditLog.edges.length).toBeGreaterThan(0);
    const staffAudit = await w.h.gql(w.tokens.lead, '{ auditLog { edges { node { id } } } }');
    expect(staffAudit.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const admin = await w.h.gql<{ case: Record<string, unknown> }>(w.tokens.leadAdmin, CASE_QUERY, {
      id: w.caseId,
    });
    expect(admin.errors).toBeUndefined();
    expect(admin.data?.case).toMatchObject({ readableSections: ['SUMMARY'], person: null, contacts: null });
    expect(JSON.stringify(admin)).not.toContain(SECRET_NAME);
  });

  it('only the lead decides: a supporting agency cannot close the case', async () => {
    const close = `mutation($input: ChangeStatusInput!) { changeStatus(input: $input) { case { id } userErrors { code message } } }`;
    const input = {
      caseId: w.caseId,
      expectedVersion: 1,
      to: 'CLOSED',
      closureReason: 'PERSON_WISH',
      effectiveOn: '2023-06-01',
    };
    const refused = await w.h.gql<{ changeStatus: { userErrors: { code: string }[] } }>(
      w.tokens.supporting,
      close,
      { input },
    );
    expect(refused.data?.changeStatus.userErrors.map((e) => e.code)).toEqual(['FORBIDDEN']);
  });

  it('after accepting, the recipient supports the case and reads it whole', async () => {
    const accept = await w.h.gql(
      w.tokens.recipient,
      `mutation($input: AcceptReferralInput!) { acceptReferral(input: $input) { referral { status } userErrors { code message } } }`,
      { input: { referralId: w.referralId, on: '2023-06-01', expectedVersion: 1 } },
    );
    expect(ok(accept as never, 'acceptReferral')).toMatchObject({ referral: { status: 'ACCEPTED' } });
    const r = await w.h.gql<{ case: { readableSections: string[] } }>(w.tokens.recipient, CASE_QUERY, {
      id: w.caseId,
    });
    expect(r.data?.case.readableSections).toContain('CONTACTS');
    expect(JSON.stringify(r.data)).toContain(SECRET_NOTE);
    const write = await w.h.gql(w.tokens.recipient, RECORD_CONTACT, { input: contactInput(w.caseId) });
    expect(ok(write as never, 'recordContact')).toBeTruthy();
  });

  it('staff management is for the agency admin of that agency only', async () => {
    const create = `mutation($input: CreateStaffInput!) { createStaff(input: $input) { staffMember { id } userErrors { code } } }`;
    const byStaff = await w.h.gql<{ createStaff: { userErrors: { code: string }[] } }>(
      w.tokens.lead,
      create,
      {
        input: { displayName: 'x', role: 'STAFF' },
      },
    );
    expect(byStaff.data?.createStaff.userErrors.map((e) => e.code)).toEqual(['FORBIDDEN']);
    const me = await w.h.gql<{ agencies: { edges: { node: { id: string; name: string } }[] } }>(
      w.tokens.leadAdmin,
      '{ agencies { edges { node { id name } } } }',
    );
    const other = me.data?.agencies.edges.find((e) => e.node.name === 'Unrelated')?.node.id;
    const elsewhere = await w.h.gql<{ createStaff: { userErrors: { code: string }[] } }>(
      w.tokens.leadAdmin,
      create,
      {
        input: { agencyId: other, displayName: 'x', role: 'STAFF' },
      },
    );
    expect(elsewhere.data?.createStaff.userErrors.map((e) => e.code)).toEqual(['FORBIDDEN']);
    const own = await w.h.gql(w.tokens.leadAdmin, create, { input: { displayName: 'x', role: 'STAFF' } });
    expect(ok(own as never, 'createStaff')).toBeTruthy();
  });
});
