import { z } from 'zod';

/** つなぎ・紹介 vs 引継. */
export const ReferralKind = {
  /** 紹介・つなぎ: the recipient joins as a supporting agency; the lead stays where it is. */
  Referral: 'referral',
  /** 引継: the recipient becomes the lead agency when the referral completes connected. */
  LeadHandover: 'leadHandover',
} as const;
export type ReferralKind = (typeof ReferralKind)[keyof typeof ReferralKind];
export const referralKindSchema = z.enum(['referral', 'leadHandover']);

export const REFERRAL_KIND_LABELS_JA: Readonly<Record<ReferralKind, string>> = {
  referral: '紹介・つなぎ',
  leadHandover: '引継（主担当の交代）',
};

export const ReferralStatus = {
  Sent: 'sent', // 依頼中（回答待ち）
  Accepted: 'accepted', // 受理
  Declined: 'declined', // 辞退・受入不可
  Withdrawn: 'withdrawn', // 取下げ
  Completed: 'completed', // 完了（つながった／つながらなかった）
} as const;
export type ReferralStatus = (typeof ReferralStatus)[keyof typeof ReferralStatus];
export const referralStatusSchema = z.enum(['sent', 'accepted', 'declined', 'withdrawn', 'completed']);

export const REFERRAL_STATUS_LABELS_JA: Readonly<Record<ReferralStatus, string>> = {
  sent: '回答待ち',
  accepted: '受理',
  declined: '辞退',
  withdrawn: '取下げ',
  completed: '完了',
};

/** Statuses in which the loop is still open: the sender waits for an answer or an outcome. */
export const OPEN_REFERRAL_STATUSES: readonly ReferralStatus[] = ['sent', 'accepted'];

/** Closing the loop: did the person (or family) actually get connected to the recipient's service? */
export const ReferralOutcome = {
  Connected: 'connected', // つながった
  NotConnected: 'notConnected', // つながらなかった（理由を記録）
} as const;
export type ReferralOutcome = (typeof ReferralOutcome)[keyof typeof ReferralOutcome];
export const referralOutcomeSchema = z.enum(['connected', 'notConnected']);

/** Which side of the referral may make a move: the agency that sent it or the one it was sent to. */
export type ReferralParty = 'sender' | 'recipient';

export type ReferralAction = 'accept' | 'decline' | 'withdraw' | 'complete';

export interface ReferralTransition {
  readonly action: ReferralAction;
  readonly from: ReferralStatus;
  readonly to: ReferralStatus;
  /** The party whose staff may make the move (checked against the actor's agency). */
  readonly by: ReferralParty;
}

/**
 * THE referral state machine. Every legal move is listed here and nowhere else; anything else throws
 * `IllegalTransitionError`. Declined, withdrawn and completed are final: a declined referral is
 * followed by a NEW referral to another agency (`reReferAfterDecline`), never reopened, so the record
 * shows every agency that said no.
 * - sent → accepted / declined: the recipient answers (declining needs a reason: the sender must learn
 *   why, e.g. distance, staffing, out of scope).
 * - sent → withdrawn: the sender takes it back before an answer.
 * - accepted → completed: the recipient closes the loop with an outcome (notConnected needs a reason).
 */
export const REFERRAL_TRANSITIONS: readonly ReferralTransition[] = [
  { action: 'accept', from: 'sent', to: 'accepted', by: 'recipient' },
  { action: 'decline', from: 'sent', to: 'declined', by: 'recipient' },
  { action: 'withdraw', from: 'sent', to: 'withdrawn', by: 'sender' },
  { action: 'complete', from: 'accepted', to: 'completed', by: 'recipient' },
];

export function findReferralTransition(
  from: ReferralStatus,
  to: ReferralStatus,
): ReferralTransition | undefined {
  return REFERRAL_TRANSITIONS.find((t) => t.from === from && t.to === to);
}
