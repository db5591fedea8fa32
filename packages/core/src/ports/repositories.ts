import type { Agency } from '../agencies/agency.ts';
import type { AgencyKind } from '../agencies/agency-kind.ts';
import type { AgencyInvitation } from '../agencies/invitation.ts';
import type { Area } from '../areas/area.ts';
import type { Assessment, AssessmentSummary } from '../assessments/assessment.ts';
import type { AssessmentCorrection } from '../assessments/assessment-correction.ts';
import type { ChecklistDefinition } from '../assessments/checklist.ts';
import type { CaseState, CaseStatusChange } from '../case-status/case-status.ts';
import type { CaseAgencyChange } from '../cases/case-agencies.ts';
import type { CaseRecord } from '../cases/case-record.ts';
import type { StaffAssignment } from '../cases/staff-assignment.ts';
import type { CaseConference } from '../conferences/case-conference.ts';
import type { AnonymousConsultation, AnonymousConsultationId } from '../contacts/anonymous-consultation.ts';
import type { Contact } from '../contacts/contact.ts';
import type { ContactCorrection } from '../contacts/contact-correction.ts';
import type { PlannedContact } from '../contacts/planned-contact.ts';
import type { IndicatorQuery } from '../indicators/indicator-input.ts';
import type { IndicatorTarget } from '../indicators/indicator-targets.ts';
import type { IndicatorCounts } from '../indicators/indicators.ts';
import type { CaseIntake, HealthBackground } from '../intake/intake.ts';
import type { AgeBand } from '../persons/age-band.ts';
import type { DuplicateLookup } from '../persons/duplicates.ts';
import type { NameSearchTerm } from '../persons/name-search.ts';
import type { Person, PersonSummary } from '../persons/person.ts';
import type { PersonMerge } from '../persons/person-merge.ts';
import type { PersonSearchFilter } from '../persons/person-search.ts';
import type { PlanReviewDue, SupportPlan } from '../plans/support-plan.ts';
import type { Attendance } from '../programmes/attendance.ts';
import type { SessionHeadcount } from '../programmes/headcount.ts';
import type { Place, PlaceKind } from '../programmes/place.ts';
import type { Placement } from '../programmes/placement.ts';
import type { Programme, ProgrammeSession } from '../programmes/programme.ts';
import type { Referral } from '../referrals/referral.ts';
import type { ReferralStatus } from '../referrals/referral-status.ts';
import type { RetentionCandidate } from '../retention/retention.ts';
import type { CaseSection } from '../shared/case-section.ts';
import type { CalendarDate } from '../shared/dates.ts';
import type {
  AgencyId,
  CaseConferenceId,
  CaseId,
  ConsentId,
  ContactId,
  PersonId,
  ReferralId,
  StaffId,
  SupportMeetingId,
} from '../shared/ids.ts';
import type { Consent } from '../sharing/consent.ts';
import type { SupportMeeting } from '../sharing/support-meeting.ts';
import type { FamilyStageChange, SupportStageChange } from '../stages/stage-history.ts';
import type { SupportStage } from '../stages/support-stage.ts';
import type { Supporter, SupporterDispatch } from '../supporters/supporter.ts';
import type { AuditEntry, AuditQuery } from './audit.ts';
import type { Page, PageRequest } from './pagination.ts';

/**
 * The ports: what the use-cases need from storage. Core ships an in-memory implementation
 * (`createInMemoryRegister`); the gateway implements them with Prisma on SQLite and PostgreSQL. Both
 * pass the same contract suite. Every method runs inside the transaction of the `UnitOfWork` that
 * handed out the repositories.
 *
 * Writes that must never be lost silently are guarded: `update` of a versioned record stores it only
 * when the stored version is `record.version - 1`, otherwise it throws `VersionConflictError`.
 * Histories are append-only: there is no method to change or delete an entry.
 */

