import { RequestError, type UserError } from './errors.ts';
import {
  AcceptReferralDocument,
  type AcceptReferralInput,
  AddSupportingAgencyDocument,
  type AddSupportingAgencyInput,
  type AddSupportingAgencyMutation,
  type AgencyInvitationFieldsFragment,
  AgencyInvitationsDocument,
  type AgencyRefFragment,
  AmendAssessmentDocument,
  type AmendAssessmentInput,
  AmendContactDocument,
  type AmendContactInput,
  type AreaFieldsFragment,
  AreasDocument,
  type AssessmentCorrectionFieldsFragment,
  type AssessmentFieldsFragment,
  AssessmentHistoryDocument,
  AssignmentHistoryDocument,
  AssignStaffDocument,
  type AssignStaffInput,
  type CaseAgencyPeriodFieldsFragment,
  CaseAgencyPeriodsDocument,
  CaseAtDocument,
  type CaseAtQuery,
  CaseAuditTrailDocument,
  type CaseAuditTrailQuery,
  type CaseAuditTrailQueryVariables,
  CaseConferencesDocument,
  type CaseConferencesQueryVariables,
  CaseDocument,
  type CaseFilter,
  CaseIntakeDocument,
  type CaseIntakeFieldsFragment,
  CaseloadDocument,
  type CaseloadQueryVariables,
  type CaseSummaryFragment,
  ChangeStageDocument,
  type ChangeStageInput,
  ChecklistsDocument,
  type ChecklistsQuery,
  ClearNextContactDocument,
  CompleteReferralDocument,
  type CompleteReferralInput,
  type ConferenceFieldsFragment,
  ConferencesDocument,
  type ConferencesQueryVariables,
  type ContactCorrectionFieldsFragment,
  type ContactFieldsFragment,
  ContactHistoryDocument,
  DeclineReferralDocument,
  type DeclineReferralInput,
  DisclosureExportDocument,
  type DisclosureExportQuery,
  type DisclosureExportQueryVariables,
  DispatchSupporterDocument,
  type DispatchSupporterInput,
  type DuplicateCandidateFieldsFragment,
  HandOverLeadDocument,
  type HandOverLeadInput,
  type HealthBackgroundFieldsFragment,
  type HouseholdMemberFieldsFragment,
  type IndicatorCellFieldsFragment,
  type IndicatorReportFieldsFragment,
  IndicatorsByMunicipalityDocument,
  type IndicatorsByMunicipalityQuery,
  IndicatorsDocument,
  type IndicatorsQueryVariables,
  IssueAgencyInvitationDocument,
  type IssueAgencyInvitationInput,
  LinkConferenceDecisionDocument,
  type LinkConferenceDecisionInput,
  MeDocument,
  type MeQuery,
  MergePersonsDocument,
  type MergePersonsInput,
  OpenCaseDocument,
  type OpenCaseInput,
  type OpenCaseMutation,
  PersonByIdDocument,
  type PersonByIdQuery,
  type PersonFieldsFragment,
  type PersonMergeFieldsFragment,
  type PersonSearchInput,
  PlanNextContactDocument,
  type PlanNextContactInput,
  type PlannedContactFieldsFragment,
  PlannedContactsDocument,
  ReassignStaffCasesDocument,
  type ReassignStaffCasesInput,
  RecordAnonymousConsultationDocument,
  type RecordAnonymousConsultationInput,
  type RecordAnonymousConsultationMutation,
  RecordAssessmentDocument,
  type RecordAssessmentInput,
  RecordConferenceDocument,
  type RecordConferenceInput,
  RecordContactDocument,
  type RecordContactInput,
  RecordHealthBackgroundDocument,
  type RecordHealthBackgroundInput,
  RecordIntakeDocument,
  type RecordIntakeInput,
  RecordSessionHeadcountDocument,
  type RecordSessionHeadcountInput,
  type RecordSessionHeadcountMutation,
  RecordSupporterActivityDocument,
  type RecordSupporterActivityInput,
  RecordSupporterFollowUpDocument,
  type RecordSupporterFollowUpInput,
  RedeemAgencyInvitationDocument,
  type RedeemAgencyInvitationInput,
  type RedeemAgencyInvitationMutation,
  type ReferralFieldsFragment,
  ReferralsDocument,
  type ReferralsQueryVariables,
  RegisterSupporterDocument,
  type RegisterSupporterInput,
  RevokeAgencyInvitationDocument,
  SaveAreaDocument,
  type SaveAreaInput,
  SearchPersonsDocument,
  SendReferralDocument,
  type SendReferralInput,
  SetIndicatorTargetDocument,
  type SetIndicatorTargetInput,
  type SetIndicatorTargetMutation,
  type StaffAssignmentFieldsFragment,
  type SupporterDispatchFieldsFragment,
  type SupporterFieldsFragment,
  SupportersDocument,
  type SupportersQueryVariables,
  type SupportStageEntryFieldsFragment,
  UnassignStaffDocument,
  type UnassignStaffInput,
  VoidAssessmentDocument,
  type VoidAssessmentInput,
  VoidContactDocument,
  type VoidContactInput,
  WithdrawReferralDocument,
  type WithdrawReferralInput,
  WorklistDocument,
  type WorklistQuery,
  type WorklistQueryVariables,
} from './generated/graphql.ts';
import type { MutationResult } from './result.ts';
import {
  GraphQLTransport,
  type TransportOptions,
  type TypedDocument,
  type VariablesArgument,
} from './transport.ts';

