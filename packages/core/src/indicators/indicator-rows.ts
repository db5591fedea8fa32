import { AGENCY_SECTOR_NAMES_JA } from '../agencies/agency-kind.ts';
import { CLOSURE_REASON_LABELS_JA } from '../case-status/case-status.ts';
import { CONSULTING_PARTY_CATEGORY_LABELS_JA } from '../contacts/consulting-party.ts';
import { CONTACT_CHANNEL_LABELS_JA, CONTACT_CONTENT_LABELS_JA } from '../contacts/contact-vocabulary.ts';
import { AGE_BAND_LABELS_JA, AGE_BAND_ORDER } from '../persons/age-band.ts';
import { SEX_LABELS_JA } from '../persons/person.ts';
import { PLACE_KIND_LABELS_JA } from '../programmes/place.ts';
import {
  FAMILY_STAGE_LABELS_JA,
  SUPPORT_STAGE_LABELS_JA,
  type SupportStage,
} from '../stages/support-stage.ts';
import {
  CLOSURE_REASON_KEYS,
  CONTENT_KEYS,
  FAMILY_STAGE_KEYS,
  type FamilyStageKey,
  PLACE_KIND_KEYS,
  SEX_KEYS,
} from './indicator-breakdowns.ts';
import {
  CHANNEL_KEYS,
  CONSULTING_PARTY_KEYS,
  type IndicatorReport,
  REFERRAL_OUTCOME_KEYS,
  REFERRAL_SECTOR_KEYS,
  type ReferralOutcomeKey,
  type ReferralSectorKey,
  STAGE_KEYS,
  type StageKey,
  stageMoveKey,
} from './indicators.ts';
import { type Cell, cellValue, isSuppressed } from './suppression.ts';

export const INDICATOR_SECTIONS = [
  'consultations',
  'contacts',
  'contactsByChannel',
  'contactsByConsultingParty',
  'contactsByAgeBand',
  'reach',
  'connections',
  'referrals',
  'referralsBySector',
  'referralsByOutcome',
  'stagesAtEnd',
  'stageMoves',
  'anonymousConsultations',
  'anonymousByChannel',
  'anonymousByConsultingParty',
  'anonymousByAgeBand',
  'groupAttendance',
  'conferences',
  'peopleBySexAge',
  'contactsByContent',
  'familyStagesAtEnd',
  'closures',
  'attendanceByPlaceKind',
  'conferencesByMunicipality',
  'supporters',
] as const;
export type IndicatorSection = (typeof INDICATOR_SECTIONS)[number];

export const INDICATOR_SECTION_LABELS_JA: Readonly<Record<IndicatorSection, string>> = {
  consultations: '相談件数（実件数）',
  contacts: '相談・支援件数',
  contactsByChannel: '方法別件数（延べ）',
  contactsByConsultingParty: '相談者別件数（延べ）',
  contactsByAgeBand: '本人の年代別件数（延べ）',
  reach: '本人との接触（実人数）',
  connections: '支援につながった件数（実件数）',
  referrals: '紹介・つなぎ件数',
  referralsBySector: '紹介先分野別・結果別件数',
  referralsByOutcome: '紹介結果別件数',
  stagesAtEnd: '期末時点の支援段階（実件数）',
  stageMoves: '期間中の段階の移行',
  anonymousConsultations: '匿名相談件数（延べ）',
  anonymousByChannel: '匿名相談の方法別件数（延べ）',
  anonymousByConsultingParty: '匿名相談の相談者別件数（延べ）',
  anonymousByAgeBand: '匿名相談の本人の年代別件数（延べ）',
  groupAttendance: '居場所・家族教室等の参加者数',
  conferences: 'ケース会議・支援会議の開催',
  peopleBySexAge: '性別・年代別の実人数（年代は期末時点）',
  contactsByContent: '相談内容別件数（延べ）',
  familyStagesAtEnd: '期末時点の家族支援の段階（実件数）',
  closures: '終結件数（終結理由別）',
  attendanceByPlaceKind: '場の種類別の参加者数（延べ）',
  conferencesByMunicipality: '市町村別のケース会議・支援会議',
  supporters: 'ひきこもりサポーター',
};

