import type { WorklistQuery } from '../api/generated/graphql.ts';
import { formatDate } from '../app/dates.ts';
import { channelLabel, WORKLIST_KIND_OPTIONS } from '../i18n/labels.ts';

export type WorklistItemRow = WorklistQuery['worklist']['items'][number];

export interface WorklistGroup {
  readonly kind: string;
  readonly label: string;
  readonly items: readonly WorklistItemRow[];
}

/** The items grouped by why they are listed, in the core's order of kinds; empty groups left out. */
export function worklistGroups(items: readonly WorklistItemRow[]): WorklistGroup[] {
  return WORKLIST_KIND_OPTIONS.map(({ value, label }) => ({
    kind: value,
    label,
    items: items.filter((i) => i.kind === value),
  })).filter((g) => g.items.length > 0);
}

/** What each group's last column shows. */
export const WORKLIST_DETAIL_HEADINGS: Readonly<Record<string, string>> = {
  NEXT_CONTACT_DUE: '予定の内容',
  NO_CONTACT_FOR_LONG: '最後の接触',
  PAUSE_REVIEW_DUE: '見直し予定日',
  PLAN_REVIEW_DUE: '評価予定日',
  REFERRAL_WAITING: '紹介元 → 紹介先',
};

/** The last column of an item: the plan, the last contact, the review date or the referral's way. */
export function worklistDetail(item: WorklistItemRow): string {
  switch (item.kind) {
    case 'NEXT_CONTACT_DUE': {
      const plan = item.plannedContact;
      return [channelLabel(plan?.channel), plan?.note].filter(Boolean).join('：') || '—';
    }
    case 'NO_CONTACT_FOR_LONG':
      return item.case?.lastContact ? formatDate(item.case.lastContact.occurredOn) : '接触の記録なし';
    case 'PAUSE_REVIEW_DUE':
      return formatDate(item.case?.status.reviewOn ?? item.dueOn);
    case 'PLAN_REVIEW_DUE':
      return formatDate(item.dueOn);
    default:
      return item.referral
        ? `${item.referral.fromAgency?.name ?? ''} → ${item.referral.toAgency?.name ?? ''}`
        : '—';
  }
}

/** 0 days: 今日; later: how many days it has waited. */
export function overdueText(daysOverdue: number): string {
  return daysOverdue === 0 ? '今日' : `${daysOverdue}日経過`;
}