export type RegisterClientOptions = TransportOptions;

export type AgencySummary = AgencyRefFragment;
/** A case as the caseload lists it. */
export type CaseSummary = CaseSummaryFragment;
/** A case with its household (null where the actor may not read the household section). */
export type CaseDetails = NonNullable<OpenCaseMutation['openCase']['case']>;
export type HouseholdMember = HouseholdMemberFieldsFragment;
export type Contact = ContactFieldsFragment;
/** 訂正・取消: one correction of a contact, with the record as it stood before. */
export type ContactCorrection = ContactCorrectionFieldsFragment;
export interface CorrectedContact {
  readonly contact: Contact;
  readonly correction: ContactCorrection;
}
/** A contact with its corrections, oldest first (voided ones included, marked). */
export type ContactWithHistory = Contact & { readonly corrections: ContactCorrection[] };
export type Assessment = AssessmentFieldsFragment;
export type StageEntry = SupportStageEntryFieldsFragment;
export type Referral = ReferralFieldsFragment;
export type IndicatorReport = IndicatorReportFieldsFragment;
export type IndicatorCell = IndicatorCellFieldsFragment;
export type Checklist = ChecklistsQuery['checklists']['edges'][number]['node'];
export type SignedInStaff = MeQuery['me'];
/** A case with its supporting agencies, after a change of who takes part in it. */
export type CaseWithAgencies = NonNullable<AddSupportingAgencyMutation['addSupportingAgency']['case']>;
/** One period an agency took part in a case: joined and left on, by whom, on what legal basis. */
export type CaseAgencyPeriod = CaseAgencyPeriodFieldsFragment;
export type CaseAuditEntry = CaseAuditTrailQuery['caseAuditTrail']['edges'][number]['node'];
export type CaseAuditTrailOptions = Omit<CaseAuditTrailQueryVariables, 'caseId'>;
export interface CaseAuditTrailPage {
  readonly entries: CaseAuditEntry[];
  readonly pageInfo: PageInfo;
}
/** 開示 for the person or the family: a CSV for Excel (default) or JSON, as text. */
export type DisclosureRequest = DisclosureExportQueryVariables;
export type DisclosureFile = NonNullable<DisclosureExportQuery['disclosureExport']>;
export type AgencyInvitation = AgencyInvitationFieldsFragment;
export interface IssuedInvitation {
  readonly invitation: AgencyInvitation;
  /** The invitation secret (`hki_…`): hand it to the invitee. Shown this once. */
  readonly token: string;
}
export type RedeemInvitationInput = RedeemAgencyInvitationInput;
export type OnboardedAgency = {
  readonly [K in 'agency' | 'admin' | 'token' | 'tokenExpiresAt']: NonNullable<
    RedeemAgencyInvitationMutation['redeemAgencyInvitation'][K]
  >;
};

/** ケース会議・支援会議 as minuted, with the decision per case and its link once carried out. */
export type Conference = ConferenceFieldsFragment;
export type ConferencesOptions = ConferencesQueryVariables;
export type CaseConferencesOptions = Omit<CaseConferencesQueryVariables, 'id'>;
export interface ConferencesPage {
  readonly conferences: Conference[];
  readonly pageInfo: PageInfo;
}

/** 匿名相談 as recorded: counted in 延べ件数, never in 実人数. */
export type AnonymousConsultation = NonNullable<
  RecordAnonymousConsultationMutation['recordAnonymousConsultation']['consultation']
>;
/** 未登録参加者数 of a session. */
export type SessionHeadcount = NonNullable<
  RecordSessionHeadcountMutation['recordSessionHeadcount']['headcount']
>;

/** ひきこもりサポーター with the day their follow-up training is due. */
export type Supporter = SupporterFieldsFragment;
export type SupporterDispatch = SupporterDispatchFieldsFragment;
export type SupportersOptions = SupportersQueryVariables;
export interface SupportersPage {
  readonly supporters: Supporter[];
  readonly pageInfo: PageInfo;
}

/** 受付時の状況: onset, triggers, how the case came to light, the duration when it was opened. */
export type CaseIntake = CaseIntakeFieldsFragment;
/** 心身の状況 (要配慮個人情報, the health section). */
export type HealthBackground = HealthBackgroundFieldsFragment;
/** Each null when the actor may not read its section or nothing is recorded yet. */
export interface CaseIntakeRecords {
  readonly intake: CaseIntake | null;
  readonly healthBackground: HealthBackground | null;
}

export interface OpenedCase {
  readonly case: CaseDetails;
  /** Null when the case was opened without a first contact. */
  readonly firstContact: Contact | null;
}

