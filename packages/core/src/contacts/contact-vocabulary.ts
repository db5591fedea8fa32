import { z } from 'zod';
import { noteVisibilitySchema } from '../shared/note-visibility.ts';

/** 相談・支援の方法: how the contact happened. */
export const ContactChannel = {
  Phone: 'phone', // 電話
  OfficeVisit: 'officeVisit', // 来所
  HomeVisit: 'homeVisit', // 訪問（アウトリーチ）
  Email: 'email', // メール
  Sns: 'sns', // SNS・LINE
  Online: 'online', // オンライン（ビデオ通話等）
  AccompaniedVisit: 'accompaniedVisit', // 同行支援
  GroupActivity: 'groupActivity', // グループ活動（居場所・当事者会・家族会等）
} as const;
export type ContactChannel = (typeof ContactChannel)[keyof typeof ContactChannel];
export const contactChannelSchema = z.enum([
  'phone',
  'officeVisit',
  'homeVisit',
  'email',
  'sns',
  'online',
  'accompaniedVisit',
  'groupActivity',
]);

export const CONTACT_CHANNEL_LABELS_JA: Readonly<Record<ContactChannel, string>> = {
  phone: '電話',
  officeVisit: '来所',
  homeVisit: '訪問',
  email: 'メール',
  sns: 'SNS・LINE',
  online: 'オンライン',
  accompaniedVisit: '同行支援',
  groupActivity: 'グループ活動',
};

/** 本人との接触: whether the worker actually met (or talked with) the person in this contact. */
export const PersonContact = {
  Reached: 'reached', // 本人と接触できた
  Attempted: 'attempted', // 本人への接触を試みたが会えなかった（部屋から出てこない等）
  None: 'none', // 本人への接触なし（家族・機関とのみ）
} as const;
export type PersonContact = (typeof PersonContact)[keyof typeof PersonContact];
export const personContactSchema = z.enum(['reached', 'attempted', 'none']);

export const PERSON_CONTACT_LABELS_JA: Readonly<Record<PersonContact, string>> = {
  reached: '接触あり',
  attempted: '接触試行',
  none: '接触なし',
};

/**
 * Channels on which an attempt to reach the person is a meaningful record: the worker reached out
 * (went to the door, called, wrote, sent a link, came to pick them up) and the person did not respond.
 * Not office visits or group activities: those only happen when someone comes, and a person who comes
 * is reached; a no-show is not a contact with the person.
 */
export const ATTEMPT_CHANNELS: readonly ContactChannel[] = [
  'homeVisit',
  'phone',
  'email',
  'sns',
  'online',
  'accompaniedVisit',
];

/** 支援内容: what the contact was about (survey categories). A contact has one or more. */
export const ContactContent = {
  RelationshipBuilding: 'relationshipBuilding', // 相談（関係づくり）
  Visit: 'visit', // 訪問活動
  WatchingOver: 'watchingOver', // 見守り
  EmploymentSupport: 'employmentSupport', // 就労支援
  PlaceToMeet: 'placeToMeet', // 交流の場の提供（居場所）
  Medical: 'medical', // 医療（受診支援・医療連携）
  FamilyClass: 'familyClass', // 家族教室
  Other: 'other', // その他
} as const;
export type ContactContent = (typeof ContactContent)[keyof typeof ContactContent];
export const contactContentSchema = z.enum([
  'relationshipBuilding',
  'visit',
  'watchingOver',
  'employmentSupport',
  'placeToMeet',
  'medical',
  'familyClass',
  'other',
]);

export const CONTACT_CONTENT_LABELS_JA: Readonly<Record<ContactContent, string>> = {
  relationshipBuilding: '相談（関係づくり）',
  visit: '訪問活動',
  watchingOver: '見守り',
  employmentSupport: '就労支援',
  placeToMeet: '交流の場の提供',
  medical: '医療',
  familyClass: '家族教室',
  other: 'その他',
};

/**
 * Who a note's text may be disclosed to (開示制限). Staff who may read contacts always see the text;
 * the access module's `NoteVisibility` is the same string union and decides who sees what.
 */
export const ContactNoteVisibility = {
  Normal: 'normal', // 制限なし
  NotForFamily: 'notForFamily', // 家族に開示しない
  NotForPerson: 'notForPerson', // 本人に開示しない
} as const;
export type ContactNoteVisibility = (typeof ContactNoteVisibility)[keyof typeof ContactNoteVisibility];
export const contactNoteVisibilitySchema = noteVisibilitySchema;

export const CONTACT_NOTE_VISIBILITY_LABELS_JA: Readonly<Record<ContactNoteVisibility, string>> = {
  normal: '制限なし',
  notForFamily: '家族に開示しない',
  notForPerson: '本人に開示しない',
};
