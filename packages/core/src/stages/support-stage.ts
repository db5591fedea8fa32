import { z } from 'zod';

/**
 * The four support stages of the national guideline (2010). Ordered: each stage builds on the one before,
 * but people pause, step back and re-withdraw, so the stage is a state machine, not a pipeline.
 */
export const SupportStage = {
  Encounter: 'encounter', // 出会い・評価段階
  Individual: 'individual', // 個人的支援段階
  Group: 'group', // 中間的・過渡期的な集団との再会段階
  SocialParticipation: 'socialParticipation', // 社会参加の試行段階
} as const;
export type SupportStage = (typeof SupportStage)[keyof typeof SupportStage];
export const supportStageSchema = z.enum(['encounter', 'individual', 'group', 'socialParticipation']);
/** The stages in their order, earliest first. */
export const SUPPORT_STAGE_ORDER: readonly SupportStage[] = supportStageSchema.options;

/** Japanese names of the stages, as staff and reports use them. */
export const SUPPORT_STAGE_LABELS_JA: Readonly<Record<SupportStage, string>> = {
  encounter: '出会い・評価段階',
  individual: '個人的支援段階',
  group: '中間的・過渡期的な集団との再会段階',
  socialParticipation: '社会参加の試行段階',
};

/**
 * 家族支援: the family's own track, running alongside every stage of the person's. Kept apart from the
 * person's stage because support often runs only through the family for months or years.
 */
export const FamilyStage = {
  Consultation: 'consultation', // 家族相談
  Learning: 'learning', // 家族教室（ひきこもりと関わり方を学ぶ）
  PeerSupport: 'peerSupport', // 家族会・ピアサポート
  SelfSustaining: 'selfSustaining', // 家族の安定・自立（見守り中心）
} as const;
export type FamilyStage = (typeof FamilyStage)[keyof typeof FamilyStage];
export const familyStageSchema = z.enum(['consultation', 'learning', 'peerSupport', 'selfSustaining']);
export const FAMILY_STAGE_ORDER: readonly FamilyStage[] = familyStageSchema.options;

export const FAMILY_STAGE_LABELS_JA: Readonly<Record<FamilyStage, string>> = {
  consultation: '家族相談',
  learning: '家族教室',
  peerSupport: '家族会・ピアサポート',
  selfSustaining: '家族の安定・自立',
};

/** Which machine a history entry belongs to. The two tracks never change each other. */
export const StageTrack = {
  Person: 'person', // 本人支援
  Family: 'family', // 家族支援
} as const;
export type StageTrack = (typeof StageTrack)[keyof typeof StageTrack];
export const stageTrackSchema = z.enum(['person', 'family']);

export const StageDirection = {
  Initial: 'initial', // 開始時の段階
  Forward: 'forward', // 次の段階へ
  Back: 'back', // 前の段階へ戻る
} as const;
export type StageDirection = (typeof StageDirection)[keyof typeof StageDirection];
export const stageDirectionSchema = z.enum(['initial', 'forward', 'back']);

export const STAGE_DIRECTION_LABELS_JA: Readonly<Record<StageDirection, string>> = {
  initial: '開始時の段階',
  forward: '次の段階へ',
  back: '前の段階へ戻る',
};

/** Why the person's stage stepped back. A back move must name one; `other` also needs a note. */
export const RegressionReason = {
  ReWithdrawal: 'reWithdrawal', // 再ひきこもり
  Crisis: 'crisis', // 危機的状況
  HealthDeterioration: 'healthDeterioration', // 心身の不調
  PersonWish: 'personWish', // 本人の希望
  LostContact: 'lostContact', // 連絡が取れなくなった
  Other: 'other', // その他（要記述）
} as const;
export type RegressionReason = (typeof RegressionReason)[keyof typeof RegressionReason];
export const regressionReasonSchema = z.enum([
  'reWithdrawal',
  'crisis',
  'healthDeterioration',
  'personWish',
  'lostContact',
  'other',
]);

export const REGRESSION_REASON_LABELS_JA: Readonly<Record<RegressionReason, string>> = {
  reWithdrawal: '再ひきこもり',
  crisis: '危機的状況',
  healthDeterioration: '心身の不調',
  personWish: '本人の希望',
  lostContact: '連絡が取れなくなった',
  other: 'その他',
};

/** Why the family's stage stepped back. `householdChange` covers 8050 events (a parent needs care, dies). */
export const FamilyRegressionReason = {
  Crisis: 'crisis', // 危機的状況
  HealthDeterioration: 'healthDeterioration', // 家族の心身の不調
  FamilyWish: 'familyWish', // 家族の希望
  LostContact: 'lostContact', // 連絡が取れなくなった
  HouseholdChange: 'householdChange', // 世帯状況の変化（介護・死別など）
  Other: 'other', // その他（要記述）
} as const;
export type FamilyRegressionReason = (typeof FamilyRegressionReason)[keyof typeof FamilyRegressionReason];
export const familyRegressionReasonSchema = z.enum([
  'crisis',
  'healthDeterioration',
  'familyWish',
  'lostContact',
  'householdChange',
  'other',
]);

export const FAMILY_REGRESSION_REASON_LABELS_JA: Readonly<Record<FamilyRegressionReason, string>> = {
  crisis: '危機的状況',
  healthDeterioration: '家族の心身の不調',
  familyWish: '家族の希望',
  lostContact: '連絡が取れなくなった',
  householdChange: '世帯状況の変化（介護・死別など）',
  other: 'その他',
};

/** Reason of a forward move (the note may say more). */
export const PROGRESS_REASON = 'progress' as const; // 段階の前進
/** Reason recorded on the first entry of a track. */
export const INITIAL_REASON = 'initial' as const; // 開始

export type SupportStageChangeReason = typeof INITIAL_REASON | typeof PROGRESS_REASON | RegressionReason;
export type FamilyStageChangeReason = typeof INITIAL_REASON | typeof PROGRESS_REASON | FamilyRegressionReason;

export function supportStageIndex(stage: SupportStage): number {
  return SUPPORT_STAGE_ORDER.indexOf(stage);
}

export function familyStageIndex(stage: FamilyStage): number {
  return FAMILY_STAGE_ORDER.indexOf(stage);
}
