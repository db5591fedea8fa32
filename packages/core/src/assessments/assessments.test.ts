import { describe, expect, it } from 'vitest';
import type { Actor } from '../shared/actor.ts';
import { PreconditionError, ValidationError } from '../shared/errors.ts';
import { type Assessment, type RecordAssessmentInput, recordAssessment } from './assessment.ts';
import {
  type ChecklistDefinition,
  type ChecklistDefinitionInput,
  checklistDefinitionSchema,
  checklistItems,
  DEFAULT_CHECKLIST,
  defineChecklist,
  totalRange,
} from './checklist.ts';
import { compareAssessments } from './compare.ts';
import { scoreAnswers, stageHintBandFor, stageHintFor } from './scoring.ts';

const actor: Actor = { staffId: 'staff-1', agencyId: 'desk-tsu', role: 'staff' };
const now = new Date('2024-12-01T03:00:00Z'); // 2024-12-01 in Japan

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected a throw');
}

function issuesOf(fn: () => unknown): { field: string; rule: string }[] {
  const e = thrown(fn);
  expect(e).toBeInstanceOf(ValidationError);
  return (e as ValidationError).issues.map(({ field, rule }) => ({ field, rule }));
}

const scale = { min: 0, max: 4 };
/** Two domains: mood (a, b reversed), outing (c). Totals 0..12. */
const smallInput: ChecklistDefinitionInput = {
  id: 'test-list',
  version: 1,
  name: 'Test',
  nameJa: 'テスト',
  description: 'test checklist',
  domains: [
    {
      id: 'mood',
      label: 'Mood',
      labelJa: '気分',
      items: [
        { id: 'a', text: 'A', textJa: 'A', scale },
        { id: 'b', text: 'B', textJa: 'B', scale, reverse: true },
      ],
    },
    { id: 'outing', label: 'Outing', labelJa: '外出', items: [{ id: 'c', text: 'C', textJa: 'C', scale }] },
  ],
  stageHints: [
    { minTotal: 0, maxTotal: 4, stage: 'encounter', label: 'low' },
    { minTotal: 5, maxTotal: 9, stage: 'individual', label: 'middle' },
    { minTotal: 11, maxTotal: 12, stage: 'group', label: 'high' },
  ],
};
const small = defineChecklist(smallInput);

function record(
  input: Partial<RecordAssessmentInput> = {},
  definition: ChecklistDefinition = small,
  id = 'as-1',
): Assessment {
  return recordAssessment(
    id,
    {
      checklistId: definition.id,
      checklistVersion: definition.version,
      assessedOn: '2024-11-20',
      rater: { kind: 'staff', staffId: 'staff-1' },
      answers: { a: 3, b: 1, c: 2 },
      ...input,
    },
    { definition, actor, now, caseId: 'case-1' },
  );
}

function definitionIssues(input: unknown): { field: string; rule: string }[] {
  const result = checklistDefinitionSchema.safeParse(input);
  expect(result.success).toBe(false);
  if (result.success) return [];
  return result.error.issues.map((i) => ({
    field: i.path.join('.'),
    rule: String((i as { params?: { rule?: string } }).params?.rule ?? i.code),
  }));
}