export const FAMILY_STAGE_KEY_LABELS_JA: Readonly<Record<FamilyStageKey, string>> = {
  ...FAMILY_STAGE_LABELS_JA,
  none: '家族支援なし',
};

export const REFERRAL_OUTCOME_LABELS_JA: Readonly<Record<ReferralOutcomeKey, string>> = {
  connected: 'つながった',
  notConnected: 'つながらなかった',
  declined: '辞退',
  withdrawn: '取下げ',
  pending: '対応中',
};

export const REFERRAL_SECTOR_LABELS_JA: Readonly<Record<ReferralSectorKey, string>> = {
  ...AGENCY_SECTOR_NAMES_JA,
  unknown: '不明',
};

export const STAGE_LABELS_JA: Readonly<Record<StageKey, string>> = {
  ...SUPPORT_STAGE_LABELS_JA,
  unknown: '不明',
};

/** One figure as a flat row, for tables and CSV. `value` is null exactly when `suppressed`. */
export interface IndicatorRow {
  readonly section: IndicatorSection;
  readonly key: string;
  readonly labelJa: string;
  readonly value: number | null;
  readonly suppressed: boolean;
}

/** Every figure of the report in a fixed order (sections as `INDICATOR_SECTIONS`, keys as in the report). */
export function indicatorRows(report: IndicatorReport): IndicatorRow[] {
  const rows: IndicatorRow[] = [];
  const add = (section: IndicatorSection, key: string, labelJa: string, cell: Cell) =>
    rows.push({ section, key, labelJa, value: cellValue(cell), suppressed: isSuppressed(cell) });

  const c = report.consultations;
  add('consultations', 'cases', '相談実件数', c.cases);
  add('consultations', 'newCases', '新規相談件数', c.newCases);
  add('consultations', 'continuingCases', '継続相談件数', c.continuingCases);
  add('contacts', 'total', '延べ件数', report.contacts.total);
  add('contacts', 'people', '実人数', report.contacts.people);
  for (const k of CHANNEL_KEYS)
    add('contactsByChannel', k, CONTACT_CHANNEL_LABELS_JA[k], report.contactsByChannel[k]);
  for (const k of CONSULTING_PARTY_KEYS)
    add(
      'contactsByConsultingParty',
      k,
      CONSULTING_PARTY_CATEGORY_LABELS_JA[k],
      report.contactsByConsultingParty[k],
    );
  for (const k of AGE_BAND_ORDER)
    add('contactsByAgeBand', k, AGE_BAND_LABELS_JA[k], report.contactsByAgeBand[k]);
  add('reach', 'reached', '本人と接触あり', report.reach.reached);
  add('reach', 'familyOnly', '家族等のみ（本人と接触なし）', report.reach.familyOnly);
  add('connections', 'cases', '居場所等の支援につながった件数', report.connections.cases);
  add('connections', 'toPlace', '居場所等への参加', report.connections.toPlace);
  add('connections', 'toAgency', '関係機関へのつなぎ（つながった）', report.connections.toAgency);
  add('referrals', 'total', '紹介・つなぎ件数', report.referrals.total);
  add('referrals', 'reReferrals', 'うち再紹介', report.referrals.reReferrals);
  for (const s of REFERRAL_SECTOR_KEYS) {
    const row = report.referrals.bySector[s];
    const sector = REFERRAL_SECTOR_LABELS_JA[s];
    add('referralsBySector', `${s}.total`, `${sector}／計`, row.total);
    for (const o of REFERRAL_OUTCOME_KEYS)
      add('referralsBySector', `${s}.${o}`, `${sector}／${REFERRAL_OUTCOME_LABELS_JA[o]}`, row.byOutcome[o]);
  }
  for (const o of REFERRAL_OUTCOME_KEYS)
    add('referralsByOutcome', o, REFERRAL_OUTCOME_LABELS_JA[o], report.referrals.byOutcome[o]);
  add('stagesAtEnd', 'openCases', '期末時点の支援中ケース', report.stagesAtEnd.openCases);
  for (const s of STAGE_KEYS) add('stagesAtEnd', s, STAGE_LABELS_JA[s], report.stagesAtEnd.byStage[s]);
  add('stageMoves', 'total', '段階の移行', report.stageMoves.total);
  add('stageMoves', 'forward', '前進', report.stageMoves.forward);
  add('stageMoves', 'back', '後退', report.stageMoves.back);
  for (const m of report.stageMoves.byMove)
    add('stageMoves', stageMoveKey(m.from, m.to), moveLabel(m.from, m.to), m.count);
  const anon = report.anonymousConsultations;
  add('anonymousConsultations', 'total', '匿名相談件数', anon.total);
  for (const k of CHANNEL_KEYS) add('anonymousByChannel', k, CONTACT_CHANNEL_LABELS_JA[k], anon.byChannel[k]);
  for (const k of CONSULTING_PARTY_KEYS)
    add('anonymousByConsultingParty', k, CONSULTING_PARTY_CATEGORY_LABELS_JA[k], anon.byConsultingParty[k]);
  for (const k of AGE_BAND_ORDER) add('anonymousByAgeBand', k, AGE_BAND_LABELS_JA[k], anon.byAgeBand[k]);
  const g = report.groupAttendance;
  add('groupAttendance', 'total', '延べ参加者数', g.total);
  add('groupAttendance', 'registered', 'うち登録ケース（延べ）', g.registered);
  add('groupAttendance', 'registeredCases', '登録ケースの実人数', g.registeredCases);
  add('groupAttendance', 'unregisteredPersons', 'うち未登録の本人（延べ）', g.unregisteredPersons);
  add('groupAttendance', 'unregisteredFamily', 'うち未登録の家族（延べ）', g.unregisteredFamily);
  add('conferences', 'held', '開催回数', report.conferences.held);
  add('conferences', 'casesDiscussed', '延べ検討ケース数', report.conferences.casesDiscussed);
  const b = report.breakdowns;
  for (const s of SEX_KEYS) {
    add('peopleBySexAge', `${s}.total`, `${SEX_LABELS_JA[s]}／計`, b.peopleBySex[s]);
    for (const k of AGE_BAND_ORDER)
      add(
        'peopleBySexAge',
        `${s}.${k}`,
        `${SEX_LABELS_JA[s]}／${AGE_BAND_LABELS_JA[k]}`,
        b.peopleBySexAge[s][k],
      );
  }
  for (const k of CONTENT_KEYS)
    add('contactsByContent', k, CONTACT_CONTENT_LABELS_JA[k], b.contactsByContent[k]);
  for (const k of FAMILY_STAGE_KEYS)
    add('familyStagesAtEnd', k, FAMILY_STAGE_KEY_LABELS_JA[k], b.familyStagesAtEnd[k]);
  add('closures', 'total', '終結件数', b.closures.total);
  for (const k of CLOSURE_REASON_KEYS)
    add('closures', k, CLOSURE_REASON_LABELS_JA[k], b.closures.byReason[k]);
  add('closures', 'outcomes', 'うち就労・就学・本人が選んだ進路', b.closures.outcomes);
  for (const k of PLACE_KIND_KEYS) {
    const a = b.attendanceByPlaceKind[k];
    const place = PLACE_KIND_LABELS_JA[k];
    add('attendanceByPlaceKind', `${k}.total`, `${place}／延べ参加者数`, a.total);
    add('attendanceByPlaceKind', `${k}.registered`, `${place}／うち登録ケース`, a.registered);
    add(
      'attendanceByPlaceKind',
      `${k}.unregisteredPersons`,
      `${place}／うち未登録の本人`,
      a.unregisteredPersons,
    );
    add(
      'attendanceByPlaceKind',
      `${k}.unregisteredFamily`,
      `${place}／うち未登録の家族`,
      a.unregisteredFamily,
    );
  }
  for (const m of b.conferencesByMunicipality) {
    const code = m.municipalityCode ?? 'none';
    const name = m.municipalityCode ?? '市町村なし';
    add('conferencesByMunicipality', `${code}.held`, `${name}／開催回数`, m.held);
    add('conferencesByMunicipality', `${code}.casesDiscussed`, `${name}／延べ検討ケース数`, m.casesDiscussed);
  }
  add('supporters', 'trained', '養成研修修了者数', b.supporters.trained);
  add('supporters', 'registered', '登録者数', b.supporters.registered);
  return rows;
}

function moveLabel(from: SupportStage, to: SupportStage): string {
  return `${STAGE_LABELS_JA[from]}→${STAGE_LABELS_JA[to]}`;
}
