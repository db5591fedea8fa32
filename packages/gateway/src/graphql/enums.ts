import {
  AGE_BAND_LABELS_JA,
  AGENCY_KINDS,
  AGENCY_SECTOR_NAMES_JA,
  ageBandSchema,
  agencyKindSchema,
  agencySectorSchema,
  attendanceModeSchema,
  CASE_AGENCY_VIA_LABELS_JA,
  CASE_SECTION_LABELS_JA,
  CASE_STATE_LABELS_JA,
  CLOSURE_REASON_LABELS_JA,
  CONDITION_STATUS_LABELS_JA,
  CONFERENCE_DECISION_LABELS_JA,
  CONFERENCE_KIND_LABELS_JA,
  CONSULTING_PARTY_CATEGORY_LABELS_JA,
  CONSULTING_PARTY_KIND_LABELS_JA,
  CONTACT_CHANNEL_LABELS_JA,
  CONTACT_CONTENT_LABELS_JA,
  CONTACT_NOTE_VISIBILITY_LABELS_JA,
  caseAgencyViaSchema,
  caseSectionSchema,
  caseStateSchema,
  closureReasonSchema,
  conditionStatusSchema,
  conferenceDecisionKindSchema,
  conferenceKindSchema,
  consultingPartyCategorySchema,
  contactChannelSchema,
  contactContentSchema,
  contactNoteVisibilitySchema,
  DISABILITY_CERTIFICATE_LABELS_JA,
  DISCOVERY_ROUTE_LABELS_JA,
  disabilityCertificateSchema,
  discoveryRouteSchema,
  EIGHT_ZERO_FIVE_ZERO_NOT_APPLICABLE_LABELS_JA,
  type EightZeroFiveZeroNotApplicableReason,
  FAMILY_REGRESSION_REASON_LABELS_JA,
  FAMILY_STAGE_LABELS_JA,
  familyRegressionReasonSchema,
  familyStageSchema,
  GOAL_STATUS_LABELS_JA,
  goalStatusSchema,
  HOUSEHOLD_RELATION_LABELS_JA,
  householdRelationSchema,
  MEDICAL_CARE_LABELS_JA,
  medicalCareSchema,
  PAUSE_REASON_LABELS_JA,
  PERSON_CONTACT_LABELS_JA,
  PLACE_KIND_LABELS_JA,
  pauseReasonSchema,
  personContactSchema,
  placeKindSchema,
  programmeAudienceSchema,
  REFERRAL_KIND_LABELS_JA,
  REFERRAL_OUTCOME_LABELS_JA,
  REFERRAL_STATUS_LABELS_JA,
  REGRESSION_REASON_LABELS_JA,
  REOPEN_REASON_LABELS_JA,
  REVIEW_OUTCOME_LABELS_JA,
  referralKindSchema,
  referralOutcomeSchema,
  referralStatusSchema,
  regressionReasonSchema,
  reopenReasonSchema,
  reviewOutcomeSchema,
  SEX_LABELS_JA,
  STAFF_ROLE_LABELS_JA,
  STAGE_DIRECTION_LABELS_JA,
  STAGE_LABELS_JA,
  STATUS_MOVE_LABELS_JA,
  SUPPORTER_STATUS_LABELS_JA,
  sexSchema,
  staffRoleSchema,
  stageDirectionSchema,
  statusMoveSchema,
  supporterStatusSchema,
  supportStageSchema,
  WITHDRAWAL_DURATION_BAND_LABELS_JA,
  WITHDRAWAL_TRIGGER_LABELS_JA,
  withdrawalDurationBandSchema,
  withdrawalTriggerSchema,
} from '@hikikomori-register/core';
import type { EnumRef } from '@pothos/core';
import { type BuilderTypes, builder } from './builder.ts';

/** `reWithdrawal` → `RE_WITHDRAWAL`; values starting with a digit get a prefix (`10s` → `AGE_10S`). */
export function enumName(value: string, digitPrefix = 'V'): string {
  const name = value.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
  return /^\d/.test(name) ? `${digitPrefix}_${name}` : name;
}

/**
 * A GraphQL enum over one of the core's zod enums: GraphQL names in SCREAMING_CASE, the core's
 * values inside, so resolvers pass values through unchanged. Japanese labels become descriptions.
 */