/** Filters of the caseload list. All given filters must hold (AND). */
export interface CaseListFilter {
  readonly stage?: SupportStage;
  readonly status?: CaseState;
  /** Cases the agency supports, as lead or as a supporting agency. */
  readonly agencyId?: AgencyId;
  readonly leadAgencyId?: AgencyId;
  readonly municipalityCode?: string;
  /** true: the person has been reached at least once (voided contacts aside); false: never. */
  readonly personReached?: boolean;
  /** Cases with a support plan whose review was due before this date and is not done. */
  readonly reviewOverdueOn?: CalendarDate;
  /** Cases with a referral waiting for an answer (sent, not yet accepted or declined). */
  readonly referralPending?: boolean;
  /**
   * Cases whose person's name or kana reading matches every term (`matchesNameSearch` defines the
   * match), among the cases the listing agency supports only: never through a pending referral, so
   * nobody learns a name from a case they merely hold a referral for.
   */
  readonly personName?: readonly NameSearchTerm[];
  /**
   * 年代: cases whose person is in the band on the date (`ageBandOn`; a database uses
   * `ageBandCutoffs`). Like the name search, among the cases the agency supports only.
   */
  readonly ageBand?: { readonly band: AgeBand; readonly on: CalendarDate };
  /**
   * 8050: cases in an 8050 situation on this date (`isEightZeroFiveZero`; a database uses
   * `eightZeroFiveZeroCutoffs`). Among the cases the agency supports only.
   */
  readonly eightZeroFiveZeroOn?: CalendarDate;
  /** 担当: cases this staff member is assigned to now (an open assignment). */
  readonly assignedStaffId?: StaffId;
}

export interface CaseListQuery {
  /**
   * Only cases this agency may see: it leads or supports them, or holds a pending referral for them.
   * Required: no list is ever unscoped.
   */
  readonly visibleToAgencyId: AgencyId;
  readonly filter: CaseListFilter;
  readonly page: PageRequest;
}

export type CaseCountQuery = Omit<CaseListQuery, 'page'>;

export interface CaseRepository {
  get(id: CaseId): Promise<CaseRecord | null>;
  getMany(ids: readonly CaseId[]): Promise<readonly CaseRecord[]>;
  insert(record: CaseRecord): Promise<void>;
  /** Optimistic concurrency: stores only if the stored version is `record.version - 1`. */
  update(record: CaseRecord): Promise<void>;
  /** Newest first by (createdAt, id): a stable order for cursors. */
  list(query: CaseListQuery): Promise<Page<CaseRecord>>;
  /** How many cases `list` would give over all its pages. */
  count(query: CaseCountQuery): Promise<number>;
  /**
   * A page of `list` with what a caseload screen shows of each of its cases, read at once (one
   * statement where the store can): the pages are the same as `list`'s. Nothing is filtered for
   * access here; the use-case decides what the actor may see.
   */
  listCaseload(
    query: CaseListQuery,
    parts: CaseloadPageParts,
    audit?: CaseloadAudit,
  ): Promise<CaseloadPageRows>;
  /** Every case of these persons, by (createdAt, id). */
  listByPersons(personIds: readonly PersonId[]): Promise<readonly CaseRecord[]>;
}

/** Which parts of each listed case `listCaseload` reads besides the cases and their open referrals. */
export interface CaseloadPageParts {
  readonly person: boolean;
  readonly personSummary: boolean;
  readonly lastContact: boolean;
  readonly latestAssessment: boolean;
  readonly latestAssessmentSummary: boolean;
  readonly plans: boolean;
  readonly reviewsDue: boolean;
}

/**
 * The `case.list` audit entries of a caseload page, for a store that can write them in the statement
 * that reads the page, so that they commit before the page is handed back and cost no second round
 * trip (a store that cannot ignores this). One entry per case on the page; its sections depend on the
 * case's rows as read, so the use-case hands over its rules' answer for every relation the actor's
 * agency can have to a listed case.
 */
