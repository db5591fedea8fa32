import type {
  Agency,
  AgencyInvitation,
  AnonymousConsultation,
  Assessment,
  AssessmentCorrection,
  AssessmentSummary,
  Attendance,
  AuditEntry,
  CaseAgencyChange,
  CaseConference,
  CaseIntake,
  CaseRecord,
  CaseSection,
  CaseStatus,
  CaseStatusChange,
  ChecklistDefinition,
  ConferenceDecisionLink,
  Consent,
  Contact,
  ContactCorrection,
  FamilyStageChange,
  HealthBackground,
  LegalBasisRef,
  Person,
  PersonMerge,
  PersonSummary,
  Place,
  Placement,
  PlannedContact,
  Programme,
  ProgrammeSession,
  Referral,
  SessionHeadcount,
  StaffAssignment,
  Supporter,
  SupporterDispatch,
  SupportMeeting,
  SupportPlan,
  SupportStageChange,
} from '@hikikomori-register/core';

import { agencyNameKey, isPlanClosed, personSearchKeys } from '@hikikomori-register/core';
import type * as Row from '../generated/sqlite/client.ts';

/**
 * Row ↔ record mapping, in one place: the repositories, the bulk seed and the indicator SQL all use
 * the same columns. The core's records are the truth; rows are how they are laid out on disk.
 */

type Json = unknown;
const json = <T>(value: Json): T => value as T;
const actorOf = (row: { actorStaffId: string; actorAgencyId: string; actorRole: string }) => ({
  staffId: row.actorStaffId,
  agencyId: row.actorAgencyId,
  role: row.actorRole as SupportStageChange['actor']['role'],
});
const actorColumns = (actor: SupportStageChange['actor']) => ({
  actorStaffId: actor.staffId,
  actorAgencyId: actor.agencyId,
  actorRole: actor.role,
});
/** A legal basis in three columns (kind and the id of its record), as referrals and agency changes keep it. */
const legalBasisColumns = (basis: LegalBasisRef | null) => ({
  legalBasisKind: basis?.kind ?? null,
  legalBasisConsentId: basis?.kind === 'consent' ? basis.consentId : null,
  legalBasisMeetingId: basis?.kind === 'supportMeeting' ? basis.meetingId : null,
});
const legalBasisOf = (row: {
  legalBasisKind: string | null;
  legalBasisConsentId: string | null;
  legalBasisMeetingId: string | null;
}): LegalBasisRef | null =>
  row.legalBasisKind === 'consent'
    ? { kind: 'consent', consentId: row.legalBasisConsentId ?? '' }
    : row.legalBasisKind === 'supportMeeting'
      ? { kind: 'supportMeeting', meetingId: row.legalBasisMeetingId ?? '' }
      : null;

// ─── Agencies ─────────────────────────────────────────────────────────────────────────────────────

export const agencyRow = (a: Agency) => ({
  id: a.id,
  kind: a.kind,
  name: a.name,
  municipalityCode: a.municipalityCode,
  area: a.area,
  services: [...a.services],
  active: a.active,
  networkCoordinator: a.networkCoordinator,
  nameKey: agencyNameKey(a.name),
});

export const agencyFromRow = (r: Row.Agency): Agency => ({
  id: r.id,
  kind: r.kind as Agency['kind'],
  name: r.name,
  municipalityCode: r.municipalityCode,
  area: r.area,
  services: json<string[]>(r.services),
  active: r.active,
  networkCoordinator: r.networkCoordinator,
});

export const invitationRow = (i: AgencyInvitation) => ({
  id: i.id,
  tokenHash: i.tokenHash,
  label: i.label,
  issuedByStaffId: i.issuedBy.staffId,
  issuedByAgencyId: i.issuedBy.agencyId,
  issuedByRole: i.issuedBy.role,
  issuedAt: i.issuedAt,
  expiresAt: i.expiresAt,
  redeemedAt: i.redeemedAt,
  agencyId: i.agencyId,
  revokedAt: i.revokedAt,
  revokedBy: i.revokedBy,
  version: i.version,
});

export const invitationFromRow = (r: Row.AgencyInvitation): AgencyInvitation => ({
  id: r.id,
  tokenHash: r.tokenHash,
  label: r.label,
  issuedBy: {
    staffId: r.issuedByStaffId,
    agencyId: r.issuedByAgencyId,
    role: r.issuedByRole as AgencyInvitation['issuedBy']['role'],
  },
  issuedAt: r.issuedAt,
  expiresAt: r.expiresAt,
  redeemedAt: r.redeemedAt,
  agencyId: r.agencyId,
  revokedAt: r.revokedAt,
  revokedBy: r.revokedBy,
  version: r.version,
});

// ─── Persons ──────────────────────────────────────────────────────────────────────────────────────

export const personRow = (p: Person) => ({
  id: p.id,
  displayName: p.displayName,
  kana: p.kana,
  birthDate: p.birthDate,
  birthYearMonth: p.birthYearMonth,
  sex: p.sex,
  municipalityCode: p.municipalityCode,
  pseudonymisedOn: p.pseudonymisedOn,
  mergedIntoId: p.mergedIntoId,
  ...personSearchKeys(p),
  createdAt: p.createdAt,
  updatedAt: p.updatedAt,
});

