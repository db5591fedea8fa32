import { AGENCY_SECTOR_NAMES_JA } from '../agencies/agency-kind.ts';
import {
  CASE_STATE_LABELS_JA,
  CLOSURE_REASON_LABELS_JA,
  PAUSE_REASON_LABELS_JA,
  REOPEN_REASON_LABELS_JA,
  STATUS_MOVE_LABELS_JA,
} from '../case-status/case-status.ts';
import { CASE_AGENCY_VIA_LABELS_JA } from '../cases/case-agencies.ts';
import {
  CONTACT_CHANNEL_LABELS_JA,
  CONTACT_CONTENT_LABELS_JA,
  PERSON_CONTACT_LABELS_JA,
} from '../contacts/contact-vocabulary.ts';
import { REFERRAL_OUTCOME_LABELS_JA } from '../indicators/indicator-rows.ts';
import { HOUSEHOLD_RELATION_LABELS_JA } from '../persons/household.ts';
import { SEX_LABELS_JA } from '../persons/person.ts';
import { GOAL_STATUS_LABELS_JA, REVIEW_OUTCOME_LABELS_JA } from '../plans/support-plan.ts';
import { REFERRAL_KIND_LABELS_JA, REFERRAL_STATUS_LABELS_JA } from '../referrals/referral-status.ts';
import { csvDocument } from '../shared/csv.ts';
import {
  FAMILY_REGRESSION_REASON_LABELS_JA,
  FAMILY_STAGE_LABELS_JA,
  REGRESSION_REASON_LABELS_JA,
  STAGE_DIRECTION_LABELS_JA,
  SUPPORT_STAGE_LABELS_JA,
} from '../stages/support-stage.ts';
import type { DisclosedBasis, DisclosedNote, DisclosureRecord } from './disclosure-record.ts';

/** Shown in place of a note that stays behind its wall for this audience. */
export const WITHHELD_MARK = '（不開示）';

const RATER_JA = { staff: '支援者', familyMember: '家族', person: '本人' } as const;
const MODE_JA = { inPerson: '対面', online: 'オンライン' } as const;
const PLACEMENT_JA = { short: '短期', regular: '通常' } as const;
const AUDIENCE_JA = { person: '本人', family: '家族' } as const;
const MOVE_REASON_JA = { initial: '開始', progress: '段階の前進' } as const;
const STAGE_REASON_JA: Readonly<Record<'person' | 'family', Readonly<Record<string, string>>>> = {
  person: { ...MOVE_REASON_JA, ...REGRESSION_REASON_LABELS_JA },
  family: { ...MOVE_REASON_JA, ...FAMILY_REGRESSION_REASON_LABELS_JA },
};
const STATUS_REASON_JA: Readonly<Record<string, string>> = {
  ...PAUSE_REASON_LABELS_JA,
  ...CLOSURE_REASON_LABELS_JA,
  ...REOPEN_REASON_LABELS_JA,
};

type Cell = string | number | null;

const noteCell = (n: DisclosedNote | null): Cell => (n === null ? '' : n.withheld ? WITHHELD_MARK : n.text);

function basisText(b: DisclosedBasis | null): string {
  if (b === null) return '';
  if (b.kind === 'consent') return `同意（${b.givenBy ?? '—'}、${b.givenOn ?? '—'}）`;
  return `支援会議（${b.meeting ?? '—'}）`;
}

const stageLabel = (track: 'person' | 'family', stage: string | null): string =>
  stage === null
    ? '—'
    : track === 'person'
      ? (SUPPORT_STAGE_LABELS_JA[stage as keyof typeof SUPPORT_STAGE_LABELS_JA] ?? stage)
      : (FAMILY_STAGE_LABELS_JA[stage as keyof typeof FAMILY_STAGE_LABELS_JA] ?? stage);

/**
 * The record as one CSV for Excel (UTF-8 with BOM, CRLF, formula-safe cells): a title line, a header,
 * then one row per fact, section by section, in Japanese. Columns: 区分, 日付, 項目, 内容, 機関, 記録.
 */