export interface CaseloadAudit {
  /** Every field of each entry but the case's (`entityId`, `caseId`), the sections and the id. */
  readonly entry: Omit<AuditEntry, 'id' | 'entityId' | 'caseId' | 'sections'>;
  /** The entries' ids, in page order: one per case the page can hold. */
  readonly ids: readonly string[];
  /** The sections listed for a case the actor's agency leads. */
  readonly lead: readonly CaseSection[];
  /** The sections listed for a case the actor's agency supports but does not lead. */
  readonly supporting: readonly CaseSection[];
  /**
   * The sections listed for a case the agency sees through its pending referrals alone, by the
   * sections those referrals share together: at index Σ 2^i over the shared sections' places i in
   * `ALL_CASE_SECTIONS` (2^8 entries).
   */
  readonly byShared: readonly (readonly CaseSection[])[];
}

/** A caseload page as stored: the cases and, for those cases, the parts asked. */
export interface CaseloadPageRows {
  /**
   * The entries written with the page when the store took `CaseloadAudit` (committed by then), as the
   * database returned them: by case, the sections listed. Absent when the store wrote none.
   */
  readonly audited?: readonly { readonly caseId: CaseId; readonly sections: readonly CaseSection[] }[];
  readonly page: Page<CaseRecord>;
  /** Referrals of the page's cases that are sent or accepted (they decide access and are a part). */
  readonly openReferrals: readonly Referral[];
  /** Persons of the page's cases (empty unless asked). */
  readonly persons: readonly Person[];
  /** The same without their household (empty unless asked). */
  readonly personSummaries: readonly PersonSummary[];
  /** The latest contact of each case that has one (empty unless asked). */
  readonly lastContacts: readonly Contact[];
  /** The latest assessment of each case that has one (empty unless asked). */
  readonly latestAssessments: readonly Assessment[];
  /** The same without their answers (empty unless asked). */
  readonly latestAssessmentSummaries: readonly AssessmentSummary[];
  /** Every plan of the page's cases, newest first (empty unless asked). */
  readonly plans: readonly SupportPlan[];
  /** When the review of every plan of the page's cases is due (empty unless asked). */
  readonly reviewsDue: readonly PlanReviewDue[];
}

/** Append-only histories of a case. (caseId, sequence) is unique per track: a second writer fails. */
export interface CaseHistoryRepository {
  appendSupportStage(entry: SupportStageChange): Promise<void>;
  appendFamilyStage(entry: FamilyStageChange): Promise<void>;
  appendStatus(entry: CaseStatusChange): Promise<void>;
  /** Who joined or left the case, in which role, on what basis (written with the case record's change). */
  appendAgencyChanges(entries: readonly CaseAgencyChange[]): Promise<void>;
  supportStages(caseId: CaseId): Promise<readonly SupportStageChange[]>;
  familyStages(caseId: CaseId): Promise<readonly FamilyStageChange[]>;
  statuses(caseId: CaseId): Promise<readonly CaseStatusChange[]>;
  /** Oldest first by sequence. */
  agencyChanges(caseId: CaseId): Promise<readonly CaseAgencyChange[]>;
}

/** 担当者 periods. Opening appends; ending fills in the end of an open period (never reopens one). */
export interface StaffAssignmentRepository {
  /** Every period of the case, oldest first (by startedOn, then recordedAt). */
  ofCase(caseId: CaseId): Promise<readonly StaffAssignment[]>;
  /** The open periods of the given cases: one query for a page. */
  openOfCases(caseIds: readonly CaseId[]): Promise<readonly StaffAssignment[]>;
  /** The open periods of one staff member in one agency (for a rotation). */
  openOfStaff(agencyId: AgencyId, staffId: StaffId): Promise<readonly StaffAssignment[]>;
  /** Ends `ended` (each must still be open, else VersionConflictError) and inserts `opened`. */
  save(change: {
    readonly opened: readonly StaffAssignment[];
    readonly ended: readonly StaffAssignment[];
  }): Promise<void>;
}

/**
 * 当事者検索: persons matching the filter (`matchesPersonSearch` defines the match; a database
 * compares the stored search keys) that have a case the agency leads or supports — never through a
 * pending referral alone. Merged records are never found.
 */
export interface PersonSearchQuery {
  readonly visibleToAgencyId: AgencyId;
  readonly filter: PersonSearchFilter;
  readonly page: PageRequest;
}

