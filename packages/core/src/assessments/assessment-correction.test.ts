import { describe, expect, it } from 'vitest';
import type { Actor } from '../shared/actor.ts';
import { PreconditionError, ValidationError, VersionConflictError } from '../shared/errors.ts';
import { recordAssessment } from './assessment.ts';
import { amendAssessment, voidAssessment } from './assessment-correction.ts';
import { defineChecklist } from './checklist.ts';
import { compareAssessments } from './compare.ts';

const scale = { min: 0, max: 4 };
const definition = defineChecklist({
  id: 'test-list',
  version: 1,
  name: 'Test',
  nameJa: 'テスト',
  description: 'test checklist',
  domains: [
    { id: 'mood', label: 'Mood', labelJa: '気分', items: [{ id: 'a', text: 'A', textJa: 'A', scale }] },
    { id: 'outing', label: 'Outing', labelJa: '外出', items: [{ id: 'c', text: 'C', textJa: 'C', scale }] },
  ],
});
const writer: Actor = { staffId: 'w1', agencyId: 'desk', role: 'staff' };
const corrector: Actor = { staffId: 'w2', agencyId: 'desk', role: 'staff' };
const recordedAt = new Date('2024-06-28T05:00:00Z');
const now = new Date('2024-07-01T01:00:00Z');
const ctx = { actor: corrector, now, definition, correctionId: 'k1' };
const first = recordAssessment(
  'as-1',
  {
    checklistId: 'test-list',
    checklistVersion: 1,
    assessedOn: '2024-06-28',
    rater: { kind: 'person' },
    answers: { a: 1, c: 2 },
  },
  { definition, actor: writer, now: recordedAt, caseId: 'case-1' },
);

describe('amendAssessment (訂正)', () => {
  it('rescores the next version with the same checklist and keeps the earlier one in the correction', () => {
    const { assessment, correction } = amendAssessment(
      first,
      { expectedVersion: 1, reason: ' 回答の転記誤り ', answers: { a: 3, c: 2 } },
      ctx,
    );
    expect(assessment).toMatchObject({
      id: 'as-1',
      version: 2,
      answers: { a: 3, c: 2 },
      scores: { total: 5, byDomain: { mood: 3, outing: 2 } },
      staffId: 'w1',
      recordedAt,
      voided: null,
    });
    expect(correction).toEqual({
      id: 'k1',
      assessmentId: 'as-1',
      caseId: 'case-1',
      sequence: 2,
      kind: 'amended',
      reason: '回答の転記誤り',
      previous: {
        assessedOn: '2024-06-28',
        rater: { kind: 'person' },
        answers: { a: 1, c: 2 },
        scores: { total: 3, byDomain: { mood: 1, outing: 2 } },
        stageHint: null,
      },
      staffId: 'w2',
      agencyId: 'desk',
      correctedAt: now,
    });
  });

  it('applies the rules of a new assessment, and refuses no change, no reason or a stale version', () => {
    expect(() =>
      amendAssessment(first, { expectedVersion: 1, reason: '範囲', answers: { a: 9, c: 2 } }, ctx),
    ).toThrow(expect.objectContaining({ field: 'answers.a', rule: 'answer_in_scale' }));
    expect(() =>
      amendAssessment(first, { expectedVersion: 1, reason: '日付', assessedOn: '2024-07-02' }, ctx),
    ).toThrow(expect.objectContaining({ field: 'assessedOn', rule: 'not_in_future' }));
    expect(() =>
      amendAssessment(first, { expectedVersion: 1, reason: '同じ', answers: { c: 2, a: 1 } }, ctx),
    ).toThrow(expect.objectContaining({ rule: 'no_change' }));
    expect(() =>
      amendAssessment(first, { expectedVersion: 1, reason: ' ', assessedOn: '2024-06-27' }, ctx),
    ).toThrow(ValidationError);
    expect(() =>
      amendAssessment(first, { expectedVersion: 2, reason: '古い', assessedOn: '2024-06-27' }, ctx),
    ).toThrow(VersionConflictError);
  });
});

describe('voidAssessment (取消)', () => {
  it('keeps the assessment with the reason; it then cannot change and is compared with nothing', () => {
    const { assessment: voided, correction } = voidAssessment(
      first,
      { expectedVersion: 1, reason: '別ケースに誤登録' },
      ctx,
    );
    expect(voided).toMatchObject({
      version: 2,
      answers: first.answers,
      voided: { reason: '別ケースに誤登録', staffId: 'w2', agencyId: 'desk', at: now },
    });
    expect(correction).toMatchObject({ kind: 'voided', sequence: 2, previous: { answers: { a: 1, c: 2 } } });
    expect(() => voidAssessment(voided, { expectedVersion: 2, reason: '再度' }, ctx)).toThrow(
      PreconditionError,
    );
    expect(() =>
      amendAssessment(voided, { expectedVersion: 2, reason: '戻す', answers: { a: 0, c: 0 } }, ctx),
    ).toThrow(expect.objectContaining({ rule: 'assessment_voided' }));
    const later = { ...first, id: 'as-2', assessedOn: '2024-06-30' };
    expect(() => compareAssessments(voided, later, definition)).toThrow(
      expect.objectContaining({ rule: 'assessment_voided', field: 'earlierId' }),
    );
    expect(compareAssessments(first, later, definition).total.delta).toBe(0);
  });
});
