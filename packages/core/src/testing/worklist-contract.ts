import { describe, expect, it } from 'vitest';
import type { Actor } from '../shared/actor.ts';
import { contractWorld, type RegisterFactory } from './contract-world.ts';

/** 次回支援予定 and 今日の対応一覧: planned contacts kept as history, the worklist from stored records. */
export function describeWorklistContract(storage: string, makeRegister: RegisterFactory): void {
  const { setUp, openFromMothersCall, referToHospital } = contractWorld(makeRegister);
  const phoneCall = {
    occurredOn: '2023-06-05',
    channel: 'phone' as const,
    consultingParty: { kind: 'person' as const },
    personContact: 'reached' as const,
    contents: ['relationshipBuilding' as const],
  };

  describe(`planned next contact and worklist (${storage})`, () => {
    it('sets, replaces and clears the planned next contact; every entry stays in the history', async () => {
      const t = await setUp();
      const caseId = (await openFromMothersCall(t)).case.id;
      t.setToday('2023-06-05');
      // A plan in the past is refused with the contact, naming the nested field: nothing is written.
      await expect(
        t.register.contacts.record(t.worker, {
          ...phoneCall,
          caseId,
          nextContact: { plannedOn: '2023-06-04' },
        }),
      ).rejects.toMatchObject({ issues: [{ field: 'nextContact.plannedOn', rule: 'not_in_past' }] });
      expect(await t.register.contacts.list(t.worker, caseId)).toHaveLength(1);
      await t.register.contacts.record(t.worker, {
        ...phoneCall,
        caseId,
        nextContact: { plannedOn: '2023-06-12', channel: 'homeVisit', note: '母と面談' },
      });
      await t.register.contacts.planNext(t.worker, caseId, { plannedOn: '2023-06-19' });
      let planned = await t.register.contacts.plannedOfCase(t.worker, caseId);
      expect(planned.current.map((p) => [p.plannedOn, p.channel, p.note])).toEqual([
        ['2023-06-19', null, null],
      ]);
      expect(planned.history.map((p) => p.plannedOn)).toEqual(['2023-06-12', '2023-06-19']);
      await t.register.contacts.clearNext(t.worker, caseId);
      planned = await t.register.contacts.plannedOfCase(t.worker, caseId);
      expect(planned.current).toEqual([]);
      expect(planned.history.map((p) => p.plannedOn)).toEqual(['2023-06-12', '2023-06-19', null]);
      // Only caseworkers of the case set it; only readers of its contacts read it.
      await expect(
        t.register.contacts.planNext(t.auditor, caseId, { plannedOn: '2023-06-19' }),
      ).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(t.register.contacts.plannedOfCase(t.outsider, caseId)).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });
    });

    it('lists what needs the staff member, most overdue first, audited; supervisors read a colleague’s list', async () => {
      const t = await setUp();
      const member = (id: string) => ({ id, agencyId: t.centre.id, active: true });
      const tanaka: Actor = { staffId: 'tanaka', agencyId: t.centre.id, role: 'staff' };
      const supervisor: Actor = { staffId: 'sv-1', agencyId: t.centre.id, role: 'supervisor' };
      const a = (await openFromMothersCall(t)).case.id;
      const b = (await openFromMothersCall(t)).case.id;
      const notMine = (await openFromMothersCall(t)).case.id;
      await t.register.assignments.assign(t.worker, a, member('tanaka'));
      await t.register.assignments.assign(t.worker, b, member('sato'));
      await t.register.assignments.assign(t.worker, b, member('tanaka'));
      await t.register.contacts.planNext(tanaka, a, { plannedOn: '2023-06-10' });
      await t.register.contacts.planNext(tanaka, notMine, { plannedOn: '2023-06-10' });
      const paused = await t.register.cases.changeStatus(t.worker, b, {
        to: 'paused',
        pauseReason: 'personWish',
        reviewOn: '2023-08-01',
        effectiveOn: '2023-06-01',
        expectedVersion: 3,
      });
      expect(paused.case.status.state).toBe('paused');
      const referral = await referToHospital(t, b, ['summary']);

      t.setToday('2023-06-09');
      expect((await t.register.worklist.worklist(tanaka)).items).toEqual([]);
      t.setToday('2023-09-01');
      const list = await t.register.worklist.worklist(tanaka);
      expect(list.on).toBe('2023-09-01');
      expect(list.items.map((i) => [i.kind, i.caseId, i.dueOn, i.daysOverdue])).toEqual([
        ['nextContactDue', a, '2023-06-10', 83],
        ['referralWaiting', b, '2023-06-15', 78],
        ['pauseReviewDue', b, '2023-08-01', 31],
        ['noContactForLong', a, '2023-08-30', 2],
      ]);
      expect(list.counts.find((c) => c.kind === 'referralWaiting')?.count).toBe(1);
      expect(list.referrals.map((r) => r.id)).toEqual([referral.id]);
      expect(list.cases.map((v) => v.record.id).sort()).toEqual([a, b].sort());
      // Another day: the worklist on that day.
      expect(
        (await t.register.worklist.worklist(tanaka, { on: '2023-06-10' })).items.map((i) => i.kind),
      ).toEqual(['nextContactDue']);
      // A contact answers the planned one.
      await t.register.contacts.record(tanaka, { ...phoneCall, occurredOn: '2023-09-01', caseId: a });
      expect((await t.register.worklist.worklist(tanaka)).items.map((i) => i.kind)).toEqual([
        'referralWaiting',
        'pauseReviewDue',
      ]);
      // The hospital's caseworkers see the referral waiting in their inbox; nobody sees another agency's list.
      const inbox = await t.register.worklist.worklist(t.hospitalWorker);
      expect(inbox.items.map((i) => [i.kind, i.caseId, i.referralId, i.daysOverdue])).toEqual([
        ['referralWaiting', b, referral.id, 92],
      ]);
      expect(inbox.cases.map((v) => v.readableSections)).toEqual([['summary']]);
      expect((await t.register.worklist.worklist(t.outsider)).items).toEqual([]);
      // A supervisor reads tanaka's list; a colleague may not.
      expect((await t.register.worklist.worklist(supervisor, { staffId: 'tanaka' })).items).toHaveLength(2);
      await expect(t.register.worklist.worklist(t.worker, { staffId: 'tanaka' })).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });
      // Every case listed is audited as read by the worklist.
      const audited = await t.register.audit.list(t.auditor, {
        operation: 'worklist.read',
        staffId: 'tanaka',
      });
      expect(new Set(audited.items.filter((e) => e.entity === 'case').map((e) => e.entityId))).toEqual(
        new Set([a, b]),
      );
      expect(audited.items.some((e) => e.entityId === notMine)).toBe(false);
    });
  });
}
