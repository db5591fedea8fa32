import { describe, expect, it } from 'vitest';
import { harness, ok } from '../server/test-harness.ts';

const CORRECTION = `id kind sequence reason correctedAt agency { name }
  previous { occurredOn channel personContact contents durationMinutes note { text redacted } }`;

/** 訂正・取消 of contact records through GraphQL. */
describe('contact corrections through GraphQL', () => {
  async function setUp() {
    const h = await harness({ today: '2023-04-10' });
    const centre = await h.register.agencies.registerFirst({
      kind: 'hikikomoriRegionalCentre',
      name: '架空県ひきこもり地域支援センター',
      municipalityCode: '242012',
    });
    const worker = (await h.token(centre, 'staff')).token;
    const opened = ok<{ case: { id: string }; firstContact: { id: string; version: number } }>(
      await h.gql(
        worker,
        `mutation($input: OpenCaseInput!) { openCase(input: $input) {
          case { id } firstContact { id version } userErrors { field code } } }`,
        {
          input: {
            person: { displayName: '架空 四郎', municipalityCode: '242012' },
            case: { municipalityCode: '242012', openedOn: '2023-04-03' },
            firstContact: {
              occurredOn: '2023-04-03',
              channel: 'PHONE',
              consultingParty: { kind: 'ANONYMOUS' },
              personContact: 'NONE',
              contents: ['RELATIONSHIP_BUILDING'],
              durationMinutes: 30,
              note: { text: '匿名の電話相談', visibility: 'NOT_FOR_FAMILY' },
            },
          },
        },
      ),
      'openCase',
    );
    return { h, worker, caseId: opened.case.id, contact: opened.firstContact };
  }

  it('amends and then voids a contact; the list shows every version with who, when and why', async () => {
    const { h, worker, caseId, contact } = await setUp();
    expect(contact.version).toBe(1);
    const amended = ok<{ contact: Record<string, unknown>; correction: Record<string, unknown> }>(
      await h.gql(
        worker,
        `mutation($input: AmendContactInput!) { amendContact(input: $input) {
          contact { id version durationMinutes note { text } voided { reason } }
          correction { ${CORRECTION} } userErrors { field code rule } } }`,
        {
          input: {
            contactId: contact.id,
            expectedVersion: 1,
            reason: '記録の取り違え',
            durationMinutes: null,
            channel: 'OFFICE_VISIT',
          },
        },
      ),
      'amendContact',
    );
    expect(amended.contact).toEqual({
      id: contact.id,
      version: 2,
      durationMinutes: null,
      note: { text: '匿名の電話相談' },
      voided: null,
    });
    expect(amended.correction).toMatchObject({
      kind: 'AMENDED',
      sequence: 2,
      reason: '記録の取り違え',
      agency: { name: '架空県ひきこもり地域支援センター' },
      previous: { channel: 'PHONE', durationMinutes: 30, note: { text: '匿名の電話相談', redacted: false } },
    });

    const refused = await h.gql<{ voidContact: { userErrors: unknown[] } }>(
      worker,
      `mutation($input: VoidContactInput!) { voidContact(input: $input) { userErrors { field code rule } } }`,
      { input: { contactId: contact.id, expectedVersion: 2, reason: '' } },
    );
    expect(refused.data?.voidContact.userErrors).toEqual([
      { field: ['input', 'reason'], code: 'VALIDATION_FAILED', rule: 'too_small' },
    ]);
    ok(
      await h.gql(
        worker,
        `mutation($input: VoidContactInput!) { voidContact(input: $input) { contact { id } userErrors { field code } } }`,
        { input: { contactId: contact.id, expectedVersion: 2, reason: '重複登録' } },
      ),
      'voidContact',
    );

    const listed = await h.gql<{ case: { contacts: { edges: { node: Record<string, unknown> }[] } } }>(
      worker,
      `query($id: ID!) { case(id: $id) { contacts(audience: FAMILY) { edges { node {
        version voided { reason agency { name } } corrections { kind sequence reason previous { channel note { text redacted } } }
      } } } } }`,
      { id: caseId },
    );
    expect(listed.errors).toBeUndefined();
    expect(listed.data?.case.contacts.edges[0]?.node).toEqual({
      version: 3,
      voided: { reason: '重複登録', agency: { name: '架空県ひきこもり地域支援センター' } },
      corrections: [
        {
          kind: 'AMENDED',
          sequence: 2,
          reason: '記録の取り違え',
          previous: { channel: 'PHONE', note: { text: null, redacted: true } },
        },
        {
          kind: 'VOIDED',
          sequence: 3,
          reason: '重複登録',
          previous: { channel: 'OFFICE_VISIT', note: { text: null, redacted: true } },
        },
      ],
    });
  });
});