export function disclosureCsv(record: DisclosureRecord): string {
  const rows: Cell[][] = [
    [
      '個人情報の開示（ひきこもり支援 台帳）',
      `開示先: ${AUDIENCE_JA[record.audience]}`,
      `作成日: ${record.preparedOn}`,
      `作成機関: ${record.preparedBy.agency}`,
    ],
    ['区分', '日付', '項目', '内容', '機関', '記録'],
  ];
  const add = (...cells: Cell[]) => rows.push(cells);
  const p = record.person;
  add('本人情報', '', '氏名', p.displayName);
  add('本人情報', '', 'ふりがな', p.kana);
  add('本人情報', '', '生年月日', p.birthDate ?? p.birthYearMonth);
  add('本人情報', '', '性別', SEX_LABELS_JA[p.sex]);
  add('本人情報', '', '市町村コード', p.municipalityCode);
  for (const m of p.household)
    add(
      '世帯',
      '',
      HOUSEHOLD_RELATION_LABELS_JA[m.relation],
      [m.displayName, m.birthYear ? `${m.birthYear}年生` : null, m.livesWithPerson ? '同居' : '別居']
        .filter(Boolean)
        .join(' '),
    );
  for (const m of p.merges)
    add('名寄せ', m.mergedOn, '統合した記録', `${m.formerDisplayName}（${m.reason}）`, m.agency);
  const c = record.case;
  add('ケース', c.openedOn, '受付日', c.id);
  add('ケース', '', '支援段階', SUPPORT_STAGE_LABELS_JA[c.stage]);
  add('ケース', '', '家族支援の段階', c.familyStage ? FAMILY_STAGE_LABELS_JA[c.familyStage] : '—');
  add('ケース', c.status.since, '状態', CASE_STATE_LABELS_JA[c.status.state]);
  add('ケース', '', '主担当機関', c.leadAgency);
  for (const name of c.supportingAgencies) add('ケース', '', '協力機関', name);
  for (const a of record.agencies)
    add(
      '関係機関',
      a.joinedOn,
      a.role === 'lead' ? '主担当' : '協力',
      [
        CASE_AGENCY_VIA_LABELS_JA[a.joinedVia],
        a.legalBasis ? `根拠: ${basisText(a.legalBasis)}` : null,
        a.leftOn ? `${a.leftOn} まで（${a.leftVia ? CASE_AGENCY_VIA_LABELS_JA[a.leftVia] : ''}）` : null,
      ]
        .filter(Boolean)
        .join(' / '),
      a.agency,
    );
  for (const s of record.stages)
    add(
      s.track === 'person' ? '支援段階' : '家族支援の段階',
      s.effectiveOn,
      STAGE_DIRECTION_LABELS_JA[s.direction],
      `${stageLabel(s.track, s.from)} → ${stageLabel(s.track, s.to)}（${
        STAGE_REASON_JA[s.track][s.reason] ?? s.reason
      }）`,
      '',
      noteCell(s.note),
    );
  for (const s of record.statuses)
    add(
      '状態',
      s.effectiveOn,
      STATUS_MOVE_LABELS_JA[s.move],
      [
        s.reason ? (STATUS_REASON_JA[s.reason] ?? s.reason) : null,
        s.reviewOn ? `見直し予定 ${s.reviewOn}` : null,
      ]
        .filter(Boolean)
        .join(' / '),
      '',
      noteCell(s.note),
    );
  for (const k of record.contacts)
    add(
      '相談・支援記録',
      k.occurredOn,
      CONTACT_CHANNEL_LABELS_JA[k.channel],
      [
        `相談者: ${k.consultingParty}`,
        `本人: ${PERSON_CONTACT_LABELS_JA[k.personContact]}`,
        `内容: ${k.contents.map((x) => CONTACT_CONTENT_LABELS_JA[x]).join('、')}`,
        k.durationMinutes ? `${k.durationMinutes}分` : null,
      ]
        .filter(Boolean)
        .join(' / '),
      k.agency,
      noteCell(k.note),
    );
  for (const a of record.assessments)
    add(
      'アセスメント',
      a.assessedOn,
      `${a.checklist}（第${a.checklistVersion}版）`,
      `${a.voidReason === null ? '' : `取消（${a.voidReason}）/ `}評価者: ${RATER_JA[a.rater]} / 合計 ${a.total} / ${Object.entries(
        a.byDomain,
      )
        .map(([d, v]) => `${d} ${v}`)
        .join('、')}`,
      a.agency,
    );
  for (const plan of record.plans) {
    for (const g of plan.goals)
      add(
        '支援計画',
        plan.createdOn,
        '目標',
        [g.description, GOAL_STATUS_LABELS_JA[g.status], g.targetDate ? `目標日 ${g.targetDate}` : null]
          .filter(Boolean)
          .join(' / '),
        plan.agency,
      );
    for (const r of plan.reviews)
      add(
        '支援計画の評価',
        r.reviewedOn,
        REVIEW_OUTCOME_LABELS_JA[r.outcome],
        r.nextReviewDueOn ? `次回見直し ${r.nextReviewDueOn}` : '',
        plan.agency,
        r.note,
      );
  }
  for (const r of record.referrals)
    add(
      'つなぎ・紹介',
      r.sentOn,
      REFERRAL_KIND_LABELS_JA[r.kind],
      [
        `${r.from} → ${r.to}`,
        `理由: ${r.reason}`,
        `依頼: ${r.requestedService}`,
        `根拠: ${basisText(r.legalBasis)}`,
        `状態: ${REFERRAL_STATUS_LABELS_JA[r.status]}`,
        r.outcome ? `結果: ${REFERRAL_OUTCOME_LABELS_JA[r.outcome]}` : null,
      ]
        .filter(Boolean)
        .join(' / '),
      r.to,
      [r.declineReason, r.outcomeReason].filter(Boolean).join(' / '),
    );
  for (const k of record.consents)
    add(
      '情報共有の同意',
      k.givenOn,
      k.givenBy,
      [
        k.agencies.length ? `機関: ${k.agencies.join('、')}` : null,
        k.sectors.length
          ? `分野: ${k.sectors.map((s) => AGENCY_SECTOR_NAMES_JA[s as keyof typeof AGENCY_SECTOR_NAMES_JA] ?? s).join('、')}`
          : null,
        k.withdrawnOn ? `${k.withdrawnOn} 撤回` : null,
      ]
        .filter(Boolean)
        .join(' / '),
      '',
      k.note,
    );
  for (const a of record.attendance) add('居場所等への参加', a.attendedOn, a.attendee, MODE_JA[a.mode]);
  for (const p2 of record.placements)
    add(
      '職場体験',
      p2.startsOn,
      p2.host,
      `${p2.startsOn}〜${p2.endsOn}（${PLACEMENT_JA[p2.kind]}）実施 ${p2.daysWorked}日`,
    );
  if (record.withheldNotes > 0)
    add(
      '一部不開示',
      '',
      '',
      `${record.withheldNotes}件の記録は、開示の対象外として「${WITHHELD_MARK}」と表示しています`,
    );
  return csvDocument(rows);
}
