import { readFileSync } from 'node:fs';
import { buildSchema, type GraphQLEnumType } from 'graphql';
import { describe, expect, it } from 'vitest';
import {
  overdueText,
  WORKLIST_DETAIL_HEADINGS,
  type WorklistItemRow,
  worklistDetail,
  worklistGroups,
} from './worklist-rows.ts';

const item = (kind: string, extra: Partial<WorklistItemRow> = {}): WorklistItemRow =>
  ({
    kind,
    dueOn: '2025-04-01',
    daysOverdue: 0,
    planId: null,
    plannedContact: null,
    case: null,
    referral: null,
    ...extra,
  }) as WorklistItemRow;

describe('今日の対応一覧: groups and their rows', () => {
  it('groups by kind in the core’s order, leaving out empty groups and keeping the items’ order', () => {
    const a = item('REFERRAL_WAITING', { dueOn: '2025-03-01' });
    const b = item('NEXT_CONTACT_DUE', { dueOn: '2025-03-20' });
    const c = item('NEXT_CONTACT_DUE', { dueOn: '2025-04-01' });
    const groups = worklistGroups([a, b, c]);
    expect(groups.map((g) => [g.label, g.items])).toEqual([
      ['次回支援予定日', [b, c]],
      ['紹介の回答待ち', [a]],
    ]);
  });

  it('has a last-column heading for every kind the API lists', () => {
    const schema = buildSchema(
      readFileSync(new URL('../../../gateway/schema.graphql', import.meta.url), 'utf8'),
    );
    const kinds = (schema.getType('WorklistKind') as GraphQLEnumType).getValues().map((v) => v.name);
    expect(Object.keys(WORKLIST_DETAIL_HEADINGS).sort()).toEqual([...kinds].sort());
  });

  it('words each kind’s detail: the plan, the last contact, the review, the referral', () => {
    expect(
      worklistDetail(
        item('NEXT_CONTACT_DUE', {
          plannedContact: {
            plannedOn: '2025-04-01',
            channel: 'HOME_VISIT',
            note: '午前中に訪問',
            recordedAt: '',
            agency: null,
          },
        }),
      ),
    ).toBe('訪問：午前中に訪問');
    expect(worklistDetail(item('NEXT_CONTACT_DUE'))).toBe('—');
    expect(worklistDetail(item('NO_CONTACT_FOR_LONG', { case: { lastContact: null } as never }))).toBe(
      '接触の記録なし',
    );
    expect(
      worklistDetail(
        item('NO_CONTACT_FOR_LONG', { case: { lastContact: { occurredOn: '2024-12-24' } } as never }),
      ),
    ).toBe('2024年12月24日');
    expect(worklistDetail(item('PLAN_REVIEW_DUE', { dueOn: '2025-03-31' }))).toBe('2025年3月31日');
    expect(
      worklistDetail(
        item('REFERRAL_WAITING', {
          referral: { fromAgency: { name: '架空市窓口' }, toAgency: { name: '架空センター' } } as never,
        }),
      ),
    ).toBe('架空市窓口 → 架空センター');
    expect(overdueText(0)).toBe('今日');
    expect(overdueText(12)).toBe('12日経過');
  });
});