export interface PersonRepository {
  get(id: PersonId): Promise<Person | null>;
  getMany(ids: readonly PersonId[]): Promise<readonly Person[]>;
  insert(person: Person): Promise<void>;
  /** Replaces the person and their household members (and the stored search keys). */
  update(person: Person): Promise<void>;
  /** Newest first by (createdAt, id): a stable order for cursors. */
  search(query: PersonSearchQuery): Promise<Page<Person>>;
  /** How many persons `search` gives over all its pages. */
  countSearch(query: Omit<PersonSearchQuery, 'page'>): Promise<number>;
  /**
   * Persons who may be the one looked up (`duplicateLookupOf`): the same reading key, or the same
   * name key and birth date; not merged, not pseudonymised; at most `DUPLICATE_LOOKUP_LIMIT`. The
   * rules (`findDuplicates`) then decide.
   */
  duplicateCandidates(lookup: DuplicateLookup): Promise<readonly Person[]>;
  /** Append-only: one merge per merged person. */
  insertMerge(merge: PersonMerge): Promise<void>;
  /** Merges into or of this person, oldest first. */
  mergesOf(personId: PersonId): Promise<readonly PersonMerge[]>;
  /** Retention only: the record's former attributes and reason replaced (pseudonymised, erased). */
  eraseMerge(mergeId: string, erased: Pick<PersonMerge, 'former' | 'reason'>): Promise<void>;
}

/** How many stored persons a duplicate lookup reads at most. */
export const DUPLICATE_LOOKUP_LIMIT = 50;

/**
 * 受付時の状況 and 心身の状況 of a case, one record each, saved whole. `save*` inserts version 1 or
 * replaces the stored `version - 1`; anything else throws `VersionConflictError`.
 */
export interface IntakeRepository {
  get(caseId: CaseId): Promise<CaseIntake | null>;
  save(intake: CaseIntake): Promise<void>;
  getHealth(caseId: CaseId): Promise<HealthBackground | null>;
  saveHealth(health: HealthBackground): Promise<void>;
}

export interface AgencyListFilter {
  readonly kind?: AgencyKind;
  readonly municipalityCode?: string;
  readonly activeOnly?: boolean;
}

export interface AgencyRepository {
  get(id: AgencyId): Promise<Agency | null>;
  getMany(ids: readonly AgencyId[]): Promise<readonly Agency[]>;
  /** Ordered by name, then id. */
  list(filter: AgencyListFilter): Promise<readonly Agency[]>;
  insert(agency: Agency): Promise<void>;
  update(agency: Agency): Promise<void>;
}

/** 参加招待 of new agencies; the secret itself is never stored, only its hash. */
export interface AgencyInvitationRepository {
  get(id: string): Promise<AgencyInvitation | null>;
  getByTokenHash(tokenHash: string): Promise<AgencyInvitation | null>;
  insert(invitation: AgencyInvitation): Promise<void>;
  /** Optimistic concurrency: stores only if the stored version is `invitation.version - 1`. */
  update(invitation: AgencyInvitation): Promise<void>;
  /** Newest first by (issuedAt, id). */
  list(): Promise<readonly AgencyInvitation[]>;
}

export interface ContactRepository {
  get(id: ContactId): Promise<Contact | null>;
  insert(contact: Contact): Promise<void>;
  /** A case's contacts, newest first by (occurredOn, recordedAt). */
  listByCase(caseId: CaseId): Promise<readonly Contact[]>;
  /**
   * The latest contact of each case that has one (by occurredOn, then recordedAt), voided ones left
   * out: one query for a page.
   */
  latestByCases(caseIds: readonly CaseId[]): Promise<readonly Contact[]>;
  /** A correction (訂正・取消): optimistic concurrency on `version`, as for cases. */
  update(contact: Contact): Promise<void>;
  /** Append-only; (contactId, sequence) is unique. */
  appendCorrection(correction: ContactCorrection): Promise<void>;
  /** The corrections of a case's contacts, by contact then sequence. */
  correctionsByCase(caseId: CaseId): Promise<readonly ContactCorrection[]>;
}