export const householdRows = (p: Person) =>
  p.household.map((m, position) => ({
    id: m.id,
    personId: p.id,
    position,
    relation: m.relation,
    displayName: m.displayName,
    birthYear: m.birthYear,
    livesWithPerson: m.livesWithPerson,
  }));

export const personSummaryFromRow = (r: Row.Person): PersonSummary => ({
  id: r.id,
  displayName: r.displayName,
  kana: r.kana,
  birthDate: r.birthDate,
  birthYearMonth: r.birthYearMonth,
  sex: r.sex as Person['sex'],
  municipalityCode: r.municipalityCode,
  pseudonymisedOn: r.pseudonymisedOn,
  mergedIntoId: r.mergedIntoId,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
});

export const personFromRow = (r: Row.Person & { household: Row.HouseholdMember[] }): Person => ({
  ...personSummaryFromRow(r),
  household: [...r.household]
    .sort((a, b) => a.position - b.position)
    .map((m) => ({
      id: m.id,
      relation: m.relation as Person['household'][number]['relation'],
      displayName: m.displayName,
      birthYear: m.birthYear,
      livesWithPerson: m.livesWithPerson,
    })),
});

export const personMergeRow = (m: PersonMerge) => ({
  id: m.id,
  keptPersonId: m.keptPersonId,
  mergedPersonId: m.mergedPersonId,
  reason: m.reason,
  former: m.former as unknown as object,
  movedCaseIds: [...m.movedCaseIds],
  staffId: m.staffId,
  agencyId: m.agencyId,
  mergedAt: m.mergedAt,
});

export const personMergeFromRow = (r: Row.PersonMerge): PersonMerge => ({
  id: r.id,
  keptPersonId: r.keptPersonId,
  mergedPersonId: r.mergedPersonId,
  reason: r.reason,
  former: json<PersonMerge['former']>(r.former),
  movedCaseIds: json<PersonMerge['movedCaseIds']>(r.movedCaseIds),
  staffId: r.staffId,
  agencyId: r.agencyId,
  mergedAt: r.mergedAt,
});

// ─── Cases and their histories ────────────────────────────────────────────────────────────────────

function statusColumns(s: CaseStatus) {
  return {
    status: s.state,
    statusSince: s.since,
    statusReason: s.state === 'paused' ? s.pauseReason : s.state === 'closed' ? s.closureReason : null,
    statusReviewOn: s.state === 'paused' ? s.reviewOn : null,
  };
}

function statusFromColumns(r: Row.Case): CaseStatus {
  const since = r.statusSince;
  switch (r.status) {
    case 'paused':
      return {
        state: 'paused',
        since,
        pauseReason: r.statusReason as never,
        reviewOn: r.statusReviewOn,
      };
    case 'contactLost':
      return { state: 'contactLost', since };
    case 'closed':
      return { state: 'closed', since, closureReason: r.statusReason as never };
    default:
      return { state: 'active', since };
  }
}

export const caseRow = (c: CaseRecord) => ({
  id: c.id,
  personId: c.personId,
  municipalityCode: c.municipalityCode,
  leadAgencyId: c.leadAgencyId,
  openedOn: c.openedOn,
  stage: c.stage,
  familyStage: c.familyStage,
  ...statusColumns(c.status),
  version: c.version,
  createdAt: c.createdAt,
  updatedAt: c.updatedAt,
});

export const supportingAgencyRows = (c: CaseRecord) =>
  c.supportingAgencyIds.map((agencyId, position) => ({
    caseId: c.id,
    agencyId,
    position,
    addedAt: c.updatedAt,
  }));

export const caseFromRow = (
  r: Row.Case & { supportingAgencies: Row.CaseSupportingAgency[] },
): CaseRecord => ({
  id: r.id,
  personId: r.personId,
  municipalityCode: r.municipalityCode,
  leadAgencyId: r.leadAgencyId,
  supportingAgencyIds: [...r.supportingAgencies]
    .sort((a, b) => a.position - b.position)
    .map((s) => s.agencyId),
  openedOn: r.openedOn,
  stage: r.stage as CaseRecord['stage'],
  familyStage: r.familyStage as CaseRecord['familyStage'],
  status: statusFromColumns(r),
  version: r.version,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
});

export const stageChangeRow = (e: SupportStageChange | FamilyStageChange) => ({
  caseId: e.caseId,
  sequence: e.sequence,
  from: e.from,
  to: e.to,
  direction: e.direction,
  reason: e.reason,
  note: e.note,
  noteVisibility: e.noteVisibility,
  ...actorColumns(e.actor),
  effectiveOn: e.effectiveOn,
  recordedAt: e.recordedAt,
});

export const supportStageFromRow = (r: Row.SupportStageChange): SupportStageChange => ({
  caseId: r.caseId,
  track: 'person',
  from: r.from as SupportStageChange['from'],
  to: r.to as SupportStageChange['to'],
  direction: r.direction as SupportStageChange['direction'],
  reason: r.reason as SupportStageChange['reason'],
  note: r.note,
  noteVisibility: r.noteVisibility as SupportStageChange['noteVisibility'],
  actor: actorOf(r),
  effectiveOn: r.effectiveOn,
  recordedAt: r.recordedAt,
  sequence: r.sequence,
});