/** 重複の疑い: who a new person may be; `person` is null for a record outside the agency's reach. */
export type DuplicateCandidate = DuplicateCandidateFieldsFragment;
/**
 * openCase's result: refused with POSSIBLE_DUPLICATE, it lists the candidates (empty for other
 * refusals). Open for the existing person (`personId`) or confirm another (`confirmNotDuplicate`).
 */
export type OpenCaseResult =
  | { readonly ok: true; readonly value: OpenedCase }
  | {
      readonly ok: false;
      readonly userErrors: readonly UserError[];
      readonly duplicateCandidates: readonly DuplicateCandidate[];
    };

export type Person = PersonFieldsFragment;
/** 名寄せの記録: who merged which record into which, when and why, with its former attributes. */
export type PersonMerge = PersonMergeFieldsFragment;
export type PersonSearch = PersonSearchInput;
export interface PersonSearchPage {
  readonly persons: Person[];
  readonly pageInfo: PageInfo;
  readonly totalCount: number;
}
/** A person by id: a merged id gives the kept person and the merge that leads there. */
export type PersonLookup = NonNullable<PersonByIdQuery['person']>;
export interface MergedPersons {
  readonly person: Person;
  readonly merge: PersonMerge;
}
export type AssessmentCorrection = AssessmentCorrectionFieldsFragment;
export interface CorrectedAssessment {
  readonly assessment: Assessment;
  readonly correction: AssessmentCorrection;
}
/** An assessment with its corrections, oldest first (voided ones included, marked). */
export type AssessmentWithHistory = Assessment & { readonly corrections: AssessmentCorrection[] };

export interface StageMove {
  readonly case: CaseSummary;
  readonly entry: StageEntry;
}

export interface PageInfo {
  readonly hasNextPage: boolean;
  /** Pass as `after` for the next page. */
  readonly endCursor: string | null;
}

export type CaseloadOptions = CaseloadQueryVariables;

export interface CaseloadPage {
  readonly cases: CaseSummary[];
  readonly pageInfo: PageInfo;
  /** How many cases the filter gives over all pages. */
  readonly totalCount: number;
}
/** One 担当者 period of a case (ended ones have `endedOn`). */
export type StaffAssignment = StaffAssignmentFieldsFragment;
/** 異動: how many cases moved, and each of them after the move. */
export interface ReassignedCases {
  readonly movedCount: number;
  readonly cases: CaseSummary[];
}
/** 次回支援予定: an agency's planned next contact of a case (an entry with no date cleared the plan). */
export type PlannedContact = PlannedContactFieldsFragment;
/** The agency's plan in force for the case and every entry of every agency, oldest first. */
export interface CasePlannedContacts {
  readonly next: PlannedContact | null;
  readonly history: PlannedContact[];
}
/** 今日の対応一覧: items most overdue first, and how many of each kind. */
export type Worklist = WorklistQuery['worklist'];
export type WorklistItem = Worklist['items'][number];
/** `on` defaults to today (Asia/Tokyo); `staffId` (supervisors, agency admins) to the signed-in staff member. */
export type WorklistOptions = WorklistQueryVariables;
/** Where a case stood on a date: stage, family stage and status in force then. */
export type CaseOnDate = NonNullable<NonNullable<CaseAtQuery['case']>['at']>;

export type ReferralsOptions = ReferralsQueryVariables;

export interface ReferralsPage {
  readonly referrals: Referral[];
  readonly pageInfo: PageInfo;
}

/**
 * Period (fiscal year or half, a month, 任意の期間 from–to), scope (own agency, a municipality, a 圏域,
 * all) and whether for publishing.
 */
export type IndicatorsQuery = IndicatorsQueryVariables;
/** 市町村別: the figures of each municipality (of a 圏域, or of the prefecture). */
export type MunicipalityIndicators = IndicatorsByMunicipalityQuery['indicatorsByMunicipality'][number];
/** 圏域: a grouping of a prefecture's municipalities. */
export type Area = AreaFieldsFragment;
/** 目標値 of one indicator for one scope and fiscal year. */
export type IndicatorTargetInput = SetIndicatorTargetInput;
export type IndicatorTarget = NonNullable<SetIndicatorTargetMutation['setIndicatorTarget']['target']>;

/** An answer to a referral (accept, decline, complete) or the sender's withdrawal. */
export type ReferralResponse =
  | ({ readonly action: 'accept' } & AcceptReferralInput)
  | ({ readonly action: 'decline' } & DeclineReferralInput)
  | ({ readonly action: 'withdraw' } & WithdrawReferralInput)
  | ({ readonly action: 'complete' } & CompleteReferralInput);

