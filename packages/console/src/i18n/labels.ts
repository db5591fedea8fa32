import {
  AGENCY_KINDS,
  CASE_SECTION_LABELS_JA,
  CASE_STATE_LABELS_JA,
  CLOSURE_REASON_LABELS_JA,
  CONSULTING_PARTY_KIND_LABELS_JA,
  CONTACT_CHANNEL_LABELS_JA,
  CONTACT_CONTENT_LABELS_JA,
  CONTACT_NOTE_VISIBILITY_LABELS_JA,
  FAMILY_REGRESSION_REASON_LABELS_JA,
  FAMILY_STAGE_LABELS_JA,
  GOAL_STATUS_LABELS_JA,
  HOUSEHOLD_RELATION_LABELS_JA,
  PAUSE_REASON_LABELS_JA,
  PERSON_CONTACT_LABELS_JA,
  REFERRAL_KIND_LABELS_JA,
  REFERRAL_OUTCOME_LABELS_JA,
  REFERRAL_STATUS_LABELS_JA,
  REGRESSION_REASON_LABELS_JA,
  REOPEN_REASON_LABELS_JA,
  REVIEW_OUTCOME_LABELS_JA,
  SEX_LABELS_JA,
  STAFF_ROLE_LABELS_JA,
  STAGE_DIRECTION_LABELS_JA,
  STATUS_MOVE_LABELS_JA,
  SUPPORT_STAGE_LABELS_JA,
  WORKLIST_KIND_LABELS_JA,
} from '@hikikomori-register/core';

/**
 * Japanese wording of the API's enums for staff. The words themselves are the core's (one list per
 * vocabulary, also used in CSV output and the schema's descriptions); the API spells values in
 * SCREAMING_CASE, the core in camelCase.
 */
export function coreValue(graphqlValue: string): string {
  if (!/^[A-Z0-9_]+$/.test(graphqlValue)) return graphqlValue;
  return graphqlValue.toLowerCase().replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** The API's spelling of a core value (the gateway's `enumName`). */
export function graphqlValue(coreName: string): string {
  return coreName.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
}

type Labels = Readonly<Record<string, string>>;
const labelled =
  (labels: Labels) =>
  (value: string | null | undefined): string =>
    value == null ? '' : (labels[coreValue(value)] ?? value);

export const stageLabel = labelled(SUPPORT_STAGE_LABELS_JA);
export const familyStageLabel = labelled(FAMILY_STAGE_LABELS_JA);
export const caseStateLabel = labelled(CASE_STATE_LABELS_JA);
export const statusMoveLabel = labelled(STATUS_MOVE_LABELS_JA);
export const pauseReasonLabel = labelled(PAUSE_REASON_LABELS_JA);
export const closureReasonLabel = labelled(CLOSURE_REASON_LABELS_JA);
export const reopenReasonLabel = labelled(REOPEN_REASON_LABELS_JA);
export const regressionReasonLabel = labelled({
  progress: '段階の前進',
  initial: '開始',
  ...REGRESSION_REASON_LABELS_JA,
});
export const familyRegressionReasonLabel = labelled({
  progress: '段階の前進',
  initial: '開始',
  ...FAMILY_REGRESSION_REASON_LABELS_JA,
});
/** A stage history entry's reason: either track's reasons. */
export const stageReasonLabel = labelled({
  progress: '段階の前進',
  initial: '開始',
  ...FAMILY_REGRESSION_REASON_LABELS_JA,
  ...REGRESSION_REASON_LABELS_JA,
});
export const directionLabel = labelled(STAGE_DIRECTION_LABELS_JA);
export const channelLabel = labelled(CONTACT_CHANNEL_LABELS_JA);
export const personContactLabel = labelled(PERSON_CONTACT_LABELS_JA);
export const contentLabel = labelled(CONTACT_CONTENT_LABELS_JA);
export const noteVisibilityLabel = labelled(CONTACT_NOTE_VISIBILITY_LABELS_JA);
export const consultingPartyKindLabel = labelled(CONSULTING_PARTY_KIND_LABELS_JA);
export const relationLabel = labelled(HOUSEHOLD_RELATION_LABELS_JA);
export const sexLabel = labelled(SEX_LABELS_JA);
export const referralStatusLabel = labelled(REFERRAL_STATUS_LABELS_JA);
export const referralKindLabel = labelled(REFERRAL_KIND_LABELS_JA);
export const referralOutcomeLabel = labelled(REFERRAL_OUTCOME_LABELS_JA);
export const roleLabel = labelled(STAFF_ROLE_LABELS_JA);
export const sectionLabel = labelled(CASE_SECTION_LABELS_JA);
export const goalStatusLabel = labelled(GOAL_STATUS_LABELS_JA);
export const reviewOutcomeLabel = labelled(REVIEW_OUTCOME_LABELS_JA);
export const worklistKindLabel = labelled(WORKLIST_KIND_LABELS_JA);
export const agencyKindLabel = labelled(Object.fromEntries(AGENCY_KINDS.map((k) => [k.kind, k.nameJa])));

/** The values of a core vocabulary in the API's spelling, in the core's order (for selects). */
export function optionsOf(labels: Labels): { value: string; label: string }[] {
  return Object.entries(labels).map(([value, label]) => ({ value: graphqlValue(value), label }));
}

export const CHANNEL_OPTIONS = optionsOf(CONTACT_CHANNEL_LABELS_JA);
export const SEX_OPTIONS = optionsOf(SEX_LABELS_JA);
/** The worklist's kinds in the core's order: the order of the screen's groups. */
export const WORKLIST_KIND_OPTIONS = optionsOf(WORKLIST_KIND_LABELS_JA);
export const CONTENT_OPTIONS = optionsOf(CONTACT_CONTENT_LABELS_JA);
export const PERSON_CONTACT_OPTIONS = optionsOf(PERSON_CONTACT_LABELS_JA);
export const NOTE_VISIBILITY_OPTIONS = optionsOf(CONTACT_NOTE_VISIBILITY_LABELS_JA);
export const STAGE_OPTIONS = optionsOf(SUPPORT_STAGE_LABELS_JA);
export const CASE_STATE_OPTIONS = optionsOf(CASE_STATE_LABELS_JA);
export const REGRESSION_REASON_OPTIONS = optionsOf(REGRESSION_REASON_LABELS_JA);
export const FAMILY_REGRESSION_REASON_OPTIONS = optionsOf(FAMILY_REGRESSION_REASON_LABELS_JA);
export const PAUSE_REASON_OPTIONS = optionsOf(PAUSE_REASON_LABELS_JA);
export const CLOSURE_REASON_OPTIONS = optionsOf(CLOSURE_REASON_LABELS_JA);
export const REOPEN_REASON_OPTIONS = optionsOf(REOPEN_REASON_LABELS_JA);
export const REFERRAL_OUTCOME_OPTIONS = optionsOf({
  connected: REFERRAL_OUTCOME_LABELS_JA.connected,
  notConnected: REFERRAL_OUTCOME_LABELS_JA.notConnected,
});