export const familyStageFromRow = (r: Row.FamilyStageChange): FamilyStageChange => ({
  ...supportStageFromRow(r as Row.SupportStageChange),
  track: 'family',
  from: r.from as FamilyStageChange['from'],
  to: r.to as FamilyStageChange['to'],
  reason: r.reason as FamilyStageChange['reason'],
});

export const statusChangeRow = (e: CaseStatusChange) => ({
  caseId: e.caseId,
  sequence: e.sequence,
  from: e.from,
  to: e.to,
  move: e.move,
  reason: e.reason,
  note: e.note,
  noteVisibility: e.noteVisibility,
  reviewOn: e.reviewOn,
  ...actorColumns(e.actor),
  effectiveOn: e.effectiveOn,
  recordedAt: e.recordedAt,
});

export const statusChangeFromRow = (r: Row.CaseStatusChange): CaseStatusChange => ({
  caseId: r.caseId,
  from: r.from as CaseStatusChange['from'],
  to: r.to as CaseStatusChange['to'],
  move: r.move as CaseStatusChange['move'],
  reason: r.reason as CaseStatusChange['reason'],
  note: r.note,
  noteVisibility: r.noteVisibility as CaseStatusChange['noteVisibility'],
  reviewOn: r.reviewOn,
  actor: actorOf(r),
  effectiveOn: r.effectiveOn,
  recordedAt: r.recordedAt,
  sequence: r.sequence,
});

export const agencyChangeRow = (e: CaseAgencyChange) => ({
  caseId: e.caseId,
  sequence: e.sequence,
  agencyId: e.agencyId,
  role: e.role,
  change: e.change,
  via: e.via,
  ...legalBasisColumns(e.legalBasis),
  referralId: e.referralId,
  ...actorColumns(e.actor),
  effectiveOn: e.effectiveOn,
  recordedAt: e.recordedAt,
});

export const agencyChangeFromRow = (r: Row.CaseAgencyChange): CaseAgencyChange => ({
  caseId: r.caseId,
  sequence: r.sequence,
  agencyId: r.agencyId,
  role: r.role as CaseAgencyChange['role'],
  change: r.change as CaseAgencyChange['change'],
  via: r.via as CaseAgencyChange['via'],
  legalBasis: legalBasisOf(r),
  referralId: r.referralId,
  actor: actorOf(r),
  effectiveOn: r.effectiveOn,
  recordedAt: r.recordedAt,
});

// ─── Contacts ─────────────────────────────────────────────────────────────────────────────────────

export const contactRow = (c: Contact) => ({
  id: c.id,
  caseId: c.caseId,
  agencyId: c.agencyId,
  staffId: c.staffId,
  occurredOn: c.occurredOn,
  channel: c.channel,
  consultingPartyKind: c.consultingParty.kind,
  consultingPartyMemberId:
    c.consultingParty.kind === 'householdMember' ? c.consultingParty.householdMemberId : null,
  consultingPartyAgencyId: c.consultingParty.kind === 'agency' ? c.consultingParty.agencyId : null,
  personContact: c.personContact,
  contents: [...c.contents],
  durationMinutes: c.durationMinutes,
  noteText: c.note?.text ?? null,
  noteVisibility: c.note?.visibility ?? null,
  recordedAt: c.recordedAt,
  version: c.version,
  ...voidColumns(c.voided),
});

export const contactFromRow = (r: Row.Contact): Contact => ({
  id: r.id,
  caseId: r.caseId,
  agencyId: r.agencyId,
  staffId: r.staffId,
  occurredOn: r.occurredOn,
  channel: r.channel as Contact['channel'],
  consultingParty:
    r.consultingPartyKind === 'householdMember'
      ? { kind: 'householdMember', householdMemberId: r.consultingPartyMemberId ?? '' }
      : r.consultingPartyKind === 'agency'
        ? { kind: 'agency', agencyId: r.consultingPartyAgencyId ?? '' }
        : { kind: r.consultingPartyKind as 'person' | 'anonymous' },
  personContact: r.personContact as Contact['personContact'],
  contents: json<Contact['contents']>(r.contents),
  durationMinutes: r.durationMinutes,
  note:
    r.noteText === null
      ? null
      : {
          text: r.noteText,
          visibility: (r.noteVisibility ?? 'normal') as NonNullable<Contact['note']>['visibility'],
        },
  recordedAt: r.recordedAt,
  version: r.version,
  voided: voidFromColumns(r),
});

export const contactCorrectionRow = (c: ContactCorrection) => ({
  id: c.id,
  contactId: c.contactId,
  caseId: c.caseId,
  sequence: c.sequence,
  kind: c.kind,
  reason: c.reason,
  previous: c.previous as unknown as object,
  staffId: c.staffId,
  agencyId: c.agencyId,
  correctedAt: c.correctedAt,
});

