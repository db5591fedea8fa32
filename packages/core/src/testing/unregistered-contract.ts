import { describe, expect, it } from 'vitest';
import { cellValue } from '../indicators/suppression.ts';
import { contractWorld, type RegisterFactory } from './contract-world.ts';

/**
 * Work with people who are not registered cases, as one shared suite on every storage: 匿名相談 and
 * the unregistered headcount of group sessions, counted in the indicators with the conferences held.
 */
export function describeUnregisteredContract(storage: string, makeRegister: RegisterFactory): void {
  const { setUp, openFromMothersCall } = contractWorld(makeRegister);

  describe(`consultations and attendance without a case (${storage})`, () => {
    it('records anonymous consultations and session headcounts, and counts them with conferences', async () => {
      const t = await setUp();
      const consult = (occurredOn: string, more: Record<string, unknown> = {}) =>
        t.register.contacts.recordAnonymous(t.worker, {
          occurredOn,
          channel: 'phone',
          consultingParty: 'parent',
          contents: ['relationshipBuilding'],
          ...more,
        });
      await expect(consult('2023-06-01', { contents: [] })).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
        issues: [expect.objectContaining({ field: 'contents' })],
      });
      await expect(consult('2023-06-02')).rejects.toMatchObject({ rule: 'occurred_not_in_future' });
      await expect(
        t.register.contacts.recordAnonymous(t.auditor, {
          occurredOn: '2023-06-01',
          channel: 'phone',
          consultingParty: 'person',
          contents: ['visit'],
        }),
      ).rejects.toMatchObject({ code: 'FORBIDDEN' });
      const first = await consult('2023-05-10', { ageBand: '40s', sex: 'male', municipalityCode: '242012' });
      expect(first).toMatchObject({
        agencyId: t.centre.id,
        ageBand: '40s',
        sex: 'male',
        durationMinutes: null,
      });
      await consult('2023-06-01', { channel: 'email', consultingParty: 'person' });
      expect((await t.register.contacts.listAnonymous(t.worker)).map((c) => c.occurredOn)).toEqual([
        '2023-06-01',
        '2023-05-10',
      ]);
      expect(await t.register.contacts.listAnonymous(t.hospitalWorker)).toEqual([]);
      // By id, under the list's rule: none of another agency's, none for a role that may not list.
      expect(await t.register.contacts.anonymousConsultation(t.auditor, first.id)).toEqual(first);
      for (const [actor, code] of [
        [t.hospitalWorker, 'NOT_FOUND'],
        [t.admin, 'FORBIDDEN'],
      ] as const)
        await expect(t.register.contacts.anonymousConsultation(actor, first.id)).rejects.toMatchObject({
          code,
        });
      await expect(t.register.contacts.anonymousConsultation(t.worker, 'no-such-id')).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });

      // A family class: registered family members and parents who have not consulted yet.
      const place = await t.register.programmes.createPlace(t.worker, {
        kind: 'familyClass',
        name: '家族教室',
      });
      const programme = await t.register.programmes.createProgramme(t.worker, {
        placeId: place.id,
        name: '家族教室（月1回）',
        audience: 'family',
      });
      const session = await t.register.programmes.addSession(t.worker, {
        programmeId: programme.id,
        heldOn: '2023-05-20',
      });
      await expect(
        t.register.programmes.recordHeadcount(t.worker, session.id, { persons: 1, familyMembers: 4 }),
      ).rejects.toMatchObject({ rule: 'audience', field: 'persons' });
      await expect(
        t.register.programmes.recordHeadcount(t.hospitalWorker, session.id, { familyMembers: 4 }),
      ).rejects.toMatchObject({ code: 'FORBIDDEN' });
      expect(
        await t.register.programmes.recordHeadcount(t.worker, session.id, { familyMembers: 4 }),
      ).toMatchObject({ persons: 0, familyMembers: 4, version: 1 });
      // A correction replaces the count.
      expect(
        await t.register.programmes.recordHeadcount(t.worker, session.id, { familyMembers: 5 }),
      ).toMatchObject({ familyMembers: 5, version: 2 });
      expect(await t.register.programmes.headcount(t.worker, session.id)).toMatchObject({ familyMembers: 5 });

      const opened = await openFromMothersCall(t);
      const mother = opened.person.household[0]?.id ?? '';
      await t.register.programmes.recordAttendance(t.worker, {
        sessionId: session.id,
        caseId: opened.case.id,
        attendee: { kind: 'familyMember', householdMemberId: mother },
      });
      await t.register.conferences.record(t.worker, {
        kind: 'caseConference',
        heldOn: '2023-06-01',
        title: '所内ケース会議',
        attendees: [{ agencyId: t.centre.id, name: '担当' }],
        discussions: [{ caseId: opened.case.id, decision: 'continueSupport' }],
      });

      const report = await t.register.indicators.report(t.worker, {
        period: { kind: 'fiscalYear', fiscalYear: 2023 },
        scope: { kind: 'agency', agencyId: t.centre.id },
        publishing: false,
      });
      const n = cellValue;
      expect(n(report.anonymousConsultations.total)).toBe(2);
      expect(n(report.anonymousConsultations.byChannel.email)).toBe(1);
      expect(n(report.anonymousConsultations.byConsultingParty.parent)).toBe(1);
      expect(n(report.anonymousConsultations.byAgeBand['40s'])).toBe(1);
      const g = report.groupAttendance;
      expect(
        [g.total, g.registered, g.registeredCases, g.unregisteredPersons, g.unregisteredFamily].map(n),
      ).toEqual([6, 1, 1, 0, 5]);
      expect([report.conferences.held, report.conferences.casesDiscussed].map(n)).toEqual([1, 1]);
      // The anonymous consultations are no contacts of a case: 実人数 counts only the case's person.
      expect(n(report.contacts.people)).toBe(1);
      const hospital = await t.register.indicators.report(t.hospitalWorker, {
        period: { kind: 'fiscalYear', fiscalYear: 2023 },
        scope: { kind: 'agency', agencyId: t.hospital.id },
        publishing: false,
      });
      expect([hospital.anonymousConsultations.total, hospital.groupAttendance.total].map(n)).toEqual([0, 0]);
    });

    it('lets an operator (参加記録担当) record attendance and headcounts without casework access', async () => {
      const t = await setUp();
      const opened = await openFromMothersCall(t);
      const caseId = opened.case.id;
      const operator = { staffId: 'op-1', agencyId: t.centre.id, role: 'operator' as const };
      const stationOperator = { staffId: 'op-2', agencyId: t.station.id, role: 'operator' as const };
      const sessionOf = async (actor: typeof operator) => {
        const place = await t.register.programmes.createPlace(
          actor.agencyId === t.centre.id ? t.worker : t.stationWorker,
          { kind: 'ibasho', name: '居場所' },
        );
        const programme = await t.register.programmes.createProgramme(actor, {
          placeId: place.id,
          name: '週1回の居場所',
          audience: 'both',
        });
        return t.register.programmes.addSession(actor, { programmeId: programme.id, heldOn: '2023-06-01' });
      };
      const session = await sessionOf(operator);
      const attendance = await t.register.programmes.recordAttendance(operator, {
        sessionId: session.id,
        caseId,
        attendee: { kind: 'person' },
      });
      expect(attendance).toMatchObject({ caseId, attendedOn: '2023-06-01' });
      expect(
        await t.register.programmes.recordHeadcount(operator, session.id, { persons: 2, familyMembers: 1 }),
      ).toMatchObject({ version: 1 });
      // The summary only: no contacts, no casework.
      expect((await t.register.cases.get(operator, caseId)).readableSections).toEqual(['summary']);
      await expect(t.register.contacts.list(operator, caseId)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(
        t.register.contacts.record(operator, {
          caseId,
          occurredOn: '2023-06-01',
          channel: 'phone',
          consultingParty: { kind: 'person' },
          personContact: 'reached',
          contents: ['visit'],
        }),
      ).rejects.toMatchObject({ code: 'FORBIDDEN' });
      // Another agency's operator, at its own place, for a case it does not work on: refused as unseen.
      await expect(
        t.register.programmes.recordAttendance(stationOperator, {
          sessionId: (await sessionOf(stationOperator)).id,
          caseId,
          attendee: { kind: 'person' },
        }),
      ).rejects.toMatchObject({ code: 'FORBIDDEN', message: 'case not found or not accessible' });
      const log = await t.register.audit.list(t.auditor, { caseId });
      expect(log.items.map((e) => `${e.staffId}:${e.operation}:${e.outcome}`)).toContain(
        'op-1:attendance.record:allowed',
      );
    });
  });
}