export function enumFrom<const T extends string>(
  name: string,
  values: readonly T[],
  description: string,
  labels: Partial<Readonly<Record<T, string>>> = {},
  digitPrefix?: string,
): EnumRef<BuilderTypes, T, T> {
  const entries = values.map((value) => [
    enumName(value, digitPrefix),
    labels[value] ? { value, description: labels[value] } : { value },
  ]);
  return builder.enumType(name, {
    description,
    values: Object.fromEntries(entries) as Record<string, { value: T }>,
  }) as unknown as EnumRef<BuilderTypes, T, T>;
}

const kindLabels = Object.fromEntries(AGENCY_KINDS.map((k) => [k.kind, `${k.nameJa} (${k.nameEn})`]));

export const SupportStage = enumFrom(
  'SupportStage',
  supportStageSchema.options,
  'The four support stages of the national guideline (2010).',
  STAGE_LABELS_JA,
);
export const FamilyStage = enumFrom(
  'FamilyStage',
  familyStageSchema.options,
  "The family's own support track (家族支援).",
  FAMILY_STAGE_LABELS_JA,
);
export const StageDirection = enumFrom(
  'StageDirection',
  stageDirectionSchema.options,
  'Direction of a stage move.',
  STAGE_DIRECTION_LABELS_JA,
);
export const SupportStageMoveReason = enumFrom(
  'SupportStageMoveReason',
  ['progress', ...regressionReasonSchema.options] as const,
  'PROGRESS for a forward move; a regression reason for a step back (OTHER needs a note).',
  { progress: '段階の前進', ...REGRESSION_REASON_LABELS_JA },
);
export const FamilyStageMoveReason = enumFrom(
  'FamilyStageMoveReason',
  ['progress', ...familyRegressionReasonSchema.options] as const,
  'PROGRESS for a forward move; a regression reason for a step back (OTHER needs a note).',
  { progress: '段階の前進', ...FAMILY_REGRESSION_REASON_LABELS_JA },
);
export const StageChangeReason = enumFrom(
  'StageChangeReason',
  [
    ...new Set([
      'initial',
      'progress',
      ...regressionReasonSchema.options,
      ...familyRegressionReasonSchema.options,
    ]),
  ] as readonly string[],
  'Reason recorded on a stage history entry: INITIAL, PROGRESS or a regression reason.',
);
export const CaseState = enumFrom(
  'CaseState',
  caseStateSchema.options,
  'Where a case stands.',
  CASE_STATE_LABELS_JA,
);
export const StatusMove = enumFrom(
  'StatusMove',
  statusMoveSchema.options,
  'A named move of the status machine.',
  STATUS_MOVE_LABELS_JA,
);
export const StatusReasonKind = enumFrom(
  'StatusReasonKind',
  ['pause', 'closure', 'reopen'] as const,
  'Which reason a status move needs: pauseReason, closureReason or reopenReason.',
);
export const PauseReason = enumFrom(
  'PauseReason',
  pauseReasonSchema.options,
  'Why support pauses (小休止の理由).',
  PAUSE_REASON_LABELS_JA,
);
export const ClosureReason = enumFrom(
  'ClosureReason',
  closureReasonSchema.options,
  'Why a case closed (終結理由).',
  CLOSURE_REASON_LABELS_JA,
);
export const ReopenReason = enumFrom(
  'ReopenReason',
  reopenReasonSchema.options,
  'Why a closed case reopens.',
  REOPEN_REASON_LABELS_JA,
);
export const StaffRole = enumFrom(
  'StaffRole',
  staffRoleSchema.options,
  'Role of a staff account.',
  STAFF_ROLE_LABELS_JA,
);
export const CaseSection = enumFrom(
  'CaseSection',
  caseSectionSchema.options,
  'Parts of a case record that access rules and referrals talk about.',
  CASE_SECTION_LABELS_JA,
);
export const ContactChannel = enumFrom(
  'ContactChannel',
  contactChannelSchema.options,
  'How a contact happened.',
  CONTACT_CHANNEL_LABELS_JA,
);
export const PersonContact = enumFrom(
  'PersonContact',
  personContactSchema.options,
  'Whether the person themself was reached.',
  PERSON_CONTACT_LABELS_JA,
);
export const ContactContent = enumFrom(
  'ContactContent',
  contactContentSchema.options,
  'What a contact was about.',
  CONTACT_CONTENT_LABELS_JA,
);
export const NoteVisibility = enumFrom(
  'NoteVisibility',
  contactNoteVisibilitySchema.options,
  'Who a note may be disclosed to (開示制限).',
  CONTACT_NOTE_VISIBILITY_LABELS_JA,
);
export const NoteAudience = enumFrom(
  'NoteAudience',
  ['staff', 'family', 'person'] as const,
  'Who a contact list is prepared for: FAMILY and PERSON redact walled notes (開示).',
);
export const ConsultingPartyKind = enumFrom(
  'ConsultingPartyKind',
  ['person', 'householdMember', 'agency', 'anonymous'] as const,
  'Who consulted.',
  CONSULTING_PARTY_KIND_LABELS_JA,
);
export const ConsultingPartyCategory = enumFrom(
  'ConsultingPartyCategory',
  consultingPartyCategorySchema.options,
  'Reporting category of the consulting party.',
  CONSULTING_PARTY_CATEGORY_LABELS_JA,
);
export const Sex = enumFrom('Sex', sexSchema.options, 'Sex as recorded on the intake form.', SEX_LABELS_JA);
export const HouseholdRelation = enumFrom(
  'HouseholdRelation',
  householdRelationSchema.options,
  'How a household member relates to the person.',
  HOUSEHOLD_RELATION_LABELS_JA,
);
export const AgencyKind = enumFrom(
  'AgencyKind',
  agencyKindSchema.options,
  'Kinds of support agency.',
  kindLabels,
);
export const AgencySector = enumFrom(
  'AgencySector',
  agencySectorSchema.options,
  'Sectors of support agencies.',
  AGENCY_SECTOR_NAMES_JA,
);
export const ReferralKind = enumFrom(
  'ReferralKind',
  referralKindSchema.options,
  'Referral (つなぎ) or lead handover (引継).',
  REFERRAL_KIND_LABELS_JA,
);
export const ReferralStatus = enumFrom(
  'ReferralStatus',
  referralStatusSchema.options,
  'Where a referral stands.',
  REFERRAL_STATUS_LABELS_JA,
);
export const ReferralOutcome = enumFrom(
  'ReferralOutcome',
  referralOutcomeSchema.options,
  'Whether the person got connected.',
  REFERRAL_OUTCOME_LABELS_JA,
);
export const ReferralDirection = enumFrom(
  'ReferralDirection',
  ['incoming', 'outgoing'] as const,
  "Referrals the actor's agency received, or sent.",
);
export const CaseAgencyRole = enumFrom(
  'CaseAgencyRole',
  ['lead', 'supporting'] as const,
  '主担当 (lead) or 協力 (supporting) agency of a case.',
);
export const CaseAgencyVia = enumFrom(
  'CaseAgencyVia',
  caseAgencyViaSchema.options,
  'How an agency came to take part in a case, or stopped.',
  CASE_AGENCY_VIA_LABELS_JA,
);
export const LegalBasisKind = enumFrom(
  'LegalBasisKind',
  ['consent', 'supportMeeting'] as const,
  'The basis that makes sharing lawful.',
);
export const ConsentGiverKind = enumFrom(
  'ConsentGiverKind',
  ['person', 'householdMember'] as const,
  'Who consented.',
);
export const RaterKind = enumFrom(
  'RaterKind',
  ['staff', 'familyMember', 'person'] as const,
  'Who answered a checklist.',
);
export const GoalStatus = enumFrom(
  'GoalStatus',
  goalStatusSchema.options,
  'Status of a plan goal.',
  GOAL_STATUS_LABELS_JA,
);
export const ReviewOutcome = enumFrom(
  'ReviewOutcome',
  reviewOutcomeSchema.options,
  'Outcome of a plan review.',
  REVIEW_OUTCOME_LABELS_JA,
);
export const PlaceKind = enumFrom(
  'PlaceKind',
  placeKindSchema.options,
  'Kinds of place.',
  PLACE_KIND_LABELS_JA,
);
export const ProgrammeAudience = enumFrom(
  'ProgrammeAudience',
  programmeAudienceSchema.options,
  'Who a programme is for.',
);
export const AttendeeKind = enumFrom('AttendeeKind', ['person', 'familyMember'] as const, 'Who attended.');
export const AttendanceMode = enumFrom(
  'AttendanceMode',
  attendanceModeSchema.options,
  'In person or online.',
);
export const PlacementKind = enumFrom(
  'PlacementKind',
  ['short', 'regular'] as const,
  'Short (短期参加) or regular (通常参加) placement.',
);
export const AgeBand = enumFrom(
  'AgeBand',
  ageBandSchema.options,
  "The person's age band.",
  AGE_BAND_LABELS_JA,
  'AGE',
);
export const EightZeroFiveZeroNotApplicable = enumFrom(
  'EightZeroFiveZeroNotApplicable',
  Object.keys(EIGHT_ZERO_FIVE_ZERO_NOT_APPLICABLE_LABELS_JA) as EightZeroFiveZeroNotApplicableReason[],
  'Why the 8050 rule did not apply (the first failing condition, person before parents).',
  EIGHT_ZERO_FIVE_ZERO_NOT_APPLICABLE_LABELS_JA,
);
export const ReportingPeriodKind = enumFrom(
  'ReportingPeriodKind',
  ['fiscalYear', 'firstHalf', 'secondHalf', 'month', 'range'] as const,
  'Fiscal year (年度, April–March), one of its halves, a calendar month, or any period from one date to another (任意の期間).',
);
export const IndicatorScopeKind = enumFrom(
  'IndicatorScopeKind',
  ['agency', 'municipality', 'area', 'all'] as const,
  "Whose figures: one agency's own work, one municipality's cases, one 圏域's cases, or all.",
);
export const AuditOutcome = enumFrom(
  'AuditOutcome',
  ['allowed', 'denied'] as const,
  'Whether access was allowed.',
);
export const ConferenceKind = enumFrom(
  'ConferenceKind',
  conferenceKindSchema.options,
  'Kind of conference; only a SUPPORT_MEETING sitting is itself a basis to share case information.',
  CONFERENCE_KIND_LABELS_JA,
);
export const ConferenceDecisionKind = enumFrom(
  'ConferenceDecisionKind',
  conferenceDecisionKindSchema.options,
  'What a conference decided for a case (協議結果).',
  CONFERENCE_DECISION_LABELS_JA,
);
export const SupporterStatus = enumFrom(
  'SupporterStatus',
  supporterStatusSchema.options,
  'Registration status of a ひきこもりサポーター.',
  SUPPORTER_STATUS_LABELS_JA,
);

