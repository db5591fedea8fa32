import { describe, expect, it } from 'vitest';
import { DEFAULT_CHECKLIST } from '../assessments/checklist.ts';
import type { PossibleDuplicateError } from '../persons/duplicates.ts';
import { ERASED_TEXT } from '../retention/retention.ts';
import type { Actor } from '../shared/actor.ts';
import type { OpenCaseRequest } from '../use-cases/case-use-cases.ts';
import { type ContractWorld, contractWorld, type RegisterFactory } from './contract-world.ts';

/**
 * 当事者検索, 重複の確認 at openCase, 名寄せ and assessment corrections, as one shared suite run on
 * every storage: the same keys find the same persons, only within the caller's reach, audited.
 */
export function describePersonsContract(storage: string, makeRegister: RegisterFactory): void {
  const { setUp, openFromMothersCall } = contractWorld(makeRegister);

  const yuko = (overrides: Partial<NonNullable<OpenCaseRequest['person']>> = {}): OpenCaseRequest => ({
    person: {
      displayName: '架空 優子',
      kana: 'かくう ゆうこ',
      birthDate: '1990-02-03',
      municipalityCode: '242012',
      ...overrides,
    },
    case: { municipalityCode: '242012', openedOn: '2023-06-01' },
  });

  const openAs = (t: ContractWorld, actor: Actor, request: OpenCaseRequest) =>
    t.register.cases.open(actor, request);

  async function refusal(promise: Promise<unknown>): Promise<PossibleDuplicateError> {
    const error = await promise.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'POSSIBLE_DUPLICATE', field: 'person', rule: 'possible_duplicate' });
    return error as PossibleDuplicateError;
  }

  describe(`person search (${storage})`, () => {
    it('finds persons by part of name or reading in any script, birth month and municipality, within reach', async () => {
      const t = await setUp();
      const mine = await openAs(t, t.worker, yuko());
      await openAs(
        t,
        t.worker,
        yuko({ displayName: '架空 次郎', kana: 'カクウ ジロウ', birthDate: '1985-07-01' }),
      );
      // Another agency's person of the same reading is not found by the centre.
      await openAs(t, t.stationWorker, yuko({ displayName: '別人 優子', birthDate: '1991-01-01' }));

      const search = (input: Parameters<typeof t.register.persons.search>[1], first = 20) =>
        t.register.persons.search(t.worker, input, { first });
      const found = await search({ kana: 'ユーコ' });
      expect(found.totalCount).toBe(1);
      expect(found.page.items.map((p) => p.id)).toEqual([mine.person.id]);
      expect((await search({ kana: 'ｶｸｳ' })).totalCount).toBe(2);
      expect((await search({ name: '空優' })).page.items.map((p) => p.displayName)).toEqual(['架空 優子']);
      expect((await search({ kana: 'かくう', birthYearMonth: '1985-07' })).page.items).toHaveLength(1);
      expect((await search({ kana: 'かくう', municipalityCode: '011002' })).totalCount).toBe(0);

      const firstPage = await search({ kana: 'かくう' }, 1);
      expect(firstPage.page.hasNextPage).toBe(true);
      const second = await t.register.persons.search(
        t.worker,
        { kana: 'かくう' },
        { first: 1, after: firstPage.page.endCursor },
      );
      expect([...firstPage.page.items, ...second.page.items].map((p) => p.id)).toHaveLength(2);
      expect(second.page.hasNextPage).toBe(false);

      const log = await t.register.audit.list(t.auditor, { operation: 'person.search' });
      expect(log.items.map((e) => [e.entity, e.entityId])).toContainEqual(['person', mine.person.id]);
      await expect(search({})).rejects.toMatchObject({ rule: 'criterion_required' });
      await expect(t.register.persons.search(t.outsider, { kana: 'かくう' })).resolves.toMatchObject({
        totalCount: 0,
      });
    });
  });

  describe(`duplicate check at openCase (${storage})`, () => {
    it('refuses a likely duplicate, shows only what the caller may see, and opens when told', async () => {
      const t = await setUp();
      const first = await openAs(t, t.worker, yuko());
      const error = await refusal(openAs(t, t.worker, yuko({ kana: 'ｶｸｳ ﾕｰｺ' })));
      expect(error.candidates).toEqual([
        expect.objectContaining({
          score: 95,
          rules: expect.arrayContaining(['kana_birth_date']),
          outsideReach: false,
          person: expect.objectContaining({ id: first.person.id, displayName: '架空 優子' }),
        }),
      ]);
      // The station cannot see the centre's person: told only that a record elsewhere matches.
      const hidden = await refusal(openAs(t, t.stationWorker, yuko()));
      expect(hidden.candidates).toEqual([
        { score: 95, rules: expect.arrayContaining(['kana_birth_date']), person: null, outsideReach: true },
      ]);
      expect(JSON.stringify(hidden.candidates)).not.toContain(first.person.id);
      // Nothing was written by the refusals.
      expect(await t.register.cases.count(t.stationWorker)).toBe(0);

      const confirmed = await openAs(t, t.worker, { ...yuko(), confirmNotDuplicate: true });
      expect(confirmed.person.id).not.toBe(first.person.id);
      const again = await openAs(t, t.worker, {
        personId: first.person.id,
        case: { municipalityCode: '242012', openedOn: '2023-06-01' },
      });
      expect(again.person.id).toBe(first.person.id);
      expect(again.case.personId).toBe(first.person.id);
      await expect(
        openAs(t, t.stationWorker, {
          personId: first.person.id,
          case: { municipalityCode: '242012', openedOn: '2023-06-01' },
        }),
      ).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(
        openAs(t, t.worker, { case: { municipalityCode: '242012', openedOn: '2023-06-01' } }),
      ).rejects.toMatchObject({ rule: 'person_or_person_id' });
      // A different birth date is another person.
      await expect(openAs(t, t.worker, yuko({ birthDate: '1990-02-04' }))).resolves.toBeTruthy();
      const log = await t.register.audit.list(t.auditor, { operation: 'person.duplicate.check' });
      expect(log.items.map((e) => e.entityId)).toContain(first.person.id);
    });
  });

  describe(`person merge (${storage})`, () => {
    it('moves cases and household to the kept person in one change, keeps the record, resolves the old id', async () => {
      const t = await setUp();
      const kept = await openAs(t, t.worker, yuko({ birthDate: null, birthYearMonth: '1990-02' }));
      const other = await openAs(t, t.worker, {
        ...yuko({
          displayName: '架空 ゆう子',
          household: [{ ref: 'mother', relation: 'mother', birthYear: 1960, livesWithPerson: true }],
        }),
        confirmNotDuplicate: true,
      });
      const supervisor: Actor = { ...t.worker, staffId: 'sv-1', role: 'supervisor' };
      const input = { keepPersonId: kept.person.id, mergePersonId: other.person.id, reason: '二重登録' };
      await expect(t.register.persons.merge(t.worker, input)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      // Two open cases led by the centre: the duplicate case is closed first.
      await expect(t.register.persons.merge(supervisor, input)).rejects.toMatchObject({
        rule: 'merge_overlapping_cases',
      });
      await t.register.cases.changeStatus(t.worker, other.case.id, {
        to: 'closed',
        closureReason: 'other',
        note: '重複登録',
        effectiveOn: '2023-06-01',
        expectedVersion: 1,
      });
      t.setToday('2023-06-02');
      const merged = await t.register.persons.merge(supervisor, input);
      expect(merged.kept).toMatchObject({
        id: kept.person.id,
        birthDate: '1990-02-03',
        household: [expect.objectContaining({ relation: 'mother' })],
      });
      expect(merged.merge).toMatchObject({
        keptPersonId: kept.person.id,
        mergedPersonId: other.person.id,
        reason: '二重登録',
        staffId: 'sv-1',
        former: { displayName: '架空 ゆう子', birthDate: '1990-02-03' },
        movedCaseIds: [other.case.id],
      });
      const moved = await t.register.cases.get(t.worker, other.case.id);
      expect(moved.record).toMatchObject({ personId: kept.person.id, version: 3 });
      const lookup = await t.register.persons.get(t.worker, other.person.id);
      expect(lookup).toMatchObject({ requestedId: other.person.id, person: { id: kept.person.id } });
      expect(lookup.mergedInto?.id).toBe(merged.merge.id);
      expect(await t.register.persons.merges(t.worker, kept.person.id)).toEqual([merged.merge]);
      // The disclosure export of the kept person's case tells of the merge.
      const disclosed = await t.register.disclosure.export(t.worker, kept.case.id, { audience: 'person' });
      expect(disclosed.person.merges).toEqual([
        {
          mergedOn: '2023-06-02',
          agency: t.centre.name,
          formerDisplayName: '架空 ゆう子',
          reason: '二重登録',
        },
      ]);
      // The merged record is found no more, and a second merge of it is refused.
      expect((await t.register.persons.search(t.worker, { name: 'ゆう子' })).totalCount).toBe(0);
      await expect(t.register.persons.merge(supervisor, input)).rejects.toMatchObject({
        rule: 'person_merged',
      });
      // Opening for the merged id opens for the kept person.
      const reopened = await openAs(t, t.worker, {
        personId: other.person.id,
        case: { municipalityCode: '242012', openedOn: '2023-06-02' },
      });
      expect(reopened.case.personId).toBe(kept.person.id);
      const log = await t.register.audit.list(t.auditor, { operation: 'person.merge' });
      expect(log.items.map((e) => [e.entity, e.entityId])).toEqual(
        expect.arrayContaining([
          ['person', other.person.id],
          ['person', kept.person.id],
          ['case', other.case.id],
        ]),
      );
      // Someone who cannot see both persons cannot merge them.
      const stationAdmin: Actor = { ...t.stationWorker, role: 'agencyAdmin' };
      await expect(t.register.persons.merge(stationAdmin, input)).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });
    });
  });

  describe(`assessment corrections (${storage})`, () => {
    const answers = (value: number) =>
      Object.fromEntries(DEFAULT_CHECKLIST.domains.flatMap((d) => d.items.map((i) => [i.id, value])));

    it('amends and voids with reason and version; history kept; a voided one is nobody’s latest or comparison', async () => {
      const t = await setUp();
      const { case: opened } = await openFromMothersCall(t);
      t.setToday('2023-07-10');
      const record = (assessedOn: string, value: number) =>
        t.register.casework.recordAssessment(t.worker, opened.id, {
          checklistId: DEFAULT_CHECKLIST.id,
          checklistVersion: DEFAULT_CHECKLIST.version,
          assessedOn,
          rater: { kind: 'staff', staffId: t.worker.staffId },
          answers: answers(value),
        });
      const earlier = await record('2023-07-01', 1);
      const later = await record('2023-07-08', 2);
      const amended = await t.register.casework.amendAssessment(t.worker, later.id, {
        expectedVersion: 1,
        reason: '回答の転記誤り',
        answers: answers(3),
      });
      expect(amended.assessment).toMatchObject({ version: 2, recordedAt: later.recordedAt, voided: null });
      expect(amended.assessment.scores.total).toBeGreaterThan(later.scores.total);
      expect(amended.correction).toMatchObject({
        kind: 'amended',
        sequence: 2,
        reason: '回答の転記誤り',
        previous: { scores: later.scores },
      });
      await expect(
        t.register.casework.amendAssessment(t.worker, later.id, {
          expectedVersion: 1,
          reason: '再訂正',
          assessedOn: '2023-07-07',
        }),
      ).rejects.toMatchObject({ code: 'VERSION_CONFLICT' });
      await expect(
        t.register.casework.amendAssessment(t.worker, later.id, {
          expectedVersion: 2,
          reason: '日付',
          assessedOn: '2023-05-31',
        }),
      ).rejects.toMatchObject({ rule: 'not_before_case_opened' });
      await expect(
        t.register.casework.voidAssessment(t.outsider, later.id, { expectedVersion: 2, reason: '誤登録' }),
      ).rejects.toMatchObject({ code: 'FORBIDDEN', message: 'case not found or not accessible' });
      const comparison = await t.register.casework.compareAssessments(t.worker, earlier.id, later.id);
      expect(comparison.total.after).toBe(amended.assessment.scores.total);

      const [latestBefore] = await t.register.batch.latestAssessments(t.worker, [opened.id]);
      expect(latestBefore?.id).toBe(later.id);
      await t.register.casework.voidAssessment(t.worker, later.id, {
        expectedVersion: 2,
        reason: '別ケースの評価を誤って登録',
      });
      const [latest] = await t.register.batch.latestAssessments(t.worker, [opened.id]);
      expect(latest?.id).toBe(earlier.id);
      const page = await t.register.cases.caseload(t.worker, {}, { first: 20 }, ['latestAssessment']);
      const at = page.page.items.findIndex((v) => v.record.id === opened.id);
      expect(page.parts.latestAssessment[at]?.id).toBe(earlier.id);
      await expect(
        t.register.casework.compareAssessments(t.worker, earlier.id, later.id),
      ).rejects.toMatchObject({ rule: 'assessment_voided', field: 'laterId' });
      await expect(
        t.register.casework.amendAssessment(t.worker, later.id, {
          expectedVersion: 3,
          reason: '戻す',
          answers: answers(1),
        }),
      ).rejects.toMatchObject({ rule: 'assessment_voided' });

      const listed = await t.register.casework.assessmentsOfCase(t.worker, opened.id);
      expect(listed.find((a) => a.id === later.id)).toMatchObject({
        version: 3,
        voided: { reason: '別ケースの評価を誤って登録', staffId: t.worker.staffId },
        corrections: [
          { kind: 'amended', sequence: 2 },
          { kind: 'voided', sequence: 3 },
        ],
      });
      const disclosed = await t.register.disclosure.export(t.worker, opened.id, { audience: 'family' });
      expect(disclosed.assessments.map((a) => a.voidReason)).toEqual([null, '別ケースの評価を誤って登録']);
      const log = await t.register.audit.list(t.auditor, { operation: 'assessment.void' });
      expect(log.items.map((e) => [e.entity, e.entityId])).toContainEqual(['assessment', later.id]);

      // Reasons are free text: erased with the rest of the case's text at the end of retention.
      await t.register.cases.changeStatus(t.worker, opened.id, {
        to: 'closed',
        closureReason: 'other',
        note: '転居',
        effectiveOn: '2023-07-10',
        expectedVersion: 1,
      });
      t.setToday('2029-07-10');
      await t.register.retention.run({});
      const erased = JSON.stringify(await t.register.casework.assessmentsOfCase(t.worker, opened.id));
      expect(erased).not.toMatch(/転記誤り|誤って登録/);
      expect(erased).toContain(ERASED_TEXT);
    });
  });
}
