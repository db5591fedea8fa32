import { z } from 'zod';

/**
 * The parts of a case record that access rules and referrals talk about. A referral shares a chosen
 * set of sections with the receiving agency until it accepts; after that the agency supports the
 * case and sees it whole (walled notes still follow their wall).
 */
export const CaseSection = {
  /** 基本情報: stage, status, lead/supporting agencies and their periods, municipality. No free text. */
  Summary: 'summary',
  /** 本人情報: the person's profile (name, kana, birth, sex) */
  Person: 'person',
  /** 世帯: household members */
  Household: 'household',
  /**
   * 心身の状況: medical and developmental background (要配慮個人情報 beyond the profile). A section of
   * its own so that sharing the person's profile never shares it, and every read of it is audited.
   */
  Health: 'health',
  /** 相談・支援記録: contacts, and every free-text note of the case (stage and status changes too) */
  Contacts: 'contacts',
  /** アセスメント */
  Assessments: 'assessments',
  /** 支援計画 */
  Plans: 'plans',
  /** つなぎ・紹介 */
  Referrals: 'referrals',
} as const;
export type CaseSection = (typeof CaseSection)[keyof typeof CaseSection];
export const caseSectionSchema = z.enum([
  'summary',
  'person',
  'household',
  'health',
  'contacts',
  'assessments',
  'plans',
  'referrals',
]);
export const ALL_CASE_SECTIONS: readonly CaseSection[] = caseSectionSchema.options;

export const CASE_SECTION_LABELS_JA: Readonly<Record<CaseSection, string>> = {
  summary: '基本情報',
  person: '本人情報',
  household: '世帯',
  health: '心身の状況',
  contacts: '相談・支援記録',
  assessments: 'アセスメント',
  plans: '支援計画',
  referrals: 'つなぎ・紹介',
};
