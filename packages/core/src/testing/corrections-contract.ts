import { describe, expect, it } from 'vitest';
import { ERASED_TEXT } from '../retention/retention.ts';
import { contractWorld, type RegisterFactory } from './contract-world.ts';

/**
 * 訂正・取消 of contact records, as one shared suite run on every storage: a correction needs its
 * reason and the version read, keeps the earlier version readable, is made only by the agency that
 * wrote the record, is audited; a voided record counts nowhere.
 */
export function describeCorrectionsContract(storage: string, makeRegister: RegisterFactory): void {
  const { setUp, openFromMothersCall, closeAndRetain } = contractWorld(makeRegister);

  describe(`contact corrections (${storage})`, () => {
    it('amends a contact with a reason, keeping the earlier version and who changed it when and why', async () => {
      const t = await setUp();
      const { case: opened, firstContact } = await openFromMothersCall(t);
      const contactId = firstContact?.id ?? '';
      t.setToday('2023-06-05');
      const amended = await t.register.contacts.amend(t.worker, contactId, {
        expectedVersion: 1,
        reason: '通話時間の記載誤り',
        durationMinutes: 55,
        contents: ['relationshipBuilding', 'watchingOver'],
      });
      expect(amended.contact).toMatchObject({
        id: contactId,
        version: 2,
        durationMinutes: 55,
        occurredOn: '2023-06-01',
        recordedAt: firstContact?.recordedAt,
        voided: null,
      });
      expect(amended.correction).toMatchObject({
        sequence: 2,
        kind: 'amended',
        reason: '通話時間の記載誤り',
        staffId: t.worker.staffId,
        agencyId: t.centre.id,
        correctedAt: new Date('2023-06-05T01:00:00Z'),
        previous: { durationMinutes: 40, contents: ['relationshipBuilding'] },
      });

      const [listed] = await t.register.contacts.list(t.worker, opened.id);
      expect(listed).toMatchObject({ version: 2, durationMinutes: 55 });
      expect(listed?.corrections).toHaveLength(1);
      expect(listed?.corrections[0]?.previous.note).toEqual({
        text: '母より電話。息子が20年以上ほぼ自室にいる。',
        visibility: 'notForPerson',
        redacted: false,
      });
      // Prepared for the person (開示), the earlier version's walled note stays behind its wall.
      const [forPerson] = await t.register.contacts.list(t.worker, opened.id, 'person');
      expect(forPerson?.corrections[0]?.previous.note).toEqual({
        text: null,
        visibility: 'notForPerson',
        redacted: true,
      });

      await expect(
        t.register.contacts.amend(t.worker, contactId, {
          expectedVersion: 1,
          reason: '再訂正',
          durationMinutes: 60,
        }),
      ).rejects.toMatchObject({ code: 'VERSION_CONFLICT' });
      await expect(
        t.register.contacts.amend(t.worker, contactId, {
          expectedVersion: 2,
          reason: '  ',
          durationMinutes: 60,
        }),
      ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', field: 'reason' });
      await expect(
        t.register.contacts.amend(t.worker, contactId, {
          expectedVersion: 2,
          reason: '同じ内容',
          durationMinutes: 55,
        }),
      ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', rule: 'no_change' });
      await expect(
        t.register.contacts.amend(t.worker, contactId, {
          expectedVersion: 2,
          reason: '日付',
          occurredOn: '2023-05-31',
        }),
      ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', rule: 'not_before_case_opened' });
      await expect(
        t.register.contacts.amend(t.worker, contactId, {
          expectedVersion: 2,
          reason: '相談者',
          consultingParty: { kind: 'person' },
        }),
      ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', rule: 'person_consulting_requires_reached' });

      const trail = await t.register.audit.ofCase(t.auditor, opened.id, { operation: 'contact.amend' });
      expect(trail.items.map((e) => [e.entity, e.outcome])).toEqual([['case', 'allowed']]);
      const log = await t.register.audit.list(t.auditor, { operation: 'contact.amend' });
      expect(log.items.map((e) => [e.entity, e.entityId])).toContainEqual(['contact', contactId]);
    });

    it('lets only caseworkers of the agency that wrote the record correct it', async () => {
      const t = await setUp();
      const { case: opened, firstContact } = await openFromMothersCall(t);
      const contactId = firstContact?.id ?? '';
      const void_ = (actor: typeof t.worker) =>
        t.register.contacts.void(actor, contactId, { expectedVersion: 1, reason: '誤登録' });
      await expect(void_(t.auditor)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(void_(t.outsider)).rejects.toMatchObject({
        code: 'FORBIDDEN',
        message: 'case not found or not accessible',
      });
      await expect(
        t.register.contacts.void(t.worker, 'no-such-contact', { expectedVersion: 1, reason: '誤登録' }),
      ).rejects.toMatchObject({ message: 'case not found or not accessible' });
      // A supporting agency works on the case but did not write this record.
      const consent = await t.register.sharing.recordConsent(t.worker, {
        caseId: opened.id,
        givenBy: { kind: 'person' },
        scope: { agencyIds: [t.station.id] },
        givenOn: '2023-06-01',
      });
      await t.register.cases.addSupportingAgency(t.worker, opened.id, {
        agencyId: t.station.id,
        expectedVersion: 1,
        legalBasis: { kind: 'consent', consentId: consent.id },
      });
      await expect(void_(t.stationWorker)).rejects.toMatchObject({
        code: 'FORBIDDEN',
        rule: 'record_correct',
      });
      expect((await void_(t.worker)).contact.version).toBe(2);
    });

    it('keeps a voided record readable but counts it nowhere: not in indicators, not as a reach', async () => {
      const t = await setUp();
      const { case: opened } = await openFromMothersCall(t);
      t.setToday('2023-07-05');
      const reach = await t.register.contacts.record(t.worker, {
        caseId: opened.id,
        occurredOn: '2023-07-05',
        channel: 'homeVisit',
        consultingParty: { kind: 'person' },
        personContact: 'reached',
        contents: ['visit'],
        note: { text: '本人と玄関先で会えた' },
      });
      const indicators = () =>
        t.register.indicators.report(t.worker, {
          period: { kind: 'fiscalYear', fiscalYear: 2023 },
          scope: { kind: 'agency', agencyId: t.centre.id },
          publishing: false,
        });
      expect((await indicators()).contacts.total).toEqual({ value: 2 });
      expect(await t.register.cases.count(t.worker, { personReached: true })).toBe(1);

      const voided = await t.register.contacts.void(t.worker, reach.id, {
        expectedVersion: 1,
        reason: '別ケースの記録を誤って登録',
      });
      expect(voided.contact.voided).toMatchObject({
        reason: '別ケースの記録を誤って登録',
        staffId: t.worker.staffId,
        agencyId: t.centre.id,
      });
      expect((await indicators()).contacts.total).toEqual({ value: 1 });
      expect(await t.register.cases.count(t.worker, { personReached: true })).toBe(0);
      await expect(
        t.register.cases.changeStage(t.worker, opened.id, {
          to: 'individual',
          effectiveOn: '2023-07-05',
          expectedVersion: 1,
        }),
      ).rejects.toMatchObject({ code: 'PRECONDITION_FAILED' });
      const [last] = await t.register.batch.lastContacts(t.worker, [opened.id]);
      expect(last?.id).not.toBe(reach.id);
      // The caseload's one read agrees: neither its last contact nor its filter counts the void.
      const page = await t.register.cases.caseload(t.worker, { personReached: true }, { first: 20 }, [
        'lastContact',
      ]);
      expect(page.page.items).toEqual([]);
      const whole = await t.register.cases.caseload(t.worker, {}, { first: 20 }, ['lastContact']);
      const at = whole.page.items.findIndex((v) => v.record.id === opened.id);
      expect(at).toBeGreaterThanOrEqual(0);
      expect(whole.parts.lastContact[at]?.id).toBe(last?.id);

      const listed = await t.register.contacts.list(t.worker, opened.id);
      expect(listed.find((c) => c.id === reach.id)).toMatchObject({
        version: 2,
        voided: { reason: '別ケースの記録を誤って登録' },
        note: { text: '本人と玄関先で会えた' },
        corrections: [{ kind: 'voided', sequence: 2, reason: '別ケースの記録を誤って登録' }],
      });
      await expect(
        t.register.contacts.amend(t.worker, reach.id, {
          expectedVersion: 2,
          reason: '戻す',
          durationMinutes: 10,
        }),
      ).rejects.toMatchObject({ code: 'PRECONDITION_FAILED', rule: 'contact_voided' });
    });

    it('erases earlier versions and reasons with the rest of the case text at the end of retention', async () => {
      const t = await setUp();
      const { case: opened, firstContact } = await openFromMothersCall(t);
      await t.register.contacts.amend(t.worker, firstContact?.id ?? '', {
        expectedVersion: 1,
        reason: '母の発言を追記',
        note: { text: '母より電話。本人は夜間にコンビニへ行く。' },
      });
      await closeAndRetain(t, opened.id);
      const dump = JSON.stringify(await t.register.contacts.list(t.worker, opened.id));
      expect(dump).not.toMatch(/母より電話|母の発言/);
      expect(dump).toContain(ERASED_TEXT);
    });
  });
}