export const WithdrawalTrigger = enumFrom(
  'WithdrawalTrigger',
  withdrawalTriggerSchema.options,
  'What set off the withdrawal (ひきこもり状態になったきっかけ), as the prefectural surveys count it.',
  WITHDRAWAL_TRIGGER_LABELS_JA,
);
export const DiscoveryRoute = enumFrom(
  'DiscoveryRoute',
  discoveryRouteSchema.options,
  'How the case came to light (把握経路).',
  DISCOVERY_ROUTE_LABELS_JA,
);
export const WithdrawalDurationBand = enumFrom(
  'WithdrawalDurationBand',
  withdrawalDurationBandSchema.options,
  'How long the withdrawal has lasted (ひきこもり期間), in the survey bands.',
  WITHDRAWAL_DURATION_BAND_LABELS_JA,
);
export const MedicalCare = enumFrom(
  'MedicalCare',
  medicalCareSchema.options,
  'Medical care so far (受診・通院の状況).',
  MEDICAL_CARE_LABELS_JA,
);
export const ConditionStatus = enumFrom(
  'ConditionStatus',
  conditionStatusSchema.options,
  'Whether a condition is diagnosed, suspected, absent or not known.',
  CONDITION_STATUS_LABELS_JA,
);
export const DisabilityCertificate = enumFrom(
  'DisabilityCertificate',
  disabilityCertificateSchema.options,
  '障害者手帳 (精神・療育・身体).',
  DISABILITY_CERTIFICATE_LABELS_JA,
);