export interface RegisterClient {
  /** 受付: the person, their household, the case and usually the first contact, saved together. */
  openCase(input: OpenCaseInput): Promise<OpenCaseResult>;
  /** 当事者検索: persons on cases the agency leads or supports, newest first (each listed is audited). */
  searchPersons(
    search: PersonSearch,
    page?: { readonly first?: number; readonly after?: string | null },
  ): Promise<PersonSearchPage>;
  /** A person by id; a merged id resolves to the kept person. Throws FORBIDDEN when not visible. */
  person(id: string): Promise<PersonLookup | null>;
  /** 名寄せ by an agency admin or supervisor: cases and household move to the kept person. */
  mergePersons(input: MergePersonsInput): Promise<MutationResult<MergedPersons>>;
  /** 相談・支援記録. */
  recordContact(input: RecordContactInput): Promise<MutationResult<Contact>>;
  /** 受付時の状況 and 心身の状況 of a case (each read is audited); null when the case is not visible. */
  caseIntake(caseId: string): Promise<CaseIntakeRecords | null>;
  /** Saves the intake form whole; pass the version read as `expectedVersion` (none for the first). */
  recordIntake(input: RecordIntakeInput): Promise<MutationResult<CaseIntake>>;
  /** Saves the health background whole, by version like `recordIntake`. */
  recordHealthBackground(input: RecordHealthBackgroundInput): Promise<MutationResult<HealthBackground>>;
  /** 訂正: changes fields of a contact the actor's agency wrote, with the reason; the earlier version stays. */
  amendContact(input: AmendContactInput): Promise<MutationResult<CorrectedContact>>;
  /** 取消: the contact stays readable with the reason and counts nowhere. */
  voidContact(input: VoidContactInput): Promise<MutationResult<CorrectedContact>>;
  /** A case's contacts (up to 100, newest first) with their corrections; null when the contacts are not readable. */
  contactHistory(caseId: string): Promise<ContactWithHistory[] | null>;
  /** A completed checklist, validated against the exact checklist version named. */
  recordAssessment(input: RecordAssessmentInput): Promise<MutationResult<Assessment>>;
  /** 訂正 of an assessment the agency recorded, with the reason and the version read; rescored. */
  amendAssessment(input: AmendAssessmentInput): Promise<MutationResult<CorrectedAssessment>>;
  /** 取消: the assessment stays readable with the reason, and is compared and counted nowhere. */
  voidAssessment(input: VoidAssessmentInput): Promise<MutationResult<CorrectedAssessment>>;
  /** A case's assessments (up to 100, newest first) with their corrections; null when not readable. */
  assessmentHistory(caseId: string): Promise<AssessmentWithHistory[] | null>;
  /** 支援段階の変更 (`changeStage`): forward one step, or back with a reason. */
  moveStage(input: ChangeStageInput): Promise<MutationResult<StageMove>>;
  /** 紹介・引継の送付 (`sendReferral`), citing its legal basis. */
  refer(input: SendReferralInput): Promise<MutationResult<Referral>>;
  /** Accept, decline or complete a referral received, or withdraw one sent. */
  respond(response: ReferralResponse): Promise<MutationResult<Referral>>;
  /** One page of the caseload (担当ケース一覧), newest first. */
  caseload(options?: CaseloadOptions): Promise<CaseloadPage>;
  /** Every case of the caseload matching `filter`, fetched page by page as the loop advances. */
  caseloadAll(
    filter?: CaseFilter,
    options?: { readonly pageSize?: number },
  ): AsyncGenerator<CaseSummary, void, undefined>;
  /** One case; a case that does not exist and one the actor may not see both fail with FORBIDDEN. */
  getCase(id: string): Promise<CaseDetails | null>;
  /** 担当の割当て: a staff member of the actor's agency, or making an assignee 主担当 (`primary: true`). */
  assignStaff(input: AssignStaffInput): Promise<MutationResult<CaseSummary>>;
  /** 担当の解除: a 主担当 leaving hands the role to the longest-serving 副担当. */
  unassignStaff(input: UnassignStaffInput): Promise<MutationResult<CaseSummary>>;
  /** 異動: every open case of one staff member of the agency passes to another, all or nothing. */
  reassignStaffCases(input: ReassignStaffCasesInput): Promise<MutationResult<ReassignedCases>>;
  /** Every 担当者 period of the case, oldest first; null when the actor may not read its summary. */
  assignmentHistory(caseId: string): Promise<StaffAssignment[] | null>;
  /** Where the case stood on `on` (YYYY-MM-DD), from its histories; null before it was opened. */
  caseAt(id: string, on: string): Promise<CaseOnDate | null>;
  /** One page of the agency's referral inbox (INCOMING) or outbox (OUTGOING). */
  referrals(options: ReferralsOptions): Promise<ReferralsPage>;
  /** Every version of every checklist, with the item ids an assessment answers. */
  checklists(): Promise<Checklist[]>;
  /** The signed-in staff member and their agency. */
  me(): Promise<SignedInStaff>;
  /** モニタリング指標: exact for the own agency; beyond it `publishing: true` (small counts suppressed). */
  indicators(query: IndicatorsQuery): Promise<IndicatorReport>;
  /** The same figures as the gateway's CSV for Excel: UTF-8 text starting with a byte order mark. */
  indicatorsCsv(query: IndicatorsQuery): Promise<string>;
  /** One report per municipality (publishing mode): those of a 圏域, or all of the prefecture's. */
  indicatorsByMunicipality(
    period: IndicatorsQuery['period'],
    areaId?: string | null,
  ): Promise<MunicipalityIndicators[]>;
  /** 圏域 of the actor's prefecture. */
  areas(): Promise<Area[]>;
  /** Defines (no id) or changes a 圏域: the network administrator's task. */
  saveArea(input: SaveAreaInput): Promise<MutationResult<Area>>;
  /** 目標値: by the agency's admin for its own figures, by the network administrator otherwise. */
  setIndicatorTarget(input: IndicatorTargetInput): Promise<MutationResult<IndicatorTarget>>;
  /** 協力機関の追加 on a legal basis (named, or any valid one on record), recorded with the period. */
  addSupportingAgency(input: AddSupportingAgencyInput): Promise<MutationResult<CaseWithAgencies>>;
  /** 主担当の交代 without a referral, on a legal basis for the new lead (and for the previous one staying). */
  handOverLead(input: HandOverLeadInput): Promise<MutationResult<CaseWithAgencies>>;
  /** Who took part in the case, when, and on what basis (oldest first); null when the case is not visible. */
  agencyPeriods(caseId: string): Promise<CaseAgencyPeriod[] | null>;
  /** 閲覧記録 of a case, newest first: every agency's reads and writes (the lead agency only). */
  caseAuditTrail(caseId: string, options?: CaseAuditTrailOptions): Promise<CaseAuditTrailPage>;
  /** 開示請求: the person's whole record for the person or family, walled notes withheld. */
  exportDisclosure(request: DisclosureRequest): Promise<DisclosureFile>;
  /** 参加招待 (the network administrator): the invitation and its secret, shown once. */
  issueAgencyInvitation(input: IssueAgencyInvitationInput): Promise<MutationResult<IssuedInvitation>>;
  revokeAgencyInvitation(invitationId: string): Promise<MutationResult<AgencyInvitation>>;
  agencyInvitations(): Promise<AgencyInvitation[]>;
  /** 会議録の登録: every attending agency must be lawfully able to hear each case on the agenda. */
  recordConference(input: RecordConferenceInput): Promise<MutationResult<Conference>>;
  /** 決定事項の実施: the stage change, plan, closure or referral that carried a decision out. */
  linkConferenceDecision(input: LinkConferenceDecisionInput): Promise<MutationResult<Conference>>;
  /** Conferences the agency attended, newest first (optionally held in [from, to]). */
  conferences(options?: ConferencesOptions): Promise<ConferencesPage>;
  /** Conferences that discussed a case; null when its progress record is not visible. */
  caseConferences(caseId: string, options?: CaseConferencesOptions): Promise<ConferencesPage | null>;
  /** 匿名相談の記録: a consultation without a case (no name, no free text). */
  recordAnonymousConsultation(
    input: RecordAnonymousConsultationInput,
  ): Promise<MutationResult<AnonymousConsultation>>;
  /** 未登録参加者数 of a session, by the operator of the place; a correction replaces it. */
  recordSessionHeadcount(input: RecordSessionHeadcountInput): Promise<MutationResult<SessionHeadcount>>;
  /** The agency's supporters; `followUpDueBy` lists those whose follow-up training is due by then. */
  supporters(options?: SupportersOptions): Promise<SupportersPage>;
  registerSupporter(input: RegisterSupporterInput): Promise<MutationResult<Supporter>>;
  /** フォローアップ研修の受講. */
  recordSupporterFollowUp(input: RecordSupporterFollowUpInput): Promise<MutationResult<Supporter>>;
  /** 派遣 to a case (global case id) or a programme. */
  dispatchSupporter(input: DispatchSupporterInput): Promise<MutationResult<SupporterDispatch>>;
  /** 活動記録 under a dispatch. */
  recordSupporterActivity(input: RecordSupporterActivityInput): Promise<MutationResult<SupporterDispatch>>;
  /** 次回支援予定の登録: replaces the agency's planned next contact (also settable with `recordContact`'s `nextContact`). */
  planNextContact(input: PlanNextContactInput): Promise<MutationResult<PlannedContact>>;
  /** Clears the agency's planned next contact of the case; answers the case id. */
  clearNextContact(caseId: string): Promise<MutationResult<string>>;
  /** The planned next contact and its history; null when the case's contacts are not readable. */
  plannedContacts(caseId: string): Promise<CasePlannedContacts | null>;
  /** 今日の対応一覧 of the signed-in staff member (or, for a supervisor, of `staffId`). */
  worklist(options?: WorklistOptions): Promise<Worklist>;
  /** Any other operation, e.g. a `*Document` of this package or one generated elsewhere. */
  request<TResult, TVariables>(
    document: TypedDocument<TResult, TVariables>,
    // NoInfer: the document alone fixes the variables' type; the argument is checked against it.
    ...variables: VariablesArgument<NoInfer<TVariables>>
  ): Promise<TResult>;
}