/** 次回支援予定: append-only entries; an agency's plan for a case is its latest entry. */
export interface PlannedContactRepository {
  /** (caseId, sequence) is unique: a second writer of the same sequence gets `VersionConflictError`. */
  append(entry: PlannedContact): Promise<void>;
  /** Every entry of the case (all agencies), oldest first by sequence. */
  ofCase(caseId: CaseId): Promise<readonly PlannedContact[]>;
  /** The agency's latest entry for each given case that has one (a clearing entry included): one query. */
  latestOfCases(agencyId: AgencyId, caseIds: readonly CaseId[]): Promise<readonly PlannedContact[]>;
}

export interface ReferralListFilter {
  readonly caseId?: CaseId;
  readonly caseIds?: readonly CaseId[];
  readonly fromAgencyId?: AgencyId;
  readonly toAgencyId?: AgencyId;
  readonly statuses?: readonly ReferralStatus[];
}

export interface ReferralRepository {
  get(id: ReferralId): Promise<Referral | null>;
  insert(referral: Referral): Promise<void>;
  /** Optimistic concurrency on `version`, and appends the status changes not stored yet. */
  update(referral: Referral): Promise<void>;
  /** Ordered by sentOn, then id. */
  list(filter: ReferralListFilter): Promise<readonly Referral[]>;
}

export interface ConsentRepository {
  get(id: ConsentId): Promise<Consent | null>;
  insert(consent: Consent): Promise<void>;
  update(consent: Consent): Promise<void>;
  listByCase(caseId: CaseId): Promise<readonly Consent[]>;
}

export interface SupportMeetingRepository {
  get(id: SupportMeetingId): Promise<SupportMeeting | null>;
  insert(meeting: SupportMeeting): Promise<void>;
  update(meeting: SupportMeeting): Promise<void>;
  /** Meetings that ever held the case (the legal-basis check looks at dates). */
  listForCase(caseId: CaseId): Promise<readonly SupportMeeting[]>;
  listForAgency(agencyId: AgencyId): Promise<readonly SupportMeeting[]>;
}

/** ケース会議・支援会議の開催記録. */
export interface CaseConferenceRepository {
  get(id: CaseConferenceId): Promise<CaseConference | null>;
  insert(conference: CaseConference): Promise<void>;
  /** Optimistic concurrency: stores only if the stored version is `conference.version - 1`. */
  update(conference: CaseConference): Promise<void>;
  /** Conferences that discussed the case, newest first by (heldOn, recordedAt, id). */
  listByCase(caseId: CaseId): Promise<readonly CaseConference[]>;
  /** Conferences the agency attended (organisers always attend) held in [from, to], newest first. */
  listForAgency(
    agencyId: AgencyId,
    range: { readonly from?: CalendarDate; readonly to?: CalendarDate },
  ): Promise<readonly CaseConference[]>;
}

export interface ChecklistRepository {
  get(id: string, version: number): Promise<ChecklistDefinition | null>;
  /** The highest version of a checklist. */
  latest(id: string): Promise<ChecklistDefinition | null>;
  /** Every version of every checklist, by id then version. */
  list(): Promise<readonly ChecklistDefinition[]>;
  /** A (id, version) pair is written once and never changed: old assessments keep their meaning. */
  insert(definition: ChecklistDefinition): Promise<void>;
}

export interface AssessmentRepository {
  get(id: string): Promise<Assessment | null>;
  insert(assessment: Assessment): Promise<void>;
  /** Newest first by (assessedOn, recordedAt); voided ones too (they stay readable). */
  listByCase(caseId: CaseId): Promise<readonly Assessment[]>;
  /** The latest assessment of each case that has one, voided ones left out: one query for a page. */
  latestByCases(caseIds: readonly CaseId[]): Promise<readonly Assessment[]>;
  /** A correction (訂正・取消): optimistic concurrency on `version`. */
  update(assessment: Assessment): Promise<void>;
  /** Append-only; (assessmentId, sequence) is unique. */
  appendCorrection(correction: AssessmentCorrection): Promise<void>;
  /** The corrections of a case's assessments, by assessment then sequence. */
  correctionsByCase(caseId: CaseId): Promise<readonly AssessmentCorrection[]>;
}

