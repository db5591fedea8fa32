import { describe, expect, it } from 'vitest';
import { contractWorld, type RegisterFactory } from './contract-world.ts';

/** ひきこもりサポーター: registry, follow-up due list, dispatch to a case or programme, activity. */
export function describeSupporterContract(storage: string, makeRegister: RegisterFactory): void {
  const { setUp, openFromMothersCall } = contractWorld(makeRegister);

  describe(`supporter registry (${storage})`, () => {
    it('registers supporters, lists those due for follow-up, dispatches them and records activity', async () => {
      const t = await setUp();
      const register = (displayName: string, trainedOn: string) =>
        t.register.supporters.register(t.worker, {
          displayName,
          municipalityCode: '242012',
          trainedOn,
          registeredOn: trainedOn,
        });
      const old = await register('架空 一子', '2020-05-01');
      const recent = await register('架空 二子', '2022-10-01');
      await expect(
        t.register.supporters.register(t.auditor, {
          displayName: 'x',
          municipalityCode: '242012',
          trainedOn: '2022-10-01',
          registeredOn: '2022-10-01',
        }),
      ).rejects.toMatchObject({ code: 'FORBIDDEN' });
      expect((await t.register.supporters.list(t.worker)).map((s) => s.id)).toEqual([old.id, recent.id]);
      expect(
        (await t.register.supporters.list(t.worker, { followUpDueBy: '2023-06-01' })).map((s) => s.id),
      ).toEqual([old.id]);
      expect(await t.register.supporters.list(t.hospitalWorker)).toEqual([]);
      // By id, under the list's rule: the agency's own caseworkers only.
      expect(await t.register.supporters.get(t.worker, old.id)).toEqual(old);
      for (const [actor, code] of [
        [t.hospitalWorker, 'NOT_FOUND'],
        [t.auditor, 'FORBIDDEN'],
      ] as const)
        await expect(t.register.supporters.get(actor, old.id)).rejects.toMatchObject({ code });
      await expect(
        t.register.supporters.recordFollowUp(t.hospitalWorker, old.id, '2023-05-01'),
      ).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });

      const { case: opened } = await openFromMothersCall(t);
      const toCase = {
        supporterId: old.id,
        target: { kind: 'case' as const, caseId: opened.id },
        startsOn: '2023-06-01',
      };
      await expect(t.register.supporters.dispatch(t.worker, toCase)).rejects.toMatchObject({
        rule: 'follow_up_current',
      });
      const renewed = await t.register.supporters.recordFollowUp(t.worker, old.id, '2023-05-20');
      expect(renewed).toMatchObject({ followUps: ['2023-05-20'], version: 2 });
      expect(await t.register.supporters.list(t.worker, { followUpDueBy: '2023-06-01' })).toEqual([]);

      const dispatch = await t.register.supporters.dispatch(t.worker, toCase);
      const active = await t.register.supporters.recordActivity(t.worker, dispatch.id, {
        on: '2023-06-01',
        minutes: 60,
      });
      expect(active.activities).toEqual([{ on: '2023-06-01', minutes: 60 }]);
      expect(await t.register.supporters.dispatchesToCase(t.worker, opened.id)).toEqual([active]);
      await expect(t.register.supporters.dispatchesToCase(t.outsider, opened.id)).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });
      // A case the agency does not work on is refused as unseen.
      const stationSupporter = await t.register.supporters.register(t.stationWorker, {
        displayName: '架空 三子',
        municipalityCode: '242012',
        trainedOn: '2023-01-10',
        registeredOn: '2023-01-10',
      });
      await expect(
        t.register.supporters.dispatch(t.stationWorker, { ...toCase, supporterId: stationSupporter.id }),
      ).rejects.toMatchObject({ code: 'FORBIDDEN', message: 'case not found or not accessible' });

      const place = await t.register.programmes.createPlace(t.worker, { kind: 'ibasho', name: '居場所' });
      // The directory of places is open to every signed-in actor, by id as in the list.
      expect(await t.register.programmes.place(t.hospitalWorker, place.id)).toEqual(place);
      await expect(t.register.programmes.place(t.worker, 'no-such-id')).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
      const programme = await t.register.programmes.createProgramme(t.worker, {
        placeId: place.id,
        name: '居場所',
        audience: 'person',
      });
      const helping = await t.register.supporters.dispatch(t.worker, {
        supporterId: recent.id,
        target: { kind: 'programme', programmeId: programme.id },
        startsOn: '2023-04-01',
      });
      const ended = await t.register.supporters.endDispatch(t.worker, helping.id, '2023-05-31');
      expect(ended).toMatchObject({ endedOn: '2023-05-31', version: 2 });
      expect(
        (await t.register.supporters.dispatchesOfSupporter(t.worker, recent.id)).map((d) => d.id),
      ).toEqual([helping.id]);

      const log = await t.register.audit.list(t.auditor, { caseId: opened.id });
      const ops = log.items.map((e) => `${e.operation}:${e.outcome}`);
      expect(ops).toContain('supporter.dispatch:allowed');
      expect(ops).toContain('supporter.activity:allowed');
    });
  });
}