export const contactCorrectionFromRow = (r: Row.ContactCorrection): ContactCorrection => ({
  id: r.id,
  contactId: r.contactId,
  caseId: r.caseId,
  sequence: r.sequence,
  kind: r.kind as ContactCorrection['kind'],
  reason: r.reason,
  previous: json<ContactCorrection['previous']>(r.previous),
  staffId: r.staffId,
  agencyId: r.agencyId,
  correctedAt: r.correctedAt,
});

// ─── Assessments and plans ────────────────────────────────────────────────────────────────────────

export const checklistRow = (d: ChecklistDefinition) => ({
  id: d.id,
  version: d.version,
  name: d.name,
  nameJa: d.nameJa,
  description: d.description,
  definition: d as unknown as object,
});

export const checklistFromRow = (r: Row.ChecklistDefinition): ChecklistDefinition =>
  json<ChecklistDefinition>(r.definition);

export const assessmentRow = (a: Assessment) => ({
  id: a.id,
  caseId: a.caseId,
  checklistId: a.checklistId,
  checklistVersion: a.checklistVersion,
  assessedOn: a.assessedOn,
  raterKind: a.rater.kind,
  raterStaffId: a.rater.kind === 'staff' ? a.rater.staffId : null,
  raterMemberId: a.rater.kind === 'familyMember' ? a.rater.householdMemberId : null,
  answers: { ...a.answers },
  scores: a.scores as unknown as object,
  stageHint: a.stageHint,
  agencyId: a.agencyId,
  staffId: a.staffId,
  recordedAt: a.recordedAt,
  version: a.version,
  ...voidColumns(a.voided),
});

/** 取消 as stored on a contact or an assessment row. */
function voidColumns(v: Contact['voided']) {
  return {
    voidedAt: v?.at ?? null,
    voidReason: v?.reason ?? null,
    voidedByStaffId: v?.staffId ?? null,
    voidedByAgencyId: v?.agencyId ?? null,
  };
}

function voidFromColumns(r: {
  voidedAt: Date | null;
  voidReason: string | null;
  voidedByStaffId: string | null;
  voidedByAgencyId: string | null;
}): Contact['voided'] {
  return r.voidedAt === null
    ? null
    : {
        at: r.voidedAt,
        reason: r.voidReason ?? '',
        staffId: r.voidedByStaffId ?? '',
        agencyId: r.voidedByAgencyId ?? '',
      };
}

export const assessmentFromRow = (r: Row.Assessment): Assessment => ({
  ...assessmentSummaryFromRow(r),
  answers: json<Assessment['answers']>(r.answers),
});

export const assessmentSummaryFromRow = (r: Omit<Row.Assessment, 'answers'>): AssessmentSummary => ({
  id: r.id,
  caseId: r.caseId,
  checklistId: r.checklistId,
  checklistVersion: r.checklistVersion,
  assessedOn: r.assessedOn,
  rater:
    r.raterKind === 'staff'
      ? { kind: 'staff', staffId: r.raterStaffId ?? '' }
      : r.raterKind === 'familyMember'
        ? { kind: 'familyMember', householdMemberId: r.raterMemberId ?? '' }
        : { kind: 'person' },
  scores: json<Assessment['scores']>(r.scores),
  stageHint: r.stageHint as Assessment['stageHint'],
  agencyId: r.agencyId,
  staffId: r.staffId,
  recordedAt: r.recordedAt,
  version: r.version,
  voided: voidFromColumns(r),
});

export const assessmentCorrectionRow = (c: AssessmentCorrection) => ({
  id: c.id,
  assessmentId: c.assessmentId,
  caseId: c.caseId,
  sequence: c.sequence,
  kind: c.kind,
  reason: c.reason,
  previous: c.previous as unknown as object,
  staffId: c.staffId,
  agencyId: c.agencyId,
  correctedAt: c.correctedAt,
});

export const assessmentCorrectionFromRow = (r: Row.AssessmentCorrection): AssessmentCorrection => ({
  id: r.id,
  assessmentId: r.assessmentId,
  caseId: r.caseId,
  sequence: r.sequence,
  kind: r.kind as AssessmentCorrection['kind'],
  reason: r.reason,
  previous: json<AssessmentCorrection['previous']>(r.previous),
  staffId: r.staffId,
  agencyId: r.agencyId,
  correctedAt: r.correctedAt,
});

export const planRow = (p: SupportPlan) => ({
  id: p.id,
  caseId: p.caseId,
  agencyId: p.agencyId,
  createdOn: p.createdOn,
  reviewDueOn: p.reviewDueOn,
  goals: p.goals as unknown as object,
  closed: isPlanClosed(p),
  version: p.version,
  createdAt: p.createdAt,
  updatedAt: p.updatedAt,
});

export const planReviewRows = (p: SupportPlan, from = 0, recordedAt = p.updatedAt) =>
  p.reviews.slice(from).map((r, i) => ({
    planId: p.id,
    sequence: from + i + 1,
    reviewedOn: r.reviewedOn,
    outcome: r.outcome,
    note: r.note ?? null,
    nextReviewDueOn: r.nextReviewDueOn,
    staffId: r.staffId,
    recordedAt,
  }));