const MAX_PAGE_SIZE = 100;

const PERIOD_PARAM = {
  FISCAL_YEAR: 'fiscalYear',
  FIRST_HALF: 'firstHalf',
  SECOND_HALF: 'secondHalf',
  MONTH: 'month',
  RANGE: 'range',
} as const;
const SCOPE_PARAM = { AGENCY: 'agency', MUNICIPALITY: 'municipality', AREA: 'area', ALL: 'all' } as const;

/** The CSV route's query parameters for the same query as the GraphQL `indicators` field. */
export function indicatorsCsvParams(query: IndicatorsQuery): Record<string, string> {
  const { period, scope } = query;
  const given = (entries: Record<string, string | number | null | undefined>) =>
    Object.fromEntries(
      Object.entries(entries).flatMap(([k, v]) => (v === null || v === undefined ? [] : [[k, String(v)]])),
    );
  return {
    ...given({ fiscalYear: period.fiscalYear, month: period.month, from: period.from, to: period.to }),
    kind: PERIOD_PARAM[period.kind],
    scope: SCOPE_PARAM[scope.kind],
    ...given({ agencyId: scope.agencyId, municipalityCode: scope.municipalityCode, areaId: scope.areaId }),
    publishing: String(query.publishing),
  };
}

/**
 * A client of the register's gateway. Reads are retried after network failures; mutations are sent
 * once and answer with a `MutationResult`.
 *
 * @example
 * const client = createRegisterClient({ url: 'http://localhost:4000/graphql', token: process.env.REGISTER_TOKEN! });
 * for await (const c of client.caseloadAll({ status: 'ACTIVE' })) console.log(c.id, c.stage);
 */
