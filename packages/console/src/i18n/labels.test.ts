import { readFileSync } from 'node:fs';
import { buildSchema, type GraphQLEnumType, isEnumType } from 'graphql';
import { describe, expect, it } from 'vitest';
import * as labels from './labels.ts';

const schema = buildSchema(readFileSync(new URL('../../../gateway/schema.graphql', import.meta.url), 'utf8'));
const valuesOf = (name: string) => {
  const type = schema.getType(name);
  if (!isEnumType(type)) throw new Error(`${name} is not an enum of the schema`);
  return (type as GraphQLEnumType).getValues().map((v) => v.name);
};

/** Every enum the console shows, with the wording it shows it in. */
const SHOWN: Record<string, (value: string) => string> = {
  SupportStage: labels.stageLabel,
  FamilyStage: labels.familyStageLabel,
  CaseState: labels.caseStateLabel,
  StatusMove: labels.statusMoveLabel,
  PauseReason: labels.pauseReasonLabel,
  ClosureReason: labels.closureReasonLabel,
  ReopenReason: labels.reopenReasonLabel,
  SupportStageMoveReason: labels.regressionReasonLabel,
  FamilyStageMoveReason: labels.familyRegressionReasonLabel,
  StageChangeReason: labels.stageReasonLabel,
  StageDirection: labels.directionLabel,
  ContactChannel: labels.channelLabel,
  PersonContact: labels.personContactLabel,
  ContactContent: labels.contentLabel,
  NoteVisibility: labels.noteVisibilityLabel,
  ConsultingPartyKind: labels.consultingPartyKindLabel,
  HouseholdRelation: labels.relationLabel,
  Sex: labels.sexLabel,
  ReferralStatus: labels.referralStatusLabel,
  ReferralKind: labels.referralKindLabel,
  ReferralOutcome: labels.referralOutcomeLabel,
  StaffRole: labels.roleLabel,
  CaseSection: labels.sectionLabel,
  GoalStatus: labels.goalStatusLabel,
  ReviewOutcome: labels.reviewOutcomeLabel,
  AgencyKind: labels.agencyKindLabel,
  WorklistKind: labels.worklistKindLabel,
};

describe('Japanese wording of the API’s enums', () => {
  it.each(Object.entries(SHOWN))('words every value of %s in Japanese', (name, label) => {
    for (const value of valuesOf(name)) expect(label(value), `${name}.${value}`).toMatch(/[\u3000-\u9fff]/);
  });

  it('offers in selects exactly the values the API takes', () => {
    const offered: [string, readonly { value: string }[]][] = [
      ['ContactChannel', labels.CHANNEL_OPTIONS],
      ['ContactContent', labels.CONTENT_OPTIONS],
      ['PersonContact', labels.PERSON_CONTACT_OPTIONS],
      ['NoteVisibility', labels.NOTE_VISIBILITY_OPTIONS],
      ['SupportStage', labels.STAGE_OPTIONS],
      ['CaseState', labels.CASE_STATE_OPTIONS],
      ['PauseReason', labels.PAUSE_REASON_OPTIONS],
      ['ClosureReason', labels.CLOSURE_REASON_OPTIONS],
      ['ReopenReason', labels.REOPEN_REASON_OPTIONS],
      ['ReferralOutcome', labels.REFERRAL_OUTCOME_OPTIONS],
      ['Sex', labels.SEX_OPTIONS],
      ['WorklistKind', labels.WORKLIST_KIND_OPTIONS],
    ];
    for (const [name, options] of offered)
      expect(options.map((o) => o.value).sort(), name).toEqual([...valuesOf(name)].sort());
    const back = labels.REGRESSION_REASON_OPTIONS.map((o) => o.value);
    expect(
      valuesOf('SupportStageMoveReason')
        .filter((v) => v !== 'PROGRESS')
        .sort(),
    ).toEqual(back.sort());
  });

  it('converts between the API’s and the core’s spelling both ways', () => {
    expect(labels.coreValue('SOCIAL_PARTICIPATION')).toBe('socialParticipation');
    expect(labels.coreValue('socialParticipation')).toBe('socialParticipation');
    expect(labels.graphqlValue('reWithdrawal')).toBe('RE_WITHDRAWAL');
    for (const value of valuesOf('ContactContent'))
      expect(labels.graphqlValue(labels.coreValue(value))).toBe(value);
  });
});