describe('checklist definitions', () => {
  it('accepts a sound definition', () => {
    expect(small.domains).toHaveLength(2);
    expect(totalRange(small)).toEqual({ min: 0, max: 12 });
  });

  it('rejects a duplicate domain id', () => {
    const input = {
      ...smallInput,
      domains: [smallInput.domains[0], { ...smallInput.domains[1], id: 'mood' }],
    };
    expect(definitionIssues(input)).toContainEqual({ field: 'domains.1.id', rule: 'domain_id_unique' });
  });

  it('rejects an item id used in two domains', () => {
    const input = {
      ...smallInput,
      domains: [
        smallInput.domains[0],
        { id: 'outing', label: 'O', labelJa: 'O', items: [{ id: 'a', text: 'A', textJa: 'A', scale }] },
      ],
    };
    expect(definitionIssues(input)).toContainEqual({ field: 'domains.1.items.0.id', rule: 'item_id_unique' });
  });

  it('rejects a scale whose min is not below max, and labels outside the scale', () => {
    const bad = {
      ...smallInput,
      stageHints: undefined,
      domains: [
        {
          id: 'mood',
          label: 'M',
          labelJa: 'M',
          items: [
            { id: 'a', text: 'A', textJa: 'A', scale: { min: 2, max: 2 } },
            {
              id: 'b',
              text: 'B',
              textJa: 'B',
              scale: { min: 0, max: 3, labels: [{ value: 4, label: 'x', labelJa: 'x' }] },
            },
          ],
        },
      ],
    };
    const issues = definitionIssues(bad);
    expect(issues).toContainEqual({ field: 'domains.0.items.0.scale.max', rule: 'scale_min_below_max' });
    expect(issues).toContainEqual({
      field: 'domains.0.items.1.scale.labels.0.value',
      rule: 'label_in_scale',
    });
  });

  it('rejects overlapping hint bands, touching at one total included', () => {
    const input = {
      ...smallInput,
      stageHints: [
        { minTotal: 0, maxTotal: 5, stage: 'encounter', label: 'low' },
        { minTotal: 5, maxTotal: 9, stage: 'individual', label: 'middle' },
      ],
    };
    expect(definitionIssues(input)).toEqual([{ field: 'stageHints.1', rule: 'hint_bands_disjoint' }]);
  });

  it('rejects a band outside the possible totals and a band with min above max', () => {
    const outside = {
      ...smallInput,
      stageHints: [{ minTotal: 10, maxTotal: 13, stage: 'group', label: 'x' }],
    };
    expect(definitionIssues(outside)).toEqual([{ field: 'stageHints.0', rule: 'hint_within_total_range' }]);
    const inverted = {
      ...smallInput,
      stageHints: [{ minTotal: 6, maxTotal: 5, stage: 'group', label: 'x' }],
    };
    expect(definitionIssues(inverted)).toContainEqual({
      field: 'stageHints.0.maxTotal',
      rule: 'hint_min_not_above_max',
    });
  });

  it('defineChecklist throws a ValidationError naming the field', () => {
    const e = thrown(() => defineChecklist({ ...smallInput, version: 0 }));
    expect(e).toBeInstanceOf(ValidationError);
    expect((e as ValidationError).field).toBe('version');
  });
});

describe('DEFAULT_CHECKLIST', () => {
  it('is valid, versioned and covers the seven domains with 3–4 items each', () => {
    expect(checklistDefinitionSchema.safeParse(DEFAULT_CHECKLIST).success).toBe(true);
    expect(DEFAULT_CHECKLIST.id).toBe('hikikomori-register-default');
    expect(DEFAULT_CHECKLIST.version).toBe(1);
    expect(DEFAULT_CHECKLIST.domains.map((d) => d.id)).toEqual([
      'dailyRhythm',
      'selfCare',
      'familyRelations',
      'goingOut',
      'contactWithOthers',
      'socialParticipation',
      'health',
    ]);
    for (const domain of DEFAULT_CHECKLIST.domains) {
      expect(domain.items.length).toBeGreaterThanOrEqual(3);
      expect(domain.items.length).toBeLessThanOrEqual(4);
      for (const item of domain.items) expect(item.textJa).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    }
  });

  it('says it is not the Mie checklist and not a diagnosis', () => {
    expect(DEFAULT_CHECKLIST.description).toContain('NOT the Mie prefecture checklist');
    expect(DEFAULT_CHECKLIST.description).toContain('三重県ひきこもり支援のチェックリスト');
    expect(DEFAULT_CHECKLIST.description).toContain('not a diagnosis');
  });

  it('hint bands cover every possible total, lowest to encounter and highest to social participation', () => {
    const { min, max } = totalRange(DEFAULT_CHECKLIST);
    expect([min, max]).toEqual([0, 72]);
    for (let t = min; t <= max; t++) expect(stageHintFor(DEFAULT_CHECKLIST, t)).not.toBeNull();
    expect(stageHintFor(DEFAULT_CHECKLIST, 0)).toBe('encounter');
    expect(stageHintFor(DEFAULT_CHECKLIST, 72)).toBe('socialParticipation');
  });

  it('records a full assessment with every item at the most adaptive answer as the maximum total', () => {
    const best: Record<string, number> = {};
    for (const { item } of checklistItems(DEFAULT_CHECKLIST))
      best[item.id] = item.reverse ? item.scale.min : item.scale.max;
    const a = record({ answers: best }, DEFAULT_CHECKLIST);
    expect(a.scores.total).toBe(72);
    expect(a.scores.byDomain.familyRelations).toBe(12);
    expect(a.stageHint).toBe('socialParticipation');
  });
});

