import { describe, expect, it } from 'vitest';
import type { Actor } from '../shared/actor.ts';
import { contractWorld, type RegisterFactory } from './contract-world.ts';

/**
 * ケース会議・支援会議, as one shared suite on every storage: who may minute a conference and hear a
 * case at it, decisions linked to the records that carried them out, and every case on an agenda
 * audited when the conference is read.
 */
export function describeConferenceContract(storage: string, makeRegister: RegisterFactory): void {
  const { setUp, openFromMothersCall, referToHospital } = contractWorld(makeRegister);

  describe(`case conferences (${storage})`, () => {
    it('refuses an attending agency without a basis, then minutes and links a referral decision', async () => {
      const t = await setUp();
      const { case: opened } = await openFromMothersCall(t);
      const minutes = {
        kind: 'caseConference' as const,
        heldOn: '2023-06-01',
        title: '第1回ケース会議',
        attendees: [
          { agencyId: t.centre.id, staffId: t.worker.staffId },
          { agencyId: t.hospital.id, name: '精神保健福祉士' },
        ],
        discussions: [{ caseId: opened.id, decision: 'referral' as const }],
      };
      await expect(t.register.conferences.record(t.worker, minutes)).rejects.toMatchObject({
        code: 'NO_LEGAL_BASIS',
        field: 'discussions.0.caseId',
        rule: 'legal_basis_required',
      });
      expect(await t.register.conferences.ofAgency(t.hospitalWorker)).toEqual([]);

      const referral = await referToHospital(t, opened.id, ['summary']);
      const conference = await t.register.conferences.record(t.worker, minutes);
      expect(conference).toMatchObject({
        organiserAgencyId: t.centre.id,
        kind: 'caseConference',
        version: 1,
        attendees: [
          { agencyId: t.centre.id, staffId: t.worker.staffId, name: null },
          { agencyId: t.hospital.id, staffId: null, name: '精神保健福祉士' },
        ],
        discussions: [{ caseId: opened.id, decision: 'referral', link: null }],
      });
      expect(await t.register.conferences.get(t.hospitalWorker, conference.id)).toEqual(conference);
      await expect(t.register.conferences.get(t.outsider, conference.id)).rejects.toMatchObject({
        code: 'FORBIDDEN',
        rule: 'conference_attendee',
      });

      await expect(
        t.register.conferences.linkDecision(t.worker, conference.id, opened.id, {
          kind: 'plan',
          planId: 'x',
        }),
      ).rejects.toMatchObject({ code: 'PRECONDITION_FAILED', rule: 'link_matches_decision' });
      await expect(
        t.register.conferences.linkDecision(t.worker, conference.id, opened.id, {
          kind: 'referral',
          referralId: 'not-a-referral',
        }),
      ).rejects.toMatchObject({ rule: 'referral_of_case', field: 'link.referralId' });
      const linked = await t.register.conferences.linkDecision(t.worker, conference.id, opened.id, {
        kind: 'referral',
        referralId: referral.id,
      });
      expect(linked.version).toBe(2);
      expect(linked.discussions[0]?.link).toEqual({ kind: 'referral', referralId: referral.id });
      expect(await t.register.conferences.get(t.worker, conference.id)).toEqual(linked);
      await expect(
        t.register.conferences.linkDecision(t.worker, conference.id, opened.id, {
          kind: 'referral',
          referralId: referral.id,
        }),
      ).rejects.toMatchObject({ rule: 'link_not_yet_recorded' });

      // The hospital's read of the conference is a read of the case, in the hospital's own log.
      const hospitalAuditor: Actor = { staffId: 'aud', agencyId: t.hospital.id, role: 'auditor' };
      const log = await t.register.audit.list(hospitalAuditor, { caseId: opened.id });
      expect(log.items.map((e) => `${e.operation}:${e.entity}`)).toContain('conference.read:case');
      const centreLog = await t.register.audit.list(t.auditor, { caseId: opened.id });
      const ops = centreLog.items.map((e) => `${e.operation}:${e.outcome}`);
      expect(ops).toContain('conference.record:allowed');
      expect(ops).toContain('conference.decision.link:allowed');
    });

    it('lets 支援会議 members hear a case before the meeting, and no one else', async () => {
      const t = await setUp();
      const { case: opened } = await openFromMothersCall(t);
      const meeting = await t.register.sharing.establishMeeting(t.worker, {
        municipalityCode: '242012',
        name: '架空市支援会議',
        establishedOn: '2023-06-01',
        memberAgencyIds: [t.station.id],
      });
      const sitting = (agencyIds: readonly string[], heldOn = '2023-06-01') => ({
        kind: 'supportMeeting' as const,
        supportMeetingId: meeting.id,
        heldOn,
        title: '令和5年度第1回支援会議',
        attendees: agencyIds.map((agencyId) => ({ agencyId, name: '担当' })),
        discussions: [{ caseId: opened.id, decision: 'continueSupport' as const }],
      });
      await expect(t.register.conferences.record(t.worker, sitting([t.station.id]))).rejects.toMatchObject({
        rule: 'case_before_meeting',
        field: 'discussions.0.caseId',
      });
      await t.register.sharing.addMeetingCase(t.worker, meeting.id, opened.id, '2023-06-01');
      await expect(
        t.register.conferences.record(t.worker, sitting([t.station.id, t.unrelated.id])),
      ).rejects.toMatchObject({ rule: 'attendee_is_member', field: 'attendees.1.agencyId' });
      await expect(
        t.register.conferences.record(t.worker, sitting([t.station.id], '2023-06-02')),
      ).rejects.toMatchObject({ rule: 'held_not_in_future', field: 'heldOn' });

      const held = await t.register.conferences.record(t.worker, sitting([t.station.id]));
      expect(held.attendees.map((a) => a.agencyId)).toEqual([t.centre.id, t.station.id]);
      // The station is no agency of the case, yet hears it: the meeting is the basis.
      expect((await t.register.conferences.ofAgency(t.stationWorker)).map((c) => c.id)).toEqual([held.id]);
      await expect(t.register.conferences.ofCase(t.stationWorker, opened.id)).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });

      t.setToday('2023-07-01');
      const later = await t.register.conferences.record(t.worker, {
        kind: 'caseConference',
        heldOn: '2023-06-20',
        title: '所内ケース会議',
        attendees: [{ agencyId: t.centre.id, staffId: t.worker.staffId }],
        discussions: [{ caseId: opened.id, decision: 'continueSupport' }],
      });
      expect((await t.register.conferences.ofCase(t.worker, opened.id)).map((c) => c.id)).toEqual([
        later.id,
        held.id,
      ]);
      expect(
        (await t.register.conferences.ofAgency(t.worker, { from: '2023-06-10' })).map((c) => c.id),
      ).toEqual([later.id]);
      expect(
        (await t.register.conferences.ofAgency(t.worker, { to: '2023-06-10' })).map((c) => c.id),
      ).toEqual([held.id]);
      await expect(
        t.register.conferences.record(t.outsider, {
          kind: 'caseConference',
          heldOn: '2023-06-20',
          title: '無関係',
          attendees: [{ agencyId: t.unrelated.id, name: '職員' }],
          discussions: [{ caseId: opened.id, decision: 'continueSupport' }],
        }),
      ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    });
  });
}
