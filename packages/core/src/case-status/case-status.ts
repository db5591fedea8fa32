import { z } from 'zod';
import type { Actor } from '../shared/actor.ts';
import type { CalendarDate } from '../shared/dates.ts';
import type { CaseId } from '../shared/ids.ts';
import type { NoteVisibilityValue } from '../shared/note-visibility.ts';

/**
 * Where a case stands, independent of its support stage: a paused or contact-lost case keeps its stage
 * (support resumes where it left off; the plan asks for a "sustainable approach that does not hurry").
 */
export const CaseState = {
  Active: 'active', // 支援中
  Paused: 'paused', // 小休止
  ContactLost: 'contactLost', // 連絡途絶（終結ではない）
  Closed: 'closed', // 終結
} as const;
export type CaseState = (typeof CaseState)[keyof typeof CaseState];
export const caseStateSchema = z.enum(['active', 'paused', 'contactLost', 'closed']);

export const CASE_STATE_LABELS_JA: Readonly<Record<CaseState, string>> = {
  active: '支援中',
  paused: '小休止',
  contactLost: '連絡途絶',
  closed: '終結',
};

/** Why support pauses (小休止の理由). `other` needs a note (the free-text reason). */
export const PauseReason = {
  PersonWish: 'personWish', // 本人の希望
  FamilyWish: 'familyWish', // 家族の希望
  Hospitalisation: 'hospitalisation', // 入院・治療
  Stable: 'stable', // 状態が安定（見守りに移行）
  Other: 'other', // その他（要記述）
} as const;
export type PauseReason = (typeof PauseReason)[keyof typeof PauseReason];
export const pauseReasonSchema = z.enum(['personWish', 'familyWish', 'hospitalisation', 'stable', 'other']);

export const PAUSE_REASON_LABELS_JA: Readonly<Record<PauseReason, string>> = {
  personWish: '本人の希望',
  familyWish: '家族の希望',
  hospitalisation: '入院・治療',
  stable: '状態が安定（見守りに移行）',
  other: 'その他',
};

/** Why a case closed (終結理由). The goal is a life the person chooses, not employment. `other` needs a note. */
export const ClosureReason = {
  SelfChosenPath: 'selfChosenPath', // 本人が選んだ進路
  Work: 'work', // 就労
  Study: 'study', // 就学
  MovedAway: 'movedAway', // 転居
  Transferred: 'transferred', // 移管
  PersonWish: 'personWish', // 本人の希望
  Death: 'death', // 死亡
  Other: 'other', // その他（要記述）
} as const;
export type ClosureReason = (typeof ClosureReason)[keyof typeof ClosureReason];
export const closureReasonSchema = z.enum([
  'selfChosenPath',
  'work',
  'study',
  'movedAway',
  'transferred',
  'personWish',
  'death',
  'other',
]);

export const CLOSURE_REASON_LABELS_JA: Readonly<Record<ClosureReason, string>> = {
  selfChosenPath: '本人が選んだ進路',
  work: '就労',
  study: '就学',
  movedAway: '転居',
  transferred: '移管',
  personWish: '本人の希望',
  death: '死亡',
  other: 'その他',
};

/** Why a closed case reopens (再開の理由). `other` needs a note. */
export const ReopenReason = {
  ReWithdrawal: 'reWithdrawal', // 再ひきこもり
  NewConsultation: 'newConsultation', // 新たな相談
  Referral: 'referral', // 他機関からのつなぎ
  Other: 'other', // その他（要記述）
} as const;
export type ReopenReason = (typeof ReopenReason)[keyof typeof ReopenReason];
export const reopenReasonSchema = z.enum(['reWithdrawal', 'newConsultation', 'referral', 'other']);

export const REOPEN_REASON_LABELS_JA: Readonly<Record<ReopenReason, string>> = {
  reWithdrawal: '再ひきこもり',
  newConsultation: '新たな相談',
  referral: '他機関からのつなぎ',
  other: 'その他',
};

/** The named moves of the status machine (what a history entry records). */
export const StatusMove = {
  Opened: 'opened', // 受付・開始
  Paused: 'paused', // 小休止
  Resumed: 'resumed', // 小休止から再開
  ContactLost: 'contactLost', // 連絡途絶
  ReEngaged: 'reEngaged', // 連絡再開
  Closed: 'closed', // 終結
  Reopened: 'reopened', // 終結後の再開
} as const;
export type StatusMove = (typeof StatusMove)[keyof typeof StatusMove];
export const statusMoveSchema = z.enum([
  'opened',
  'paused',
  'resumed',
  'contactLost',
  'reEngaged',
  'closed',
  'reopened',
]);

export const STATUS_MOVE_LABELS_JA: Readonly<Record<StatusMove, string>> = {
  opened: '受付・開始',
  paused: '小休止',
  resumed: '小休止から再開',
  contactLost: '連絡途絶',
  reEngaged: '連絡再開',
  closed: '終結',
  reopened: '終結後の再開',
};

/** The reason field of a status entry: which list it comes from follows from `move`. */
export type CaseStatusReason = PauseReason | ClosureReason | ReopenReason;

/**
 * The status a case record carries: the state plus what that state needs to say. It is part of the
 * case summary, so it holds no free text: the note of a status change stays on its history entry,
 * which only readers of the contacts section see.
 */
export type CaseStatus =
  | { readonly state: 'active'; readonly since: CalendarDate }
  | {
      readonly state: 'paused';
      readonly since: CalendarDate;
      readonly pauseReason: PauseReason;
      /** When to look at the case again (見直し予定日), if set. */
      readonly reviewOn: CalendarDate | null;
    }
  | { readonly state: 'contactLost'; readonly since: CalendarDate }
  | { readonly state: 'closed'; readonly since: CalendarDate; readonly closureReason: ClosureReason };

/** One append-only entry of a case's status history; `sequence` counts from 1 per case. */
export interface CaseStatusChange {
  readonly caseId: CaseId;
  /** null on the `opened` entry. */
  readonly from: CaseState | null;
  readonly to: CaseState;
  readonly move: StatusMove;
  /** Pause reason (`paused`), closure reason (`closed`), reopen reason (`reopened`); otherwise null. */
  readonly reason: CaseStatusReason | null;
  /** Free text: part of the case's progress record (contacts section), never of its summary. */
  readonly note: string | null;
  /** Who the note may be disclosed to (開示制限). */
  readonly noteVisibility: NoteVisibilityValue;
  /** Only on `paused` entries. */
  readonly reviewOn: CalendarDate | null;
  readonly actor: Actor;
  readonly effectiveOn: CalendarDate;
  readonly recordedAt: Date;
  readonly sequence: number;
}