describe('scoring', () => {
  it('reverse items count max + min - value', () => {
    expect(scoreAnswers(small, { a: 3, b: 1, c: 2 })).toEqual({ total: 8, byDomain: { mood: 6, outing: 2 } });
    expect(scoreAnswers(small, { a: 0, b: 4, c: 0 })).toEqual({ total: 0, byDomain: { mood: 0, outing: 0 } });
    expect(scoreAnswers(small, { a: 4, b: 0, c: 4 }).total).toBe(12);
  });

  it('reverse scoring respects a scale not starting at 0', () => {
    const def = defineChecklist({
      ...smallInput,
      stageHints: undefined,
      domains: [
        {
          id: 'd',
          label: 'D',
          labelJa: 'D',
          items: [{ id: 'r', text: 'R', textJa: 'R', scale: { min: 1, max: 5 }, reverse: true }],
        },
      ],
    });
    expect(scoreAnswers(def, { r: 1 }).total).toBe(5);
    expect(scoreAnswers(def, { r: 4 }).total).toBe(2);
  });

  it('stage hints follow the bands inclusively and leave gaps without a hint', () => {
    expect(stageHintFor(small, 0)).toBe('encounter');
    expect(stageHintFor(small, 4)).toBe('encounter');
    expect(stageHintFor(small, 5)).toBe('individual');
    expect(stageHintFor(small, 9)).toBe('individual');
    expect(stageHintFor(small, 10)).toBeNull();
    expect(stageHintFor(small, 11)).toBe('group');
    expect(stageHintBandFor(small, 12)?.label).toBe('high');
  });

  it('a checklist without hints gives no hint', () => {
    const def = defineChecklist({ ...smallInput, stageHints: undefined });
    expect(stageHintFor(def, 5)).toBeNull();
    expect(record({}, def).stageHint).toBeNull();
  });
});

describe('recordAssessment', () => {
  it('builds the record with scores, stage hint and who recorded it', () => {
    const a = record({ rater: { kind: 'familyMember', householdMemberId: 'hm-mother' } });
    expect(a).toMatchObject({
      id: 'as-1',
      caseId: 'case-1',
      checklistId: 'test-list',
      checklistVersion: 1,
      assessedOn: '2024-11-20',
      rater: { kind: 'familyMember', householdMemberId: 'hm-mother' },
      answers: { a: 3, b: 1, c: 2 },
      scores: { total: 8, byDomain: { mood: 6, outing: 2 } },
      stageHint: 'individual',
      agencyId: 'desk-tsu',
      staffId: 'staff-1',
      recordedAt: now,
    });
  });

  it('rejects answers for another version of the checklist', () => {
    const e = thrown(() => record({ checklistVersion: 2 }));
    expect(e).toBeInstanceOf(ValidationError);
    expect((e as ValidationError).field).toBe('checklistVersion');
    expect((e as ValidationError).rule).toBe('checklist_version_matches');
  });

  it('rejects answers for another checklist', () => {
    const e = thrown(() => record({ checklistId: 'other' }));
    expect((e as ValidationError).field).toBe('checklistId');
    expect((e as ValidationError).rule).toBe('checklist_matches');
  });

  it('requires every item to be answered', () => {
    expect(issuesOf(() => record({ answers: { a: 1 } }))).toEqual([
      { field: 'answers.b', rule: 'answer_required' },
      { field: 'answers.c', rule: 'answer_required' },
    ]);
  });

  it('requires whole numbers within the item scale', () => {
    expect(issuesOf(() => record({ answers: { a: 5, b: -1, c: 1.5 } }))).toEqual([
      { field: 'answers.a', rule: 'answer_in_scale' },
      { field: 'answers.b', rule: 'answer_in_scale' },
      { field: 'answers.c', rule: 'answer_in_scale' },
    ]);
    // Both ends of the scale are allowed.
    expect(record({ answers: { a: 0, b: 4, c: 4 } }).scores.total).toBe(4);
  });

  it('rejects answers to items the version does not have, including prototype names', () => {
    expect(issuesOf(() => record({ answers: { a: 1, b: 1, c: 1, zz: 2 } }))).toEqual([
      { field: 'answers.zz', rule: 'answer_unknown_item' },
    ]);
    const answers = JSON.parse('{"a":1,"b":1,"c":1,"toString":1}') as Record<string, number>;
    expect(issuesOf(() => record({ answers }))).toEqual([
      { field: 'answers.toString', rule: 'answer_unknown_item' },
    ]);
  });

  it('rejects a non-number answer by schema and a future assessment date', () => {
    expect(issuesOf(() => record({ answers: { a: '1' as unknown as number, b: 1, c: 1 } }))[0]?.field).toBe(
      'answers.a',
    );
    expect(issuesOf(() => record({ assessedOn: '2024-12-02' }))).toEqual([
      { field: 'assessedOn', rule: 'not_in_future' },
    ]);
    expect(record({ assessedOn: '2024-12-01' }).assessedOn).toBe('2024-12-01');
  });

  it('rejects a staff rater without a staff id', () => {
    expect(issuesOf(() => record({ rater: { kind: 'staff' } as never }))[0]?.field).toBe('rater.staffId');
  });
});

