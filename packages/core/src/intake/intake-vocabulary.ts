import { z } from 'zod';

/**
 * The intake categories the prefectural surveys (実態調査) count, in their wording. Identifiers are
 * English; the labels are what staff see and what the surveys print.
 */

/** ひきこもり状態になったきっかけ (several may apply). */
export const WithdrawalTrigger = {
  SchoolNonAttendance: 'schoolNonAttendance', // 不登校（小学校・中学校・高校・大学等）
  ExamFailure: 'examFailure', // 受験に失敗した
  JobSearchFailure: 'jobSearchFailure', // 就職活動がうまくいかなかった
  WorkplaceMaladjustment: 'workplaceMaladjustment', // 職場になじめなかった
  Retirement: 'retirement', // 退職したこと
  Relationships: 'relationships', // 人間関係がうまくいかなかった
  Bullying: 'bullying', // いじめ
  Illness: 'illness', // 病気
  Caregiving: 'caregiving', // 介護・看護を担うことになった
  Other: 'other', // その他
  Unknown: 'unknown', // 不明
} as const;
export type WithdrawalTrigger = (typeof WithdrawalTrigger)[keyof typeof WithdrawalTrigger];
export const withdrawalTriggerSchema = z.enum([
  'schoolNonAttendance',
  'examFailure',
  'jobSearchFailure',
  'workplaceMaladjustment',
  'retirement',
  'relationships',
  'bullying',
  'illness',
  'caregiving',
  'other',
  'unknown',
]);

export const WITHDRAWAL_TRIGGER_LABELS_JA: Readonly<Record<WithdrawalTrigger, string>> = {
  schoolNonAttendance: '不登校',
  examFailure: '受験の失敗',
  jobSearchFailure: '就職活動の不調',
  workplaceMaladjustment: '職場になじめなかった',
  retirement: '退職',
  relationships: '人間関係',
  bullying: 'いじめ',
  illness: '病気',
  caregiving: '介護・看護',
  other: 'その他',
  unknown: '不明',
};

/** 把握経路: how the case came to the register's attention (one, the first). */
export const DiscoveryRoute = {
  Person: 'person', // 本人からの相談
  Family: 'family', // 家族・親族からの相談
  School: 'school', // 学校・教育機関
  MedicalInstitution: 'medicalInstitution', // 医療機関
  WelfareCommissioner: 'welfareCommissioner', // 民生委員・児童委員
  CommunityGeneralSupportCentre: 'communityGeneralSupportCentre', // 地域包括支援センター（8050）
  PublicAgency: 'publicAgency', // 行政・関係機関（福祉事務所、保健所、自立相談支援機関など）
  Neighbour: 'neighbour', // 近隣住民・知人
  Other: 'other', // その他
  Unknown: 'unknown', // 不明
} as const;
export type DiscoveryRoute = (typeof DiscoveryRoute)[keyof typeof DiscoveryRoute];
export const discoveryRouteSchema = z.enum([
  'person',
  'family',
  'school',
  'medicalInstitution',
  'welfareCommissioner',
  'communityGeneralSupportCentre',
  'publicAgency',
  'neighbour',
  'other',
  'unknown',
]);

export const DISCOVERY_ROUTE_LABELS_JA: Readonly<Record<DiscoveryRoute, string>> = {
  person: '本人',
  family: '家族・親族',
  school: '学校',
  medicalInstitution: '医療機関',
  welfareCommissioner: '民生委員・児童委員',
  communityGeneralSupportCentre: '地域包括支援センター',
  publicAgency: '行政・関係機関',
  neighbour: '近隣住民・知人',
  other: 'その他',
  unknown: '不明',
};

/** ひきこもり状態になってからの期間, in the bands of the prefectural survey. */
export const WithdrawalDurationBand = {
  UnderOneYear: 'underOneYear', // 1年未満
  OneToTwoYears: 'oneToTwoYears', // 1年～2年未満
  TwoToFiveYears: 'twoToFiveYears', // 2年～5年未満
  FiveToTenYears: 'fiveToTenYears', // 5年～10年未満
  TenToFifteenYears: 'tenToFifteenYears', // 10年～15年未満
  FifteenToTwentyYears: 'fifteenToTwentyYears', // 15年～20年未満
  TwentyToThirtyYears: 'twentyToThirtyYears', // 20年～30年未満
  ThirtyYearsOrMore: 'thirtyYearsOrMore', // 30年以上
} as const;
export type WithdrawalDurationBand = (typeof WithdrawalDurationBand)[keyof typeof WithdrawalDurationBand];
export const withdrawalDurationBandSchema = z.enum([
  'underOneYear',
  'oneToTwoYears',
  'twoToFiveYears',
  'fiveToTenYears',
  'tenToFifteenYears',
  'fifteenToTwentyYears',
  'twentyToThirtyYears',
  'thirtyYearsOrMore',
]);

export const WITHDRAWAL_DURATION_BAND_LABELS_JA: Readonly<Record<WithdrawalDurationBand, string>> = {
  underOneYear: '1年未満',
  oneToTwoYears: '1年～2年未満',
  twoToFiveYears: '2年～5年未満',
  fiveToTenYears: '5年～10年未満',
  tenToFifteenYears: '10年～15年未満',
  fifteenToTwentyYears: '15年～20年未満',
  twentyToThirtyYears: '20年～30年未満',
  thirtyYearsOrMore: '30年以上',
};

/** 受診・通院の状況. */
export const MedicalCare = {
  None: 'none', // 受診歴なし
  Past: 'past', // 過去に受診
  Current: 'current', // 通院中
  Unknown: 'unknown', // 不明
} as const;
export type MedicalCare = (typeof MedicalCare)[keyof typeof MedicalCare];
export const medicalCareSchema = z.enum(['none', 'past', 'current', 'unknown']);

export const MEDICAL_CARE_LABELS_JA: Readonly<Record<MedicalCare, string>> = {
  none: '受診歴なし',
  past: '過去に受診',
  current: '通院中',
  unknown: '不明',
};

/** Whether a condition (発達障害, 精神疾患) is diagnosed, suspected, absent or not known. */
export const ConditionStatus = {
  None: 'none', // なし
  Suspected: 'suspected', // 疑い
  Diagnosed: 'diagnosed', // 診断あり
  Unknown: 'unknown', // 不明
} as const;
export type ConditionStatus = (typeof ConditionStatus)[keyof typeof ConditionStatus];
export const conditionStatusSchema = z.enum(['none', 'suspected', 'diagnosed', 'unknown']);

export const CONDITION_STATUS_LABELS_JA: Readonly<Record<ConditionStatus, string>> = {
  none: 'なし',
  suspected: '疑い',
  diagnosed: '診断あり',
  unknown: '不明',
};

/** 障害者手帳 (精神障害者保健福祉手帳・療育手帳・身体障害者手帳). */
export const DisabilityCertificate = {
  None: 'none', // なし
  Applying: 'applying', // 申請中
  Holds: 'holds', // 所持
  Unknown: 'unknown', // 不明
} as const;
export type DisabilityCertificate = (typeof DisabilityCertificate)[keyof typeof DisabilityCertificate];
export const disabilityCertificateSchema = z.enum(['none', 'applying', 'holds', 'unknown']);

export const DISABILITY_CERTIFICATE_LABELS_JA: Readonly<Record<DisabilityCertificate, string>> = {
  none: 'なし',
  applying: '申請中',
  holds: '所持',
  unknown: '不明',
};