export const planFromRow = (r: Row.SupportPlan & { reviews: Row.SupportPlanReview[] }): SupportPlan => ({
  id: r.id,
  caseId: r.caseId,
  agencyId: r.agencyId,
  createdOn: r.createdOn,
  goals: json<SupportPlan['goals']>(r.goals),
  reviewDueOn: r.reviewDueOn,
  reviews: [...r.reviews]
    .sort((a, b) => a.sequence - b.sequence)
    .map((v) => ({
      reviewedOn: v.reviewedOn,
      outcome: v.outcome as SupportPlan['reviews'][number]['outcome'],
      ...(v.note !== null ? { note: v.note } : {}),
      nextReviewDueOn: v.nextReviewDueOn,
      staffId: v.staffId,
    })),
  version: r.version,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
});

// ─── Referrals and sharing ────────────────────────────────────────────────────────────────────────

export const referralRow = (r: Referral) => ({
  id: r.id,
  caseId: r.caseId,
  kind: r.kind,
  fromAgencyId: r.fromAgencyId,
  toAgencyId: r.toAgencyId,
  reason: r.reason,
  requestedService: r.requestedService,
  ...legalBasisColumns(r.legalBasis),
  legalBasisKind: r.legalBasis.kind,
  sharedSections: [...r.sharedSections],
  status: r.status,
  sentOn: r.sentOn,
  respondedOn: r.respondedOn,
  declineReason: r.declineReason,
  withdrawnOn: r.withdrawnOn,
  withdrawnReason: r.withdrawnReason,
  completedOn: r.completedOn,
  outcome: r.outcome,
  outcomeReason: r.outcomeReason,
  previousReferralId: r.previousReferralId,
  sentBy: r.sentBy,
  version: r.version,
});

export const referralHistoryRows = (r: Referral, from = 0, recordedAt = new Date()) =>
  r.history.slice(from).map((h, i) => ({
    referralId: r.id,
    sequence: from + i + 1,
    from: h.from,
    to: h.to,
    on: h.on,
    ...actorColumns(h.actor),
    recordedAt,
  }));

export const referralFromRow = (r: Row.Referral & { history: Row.ReferralStatusChange[] }): Referral => ({
  id: r.id,
  caseId: r.caseId,
  kind: r.kind as Referral['kind'],
  fromAgencyId: r.fromAgencyId,
  toAgencyId: r.toAgencyId,
  reason: r.reason,
  requestedService: r.requestedService,
  legalBasis: legalBasisOf(r) ?? { kind: 'supportMeeting', meetingId: r.legalBasisMeetingId ?? '' },
  sharedSections: json<Referral['sharedSections']>(r.sharedSections),
  status: r.status as Referral['status'],
  sentOn: r.sentOn,
  respondedOn: r.respondedOn,
  declineReason: r.declineReason,
  withdrawnOn: r.withdrawnOn,
  withdrawnReason: r.withdrawnReason,
  completedOn: r.completedOn,
  outcome: r.outcome as Referral['outcome'],
  outcomeReason: r.outcomeReason,
  previousReferralId: r.previousReferralId,
  sentBy: r.sentBy,
  version: r.version,
  history: [...r.history]
    .sort((a, b) => a.sequence - b.sequence)
    .map((h) => ({
      from: h.from as Referral['status'] | null,
      to: h.to as Referral['status'],
      on: h.on,
      actor: actorOf(h),
    })),
});

export const consentRow = (c: Consent) => ({
  id: c.id,
  caseId: c.caseId,
  givenByKind: c.givenBy.kind,
  givenByMemberId: c.givenBy.kind === 'householdMember' ? c.givenBy.householdMemberId : null,
  scopeAgencyIds: [...c.scope.agencyIds],
  scopeSectors: [...c.scope.sectors],
  givenOn: c.givenOn,
  withdrawnOn: c.withdrawnOn,
  note: c.note,
});

export const consentFromRow = (r: Row.Consent): Consent => ({
  id: r.id,
  caseId: r.caseId,
  givenBy:
    r.givenByKind === 'householdMember'
      ? { kind: 'householdMember', householdMemberId: r.givenByMemberId ?? '' }
      : { kind: 'person' },
  scope: {
    agencyIds: json<string[]>(r.scopeAgencyIds),
    sectors: json<Consent['scope']['sectors']>(r.scopeSectors),
  },
  givenOn: r.givenOn,
  withdrawnOn: r.withdrawnOn,
  note: r.note,
});

export const intakeRow = (i: CaseIntake) => ({
  caseId: i.caseId,
  withdrawalOnset: i.withdrawalOnset,
  withdrawalOnsetApproximate: i.withdrawalOnsetApproximate,
  triggers: [...i.triggers],
  discoveryRoute: i.discoveryRoute,
  version: i.version,
  recordedBy: i.recordedBy,
  recordedAt: i.recordedAt,
});

export const intakeFromRow = (r: Row.CaseIntake): CaseIntake => ({
  caseId: r.caseId,
  withdrawalOnset: r.withdrawalOnset,
  withdrawalOnsetApproximate: r.withdrawalOnsetApproximate,
  triggers: json<CaseIntake['triggers']>(r.triggers),
  discoveryRoute: r.discoveryRoute as CaseIntake['discoveryRoute'],
  version: r.version,
  recordedBy: r.recordedBy,
  recordedAt: r.recordedAt,
});