export interface PlanRepository {
  get(id: string): Promise<SupportPlan | null>;
  insert(plan: SupportPlan): Promise<void>;
  /** Optimistic concurrency on `version`. */
  update(plan: SupportPlan): Promise<void>;
  /** Newest first by (createdOn, createdAt). */
  listByCase(caseId: CaseId): Promise<readonly SupportPlan[]>;
  /** The plans of every given case, each case's newest first: one query for a page. */
  listByCases(caseIds: readonly CaseId[]): Promise<readonly SupportPlan[]>;
}

export interface PlaceRepository {
  get(id: string): Promise<Place | null>;
  /** By name, then id. */
  list(filter: { readonly agencyId?: AgencyId; readonly kind?: PlaceKind }): Promise<readonly Place[]>;
  insert(place: Place): Promise<void>;
  update(place: Place): Promise<void>;
}

export interface ProgrammeRepository {
  get(id: string): Promise<Programme | null>;
  listByPlace(placeId: string): Promise<readonly Programme[]>;
  insert(programme: Programme): Promise<void>;
  getSession(id: string): Promise<ProgrammeSession | null>;
  /** Oldest first by heldOn. */
  listSessions(programmeId: string): Promise<readonly ProgrammeSession[]>;
  insertSession(session: ProgrammeSession): Promise<void>;
  insertAttendance(attendance: Attendance): Promise<void>;
  listAttendanceBySession(sessionId: string): Promise<readonly Attendance[]>;
  /** Oldest first by attendedOn. */
  listAttendanceByCase(caseId: CaseId): Promise<readonly Attendance[]>;
  getHeadcount(sessionId: string): Promise<SessionHeadcount | null>;
  /** Inserts version 1; replaces a later version only if the stored one is `version - 1`. */
  saveHeadcount(headcount: SessionHeadcount): Promise<void>;
}

/** 匿名相談: consultations without a case, kept for the indicators. */
export interface AnonymousConsultationRepository {
  get(id: AnonymousConsultationId): Promise<AnonymousConsultation | null>;
  insert(consultation: AnonymousConsultation): Promise<void>;
  /** The agency's consultations in [from, to], newest first by (occurredOn, recordedAt, id). */
  list(
    agencyId: AgencyId,
    range: { readonly from?: CalendarDate; readonly to?: CalendarDate },
  ): Promise<readonly AnonymousConsultation[]>;
}

export interface PlacementRepository {
  get(id: string): Promise<Placement | null>;
  insert(placement: Placement): Promise<void>;
  /** Replaces the placement and its workdays. */
  update(placement: Placement): Promise<void>;
  /** Oldest first by startsOn. */
  listByCase(caseId: CaseId): Promise<readonly Placement[]>;
}

/** ひきこもりサポーター and their dispatches (派遣) with activity records. */
export interface SupporterRepository {
  get(id: string): Promise<Supporter | null>;
  insert(supporter: Supporter): Promise<void>;
  /** Optimistic concurrency on `version`. */
  update(supporter: Supporter): Promise<void>;
  /** The agency's supporters, oldest registration first, then by id. */
  listByAgency(agencyId: AgencyId): Promise<readonly Supporter[]>;
  getDispatch(id: string): Promise<SupporterDispatch | null>;
  insertDispatch(dispatch: SupporterDispatch): Promise<void>;
  /** Optimistic concurrency on `version`. */
  updateDispatch(dispatch: SupporterDispatch): Promise<void>;
  /** Oldest first by (startsOn, id). */
  dispatchesOfSupporter(supporterId: string): Promise<readonly SupporterDispatch[]>;
  /** Dispatches to the case, oldest first by (startsOn, id). */
  dispatchesToCase(caseId: CaseId): Promise<readonly SupporterDispatch[]>;
}