describe('compareAssessments', () => {
  it('gives per-domain and total change, later minus earlier', () => {
    const before = record({ assessedOn: '2024-06-01', answers: { a: 1, b: 3, c: 0 } }, small, 'as-1');
    const after = record({ assessedOn: '2024-11-01', answers: { a: 3, b: 1, c: 0 } }, small, 'as-2');
    const cmp = compareAssessments(before, after, small);
    expect(cmp.domains).toEqual([
      { domainId: 'mood', labelJa: '気分', before: 2, after: 6, delta: 4 },
      { domainId: 'outing', labelJa: '外出', before: 0, after: 0, delta: 0 },
    ]);
    expect(cmp.total).toEqual({ before: 2, after: 6, delta: 4 });
    expect(cmp.sameVersion).toBe(true);
    expect(cmp.skippedDomains).toEqual([]);
    expect(cmp.raterChanged).toBe(false);
    expect(cmp.earlier).toEqual({ assessmentId: 'as-1', assessedOn: '2024-06-01', version: 1 });
  });

  it('flags a change of rater', () => {
    const before = record({
      assessedOn: '2024-06-01',
      rater: { kind: 'familyMember', householdMemberId: 'm' },
    });
    const after = record({ assessedOn: '2024-11-01' });
    expect(compareAssessments(before, after, small).raterChanged).toBe(true);
  });

  it('refuses assessments of different checklists', () => {
    const other = defineChecklist({ ...smallInput, id: 'other-list' });
    const a = record({}, small);
    const b = record({}, other);
    const e = thrown(() => compareAssessments(a, b, small));
    expect(e).toBeInstanceOf(PreconditionError);
    expect((e as PreconditionError).rule).toBe('same_checklist');
    // The definition must be of the same checklist too.
    expect((thrown(() => compareAssessments(a, a, other)) as PreconditionError).rule).toBe('same_checklist');
  });

  it('refuses when the earlier one is dated after the later one', () => {
    const a = record({ assessedOn: '2024-11-01' });
    const b = record({ assessedOn: '2024-06-01' });
    expect((thrown(() => compareAssessments(a, b, small)) as PreconditionError).rule).toBe('earlier_first');
    // Same day (two raters) is fine.
    expect(compareAssessments(a, a, small).total.delta).toBe(0);
  });

  it('across versions compares only domains present in both and lists the skipped ones', () => {
    const v2 = defineChecklist({
      ...smallInput,
      version: 2,
      stageHints: undefined,
      domains: [
        smallInput.domains[0],
        {
          id: 'health',
          label: 'Health',
          labelJa: '健康',
          items: [{ id: 'h', text: 'H', textJa: 'H', scale }],
        },
      ],
    });
    const before = record({ assessedOn: '2024-06-01', answers: { a: 1, b: 3, c: 4 } }, small, 'as-1');
    const after = record({ assessedOn: '2024-11-01', answers: { a: 2, b: 2, h: 3 } }, v2, 'as-2');
    const cmp = compareAssessments(before, after, v2);
    expect(cmp.sameVersion).toBe(false);
    expect(cmp.domains).toEqual([{ domainId: 'mood', labelJa: '気分', before: 2, after: 4, delta: 2 }]);
    expect(cmp.skippedDomains).toEqual([
      { domainId: 'health', presentIn: 'later' },
      { domainId: 'outing', presentIn: 'earlier' },
    ]);
    // The total covers the compared domains only, not the recorded totals (6 and 7).
    expect(cmp.total).toEqual({ before: 2, after: 4, delta: 2 });
    expect(cmp.later.version).toBe(2);
  });
});
