import { describe, expect, it } from 'vitest';
import { ERASED_TEXT } from '../retention/retention.ts';
import type { Actor } from '../shared/actor.ts';
import { contractWorld, type RegisterFactory } from './contract-world.ts';

/**
 * 受付時の状況 and 心身の状況, as one shared suite run on every storage: recorded at intake or later,
 * saved whole with a version, the health background behind its own section, every read and write
 * audited, and the health note erased with the case's other free text.
 */
export function describeIntakeContract(storage: string, makeRegister: RegisterFactory): void {
  const { setUp, openFromMothersCall, referToHospital, closeAndRetain } = contractWorld(makeRegister);

  describe(`intake attributes (${storage})`, () => {
    it('records intake and health at opening, replaces them by version, and refuses a stale save', async () => {
      const t = await setUp();
      const opened = await t.register.cases.open(t.worker, {
        person: { displayName: '架空 次郎', birthYearMonth: '1995-02', municipalityCode: '242012' },
        case: { municipalityCode: '242012', openedOn: '2023-06-01' },
        intake: {
          withdrawalOnset: '2013-04',
          withdrawalOnsetApproximate: true,
          triggers: ['schoolNonAttendance', 'bullying'],
          discoveryRoute: 'school',
        },
        healthBackground: { developmentalDisability: 'suspected', note: { text: '小学校で発達相談歴あり' } },
      });
      const caseId = opened.case.id;
      expect(opened.intake).toMatchObject({ version: 1, triggers: ['schoolNonAttendance', 'bullying'] });
      expect(await t.register.intake.intake(t.worker, caseId)).toEqual(opened.intake);
      expect(await t.register.intake.health(t.worker, caseId)).toEqual(opened.healthBackground);

      t.setToday('2023-07-01');
      const second = await t.register.intake.recordIntake(t.worker, caseId, {
        withdrawalOnset: '2012-09',
        triggers: ['schoolNonAttendance'],
        discoveryRoute: 'school',
        expectedVersion: 1,
      });
      expect(second).toMatchObject({
        version: 2,
        withdrawalOnset: '2012-09',
        withdrawalOnsetApproximate: false,
        recordedBy: t.worker.staffId,
        recordedAt: new Date('2023-07-01T01:00:00Z'),
      });
      await expect(
        t.register.intake.recordIntake(t.worker, caseId, { triggers: ['other'], expectedVersion: 1 }),
      ).rejects.toMatchObject({ code: 'VERSION_CONFLICT' });
      await expect(
        t.register.intake.recordIntake(t.worker, caseId, { withdrawalOnset: '1990-01', expectedVersion: 2 }),
      ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', field: 'withdrawalOnset' });
      expect(await t.register.intake.intake(t.worker, caseId)).toEqual(second);

      const health = await t.register.intake.recordHealth(t.worker, caseId, {
        medicalCare: 'current',
        developmentalDisability: 'diagnosed',
        mentalIllness: 'none',
        disabilityCertificate: 'applying',
        expectedVersion: 1,
      });
      expect(health).toMatchObject({ version: 2, note: null, disabilityCertificate: 'applying' });
      expect(await t.register.intake.health(t.worker, caseId)).toEqual(health);
    });

    it('opens without intake, then records the first version; a bad intake writes nothing', async () => {
      const t = await setUp();
      const { case: opened, intake, healthBackground } = await openFromMothersCall(t);
      expect([intake, healthBackground]).toEqual([null, null]);
      expect(await t.register.intake.intake(t.worker, opened.id)).toBeNull();
      expect(await t.register.intake.health(t.worker, opened.id)).toBeNull();
      const first = await t.register.intake.recordIntake(t.worker, opened.id, { discoveryRoute: 'family' });
      expect(first).toMatchObject({ version: 1, triggers: [], withdrawalOnset: null });

      const before = (await t.register.cases.list(t.worker)).items.length;
      await expect(
        t.register.cases.open(t.worker, {
          person: { displayName: '架空 三郎', municipalityCode: '242012' },
          case: { municipalityCode: '242012', openedOn: '2023-06-01' },
          intake: { triggers: ['unknown', 'illness'] },
        }),
      ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', field: 'intake.triggers', rule: 'unknown_alone' });
      expect((await t.register.cases.list(t.worker)).items).toHaveLength(before);
    });

    it('keeps the health background to readers of its section, and audits each read and write', async () => {
      const t = await setUp();
      const { case: opened } = await openFromMothersCall(t);
      await t.register.intake.recordHealth(t.worker, opened.id, { mentalIllness: 'suspected' });
      await t.register.intake.recordIntake(t.worker, opened.id, { triggers: ['retirement'] });

      // A referral sharing the person's profile does not share the health background.
      await referToHospital(t, opened.id, ['summary', 'person']);
      expect(await t.register.intake.intake(t.hospitalWorker, opened.id)).toMatchObject({
        triggers: ['retirement'],
      });
      await expect(t.register.intake.health(t.hospitalWorker, opened.id)).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });
      const admin: Actor = { ...t.admin };
      await expect(t.register.intake.health(admin, opened.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(t.register.intake.intake(admin, opened.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(t.register.intake.health(t.outsider, opened.id)).rejects.toMatchObject({
        message: 'case not found or not accessible',
      });
      // Readers who do not casework may not write it; the auditor reads it.
      await expect(
        t.register.intake.recordHealth(t.hospitalWorker, opened.id, { expectedVersion: 1 }),
      ).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(
        t.register.intake.recordHealth(t.auditor, opened.id, { expectedVersion: 1 }),
      ).rejects.toMatchObject({ code: 'FORBIDDEN' });
      expect(await t.register.intake.health(t.auditor, opened.id)).toMatchObject({
        mentalIllness: 'suspected',
      });

      const trail = await t.register.audit.ofCase(t.auditor, opened.id);
      const seen = trail.items.map(
        (e) => `${e.operation}:${e.entity}:${e.agencyId === t.centre.id ? 'centre' : 'other'}:${e.outcome}`,
      );
      expect(seen).toEqual(
        expect.arrayContaining([
          'case.health.record:healthBackground:centre:allowed',
          'case.intake.record:caseIntake:centre:allowed',
          'case.intake.read:caseIntake:other:allowed',
          'case.health.read:case:other:denied',
          'case.health.read:healthBackground:centre:allowed',
        ]),
      );
    });

    it('erases the health note with the rest of the case text at the end of retention', async () => {
      const t = await setUp();
      const { case: opened } = await openFromMothersCall(t);
      await t.register.intake.recordHealth(t.worker, opened.id, {
        medicalCare: 'past',
        note: { text: '以前に架空クリニックを受診' },
      });
      await closeAndRetain(t, opened.id);
      const health = await t.register.intake.health(t.worker, opened.id);
      expect(health).toMatchObject({ medicalCare: 'past', note: { text: ERASED_TEXT } });
    });
  });
}