export const healthRow = (h: HealthBackground) => ({
  caseId: h.caseId,
  medicalCare: h.medicalCare,
  developmentalDisability: h.developmentalDisability,
  mentalIllness: h.mentalIllness,
  disabilityCertificate: h.disabilityCertificate,
  noteText: h.note?.text ?? null,
  noteVisibility: h.note?.visibility ?? null,
  version: h.version,
  recordedBy: h.recordedBy,
  recordedAt: h.recordedAt,
});

export const healthFromRow = (r: Row.HealthBackground): HealthBackground => ({
  caseId: r.caseId,
  medicalCare: r.medicalCare as HealthBackground['medicalCare'],
  developmentalDisability: r.developmentalDisability as HealthBackground['developmentalDisability'],
  mentalIllness: r.mentalIllness as HealthBackground['mentalIllness'],
  disabilityCertificate: r.disabilityCertificate as HealthBackground['disabilityCertificate'],
  note:
    r.noteText === null
      ? null
      : {
          text: r.noteText,
          visibility: (r.noteVisibility ?? 'normal') as NonNullable<HealthBackground['note']>['visibility'],
        },
  version: r.version,
  recordedBy: r.recordedBy,
  recordedAt: r.recordedAt,
});

export const meetingRow = (m: SupportMeeting) => ({
  id: m.id,
  municipalityCode: m.municipalityCode,
  name: m.name,
  establishedOn: m.establishedOn,
  dissolvedOn: m.dissolvedOn,
});

export const meetingMemberRows = (m: SupportMeeting) =>
  m.members.map((x, i) => ({
    id: `${m.id}:m${i}`,
    meetingId: m.id,
    agencyId: x.agencyId,
    joinedOn: x.joinedOn,
    leftOn: x.leftOn,
  }));

export const meetingCaseRows = (m: SupportMeeting) =>
  m.caseIds.map((x, i) => ({
    id: `${m.id}:c${i}`,
    meetingId: m.id,
    caseId: x.caseId,
    addedOn: x.addedOn,
    removedOn: x.removedOn,
  }));

const byRowOrder = (a: { id: string }, b: { id: string }) => {
  const n = (id: string) => Number(id.slice(id.lastIndexOf(':') + 2));
  return n(a.id) - n(b.id);
};

export const meetingFromRow = (
  r: Row.SupportMeeting & { members: Row.SupportMeetingMember[]; cases: Row.SupportMeetingCase[] },
): SupportMeeting => ({
  id: r.id,
  municipalityCode: r.municipalityCode,
  name: r.name,
  establishedOn: r.establishedOn,
  dissolvedOn: r.dissolvedOn,
  members: [...r.members]
    .sort(byRowOrder)
    .map((x) => ({ agencyId: x.agencyId, joinedOn: x.joinedOn, leftOn: x.leftOn })),
  caseIds: [...r.cases]
    .sort(byRowOrder)
    .map((x) => ({ caseId: x.caseId, addedOn: x.addedOn, removedOn: x.removedOn })),
});

// ─── Case conferences ──────────────────────────────────────────────────────────────────────────────

export const conferenceRow = (c: CaseConference) => ({
  id: c.id,
  organiserAgencyId: c.organiserAgencyId,
  kind: c.kind,
  supportMeetingId: c.supportMeetingId,
  heldOn: c.heldOn,
  title: c.title,
  ...recordedByColumns(c.recordedBy),
  recordedAt: c.recordedAt,
  version: c.version,
});

export const conferenceAttendeeRows = (c: CaseConference) =>
  c.attendees.map((a, position) => ({ conferenceId: c.id, position, ...a }));

const linkColumns = (link: ConferenceDecisionLink | null) => ({
  linkKind: link?.kind ?? null,
  linkedSequence: link && 'sequence' in link ? link.sequence : null,
  linkedId: link?.kind === 'plan' ? link.planId : link?.kind === 'referral' ? link.referralId : null,
});

export const conferenceCaseRows = (c: CaseConference) =>
  c.discussions.map((d, position) => ({
    conferenceId: c.id,
    caseId: d.caseId,
    position,
    decision: d.decision,
    ...linkColumns(d.link),
  }));

function linkOf(r: Row.CaseConferenceCase): ConferenceDecisionLink | null {
  switch (r.linkKind) {
    case 'stageChange':
    case 'closure':
      return { kind: r.linkKind, sequence: r.linkedSequence ?? 0 };
    case 'plan':
      return { kind: 'plan', planId: r.linkedId ?? '' };
    case 'referral':
      return { kind: 'referral', referralId: r.linkedId ?? '' };
    default:
      return null;
  }
}

const byPosition = (a: { position: number }, b: { position: number }) => a.position - b.position;