export function createRegisterClient(options: RegisterClientOptions): RegisterClient {
  const transport = new GraphQLTransport(options);
  const mutate = <TResult, TVariables>(document: TypedDocument<TResult, TVariables>, variables: TVariables) =>
    transport.execute(document, variables, { retry: false });
  const read = <TResult, TVariables>(document: TypedDocument<TResult, TVariables>, variables: TVariables) =>
    transport.execute(document, variables, { retry: true });

  const respond = (response: ReferralResponse) => {
    switch (response.action) {
      case 'accept': {
        const { action: _, ...input } = response;
        return mutate(AcceptReferralDocument, { input }).then((d) => d.acceptReferral);
      }
      case 'decline': {
        const { action: _, ...input } = response;
        return mutate(DeclineReferralDocument, { input }).then((d) => d.declineReferral);
      }
      case 'withdraw': {
        const { action: _, ...input } = response;
        return mutate(WithdrawReferralDocument, { input }).then((d) => d.withdrawReferral);
      }
      case 'complete': {
        const { action: _, ...input } = response;
        return mutate(CompleteReferralDocument, { input }).then((d) => d.completeReferral);
      }
      default:
        throw new TypeError(`unknown referral action ${(response as { action: unknown }).action}`);
    }
  };

  const caseload = async (options: CaseloadOptions = {}): Promise<CaseloadPage> => {
    const { cases } = await read(CaseloadDocument, options);
    return { cases: cases.edges.map((e) => e.node), pageInfo: cases.pageInfo, totalCount: cases.totalCount };
  };

  return {
    openCase: async (input) => {
      const payload = (await mutate(OpenCaseDocument, { input })).openCase;
      const result = settle(payload, (p) => (p.case ? { case: p.case, firstContact: p.firstContact } : null));
      return result.ok ? result : { ...result, duplicateCandidates: payload.duplicateCandidates ?? [] };
    },
    searchPersons: async (search, page = {}) => {
      const { persons } = await read(SearchPersonsDocument, { search, ...page });
      return {
        persons: persons.edges.map((e) => e.node),
        pageInfo: persons.pageInfo,
        totalCount: persons.totalCount,
      };
    },
    person: async (id) => (await read(PersonByIdDocument, { id })).person ?? null,
    mergePersons: async (input) =>
      settle((await mutate(MergePersonsDocument, { input })).mergePersons, (p) =>
        p.person && p.merge ? { person: p.person, merge: p.merge } : null,
      ),
    amendAssessment: async (input) =>
      settle((await mutate(AmendAssessmentDocument, { input })).amendAssessment, (p) =>
        p.assessment && p.correction ? { assessment: p.assessment, correction: p.correction } : null,
      ),
    voidAssessment: async (input) =>
      settle((await mutate(VoidAssessmentDocument, { input })).voidAssessment, (p) =>
        p.assessment && p.correction ? { assessment: p.assessment, correction: p.correction } : null,
      ),
    assessmentHistory: async (id) => {
      const assessments = (await read(AssessmentHistoryDocument, { id })).case?.assessments;
      return assessments
        ? assessments.edges.map(({ node }) => ({ ...node, corrections: node.corrections ?? [] }))
        : null;
    },
    recordContact: async (input) =>
      settle((await mutate(RecordContactDocument, { input })).recordContact, (p) => p.contact),
    caseIntake: async (id) => {
      const found = (await read(CaseIntakeDocument, { id })).case;
      return found
        ? { intake: found.intake ?? null, healthBackground: found.healthBackground ?? null }
        : null;
    },
    recordIntake: async (input) =>
      settle((await mutate(RecordIntakeDocument, { input })).recordIntake, (p) => p.intake),
    recordHealthBackground: async (input) =>
      settle(
        (await mutate(RecordHealthBackgroundDocument, { input })).recordHealthBackground,
        (p) => p.healthBackground,
      ),
    amendContact: async (input) =>
      settle((await mutate(AmendContactDocument, { input })).amendContact, (p) =>
        p.contact && p.correction ? { contact: p.contact, correction: p.correction } : null,
      ),
    voidContact: async (input) =>
      settle((await mutate(VoidContactDocument, { input })).voidContact, (p) =>
        p.contact && p.correction ? { contact: p.contact, correction: p.correction } : null,
      ),
    contactHistory: async (id) => {
      const contacts = (await read(ContactHistoryDocument, { id })).case?.contacts;
      return contacts
        ? contacts.edges.map(({ node }) => ({ ...node, corrections: node.corrections ?? [] }))
        : null;
    },
    recordAssessment: async (input) =>
      settle((await mutate(RecordAssessmentDocument, { input })).recordAssessment, (p) => p.assessment),
    moveStage: async (input) =>
      settle((await mutate(ChangeStageDocument, { input })).changeStage, (p) =>
        p.case && p.entry ? { case: p.case, entry: p.entry } : null,
      ),
    refer: async (input) =>
      settle((await mutate(SendReferralDocument, { input })).sendReferral, (p) => p.referral),
    respond: async (response) => settle(await respond(response), (p) => p.referral),
    caseload,
    async *caseloadAll(filter, { pageSize = MAX_PAGE_SIZE } = {}) {
      let after: string | null = null;
      for (;;) {
        const page: CaseloadPage = await caseload({ first: pageSize, ...(after ? { after } : {}), filter });
        yield* page.cases;
        if (!page.pageInfo.hasNextPage) return;
        // A next page without a cursor would ask for the first page again, forever.
        if (!page.pageInfo.endCursor)
          throw new RequestError('the gateway announced a next page without a cursor', 200);
        after = page.pageInfo.endCursor;
      }
    },
    getCase: async (id) => (await read(CaseDocument, { id })).case,
    assignStaff: async (input) =>
      settle((await mutate(AssignStaffDocument, { input })).assignStaff, (p) => p.case),
    unassignStaff: async (input) =>
      settle((await mutate(UnassignStaffDocument, { input })).unassignStaff, (p) => p.case),
    reassignStaffCases: async (input) =>
      settle((await mutate(ReassignStaffCasesDocument, { input })).reassignStaffCases, (p) =>
        p.movedCount === null || p.cases === null ? null : { movedCount: p.movedCount, cases: p.cases },
      ),
    assignmentHistory: async (id) =>
      (await read(AssignmentHistoryDocument, { id })).case?.assignmentHistory ?? null,
    caseAt: async (id, on) => (await read(CaseAtDocument, { id, on })).case?.at ?? null,
    planNextContact: async (input) =>
      settle((await mutate(PlanNextContactDocument, { input })).planNextContact, (p) => p.plannedContact),
    clearNextContact: async (caseId) =>
      settle(
        (await mutate(ClearNextContactDocument, { input: { caseId } })).clearNextContact,
        (p) => p.case?.id ?? null,
      ),
    plannedContacts: async (id) => {
      const found = (await read(PlannedContactsDocument, { id })).case;
      return found?.plannedContacts ? { next: found.nextContact, history: found.plannedContacts } : null;
    },
    worklist: async (options = {}) => (await read(WorklistDocument, options)).worklist,
    referrals: async (options) => {
      const { referrals } = await read(ReferralsDocument, options);
      return { referrals: referrals.edges.map((e) => e.node), pageInfo: referrals.pageInfo };
    },
    checklists: async () => {
      const all: Checklist[] = [];
      let after: string | null = null;
      do {
        const { checklists }: ChecklistsQuery = await read(ChecklistsDocument, {
          first: MAX_PAGE_SIZE,
          after,
        });
        all.push(...checklists.edges.map((e) => e.node));
        after = checklists.pageInfo.hasNextPage ? checklists.pageInfo.endCursor : null;
      } while (after);
      return all;
    },
    me: async () => (await read(MeDocument, {})).me,
    indicators: async (query) => {
      const { indicators } = await read(IndicatorsDocument, query);
      if (!indicators) throw new RequestError('the gateway answered without an indicator report', 200);
      return indicators;
    },
    indicatorsCsv: (query) => transport.getText('indicators.csv', indicatorsCsvParams(query), 'text/csv'),
    indicatorsByMunicipality: async (period, areaId) =>
      (await read(IndicatorsByMunicipalityDocument, { period, areaId: areaId ?? null }))
        .indicatorsByMunicipality,
    areas: async () => (await read(AreasDocument, {})).areas,
    saveArea: async (input) => settle((await mutate(SaveAreaDocument, { input })).saveArea, (p) => p.area),
    setIndicatorTarget: async (input) =>
      settle((await mutate(SetIndicatorTargetDocument, { input })).setIndicatorTarget, (p) => p.target),
    addSupportingAgency: async (input) =>
      settle((await mutate(AddSupportingAgencyDocument, { input })).addSupportingAgency, (p) => p.case),
    handOverLead: async (input) =>
      settle((await mutate(HandOverLeadDocument, { input })).handOverLead, (p) => p.case),
    agencyPeriods: async (id) => {
      const found = (await read(CaseAgencyPeriodsDocument, { id })).case;
      return found?.history ? found.history.agencyPeriods : null;
    },
    caseAuditTrail: async (caseId, options = {}) => {
      const { caseAuditTrail } = await read(CaseAuditTrailDocument, { caseId, ...options });
      return { entries: caseAuditTrail.edges.map((e) => e.node), pageInfo: caseAuditTrail.pageInfo };
    },
    exportDisclosure: async (request) => {
      const { disclosureExport } = await read(DisclosureExportDocument, request);
      if (!disclosureExport) throw new RequestError('the gateway answered without a disclosure', 200);
      return disclosureExport;
    },
    issueAgencyInvitation: async (input) =>
      settle((await mutate(IssueAgencyInvitationDocument, { input })).issueAgencyInvitation, (p) =>
        p.invitation && p.token ? { invitation: p.invitation, token: p.token } : null,
      ),
    revokeAgencyInvitation: async (invitationId) =>
      settle(
        (await mutate(RevokeAgencyInvitationDocument, { input: { invitationId } })).revokeAgencyInvitation,
        (p) => p.invitation,
      ),
    agencyInvitations: async () => (await read(AgencyInvitationsDocument, {})).agencyInvitations,
    recordConference: async (input) =>
      settle((await mutate(RecordConferenceDocument, { input })).recordConference, (p) => p.conference),
    linkConferenceDecision: async (input) =>
      settle(
        (await mutate(LinkConferenceDecisionDocument, { input })).linkConferenceDecision,
        (p) => p.conference,
      ),
    conferences: async (options = {}) => {
      const { conferences } = await read(ConferencesDocument, options);
      return { conferences: conferences.edges.map((e) => e.node), pageInfo: conferences.pageInfo };
    },
    caseConferences: async (caseId, options = {}) => {
      const found = (await read(CaseConferencesDocument, { id: caseId, ...options })).case?.conferences;
      return found ? { conferences: found.edges.map((e) => e.node), pageInfo: found.pageInfo } : null;
    },
    recordAnonymousConsultation: async (input) =>
      settle(
        (await mutate(RecordAnonymousConsultationDocument, { input })).recordAnonymousConsultation,
        (p) => p.consultation,
      ),
    recordSessionHeadcount: async (input) =>
      settle(
        (await mutate(RecordSessionHeadcountDocument, { input })).recordSessionHeadcount,
        (p) => p.headcount,
      ),
    supporters: async (options = {}) => {
      const { supporters } = await read(SupportersDocument, options);
      return { supporters: supporters.edges.map((e) => e.node), pageInfo: supporters.pageInfo };
    },
    registerSupporter: async (input) =>
      settle((await mutate(RegisterSupporterDocument, { input })).registerSupporter, (p) => p.supporter),
    recordSupporterFollowUp: async (input) =>
      settle(
        (await mutate(RecordSupporterFollowUpDocument, { input })).recordSupporterFollowUp,
        (p) => p.supporter,
      ),
    dispatchSupporter: async (input) =>
      settle((await mutate(DispatchSupporterDocument, { input })).dispatchSupporter, (p) => p.dispatch),
    recordSupporterActivity: async (input) =>
      settle(
        (await mutate(RecordSupporterActivityDocument, { input })).recordSupporterActivity,
        (p) => p.dispatch,
      ),
    request: (document, ...[variables]) => transport.execute(document, variables),
  };
}

