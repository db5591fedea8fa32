import { describe, expect, it } from 'vitest';
import { DEFAULT_CHECKLIST } from '../assessments/checklist.ts';
import type { Actor } from '../shared/actor.ts';
import {
  ForbiddenError,
  NoLegalBasisError,
  ValidationError,
  VersionConflictError,
} from '../shared/errors.ts';
import { describeConferenceContract } from './conference-contract.ts';
import { contractWorld, type RegisterFactory } from './contract-world.ts';
import { describeCorrectionsContract } from './corrections-contract.ts';
import { describeIndicatorSettingsContract } from './indicator-settings-contract.ts';
import { describeIntakeContract } from './intake-contract.ts';
import { describePersonsContract } from './persons-contract.ts';
import { describePrivacyContract } from './privacy-contract.ts';
import { describeSupporterContract } from './supporter-contract.ts';
import { describeUnregisteredContract } from './unregistered-contract.ts';
import { describeWorklistContract } from './worklist-contract.ts';

export type { RegisterFactory } from './contract-world.ts';

/**
 * The register's behaviour, as one shared suite: the in-memory storage runs it in core, and the
 * gateway runs the very same cases on SQLite and PostgreSQL through a thin file per database.
 */
export function describeRegisterContract(storage: string, makeRegister: RegisterFactory): void {
  const { setUp, openFromMothersCall, referToHospital } = contractWorld(makeRegister);

  describe(`register use-cases (${storage})`, () => {
    it('walks a case from a family-only start through stages, regression, pause and referrals', async () => {
      const t = await setUp();
      const opened = await openFromMothersCall(t);
      const caseId = opened.case.id;
      const mother = opened.person.household[0];
      expect(mother?.relation).toBe('mother');
      expect(opened.firstContact?.consultingParty).toEqual({
        kind: 'householdMember',
        householdMemberId: mother?.id,
      });

      // Home visit attempts: the person does not come out; the stage cannot move to individual yet.
      t.setToday('2023-06-20');
      await t.register.contacts.record(t.worker, {
        caseId,
        occurredOn: '2023-06-20',
        channel: 'homeVisit',
        consultingParty: { kind: 'householdMember', householdMemberId: mother?.id ?? '' },
        personContact: 'attempted',
        contents: ['visit'],
      });
      await expect(
        t.register.cases.changeStage(t.worker, caseId, {
          to: 'individual',
          effectiveOn: '2023-06-20',
          expectedVersion: 1,
        }),
      ).rejects.toMatchObject({ code: 'PRECONDITION_FAILED' });

      // First contact with the person, then the individual stage.
      t.setToday('2023-07-05');
      await t.register.contacts.record(t.worker, {
        caseId,
        occurredOn: '2023-07-05',
        channel: 'homeVisit',
        consultingParty: { kind: 'person' },
        personContact: 'reached',
        contents: ['visit', 'relationshipBuilding'],
      });
      const individual = await t.register.cases.changeStage(t.worker, caseId, {
        to: 'individual',
        effectiveOn: '2023-07-05',
        expectedVersion: 1,
      });
      expect(individual.case.stage).toBe('individual');

      // Assessment against the default checklist, and a plan.
      const answers = Object.fromEntries(
        DEFAULT_CHECKLIST.domains.flatMap((d) => d.items.map((i) => [i.id, 1])),
      );
      const assessment = await t.register.casework.recordAssessment(t.worker, caseId, {
        checklistId: DEFAULT_CHECKLIST.id,
        checklistVersion: DEFAULT_CHECKLIST.version,
        assessedOn: '2023-07-05',
        rater: { kind: 'staff', staffId: t.worker.staffId },
        answers,
      });
      expect(assessment.scores.total).toBeGreaterThan(0);
      await t.register.casework.createPlan(t.worker, {
        caseId,
        createdOn: '2023-07-05',
        goals: [{ id: 'g1', description: '週1回の訪問で話せる関係をつくる', targetDate: '2023-12-31' }],
        reviewDueOn: '2023-10-01',
      });

      // Group stage, then back with re-withdrawal, then a pause that keeps the stage.
      t.setToday('2023-09-01');
      const group = await t.register.cases.changeStage(t.worker, caseId, {
        to: 'group',
        effectiveOn: '2023-09-01',
        expectedVersion: 2,
      });
      t.setToday('2023-11-01');
      const back = await t.register.cases.changeStage(t.worker, caseId, {
        to: 'individual',
        reason: 'reWithdrawal',
        effectiveOn: '2023-11-01',
        expectedVersion: group.case.version,
      });
      expect(back.entry.direction).toBe('back');
      const paused = await t.register.cases.changeStatus(t.worker, caseId, {
        to: 'paused',
        pauseReason: 'personWish',
        effectiveOn: '2023-11-01',
        expectedVersion: back.case.version,
      });
      expect(paused.case.status.state).toBe('paused');
      expect(paused.case.stage).toBe('individual');
      t.setToday('2023-12-01');
      const resumed = await t.register.cases.changeStatus(t.worker, caseId, {
        to: 'active',
        effectiveOn: '2023-12-01',
        expectedVersion: paused.case.version,
      });

      // Consent covering the health sector; referral to the hospital declined, re-referral accepted.
      const consent = await t.register.sharing.recordConsent(t.worker, {
        caseId,
        givenBy: { kind: 'person' },
        scope: { sectors: ['health', 'employment'] },
        givenOn: '2023-12-01',
      });
      t.setToday('2023-12-05');
      const first = await t.register.referrals.send(t.worker, {
        caseId,
        toAgencyId: t.hospital.id,
        reason: '睡眠リズムの乱れ',
        requestedService: '受診',
        legalBasis: { kind: 'consent', consentId: consent.id },
        sharedSections: ['summary', 'person'],
        sentOn: '2023-12-05',
      });
      // Before accepting, the hospital sees only what the referral shares.
      const seen = await t.register.cases.get(t.hospitalWorker, caseId);
      expect(seen.readableSections).toEqual(['summary', 'person']);
      await expect(t.register.contacts.list(t.hospitalWorker, caseId)).rejects.toBeInstanceOf(ForbiddenError);
      const declined = await t.register.referrals.decline(t.hospitalWorker, first.id, {
        on: '2023-12-05',
        reason: '対象地域外',
        expectedVersion: 1,
      });
      expect(declined.status).toBe('declined');
      await expect(t.register.cases.get(t.hospitalWorker, caseId)).rejects.toBeInstanceOf(ForbiddenError);

      const second = await t.register.referrals.send(t.worker, {
        caseId,
        previousReferralId: first.id,
        toAgencyId: t.station.id,
        reason: '就労への関心',
        requestedService: '職場体験',
        legalBasis: { kind: 'consent', consentId: consent.id },
        sharedSections: ['summary'],
        sentOn: '2023-12-05',
      });
      expect(second.previousReferralId).toBe(first.id);
      await t.register.referrals.accept(t.stationWorker, second.id, { on: '2023-12-05', expectedVersion: 1 });
      const afterAccept = await t.register.cases.get(t.stationWorker, caseId);
      expect(afterAccept.record.supportingAgencyIds).toContain(t.station.id);
      expect(afterAccept.readableSections).toContain('contacts');
      t.setToday('2024-01-10');
      const completed = await t.register.referrals.complete(t.stationWorker, second.id, {
        on: '2024-01-10',
        outcome: 'connected',
        expectedVersion: 2,
      });
      expect(completed.status).toBe('completed');

      // History answers "which stage on date X".
      const history = await t.register.cases.history(t.worker, caseId);
      expect(history.supportStages.map((e) => e.to)).toEqual([
        'encounter',
        'individual',
        'group',
        'individual',
      ]);
      expect(history.statuses.map((e) => e.to)).toEqual(['active', 'paused', 'active']);
      expect(resumed.case.version).toBeGreaterThan(paused.case.version);

      // Indicators for FY2023 (令和5年度), exact for the own agency.
      t.setToday('2024-04-01');
      const report = await t.register.indicators.report(t.worker, {
        period: { kind: 'fiscalYear', fiscalYear: 2023 },
        scope: { kind: 'agency', agencyId: t.centre.id },
        publishing: false,
      });
      expect(report.periodLabel).toBe('令和5年度');
      expect(report.contacts.total).toEqual({ value: 3 });
      expect(report.consultations.newCases).toEqual({ value: 1 });
      expect(report.contactsByAgeBand['50s']).toEqual({ value: 3 });
      expect(report.referrals.byOutcome.declined).toEqual({ value: 1 });
      expect(report.referrals.byOutcome.connected).toEqual({ value: 1 });
      expect(report.stagesAtEnd.byStage.individual).toEqual({ value: 1 });
    });

    it('keeps unrelated agencies out, and audits reads, writes and refusals', async () => {
      const t = await setUp();
      const { case: opened } = await openFromMothersCall(t);
      await expect(t.register.cases.get(t.outsider, opened.id)).rejects.toMatchObject({
        code: 'FORBIDDEN',
        message: 'case not found or not accessible',
      });
      await expect(t.register.cases.get(t.outsider, 'no-such-case')).rejects.toMatchObject({
        message: 'case not found or not accessible',
      });
      const outsiderList = await t.register.cases.list(t.outsider);
      expect(outsiderList.items).toHaveLength(0);
      await t.register.cases.get(t.worker, opened.id);

      const log = await t.register.audit.list(t.auditor, { caseId: opened.id });
      const operations = log.items.map((e) => `${e.operation}:${e.outcome}`);
      expect(operations).toContain('case.open:allowed');
      expect(operations).toContain('case.read:allowed');
      // The outsider's refusal is logged under the outsider's agency, not readable by the centre's auditor.
      expect(operations).not.toContain('case.read:denied');
      const outsiderAdmin: Actor = { staffId: 'x', agencyId: t.unrelated.id, role: 'agencyAdmin' };
      const outsiderLog = await t.register.audit.list(outsiderAdmin, { caseId: opened.id });
      expect(outsiderLog.items.map((e) => e.outcome)).toEqual(['denied']);
      expect(outsiderLog.totalCount).toBe(1);
      const onePage = await t.register.audit.list(t.auditor, { caseId: opened.id }, { first: 1 });
      expect(onePage.items).toHaveLength(1);
      expect(onePage.totalCount).toBe(log.items.length);
      await expect(t.register.audit.list(t.worker)).rejects.toBeInstanceOf(ForbiddenError);
    });

    it('compares assessments only for readers of both, and tells no missing id from a hidden one', async () => {
      const t = await setUp();
      const answers = Object.fromEntries(
        DEFAULT_CHECKLIST.domains.flatMap((d) => d.items.map((i) => [i.id, 1])),
      );
      const assess = (actor: Actor, caseId: string, assessedOn: string) =>
        t.register.casework.recordAssessment(actor, caseId, {
          checklistId: DEFAULT_CHECKLIST.id,
          checklistVersion: DEFAULT_CHECKLIST.version,
          assessedOn,
          rater: { kind: 'staff', staffId: actor.staffId },
          answers,
        });
      const { case: first } = await openFromMothersCall(t);
      const { case: second } = await openFromMothersCall(t);
      const { case: theirs } = await t.register.cases.open(t.stationWorker, {
        person: { displayName: '架空 次郎', municipalityCode: '242012' },
        case: { municipalityCode: '242012', openedOn: '2023-06-01' },
      });
      const a1 = await assess(t.worker, first.id, '2023-06-01');
      const b1 = await assess(t.worker, second.id, '2023-06-01');
      const hidden = await assess(t.stationWorker, theirs.id, '2023-06-01');

      const missing = t.register.casework.compareAssessments(t.worker, a1.id, 'no-such-assessment');
      await expect(missing).rejects.toBeInstanceOf(ForbiddenError);
      const notTheirs = t.register.casework.compareAssessments(t.worker, a1.id, hidden.id);
      await expect(notTheirs).rejects.toBeInstanceOf(ForbiddenError);
      await expect(t.register.casework.compareAssessments(t.worker, a1.id, b1.id)).rejects.toMatchObject({
        field: 'laterId',
        rule: 'same_case',
      });
      const same = await t.register.casework.compareAssessments(t.worker, a1.id, a1.id);
      expect(same.total.delta).toBe(0);
    });

    it('refuses a stale write and leaves the history as the winner wrote it', async () => {
      const t = await setUp();
      const { case: opened } = await openFromMothersCall(t);
      const pause = t.register.cases.changeStatus(t.worker, opened.id, {
        to: 'paused',
        pauseReason: 'personWish',
        effectiveOn: '2023-06-01',
        expectedVersion: 1,
      });
      const lost = t.register.cases.changeStatus(t.worker, opened.id, {
        to: 'contactLost',
        effectiveOn: '2023-06-01',
        expectedVersion: 1,
      });
      const results = await Promise.allSettled([pause, lost]);
      expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
      const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect(rejected.reason).toBeInstanceOf(VersionConflictError);
      const history = await t.register.cases.history(t.worker, opened.id);
      expect(history.statuses).toHaveLength(2);
    });

    it('writes nothing when a composite input is invalid, naming the nested field', async () => {
      const t = await setUp();
      const attempt = t.register.cases.open(t.worker, {
        person: { displayName: '架空 花子', municipalityCode: '242013' },
        case: { municipalityCode: '242012', openedOn: '2023-06-01' },
      });
      await expect(attempt).rejects.toBeInstanceOf(ValidationError);
      await expect(attempt).rejects.toMatchObject({ field: 'person.municipalityCode' });
      expect((await t.register.cases.list(t.worker)).items).toHaveLength(0);
    });

    it('blocks a referral after consent is withdrawn between two referrals', async () => {
      const t = await setUp();
      const { case: opened } = await openFromMothersCall(t);
      const consent = await t.register.sharing.recordConsent(t.worker, {
        caseId: opened.id,
        givenBy: { kind: 'person' },
        scope: { agencyIds: [t.hospital.id, t.station.id] },
        givenOn: '2023-06-01',
      });
      const base = {
        caseId: opened.id,
        reason: '相談',
        requestedService: '受診',
        legalBasis: { kind: 'consent' as const, consentId: consent.id },
        sharedSections: ['summary' as const],
      };
      await t.register.referrals.send(t.worker, { ...base, toAgencyId: t.hospital.id, sentOn: '2023-06-01' });
      t.setToday('2023-06-10');
      await t.register.sharing.withdrawConsent(t.worker, consent.id, '2023-06-10');
      await expect(
        t.register.referrals.send(t.worker, { ...base, toAgencyId: t.station.id, sentOn: '2023-06-10' }),
      ).rejects.toBeInstanceOf(NoLegalBasisError);
      const referrals = await t.register.referrals.ofCase(t.worker, opened.id);
      expect(referrals).toHaveLength(1);
    });

    it('records attendance only by the operator of the place, for a case its agency works on', async () => {
      const t = await setUp();
      const opened = await openFromMothersCall(t);
      const caseId = opened.case.id;
      // The hospital supports the case jointly (the person consented) but does not run the centre's place.
      const record = await t.register.cases.get(t.worker, caseId);
      await t.register.sharing.recordConsent(t.worker, {
        caseId,
        givenBy: { kind: 'person' },
        scope: { sectors: ['health'] },
        givenOn: '2023-06-01',
      });
      await t.register.cases.addSupportingAgency(t.worker, caseId, {
        agencyId: t.hospital.id,
        expectedVersion: record.record.version,
      });
      const sessionAt = async (operator: Actor) => {
        const place = await t.register.programmes.createPlace(operator, { kind: 'ibasho', name: '居場所' });
        const programme = await t.register.programmes.createProgramme(operator, {
          placeId: place.id,
          name: '月1回の居場所',
          audience: 'both',
        });
        return t.register.programmes.addSession(operator, {
          programmeId: programme.id,
          heldOn: '2023-06-01',
        });
      };
      const centreSession = await sessionAt(t.worker);
      const attend = (actor: Actor, sessionId: string) =>
        t.register.programmes.recordAttendance(actor, { sessionId, caseId, attendee: { kind: 'person' } });
      await expect(attend(t.hospitalWorker, centreSession.id)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(attend(t.auditor, centreSession.id)).rejects.toBeInstanceOf(ForbiddenError);
      // The station runs a place but has nothing to do with the case.
      await expect(attend(t.stationWorker, (await sessionAt(t.stationWorker)).id)).rejects.toBeInstanceOf(
        ForbiddenError,
      );
      expect(await t.register.programmes.attendanceOfCase(t.worker, caseId)).toEqual([]);
      await attend(t.worker, centreSession.id);
      // Joint support counts: the hospital records attendance at its own place for the case.
      await attend(t.hospitalWorker, (await sessionAt(t.hospitalWorker)).id);
      expect(await t.register.programmes.attendanceOfCase(t.worker, caseId)).toHaveLength(2);
    });

    it('lists the caseload with filters and cursor pages in a stable order', async () => {
      const t = await setUp();
      for (let i = 0; i < 5; i++) await openFromMothersCall(t);
      const first = await t.register.cases.list(t.worker, {}, { first: 2 });
      expect(first.items).toHaveLength(2);
      expect(first.hasNextPage).toBe(true);
      const second = await t.register.cases.list(t.worker, {}, { first: 2, after: first.endCursor });
      const third = await t.register.cases.list(t.worker, {}, { first: 2, after: second.endCursor });
      const all = [...first.items, ...second.items, ...third.items].map((v) => v.record.id);
      expect(new Set(all).size).toBe(5);
      expect(third.hasNextPage).toBe(false);
      expect((await t.register.cases.list(t.worker, { personReached: true })).items).toHaveLength(0);
      expect((await t.register.cases.list(t.worker, { personReached: false })).items).toHaveLength(5);
      await expect(t.register.cases.list(t.worker, {}, { first: 101 })).rejects.toMatchObject({
        field: 'first',
      });
    });

    it('counts what the list gives, over all pages and with the same filters', async () => {
      const t = await setUp();
      for (let i = 0; i < 3; i++) await openFromMothersCall(t);
      expect(await t.register.cases.count(t.worker)).toBe(3);
      expect(await t.register.cases.count(t.worker, { stage: 'encounter', status: 'active' })).toBe(3);
      expect(await t.register.cases.count(t.worker, { status: 'paused' })).toBe(0);
      expect(await t.register.cases.count(t.hospitalWorker)).toBe(0);
    });

    it('finds cases by name or kana (either script, every part) only among cases the agency supports', async () => {
      const t = await setUp();
      const taro = await openFromMothersCall(t);
      const hanako = await t.register.cases.open(t.worker, {
        person: { displayName: 'Hanako 架空', kana: 'カクウ ハナコ', municipalityCode: '242012' },
        case: { municipalityCode: '242012', openedOn: '2023-06-01' },
      });
      const found = async (actor: Actor, personName: string) =>
        (await t.register.cases.list(actor, { personName })).items.map((v) => v.record.id).sort();
      expect(await found(t.worker, '架空')).toEqual([taro.case.id, hanako.case.id].sort());
      expect(await found(t.worker, 'たろう')).toEqual([taro.case.id]);
      expect(await found(t.worker, 'タロウ')).toEqual([taro.case.id]);
      expect(await found(t.worker, 'はなこ')).toEqual([hanako.case.id]);
      expect(await found(t.worker, 'hanako')).toEqual([hanako.case.id]);
      expect(await found(t.worker, '　かくう　たろう ')).toEqual([taro.case.id]);
      expect(await found(t.worker, 'かくう じろう')).toEqual([]);
      expect(await t.register.cases.count(t.worker, { personName: 'カクウ' })).toBe(2);
      // A hospital holding a referral that shares the person section still cannot search by name.
      await referToHospital(t, taro.case.id, ['summary', 'person']);
      expect(await t.register.cases.count(t.hospitalWorker)).toBe(1);
      expect(await found(t.hospitalWorker, '架空')).toEqual([]);
      await expect(t.register.cases.list(t.admin, { personName: '架空' })).rejects.toBeInstanceOf(
        ForbiddenError,
      );
      await expect(t.register.cases.list(t.worker, { personName: '  ' })).rejects.toMatchObject({
        field: 'personName',
      });
    });

    it('filters the caseload by age band and 8050 on a date, the way the core rules define them', async () => {
      const t = await setUp();
      const open = async (
        name: string,
        birth: { birthDate?: string; birthYearMonth?: string },
        household: {
          relation: 'mother' | 'father' | 'sibling';
          birthYear: number;
          livesWithPerson: boolean;
        }[],
      ) =>
        (
          await t.register.cases.open(t.worker, {
            person: { displayName: name, municipalityCode: '242012', ...birth, household },
            case: { municipalityCode: '242012', openedOn: '2023-06-01' },
          })
        ).case.id;
      const mother1948 = { relation: 'mother' as const, birthYear: 1948, livesWithPerson: true };
      // 50 on 2024-06-01 with a mother certainly 75: 8050, 50代.
      const fifty = await open('五十', { birthDate: '1974-06-01' }, [mother1948]);
      // Turns 40 the day after: 30代 and no 8050 yet on 2024-06-01.
      const almost = await open('三十九', { birthDate: '1984-06-02' }, [mother1948]);
      // Only a birth month: its last day counts as the birthday, so 40 from 2024-05-31.
      const monthOnly = await open('月のみ', { birthYearMonth: '1984-05' }, [
        { relation: 'father', birthYear: 1946, livesWithPerson: true },
      ]);
      // Old enough, but the old parent lives elsewhere and the one at home is a sibling.
      const apart = await open('別居', { birthDate: '1970-01-01' }, [
        { ...mother1948, livesWithPerson: false },
        { relation: 'sibling', birthYear: 1940, livesWithPerson: true },
      ]);
      const unknown = await open('不明', {}, [mother1948]);
      const ids = async (filter: Parameters<typeof t.register.cases.list>[1]) =>
        (await t.register.cases.list(t.worker, filter)).items.map((v) => v.record.id).sort();
      const on = '2024-06-01';
      expect(await ids({ eightZeroFiveZeroOn: on })).toEqual([fifty, monthOnly].sort());
      expect(await ids({ eightZeroFiveZeroOn: '2024-06-02' })).toEqual([fifty, almost, monthOnly].sort());
      // A mother born in 1948 is certainly 75 only from 2023-12-31.
      expect(await ids({ eightZeroFiveZeroOn: '2023-12-30' })).toEqual([]);
      expect(await ids({ ageBand: { band: '50s', on } })).toEqual([apart, fifty].sort());
      expect(await ids({ ageBand: { band: '30s', on } })).toEqual([almost]);
      expect(await ids({ ageBand: { band: '40s', on } })).toEqual([monthOnly]);
      // The day before: the month-only person is still 39, and the 50-year-old was 49.
      expect(await ids({ ageBand: { band: '40s', on: '2024-05-30' } })).toEqual([fifty]);
      expect(await ids({ ageBand: { band: 'unknown', on } })).toEqual([unknown]);
      expect(
        await t.register.cases.count(t.worker, { ageBand: { band: '50s', on }, eightZeroFiveZeroOn: on }),
      ).toBe(1);
      // A hospital holding a referral for a case does not filter it by the person's details.
      await referToHospital(t, fifty, ['summary', 'person', 'household']);
      expect(await t.register.cases.count(t.hospitalWorker)).toBe(1);
      expect(await t.register.cases.count(t.hospitalWorker, { eightZeroFiveZeroOn: on })).toBe(0);
    });

    it('assigns staff, lists "my cases", moves a rotating staff member’s caseload at once, and keeps the periods', async () => {
      const t = await setUp();
      const a = (await openFromMothersCall(t)).case.id;
      const b = (await openFromMothersCall(t)).case.id;
      const c = (await openFromMothersCall(t)).case.id;
      const supervisor: Actor = { staffId: 'sv-1', agencyId: t.centre.id, role: 'supervisor' };
      const member = (id: string, agencyId = t.centre.id) => ({ id, agencyId, active: true });
      t.setToday('2023-07-01');
      await t.register.assignments.assign(t.worker, a, member('tanaka'));
      await t.register.assignments.assign(t.worker, b, member('tanaka'));
      await t.register.assignments.assign(t.worker, b, member('sato'));
      const onC = await t.register.assignments.assign(t.worker, c, member('sato'));
      expect(onC.map((x) => [x.staffId, x.role])).toEqual([['sato', 'primary']]);
      // Each assignment is a change of the case: its version moved on.
      expect((await t.register.cases.get(t.worker, a)).record.version).toBe(2);
      const mine = async (staffId: string) =>
        (await t.register.cases.list(t.worker, { assignedStaffId: staffId })).items
          .map((v) => v.record.id)
          .sort();
      expect(await mine('tanaka')).toEqual([a, b].sort());
      expect(await t.register.cases.count(t.worker, { assignedStaffId: 'sato' })).toBe(2);
      // Another agency's staff, and another agency assigning to a case it does not take part in.
      await expect(
        t.register.assignments.assign(t.worker, a, member('x', t.hospital.id)),
      ).rejects.toMatchObject({
        issues: [{ field: 'staffId', rule: 'staff_of_own_agency' }],
      });
      await expect(
        t.register.assignments.assign(t.hospitalWorker, a, member('y', t.hospital.id)),
      ).rejects.toBeInstanceOf(ForbiddenError);

      // 異動: tanaka leaves; suzuki takes over everything in one transaction. Staff may not do it.
      t.setToday('2023-10-01');
      await expect(
        t.register.assignments.reassign(t.worker, { fromStaffId: 'tanaka', to: member('suzuki') }),
      ).rejects.toBeInstanceOf(ForbiddenError);
      const moved = await t.register.assignments.reassign(supervisor, {
        fromStaffId: 'tanaka',
        to: member('suzuki'),
      });
      expect([...moved.caseIds].sort()).toEqual([a, b].sort());
      expect(await mine('tanaka')).toEqual([]);
      expect(await mine('suzuki')).toEqual([a, b].sort());
      const periods = await t.register.assignments.ofCase(t.worker, b);
      expect(
        periods.map((p) => [p.staffId, p.role, p.startedOn, p.endedOn, p.startedVia, p.endedVia]),
      ).toEqual([
        ['tanaka', 'primary', '2023-07-01', '2023-10-01', 'assigned', 'rotation'],
        ['sato', 'secondary', '2023-07-01', null, 'assigned', null],
        ['suzuki', 'primary', '2023-10-01', null, 'rotation', null],
      ]);
      expect(periods[0]?.endedBy).toEqual(supervisor);
      // A staff member with nothing open moves nothing.
      expect(
        (await t.register.assignments.reassign(supervisor, { fromStaffId: 'tanaka', to: member('ito') }))
          .caseIds,
      ).toEqual([]);
      // Unassigning the primary promotes the remaining assignee.
      const left = await t.register.assignments.unassign(t.worker, b, 'suzuki');
      expect(left.map((x) => [x.staffId, x.role])).toEqual([['sato', 'primary']]);
      // Every change was audited as a write of the case it touched.
      const log = await t.register.audit.list(t.auditor, { caseId: b }, { first: 100 });
      expect(log.items.map((e) => e.operation)).toEqual(
        expect.arrayContaining([
          'case.assignment.assign',
          'case.assignment.rotate',
          'case.assignment.unassign',
        ]),
      );
    });

    it('batches reads for a caseload page, in order, with nulls where a section is not shared', async () => {
      const t = await setUp();
      const a = await openFromMothersCall(t);
      const b = await openFromMothersCall(t);
      await referToHospital(t, b.case.id, ['summary', 'person']);
      const ids = [a.case.id, b.case.id, 'missing'];
      const persons = await t.register.batch.persons(t.worker, ids);
      expect(persons.map((p) => p?.displayName ?? null)).toEqual(['架空 太郎', '架空 太郎', null]);
      const hospitalPersons = await t.register.batch.persons(t.hospitalWorker, ids);
      expect(hospitalPersons.map((p) => p?.id ?? null)).toEqual([null, b.person.id, null]);
      // The household is not shared with the hospital.
      expect(hospitalPersons[1]?.household).toEqual([]);
      const lastContacts = await t.register.batch.lastContacts(t.hospitalWorker, ids);
      expect(lastContacts).toEqual([null, null, null]);
      const mine = await t.register.batch.lastContacts(t.worker, ids);
      expect(mine[0]?.channel).toBe('phone');
      const open = await t.register.batch.openReferrals(t.worker, ids);
      expect(open.map((list) => list.length)).toEqual([0, 1, 0]);
      const plan = await t.register.casework.createPlan(t.worker, {
        caseId: b.case.id,
        createdOn: '2023-06-01',
        goals: [{ id: 'g1', description: '週1回の訪問で話す' }],
        reviewDueOn: '2023-09-01',
      });
      const plans = await t.register.batch.plans(t.worker, ids);
      expect(plans.map((list) => list.map((p) => p.id))).toEqual([[], [plan.id], []]);
      // Plans are not among the sections the referral shares with the hospital.
      expect(await t.register.batch.plans(t.hospitalWorker, ids)).toEqual([[], [], []]);
      expect(await t.register.batch.plans(t.worker, [])).toEqual([]);
    });

    it('reads several parts of a caseload page at once, alike to one read per part', async () => {
      const t = await setUp();
      const a = await openFromMothersCall(t);
      const b = await openFromMothersCall(t);
      await referToHospital(t, b.case.id, ['summary', 'person', 'referrals']);
      await t.register.casework.createPlan(t.worker, {
        caseId: a.case.id,
        createdOn: '2023-06-01',
        goals: [{ id: 'g1', description: '週1回の訪問で話す' }],
        reviewDueOn: '2023-09-01',
      });
      const ids = [b.case.id, 'missing', a.case.id];
      for (const actor of [t.worker, t.hospitalWorker]) {
        const all = await t.register.batch.caseload(actor, {
          person: ids,
          lastContact: ids,
          latestAssessment: ids,
          plans: ids,
          openReferrals: ids,
        });
        expect(all).toEqual({
          person: await t.register.batch.persons(actor, ids),
          lastContact: await t.register.batch.lastContacts(actor, ids),
          latestAssessment: await t.register.batch.latestAssessments(actor, ids),
          plans: await t.register.batch.plans(actor, ids),
          openReferrals: await t.register.batch.openReferrals(actor, ids),
        });
      }
      // The hospital sees the referred case's person and its referral, nothing of the other case.
      const hospital = await t.register.batch.caseload(t.hospitalWorker, {
        person: ids,
        plans: ids,
        openReferrals: ids,
      });
      expect(hospital.person.map((p) => p?.id ?? null)).toEqual([b.person.id, null, null]);
      expect(hospital.plans).toEqual([[], [], []]);
      expect(hospital.openReferrals.map((list) => list.length)).toEqual([1, 0, 0]);
      // Each part has its own cases, in their own order; a part not asked is not read.
      const mixed = await t.register.batch.caseload(t.worker, {
        person: [a.case.id],
        plans: [b.case.id, a.case.id],
      });
      expect(Object.keys(mixed).sort()).toEqual(['person', 'plans']);
      expect(mixed.person.map((p) => p?.id)).toEqual([a.person.id]);
      expect(mixed.plans.map((list) => list.length)).toEqual([0, 1]);
      expect(await t.register.batch.caseload(t.worker, { plans: [] })).toEqual({ plans: [] });
    });

    it('reads a caseload page with its parts in one call, alike to the list and one batched read', async () => {
      const t = await setUp();
      const a = await openFromMothersCall(t);
      const b = await openFromMothersCall(t);
      await openFromMothersCall(t);
      await referToHospital(t, b.case.id, ['summary', 'person', 'referrals']);
      await t.register.casework.createPlan(t.worker, {
        caseId: a.case.id,
        createdOn: '2023-06-01',
        goals: [{ id: 'g1', description: '週1回の訪問で話す' }],
        reviewDueOn: '2023-09-01',
      });
      const parts = ['person', 'lastContact', 'latestAssessment', 'plans', 'openReferrals'] as const;
      for (const actor of [t.worker, t.hospitalWorker]) {
        for (const request of [{ first: 2 }, { first: 20 }]) {
          const list = await t.register.cases.list(actor, {}, request);
          const read = await t.register.cases.caseload(actor, {}, request, parts);
          expect(read.page).toEqual(list);
          const ids = list.items.map((v) => v.record.id);
          expect(read.parts).toEqual(
            await t.register.batch.caseload(actor, Object.fromEntries(parts.map((p) => [p, ids]))),
          );
        }
      }
      // Every filter and every page of the cursor give what `list` gives.
      for (const criteria of [
        { status: 'active' },
        { stage: 'encounter', status: 'active' },
        { referralPending: true },
        { referralPending: false },
        { personReached: false },
        { reviewOverdueOn: '2023-12-01' },
        { agencyId: t.hospital.id },
        { municipalityCode: a.case.municipalityCode },
        { personName: 'テスト' },
      ] as const) {
        let after: string | null = null;
        do {
          const request: { first: number; after: string | null } = { first: 1, after };
          const listed = await t.register.cases.list(t.worker, criteria, request);
          const read = await t.register.cases.caseload(t.worker, criteria, request, ['plans']);
          expect(read.page).toEqual(listed);
          after = listed.hasNextPage ? listed.endCursor : null;
        } while (after);
      }
      // The next page follows the cursor, and a part not asked is not read.
      const first = await t.register.cases.caseload(t.worker, {}, { first: 2 }, ['person']);
      const next = await t.register.cases.caseload(t.worker, {}, { first: 2, after: first.page.endCursor }, [
        'person',
      ]);
      expect(Object.keys(next.parts)).toEqual(['person']);
      expect(next.page.items.map((v) => v.record.id)).toEqual(
        (await t.register.cases.list(t.worker, {}, { first: 2, after: first.page.endCursor })).items.map(
          (v) => v.record.id,
        ),
      );
      // The hospital sees the referred case only, with the sections the referral shares.
      const hospital = await t.register.cases.caseload(t.hospitalWorker, {}, {}, ['person', 'plans']);
      expect(hospital.page.items.map((v) => v.record.id)).toEqual([b.case.id]);
      expect(hospital.parts.person.map((p) => p?.id)).toEqual([b.person.id]);
      expect(hospital.parts.plans).toEqual([[]]);
    });

    it('audits a caseload page as one list entry per case naming the sections it read', async () => {
      const t = await setUp();
      const a = await openFromMothersCall(t);
      const b = await openFromMothersCall(t);
      const reads = async (caseId: string) =>
        (await t.register.audit.list(t.auditor, { caseId, staffId: t.worker.staffId })).items.filter(
          (e) => e.operation === 'case.list',
        );
      const before = { a: (await reads(a.case.id)).length, b: (await reads(b.case.id)).length };
      const page = await t.register.cases.caseload(t.worker, {}, {}, ['person', 'lastContact', 'plans']);
      expect(page.page.items.map((v) => v.record.id)).toEqual(expect.arrayContaining([a.case.id, b.case.id]));
      for (const [c, earlier] of [
        [a, before.a],
        [b, before.b],
      ] as const) {
        const now = await reads(c.case.id);
        expect(now).toHaveLength(earlier + 1);
        // Newest first: the page's entry, with every section its parts handed out (the worker's
        // agency leads the case, so the household comes with the person).
        expect(now[0]).toMatchObject({
          staffId: t.worker.staffId,
          agencyId: t.worker.agencyId,
          entity: 'case',
          entityId: c.case.id,
          caseId: c.case.id,
          sections: ['person', 'household', 'contacts', 'plans'],
          outcome: 'allowed',
        });
      }
      // A listing without parts names no section.
      await t.register.cases.caseload(t.worker, {}, {}, []);
      expect((await reads(a.case.id))[0]?.sections).toEqual([]);
    });

    it('audits each case read by a combined caseload read once, with the sections of its parts', async () => {
      const t = await setUp();
      const a = await openFromMothersCall(t);
      const b = await openFromMothersCall(t);
      const reads = async (caseId: string) =>
        (await t.register.audit.list(t.auditor, { caseId, staffId: t.worker.staffId })).items.filter(
          (e) => e.operation === 'caseload.read',
        );
      expect(await reads(a.case.id)).toEqual([]);
      await t.register.batch.caseload(t.worker, {
        person: [a.case.id, b.case.id],
        lastContact: [a.case.id],
        plans: [a.case.id, a.case.id],
      });
      expect((await reads(a.case.id)).map((e) => e.sections)).toEqual([
        ['person', 'household', 'contacts', 'plans'],
      ]);
      expect((await reads(b.case.id)).map((e) => e.sections)).toEqual([['person', 'household']]);
    });
  });

  describePrivacyContract(storage, makeRegister);
  describeConferenceContract(storage, makeRegister);
  describeUnregisteredContract(storage, makeRegister);
  describeSupporterContract(storage, makeRegister);
  describeIntakeContract(storage, makeRegister);
  describeCorrectionsContract(storage, makeRegister);
  describeIndicatorSettingsContract(storage, makeRegister);
  describeWorklistContract(storage, makeRegister);
  describePersonsContract(storage, makeRegister);
}