export const conferenceFromRow = (
  r: Row.CaseConference & { attendees: Row.CaseConferenceAttendee[]; discussions: Row.CaseConferenceCase[] },
): CaseConference => ({
  id: r.id,
  organiserAgencyId: r.organiserAgencyId,
  kind: r.kind as CaseConference['kind'],
  supportMeetingId: r.supportMeetingId,
  heldOn: r.heldOn,
  title: r.title,
  attendees: [...r.attendees]
    .sort(byPosition)
    .map((a) => ({ agencyId: a.agencyId, staffId: a.staffId, name: a.name })),
  discussions: [...r.discussions].sort(byPosition).map((d) => ({
    caseId: d.caseId,
    decision: d.decision as CaseConference['discussions'][number]['decision'],
    link: linkOf(d),
  })),
  recordedBy: recordedByOf(r),
  recordedAt: r.recordedAt,
  version: r.version,
});

// ─── Places, programmes, placements ───────────────────────────────────────────────────────────────

export const placeRow = (p: Place) => ({ ...p });
export const placeFromRow = (r: Row.Place): Place => ({
  id: r.id,
  agencyId: r.agencyId,
  kind: r.kind as Place['kind'],
  name: r.name,
  municipalityCode: r.municipalityCode,
  online: r.online,
  active: r.active,
});

export const programmeRow = (p: Programme) => ({ ...p });
export const programmeFromRow = (r: Row.Programme): Programme => ({
  id: r.id,
  placeId: r.placeId,
  name: r.name,
  audience: r.audience as Programme['audience'],
  allowsOnline: r.allowsOnline,
  frequency: r.frequency,
  active: r.active,
});

export const sessionRow = (s: ProgrammeSession) => ({ ...s });
export const sessionFromRow = (r: Row.ProgrammeSession): ProgrammeSession => ({
  id: r.id,
  programmeId: r.programmeId,
  heldOn: r.heldOn,
  startsAt: r.startsAt,
  durationMinutes: r.durationMinutes,
});

export const attendanceRow = (a: Attendance, recordedAt: Date) => ({
  id: a.id,
  sessionId: a.sessionId,
  caseId: a.caseId,
  attendeeKind: a.attendee.kind,
  attendeeMemberId: a.attendee.kind === 'familyMember' ? a.attendee.householdMemberId : null,
  attendeeKey: a.attendee.kind === 'familyMember' ? `familyMember:${a.attendee.householdMemberId}` : 'person',
  attendedOn: a.attendedOn,
  mode: a.mode,
  recordedAt,
});

export const attendanceFromRow = (r: Row.Attendance): Attendance => ({
  id: r.id,
  sessionId: r.sessionId,
  caseId: r.caseId,
  attendee:
    r.attendeeKind === 'familyMember'
      ? { kind: 'familyMember', householdMemberId: r.attendeeMemberId ?? '' }
      : { kind: 'person' },
  attendedOn: r.attendedOn,
  mode: r.mode as Attendance['mode'],
});

export const placementRow = (p: Placement) => ({
  id: p.id,
  caseId: p.caseId,
  hostPlaceId: p.hostPlaceId,
  kind: p.kind,
  startsOn: p.startsOn,
  endsOn: p.endsOn,
});

export const workdayRows = (p: Placement, recordedAt: Date) =>
  p.workdays.map((w) => ({ placementId: p.id, on: w.on, hours: w.hours, recordedAt }));

export const placementFromRow = (r: Row.Placement & { workdays: Row.PlacementWorkday[] }): Placement => ({
  id: r.id,
  caseId: r.caseId,
  hostPlaceId: r.hostPlaceId,
  kind: r.kind as Placement['kind'],
  startsOn: r.startsOn,
  endsOn: r.endsOn,
  workdays: [...r.workdays]
    .sort((a, b) => a.on.localeCompare(b.on))
    .map((w) => ({ on: w.on, hours: w.hours })),
});

// ─── Audit ────────────────────────────────────────────────────────────────────────────────────────

export const auditRow = (e: AuditEntry) => ({
  id: e.id,
  at: e.at,
  actorStaffId: e.staffId,
  actorAgencyId: e.agencyId,
  actorRole: e.role,
  operation: e.operation,
  entity: e.entity,
  entityId: e.entityId,
  caseId: e.caseId,
  sections: e.sections.join(','),
  outcome: e.outcome,
});

export const auditFromRow = (r: Row.AuditEntry): AuditEntry => ({
  id: r.id,
  at: r.at,
  staffId: r.actorStaffId,
  agencyId: r.actorAgencyId,
  role: r.actorRole as AuditEntry['role'],
  operation: r.operation,
  entity: r.entity,
  entityId: r.entityId,
  caseId: r.caseId,
  sections: r.sections === '' ? [] : (r.sections.split(',') as CaseSection[]),
  outcome: r.outcome as AuditEntry['outcome'],
});

// ─── Records without a case ─────────────────────────────────────────────────────────────────────────

const recordedByColumns = (actor: SupportStageChange['actor']) => ({
  recordedByStaffId: actor.staffId,
  recordedByAgencyId: actor.agencyId,
  recordedByRole: actor.role,
});
const recordedByOf = (r: {
  recordedByStaffId: string;
  recordedByAgencyId: string;
  recordedByRole: string;
}) => ({
  staffId: r.recordedByStaffId,
  agencyId: r.recordedByAgencyId,
  role: r.recordedByRole as SupportStageChange['actor']['role'],
});