/** Indicator counts over the stored records; a database computes them by aggregation. */
export interface IndicatorRepository {
  counts(query: IndicatorQuery): Promise<IndicatorCounts>;
  /** Municipality codes of the cases in a prefecture (two-digit code), ascending. */
  caseMunicipalities(prefectureCode: string): Promise<readonly string[]>;
  /** 目標値 for one scope (`scopeKeyOf`) and fiscal year, in no particular order. */
  targets(scopeKey: string, fiscalYear: number): Promise<readonly IndicatorTarget[]>;
  /** Records a target, replacing the one of the same scope, fiscal year and indicator. */
  putTarget(target: IndicatorTarget): Promise<void>;
  /** 圏域 of a prefecture, by name. */
  areas(prefectureCode: string): Promise<readonly Area[]>;
  area(id: string): Promise<Area | null>;
  /** Inserts version 1; replaces a later version only if the stored one is `version - 1`. */
  saveArea(area: Area): Promise<void>;
}

/** What the retention run needs beyond the ordinary repositories. */
export interface RetentionRepository {
  /**
   * Persons not yet pseudonymised whose every case is closed on or before `closedOnOrBefore`, with
   * those cases; by person id, after `afterPersonId` (or only `personId`), at most `limit`.
   */
  due(
    closedOnOrBefore: CalendarDate,
    page: {
      readonly afterPersonId?: PersonId | null;
      readonly personId?: PersonId;
      readonly limit: number;
    },
  ): Promise<readonly RetentionCandidate[]>;
  /**
   * Replaces every free text of the case with `replacement`: notes of contacts (and of their earlier
   * versions), correction and void reasons, stage and status changes, consents, plan reviews and the
   * health background; planned-contact notes; plan goals; a referral's reasons and requested service;
   * assessment void and correction reasons.
   * Returns how many texts it replaced. Nothing else changes (dates, codes and counts stay).
   */
  eraseCaseText(caseId: CaseId, replacement: string): Promise<number>;
}

export interface AuditLog {
  append(entries: readonly AuditEntry[]): Promise<void>;
  /** Newest first by (at, id). */
  list(query: AuditQuery, page: PageRequest): Promise<Page<AuditEntry>>;
  /** How many entries `list` gives over all its pages. */
  count(query: AuditQuery): Promise<number>;
}

/** Every repository, bound to one transaction. */
export interface Repositories {
  readonly cases: CaseRepository;
  readonly caseHistory: CaseHistoryRepository;
  readonly assignments: StaffAssignmentRepository;
  readonly persons: PersonRepository;
  readonly intakes: IntakeRepository;
  readonly agencies: AgencyRepository;
  readonly invitations: AgencyInvitationRepository;
  readonly contacts: ContactRepository;
  readonly plannedContacts: PlannedContactRepository;
  readonly anonymousConsultations: AnonymousConsultationRepository;
  readonly referrals: ReferralRepository;
  readonly consents: ConsentRepository;
  readonly supportMeetings: SupportMeetingRepository;
  readonly conferences: CaseConferenceRepository;
  readonly checklists: ChecklistRepository;
  readonly assessments: AssessmentRepository;
  readonly plans: PlanRepository;
  readonly places: PlaceRepository;
  readonly programmes: ProgrammeRepository;
  readonly placements: PlacementRepository;
  readonly supporters: SupporterRepository;
  readonly indicators: IndicatorRepository;
  readonly retention: RetentionRepository;
  readonly audit: AuditLog;
}

/**
 * One transaction around `work`: everything it writes commits together or not at all (a thrown error
 * rolls back). Implementations serialise conflicting writers (SQLite: BEGIN IMMEDIATE; PostgreSQL:
 * row versions) so that a stale write surfaces as `VersionConflictError`.
 */
export interface UnitOfWork {
  transaction<T>(work: (repositories: Repositories) => Promise<T>): Promise<T>;
  /**
   * Reads without an interactive transaction, for use-cases that write nothing but their audit
   * entries (appended once, after the reads). Stores without a cheaper path leave it out and reads
   * run in `transaction`.
   */
  read?<T>(work: (repositories: Repositories) => Promise<T>): Promise<T>;
}