/**
 * 招待の利用: registers the invitee's agency and its first admin with an invitation secret, and gives
 * that admin's first API token. Needs no token of its own (the invitee has no account yet); the
 * mutation is sent once, never retried.
 *
 * @example
 * const joined = await redeemAgencyInvitation({ url }, { token: 'hki_…', agency: { kind: 'PRIVATE_SUPPORT_ORGANISATION', name: '…', municipalityCode: '242012' }, admin: { displayName: '…' } });
 * if (joined.ok) createRegisterClient({ url, token: joined.value.token });
 */
export async function redeemAgencyInvitation(
  options: Omit<RegisterClientOptions, 'token'>,
  input: RedeemInvitationInput,
): Promise<MutationResult<OnboardedAgency>> {
  const transport = new GraphQLTransport(options);
  const payload = (await transport.execute(RedeemAgencyInvitationDocument, { input }, { retry: false }))
    .redeemAgencyInvitation;
  return settle(payload, (p) =>
    p.agency && p.admin && p.token && p.tokenExpiresAt
      ? { agency: p.agency, admin: p.admin, token: p.token, tokenExpiresAt: p.tokenExpiresAt }
      : null,
  );
}

/** A payload as a result: its refusals, or the value `pick` finds in it. */
function settle<P extends { readonly userErrors: readonly UserError[] }, T>(
  payload: P,
  pick: (payload: P) => T | null | undefined,
): MutationResult<T> {
  if (payload.userErrors.length > 0) return { ok: false, userErrors: payload.userErrors };
  const value = pick(payload);
  // Accepted without the changed record: the gateway broke its own contract.
  if (value === null || value === undefined)
    throw new RequestError('the gateway accepted the change but returned no record', 200);
  return { ok: true, value };
}