export const anonymousConsultationRow = ({ recordedBy, contents, ...rest }: AnonymousConsultation) => ({
  ...rest,
  contents: [...contents],
  ...recordedByColumns(recordedBy),
});

export const anonymousConsultationFromRow = (r: Row.AnonymousConsultation): AnonymousConsultation => ({
  id: r.id,
  agencyId: r.agencyId,
  occurredOn: r.occurredOn,
  channel: r.channel as AnonymousConsultation['channel'],
  consultingParty: r.consultingParty as AnonymousConsultation['consultingParty'],
  contents: json<AnonymousConsultation['contents']>(r.contents),
  ageBand: r.ageBand as AnonymousConsultation['ageBand'],
  sex: r.sex as AnonymousConsultation['sex'],
  municipalityCode: r.municipalityCode,
  durationMinutes: r.durationMinutes,
  recordedBy: recordedByOf(r),
  recordedAt: r.recordedAt,
});

export const headcountRow = ({ recordedBy, ...rest }: SessionHeadcount) => ({
  ...rest,
  ...recordedByColumns(recordedBy),
});

export const headcountFromRow = (r: Row.SessionHeadcount): SessionHeadcount => ({
  sessionId: r.sessionId,
  persons: r.persons,
  familyMembers: r.familyMembers,
  recordedBy: recordedByOf(r),
  recordedAt: r.recordedAt,
  version: r.version,
});

// ─── Supporters ──────────────────────────────────────────────────────────────────────────────────────

export const supporterRow = (x: Supporter) => ({ ...x, followUps: [...x.followUps] });

export const supporterFromRow = (r: Row.Supporter): Supporter => ({
  id: r.id,
  agencyId: r.agencyId,
  displayName: r.displayName,
  municipalityCode: r.municipalityCode,
  trainedOn: r.trainedOn,
  registeredOn: r.registeredOn,
  followUps: json<string[]>(r.followUps),
  status: r.status as Supporter['status'],
  version: r.version,
});

export const dispatchRow = ({ target, activities, ...rest }: SupporterDispatch) => ({
  ...rest,
  caseId: target.kind === 'case' ? target.caseId : null,
  programmeId: target.kind === 'programme' ? target.programmeId : null,
  activities: activities.map((a) => ({ ...a })),
});

export const dispatchFromRow = (r: Row.SupporterDispatch): SupporterDispatch => ({
  id: r.id,
  supporterId: r.supporterId,
  agencyId: r.agencyId,
  target:
    r.caseId !== null
      ? { kind: 'case', caseId: r.caseId }
      : { kind: 'programme', programmeId: r.programmeId ?? '' },
  startsOn: r.startsOn,
  endedOn: r.endedOn,
  activities: json<SupporterDispatch['activities']>(r.activities),
  version: r.version,
});

export const staffAssignmentRow = (a: StaffAssignment) => ({
  id: a.id,
  caseId: a.caseId,
  agencyId: a.agencyId,
  staffId: a.staffId,
  role: a.role,
  startedOn: a.startedOn,
  startedVia: a.startedVia,
  startedByStaffId: a.startedBy.staffId,
  startedByAgencyId: a.startedBy.agencyId,
  startedByRole: a.startedBy.role,
  endedOn: a.endedOn,
  endedVia: a.endedVia,
  endedByStaffId: a.endedBy?.staffId ?? null,
  endedByAgencyId: a.endedBy?.agencyId ?? null,
  endedByRole: a.endedBy?.role ?? null,
  recordedAt: a.recordedAt,
});

export const staffAssignmentFromRow = (r: Row.CaseStaffAssignment): StaffAssignment => ({
  id: r.id,
  caseId: r.caseId,
  agencyId: r.agencyId,
  staffId: r.staffId,
  role: r.role as StaffAssignment['role'],
  startedOn: r.startedOn,
  startedVia: r.startedVia as StaffAssignment['startedVia'],
  startedBy: actorOf({
    actorStaffId: r.startedByStaffId,
    actorAgencyId: r.startedByAgencyId,
    actorRole: r.startedByRole,
  }),
  endedOn: r.endedOn,
  endedVia: r.endedVia as StaffAssignment['endedVia'],
  endedBy:
    r.endedByStaffId !== null && r.endedByAgencyId !== null && r.endedByRole !== null
      ? actorOf({
          actorStaffId: r.endedByStaffId,
          actorAgencyId: r.endedByAgencyId,
          actorRole: r.endedByRole,
        })
      : null,
  recordedAt: r.recordedAt,
});

export const plannedContactRow = (e: PlannedContact) => ({
  id: e.id,
  caseId: e.caseId,
  agencyId: e.agencyId,
  staffId: e.staffId,
  plannedOn: e.plannedOn,
  channel: e.channel,
  note: e.note,
  recordedAt: e.recordedAt,
  sequence: e.sequence,
});

export const plannedContactFromRow = (r: Row.PlannedContact): PlannedContact => ({
  id: r.id,
  caseId: r.caseId,
  agencyId: r.agencyId,
  staffId: r.staffId,
  plannedOn: r.plannedOn,
  channel: r.channel as PlannedContact['channel'],
  note: r.note,
  recordedAt: r.recordedAt,
  sequence: r.sequence,
});
